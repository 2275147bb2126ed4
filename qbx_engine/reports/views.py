"""What the dashboard shows, as plain data: tables, chart inputs and exports (no Streamlit).

Pages call these and render the result, so what a page shows is testable
without a browser and every page stays a thin layer.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from ..core.clock import local_when
from ..core.errors import QbxError
from ..core.i18n import Msg, number, render, t
from ..core.inputs import showable
from ..strategies import STRATEGIES, build
from ..trading.bots import STATUS_LABELS
from ..trading.journal import day_bounds, local_day


def local_time(ts: float | None, tz: str, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).strftime(fmt)


def age(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return t("ui.never", lang)
    seconds = max(0, int(seconds))
    if seconds < 90:
        return t("ui.age_s", lang, n=seconds)
    if seconds < 5400:
        return t("ui.age_m", lang, n=seconds // 60)
    if seconds < 2 * 86400:
        return t("ui.age_h", lang, n=seconds // 3600)
    return t("ui.age_d", lang, n=seconds // 86400)


def status_label(status: str, lang: str) -> str:
    return STATUS_LABELS[status][lang]


def strategy_label(name: str, lang: str) -> str:
    cls = STRATEGIES.get(name)
    return cls.label[lang] if cls else name


def bots_frame(engine, lang: str) -> pd.DataFrame:
    """One row a bot: what a trader scans first."""
    now = engine.clock.now()
    try:
        positions = {p["magic"]: p for p in engine.positions()}
    except Exception:  # noqa: BLE001 - the table still shows bots while the broker is down
        positions = {}
    rows = []
    for bot in engine.list_bots():
        analysis = bot.get("last_analysis") or {}
        position = positions.get(bot["id"])
        rows.append({
            "id": bot["id"], "name": bot["name"], "status": status_label(bot["status"], lang),
            "market": bot["market"], "timeframe": bot["timeframe"],
            "strategy": strategy_label(bot["strategy_name"], lang),
            "signal": analysis.get("signal") or "-",
            "last_tick": age(now - bot["last_tick_at"], lang) if bot.get("last_tick_at") else t("ui.never", lang),
            "position": f"{position['side'].upper()} {number(position['volume'], 2, lang)}" if position else "-",
            "pnl": signed(position["profit"], lang) if position else "-",  # a blank number shows "None"
            "errors": bot["error_streak"],
        })
    return pd.DataFrame(rows, columns=["id", "name", "status", "market", "timeframe", "strategy", "signal",
                                       "last_tick", "position", "pnl", "errors"])


def signed(value: float, lang: str) -> str:
    """Money with its sign and the language's separators (+1.234,50 / -12.00)."""
    return ("+" if value > 0 else "") + number(value, 2, lang)


def price_digits(engine, symbols) -> dict[str, int]:
    """Each symbol's price digits, so 1.1 shows as 1.10000 on EURUSD and 151.200 on USDJPY."""
    digits = {}
    for symbol in set(symbols):
        try:
            digits[symbol] = engine.market.symbol_info(symbol)["digits"]
        except QbxError:
            digits[symbol] = 5
    return digits


def _price(value, digits: int) -> str:
    return f"{value:.{digits}f}" if value else "-"


def positions_frame(positions: list[dict], lang: str, tz: str, digits: dict[str, int]) -> pd.DataFrame:
    rows = [{"ticket": p["ticket"], "bot": p.get("bot_name") or t("ui.no_bot", lang), "symbol": p["symbol"],
             "side": p["side"].upper(), "volume": p["volume"],
             "open_price": _price(p["open_price"], digits[p["symbol"]]),
             "price": _price(p["price_current"], digits[p["symbol"]]), "sl": _price(p["sl"], digits[p["symbol"]]),
             "tp": _price(p["tp"], digits[p["symbol"]]), "profit": p["profit"],
             "opened": local_time(p["open_time"], tz, "%m-%d %H:%M")} for p in positions]
    return pd.DataFrame(rows, columns=["ticket", "bot", "symbol", "side", "volume", "open_price", "price", "sl", "tp",
                                       "profit", "opened"])


def trades_frame(trades: list[dict], lang: str, tz: str, digits: dict[str, int]) -> pd.DataFrame:
    rows = [{"closed": local_time(x["close_time"], tz, "%Y-%m-%d %H:%M"), "bot": x["bot_name"], "symbol": x["symbol"],
             "side": x["side"].upper(), "volume": x["volume"],
             "open_price": _price(x["open_price"], digits[x["symbol"]]),
             "close_price": _price(x["close_price"], digits[x["symbol"]]), "profit": x["net_profit"],
             "reason": t(f"reason.{x['reason']}", lang), "ticket": x["position_id"]} for x in trades]
    return pd.DataFrame(rows, columns=["closed", "bot", "symbol", "side", "volume", "open_price", "close_price",
                                       "profit", "reason", "ticket"])


