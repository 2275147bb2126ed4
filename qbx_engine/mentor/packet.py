"""The facts packet: all a model may read about the trader, written out in each language.

It is made from what the mentor itself computed (the day's report and the week's review, with their findings,
numbers, names, hours and costs), the week's journal records and emotion notes, the day summaries of the last 30
days and the bots' settings. Nothing else goes in: no account login, no balance, no broker name, no file. The
same facts are written in Bahasa Indonesia and English; the model reads the one it answers in, and the audit
accepts a number written as either language writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..core.i18n import LANGUAGES, render, t
from ..core.money import D, cents
from ..trading.bots import STATUS_LABELS
from .audit import Facts
from .facts import clock, count, decider, duration, lots, strategy_label, window
from .habits import MAX_RISK_PERCENT, REVENGE_SIZE, REVENGE_WINDOW, TILT_LOSSES, TILT_WINDOW
from .patterns import session_label
from .report import comparison_table, percent, r_value, summary_line

DAY_SECTIONS = ("pola_trading", "emosi_vs_performa", "manajemen_risiko")
WEEK_SECTIONS = ("pola_minggu", "emosi_minggu", "risiko_minggu")
MAX_TRADES = 40  # trade lines in one packet; the focus day's come first, then its nearest days
NOTE_CHARS = 300


@dataclass(frozen=True)
class Material:
    """What the facade gathers for a packet: the mentor's own analyses and the records they were made from.

    ``week_days``: the day summaries of the focus day's week up to today; ``month``: those of the 30 days
    through the focus day; ``notes``: the week's emotion notes; ``bots``: the bot records."""

    day: date
    now: float
    tz: str
    currency: str
    max_per_day: int
    report: dict
    review: dict
    week_days: list[dict]
    month: list[dict]
    notes: list[dict]
    bots: list[dict]


@dataclass(frozen=True)
class Packet:
    day: date
    texts: dict[str, str]

    def text(self, lang: str) -> str:
        return self.texts[lang]

    def facts(self, questions=()) -> Facts:
        """What an answer may state: every number of the packet in either language, and the trader's own."""
        return Facts.of(self.texts, questions)


def build(material: Material) -> Packet:
    return Packet(material.day, {lang: "\n".join(_lines(material, lang)) for lang in LANGUAGES})


def long_date(day: date, lang: str) -> str:
    """"Kamis, 26 November 2026" / "Thursday, 26 November 2026": how the packet names a day."""
    return t("mentor.chat.date", lang, weekday=t(f"mentor.weekday.{day.isoweekday()}", lang), day=str(day.day),
             month=t(f"mentor.chat.month.{day.month}", lang), year=str(day.year))


def _lines(m: Material, lang: str) -> list[str]:
    now = datetime.fromtimestamp(m.now, ZoneInfo(m.tz))
    monday = m.day - timedelta(days=m.day.weekday())
    out = [f"# {t('mentor.chat.p.title', lang)}", t("mentor.chat.p.source", lang),
           t("mentor.chat.p.context", lang, tz=m.tz, cur=m.currency,
             now=f"{long_date(now.date(), lang)} {now:%H:%M}"),
           t("mentor.chat.p.focus", lang, day=long_date(m.day, lang), start=long_date(monday, lang),
             end=long_date(monday + timedelta(days=6), lang))]
    out += _section(t("mentor.chat.p.bots", lang), [_bot(b, lang) for b in m.bots] or
                    [t("mentor.chat.p.no_bots", lang)])
    out += _section(t("mentor.chat.p.rules", lang), _rules(m, lang))
    out += _day(m, lang)
    out += _week(m, lang)
    out += _section(t("mentor.chat.p.days", lang), [_day_line(s, m.currency, lang) for s in m.week_days])
    out += ["", f"## {t('mentor.chat.p.trades', lang)}", *_trades(m, lang)]
    out += _section(t("mentor.chat.p.notes", lang), [_note(n, m.tz, lang) for n in m.notes] or
                    [t("mentor.chat.p.no_notes", lang)])
    out += _section(t("mentor.chat.p.month", lang), _month(m, lang))
    return out + ["", t("mentor.chat.p.end", lang)]


