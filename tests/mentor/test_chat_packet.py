"""The facts packet a model reads (qbx_engine.mentor.packet) on the realistic week: it holds what the mentor's
report and review say, with their numbers, names, hours and costs, every trade and note of the week, in both
languages, and nothing secret (no login, no password, no token, no key, no balance, no file)."""

from __future__ import annotations

import re
from datetime import date

from qbx_engine.core.i18n import number, render
from qbx_engine.mentor import endpoint, report_markdown
from qbx_engine.mentor.audit import Facts, check
from qbx_engine.mentor.packet import MAX_TRADES, Material, build, long_date
from qbx_engine.mentor.report import DAY_SECTIONS, percent, r_value, summary_line
from qbx_engine.mentor.report import signed as report_signed
from qbx_engine.trading.journal import day_bounds
from tests.mentor.week import THU, TZ

WEEK_SECTIONS = ("ringkasan_minggu", "pola_minggu", "emosi_minggu", "risiko_minggu")


def signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else "") + number(value, 2, lang)


def test_the_packet_holds_every_finding_of_the_day_and_the_week(week):
    engine, _ = week
    report, review = engine.mentor.report(THU), engine.mentor.weekly(THU)
    for lang in ("id", "en"):
        text = engine.mentor.facts(THU, lang)["text"]
        said = [f["msg"] for name in DAY_SECTIONS for f in report[name]["findings"]]
        said += [f["msg"] for name in WEEK_SECTIONS for f in review[name]["findings"]]
        said += [r["msg"] for r in report["rekomendasi"] + review["rekomendasi"]]
        said += [report["motivasi"], review["motivasi"], review["fokus_minggu_depan"],
                 review["kebiasaan_termahal"]["msg"]]
        said += [e["finding"]["msg"] for group in review["kebiasaan"] for e in group["episodes"]]
        assert not re.search(r"\b(mentor|emotion|market|ui)\.[a-z]", text) and "{" not in text  # every text exists
        missing = [render(m, lang) for m in said if render(m, lang) not in text]
        assert missing == [], lang
        for row in review["per_bot"] + report["per_bot"]:
            assert f"{render(row['label'], lang)} (" in text and f"{signed(row['net'], lang)} USD" in text
        for rec in review["rekomendasi"]:
            assert number(abs(rec["cost"]), 2, lang) in text
        assert check(text, Facts.of({lang: text}), lang).unsupported == ()  # it backs every number it states


def test_the_packet_writes_each_figure_as_the_report_shows_it(week):
    """One set of formatting functions for both: what the model reads is what the trader reads in the report."""
    engine, _ = week
    report, review = engine.mentor.report(THU), engine.mentor.weekly(THU)
    for lang in ("id", "en"):
        text = engine.mentor.facts(THU, lang)["text"]
        shown = report_markdown(report, lang) + report_markdown(review, lang)
        for analysis in (report, review):
            line = summary_line(analysis, lang)
            assert line in shown and line.replace("**", "") in text
        for row in report["per_bot"] + review["per_bot"] + review["per_strategi"]:
            for figure in (percent(row["win_rate"], lang), r_value(row["expectancy_r"], lang),
                           report_signed(row["net"], lang)):
                assert figure in shown and figure in text, (lang, figure)