def events_frame(events: list[dict], lang: str, tz: str) -> pd.DataFrame:
    rows = []
    for event in events:
        text = render(event["msg"], lang)
        if event.get("repeat", 1) > 1:
            text += " " + t("ui.repeated", lang, n=event["repeat"], last=local_time(event["last_ts"], tz, "%H:%M:%S"))
        rows.append({"time": local_time(event["ts"], tz), "bot": event.get("bot_name") or "-",
                     "action": event["action"], "message": text, "notify": bool(event.get("notification"))})
    return pd.DataFrame(rows, columns=["time", "bot", "action", "message", "notify"])


def events_csv(engine, lang: str, **filters) -> str:
    """Every matching event, oldest first, as CSV (streams one chunk at a time)."""
    tz = engine.settings.get("timezone")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["seq", "time", "bot_id", "bot", "action", "message", "repeat", "notification"])
    for event in engine.event_log.iterate(**filters):
        writer.writerow([event["seq"], local_time(event["ts"], tz), event.get("bot_id"), event.get("bot_name") or "",
                         event["action"], render(event["msg"], lang), event.get("repeat", 1),
                         int(bool(event.get("notification")))])
    return out.getvalue()


def trades_csv(engine, since: float | None = None, until: float | None = None) -> str:
    tz = engine.settings.get("timezone")
    out = io.StringIO()
    columns = ["position_id", "bot_id", "bot_name", "source", "magic", "symbol", "side", "volume", "open_time",
               "open_price", "close_time", "close_price", "profit", "commission", "swap", "net_profit", "initial_sl",
               "initial_tp", "sl", "tp", "sl_pips", "tp_pips", "risk_money", "risk_pct", "balance_at_entry",
               "r_multiple", "strategy", "timeframe", "reason", "currency"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for trade in engine.journal.iterate(since=since, until=until):
        writer.writerow({**trade, "open_time": local_time(trade["open_time"], tz),
                         "close_time": local_time(trade["close_time"], tz)})
    return out.getvalue()


def today(engine) -> dict:
    tz = engine.settings.get("timezone")
    return engine.journal.session(local_day(engine.clock.now(), tz), tz)


def equity_points(engine, days: int = 30) -> pd.DataFrame:
    """The balance after each closed trade of the last ``days``, ending at today's equity."""
    now = engine.clock.now()
    account = engine.account()
    trades = engine.journal.trades(since=now - days * 86400, newest_first=False)
    balance = account["balance"] - sum(x["net_profit"] for x in trades)
    points = [{"time": pd.Timestamp(now - days * 86400, unit="s", tz="UTC"), "equity": round(balance, 2)}]
    for trade in trades:
        balance += trade["net_profit"]
        points.append({"time": pd.Timestamp(trade["close_time"], unit="s", tz="UTC"), "equity": round(balance, 2)})
    points.append({"time": pd.Timestamp(now, unit="s", tz="UTC"), "equity": account["equity"]})
    return pd.DataFrame(points)


def bot_chart(engine, bot_id: int, count: int = 200) -> dict:
    """Bars, the strategy's indicator lines and the bot's entries/exits for its chart."""
    bot = engine.get_bot(bot_id)
    strategy = build(bot["strategy_name"], bot["strategy_params"])
    every = engine.market.rates(bot["market"], bot["timeframe"], count + strategy.bars_needed())
    indicators = strategy.frame(every).tail(count).reset_index(drop=True) \
        if len(every) >= strategy.bars_needed() else None
    bars = every.tail(count).frame()
    start = bars["time"].iloc[0].timestamp() if len(bars) else engine.clock.now()
    marks = []
    for trade in engine.trades(bot_id=bot_id, since=start):
        marks.append({"time": pd.Timestamp(trade["open_time"], unit="s", tz="UTC"), "price": trade["open_price"],
                      "kind": trade["side"].upper(), "label": f"#{trade['position_id']}"})
        marks.append({"time": pd.Timestamp(trade["close_time"], unit="s", tz="UTC"), "price": trade["close_price"],
                      "kind": "EXIT", "label": f"#{trade['position_id']} {trade['net_profit']:+.2f}"})
    for position in engine.positions():
        if position["magic"] == bot_id and position["open_time"] >= start:
            marks.append({"time": pd.Timestamp(position["open_time"], unit="s", tz="UTC"),
                          "price": position["open_price"], "kind": position["side"].upper(),
                          "label": f"#{position['ticket']}"})
    return {"bars": bars, "indicators": indicators, "overlays": strategy.overlays,
            "oscillator": strategy.oscillator, "levels": strategy.level_values(),
            "markers": pd.DataFrame(marks, columns=["time", "price", "kind", "label"])}


def backtest_chart(result) -> dict:
    """The backtest's bars and indicator lines, as the candle chart wants them."""
    bars = result.bars.frame()
    indicators = pd.DataFrame({name: values for name, values in result.indicators.items()})
    return {"bars": bars, "indicators": indicators, "markers": backtest_markers(result.trades)}


SAMPLE_MARKET, SAMPLE_TIMEFRAME = "EURUSD", "H1"
OPEN_NOW = ("BTCUSD", "ETHUSD")  # where a sample can trade when EURUSD is closed (crypto trades at weekends)


def sample_bot(engine, market: str = SAMPLE_MARKET) -> dict:
    """The one-click first bot of an empty dashboard: a beginner strategy on paper EURUSD (or on a market that is
    open now, with stops as ATR multiples, which suit any market)."""
    stops = {"sl_pips": 30, "tp_pips": 60} if market == SAMPLE_MARKET else {"stop_mode": "atr", "sl_atr": 1.5,
                                                                           "tp_atr": 3.0}
    return engine.create_bot({"name": f"{market} MA 20/50", "market": market, "timeframe": SAMPLE_TIMEFRAME,
                              "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 20,
                                                                                  "slow_period": 50},
                              "risk_percent": 1.0, "check_interval": 60, **stops})


