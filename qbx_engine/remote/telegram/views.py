"""What the read-only commands answer, as Telegram HTML in the chat's language.

Every text comes from the translation table and is escaped as a whole, so a bot name such as
``<b>x</b>`` shows as typed; only the markup added here (bold titles) is markup. A message never
exceeds Telegram's 4,096 characters: long lists end with how many lines were left out.
"""

from __future__ import annotations

import html

from ...core.errors import QbxError
from ...core.i18n import number, render, t
from ...reports.views import age, local_time, status_label, strategy_label
from ...trading.bots import ACTIVE, ERROR, PAUSED, STATUSES, STOPPED

LIMIT = 3800  # characters of one message's lines, leaving room for the closing line
STATUS_ICONS = {ACTIVE: "🟢", PAUSED: "⏸", STOPPED: "⏹", ERROR: "⚠️"}
MENTOR_PAGE = "mentor"


def esc(text) -> str:
    return html.escape(str(text), quote=False)


def tx(key: str, lang: str, **params) -> str:
    return esc(t(key, lang, **params))


def bold(key: str, lang: str, **params) -> str:
    return f"<b>{tx(key, lang, **params)}</b>"


def money(value: float, lang: str) -> str:
    return number(value, 2, lang)


def signed(value: float, lang: str) -> str:
    text = number(value, 2, lang)
    return f"+{text}" if value > 0 else text


def fit(lines: list[str], more_key: str, lang: str) -> str:
    """The lines joined, cut before Telegram's limit with a closing line saying how many were left out."""
    kept: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        if size + len(line) + 1 > LIMIT:
            kept.append(tx(more_key, lang, n=len(lines) - i))
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)


# -- /help -----------------------------------------------------------------------------------
def help_text(lang: str) -> str:
    return "\n".join([bold("tg.help.title", lang), tx("tg.help.look", lang), "", tx("tg.help.change", lang), "",
                      tx("tg.help.confirm", lang), tx("tg.help.other_language", lang)])


# -- bots --------------------------------------------------------------------------------------
def bot_positions(engine) -> dict[int, dict] | None:
    """Each bot's open position (None when the broker cannot be asked right now)."""
    try:
        return {p["bot_id"]: p for p in engine.positions() if p["bot_id"] is not None}
    except QbxError:
        return None


def status(engine, lang: str) -> str:
    bots = engine.list_bots()
    held = bot_positions(engine)
    counts = {s: sum(1 for b in bots if b["status"] == s) for s in STATUSES}
    lines = [bold("tg.status.title", lang),
             tx("tg.status.counts", lang, n=len(bots), active=counts[ACTIVE], paused=counts[PAUSED],
                stopped=counts[STOPPED], error=counts[ERROR])]
    lines += brake_banner(engine, lang)
    if held is None:
        lines.append(tx("tg.status.no_broker", lang))
    if not bots:
        lines.append(tx("tg.status.no_bots", lang))
    currency = _currency(engine)
    for bot in bots:
        analysis = bot.get("last_analysis") or {}
        position = (held or {}).get(bot["id"])
        signal = analysis.get("signal") or "-"
        parts = [f"#{bot['id']} {bot['name']}", status_label(bot["status"], lang),
                 f"{bot['market']} {bot['timeframe']}", t("tg.status.signal", lang, signal=signal)]
        if position is not None:
            parts.append(f"{position['side'].upper()} {number(position['volume'], 2, lang)} "
                         f"{signed(position['profit'], lang)} {currency}")
        if bot.get("entries_off"):
            parts.append(t("tg.status.entries_off", lang))
        lines.append(f"{STATUS_ICONS[bot['status']]} " + esc(" · ".join(parts)))
    return fit(lines, "tg.more_bots", lang)


