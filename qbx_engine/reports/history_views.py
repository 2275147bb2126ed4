"""What the history, performance, saved-run and optimisation views show, as plain data (no Streamlit).

Tables come with column names that :func:`qbx_ui.widgets.table` translates
(``col.<name>``); metric rows carry translated labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.i18n import number as localized
from ..core.i18n import t
from .views import local_time, run_title, strategy_label

RUN_METRICS = (("net_profit", "bt.net"), ("return_pct", "cmp.return_pct"), ("max_drawdown_pct", "bt.max_dd"),
               ("trades", "bt.trades"), ("win_rate", "cmp.win_rate"), ("profit_factor", "bt.profit_factor"),
               ("expectancy", "cmp.expectancy"), ("sharpe", "bt.sharpe"), ("exposure_pct", "cmp.exposure"),
               ("commission", "cmp.commission"))


def _price(value, digits: int) -> str:
    return f"{value:.{digits}f}" if value else "-"


# -- deal history -------------------------------------------------------------------------------
def deals_frame(deals: list[dict], lang: str, tz: str, digits: dict[str, int]) -> pd.DataFrame:
    """Newest first, as a terminal's history tab lists them."""
    rows = [{"closed": local_time(d["close_time"], tz, "%Y-%m-%d %H:%M"), "symbol": d["symbol"],
             "side": d["side"].upper(), "volume": d["volume"],
             "open_price": _price(d["open_price"], digits.get(d["symbol"], 5)),
             "close_price": _price(d["close_price"], digits.get(d["symbol"], 5)), "profit": d["net_profit"],
             "r": d.get("r_multiple"), "who": who(d, lang), "magic": d["magic"],
             "reason": t(f"reason.{d['reason']}", lang), "ticket": d["ticket"]} for d in reversed(deals)]
    return pd.DataFrame(rows, columns=["closed", "symbol", "side", "volume", "open_price", "close_price", "profit",
                                       "r", "who", "magic", "reason", "ticket"])


def who(deal: dict, lang: str) -> str:
    if deal["source"] == "bot":
        return deal["bot_name"] or f"#{deal['bot_id']}"
    return t("hist.manual", lang) if deal["source"] == "manual" else t("hist.ea", lang, magic=deal["magic"])


# -- performance ---------------------------------------------------------------------------------
def periods_frame(rows: list[dict]) -> pd.DataFrame:
    """Newest period first."""
    table = [{"period": r["period"], "trades": r["trades"], "win_rate": r["win_rate"], "net": r["net"],
              "profit_factor": r["profit_factor"], "dd_money": r["max_drawdown"], "expectancy_r": r["expectancy_r"],
              "no_risk": r["no_risk_trades"]} for r in reversed(rows)]
    return pd.DataFrame(table, columns=["period", "trades", "win_rate", "net", "profit_factor", "dd_money",
                                        "expectancy_r", "no_risk"])


def curve_frame(curve: dict) -> pd.DataFrame:
    return pd.DataFrame({"time": pd.to_datetime(np.asarray(curve["time"], dtype=float), unit="s", utc=True),
                         "equity": curve["balance"]})


# -- live vs backtest -------------------------------------------------------------------------------
def live_rows_frame(rows: list[dict], lang: str, tz: str, digits: int) -> pd.DataFrame:
    """Trade by trade, newest first: what the bot did beside what its backtest did."""
    def reason(row: dict, side: str) -> str:
        why = row.get(f"{side}_reason")
        return "" if why is None else t(f"reason.{why}", lang) if why in ("sl", "tp", "manual", "so") else \
            t("bt.still_open", lang) if why == "end" else t("reason.bot", lang)

    table = [{"opened": local_time(r["entry_time"], tz, "%Y-%m-%d %H:%M"), "side": r["side"].upper(),
              "status": t(f"live.status_{r['status']}", lang), "live_volume": r.get("live_volume"),
              "test_volume": r.get("test_volume"), "live_entry": _price(r.get("live_entry"), digits),
              "test_entry": _price(r.get("test_entry"), digits), "live_exit": _price(r.get("live_exit"), digits),
              "test_exit": _price(r.get("test_exit"), digits), "live_net": r.get("live_net"),
              "test_net": r.get("test_net"), "live_why": reason(r, "live"), "test_why": reason(r, "test")}
             for r in reversed(rows)]
    return pd.DataFrame(table, columns=["opened", "side", "status", "live_volume", "test_volume", "live_entry",
                                        "test_entry", "live_exit", "test_exit", "live_net", "test_net", "live_why",
                                        "test_why"])


