"""Each point of the mentor issue, as a trader's day driven through the Engine (Jakarta time, paper broker).

Expected figures are computed by hand from the contract (EURUSD: 1 pip = 10 USD per lot, spread 1.2 pips,
so a 0.5 lot opened and closed in the same minute loses 6.00 USD) or summed from the journal records the
scenario produced; every number the mentor prints must equal them, in Bahasa Indonesia and in English.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest

from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import number, render
from qbx_engine.mentor import EMOTIONS
from tests.mentor.conftest import both

THU, FRI, SAT = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)
SPREAD_LOSS_HALF_LOT = -6.00  # 0.5 lot EURUSD in and out at once: 1.2 pips x 10 USD x 0.5


def r2(values) -> float:
    """The mean of journal figures to two decimals, half away from zero (how the mentor rounds ratios)."""
    values = [Decimal(repr(v)) for v in values]
    return float((sum(values) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money(value: float, lang: str) -> str:
    return number(value, 2, lang)


def signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else "") + number(value, 2, lang)


def codes(report: dict, section: str) -> list[str]:
    return [f["code"] for f in report[section]["findings"]]


def lines(report: dict) -> list[str]:
    return [line for text in both(report).values() for line in text.splitlines()]


# -- 1. consistency is judged by risk per trade, not by lots ---------------------------------------
def test_two_bots_risking_one_percent_with_different_lots_are_consistent(desk):
    eng = desk.engine
    tight = desk.bot("EURUSD tight stop", sl=20, tp=40, timeframe="M5")
    wide = desk.bot("EURUSD wide stop", sl=60, tp=120, timeframe="M5")
    desk.note(THU, "13:50", "tenang", "trending", "Dua bot, satu aturan risiko.")
    desk.bot_trade(tight, THU, "14:05", "14:35", "win", mark="tight")
    desk.bot_trade(wide, THU, "14:05", "14:50", "win", mark="wide")
    trades = desk.run()
    # 1% of 10,000 = 100 USD: 100 / (20 pips x 10 USD) = 0.50 lot; 100 / (60 x 10) = 0.166 -> 0.16 lot = 96 USD
    assert (trades["tight"]["volume"], trades["tight"]["risk_money"], trades["tight"]["risk_pct"]) == (0.5, 100.0, 1.0)
    assert (trades["wide"]["volume"], trades["wide"]["risk_money"], trades["wide"]["risk_pct"]) == (0.16, 96.0, 0.96)
    report = eng.mentor.report(THU)
    assert "inconsistent_risk" not in codes(report, "manajemen_risiko")
    assert report["disiplin"] == {"disciplined": True, "score": 10, "broken": []}
    net = round(trades["tight"]["net_profit"] + trades["wide"]["net_profit"], 2)
    assert report["motivasi"] == {"key": "mentor.motivation.discipline_win", "params": {"amount": net, "cur": "USD"}}
    text = both(report)
    assert "- ✓ Risiko per trade konsisten: 0,96%–1,00% saldo (2 trade dengan risiko tercatat)." in text["id"]
    assert "- ✓ Risk per trade was consistent: 0.96%–1.00% of the balance (2 trades with a recorded risk)." \
        in text["en"]
    assert f"Profit {money(net, 'id')} USD dengan disiplin penuh" in text["id"]
    assert f"{money(net, 'en')} USD profit with full discipline" in text["en"]
    assert "lot" not in text["id"].split("**Manajemen risiko**")[1].lower()


def test_one_trader_changing_risk_trade_to_trade_is_inconsistent(desk):
    desk.manual(THU, "14:00", "14:00", lot=0.5, sl_pips=20, side="buy", mark="small")   # 100 USD at risk, 1%
    desk.manual(THU, "15:00", "15:00", lot=0.5, sl_pips=60, side="buy", mark="big")     # 300 USD at risk, 3%
    trades = desk.run()
    assert (trades["small"]["risk_money"], trades["big"]["risk_money"]) == (100.0, 300.0)
    report = desk.engine.mentor.report(THU)
    found = {f["code"]: f for f in report["manajemen_risiko"]["findings"]}
    assert found["inconsistent_risk"]["tickets"] == [trades["big"]["position_id"]]
    low, high = trades["small"]["risk_pct"], trades["big"]["risk_pct"]
    text = both(report)
    assert (f"Trade manual: risiko per trade naik-turun dari {money(low, 'id')}% sampai {money(high, 'id')}% saldo "
            "(100,00–300,00 USD). 1 trade berisiko dua kali lipat atau lebih dari yang terkecil: hasil -6,00 USD.") \
        in text["id"]
    assert (f"Manual trades: risk per trade swung from {money(low, 'en')}% to {money(high, 'en')}% of the balance "
            f"(100.00–300.00 USD). The 1 trade risking twice the smallest or more: net -6.00 USD.") in text["en"]


# -- 2. the real risk at entry is judged, whatever a bot's settings say --------------------------
def test_one_lot_with_a_fifty_pip_stop_on_ten_thousand_is_five_percent(desk):
    desk.manual(THU, "14:05", "14:05", lot=1.0, sl_pips=50, side="buy", mark="big")
    trades = desk.run()
    # 50 pips x 10 USD x 1.00 lot = 500 USD = 5% of 10,000; spread 1.2 pips x 10 USD = -12.00
    assert (trades["big"]["risk_money"], trades["big"]["risk_pct"], trades["big"]["net_profit"]) == (500.0, 5.0, -12.0)
    report = desk.engine.mentor.report(THU)
    assert "high_risk" in codes(report, "manajemen_risiko") and "high_risk" in report["disiplin"]["broken"]
    assert report["manajemen_risiko"]["max_risk_percent"] == 5.0
    text = both(report)
    assert ("- ✗ Satu-satunya trade merisikokan lebih dari 2% saldo. Tertinggi: Trade manual, EURUSD pukul 14:05, "
            "1 lot dengan SL 50 pip = 5,00% saldo (500,00 USD). Hasil trade berisiko tinggi: -12,00 USD.") in text["id"]
    assert ("- ✗ The only trade risked more than 2% of the balance. Highest: Manual trades, EURUSD at 14:05, 1 lot "
            "with a 50-pip stop = 5.00% of the balance (500.00 USD). Net of the high-risk trades: -12.00 USD.") \
        in text["en"]
    # 2% of the balance with the same stop: 1.00 x 2 / 5 = 0.40 lot
    assert ("Trade manual: risiko maksimal 2% per trade. Dengan SL 50 pip, itu berarti maksimal 0,4 lot EURUSD, "
            "bukan 1 lot. — biaya 12,00 USD") in text["id"]
    assert "With a 50-pip stop that is at most 0.4 lots of EURUSD, not 1 lot. — cost 12.00 USD" in text["en"]


def test_a_trade_without_recorded_risk_is_said_so_not_guessed(desk):
    desk.manual(THU, "14:05", "14:05", lot=0.5, sl_pips=None, side="buy", mark="naked")
    trades = desk.run()
    assert trades["naked"]["risk_money"] is None and trades["naked"]["risk_pct"] is None
    report = desk.engine.mentor.report(THU)
    assert report["manajemen_risiko"]["risk_known"] == 0 and report["pola_trading"]["expectancy_r"] is None
    text = both(report)
    assert "- ✗ Satu-satunya trade tanpa stop loss (Trade manual: 1); hasilnya -6,00 USD." in text["id"]
    assert "- ✗ The only trade had no stop loss (Manual trades: 1): net -6.00 USD." in text["en"]
    assert "Expectancy" not in text["en"].split("**By bot")[0]


# -- 3. the trader's daily trade limit ------------------------------------------------------------
def test_daily_limit_judges_overtrading_and_stops_instant_advice(desk):
    eng = desk.engine
    eng.update_settings(mentor_max_trades_per_day=3)
    for hhmm in ("14:00", "14:40", "15:20", "16:00", "16:40"):  # 40 minutes apart: no tilt, same size: no revenge
        desk.manual(THU, hhmm, hhmm, lot=0.5, sl_pips=20, side="buy")
    trades = desk.run()
    assert [x["net_profit"] for x in trades.values()] == [SPREAD_LOSS_HALF_LOT] * 5
    report = eng.mentor.report(THU)
    found = {f["code"]: f for f in report["pola_trading"]["findings"]}
    assert found["over_limit"]["cost"] == -12.0 and "tilt" not in found and "revenge" not in found
    assert found["over_limit"]["tickets"] == [x["position_id"] for x in trades.values()][3:]
    assert report["disiplin"]["score"] == 8 and report["rekomendasi"][0]["finding"] == "over_limit"
    text = both(report)
    assert ("- ✗ Melewati batas harian Anda: 5 trade, padahal batasnya 3 (Trade manual: 5). 2 trade di atas batas: "
            "hasil -12,00 USD.") in text["id"]
    assert ("- ✗ Over your daily limit: 5 trades against a limit of 3 (Manual trades: 5). The 2 trades beyond it: net "
            "-12.00 USD.") in text["en"]
    assert "1. Berhenti di 3 trade per hari, sesuai batas yang Anda tetapkan sendiri. — biaya 12,00 USD" in text["id"]
    advice = eng.mentor.feedback("tenang")
    assert advice[0]["key"] == "mentor.now.limit_reached"
    assert render(advice[0], "id").startswith("Batas Anda 3 trade per hari sudah tercapai (5 trade hari ini).")
    assert render(advice[0], "en").startswith("You have reached your limit of 3 trades a day (5 trades today).")
    assert render(advice[-1], "id") == "Hari ini sejauh ini: 5 trade, hasil -30,00 USD."
    # Without a limit and without enough history of their own, there is no overtrading verdict.
    eng.update_settings(mentor_max_trades_per_day=0)
    report = eng.mentor.report(THU)
    assert not {"over_limit", "overtrading"} & set(codes(report, "pola_trading"))
    assert eng.mentor.feedback("tenang")[0]["key"] == "mentor.now.steady"


@pytest.mark.parametrize("value", [-1, 1001, 2.5, "10", True])
def test_daily_limit_setting_refuses_bad_values(desk, value):
    with pytest.raises(ValidationError) as refused:
        desk.engine.update_settings(mentor_max_trades_per_day=value)
    problem = refused.value.field_errors["mentor_max_trades_per_day"]
    assert "0 sampai 1000" in render(problem, "id") and "0 to 1000" in render(problem, "en")
    assert desk.engine.get_settings()["mentor_max_trades_per_day"] == 0


# -- 4. instant advice never contradicts the day --------------------------------------------------
@pytest.mark.parametrize("emotion", EMOTIONS)
def test_after_three_quick_losses_by_hand_every_feeling_gets_stop(desk, emotion):
    for hhmm in ("20:05", "20:15", "20:30"):
        desk.manual(THU, hhmm, hhmm, lot=0.5, sl_pips=20, side="buy")
    desk.run()
    advice = desk.engine.mentor.feedback(emotion)
    assert advice[0]["key"] == "mentor.now.stop_tilt"
    assert "mentor.now.steady" not in [a["key"] for a in advice]
    assert render(advice[0], "id") == ("Berhenti trading manual untuk hari ini: 3 kali rugi berturut-turut "
                                       "(20:05–20:30, rugi 18,00 USD). Di titik inilah tilt dimulai, apa pun yang Anda "
                                       "rasakan sekarang.")
    assert render(advice[0], "en") == ("Stop trading by hand for today: 3 losses in a row (20:05–20:30, 18.00 USD "
                                       "lost). This is where tilt starts, whatever you feel right now.")
    report = desk.engine.mentor.report(THU)
    assert report["rekomendasi"][0]["finding"] == "tilt" and report["rekomendasi"][0]["cost"] == -18.0


def test_after_a_revenge_trade_advice_is_to_stop(desk):
    desk.manual(THU, "14:00", "14:00", lot=0.5, sl_pips=20, side="buy")   # risks 100 USD, loses 6.00
    desk.manual(THU, "14:10", "14:10", lot=1.0, sl_pips=20, side="buy")   # 10 min later, risks 200 USD, loses 12.00
    desk.run()
    advice = desk.engine.mentor.feedback("percaya_diri")
    assert [a["key"] for a in advice[:2]] == ["mentor.now.revenge_today", "mentor.now.calm_but"]
    assert render(advice[0], "id").startswith("Hari ini sudah ada 1 trade balas dendam (hasil -12,00 USD).")
    assert render(advice[0], "en").startswith("Today already has 1 revenge trade (net -12.00 USD).")
    assert render(advice[1], "id") == ("Merasa percaya diri itu baik, tapi angka hari ini lebih penting daripada "
                                       "perasaan: ikuti saran di atas.")
    text = both(desk.engine.mentor.report(THU))
    assert ("Balas dendam — Trade manual, 14:10: entry 10 menit setelah rugi 6,00 USD, dengan risiko 2,0× lebih besar "
            "(200,00 vs 100,00 USD). Total 1 trade balas dendam, hasil -12,00 USD.") in text["id"]
    assert ("Revenge trading — Manual trades, 14:10: an entry 10 minutes after a 6.00 USD loss, at 2.0× the risk "
            "(200.00 vs 100.00 USD). 1 revenge trade in all, net -12.00 USD.") in text["en"]


# -- 5. every logged emotion gets a sentence; empty sections say so --------------------------------
def test_every_note_gets_a_sentence_with_the_trades_around_it(desk):
    eng = desk.engine
    desk.note(THU, "13:50", "tenang", "trending", "Tidur cukup, rencana jelas.")
    desk.manual(THU, "14:00", "14:00", lot=0.5, sl_pips=20, side="buy")
    desk.manual(THU, "14:45", "14:45", lot=0.5, sl_pips=20, side="buy")
    desk.manual(FRI, "21:00", "21:00", lot=0.5, sl_pips=20, side="buy")
    desk.note(FRI, "22:00", "percaya_diri", "volatile", "Mata berat.", after="lelah")
    desk.note(SAT, "09:00", "bosan", "ranging", "Pasar tutup, ingin trading.")
    desk.run()
    thursday, friday, saturday = (both(eng.mentor.report(day)) for day in (THU, FRI, SAT))
    assert ("- ✓ 13:50 — sebelum trading Anda merasa tenang; pasar Anda tandai trending. Tenang adalah kondisi terbaik "
            "untuk menjalankan rencana. Sesudah catatan ini: 2 trade, hasil -12,00 USD.") in thursday["id"]
    assert ("- ✓ 13:50 — before trading you felt calm; you marked the market trending. Calm is the best state to run "
            "your plan in. After this note: 2 trades, net -12.00 USD.") in thursday["en"]
    assert ("- ⚠ 22:00 — percaya diri → lelah; pasar Anda tandai volatil. Lelah menurunkan kualitas keputusan: "
            "berhenti lebih awal lebih murah. Sebelum catatan ini: 1 trade, hasil -6,00 USD.") in friday["id"]
    assert ("- ⚠ 22:00 — confident → tired; you marked the market volatile. Fatigue lowers decision quality: stopping "
            "earlier is cheaper. Before this note: 1 trade, net -6.00 USD.") in friday["en"]
    assert "Anda mencatat lelah, lalu hari itu ditutup dengan rugi 6,00 USD" in friday["id"]
    # A day with a note and no trade still answers the note.
    assert "Belum ada trade yang ditutup pada hari ini." in saturday["id"]
    assert ("09:00 — sebelum trading Anda merasa bosan; pasar Anda tandai sideways (ranging). Bosan membuat kita "
            "memaksakan setup yang sebenarnya tidak ada. Belum ada trade yang terkait dengan catatan ini.") \
        in saturday["id"]
    assert "Tidak ada catatan." not in thursday["id"] + friday["id"] + saturday["id"]
    # The week had no costly habit: its section says so.
    week = both(eng.mentor.weekly(THU))
    assert "**Kebiasaan termahal**\n- Tidak ada temuan." in week["id"]
    assert "**The most costly habit**\n- No findings." in week["en"]
    assert "Perasaan tenang: dicatat pada 1 hari; hari-hari itu 2 trade, hasil -12,00 USD." in week["id"]
    assert "Feeling bored: logged on 1 day; no trades on those days. Boredom makes us force" in week["en"]


# -- 6. a bot's losing run is a question about the bot; a person's is tilt ------------------------
def test_trend_bot_whipsawed_in_a_ranging_market_is_told_to_pause_not_to_stop_trading(desk):
    eng = desk.engine
    scalper = desk.bot("Scalper EURUSD", strategy="ma_crossover", timeframe="M1", sl=20, tp=40)
    desk.note(THU, "13:50", "tenang", "ranging", "EURUSD sempit sekali hari ini.")
    for opened, closed in (("14:05", "14:06"), ("14:10", "14:11"), ("14:20", "14:21")):
        desk.bot_trade(scalper, THU, opened, closed, "loss")
    trades = list(desk.run().values())
    lost = round(sum(x["net_profit"] for x in trades), 2)
    report = eng.mentor.report(THU)
    found = {f["code"]: f for f in report["pola_trading"]["findings"]}
    assert "tilt" not in found and found["bot_wrong_market"]["tickets"] == [x["position_id"] for x in trades]
    assert found["bot_wrong_market"]["cost"] == lost
    assert report["disiplin"]["score"] == 10 and report["rekomendasi"][0]["finding"] == "bot_wrong_market"
    window = f"14:05–{datetime.fromtimestamp(trades[-1]['close_time'], ZoneInfo('Asia/Jakarta')):%H:%M}"
    text = both(report)
    assert (f"Scalper EURUSD, {window}: 3 kali rugi berturut-turut saat Anda menandai pasar sideways (ranging); "
            f"strategi tren memang lemah di pasar seperti ini. Rugi {money(-lost, 'id')} USD. Sesudahnya tidak ada "
            "trade lagi.") in text["id"]
    assert (f"Scalper EURUSD, {window}: 3 losses in a row while you had marked the market ranging; a trend strategy "
            f"is weak in such a market. {money(-lost, 'en')} USD lost. No trade after it.") in text["en"]
    assert (f"1. Jeda bot Scalper EURUSD selama pasar sideways (ranging); jalankan lagi saat pasar kembali trending. "
            f"— biaya {money(-lost, 'id')} USD") in text["id"]
    assert "1. Pause bot Scalper EURUSD while the market is ranging; resume it when the market is trending again." \
        in text["en"]
    assert "Berhenti trading" not in text["id"] and "Stop trading" not in text["en"]
    advice = eng.mentor.feedback("frustrasi")
    assert [a["key"] for a in advice[:2]] == ["mentor.now.bot_wrong_market", "mentor.now.frustrated"]
    assert render(advice[0], "id").endswith("Jeda bot ini sampai pasar kembali trending.")
    assert "mentor.now.stop_for_day" not in [a["key"] for a in advice]


def test_the_same_run_by_hand_is_tilt(desk):
    desk.note(THU, "13:50", "tenang", "ranging", "EURUSD sempit sekali hari ini.")
    for hhmm in ("14:05", "14:10", "14:20"):
        desk.manual(THU, hhmm, hhmm, lot=0.5, sl_pips=20, side="buy")
    desk.run()
    report = desk.engine.mentor.report(THU)
    assert "tilt" in codes(report, "pola_trading") and "bot_wrong_market" not in codes(report, "pola_trading")
    text = both(report)
    assert ("1. Trade manual: setelah 3 kali rugi beruntun, berhenti trading manual untuk hari itu dan evaluasi besok "
            "dengan kepala dingin. — biaya 18,00 USD") in text["id"]
    assert "- ✗ Tilt — Manual trades, 14:05–14:20: 3 losses in a row, 18.00 USD lost. No trade after it." in text["en"]


# -- 7. no tick on a losing edge, words in the right number, no double negatives -----------------
def test_a_single_winning_trade_reads_in_the_singular(desk):
    desk.note(THU, "13:00", "tenang", "trending", "Satu setup saja.")
    desk.manual(THU, "14:00", "14:30", lot=0.5, sl_pips=20, outcome="win", mark="one")
    trade = desk.run()["one"]
    text = both(desk.engine.mentor.report(THU))
    net = trade["net_profit"]
    assert f"- ✓ 1 trade, 1 profit (win rate 100%), hasil bersih {signed(net, 'id')} USD." in text["id"]
    assert f"- ✓ 1 trade, 1 winner (win rate 100%), net result {signed(net, 'en')} USD." in text["en"]
    assert "- ✓ Satu-satunya trade memakai stop loss." in text["id"]
    assert "- ✓ The only trade had a stop loss." in text["en"]
    assert "1 trade (1 won, 0 lost)" in text["en"] and "1 trade (1 profit, 0 rugi)" in text["id"]
    for wrong in ("1 winners", "1 trades", "All 1 ", "Semua 1 ", "(s)", "1 losses", "1 wins "):
        assert wrong not in text["en"] + text["id"]


def test_a_losing_edge_gets_no_tick_and_losses_are_not_negated_twice(desk):
    desk.note(THU, "13:00", "takut", "volatile", "Ragu-ragu.")
    desk.manual(THU, "14:00", "14:30", lot=0.1, sl_pips=20, outcome="win", mark="win")
    desk.manual(THU, "15:00", "15:00", lot=1.0, sl_pips=20, side="buy", mark="loss1")
    desk.manual(THU, "16:00", "16:00", lot=1.0, sl_pips=20, side="buy", mark="loss2")
    trades = desk.run()
    win = trades["win"]["net_profit"]
    assert (trades["loss1"]["net_profit"], trades["loss2"]["net_profit"]) == (-12.0, -12.0)
    profit_factor = round(win / 24.0, 2)
    assert profit_factor < 1
    net = round(win - 24.0, 2)
    report = desk.engine.mentor.report(THU)
    text = both(report)
    assert (f"- ⚠ Rata-rata profit {money(win, 'id')} vs rata-rata rugi 12,00 USD; profit factor "
            f"{money(profit_factor, 'id')}: setiap 1 USD yang hilang hanya kembali {money(profit_factor, 'id')} USD.") \
        in text["id"]
    assert f"- ⚠ Average win {money(win, 'en')} vs average loss 12.00 USD; profit factor {money(profit_factor, 'en')}" \
        in text["en"]
    assert f"ditutup dengan rugi {money(-net, 'id')} USD" in text["id"]
    assert f"the day closed {money(-net, 'en')} USD down" in text["en"]
    for line in lines(report):
        assert not any(f"{word} -" in line for word in ("rugi", "lost", "loss", "cost", "biaya", "down"))
        assert not line.startswith("- ✓ Rata-rata profit") and not line.startswith("- ✓ Average win")


# -- the report's tables and figures: who, when, what it cost ---------------------------------------
def test_a_mixed_day_names_who_when_and_what_it_cost(desk):
    eng = desk.engine
    scalper = desk.bot("Scalper EURUSD", strategy="ma_crossover", timeframe="M5", sl=20, tp=40)
    rsi = desk.bot("RSI GBPUSD", market="GBPUSD", strategy="rsi_reversal", timeframe="M15", sl=20, tp=30)
    gold = desk.bot("Gold Breakout", market="XAUUSD", strategy="donchian_breakout", timeframe="M15", risk=0.5,
                    sl=150, tp=300)
    desk.note(THU, "13:30", "tenang", "ranging", "Pasar sempit.")
    for opened, closed in (("14:05", "14:15"), ("14:25", "14:35"), ("14:45", "14:55")):
        desk.bot_trade(scalper, THU, opened, closed, "loss", mark=f"scalper {opened}")
    desk.bot_trade(rsi, THU, "14:15", "15:00", "win", mark="rsi")
    desk.manual(THU, "20:10", "20:10", lot=0.5, sl_pips=20, side="buy", mark="manual loss")
    desk.manual(THU, "21:00", "21:30", lot=0.5, sl_pips=20, outcome="win", mark="manual win")
    desk.bot_trade(gold, THU, "21:45", None, side="buy", mark="gold")
    trades = desk.run()
    desk.clock.set(desk.ts(THU, "22:00"))  # the report is read at 22:00, with two positions open
    naked = eng.broker.open_position("XAUUSD", "buy", 0.1, sl=0.0, tp=0.0, magic=0, comment="by hand")
    report = eng.mentor.report(THU)
    text = both(report)
    journal = eng.trades()
    assert {x["position_id"] for x in journal} == {x["position_id"] for x in trades.values()}

    # per bot / source: figures equal the journal grouped by who decided
    rows = {r["name"] or r["kind"]: r for r in report["per_bot"]}
    for name, picked in (("Scalper EURUSD", [v for k, v in trades.items() if k.startswith("scalper")]),
                         ("RSI GBPUSD", [trades["rsi"]]), ("manual", [trades["manual loss"], trades["manual win"]])):
        assert rows[name]["trades"] == len(picked)
        assert rows[name]["net"] == round(sum(x["net_profit"] for x in picked), 2)
    assert rows["Scalper EURUSD"]["max_loss_streak"] == 3 and rows["Scalper EURUSD"]["win_rate"] == 0.0
    scalper_net = rows["Scalper EURUSD"]["net"]
    scalper_r = rows["Scalper EURUSD"]["expectancy_r"]
    assert scalper_r == r2(x["r_multiple"] for k, x in trades.items() if k.startswith("scalper"))
    assert (f"| Scalper EURUSD | Persilangan Moving Average | 3 | 0% | {money(scalper_net, 'id')} | "
            f"{money(scalper_r, 'id')}R | 3 | 10 menit |") in text["id"]
    assert "| Manual trades | - | 2 | 50% |" in text["en"]

    # when: best and worst hour (local, by entry) and session (UTC blocks: 14:xx WIB is London, 20:xx+ New York)
    by_hour: dict[int, float] = {}
    for record in journal:
        hour = datetime.fromtimestamp(record["open_time"], ZoneInfo("Asia/Jakarta")).hour
        by_hour[hour] = round(by_hour.get(hour, 0.0) + record["net_profit"], 2)
    best = max(by_hour, key=by_hour.get)
    worst = min(by_hour, key=by_hour.get)
    assert (f"Jam terbaik (waktu entry, jam Anda): {best:02d}:00–{best + 1:02d}:00, {signed(by_hour[best], 'id')} USD"
            in text["id"])
    assert f"terburuk: {worst:02d}:00–{worst + 1:02d}:00, {signed(by_hour[worst], 'id')} USD" in text["id"]
    london = round(sum(x["net_profit"] for k, x in trades.items() if k.startswith("scalper") or k == "rsi"), 2)
    new_york = round(trades["manual loss"]["net_profit"] + trades["manual win"]["net_profit"], 2)
    sessions = {"London (14:00–20:00)": london, "New York (20:00–05:00)": new_york}
    best_s, worst_s = sorted(sessions, key=sessions.get, reverse=True)
    assert f"Best session: {best_s}, {signed(sessions[best_s], 'en')} USD from" in text["en"]
    assert f"worst: {worst_s}, {signed(sessions[worst_s], 'en')} USD from" in text["en"]

    # runs, R, hold time
    assert "- Rangkaian terpanjang: 1 kali profit dan 3 kali rugi berturut-turut." in text["id"]
    expectancy = r2(x["r_multiple"] for x in journal)
    assert f"Expectancy {signed(expectancy, 'en')}R per trade (over 6 trades" in text["en"]
    holds = [x["close_time"] - x["open_time"] for x in journal]
    assert f"Rata-rata lama posisi {round(sum(holds) / len(holds) / 60)} menit" in text["id"]

    # the market the trader logged, against the strategies that lost in it
    scalper_loss = -scalper_net
    assert (f"- ✗ Semua 4 trade rugi terjadi saat Anda menandai pasar sideways (ranging); 3 di antaranya dari strategi "
            f"tren (Scalper EURUSD): rugi {money(scalper_loss, 'id')} USD.") in text["id"]
    assert "By the market condition you logged: ranging: 6 trades (" in text["en"]

    # positions still open when the report is made
    positions = {p["ticket"]: p for p in eng.positions()}
    gold_pos, naked_pos = positions[desk.open_tickets["gold"]], positions[naked.ticket]
    assert (f"2 posisi masih terbuka saat laporan ini dibuat, ada yang tanpa stop loss: Gold Breakout BUY "
            f"{str(gold_pos['volume']).replace('.', ',')} lot XAUUSD ({signed(gold_pos['profit'], 'id')} "
            f"USD), Trade manual BUY 0,1 lot XAUUSD ({signed(naked_pos['profit'], 'id')} USD, tanpa SL).") in text["id"]
    assert f"Put a stop loss now on the open positions that have none (ticket {naked.ticket})." in text["en"]

    # advice ranked by what it cost, each tied to a finding of the report
    costs = [r["cost"] for r in report["rekomendasi"]]
    assert costs == sorted(costs)
    sections = ("pola_trading", "emosi_vs_performa", "manajemen_risiko")
    found = {f["code"] for s in sections for f in report[s]["findings"]}
    assert {r["finding"] for r in report["rekomendasi"]} <= found
    assert report["rekomendasi"][0]["finding"] in ("bot_wrong_market", "market_mismatch")
    assert report["rekomendasi"][0]["cost"] == round(-scalper_loss, 2)


def test_another_eas_losing_run_names_the_ea_not_the_trader(desk):
    for hhmm in ("14:05", "14:10", "14:20"):
        desk.manual(THU, hhmm, hhmm, lot=0.5, sl_pips=20, side="buy", magic=777)
    trades = list(desk.run().values())
    assert {x["source"] for x in trades} == {"ea"} and {x["magic"] for x in trades} == {777}
    report = desk.engine.mentor.report(THU)
    assert "ea_streak" in codes(report, "pola_trading") and "tilt" not in codes(report, "pola_trading")
    assert report["disiplin"]["score"] == 10
    text = both(report)
    assert "- ⚠ EA magic 777, 14:05–14:20: 3 kali rugi berturut-turut, rugi 18,00 USD." in text["id"]
    assert "1. Check EA magic 777 in your MT5 terminal after 3 losses in a row. — cost 18.00 USD" in text["en"]
    assert "| EA magic 777 | - | 3 | 0% | -18.00 |" in text["en"]