def bot(engine, bot_id: int, lang: str) -> str:
    record = engine.get_bot(bot_id)
    tz = engine.get_settings()["timezone"]
    analysis = record.get("last_analysis") or {}
    unit = "ATR" if record.get("stop_mode") == "atr" else "pips"
    lines = [f"{STATUS_ICONS[record['status']]} <b>{esc(f'#{bot_id} ' + record['name'])}</b>",
             tx("tg.bot.status", lang, status=status_label(record["status"], lang), market=record["market"],
                timeframe=record["timeframe"], strategy=strategy_label(record["strategy_name"], lang)),
             tx("tg.bot.risk", lang, risk=number(record["risk_percent"], 2, lang),
                sl=number(record["sl_pips"], 2, lang), tp=number(record["tp_pips"], 2, lang), unit=unit,
                every=record["check_interval"]),
             tx("tg.bot.last_tick", lang, age=age(engine.now() - record["last_tick_at"], lang)
                if record.get("last_tick_at") else t("ui.never", lang))]
    if analysis:
        lines.append(tx("tg.bot.signal", lang, signal=analysis.get("signal") or "-",
                        reason=render(analysis.get("reason"), lang) or "-"))
    held = bot_positions(engine)
    position = (held or {}).get(bot_id)
    if held is None:
        lines.append(tx("tg.status.no_broker", lang))
    elif position is None:
        lines.append(tx("tg.bot.no_position", lang))
    else:
        lines.append(position_line(position, _currency(engine), lang, tz))
    if record.get("entries_off"):
        lines.append(tx("tg.bot.entries_off", lang, id=bot_id))
    try:
        blocks = engine.safety.protections(bot_id)["blocks"]
    except QbxError:
        blocks = []
    for block in blocks:
        until = local_time(block["lifts_at"], tz, "%Y-%m-%d %H:%M") if block["lifts_at"] else None
        lines.append(tx("tg.bot.block_until" if until else "tg.bot.block", lang,
                        reason=render(block["reason"], lang), until=until or ""))
    return fit(lines, "tg.more_lines", lang)


def position_line(position: dict, currency: str, lang: str, tz: str) -> str:
    return tx("tg.position", lang, ticket=position["ticket"], symbol=position["symbol"],
              side=position["side"].upper(), volume=number(position["volume"], 2, lang),
              price=position["open_price"], now=position["price_current"],
              profit=signed(position["profit"], lang), currency=currency,
              since=local_time(position["open_time"], tz, "%Y-%m-%d %H:%M"))


def positions(engine, lang: str) -> str:
    held = engine.positions()
    currency = _currency(engine)
    tz = engine.get_settings()["timezone"]
    lines = [bold("tg.positions.title", lang, n=len(held))]
    if not held:
        lines.append(tx("tg.positions.none", lang))
    for position in held:
        owner = t("tg.positions.bot", lang, id=position["bot_id"], name=position["bot_name"]) \
            if position["bot_id"] is not None else t("tg.positions.other", lang, magic=position["magic"])
        lines.append(position_line(position, currency, lang, tz) + " · " + esc(owner))
    if held:
        lines.append(tx("tg.positions.total", lang, profit=signed(sum(p["profit"] for p in held), lang),
                        currency=currency))
    return fit(lines, "tg.more_lines", lang)


# -- the account and results ------------------------------------------------------------------
def account(engine, lang: str) -> str:
    info = engine.account()
    cur = info["currency"]
    level = info["margin_level"]
    broker, mode = engine.broker_kind, info["trade_mode"]
    kind = broker if broker == mode else f"{broker}, {mode}"
    return "\n".join([
        bold("tg.account.title", lang, kind=kind),
        tx("tg.account.balance", lang, value=money(info["balance"], lang), currency=cur),
        tx("tg.account.equity", lang, value=money(info["equity"], lang), currency=cur),
        tx("tg.account.floating", lang, value=signed(info["profit"], lang), currency=cur),
        tx("tg.account.margin", lang, used=money(info["margin"], lang), free=money(info["free_margin"], lang),
           level=number(level, 0, lang) + "%" if level is not None else "-", currency=cur),
        *brake_banner(engine, lang)])


def daily(engine, lang: str) -> str:
    """Today's closed trades (from the journal) and, when the broker answers, the floating P/L and balance."""
    figures = engine.history.performance(period="day", days=1)["summary"]
    try:
        info = engine.account()
    except QbxError:
        info = None
    cur = info["currency"] if info else _currency(engine)
    lines = [bold("tg.daily.title", lang, day=engine.today()), _result_line(figures, cur, lang)]
    if info is None:
        lines.append(tx("tg.status.no_broker", lang))
    else:
        lines.append(tx("tg.account.floating", lang, value=signed(info["profit"], lang), currency=cur))
        lines.append(tx("tg.account.balance", lang, value=money(info["balance"], lang), currency=cur))
    return "\n".join(lines + brake_banner(engine, lang))


def profit(engine, days: int, lang: str) -> str:
    result = engine.history.performance(period="day", days=days)
    figures = result["summary"]
    cur = _currency(engine)
    lines = [bold("tg.profit.title", lang, days=days), _result_line(figures, cur, lang)]
    if figures["trades"]:
        lines.append(tx("tg.profit.more", lang,
                        pf=number(figures["profit_factor"], 2, lang) if figures["profit_factor"] is not None else "-",
                        dd=money(abs(figures["max_drawdown"]), lang), currency=cur,
                        r=signed(figures["expectancy_r"], lang) + "R" if figures["expectancy_r"] is not None else "-"))
        for row in result["periods"][-14:][::-1]:
            lines.append(esc(f"{row['period']}: ") + tx("tg.profit.day", lang, trades=row["trades"],
                                                     net=signed(row["net"], lang), currency=cur))
    return fit(lines, "tg.more_lines", lang)


