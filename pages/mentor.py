"""The trading mentor: the day's reading and the weekly review, asking the mentor, the emotion form, instant advice,
past sessions."""

from datetime import date

import streamlit as st

from qbx_engine.core.i18n import number, t
from qbx_engine.mentor import EMOTIONS, MARKET_CONDITIONS, NOTE_MAX, report_markdown
from qbx_engine.mentor.frames import by_decider
from qbx_engine.mentor.report import md
from qbx_engine.reports import charts, views
from qbx_ui import mentor_chat
from qbx_ui.shell import engine, field_error, lang, submit, tr
from qbx_ui.widgets import table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
today = date.fromisoformat(eng.today())
st.title(tr("nav.mentor"))


def _signed(value: float) -> str:
    text = number(value, 2, language)
    return f"+{text}" if value > 0 else text


def _report(analysis: dict, file_name: str, key: str) -> None:
    """The analysis as Markdown, the same text as the download."""
    markdown = report_markdown(analysis, language)
    with st.container(border=True):
        st.markdown(markdown)
    st.download_button(tr("ui.mentor_report_md"), markdown, file_name=file_name, mime="text/markdown", key=key,
                       icon=":material/description:")


day_tab, week_tab = st.tabs([tr("ui.mentor_tab_day"), tr("ui.mentor_tab_week")])

with day_tab:
    day = st.date_input(tr("ui.mentor_day"), value=st.session_state.get("qbx_mentor_day", today), max_value=today,
                        format="YYYY-MM-DD", key="qbx_mentor_day")
    report = eng.mentor.report(day)
    summary = report["summary"]
    cols = st.columns(5)
    cols[0].metric(tr("ui.mentor_trades"), summary["total_trades"])
    cols[1].metric(f"{tr('ui.mentor_net')} ({report['currency']})", number(summary["net_profit"], 2, language))
    win_rate = report["pola_trading"]["win_rate"]
    cols[2].metric(tr("ui.mentor_win_rate"), "-" if win_rate is None else f"{number(win_rate, 0, language)}%")
    expectancy = report["pola_trading"]["expectancy_r"]
    cols[3].metric(tr("ui.mentor_expectancy"), "-" if expectancy is None else f"{number(expectancy, 2, language)}R")
    score = report["disiplin"]["score"]
    cols[4].metric(tr("ui.mentor_score"), "-" if score is None else f"{score}/10")
    if not summary["total_trades"]:
        st.info(tr("ui.mentor_empty"), icon=":material/self_improvement:")
    else:
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{tr('ui.mentor_pnl_day')}**")
            st.altair_chart(charts.cumulative_pnl(views.day_pnl_frame(report["trades"], tz), language),
                            width="stretch")
        with right:
            st.markdown(f"**{tr('ui.mentor_by_bot')}**")
            st.altair_chart(charts.bars_by(by_decider(report["per_bot"], language), "bot", "pnl", tr("col.pnl")),
                            width="stretch")
    _report(report, f"mentor-{report['date']}.md", "qbx_mentor_md")

with week_tab:
    picked = st.date_input(tr("ui.mentor_week_pick"), value=st.session_state.get("qbx_mentor_week", today),
                           max_value=today, format="YYYY-MM-DD", key="qbx_mentor_week", help=tr("ui.mentor_week_help"))
    review = eng.mentor.weekly(picked)
    week = review["ringkasan_minggu"]
    cols = st.columns(4)
    cols[0].metric(tr("ui.mentor_trades"), review["summary"]["total_trades"])
    previous = week["previous"]["net"] if week["previous"]["trades"] else None
    cols[1].metric(f"{tr('ui.mentor_net')} ({review['currency']})", _signed(review["summary"]["net_profit"]),
                   delta=None if previous is None else _signed(round(review["summary"]["net_profit"] - previous, 2)),
                   help=tr("ui.mentor_week_delta_help"))
    expectancy = week["this"]["expectancy_r"]
    cols[2].metric(tr("ui.mentor_expectancy"), "-" if expectancy is None else f"{number(expectancy, 2, language)}R")
    cols[3].metric(tr("ui.mentor_loss_streak"), week["this"]["max_loss_streak"])
    costly = review["kebiasaan_termahal"]
    if costly:
        st.warning(f"**{tr('ui.mentor_costly')}** {md(costly['msg'], language)}", icon=":material/paid:")
    st.info(f"**{tr('ui.mentor_focus')}** {md(review['fokus_minggu_depan'], language)}",
            icon=":material/center_focus_strong:")
    if review["per_bot"]:
        st.markdown(f"**{tr('ui.mentor_week_by_bot')}**")
        st.altair_chart(charts.bars_by(by_decider(review["per_bot"], language), "bot", "pnl", tr("col.pnl")),
                        width="stretch")
    _report(review, f"mentor-week-{review['week']['start']}.md", "qbx_mentor_week_md")

