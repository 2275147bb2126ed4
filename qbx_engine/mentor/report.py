"""The mentor's daily report and weekly review as Markdown, in the trader's language (one renderer for both).

Every number is the analysis' own (taken from the journal); text the trader typed
(bot names) is escaped so Markdown shows it as written. Sections with nothing to
say say so ("Tidak ada temuan." / "No findings.").
"""

from __future__ import annotations

from ..core.i18n import Msg, number, render, t
from .facts import SESSIONS, count, duration

ICONS = {"good": "✓", "warn": "⚠", "bad": "✗"}  # in every common font, unlike emoji; "info" has none
DAY_SECTIONS = ("pola_trading", "emosi_vs_performa", "manajemen_risiko")
MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def report_markdown(analysis: dict, lang: str) -> str:
    if analysis.get("kind") == "week":
        return "\n".join(_week(analysis, lang))
    return "\n".join(_day(analysis, lang))


# -- the day ------------------------------------------------------------------------
def _day(a: dict, lang: str) -> list[str]:
    summary = a["summary"]
    lines = [f"### {t('mentor.report.title', lang, date=a['date'])}", ""]
    if not summary["total_trades"]:
        lines += [t("mentor.report.empty", lang), ""]
        notes = (a.get("emosi_vs_performa") or {}).get("findings") or []
        if notes:
            lines += _section(t("mentor.sec.emosi_vs_performa", lang), notes, lang)
        return lines + [f"**{t('mentor.sec.motivasi', lang)}**", f"> {md(a['motivasi'], lang)}"]
    lines += [summary_line(a, lang), ""]
    lines += _section(t("mentor.sec.pola_trading", lang), a["pola_trading"]["findings"], lang)
    lines += _titled("per_bot", decider_table(a["per_bot"], a["currency"], lang), lang)
    for name in DAY_SECTIONS[1:]:
        lines += _section(t(f"mentor.sec.{name}", lang), a[name]["findings"], lang)
    lines += _advice(a, lang)
    return lines + ["", f"**{t('mentor.sec.motivasi', lang)}**", f"> {md(a['motivasi'], lang)}"]


def summary_line(a: dict, lang: str) -> str:
    """The day's or week's result in one line (the facts packet states it in these same words)."""
    s = a["summary"]
    score = a["disiplin"]["score"]
    return t("mentor.report.summary", lang, trades=count(s["total_trades"], "trades"), wins=s["wins"],
             losses=s["losses"], net=signed(s["net_profit"], lang), currency=a["currency"], score=score)


# -- the week -----------------------------------------------------------------------
def _week(a: dict, lang: str) -> list[str]:
    week = a["week"]
    lines = [f"### {t('mentor.week.title', lang, start=week['start'], end=week['end'])}", ""]
    s = a["summary"]
    if s["total_trades"]:
        lines += [summary_line(a, lang), ""]
    lines += _section(t("mentor.sec.ringkasan_minggu", lang), a["ringkasan_minggu"]["findings"], lang)
    lines += [*comparison_table(a["ringkasan_minggu"], a["currency"], lang), ""]
    costly = a["kebiasaan_termahal"]
    lines.append(f"**{t('mentor.sec.kebiasaan_termahal', lang)}**")
    if costly:
        lines.append(f"- ✗ {md(costly['msg'], lang)}")
        lines += [f"  - {_episode(e, lang)}" for e in costly["episodes"]]
    else:
        lines.append(f"- {t('mentor.report.nothing', lang)}")
    lines += ["", f"**{t('mentor.sec.fokus_minggu_depan', lang)}**", f"> {md(a['fokus_minggu_depan'], lang)}", ""]
    others = [g for g in a["kebiasaan"] if not costly or (g["code"], g["who"]) != (costly["code"], costly["who"])]
    lines.append(f"**{t('mentor.sec.kebiasaan', lang)}**")
    lines += [f"- {_icon(e['finding']['tone'])}{_episode(e, lang)}" for g in others for e in g["episodes"]] or \
        [f"- {t('mentor.report.nothing', lang)}"]
    lines.append("")
    if s["total_trades"]:
        lines += _titled("per_bot", decider_table(a["per_bot"], a["currency"], lang), lang)
        lines += _titled("per_strategi", strategy_table(a["per_strategi"], a["currency"], lang), lang)
        lines += _titled("sesi", session_table(a["sesi"], a["tz"], a["currency"], lang), lang)
        lines += [t("mentor.report.sessions_note", lang), ""]
    lines += _section(t("mentor.sec.pola_minggu", lang), a["pola_minggu"]["findings"], lang)
    lines += _section(t("mentor.sec.emosi_minggu", lang), a["emosi_minggu"]["findings"], lang)
    lines += _section(t("mentor.sec.manajemen_risiko", lang), a["risiko_minggu"]["findings"], lang)
    lines += _advice(a, lang)
    return lines + ["", f"**{t('mentor.sec.motivasi', lang)}**", f"> {md(a['motivasi'], lang)}"]


def _episode(episode: dict, lang: str) -> str:
    text = md(episode["finding"]["msg"], lang)
    return f"{render(episode['weekday'], lang)}: {text}" if episode.get("weekday") else text


# -- shared pieces ------------------------------------------------------------------
def _section(title: str, findings: list[dict], lang: str) -> list[str]:
    lines = [f"**{title}**"]
    lines += [f"- {_icon(f['tone'])}{md(f['msg'], lang)}" for f in findings] or \
        [f"- {t('mentor.report.nothing', lang)}"]
    return lines + [""]