def _result_line(figures: dict, currency: str, lang: str) -> str:
    if not figures["trades"]:
        return tx("tg.result.none", lang)
    rate = number(figures["win_rate"], 0, lang) + "%" if figures["win_rate"] is not None else "-"
    return tx("tg.result.line", lang, trades=figures["trades"], wins=figures["wins"], losses=figures["losses"],
              rate=rate, net=signed(figures["net"], lang), currency=currency)


# -- the mentor -------------------------------------------------------------------------------
def day_report(engine, lang: str, dashboard: str) -> str:
    a = engine.mentor.report()
    lines = [bold("mentor.report.title", lang, date=a["date"])]
    s = a["summary"]
    if not s["total_trades"]:
        lines.append(tx("mentor.report.empty", lang))
    else:
        lines.append(tx("tg.report.summary", lang, trades=s["total_trades"], wins=s["wins"], losses=s["losses"],
                        net=signed(s["net_profit"], lang), currency=a["currency"], score=a["disiplin"]["score"]))
        advice = a["rekomendasi"][:3]
        if advice:
            lines.append(bold("mentor.sec.rekomendasi", lang))
            lines += [esc(f"{i}. {render(rec['msg'], lang)}") for i, rec in enumerate(advice, 1)]
    lines.append(f"<i>{esc(render(a['motivasi'], lang))}</i>")
    lines.append(tx("tg.report.link", lang, url=f"{dashboard}/{MENTOR_PAGE}"))
    return fit(lines, "tg.more_lines", lang)


def week_report(engine, lang: str, dashboard: str) -> str:
    a = engine.mentor.weekly()
    week, s = a["week"], a["summary"]
    lines = [bold("mentor.week.title", lang, start=week["start"], end=week["end"])]
    if s["total_trades"]:
        lines.append(tx("tg.report.summary", lang, trades=s["total_trades"], wins=s["wins"], losses=s["losses"],
                        net=signed(s["net_profit"], lang), currency=a["currency"], score=a["disiplin"]["score"]))
    else:
        lines.append(tx("tg.report.week_empty", lang))
    costly = a["kebiasaan_termahal"]
    if costly:
        lines += [bold("mentor.sec.kebiasaan_termahal", lang), esc(render(costly["msg"], lang))]
    lines += [bold("mentor.sec.fokus_minggu_depan", lang), esc(render(a["fokus_minggu_depan"], lang))]
    lines.append(tx("tg.report.link", lang, url=f"{dashboard}/{MENTOR_PAGE}"))
    return fit(lines, "tg.more_lines", lang)


# -- the emergency brake ------------------------------------------------------------------------
def brake_banner(engine, lang: str) -> list[str]:
    state = engine.safety.brake()
    if not state["on"]:
        return []
    return ["🛑 " + tx("tg.brake.on_short", lang, why=render(state["reason"], lang))]


def brake(engine, lang: str) -> str:
    state = engine.safety.brake()
    settings = engine.get_settings()
    tz = settings["timezone"]
    if state["on"]:
        until = t("tg.brake.until", lang, when=local_time(state["lifts_at"], tz, "%Y-%m-%d %H:%M")) \
            if state["lifts_at"] else t("tg.brake.until_rearm", lang)
        lines = ["🛑 " + bold("tg.brake.on_title", lang),
                 tx("tg.brake.on", lang, since=local_time(state["since"], tz, "%Y-%m-%d %H:%M"),
                    why=render(state["reason"], lang), until=until)]
    else:
        lines = ["✅ " + bold("tg.brake.off_title", lang)]
    loss, drawdown = settings["brake_daily_loss"], settings["brake_max_drawdown"]
    if not loss and not drawdown:
        lines.append(tx("tg.brake.no_limits", lang))
    else:
        unit = "%" if settings["brake_daily_loss_unit"] == "percent" else ""
        lines.append(tx("tg.brake.limits", lang, loss=f"{number(loss, 2, lang)}{unit}" if loss else "-",
                        drawdown=f"{number(drawdown, 2, lang)}%" if drawdown else "-"))
    try:
        f = engine.safety.brake_figures()
    except QbxError:
        lines.append(tx("tg.status.no_broker", lang))
    else:
        lines.append(tx("tg.brake.figures", lang, loss=money(f["loss"], lang), currency=f["currency"],
                        loss_pct=number(f["loss_pct"] or 0, 2, lang), drawdown=money(f["drawdown"], lang),
                        drawdown_pct=number(f["drawdown_pct"] or 0, 2, lang)))
    return "\n".join(lines)


def _currency(engine) -> str:
    try:
        return engine.account_currency()
    except QbxError:
        return ""