def sample_welcome(engine) -> dict:
    """What the welcome card says of the sample bot: when it first judges a bar (``first``), why it waits if its
    market is closed, and a market open now it could use instead (``open_now``, None when EURUSD is open)."""
    look = engine.market.first_look(SAMPLE_MARKET, SAMPLE_TIMEFRAME)
    tz, now = engine.settings.get("timezone"), engine.now()
    first = local_when(look["first_bar_at"], tz, now) if look["first_bar_at"] is not None else None
    if look["open"]:
        return {"first": Msg("ui.sample_when_open", {"symbol": look["symbol"], "first": first}), "open_now": None}
    if look["opens_at"] is None:
        said = Msg("ui.sample_when_closed_unknown", {"symbol": look["symbol"]})
    else:
        said = Msg("ui.sample_when_closed", {"symbol": look["symbol"], "opens": local_when(look["opens_at"], tz, now),
                                             "first": first})
    return {"first": said, "open_now": engine.market.open_now(OPEN_NOW)}


def date_window(start, end, tz: str) -> tuple[float | None, float | None]:
    """Epoch bounds of a local date range (end inclusive)."""
    since = day_bounds(start, tz).start if start else None
    until = day_bounds(end, tz).end if end else None
    return since, until



# -- the mentor page ---------------------------------------------------------------
def _local_naive(ts: float, tz: str) -> pd.Timestamp:
    """A wall-clock time in the trader's zone, so the browser does not shift it to its own."""
    return pd.Timestamp(ts, unit="s", tz="UTC").tz_convert(tz).tz_localize(None)


def day_pnl_frame(trades: list[dict], tz: str) -> pd.DataFrame:
    """Cumulative P/L after each trade of the day, oldest first."""
    ordered = sorted(trades, key=lambda x: x["close_time"])
    running, rows = 0.0, []
    for trade in ordered:
        running = round(running + trade["net_profit"], 2)
        rows.append({"time": _local_naive(trade["close_time"], tz), "pnl": running, "bot": trade["bot_name"]})
    return pd.DataFrame(rows, columns=["time", "pnl", "bot"])


def pnl_by_bot(trades: list[dict]) -> pd.DataFrame:
    totals: dict[str, float] = {}
    for trade in trades:
        totals[trade["bot_name"]] = round(totals.get(trade["bot_name"], 0.0) + trade["net_profit"], 2)
    return pd.DataFrame({"bot": list(totals), "pnl": list(totals.values())})


def emotion_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame({"emotion": [t(f"emotion.{r['emotion']}", lang) for r in rows],
                         "pnl": [r["avg_pnl"] for r in rows], "days": [r["days"] for r in rows]})


def sessions_frame(sessions: list[dict], lang: str) -> pd.DataFrame:
    """Past days that had trades or notes, newest first."""
    rows = [{"date": s["date"], "trades": s["total_trades"], "wins": s["wins"], "losses": s["losses"],
             "net": s["total_profit"], "emotions": ", ".join(t(f"emotion.{e}", lang) for e in s["emotions"])}
            for s in reversed(sessions) if s["total_trades"] or s["emotions"]]
    return pd.DataFrame(rows, columns=["date", "trades", "wins", "losses", "net", "emotions"])


def notes_frame(notes: list[dict], lang: str, tz: str) -> pd.DataFrame:
    rows = [{"time": local_time(n["ts"], tz, "%H:%M"), "before": t(f"emotion.{n['emotion_before']}", lang),
             "after": t(f"emotion.{n['emotion_after']}", lang) if n.get("emotion_after") else "-",
             "market": t(f"market.{n['market_condition']}", lang), "note": showable(n["note"])} for n in notes]
    return pd.DataFrame(rows, columns=["time", "before", "after", "market", "note"])


