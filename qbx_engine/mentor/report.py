"""The daily report as Markdown, in the trader's language, quoting the analysis' numbers."""

from __future__ import annotations

from ..i18n import number, render, t

SECTIONS = ("pola_trading", "emosi_vs_performa", "manajemen_risiko")


def report_markdown(analysis: dict, lang: str) -> str:
    summary = analysis["summary"]
    lines = [f"### {t('mentor.report.title', lang, date=analysis['date'])}", ""]
    if not summary["total_trades"]:
        lines += [t("mentor.report.empty", lang), "", f"> {render(analysis['motivasi'], lang)}"]
        return "\n".join(lines)
    score = analysis["disiplin"]["score"]
    lines += [t("mentor.report.summary", lang, trades=summary["total_trades"], wins=summary["wins"],
                losses=summary["losses"], net=number(summary["net_profit"], 2, lang),
                currency=analysis["currency"], score=score), ""]
    for section in SECTIONS:
        lines.append(f"**{t(f'mentor.sec.{section}', lang)}**")
        lines += [f"- {_icon(f['tone'])} {render(f['msg'], lang)}" for f in analysis[section]["findings"]] or \
            [f"- {t('mentor.report.nothing', lang)}"]
        lines.append("")
    lines.append(f"**{t('mentor.sec.rekomendasi', lang)}**")
    lines += [f"{i}. {render(r['msg'], lang)}" for i, r in enumerate(analysis["rekomendasi"], 1)]
    lines += ["", f"**{t('mentor.sec.motivasi', lang)}**", f"> {render(analysis['motivasi'], lang)}"]
    return "\n".join(lines)


def _icon(tone: str) -> str:
    return {"good": "✓", "warn": "⚠", "bad": "✗"}[tone]  # in every common font, unlike emoji