def test_the_packet_lists_every_trade_and_note_of_the_week_with_who_when_and_what_it_cost(week):
    engine, marks = week
    text = engine.mentor.facts(THU, "id")["text"]
    review = engine.mentor.weekly(THU)
    assert len(review["trades"]) == 30 <= MAX_TRADES
    for trade in review["trades"]:
        assert f"{signed(trade['net_profit'], 'id')} USD" in text
    tilt = marks["records"]["tilt0"]
    assert "- 20:05–20:10 · Trade manual · EURUSD " in text and f"hasil {signed(tilt['net_profit'], 'id')} USD" in text
    big = marks["records"]["big"]
    assert f"risiko 500,00 USD ({number(big['risk_pct'], 2, 'id')}%)" in text
    assert "· Trade manual · XAUUSD BUY 0,2 lot · tanpa SL · risiko tidak tercatat · hasil -61,80 USD" in text
    for note in engine.mentor.desk.emotions(date(2026, 11, 23), TZ, date(2026, 11, 29)):
        assert f"“{note['note']}”" in text
    for bot in engine.list_bots():
        assert f"#{bot['id']} {bot['name']}: {bot['market']} {bot['timeframe']}" in text
    assert "Batas trade harian yang trader tetapkan sendiri: 8 trade." in text
    assert f"## Laporan hari {long_date(THU, 'id')}" in text
    assert "- Kamis, 26 November 2026: 7 trade (3 profit, 4 kali rugi), hasil -45,74 USD; emosi dicatat: takut, lelah" \
        in text
    thursday = engine.trades(since=day_bounds(THU, TZ).start, until=day_bounds(THU, TZ).end)
    assert round(sum(x["net_profit"] for x in thursday), 2) == -45.74


def test_nothing_secret_reaches_the_packet(week, monkeypatch, tmp_path):
    engine, _ = week
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('password = "dashboard-pass-77"\n[mt5]\nlogin = 81234567\npassword = "mt5-Pa55word!"\n'
                       'server = "RealBroker-Live"\n[telegram]\ntoken = "123456789:AAEsecrettoken_abcdef"\n'
                       '[mentor_ai]\napi_key = "sk-mentor-secret-42"\n', encoding="utf-8")
    monkeypatch.setattr(endpoint, "SECRETS_FILE", secrets)
    monkeypatch.setenv("QBX_MT5_PASSWORD", "env-mt5-Secret")
    monkeypatch.setenv("QBX_MT5_LOGIN", "99887766")
    monkeypatch.setenv("QBX_WEBHOOK_SECRET", "hook-secret-xyz")
    account = engine.account()
    for lang in ("id", "en"):
        facts = engine.mentor.facts(THU, lang)
        sent = facts["instructions"] + facts["text"]
        for secret in ("dashboard-pass-77", "81234567", "mt5-Pa55word!", "RealBroker-Live", "AAEsecrettoken",
                       "sk-mentor-secret-42", "env-mt5-Secret", "99887766", "hook-secret-xyz",
                       str(account["login"]), account["server"], str(engine.data_dir), "secrets.toml",
                       number(account["balance"], 2, lang)):
            assert secret not in sent, (lang, secret)
    assert engine.mentor.chat_setup()["key"] == "sk…42"


def test_an_empty_journal_gives_a_packet_that_says_so(desk):
    facts = desk.engine.mentor.facts(lang="en")
    assert "No bots yet." in facts["text"] and "No trades this week." in facts["text"]
    assert "No emotion notes this week." in facts["text"]
    assert "Answer in English" in facts["instructions"]
    assert desk.engine.mentor.facts(lang="id")["instructions"].startswith("Anda adalah mentor trading asal Indonesia")


def test_a_busy_week_lists_the_focus_day_first_and_says_how_many_more(week):
    engine, _ = week
    view = engine.mentor.view()
    report, review = engine.mentor.desk.analyse(THU, view), engine.mentor.desk.weekly(THU, view)
    many = []
    for n in range(70):  # the week's 30 trades, repeated across its days as a heavy trader's week would look
        trade = dict(review["trades"][n % 30])
        trade["position_id"] = 900_000 + n
        many.append(trade)
    material = Material(day=THU, now=engine.now(), tz=TZ, currency="USD", max_per_day=8, report=report,
                        review={**review, "trades": many}, week_days=[], month=[], notes=[], bots=[])
    text = build(material).text("en")
    assert "… and 30 more trades this week not listed here." in text
    thursday = [x for x in many if day_bounds(THU, TZ).start <= x["close_time"] < day_bounds(THU, TZ).end]
    assert text.count("### Thursday, 26 November 2026") == 1
    section = text.split("### Thursday, 26 November 2026")[1].split("###")[0]
    assert section.count("\n- ") == len(thursday)
