"""Overview: the account, today's result, the bots at a glance, open positions, latest notifications."""

import streamlit as st

from qbx_engine.core.errors import QbxError
from qbx_engine.core.i18n import number
from qbx_engine.reports import charts, views
from qbx_ui.shell import act, engine, error_text, lang, live, msg, plain, tr
from qbx_ui.widgets import table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.overview"))


@live()
def account_panel() -> None:
    account = eng.account()
    today = views.today(eng)
    cols = st.columns(4)
    cols[0].metric(f"{tr('ui.balance')} ({account['currency']})", number(account["balance"], 2, language))
    cols[1].metric(tr("ui.equity"), number(account["equity"], 2, language),
                   delta=number(account["profit"], 2, language) if account["profit"] else None)
    cols[2].metric(tr("ui.today_pnl"), number(today["total_profit"], 2, language),
                   delta=tr("ui.today_trades", n=today["total_trades"], wins=today["wins"]), delta_color="off",
                   delta_arrow="off")
    counts = eng.health()["engine"]["bots"]
    cols[3].metric(tr("ui.bots_active"), f"{counts['active']} / {sum(counts.values())}",
                   delta=tr("ui.bot_counts_short", paused=counts["paused"], error=counts["error"]),
                   delta_color="off", delta_arrow="off")
    level = number(account["margin_level"], 0, language) + "%" if account["margin_level"] else "-"
    st.caption(tr("ui.margin_line", margin=number(account["margin"], 2, language),
                  free=number(account["free_margin"], 2, language), level=level, leverage=account["leverage"]))
    positions = eng.positions()
    st.subheader(tr("ui.open_positions"))
    if positions:
        digits = views.price_digits(eng, [p["symbol"] for p in positions])
        table(views.positions_frame(positions, language, tz, digits),
              profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"))
    else:
        st.caption(tr("ui.no_positions"))


if not eng.list_bots():
    with st.container(border=True):
        st.subheader(tr("ui.welcome"))
        st.markdown(tr("ui.welcome_text"))
        try:
            welcome = views.sample_welcome(eng)
        except QbxError as exc:
            welcome = {"first": None, "open_now": None}
            st.caption(error_text(exc))
        if welcome["first"] is not None:
            st.info(msg(welcome["first"]), icon=":material/schedule:")
        if st.button(tr("ui.create_sample"), type="primary", icon=":material/add:", key="qbx_sample"):
            act(lambda: views.sample_bot(eng), tr("ui.sample_created"))
        if welcome["open_now"] is not None:
            other = welcome["open_now"]
            st.caption(tr("ui.sample_open_now", symbol=other))
            if st.button(tr("ui.create_sample_on", symbol=other), icon=":material/add:", key="qbx_sample_open"):
                act(lambda: views.sample_bot(eng, other), tr("ui.sample_created"))

account_panel()

left, right = st.columns([3, 2])
with left:
    st.subheader(tr("ui.equity_curve"))
    try:
        st.altair_chart(charts.equity_curve(views.equity_points(eng, 30), language), width="stretch")
    except QbxError as exc:
        st.error(error_text(exc))
with right:
    st.subheader(tr("ui.notifications"))
    unread = {e["seq"] for e in eng.notifications.unread()}
    latest = eng.events(notifications_only=True, limit=8)
    if latest:
        for event in latest:
            mark = ":violet[●] " if event["seq"] in unread else ""
            when = views.local_time(event["ts"], tz, "%d/%m %H:%M")
            who = f" · {plain(event['bot_name'])}" if event.get("bot_name") else ""
            text = plain(views.events_frame([event], language, tz)["message"][0])
            st.markdown(f"{mark}**{event['action']}** :gray[{when}{who}]  \n{text}")
        if unread and st.button(tr("ui.mark_read"), key="qbx_mark_read"):
            act(eng.notifications.mark_read)
    else:
        st.caption(tr("ui.no_notifications"))
