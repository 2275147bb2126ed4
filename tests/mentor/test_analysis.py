"""The mentor on hand-built days (exact figures): what it must say, and what it must not, in both languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qbx_engine.core.i18n import render
from qbx_engine.mentor import Reading, analyse_day, instant_feedback, report_markdown
from qbx_engine.mentor.facts import session_of
from qbx_engine.mentor.report import md

DAY = date(2026, 11, 23)
T0 = 1_795_400_000.0  # Monday 23 November 2026, 02:13:20 UTC; only the gaps between trades matter here
_tickets = iter(range(1000, 10_000))


def trade(open_min: float, close_min: float, profit: float, *, volume: float = 0.1, sl: bool = True,
          tp: bool = True, risk: float | None = 1.0, symbol: str = "EURUSD", bot_id: int | None = 1,
          strategy: str | None = "ma_crossover") -> dict:
    """A journal record; ``risk`` is % of a 10,000 balance (money at risk = 100 x risk)."""
    manual = bot_id is None
    risk_money = None if risk is None or not sl else round(100 * risk, 2)
    return {"position_id": next(_tickets), "bot_id": bot_id, "bot_name": None if manual else f"Bot {bot_id}",
            "source": "manual" if manual else "bot", "magic": 0 if manual else bot_id, "symbol": symbol,
            "side": "buy", "volume": volume, "open_time": T0 + 60 * open_min, "close_time": T0 + 60 * close_min,
            "net_profit": profit, "sl_used": sl, "tp_used": tp, "risk_money": risk_money,
            "risk_pct": None if risk_money is None else risk, "sl_pips": 20.0 if sl else None,
            "r_multiple": None if risk_money is None else round(profit / risk_money, 2),
            "strategy": None if manual else strategy}


def felt(before: str, after: str | None = None, minute: float = 0, market: str = "trending") -> dict:
    return {"ts": T0 + 60 * minute, "emotion_before": before, "emotion_after": after, "market_condition": market,
            "note": "catatan"}


def history(days: int, trades_per_day: int, profit: float = 10.0, emotions=()) -> list[dict]:
    return [{"date": (DAY - timedelta(days=days - i)).isoformat(), "total_trades": trades_per_day,
             "total_profit": profit, "emotions": list(emotions)} for i in range(days)]


def analyse(trades, entries=(), past=(), *, max_per_day: int = 0, positions=()) -> dict:
    return analyse_day(Reading(DAY, DAY, list(trades), list(entries), "UTC", "USD", max_per_day, list(positions),
                               list(past)))


def codes(analysis: dict, section: str | None = None) -> set[str]:
    sections = [section] if section else ["pola_trading", "emosi_vs_performa", "manajemen_risiko"]
    return {f["code"] for s in sections for f in analysis[s]["findings"]}


def advice(analysis: dict) -> list[str]:
    return [r["finding"] for r in analysis["rekomendasi"]]


def text(analysis: dict, lang: str) -> str:
    return report_markdown(analysis, lang)


BAD_HABITS = {"no_sl", "high_risk", "revenge", "overtrading", "over_limit", "tilt", "inconsistent_risk"}


def test_empty_day_is_a_friendly_rest_day():
    result = analyse([], [], history(10, 4))
    assert result["summary"] == {"total_trades": 0, "net_profit": 0.0, "wins": 0, "losses": 0}
    assert codes(result) == set() and result["rekomendasi"] == []
    assert result["disiplin"] == {"disciplined": False, "score": None, "broken": []}
    assert result["motivasi"]["key"] == "mentor.motivation.rest"
    assert "Belum ada trade" in text(result, "id") and "Tidak ada trade hari ini" in text(result, "id")
    assert "No trades were closed" in text(result, "en")


def disciplined_losing_day():
    trades = [trade(0, 90, 30.0), trade(120, 200, -40.0), trade(240, 300, 25.0), trade(330, 400, -30.0)]
    return analyse(trades, [felt("tenang", "tenang", minute=420)], history(10, 4))


def test_disciplined_losing_day_is_praised_for_discipline():
    result = disciplined_losing_day()
    assert result["summary"] == {"total_trades": 4, "net_profit": -15.0, "wins": 2, "losses": 2}
    assert result["disiplin"] == {"disciplined": True, "score": 10, "broken": []}
    assert {"result", "edge_weak", "expectancy", "streaks", "hold", "all_sl", "risk_same", "calm_discipline",
            "poor_rr", "feeling_change"} <= codes(result)
    assert not codes(result) & (BAD_HABITS | {"negative_emotion_loss", "greed_win"})
    patterns = result["pola_trading"]
    assert (patterns["win_rate"], patterns["avg_win"], patterns["avg_loss"], patterns["profit_factor"]) == \
        (50.0, 27.5, -35.0, 0.79)
    # R: +0.30, -0.40, +0.25, -0.30 -> mean -0.0375 -> -0.04 (half away from zero)
    assert (patterns["expectancy_r"], patterns["r_trades"]) == (-0.04, 4)
    assert patterns["avg_hold"] == 75 * 60  # (90 + 80 + 60 + 70) / 4 minutes
    assert result["motivasi"] == {"key": "mentor.motivation.discipline_loss", "params": {"amount": 15.0, "cur": "USD"}}
    indonesian, english = text(result, "id"), text(result, "en")
    assert "Hari ini rugi 15,00 USD, tapi Anda disiplin" in indonesian
    assert "Today lost 15.00 USD, but you were disciplined" in english
    assert "Reward-to-risk nyata 0,79 di bawah 1,00 yang dibutuhkan untuk impas pada win rate 50%." in indonesian
    assert "- ⚠ Expectancy -0,04R per trade (dari 4 trade dengan risiko tercatat)" in indonesian
    assert "- Rata-rata lama posisi 75 menit (yang profit 75 menit, yang rugi 75 menit)." in indonesian
    assert "- ✓ Semua 4 trade merisikokan 1,00% saldo: ukuran risiko konsisten." in indonesian
    assert "skor disiplin **10/10**" in indonesian and "discipline score **10/10**" in english
    assert "**Rekomendasi**\n1. Perbesar jarak TP" in indonesian


def test_overtrading_is_judged_against_the_traders_own_average_or_their_limit():
    trades = [trade(20 * i, 20 * i + 10, 5.0 if i % 2 else -4.0) for i in range(12)]
    result = analyse(trades, [felt("bosan")], history(10, 4))
    assert result["pola_trading"]["baseline_trades"] == 4.0 and result["pola_trading"]["overtrading"]
    found = {f["code"]: f for f in result["pola_trading"]["findings"]}
    # the 8 trades above the usual 4: four wins of 5.00 and four losses of 4.00
    assert found["overtrading"]["cost"] == 0.0 and found["overtrading"]["tickets"] == \
        [x["position_id"] for x in trades[4:]]
    assert ("Overtrading: 12 trade, padahal rata-rata Anda 4,0 per hari (dari 10 hari terakhir yang ada trade-nya; "
            "Bot 1: 12). 8 trade di atas rata-rata itu: hasil +4,00 USD.") in text(result, "id")
    assert "Overtrading: 12 trades against your own average of 4.0 a day (over your last 10 days with trades" \
        in text(result, "en")
    assert result["disiplin"]["score"] == 8
    # The same day from a trader who usually takes ten trades is not overtrading.
    assert "overtrading" not in codes(analyse(trades, [felt("bosan")], history(10, 10)))
    # Without enough history of their own there is no baseline, and no verdict...
    new = analyse(trades, [], history(2, 1))
    assert new["pola_trading"]["baseline_trades"] is None and "overtrading" not in codes(new)
    # ...unless they set their own limit, which then decides.
    limited = analyse(trades, [], history(2, 1), max_per_day=10)
    assert "over_limit" in codes(limited) and "overtrading" not in codes(limited)
    assert ("Over your daily limit: 12 trades against a limit of 10 (Bot 1: 12). The 2 trades beyond it: net "
            "+1.00 USD.") \
        in text(limited, "en")


def test_revenge_is_a_bigger_risk_soon_after_the_traders_own_loss():
    trades = [trade(0, 30, -50.0, risk=0.5, bot_id=None), trade(35, 60, -80.0, risk=1.0, bot_id=None),
              trade(100, 130, 20.0, risk=0.5, bot_id=None)]
    result = analyse(trades, [felt("frustrasi", "frustrasi", minute=140)], history(5, 3))
    assert result["pola_trading"]["revenge_trades"] == [trades[1]["position_id"]]
    assert {"revenge", "negative_emotion_loss"} <= codes(result)
    assert advice(result)[0] == "revenge"
    assert ("entry 5 menit setelah rugi 50,00 USD, dengan risiko 2,0× lebih besar (100,00 vs 50,00 USD). Total 1 "
            "trade balas dendam, hasil -80,00 USD.") in text(result, "id")
    assert "an entry 5 minutes after a 50.00 USD loss, at 2.0× the risk (100.00 vs 50.00 USD)" in text(result, "en")
    assert result["motivasi"]["key"] == "mentor.motivation.reset"


def test_revenge_without_recorded_risk_compares_lots():
    trades = [trade(0, 30, -50.0, volume=0.1, risk=None, bot_id=None),
              trade(33, 60, -20.0, volume=0.3, risk=None, bot_id=None)]
    result = analyse(trades)
    assert "lot 3,0× lebih besar (0,3 lot vs 0,1 lot)" in text(result, "id")
    assert "3.0× the lot size (0.3 lots vs 0.1 lots)" in text(result, "en")


@pytest.mark.parametrize("gap, risk", [(5, 0.5), (5, 0.6), (16, 1.0)],
                         ids=["same risk", "small increase", "after the window"])
def test_not_revenge(gap, risk):
    loss = trade(0, 30, -50.0, risk=0.5, bot_id=None)
    later = trade(30 + gap, 30 + gap + 10, 10.0, risk=risk, bot_id=None)
    result = analyse([loss, later])
    assert result["pola_trading"]["revenge_trades"] == [] and "revenge" not in codes(result)


def test_habits_are_judged_per_decider_and_bots_have_no_revenge_or_tilt():
    trades = [trade(0, 30, -50.0, risk=0.5, bot_id=1), trade(31, 60, 20.0, risk=2.0, bot_id=2),
              trade(0, 5, -10.0, bot_id=3), trade(6, 15, -12.0, bot_id=4), trade(16, 28, -9.0, bot_id=5)]
    assert not codes(analyse(trades)) & {"revenge", "tilt"}
    one_bot = [trade(0, 5, -10.0, bot_id=7), trade(6, 15, -12.0, bot_id=7), trade(16, 28, -9.0, bot_id=7),
               trade(30, 31, -50.0, risk=0.5, bot_id=7), trade(33, 40, 5.0, risk=2.0, bot_id=7)]
    result = analyse(one_bot)
    assert "bot_streak" in codes(result) and not codes(result) & {"revenge", "tilt"}
    assert "Periksa bot Bot 7 setelah 4 kali rugi berturut-turut" in text(result, "id")
    by_hand = [trade(0, 30, -50.0, risk=0.5, bot_id=None), trade(33, 60, -20.0, risk=1.5, bot_id=None)]
    assert "revenge" in codes(analyse(by_hand))


def test_day_without_stop_losses():
    trades = [trade(0, 60, 40.0, sl=False, bot_id=None), trade(90, 150, 35.0, sl=False, bot_id=None),
              trade(200, 260, -20.0), trade(300, 360, 30.0, sl=False, tp=False, bot_id=None), trade(400, 460, 15.0)]
    result = analyse(trades, [felt("percaya_diri")], history(10, 5))
    risk = result["manajemen_risiko"]
    assert (risk["sl_share"], risk["tp_share"]) == (40.0, 80.0)
    assert {"no_sl", "no_tp"} <= codes(result, "manajemen_risiko") and "all_sl" not in codes(result)
    assert advice(result)[0] == "no_sl"
    assert result["disiplin"] == {"disciplined": False, "score": 7, "broken": ["no_sl"]}
    assert result["motivasi"]["key"] == "mentor.motivation.lucky_win"
    assert "3 dari 5 trade tanpa stop loss (Trade manual: 3); hasilnya +105,00 USD." in text(result, "id")
    assert "3 of 5 trades had no stop loss (Manual trades: 3): net +105.00 USD." in text(result, "en")
    assert "aturan dilanggar" in text(result, "id") and "rules were broken" in text(result, "en")


def test_winning_day_with_greed_and_oversized_risk_is_warned():
    trades = [trade(0, 60, 120.0, risk=5.0, volume=0.5, bot_id=None), trade(90, 150, 80.0, risk=5.0, volume=0.5,
                                                                              bot_id=None),
              trade(200, 260, -30.0, risk=1.0, volume=0.1, bot_id=None)]
    result = analyse(trades, [felt("serakah", "serakah", minute=300)], history(10, 3))
    assert {"greed_win", "high_risk", "inconsistent_risk"} <= codes(result)
    assert "negative_emotion_loss" not in codes(result) and "calm_discipline" not in codes(result)
    # Both cost nothing today (the big trades won): ranked by the advice order; the uneven risk is about the same
    # two trades the high-risk advice already answers, so it gives no second advice.
    assert advice(result) == ["high_risk", "greed_win"]
    assert result["motivasi"]["key"] == "mentor.motivation.lucky_win"
    assert "2 dari 3 trade merisikokan lebih dari 2% saldo. Tertinggi: Trade manual, EURUSD pukul" in text(result, "id")
    assert ("Trade manual: risiko per trade naik-turun dari 1,00% sampai 5,00% saldo (100,00–500,00 USD). 2 trade "
            "berisiko dua kali lipat atau lebih dari yang terkecil: hasil +200,00 USD.") in text(result, "id")
    assert "You felt greedy on a winning day (+170.00 USD)" in text(result, "en")


def test_disciplined_winning_day_with_greed_keeps_the_warning_but_praises_process():
    result = analyse([trade(0, 60, 50.0), trade(90, 150, 40.0)], [felt("serakah")], history(10, 3))
    assert result["disiplin"]["disciplined"]
    assert "greed_win" in codes(result) and result["motivasi"]["key"] == "mentor.motivation.discipline_win"


def test_tilt_is_three_of_the_traders_own_losses_in_half_an_hour():
    trades = [trade(0, 5, -10.0, bot_id=None), trade(6, 15, -12.0, bot_id=None), trade(16, 28, -9.0, bot_id=None),
              trade(60, 90, 20.0, bot_id=None)]
    result = analyse(trades, [], history(10, 4))
    assert result["pola_trading"]["tilt"] and result["pola_trading"]["max_loss_streak"] == 3
    assert advice(result)[0] == "tilt"
    found = {f["code"]: f for f in result["pola_trading"]["findings"]}
    assert found["tilt"]["cost"] == -31.0  # the run; what followed won
    assert ("Tilt — Trade manual, 02:13–02:41: 3 kali rugi berturut-turut, rugi 31,00 USD. 1 trade sesudahnya: hasil "
            "+20,00 USD.") in text(result, "id")
    assert "The 1 trade after it: net +20.00 USD." in text(result, "en")
    spread_out = [trade(0, 5, -10.0, bot_id=None), trade(30, 40, -12.0, bot_id=None), trade(50, 70, -9.0, bot_id=None)]
    assert "tilt" not in codes(analyse(spread_out))


def test_emotion_against_performance_over_thirty_days():
    past = history(6, 3, profit=-20.0, emotions=["takut"]) + history(6, 3, profit=35.0, emotions=["tenang"])
    result = analyse([trade(0, 60, -10.0)], [felt("takut")], past)
    rows = {r["emotion"]: r for r in result["emosi_vs_performa"]["by_emotion_30d"]}
    assert rows["takut"] == {"emotion": "takut", "days": 7, "avg_pnl": -18.57}
    assert rows["tenang"] == {"emotion": "tenang", "days": 6, "avg_pnl": 35.0}
    assert "worst_emotion" in codes(result)
    assert "hari saat Anda takut rata-rata -18,57 USD (7 hari), sedangkan saat tenang rata-rata +35,00 USD" in \
        text(result, "id")
    assert "days you felt fearful averaged -18.57 USD (7 days)" in text(result, "en")


def test_trading_without_logging_emotions_is_noted():
    result = analyse([trade(0, 60, 10.0)])
    assert "no_emotion" in codes(result) and "no_emotion" in advice(result)


def test_advice_is_ranked_by_cost_and_each_answers_a_finding():
    trades = [trade(0, 10, -30.0, sl=False, bot_id=None),                          # no stop: costs 30
              trade(100, 105, -10.0, bot_id=None), trade(106, 110, -12.0, bot_id=None),
              trade(111, 115, -9.0, bot_id=None)]                                  # tilt: costs 31
    result = analyse(trades, [felt("tenang")])
    assert [(r["finding"], r["cost"]) for r in result["rekomendasi"][:2]] == [("tilt", -31.0), ("no_sl", -30.0)]
    assert "1. Trade manual: setelah 3 kali rugi beruntun" in text(result, "id")
    assert "— biaya 31,00 USD\n2. Pasang stop loss di setiap trade sebelum entry (Trade manual);" in text(result, "id")


def test_sessions_are_utc_blocks():
    base = 1_795_392_000.0  # Monday 23 November 2026 00:00 UTC
    assert [session_of(base + 3600 * h) for h in (0, 6, 7, 12, 13, 21, 22, 23)] == \
        ["asia", "asia", "london", "london", "new_york", "new_york", "asia", "asia"]


def test_trader_typed_names_are_shown_literally_in_markdown():
    sneaky = trade(0, 5, -10.0, bot_id=9)
    sneaky["bot_name"] = "**Gold** [bot](http://x) | #1"
    result = analyse([sneaky, trade(6, 8, -11.0, bot_id=9), trade(9, 12, -12.0, bot_id=9)])
    report = text(result, "en")
    assert "\\*\\*Gold\\*\\* \\[bot\\]\\(http://x\\) \\| \\#1" in report
    assert "**Gold**" not in report
    assert md({"key": "mentor.who.bot", "params": {"name": "a_b"}}, "en") == "a\\_b"


@pytest.mark.parametrize("emotion, results, key", [
    ("frustrasi", [-10, -12, -9], "mentor.now.stop_tilt"),
    ("tenang", [-10, -12, -9], "mentor.now.stop_tilt"),
    ("frustrasi", [-10, 12, -9], "mentor.now.frustrated"),
    ("serakah", [30, 20], "mentor.now.greedy_profit"),
    ("serakah", [], "mentor.now.greedy"),
    ("percaya_diri", [10, 10, 10], "mentor.now.overconfident"),
    ("percaya_diri", [10, -5], "mentor.now.steady"),
    ("bosan", [], "mentor.now.bored"),
    ("lelah", [-1], "mentor.now.tired"),
    ("tenang", [], "mentor.now.steady"),
])
def test_instant_feedback(emotion, results, key):
    trades = [trade(10 * i, 10 * i + 5, profit, bot_id=None) for i, profit in enumerate(results)]
    feedback = instant_feedback(emotion, Reading(DAY, DAY, trades, [], "UTC", "USD"))
    assert feedback[0]["key"] == key
    assert feedback[-1]["key"] == ("mentor.now.day_so_far" if trades else feedback[0]["key"])


def test_stop_for_the_day_counts_only_the_traders_own_losses():
    slow = [trade(0, 5, -10.0, bot_id=None), trade(40, 45, -12.5, bot_id=None), trade(80, 85, -9.0, bot_id=None)]
    feedback = instant_feedback("frustrasi", Reading(DAY, DAY, slow, [], "UTC", "USD"))
    assert render(feedback[0], "id").startswith("Berhenti untuk hari ini. 3 kali rugi berturut-turut (rugi 31,50 USD)")
    assert render(feedback[0], "en").startswith("Stop for today. 3 losses in a row (31.50 USD lost)")
    assert render(feedback[-1], "id") == "Hari ini sejauh ini: 3 trade, hasil -31,50 USD."
    bots = [trade(0, 5, -10.0, bot_id=1), trade(40, 45, -12.5, bot_id=2), trade(80, 85, -9.0, bot_id=3)]
    keys = [m["key"] for m in instant_feedback("frustrasi", Reading(DAY, DAY, bots, [], "UTC", "USD"))]
    assert "mentor.now.stop_for_day" not in keys and keys[0] == "mentor.now.frustrated"


def test_records_journaled_before_risk_was_recorded_are_read_without_inventing_a_risk():
    """Old journal records have no source, magic, risk, R, strategy or timeframe."""
    old = [{"ts": T0 + 60 * m, "position_id": next(_tickets), "bot_id": bot, "bot_name": name, "symbol": "EURUSD",
            "side": "buy", "volume": 0.1, "open_time": T0 + 60 * (m - 20), "open_price": 1.1, "close_time": T0 + 60 * m,
            "close_price": 1.1, "profit": p, "commission": 0.0, "swap": 0.0, "net_profit": p, "sl": 1.09, "tp": 0.0,
            "sl_used": True, "tp_used": False, "reason": "sl", "currency": "USD"}
           for m, p, bot, name in ((30, -10.0, 1, "Old bot"), (60, 15.0, None, None), (90, -5.0, None, None))]
    result = analyse(old, [felt("netral")])
    assert result["pola_trading"]["expectancy_r"] is None and result["manajemen_risiko"]["risk_known"] == 0
    assert {r["label"]["key"] for r in result["per_bot"]} == {"mentor.who.bot", "mentor.who.manual"}
    assert "unknown_risk" in codes(result, "manajemen_risiko")
    assert not codes(result) & {"high_risk", "inconsistent_risk", "risk_same", "risk_steady", "expectancy"}
    assert ("Semua 3 trade tidak punya catatan risiko saat entry (tercatat sebelum risiko dicatat, atau SL dipasang "
            "setelah entry); angka R hanya menghitung trade dengan risiko tercatat.") in text(result, "id")
    assert "| Old bot | - | 1 | 0% | -10,00 | - | 1 | 20 menit |" in text(result, "id")


def test_each_habits_focus_for_next_week_has_the_figures_its_advice_carries():
    """The weekly focus is built from the advice of the most costly habit plus its cost: no placeholder left."""
    import string

    from qbx_engine.mentor.weekly import HABITS
    from qbx_engine.texts import TEXTS

    def fields(key):
        return {name for _, name, _, _ in string.Formatter().parse(TEXTS[key]["en"]) if name}

    for code in HABITS:
        advice_fields = fields(f"mentor.rec.{code}") | {"cost", "cur"}
        assert fields(f"mentor.focus.{code}") <= advice_fields, code
        assert f"mentor.habit.{code}" in TEXTS, code
