"""The mentor through the engine: the journal against the broker's deals, the emotion log, the report."""

from __future__ import annotations

from datetime import date

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.mentor import NOTE_MAX
from qbx_engine.trading.journal import day_bounds
from tests.conftest import WEDNESDAY_10H

ENTRY = {"emotion_before": "tenang", "emotion_after": "frustrasi", "market_condition": "volatile",
         "note": "Dua kali kena SL saat berita."}


@pytest.fixture
def engine(data_dir):
    clock = ManualClock(WEDNESDAY_10H)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def test_each_days_session_equals_the_brokers_deals_of_that_local_day(engine):
    """Ticks of real strategies on the paper broker, SL/TP and a hand close, across local midnight."""
    clock = engine.clock
    bots = [engine.create_bot({"name": f"bot {symbol}", "market": symbol, "timeframe": "M1",
                               "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 3, "slow_period": 7},
                               "risk_percent": 1.0, "sl_pips": sl, "tp_pips": tp, "status": "active"})["id"]
            for symbol, sl, tp in (("EURUSD", 4, 6), ("USDJPY", 5, 8))]
    for minute in range(600):  # 10:00-20:00 UTC: Jakarta's midnight (17:00 UTC) falls inside
        clock.advance(60)
        for bot_id in bots:
            engine.run_tick(bot_id)
        if minute == 300:
            (position,) = engine.broker.positions(magic=bots[0])
            engine.broker.close_by_hand(position.ticket)
    sessions = engine.mentor.sessions(days=2)
    assert [s["date"] for s in sessions] == ["2026-11-25", "2026-11-26"]
    reasons = set()
    for session in sessions:
        bounds = day_bounds(date.fromisoformat(session["date"]), "Asia/Jakarta")
        deals = engine.broker.closed_positions(bounds.start, bounds.end)
        assert session["total_trades"] == len(deals) > 5
        assert session["total_profit"] == round(sum(d.net_profit for d in deals), 2)
        assert session["wins"] + session["losses"] <= session["total_trades"]
        assert {t["position_id"] for t in session["trades"]} == {d.ticket for d in deals}
        reasons |= {t["reason"] for t in session["trades"]}
    assert reasons >= {"bot", "sl", "tp", "manual"}
    report = engine.mentor.report("2026-11-26")
    assert report["summary"]["net_profit"] == sessions[1]["total_profit"]
    assert report["summary"]["total_trades"] == sessions[1]["total_trades"]


def test_emotion_entries_are_validated_and_kept(engine, data_dir):
    first = engine.mentor.add_emotion(ENTRY)
    engine.clock.advance(3600)
    engine.mentor.add_emotion({**ENTRY, "emotion_before": "takut", "emotion_after": None, "note": "  Ragu masuk.  "})
    assert first["day"] == "2026-11-25"
    kept = engine.mentor.emotions()
    assert [(e["emotion_before"], e["emotion_after"], e["note"]) for e in kept] == \
        [("tenang", "frustrasi", "Dua kali kena SL saat berita."), ("takut", None, "Ragu masuk.")]
    assert engine.mentor.report()["emosi_vs_performa"]["felt"] == ["tenang", "frustrasi", "takut"]


@pytest.mark.parametrize("change, field, words", [
    ({"note": "   "}, "note", "Tulis catatan singkat"),
    ({"note": "x" * (NOTE_MAX + 1)}, "note", f"maksimal {NOTE_MAX} karakter (sekarang {NOTE_MAX + 1})"),
    ({"emotion_before": "marah"}, "emotion_before", "bukan 'marah'"),
    ({"emotion_after": "euforia"}, "emotion_after", "bukan 'euforia'"),
    ({"market_condition": None}, "market_condition", "Pilih kondisi pasar"),
])
def test_bad_emotion_entry_is_refused_and_nothing_is_saved(engine, change, field, words):
    with pytest.raises(ValidationError) as refused:
        engine.mentor.add_emotion({**ENTRY, **change})
    assert list(refused.value.field_errors) == [field]
    assert words in render(refused.value.field_errors[field], "id")
    assert engine.mentor.emotions() == []


def test_emotions_survive_a_restart(data_dir):
    clock = ManualClock(WEDNESDAY_10H)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.mentor.add_emotion(ENTRY)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        assert [e["note"] for e in engine.mentor.emotions("2026-11-25")] == [ENTRY["note"]]


def test_feedback_and_report_refuse_bad_input(engine):
    with pytest.raises(ValidationError):
        engine.mentor.feedback("marah")
    with pytest.raises(ValidationError) as refused:
        engine.mentor.report("25/11/2026")
    assert "TTTT-BB-HH" in render(refused.value.field_errors["day"], "id")
    assert engine.mentor.feedback("tenang")[0]["key"] == "mentor.now.steady"


def test_a_new_trade_or_note_reaches_the_next_report_and_the_seed_keys_stay(engine):
    """The desk keeps recent readings until the journal or the notes grow; what it hands out is a copy."""
    first = engine.mentor.report()
    assert {"pola_trading", "emosi_vs_performa", "manajemen_risiko", "rekomendasi", "motivasi"} <= set(first)
    assert {"ringkasan_minggu", "kebiasaan_termahal", "fokus_minggu_depan", "rekomendasi", "motivasi"} <= \
        set(engine.mentor.weekly())
    sessions = engine.mentor.sessions(days=2)
    sessions[-1]["trades"].append({"bogus": True})
    assert engine.mentor.sessions(days=2)[-1]["trades"] == []
    position = engine.broker.open_position("EURUSD", "buy", 0.5, sl=0.0, tp=0.0, magic=0, comment="by hand")
    engine.broker.close_by_hand(position.ticket)
    engine.sync_journal()
    report = engine.mentor.report()
    assert report["summary"] == {"total_trades": 1, "net_profit": -6.0, "wins": 0, "losses": 1}
    assert "no_emotion" in [f["code"] for f in report["emosi_vs_performa"]["findings"]]
    engine.mentor.add_emotion(ENTRY)
    assert [f["code"] for f in engine.mentor.report()["emosi_vs_performa"]["findings"]][0] == "feeling_change"
