"""The mentor on hand-built days: what it must say, and what it must not, in both languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qbx_engine.i18n import render
from qbx_engine.mentor import analyse_day, instant_feedback, report_markdown

DAY = date(2026, 11, 23)
T0 = 1_795_400_000.0  # a Monday morning; only the gaps between trades matter here
_tickets = iter(range(1000, 10_000))


def trade(open_min: float, close_min: float, profit: float, *, volume: float = 0.1, sl: bool = True,
          tp: bool = True, risk: float = 1.0, symbol: str = "EURUSD", bot_id: int | None = 1) -> dict:
    return {"position_id": next(_tickets), "bot_id": bot_id, "bot_name": "EURUSD MA", "symbol": symbol, "side": "buy",
            "volume": volume, "open_time": T0 + 60 * open_min, "close_time": T0 + 60 * close_min,
            "net_profit": profit, "sl_used": sl, "tp_used": tp, "risk_percent": risk}


def felt(before: str, after: str | None = None, minute: float = 0) -> dict:
    return {"ts": T0 + 60 * minute, "emotion_before": before, "emotion_after": after, "market_condition": "trending",
            "note": "catatan"}


def history(days: int, trades_per_day: int, profit: float = 10.0, emotions=()) -> list[dict]:
    return [{"date": (DAY - timedelta(days=days - i)).isoformat(), "total_trades": trades_per_day,
             "total_profit": profit, "emotions": list(emotions)} for i in range(days)]


def codes(analysis: dict, section: str | None = None) -> set[str]:
    sections = [section] if section else ["pola_trading", "emosi_vs_performa", "manajemen_risiko"]
    return {f["code"] for s in sections for f in analysis[s]["findings"]}


def advice(analysis: dict) -> list[str]:
    return [r["finding"] for r in analysis["rekomendasi"]]


def text(analysis: dict, lang: str) -> str:
    return report_markdown(analysis, lang)


BAD_HABITS = {"no_sl", "high_risk", "revenge", "overtrading", "tilt", "inconsistent_lot"}


def test_empty_day_is_a_friendly_rest_day():
    result = analyse_day(DAY, [], [], history(10, 4))
    assert result["summary"] == {"total_trades": 0, "net_profit": 0.0, "wins": 0, "losses": 0}
    assert codes(result) == set() and result["rekomendasi"] == []
    assert result["disiplin"] == {"disciplined": False, "score": None, "broken": []}
    assert result["motivasi"]["key"] == "mentor.motivation.rest"
    assert "Belum ada trade" in text(result, "id") and "Tidak ada trade hari ini" in text(result, "id")
    assert "No trades were closed" in text(result, "en")


def disciplined_losing_day():
    trades = [trade(0, 90, 30.0), trade(120, 200, -40.0), trade(240, 300, 25.0), trade(330, 400, -30.0)]
    return analyse_day(DAY, trades, [felt("tenang", "tenang")], history(10, 4))


def test_disciplined_losing_day_is_praised_for_discipline():
    result = disciplined_losing_day()
    assert result["summary"] == {"total_trades": 4, "net_profit": -15.0, "wins": 2, "losses": 2}
    assert result["disiplin"] == {"disciplined": True, "score": 10, "broken": []}
    assert {"result", "win_loss_size", "all_sl", "calm_discipline", "poor_rr"} <= codes(result)
    assert not codes(result) & (BAD_HABITS | {"negative_emotion_loss", "greed_win"})
    patterns = result["pola_trading"]
    assert (patterns["win_rate"], patterns["avg_win"], patterns["avg_loss"], patterns["profit_factor"]) == \
        (50.0, 27.5, -35.0, 0.79)
    assert result["manajemen_risiko"]["reward_to_risk"] == 0.79
    assert result["motivasi"]["key"] == "mentor.motivation.discipline_loss"
    indonesian, english = text(result, "id"), text(result, "en")
    assert "rugi -15,00, tapi Anda disiplin" in indonesian
    assert "lost -15.00, but you were disciplined" in english
    assert "Reward-to-risk nyata 0,79 di bawah 1,0" in indonesian
    assert "skor disiplin **10/10**" in indonesian and "discipline score **10/10**" in english
    assert "stop loss" not in render(result["rekomendasi"][0]["msg"], "en")


def test_overtrading_is_judged_against_the_traders_own_average():
    trades = [trade(20 * i, 20 * i + 10, 5.0 if i % 2 else -4.0) for i in range(12)]
    result = analyse_day(DAY, trades, [felt("bosan")], history(10, 4))
    assert result["pola_trading"]["baseline_trades"] == 4.0 and result["pola_trading"]["overtrading"]
    assert "overtrading" in codes(result, "pola_trading") and "overtrading" in advice(result)
    assert "12 trade hari ini, padahal rata-rata Anda 4,0 per hari" in text(result, "id")
    assert "12 trades today against your own average of 4.0 a day" in text(result, "en")
    assert result["disiplin"]["score"] == 8
    # The same day from a trader who usually takes ten trades is not overtrading.
    usual = analyse_day(DAY, trades, [felt("bosan")], history(10, 10))
    assert "overtrading" not in codes(usual)
    # Without enough history of their own there is no baseline, and no verdict.
    new = analyse_day(DAY, trades, [], history(2, 1))
    assert new["pola_trading"]["baseline_trades"] is None and "overtrading" not in codes(new)


def test_revenge_trade_is_an_entry_soon_after_a_loss_with_a_bigger_lot():
    trades = [trade(0, 30, -50.0, volume=0.10), trade(35, 60, -80.0, volume=0.20),
              trade(100, 130, 20.0, volume=0.10)]
    result = analyse_day(DAY, trades, [felt("frustrasi", "frustrasi")], history(5, 3))
    assert result["pola_trading"]["revenge_trades"] == [trades[1]["position_id"]]
    assert {"revenge", "negative_emotion_loss"} <= codes(result)
    assert advice(result)[:2] == ["revenge", "negative_emotion_loss"]
    assert "entry 5 menit setelah rugi, dengan lot 0,2 (sebelumnya 0,1)" in text(result, "id")
    assert "an entry 5 minutes after a loss, at 0.2 lots (the loss was 0.1)" in text(result, "en")
    assert result["motivasi"]["key"] == "mentor.motivation.reset"


@pytest.mark.parametrize("gap, volume", [(5, 0.10), (5, 0.12), (16, 0.20)],
                         ids=["same lot", "small increase", "after the window"])
def test_not_revenge(gap, volume):
    loss = trade(0, 30, -50.0, volume=0.10)
    later = trade(30 + gap, 30 + gap + 10, 10.0, volume=volume)
    result = analyse_day(DAY, [loss, later], [], [])
    assert result["pola_trading"]["revenge_trades"] == []
    assert "revenge" not in codes(result)


def test_habits_are_judged_per_decider_not_across_bots():
    """One bot's loss and another bot's bigger entry a minute later is not revenge; nor is a tilt across bots."""
    trades = [trade(0, 30, -50.0, volume=0.10, bot_id=1), trade(31, 60, 20.0, volume=0.40, bot_id=2),
              trade(0, 5, -10.0, bot_id=3), trade(6, 15, -12.0, bot_id=4), trade(16, 28, -9.0, bot_id=5)]
    result = analyse_day(DAY, trades, [], [])
    assert not codes(result) & {"revenge", "tilt"}
    by_hand = [trade(0, 30, -50.0, volume=0.10, bot_id=None), trade(33, 60, -20.0, volume=0.30, bot_id=None)]
    assert "revenge" in codes(analyse_day(DAY, by_hand, [], []))


def test_day_without_stop_losses():
    trades = [trade(0, 60, 40.0, sl=False), trade(90, 150, 35.0, sl=False), trade(200, 260, -20.0),
              trade(300, 360, 30.0, sl=False, tp=False), trade(400, 460, 15.0)]
    result = analyse_day(DAY, trades, [felt("percaya_diri")], history(10, 5))
    risk = result["manajemen_risiko"]
    assert (risk["sl_share"], risk["tp_share"]) == (40.0, 80.0)
    assert {"no_sl", "no_tp"} <= codes(result, "manajemen_risiko")
    assert "all_sl" not in codes(result)
    assert advice(result)[0] == "no_sl"
    assert result["disiplin"] == {"disciplined": False, "score": 7, "broken": ["no_sl"]}
    assert result["motivasi"]["key"] == "mentor.motivation.lucky_win"
    assert "3 dari 5 trade tanpa stop loss (hanya 40% memakai SL)" in text(result, "id")
    assert "3 of 5 trades had no stop loss (only 40% used one)" in text(result, "en")
    assert "aturan dilanggar" in text(result, "id") and "rules were broken" in text(result, "en")


def test_winning_day_with_greed_and_oversized_risk_is_warned():
    trades = [trade(0, 60, 120.0, risk=5.0, volume=0.5), trade(90, 150, 80.0, risk=5.0, volume=0.5),
              trade(200, 260, -30.0, risk=1.0, volume=0.1)]
    result = analyse_day(DAY, trades, [felt("serakah", "serakah")], history(10, 3))
    assert {"greed_win", "high_risk", "inconsistent_lot"} <= codes(result)
    assert "negative_emotion_loss" not in codes(result) and "calm_discipline" not in codes(result)
    assert advice(result) == ["high_risk", "greed_win", "inconsistent_lot"]
    assert result["motivasi"]["key"] == "mentor.motivation.lucky_win"
    assert "2 trade merisikokan lebih dari 2% modal (tertinggi 5,0%)" in text(result, "id")
    assert "Ukuran lot di EURUSD tidak konsisten: dari 0,1 sampai 0,5" in text(result, "id")
    assert "You felt greedy on a winning day (170.00)" in text(result, "en")


def test_disciplined_winning_day_with_greed_keeps_the_warning_but_praises_process():
    trades = [trade(0, 60, 50.0), trade(90, 150, 40.0)]
    result = analyse_day(DAY, trades, [felt("serakah")], history(10, 3))
    assert result["disiplin"]["disciplined"]
    assert "greed_win" in codes(result) and result["motivasi"]["key"] == "mentor.motivation.discipline_win"


def test_tilt_three_losses_in_half_an_hour():
    trades = [trade(0, 5, -10.0), trade(6, 15, -12.0), trade(16, 28, -9.0), trade(60, 90, 20.0)]
    result = analyse_day(DAY, trades, [], history(10, 4))
    assert result["pola_trading"]["tilt"] and result["pola_trading"]["max_loss_streak"] == 3
    assert advice(result)[0] == "tilt"
    assert "3 kali rugi berturut-turut dalam 23 menit" in text(result, "id")
    spread_out = [trade(0, 5, -10.0), trade(30, 40, -12.0), trade(50, 70, -9.0)]
    assert "tilt" not in codes(analyse_day(DAY, spread_out, [], []))


def test_emotion_against_performance_over_thirty_days():
    past = history(6, 3, profit=-20.0, emotions=["takut"]) + history(6, 3, profit=35.0, emotions=["tenang"])
    result = analyse_day(DAY, [trade(0, 60, -10.0)], [felt("takut")], past)
    rows = {r["emotion"]: r for r in result["emosi_vs_performa"]["by_emotion_30d"]}
    assert rows["takut"] == {"emotion": "takut", "days": 7, "avg_pnl": -18.57}
    assert rows["tenang"] == {"emotion": "tenang", "days": 6, "avg_pnl": 35.0}
    assert "worst_emotion" in codes(result)
    assert "hari saat Anda takut rata-rata -18,57 (7 hari), sedangkan saat tenang rata-rata 35,00" in \
        text(result, "id")
    assert "days you felt fearful averaged -18.57 (7 days)" in text(result, "en")


def test_trading_without_logging_emotions_is_noted():
    result = analyse_day(DAY, [trade(0, 60, 10.0)], [], [])
    assert "no_emotion" in codes(result) and "no_emotion" in advice(result)


@pytest.mark.parametrize("emotion, results, key", [
    ("frustrasi", [-10, -12, -9], "mentor.now.stop_for_day"),
    ("takut", [5, -10, -12, -9], "mentor.now.stop_for_day"),
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
    trades = [trade(10 * i, 10 * i + 5, profit) for i, profit in enumerate(results)]
    feedback = instant_feedback(emotion, trades)
    assert feedback[0]["key"] == key
    assert len(feedback) == (2 if trades else 1)


def test_instant_feedback_quotes_the_day_in_both_languages():
    feedback = instant_feedback("frustrasi", [trade(0, 5, -10), trade(6, 10, -12.5), trade(11, 15, -9)])
    assert render(feedback[0], "id").startswith("Berhenti untuk hari ini. 3 kali rugi beruntun")
    assert render(feedback[0], "en").startswith("Stop for today. 3 losses in a row")
    assert render(feedback[1], "id") == "Hari ini sejauh ini: 3 trade, hasil -31,50."