def _section(title: str, lines: list[str], level: int = 2) -> list[str]:
    return ["", f"{'#' * level} {title}", *(f"- {line}" for line in lines if line)]


def _plain(text: str) -> str:
    return text.replace("**", "")


# -- the set-up ---------------------------------------------------------------------------------------------------
def _bot(bot: dict, lang: str) -> str:
    if bot.get("stop_mode") == "atr":
        stops = t("mentor.chat.p.stops_atr", lang, sl=bot["sl_atr"], tp=bot["tp_atr"])
    elif bot.get("tp_pips"):
        stops = t("mentor.chat.p.stops_pips", lang, sl=bot["sl_pips"], tp=bot["tp_pips"])
    else:
        stops = t("mentor.chat.p.stops_pips_no_tp", lang, sl=bot["sl_pips"])
    status = STATUS_LABELS.get(bot["status"], {}).get(lang, bot["status"])
    return t("mentor.chat.p.bot", lang, id=str(bot["id"]), name=bot["name"], market=bot["market"],
             timeframe=bot["timeframe"], strategy=strategy_label(bot["strategy_name"]), risk=bot["risk_percent"],
             stops=stops, status=status)


def _rules(m: Material, lang: str) -> list[str]:
    lines = [t("mentor.chat.p.rule_revenge", lang, minutes=REVENGE_WINDOW // 60, factor=float(REVENGE_SIZE)),
             t("mentor.chat.p.rule_tilt", lang, losses=TILT_LOSSES, minutes=TILT_WINDOW // 60),
             t("mentor.chat.p.rule_risk", lang, pct=MAX_RISK_PERCENT)]
    lines.append(t("mentor.chat.p.rule_limit", lang, limit=count(m.max_per_day, "trades")) if m.max_per_day
                 else t("mentor.chat.p.rule_no_limit", lang))
    return lines + [t("mentor.chat.p.rule_week", lang), t("mentor.report.sessions_note", lang)]


# -- the mentor's own analyses ----------------------------------------------------------------------------------------
def _findings(title: str, findings: list[dict], lang: str) -> list[str]:
    lines = [render(f["msg"], lang) for f in findings] or [t("mentor.report.nothing", lang)]
    return _section(title, lines, 3)


def _day(m: Material, lang: str) -> list[str]:
    a = m.report
    out = ["", f"## {t('mentor.chat.p.day', lang, day=long_date(m.day, lang))}"]
    if not a["summary"]["total_trades"]:
        out.append(t("mentor.report.empty", lang))
        notes = (a.get("emosi_vs_performa") or {}).get("findings") or []
        if notes:
            out += _findings(t("mentor.sec.emosi_vs_performa", lang), notes, lang)
    else:
        out.append(_plain(summary_line(a, lang)))
        for name in DAY_SECTIONS:
            out += _findings(t(f"mentor.sec.{name}", lang), a[name]["findings"], lang)
        out += _section(t("mentor.sec.per_bot", lang), [_who(r, a["currency"], lang) for r in a["per_bot"]], 3)
        out += _advice(a, lang)
    return out + [f"{t('mentor.sec.motivasi', lang)}: {render(a['motivasi'], lang)}"]


def _week(m: Material, lang: str) -> list[str]:
    a = m.review
    cur = a["currency"]
    out = ["", f"## {t('mentor.chat.p.week', lang, start=long_date(date.fromisoformat(a['week']['start']), lang), end=long_date(date.fromisoformat(a['week']['end']), lang))}"]  # noqa: E501
    if a["summary"]["total_trades"]:
        out.append(_plain(summary_line(a, lang)))
    out += _findings(t("mentor.sec.ringkasan_minggu", lang), a["ringkasan_minggu"]["findings"], lang)
    out += ["", f"### {t('mentor.chat.p.compare', lang)}", *comparison_table(a["ringkasan_minggu"], cur, lang)]
    costly = a["kebiasaan_termahal"]
    lines = []
    if costly:
        lines = [render(costly["msg"], lang)] + [_episode(e, lang) for e in costly["episodes"]]
    out += _section(t("mentor.sec.kebiasaan_termahal", lang), lines or [t("mentor.report.nothing", lang)], 3)
    out += _section(t("mentor.sec.fokus_minggu_depan", lang), [render(a["fokus_minggu_depan"], lang)], 3)
    others = [g for g in a["kebiasaan"] if not costly or (g["code"], g["who"]) != (costly["code"], costly["who"])]
    out += _section(t("mentor.sec.kebiasaan", lang), [_episode(e, lang) for g in others for e in g["episodes"]]
                    or [t("mentor.report.nothing", lang)], 3)
    if a["summary"]["total_trades"]:
        out += _section(t("mentor.sec.per_bot", lang), [_who(r, cur, lang) for r in a["per_bot"]], 3)
        out += _section(t("mentor.sec.per_strategi", lang), [_strategy(r, cur, lang) for r in a["per_strategi"]], 3)
        on = a["trades"][0]["open_time"]
        out += _section(t("mentor.sec.sesi", lang), [t("mentor.chat.p.session", lang, session=render(
            session_label(r["session"], a["tz"], on), lang), trades=count(r["trades"], "trades"),
            wins=count(r["wins"], "winners"), net=r["net"], cur=cur) for r in a["sesi"]], 3)
        out += _section(t("mentor.chat.p.hours", lang), [t(
            "mentor.chat.p.hour", lang, start=f"{r['hour']:02d}:00", end=f"{(r['hour'] + 1) % 24:02d}:00",
            trades=count(r["trades"], "trades"), wins=count(r["wins"], "winners"), net=r["net"], cur=cur)
            for r in a["jam"]], 3)
    for name in WEEK_SECTIONS:
        title = "manajemen_risiko" if name == "risiko_minggu" else name
        out += _findings(t(f"mentor.sec.{title}", lang), a[name]["findings"], lang)
    out += _advice(a, lang)
    return out + [f"{t('mentor.sec.motivasi', lang)}: {render(a['motivasi'], lang)}"]


def _episode(episode: dict, lang: str) -> str:
    text = render(episode["finding"]["msg"], lang)
    return f"{render(episode['weekday'], lang)} ({episode['day']}): {text}" if episode.get("weekday") else text


def _advice(a: dict, lang: str) -> list[str]:
    lines = ["", f"### {t('mentor.sec.rekomendasi', lang)}"]
    for i, rec in enumerate(a["rekomendasi"], 1):
        cost = f" ({t('mentor.rec.cost', lang, cost=abs(rec['cost']), cur=a['currency'])})" if rec["cost"] < 0 else ""
        lines.append(f"{i}. {render(rec['msg'], lang)}{cost}")
    return lines if a["rekomendasi"] else lines + [f"- {t('mentor.report.nothing', lang)}"]


def _who(row: dict, cur: str, lang: str) -> str:
    strategy = _label(row["strategy_label"], lang) if row["strategy_label"] else "-"
    return t("mentor.chat.p.who", lang, who=render(row["label"], lang), strategy=strategy,
             trades=count(row["trades"], "trades"), wins=count(row["wins"], "winners"),
             win_rate=percent(row["win_rate"], lang), net=row["net"], cur=cur, r=r_value(row["expectancy_r"], lang),
             streak=count(row["max_loss_streak"], "trades"), hold=render(duration(row["avg_hold"]), lang) or "-")


def _strategy(row: dict, cur: str, lang: str) -> str:
    return t("mentor.chat.p.strategy", lang, strategy=_label(row["strategy_label"], lang),
             trades=count(row["trades"], "trades"), wins=count(row["wins"], "winners"),
             win_rate=percent(row["win_rate"], lang), net=row["net"], cur=cur, r=r_value(row["expectancy_r"], lang))


# -- the records --------------------------------------------------------------------------------------------------
def _day_line(summary: dict, cur: str, lang: str) -> str:
    day = date.fromisoformat(summary["date"])
    felt = t("mentor.chat.p.felt", lang, emotions=", ".join(t(f"emotion.{e}", lang) for e in summary["emotions"])) \
        if summary["emotions"] else ""
    if not summary["total_trades"]:
        return t("mentor.chat.p.day_empty", lang, date=long_date(day, lang), felt=felt)
    return t("mentor.chat.p.day_line", lang, date=long_date(day, lang), trades=count(summary["total_trades"], "trades"),
             wins=count(summary["wins"], "winners"), losses=count(summary["losses"], "losses"),
             net=summary["total_profit"], cur=cur, felt=felt)


def _trades(m: Material, lang: str) -> list[str]:
    """The week's trades under the day they closed; past ``MAX_TRADES``, the focus day's and its nearest days'."""
    trades = m.review["trades"]
    if not trades:
        return [f"- {t('mentor.chat.p.no_trades', lang)}"]
    chosen = trades
    if len(trades) > MAX_TRADES:
        def distance(trade):
            return abs((_local_day(trade["close_time"], m.tz) - m.day).days), -trade["close_time"]
        keep = {id(x) for x in sorted(trades, key=distance)[:MAX_TRADES]}
        chosen = [x for x in trades if id(x) in keep]
    lines: list[str] = []
    shown_day = None
    for trade in sorted(chosen, key=lambda x: (x["close_time"], x["position_id"])):
        day = _local_day(trade["close_time"], m.tz)
        if day != shown_day:
            lines.append(f"### {long_date(day, lang)}")
            shown_day = day
        lines.append(f"- {_trade(trade, m, lang)}")
    if len(chosen) < len(trades):
        lines.append(f"- {t('mentor.chat.p.more_trades', lang, n=len(trades) - len(chosen))}")
    return lines


def _trade(x: dict, m: Material, lang: str) -> str:
    if x.get("sl_pips"):
        stop = t("mentor.chat.p.sl", lang, pips=x["sl_pips"])
    else:
        stop = t("mentor.chat.p.sl_set" if x.get("initial_sl") else "mentor.chat.p.no_sl", lang)
    if x.get("risk_money") and x.get("risk_pct") is not None:
        risk = t("mentor.chat.p.risk", lang, money=x["risk_money"], pct=x["risk_pct"], cur=m.currency)
    else:
        risk = t("mentor.chat.p.risk_unknown", lang)
    r = t("mentor.chat.p.r", lang, r=x["r_multiple"]) if x.get("r_multiple") is not None else ""
    return t("mentor.chat.p.trade", lang, window=window(x["open_time"], x["close_time"], m.tz),
             who=render(decider(x).label(), lang), symbol=x["symbol"], side=x["side"].upper(),
             lots=render(lots(x["volume"]), lang), stop=stop, risk=risk, net=x["net_profit"], cur=m.currency, r=r)


def _note(entry: dict, tz: str, lang: str) -> str:
    text = " ".join(str(entry.get("note") or "").split())[:NOTE_CHARS]
    after = entry.get("emotion_after")
    return t("mentor.chat.p.note", lang, date=long_date(_local_day(entry["ts"], tz), lang), time=clock(entry["ts"], tz),
             before=t(f"emotion.{entry['emotion_before']}", lang),
             after=t(f"emotion.{after}", lang) if after else t("mentor.chat.p.not_yet", lang),
             market=t(f"market.{entry['market_condition']}", lang), note=text)


def _month(m: Material, lang: str) -> list[str]:
    traded = [s for s in m.month if s["total_trades"]]
    net = cents(sum((D(s["total_profit"]) for s in traded), D(0)))
    lines = [t("mentor.chat.p.month_line", lang, days=count(len(traded), "days"),
               trades=count(sum(s["total_trades"] for s in traded), "trades"), net=net, cur=m.currency)]
    for row in (m.report.get("emosi_vs_performa") or {}).get("by_emotion_30d") or []:
        lines.append(t("mentor.chat.p.by_emotion", lang, emotion=t(f"emotion.{row['emotion']}", lang),
                       days=count(row["days"], "days"), avg=row["avg_pnl"], cur=m.currency))
    return lines


# -- formats --------------------------------------------------------------------------------------------------------
def _label(value: dict, lang: str) -> str:
    """A message, or a name given in both languages (a strategy's)."""
    return render(value, lang) if "key" in value else value.get(lang) or value.get("en", "")


def _local_day(ts: float, tz: str) -> date:
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).date()
