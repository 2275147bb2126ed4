"""The mentor's reading of one trading day: patterns, emotions against results, risk, advice.

Rule-based and deterministic: every finding carries the numbers it is based on
(and who and when), so the report can quote them and a trader can check them
against the journal. The seed's keys stay: ``pola_trading``, ``emosi_vs_performa``,
``manajemen_risiko``, ``rekomendasi``, ``motivasi``.
"""

from __future__ import annotations

from .advice import discipline, motivation, recommendations
from .context import Reading
from .facts import decider
from .feelings import by_emotion, emotion_findings, felt
from .habits import by_decider, losing_runs, market_fit, overtrading, revenge, revenge_pairs, usual_trades
from .patterns import pattern_findings
from .risk import open_positions, sizing, stops
from .stats import figures, per_decider, per_hour, per_session, per_strategy


def analyse_day(reading: Reading) -> dict:
    """The seed's structure for one day (``reading.first``), from its trades, notes and earlier days."""
    fig = figures(reading.trades)
    habits = losing_runs(reading) + revenge(reading) + overtrading(reading) + market_fit(reading)
    patterns = pattern_findings(reading, fig) + habits
    risk = stops(reading) + sizing(reading) + open_positions(reading)
    rules = discipline(patterns + risk, bool(reading.trades))
    feeling_rows = by_emotion([*reading.history[-30:], {"total_trades": len(reading.trades),
                                                        "total_profit": fig["net"], "emotions": felt(reading.entries)}])
    feelings = emotion_findings(reading, fig["net"], rules["disciplined"], feeling_rows)
    codes = {f["code"] for f in patterns}
    return {
        "kind": "day", "date": reading.first.isoformat(), "currency": reading.currency, "tz": reading.tz,
        "summary": {"total_trades": fig["trades"], "net_profit": fig["net"], "wins": fig["wins"],
                    "losses": fig["losses"]},
        "pola_trading": {
            **{k: fig[k] for k in ("win_rate", "avg_win", "avg_loss", "profit_factor", "expectancy_r", "r_trades",
                                   "avg_hold", "max_win_streak", "max_loss_streak")},
            "baseline_trades": usual_trades(reading.history),
            "overtrading": bool(codes & {"overtrading", "over_limit"}),
            "revenge_trades": [e["position_id"] for mine in by_decider(reading.trades).values()
                               if decider(mine[0]).human for e, _ in revenge_pairs(mine)],
            "tilt": "tilt" in codes, "findings": patterns},
        "per_bot": per_decider(reading.trades), "per_strategi": per_strategy(reading.trades),
        "jam": per_hour(reading.trades, reading.tz), "sesi": per_session(reading.trades),
        "emosi_vs_performa": {"entries": reading.entries, "felt": felt(reading.entries), "by_emotion_30d": feeling_rows,
                              "findings": feelings},
        "manajemen_risiko": _risk_figures(reading) | {"findings": risk},
        "disiplin": rules,
        "rekomendasi": recommendations(patterns + feelings + risk, rules["disciplined"]),
        "motivasi": motivation(bool(reading.trades), fig["net"], rules["disciplined"], reading.currency),
    }


def _risk_figures(reading: Reading) -> dict:
    trades = reading.trades
    n = len(trades)
    known = [x["risk_pct"] for x in trades if x.get("risk_pct") is not None]
    return {"sl_share": _pct(sum(1 for x in trades if x.get("sl_used")), n),
            "tp_share": _pct(sum(1 for x in trades if x.get("tp_used")), n),
            "risk_known": len(known), "max_risk_percent": max(known, default=None),
            "min_risk_percent": min(known, default=None), "open_positions": len(reading.positions)}


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
