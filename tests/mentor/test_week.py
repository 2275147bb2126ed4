"""The weekly review of a realistic mixed week (tests/mentor/week.py): three bots and trades by hand.

Every figure is checked against the journal the week produced: the week against the one before and the
average of the four before (three of them active), the most costly habit with its cost and the focus that
answers it, who did what and when, positions still open, and a sentence for every emotion logged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from qbx_engine.core.i18n import number
from qbx_engine.trading.journal import day_bounds
from tests.mentor.conftest import both
from tests.mentor.week import DAILY_LIMIT, MON, TZ

SUN = date(2026, 11, 29)


def money(value: float, lang: str) -> str:
    return number(value, 2, lang)


def signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else "") + number(value, 2, lang)


def total(records) -> float:
    return float(sum((Decimal(repr(x["net_profit"])) for x in records), Decimal(0)))


def journal(engine, first: date, last: date) -> list[dict]:
    return engine.trades(since=day_bounds(first, TZ).start, until=day_bounds(last, TZ).end)


def test_the_week_against_last_week_and_the_four_before(week):
    engine, _ = week
    review = engine.mentor.weekly()  # "this week" on Saturday 28 November: Monday 23 - Sunday 29
    assert review["week"] == {"start": "2026-11-23", "end": "2026-11-29"}
    this = journal(engine, MON, SUN)
    weeks = [journal(engine, date.fromordinal(MON.toordinal() - 7 * k), date.fromordinal(SUN.toordinal() - 7 * k))
             for k in range(1, 5)]
    assert [len(w) for w in weeks] == [5, 5, 5, 0]  # three ordinary weeks, and the week of 26 October had none
    net, last = round(total(this), 2), round(total(weeks[0]), 2)
    average = round(sum(total(w) for w in weeks[:3]) / 3, 2)
    wins = sum(1 for x in this if x["net_profit"] > 0)
    summary = review["ringkasan_minggu"]
    assert (review["summary"]["total_trades"], review["summary"]["net_profit"]) == (len(this), net)
    assert (summary["previous"]["trades"], summary["previous"]["net"]) == (5, last)
    assert (summary["average_4w"]["trades"], summary["average_4w"]["net"], summary["weeks_in_average"]) == \
        (5.0, average, 3)
    text = both(review)
    win_rate = round(100 * wins / len(this))
    assert (f"Minggu ini: {len(this)} trade dalam 5 hari, {wins} profit (win rate {win_rate}%), hasil bersih "
            f"{signed(net, 'id')} USD.") in text["id"]
    assert (f"This week: {len(this)} trades over 5 days, {wins} winners (win rate {win_rate}%), net "
            f"{signed(net, 'en')} USD.") in text["en"]
    assert (f"Minggu lalu: 5 trade, hasil {signed(last, 'id')} USD; minggu ini {signed(round(net - last, 2), 'id')} "
            "USD dibanding minggu lalu.") in text["id"]
    assert (f"The 4 weeks before (3 weeks with trades) averaged 5.0 trades and {signed(average, 'en')} USD a week; "
            f"this week is {signed(round(net - average, 2), 'en')} USD against that average.") in text["en"]
    assert f"| Hasil bersih (USD) | {signed(net, 'id')} | {signed(last, 'id')} | {signed(average, 'id')} |" \
        in text["id"]


def test_the_most_costly_habit_is_the_tilt_by_hand_and_the_focus_answers_it(week):
    engine, marks = week
    records = marks["records"]
    tilt = [records[k] for k in ("tilt0", "tilt1", "tilt2", "big")]  # three quick losses, then the 5% entry lost
    assert records["after_big"]["net_profit"] > 0
    cost = round(-total(tilt), 2)
    review = engine.mentor.weekly("2026-11-26")
    costly = review["kebiasaan_termahal"]
    assert (costly["code"], costly["who"], costly["cost"]) == ("tilt", "manual", -cost)
    assert all(group["cost"] >= -cost for group in review["kebiasaan"])
    text = both(review)
    assert f"- ✗ Tilt pada trade manual — sekali (Kamis), total biaya {money(cost, 'id')} USD." in text["id"]
    assert f"- ✗ Tilt on manual trades — once (Thursday), costing {money(cost, 'en')} USD in all." in text["en"]
    assert (f"  - Kamis: Tilt — Trade manual, 20:05–21:06: 4 kali rugi berturut-turut, rugi {money(cost, 'id')} USD. "
            f"1 trade sesudahnya: hasil {signed(records['after_big']['net_profit'], 'id')} USD.") in text["id"]
    assert ("> Satu aturan untuk minggu depan: setelah 3 kali rugi beruntun di trade manual, berhenti trading manual "
            f"hari itu juga. Minggu ini tilt memakan {money(cost, 'id')} USD.") in text["id"]
    assert ("> One rule for next week: after 3 losses in a row on your manual trades, stop trading by hand for that "
            f"day. Tilt cost you {money(cost, 'en')} USD this week.") in text["en"]


def test_each_habit_names_the_bot_or_the_trader_the_day_the_time_and_the_cost(week):
    engine, marks = week
    records = marks["records"]
    text = both(engine.mentor.weekly())
    whipsaw = [records[f"whipsaw{n}"] for n in range(4)]
    assert (f"Selasa: Scalper EURUSD, 14:05–15:20: 4 kali rugi berturut-turut saat Anda menandai pasar sideways "
            f"(ranging); strategi tren memang lemah di pasar seperti ini. Rugi {money(-total(whipsaw), 'id')} USD.") \
        in text["id"]
    assert (f"Tuesday: Revenge trading — Manual trades, 21:05: an entry 5 minutes after a "
            f"{money(-records['tue_loss']['net_profit'], 'en')} USD loss, at 2.0× the risk (200.00 vs 100.00 USD). "
            f"1 revenge trade in all, net {signed(records['revenge']['net_profit'], 'en')} USD.") in text["en"]
    big = records["big"]
    assert (big["risk_money"], big["volume"], big["sl_pips"]) == (500.0, 1.0, 50.0)  # 50 pips x 10 USD x 1 lot
    assert (f"Kamis: 1 dari 7 trade merisikokan lebih dari 2% saldo. Tertinggi: Trade manual, EURUSD pukul 20:36, "
            f"1 lot dengan SL 50 pip = {money(big['risk_pct'], 'id')}% saldo (500,00 USD).") in text["id"]
    assert (f"Wednesday: 1 of 4 trades had no stop loss (Manual trades: 1): net "
            f"{signed(records['no_sl']['net_profit'], 'en')} USD.") in text["en"]
    tuesday = journal(engine, date(2026, 11, 24), date(2026, 11, 24))
    assert len(tuesday) == DAILY_LIMIT + 1
    assert (f"Selasa: Melewati batas harian Anda: 9 trade, padahal batasnya 8 (Scalper EURUSD: 4, RSI GBPUSD: 2, "
            f"Gold Breakout: 1, Trade manual: 2). 1 trade di atas batas: hasil "
            f"{signed(records['revenge']['net_profit'], 'id')} USD.") in text["id"]


def test_tables_sessions_open_positions_and_emotions_equal_the_journal(week):
    engine, marks = week
    review = engine.mentor.weekly()
    this = journal(engine, MON, SUN)
    rows = {r["label"]["params"].get("name", "manual"): r for r in review["per_bot"]}
    assert set(rows) == {"Scalper EURUSD", "Gold Breakout", "RSI GBPUSD", "manual"}
    for name, row in rows.items():
        mine = [x for x in this if (x["bot_name"] or "manual") == name]
        assert (row["trades"], row["net"]) == (len(mine), round(total(mine), 2))
    text = both(review)
    scalper = rows["Scalper EURUSD"]
    assert (f"| Scalper EURUSD | Moving Average Crossover | {scalper['trades']} | {round(scalper['win_rate'])}% | "
            f"{signed(scalper['net'], 'en')} |") in text["en"]
    by_strategy = {r["strategy"]: r for r in review["per_strategi"]}
    assert by_strategy["rsi_reversal"]["net"] == rows["RSI GBPUSD"]["net"]
    # Sessions are UTC blocks: 14:00-20:00 in Jakarta is London, 20:00 on is New York. The bots traded London,
    # the trader traded New York.
    london = [x for x in this if x["bot_id"] is not None]
    new_york = [x for x in this if x["bot_id"] is None]
    assert (f"| London | {len(london)} | {sum(1 for x in london if x['net_profit'] > 0)} | "
            f"{signed(round(total(london), 2), 'id')} |") in text["id"]
    assert (f"The New York (20:00–05:00) session cost most this week: {len(new_york)} trades, net "
            f"{signed(round(total(new_york), 2), 'en')} USD; mostly from Manual trades") in text["en"]
    (position,) = engine.positions()
    assert position["ticket"] == marks["open"]["gold_open"]
    assert (f"1 posisi masih terbuka saat laporan ini dibuat: Gold Breakout BUY 0,03 lot XAUUSD "
            f"({signed(position['profit'], 'id')} USD).") in text["id"]
    for emotion_id, emotion_en in (("tenang", "calm"), ("percaya diri", "confident"), ("takut", "fearful"),
                                   ("frustrasi", "frustrated"), ("lelah", "tired")):
        assert f"Perasaan {emotion_id}: dicatat pada" in text["id"] and f"Feeling {emotion_en}: logged on" in text["en"]
    calm = journal(engine, MON, MON) + journal(engine, date(2026, 11, 27), date(2026, 11, 27))  # Mon and Fri
    assert (f"Perasaan tenang: dicatat pada 2 hari; hari-hari itu {len(calm)} trade, hasil "
            f"{signed(round(total(calm), 2), 'id')} USD.") in text["id"]


def test_a_past_week_shows_no_open_positions_and_markdown_is_one_renderer(week):
    engine, _ = week
    past = engine.mentor.weekly("2026-11-17")
    assert past["week"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert not [f for f in past["risiko_minggu"]["findings"] if f["code"].startswith("open")]
    text = both(past)
    assert text["id"].startswith("### Ulasan mingguan 2026-11-16 – 2026-11-22\n")
    assert text["en"].startswith("### Weekly review 2026-11-16 – 2026-11-22\n")
    for section in ("Ringkasan minggu", "Kebiasaan termahal", "Fokus minggu depan", "Per bot dan sumber",
                    "Per strategi", "Per sesi", "Emosi minggu ini", "Manajemen risiko", "Rekomendasi", "Motivasi"):
        assert f"**{section}**" in text["id"]
    empty = both(engine.mentor.weekly("2026-10-28"))
    assert "Tidak ada trade yang ditutup minggu ini." in empty["id"]
    assert "**The most costly habit**\n- No findings." in empty["en"]
    assert "> Minggu ini tanpa trade." in empty["id"]