# -- saved runs ----------------------------------------------------------------------------------
def run_label(record: dict, lang: str, tz: str) -> str:
    return (f"{local_time(record['ts'], tz, '%m-%d %H:%M')} · {run_title(record, lang)} · "
            f"{record['symbol']} {record['timeframe']}".strip() + f" · {record['stats']['net_profit']:+.2f}")


def compare_runs_frame(results: list, lang: str) -> pd.DataFrame:
    """One row per figure, one column per run (``run_1``, ``run_2``...)."""
    table: dict[str, list] = {"metric": [t(key, lang) for _, key in RUN_METRICS]}
    for number, result in enumerate(results, start=1):
        table[f"run_{number}"] = [np.nan if result.stats.get(name) is None else float(result.stats[name])
                                  for name, _ in RUN_METRICS]
    return pd.DataFrame(table)


def equity_compare_frame(series: dict[str, pd.Series], max_points: int = 800) -> pd.DataFrame:
    """Several equity curves in long form (time, equity, run), each thinned to ``max_points``."""
    parts = []
    for name, equity in series.items():
        step = max(1, len(equity) // max_points)
        thinned = equity.iloc[::step]
        if len(equity) and thinned.index[-1] != equity.index[-1]:
            thinned = pd.concat([thinned, equity.iloc[-1:]])
        parts.append(pd.DataFrame({"time": thinned.index, "equity": thinned.to_numpy(), "run": name}))
    if not parts:
        return pd.DataFrame(columns=["time", "equity", "run"])
    return pd.concat(parts, ignore_index=True)


# -- optimisation -------------------------------------------------------------------------------
def heatmap_frame(result: dict, x: str, y: str, fixed: dict) -> pd.DataFrame:
    """The in-sample metric of every (x, y) point, the other parameters held at ``fixed``; NaN for a point the
    strategy refused, that traded too little or (a search) that was not tested; ``best`` marks the best-ranked
    point shown. A parameter left out of ``fixed`` is free: its cell shows the best point tested there, as a
    search's heatmap does."""
    metric = result["metric"]
    values: dict[tuple, tuple] = {}
    for row in result["rows"]:  # best-ranked first: a cell keeps the best of its points
        params = row["params"]
        if all(params.get(name) == value for name, value in fixed.items()):
            values.setdefault((params[x], params[y]), (row["in"][metric] if row["in"]["trades"] else None,
                                                       row["rank"]))
    axes = {a["name"]: a["values"] for a in result["axes"]}
    shown = [rank for _, rank in values.values()]
    top = min(shown) if shown else None
    cells = []
    for vx in axes[x]:
        for vy in axes[y]:
            value, rank = values.get((vx, vy), (None, None))
            cells.append({"x": vx, "y": vy, "value": np.nan if value is None else float(value),
                          "best": top is not None and rank == top})  # no point shown: none is the best
    return pd.DataFrame(cells, columns=["x", "y", "value", "best"])


def overfit_rows(result: dict, lang: str) -> dict:
    """The overfitting figures as the page shows them: PBO and WFE in percent, DSR to two decimals, or
    "not measured"."""
    found = result.get("overfit") or {}
    missing = t("ovf.not_measured", lang)

    def pct(value) -> str:
        return missing if value is None else localized(value * 100, 0, lang) + "%"

    return {"pbo": pct(found.get("pbo")), "dsr": missing if found.get("dsr") is None else
            localized(found["dsr"], 2, lang), "wfe": pct(found.get("wfe")), "blocks": found.get("pbo_blocks") or 16,
            "trials": found.get("trials") or 0}


def ranking_frame(result: dict, limit: int = 50) -> pd.DataFrame:
    """The best ``limit`` points, in sample beside out of sample."""
    metric = result["metric"]
    rows = []
    for row in result["rows"][:limit]:
        out = row.get("out") or {}
        rows.append({"rank": row["rank"], "params": ", ".join(f"{k}={v}" for k, v in row["params"].items()),
                     "in_metric": row["in"][metric], "in_net": row["in"]["net_profit"],
                     "in_trades": row["in"]["trades"], "in_dd": row["in"]["max_drawdown_pct"],
                     "out_metric": out.get(metric), "out_net": out.get("net_profit"),
                     "out_trades": out.get("trades")})
    return pd.DataFrame(rows, columns=["rank", "params", "in_metric", "in_net", "in_trades", "in_dd", "out_metric",
                                       "out_net", "out_trades"])


def folds_frame(result: dict, tz: str) -> pd.DataFrame:
    rows = [{"fold": f["fold"], "from": local_time(f["start"], tz, "%Y-%m-%d"),
             "to": local_time(f["end"], tz, "%Y-%m-%d"),
             "params": ", ".join(f"{k}={v}" for k, v in f["params"].items()), "in_net": f["in"]["net_profit"],
             "out_net": f["out"]["net_profit"], "out_trades": f["out"]["trades"]} for f in result["folds"]]
    return pd.DataFrame(rows, columns=["fold", "from", "to", "params", "in_net", "out_net", "out_trades"])


# -- the account backtest ---------------------------------------------------------------------------
def account_bots_frame(run, lang: str) -> pd.DataFrame:
    """One row per bot: what it contributed to the account, and how often its entries were refused."""
    rows = [{"bot": f"#{b['bot_id']} {b['name']}", "market": f"{b['symbol']} {b['timeframe']}",
             "strategy": strategy_label(b["strategy"], lang), "trades": b["trades"], "win_rate": b["win_rate"],
             "net": b["net"], "profit_factor": b["profit_factor"], "expectancy_r": b["expectancy_r"],
             "refused": sum(b["refused"].values())} for b in run.bots]
    return pd.DataFrame(rows, columns=["bot", "market", "strategy", "trades", "win_rate", "net", "profit_factor",
                                       "expectancy_r", "refused"])


def refusals_frame(run, lang: str) -> pd.DataFrame:
    """Refused entries by cause (gates, brake, calendar, margin, the plan)."""
    rows = [{"cause": t(f"acct.cause.{cause}", lang), "count": count} for cause, count in run.refused_by_cause.items()]
    return pd.DataFrame(rows, columns=["cause", "count"])


def account_curve_frame(run, max_points: int = 1500) -> pd.DataFrame:
    """Equity and drawdown (money below the running peak) at bar closes, thinned to ``max_points`` (the deepest
    point kept)."""
    equity = run.equity
    if not len(equity):
        return pd.DataFrame(columns=["time", "equity", "drawdown"])
    values = equity.to_numpy(dtype=float)
    drawdown = values - np.maximum.accumulate(values)
    step = max(1, len(values) // max_points)
    keep = np.unique(np.concatenate([np.arange(0, len(values), step), [len(values) - 1, int(drawdown.argmin())]]))
    return pd.DataFrame({"time": equity.index[keep].tz_convert(None), "equity": values[keep],
                         "drawdown": drawdown[keep]})


def brake_marks_frame(run, lang: str, tz: str) -> pd.DataFrame:
    """When the emergency brake went on and off: the chart's marks and the brake's log."""
    rows = [{"time": pd.Timestamp(b["time"], unit="s"),
             "what": t("acct.brake_on" if b["on"] else "acct.brake_off", lang),
             "when": local_time(b["time"], tz, "%Y-%m-%d %H:%M"), "on": b["on"]} for b in run.brake]
    return pd.DataFrame(rows, columns=["time", "what", "when", "on"])


def account_trades_frame(run, lang: str, tz: str, limit: int = 500) -> pd.DataFrame:
    """The newest ``limit`` trades of the account, newest first."""
    trades = run.trades.tail(limit).iloc[::-1]
    rows = [{"closed": local_time(r.exit_time, tz, "%Y-%m-%d %H:%M"), "bot": f"#{r.bot_id} {r.bot_name}",
             "symbol": r.symbol, "side": str(r.side).upper(), "volume": r.volume,
             "opened": local_time(r.entry_time, tz, "%Y-%m-%d %H:%M"), "profit": r.net, "r": r.r_multiple,
             "reason": t(f"reason.{_reason(r.reason)}", lang)} for r in trades.itertuples()]
    return pd.DataFrame(rows, columns=["closed", "bot", "symbol", "side", "volume", "opened", "profit", "r",
                                       "reason"])


def _reason(reason: str) -> str:
    """The replay's reasons as the journal names them (a signal's close is the bot's own)."""
    return {"signal": "bot", "exit": "bot"}.get(reason, reason)