def _titled(section: str, table: list[str], lang: str) -> list[str]:
    """A table under its section title, with the blank lines Markdown needs around a table."""
    return [f"**{t(f'mentor.sec.{section}', lang)}**", "", *table, ""]


def _advice(a: dict, lang: str) -> list[str]:
    lines = [f"**{t('mentor.sec.rekomendasi', lang)}**"]
    for i, rec in enumerate(a["rekomendasi"], 1):
        cost = f" — {t('mentor.rec.cost', lang, cost=abs(rec['cost']), cur=a['currency'])}" if rec["cost"] < 0 else ""
        lines.append(f"{i}. {md(rec['msg'], lang)}{cost}")
    return lines if a["rekomendasi"] else lines + [f"- {t('mentor.report.nothing', lang)}"]


def _icon(tone: str) -> str:
    return f"{ICONS[tone]} " if tone in ICONS else ""


def decider_table(rows: list[dict], currency: str, lang: str) -> list[str]:
    head = ["who", "strategy", "trades", "win_rate", "net", "expectancy", "loss_streak", "hold"]
    body = [[md(r["label"], lang), md(r["strategy_label"], lang) if r["strategy_label"] else "-", str(r["trades"]),
             percent(r["win_rate"], lang),
             signed(r["net"], lang), r_value(r["expectancy_r"], lang), str(r["max_loss_streak"]),
             render(_duration(r["avg_hold"]), lang)] for r in rows]
    return _table(head, body, currency, lang)


def strategy_table(rows: list[dict], currency: str, lang: str) -> list[str]:
    head = ["strategy", "deciders", "trades", "win_rate", "net", "expectancy", "loss_streak"]
    body = [[md(r["strategy_label"], lang), str(r["deciders"]), str(r["trades"]), percent(r["win_rate"], lang),
             signed(r["net"], lang), r_value(r["expectancy_r"], lang), str(r["max_loss_streak"])] for r in rows]
    return _table(head, body, currency, lang)


def session_table(rows: list[dict], tz: str, currency: str, lang: str) -> list[str]:
    by_name = {r["session"]: r for r in rows}
    body = []
    for name, _, _ in SESSIONS:
        row = by_name.get(name, {"trades": 0, "wins": 0, "net": 0.0})
        body.append([t(f"mentor.session_name.{name}", lang), str(row["trades"]), str(row["wins"]),
                     signed(row["net"], lang)])
    return _table(["session", "trades", "wins", "net"], body, currency, lang)


def comparison_table(summary: dict, currency: str, lang: str) -> list[str]:
    columns = [summary["this"], summary["previous"], summary["average_4w"] or {}]
    formats = {"trades": lambda v: number(v, 1 if isinstance(v, float) else 0, lang),
               "win_rate": lambda v: percent(v, lang), "net": lambda v: signed(v, lang),
               "profit_factor": lambda v: number(v, 2, lang), "expectancy_r": lambda v: r_value(v, lang),
               "max_loss_streak": lambda v: number(v, 1 if isinstance(v, float) else 0, lang),
               "avg_hold": lambda v: render(_duration(v), lang)}
    body = [[t(f"mentor.metric.{key}", lang, cur=currency)] +
            ["-" if column.get(key) is None else fmt(column[key]) for column in columns]
            for key, fmt in formats.items()]
    head = ["", t("mentor.col.this_week", lang), t("mentor.col.previous_week", lang),
            t("mentor.col.average_4w", lang, weeks=summary["weeks_in_average"])]
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in body]


def _table(head: list[str], body: list[list[str]], currency: str, lang: str) -> list[str]:
    if not body:
        return [f"- {t('mentor.report.nothing', lang)}"]
    titles = [t(f"mentor.col.{h}", lang, cur=currency) for h in head]
    return ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)] + ["| " + " | ".join(r) + " |" for r in body]


def _duration(seconds) -> dict:
    return duration(seconds) or Msg("mentor.dur.none").to_json()


# The figures as the report writes them; the facts packet writes them with these same functions, so what a model
# reads (and the audit checks it against) is what the trader reads in the report.
def signed(value: float, lang: str) -> str:
    """An amount with its sign: "+12,50", "-45,74", "0,00"."""
    text = number(value, 2, lang)
    return f"+{text}" if value > 0 else text


def percent(value, lang: str) -> str:
    """A whole percentage, "43%"; "-" when there is none."""
    return "-" if value is None else f"{number(value, 0, lang)}%"


def r_value(value, lang: str) -> str:
    """An R multiple with its sign, "+0,03R"; "-" when there is none."""
    return "-" if value is None else f"{'+' if value > 0 else ''}{number(value, 2, lang)}R"


# -- text the trader typed, shown literally -------------------------------------------
def md(message, lang: str) -> str:
    """A message for Markdown: its template's formatting kept, every text parameter shown as typed."""
    if message is None:
        return ""
    if isinstance(message, Msg):
        message = message.to_json()
    if "key" not in message:  # a label given in both languages, e.g. a strategy's name
        message = {"key": "mentor.text", "params": {"text": message}}
    return render(_literal(message), lang)


def _literal(value):
    if isinstance(value, dict) and set(value) == {"key", "params"}:
        return {"key": value["key"], "params": {k: _literal(v) for k, v in value["params"].items()}}
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, str):
        return "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in value)
    return value