mentor_chat.chat_section(day)

by_emotion = report["emosi_vs_performa"]["by_emotion_30d"]
st.subheader(tr("ui.mentor_by_emotion"))
if by_emotion:
    st.altair_chart(charts.bars_by(views.emotion_frame(by_emotion, language), "emotion", "pnl", tr("col.pnl")),
                    width="stretch")
else:
    st.caption(tr("ui.mentor_no_emotion_data"))

form_col, advice_col = st.columns([3, 2])
with form_col:
    st.subheader(tr("ui.mentor_form"))
    errors = st.session_state.get("qbx_mentor_errors", {})
    emotion_label = lambda e: t(f"emotion.{e}", language)  # noqa: E731
    with st.form("qbx_mentor_form", clear_on_submit=False):
        pair = st.columns(2)
        with pair[0]:
            before = st.selectbox(tr("ui.mentor_before"), EMOTIONS, format_func=emotion_label,
                                  key="qbx_mentor_before")
            field_error(errors, "emotion_before")
        with pair[1]:
            after = st.selectbox(tr("ui.mentor_after"), [None, *EMOTIONS], key="qbx_mentor_after",
                                 format_func=lambda e: t("ui.mentor_not_yet", language) if e is None
                                 else emotion_label(e))
            field_error(errors, "emotion_after")
        market = st.radio(tr("ui.mentor_market"), MARKET_CONDITIONS, horizontal=True, key="qbx_mentor_market",
                          format_func=lambda m: t(f"market.{m}", language))
        field_error(errors, "market_condition")
        note = st.text_area(tr("ui.mentor_note"), key="qbx_mentor_note", placeholder=tr("ui.mentor_note_hint"),
                            max_chars=NOTE_MAX)
        field_error(errors, "note")
        saved = st.form_submit_button(tr("ui.mentor_save"), type="primary")
    if saved:
        entry = {"emotion_before": before, "emotion_after": after, "market_condition": market, "note": note}
        logged, _ = submit(lambda: eng.mentor.add_emotion(entry), "qbx_mentor_errors", tr("ui.mentor_saved"))
        if logged:
            st.session_state["qbx_mentor_feedback"] = after or before
            st.rerun()
    notes = eng.mentor.emotions(today)
    if notes:
        st.markdown(f"**{tr('ui.mentor_today_notes')}**")
        table(views.notes_frame(notes, language, tz))

with advice_col:
    st.subheader(tr("ui.mentor_now"))
    feeling = st.selectbox(tr("ui.mentor_now_question"), EMOTIONS, format_func=emotion_label, key="qbx_mentor_now",
                           index=EMOTIONS.index(st.session_state.get("qbx_mentor_feedback", "tenang")))
    if st.button(tr("ui.mentor_ask"), key="qbx_mentor_ask", icon=":material/psychology:"):
        st.session_state["qbx_mentor_feedback"] = feeling
    asked = st.session_state.get("qbx_mentor_feedback")
    if asked:
        advice = eng.mentor.feedback(asked)
        st.info(md(advice[0], language), icon=":material/psychology:")
        for extra in advice[1:]:
            st.caption(md(extra, language))

st.subheader(tr("ui.mentor_history"))
history = views.sessions_frame(eng.mentor.sessions(days=30), language)
if history.empty:
    st.caption(tr("ui.mentor_no_history"))
else:
    table(history, net=st.column_config.NumberColumn(tr("col.net"), format="%+.2f"))
st.download_button(tr("ui.mentor_csv"), data=lambda: views.trades_csv(eng), file_name="quantumbotx-journal.csv",
                   mime="text/csv", icon=":material/download:", key="qbx_mentor_csv")
