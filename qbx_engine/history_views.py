"""What the history, performance, saved-run and optimisation views show, as plain data (no Streamlit).

Tables come with column names that :func:`qbx_ui.widgets.table` translates
(``col.<name>``); metric rows carry translated labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .i18n import t
from .views import local_time, strategy_label

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
              "profit_factor": r["profit_factor"], "drawdown": r["max_drawdown"], "expectancy_r": r["expectancy_r"],
              "no_risk": r["no_risk_trades"]} for r in reversed(rows)]
    return pd.DataFrame(table, columns=["period", "trades", "win_rate", "net", "profit_factor", "drawdown",
                                        "expectancy_r", "no_risk"])


def curve_frame(curve: dict) -> pd.DataFrame:
    return pd.DataFrame({"time": pd.to_datetime(np.asarray(curve["time"], dtype=float), unit="s", utc=True),
                         "equity": curve["balance"]})


# -- saved runs ----------------------------------------------------------------------------------
def runs_frame(records: list[dict], lang: str, tz: str) -> pd.DataFrame:
    rows = [{"time": local_time(r["ts"], tz, "%Y-%m-%d %H:%M"), "strategy": strategy_label(r["strategy"], lang),
             "market": f"{r['symbol']} {r['timeframe']}", "source": r["source"], "trades": r["stats"]["trades"],
             "net": r["stats"]["net_profit"], "drawdown": r["stats"]["max_drawdown_pct"],
             "params": ", ".join(f"{k}={v}" for k, v in r["params"].items())} for r in records]
    return pd.DataFrame(rows, columns=["time", "strategy", "market", "source", "trades", "net", "drawdown", "params"])


def run_label(record: dict, lang: str, tz: str) -> str:
    return (f"{local_time(record['ts'], tz, '%m-%d %H:%M')} · {strategy_label(record['strategy'], lang)} · "
            f"{record['symbol']} {record['timeframe']} · {record['stats']['net_profit']:+.2f}")


def compare_runs_frame(results: list, lang: str) -> pd.DataFrame:
    """One row per figure, one column per run (``run_1``, ``run_2``...)."""
    table = {"metric": [t(key, lang) for _, key in RUN_METRICS]}
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