# -- the backtest page ---------------------------------------------------------------
def backtest_trades_frame(trades: pd.DataFrame, lang: str, tz: str, digits: int) -> pd.DataFrame:
    reasons = {"signal": t("reason.bot", lang), "sl": t("reason.sl", lang), "tp": t("reason.tp", lang),
               "end": t("bt.still_open", lang)}
    return pd.DataFrame({
        "opened": trades["entry_time"].dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M"),
        "closed": trades["exit_time"].dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M"),
        "side": trades["side"].str.upper(), "volume": trades["volume"],
        "open_price": trades["entry_price"].map(lambda v: _price(v, digits)),
        "close_price": trades["exit_price"].map(lambda v: _price(v, digits)), "profit": trades["net"],
        "reason": trades["reason"].map(reasons)})


def backtest_markers(trades: pd.DataFrame) -> pd.DataFrame:
    entries = pd.DataFrame({"time": trades["entry_time"], "price": trades["entry_price"],
                            "kind": trades["side"].str.upper(), "label": trades["volume"].map(lambda v: f"{v} lot")})
    exits = pd.DataFrame({"time": trades["exit_time"], "price": trades["exit_price"], "kind": "EXIT",
                          "label": trades["net"].map(lambda v: f"{v:+.2f}")})
    return pd.concat([entries, exits], ignore_index=True)


def equity_frame(equity: pd.Series, max_points: int = 1500) -> pd.DataFrame:
    """The equity curve thinned to what a chart needs (every bar is kept below ``max_points``)."""
    step = max(1, len(equity) // max_points)
    thinned = equity.iloc[::step]
    if len(equity) and thinned.index[-1] != equity.index[-1]:
        thinned = pd.concat([thinned, equity.iloc[-1:]])
    return pd.DataFrame({"time": thinned.index, "equity": thinned.to_numpy()})


def backtests_frame(records: list[dict], lang: str, tz: str) -> pd.DataFrame:
    rows = [{"time": local_time(r["ts"], tz, "%Y-%m-%d %H:%M"), "strategy": run_title(r, lang),
             "market": f"{r['symbol']} {r['timeframe']}".strip(), "source": r["source"], "trades": r["stats"]["trades"],
             "net": r["stats"]["net_profit"], "drawdown": r["stats"]["max_drawdown_pct"],
             "params": ", ".join(f"{k}={v}" for k, v in r["params"].items()) if r.get("kind") != "account" else
             ", ".join(f"#{b['bot_id']} {b['name']}" for b in r.get("bots", []))} for r in records]
    return pd.DataFrame(rows, columns=["time", "strategy", "market", "source", "trades", "net", "drawdown", "params"])


def run_title(record: dict, lang: str) -> str:
    """What a saved run replayed: a strategy, or the account (several bots)."""
    if record.get("kind") == "account":
        return t("acct.tab", lang)
    return strategy_label(record["strategy"], lang)


def preset_guide(schema: dict, lang: str) -> pd.DataFrame:
    """Every parameter of a strategy: its value in each named preset and what it does."""
    def shown(param: dict, value) -> str:
        if param["kind"] == "bool":
            return t("form.yes" if value else "form.no", lang)
        if param["kind"] == "choice":
            return (param.get("choice_labels") or {}).get(value, {}).get(lang, str(value))
        if param["kind"] == "float":
            return number(value, 2, lang).rstrip("0").rstrip(",.")
        return str(value)

    rows = []
    for param in schema["params"]:
        row = {t("form.guide_param", lang): param["label"][lang]}
        for key, preset in schema["presets"].items():
            row[t(f"preset.{key}", lang)] = shown(param, preset.get(param["name"], param["default"]))
        row[t("form.guide_meaning", lang)] = param["help"][lang]
        rows.append(row)
    return pd.DataFrame(rows)


GATES = ("cooldown_minutes", "sl_guard_count", "sl_guard_window", "sl_guard_pause", "max_trades_per_day")


def tested_stops(config, bot: dict) -> dict:
    """The stop rule, trailing and entry gates a backtest ran with, as changes to ``bot`` ("apply to bot"); a
    backtest without a stop loss keeps the bot's own."""
    changes: dict = {"stop_mode": config.stop_mode, "breakeven_at": config.breakeven_at,
                     "trail_distance": config.trail_distance, **{name: getattr(config, name) for name in GATES}}
    if config.stop_mode == "atr":
        changes.update(sl_atr=config.sl_atr or bot["sl_atr"], tp_atr=config.tp_atr, atr_period=config.atr_period)
    else:
        changes.update(sl_pips=config.sl_pips or bot["sl_pips"], tp_pips=config.tp_pips)
    return changes
