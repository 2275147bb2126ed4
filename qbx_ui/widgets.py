"""Widgets built from the engine's schemas, and panels shared by several pages."""

from __future__ import annotations

import streamlit as st

from qbx_engine.bots import LIMITS
from qbx_engine.i18n import number
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_engine.views import age, local_time, status_label, strategy_label

from . import protections
from .shell import act, engine, field_error, flash, lang, msg, plain, submit, tr

STATUS_COLOURS = {"active": "green", "paused": "orange", "stopped": "gray", "error": "red"}
SIGNAL_COLOURS = {"BUY": "green", "SELL": "red", "HOLD": "gray"}
PRICE_COLUMNS = {"open_price", "price", "sl", "tp", "close_price"}


def bot_picker(bots: list[dict], key: str) -> int:
    """Choose a bot; the choice follows the trader from page to page."""
    ids = [b["id"] for b in bots]
    names = {b["id"]: b["name"] for b in bots}
    preferred = st.session_state.get("qbx_bot")
    chosen = st.selectbox(tr("ui.choose_bot"), ids, index=ids.index(preferred) if preferred in ids else 0, key=key,
                          format_func=lambda i: f"#{i} {names.get(i, '')}")
    st.session_state["qbx_bot"] = chosen
    return chosen


def status_badge(status: str) -> None:
    st.badge(status_label(status, lang()), color=STATUS_COLOURS[status])


def param_inputs(schema: dict, values: dict, key: str, errors: dict) -> dict:
    """One widget per declared parameter (type, range, step and help from the schema)."""
    language = lang()
    chosen = {}
    columns = st.columns(2)
    for index, param in enumerate(schema["params"]):
        name = param["name"]
        label = param["label"][language]
        help_text = param["help"][language]
        current = values.get(name, param["default"])
        widget_key = f"{key}.{name}"
        with columns[index % 2]:
            if param["kind"] == "int":
                chosen[name] = st.number_input(label, min_value=int(param["min"]), max_value=int(param["max"]),
                                               value=int(current), step=int(param["step"] or 1), help=help_text,
                                               key=widget_key)
            elif param["kind"] == "float":
                chosen[name] = st.number_input(label, min_value=float(param["min"]), max_value=float(param["max"]),
                                               value=float(current), step=float(param["step"] or 0.1),
                                               help=help_text, key=widget_key)
            elif param["kind"] == "bool":
                chosen[name] = st.toggle(label, value=bool(current), help=help_text, key=widget_key)
            else:
                options = param["choices"]
                labels = param.get("choice_labels") or {}
                chosen[name] = st.selectbox(label, options, index=options.index(current), help=help_text,
                                            key=widget_key,
                                            format_func=lambda c, labels=labels: labels.get(c, {}).get(language, c))
            field_error(errors, f"strategy_params.{name}")
    return chosen


def strategy_picker(key: str, current: str | None = None) -> str:
    language = lang()
    schemas = engine().strategies()
    names = list(schemas)
    level = {"beginner": tr("ui.level_beginner"), "intermediate": tr("ui.level_intermediate"),
             "advanced": tr("ui.level_advanced")}
    chosen = st.selectbox(tr("ui.strategy"), names, index=names.index(current) if current in names else 0, key=key,
                          format_func=lambda n: f"{schemas[n]['label'][language]} · {level[schemas[n]['difficulty']]}")
    st.caption(schemas[chosen]["description"][language])
    return chosen


def risk_inputs(key: str, values: dict, errors: dict) -> dict:
    """Risk, SL/TP and interval; the pip size of the market is shown so a pip means something."""
    columns = st.columns(4)
    with columns[0]:
        risk = st.number_input(tr("ui.risk_percent"), min_value=0.0, max_value=LIMITS["risk_percent"][1],
                               value=float(values.get("risk_percent", 1.0)), step=0.1, key=f"{key}.risk",
                               help=tr("ui.risk_help"))
        field_error(errors, "risk_percent")
    with columns[1]:
        sl = st.number_input(tr("ui.sl_pips"), min_value=0.0, value=float(values.get("sl_pips", 30.0)), step=1.0,
                             key=f"{key}.sl", help=tr("ui.sl_help"))
        field_error(errors, "sl_pips")
    with columns[2]:
        tp = st.number_input(tr("ui.tp_pips"), min_value=0.0, value=float(values.get("tp_pips", 60.0)), step=1.0,
                             key=f"{key}.tp", help=tr("ui.tp_help"))
        field_error(errors, "tp_pips")
    with columns[3]:
        interval = st.number_input(tr("ui.interval"), min_value=0, value=int(values.get("check_interval", 60)),
                                   step=1, key=f"{key}.interval", help=tr("ui.interval_help"))
        field_error(errors, "check_interval")
    return {"risk_percent": risk, "sl_pips": sl, "tp_pips": tp, "check_interval": int(interval)}


def create_bot_form() -> None:
    """Create a bot: strategy first (its parameters follow), then one form, validated by the engine."""
    eng = engine()
    errors = st.session_state.get("qbx_create_errors", {})
    strategy = strategy_picker("qbx_create_strategy")
    schema = eng.strategies()[strategy]
    with st.form("qbx_create_bot", border=True):
        top = st.columns([2, 1, 1])
        with top[0]:
            name = st.text_input(tr("ui.bot_name"), key="qbx_create_name", max_chars=80,
                                 placeholder=tr("ui.bot_name_hint"))
            field_error(errors, "name")
        with top[1]:
            symbols = eng.symbols()
            market = st.selectbox(tr("ui.market"), symbols, key="qbx_create_market")
            field_error(errors, "market")
        with top[2]:
            timeframe = st.selectbox(tr("ui.timeframe"), TIMEFRAMES, index=TIMEFRAMES.index("H1"),
                                     key="qbx_create_timeframe")
            field_error(errors, "timeframe")
        st.markdown(f"**{tr('ui.parameters')}**")
        params = param_inputs(schema, {}, f"qbx_create_params.{strategy}", errors)
        field_error(errors, "strategy_name")
        risk = risk_inputs("qbx_create", {}, errors)
        guards = protections.bot_inputs("qbx_create.protect", {}, errors)
        start_now = st.toggle(tr("ui.start_now"), key="qbx_create_start")
        submitted = st.form_submit_button(tr("ui.create_bot"), type="primary")
    if submitted:
        data = {"name": name, "market": market, "timeframe": timeframe, "strategy_name": strategy,
                "strategy_params": params, **risk, **guards, "status": "active" if start_now else "stopped"}
        saved, bot = submit(lambda: eng.create_bot(data), "qbx_create_errors")
        if saved:
            st.session_state["qbx_bot"] = bot["id"]
            flash(tr("ui.created", name=plain(bot["name"])))
            st.rerun()


def edit_bot_form(bot: dict) -> None:
    """Quick edit of a running bot: applied from its next tick, position and history kept."""
    eng = engine()
    key = f"qbx_edit.{bot['id']}"
    errors = st.session_state.get(f"{key}.errors", {})
    schema = eng.strategies()[bot["strategy_name"]]
    with st.form(key, border=True):
        params = param_inputs(schema, bot["strategy_params"], f"{key}.params", errors)
        risk = risk_inputs(key, bot, errors)
        guards = protections.bot_inputs(f"{key}.protect", bot, errors)
        submitted = st.form_submit_button(tr("ui.save_changes"), type="primary")
    if submitted:
        saved, _ = submit(lambda: eng.update_bot(bot["id"], strategy_params=params, **risk, **guards),
                          f"{key}.errors", tr("ui.saved"))
        if saved:
            st.rerun()


def lifecycle_buttons(bot: dict, key: str) -> None:
    """Start / pause / resume / stop, offering only what applies to the bot's status."""
    eng = engine()
    status = bot["status"]
    with st.container(horizontal=True):
        if status in ("stopped", "error"):
            if st.button(tr("ui.start"), key=f"{key}.start", type="primary", icon=":material/play_arrow:"):
                act(lambda: eng.start_bot(bot["id"]), tr("ui.started", name=plain(bot["name"])))
        if status == "active":
            if st.button(tr("ui.pause"), key=f"{key}.pause", icon=":material/pause:"):
                act(lambda: eng.pause_bot(bot["id"]), tr("ui.paused", name=plain(bot["name"])))
        if status == "paused":
            if st.button(tr("ui.resume"), key=f"{key}.resume", type="primary", icon=":material/play_arrow:"):
                act(lambda: eng.resume_bot(bot["id"]), tr("ui.resumed", name=plain(bot["name"])))
        if status != "stopped":
            if st.button(tr("ui.stop"), key=f"{key}.stop", icon=":material/stop:"):
                act(lambda: eng.stop_bot(bot["id"]), tr("ui.stopped", name=plain(bot["name"])))
        if st.button(tr("ui.check_now"), key=f"{key}.tick", icon=":material/refresh:", help=tr("ui.check_now_help")):
            act(lambda: eng.run_tick(bot["id"]), tr("ui.checked", name=plain(bot["name"])))
        if bot.get("position_ticket"):
            if st.button(tr("ui.close_now"), key=f"{key}.close", icon=":material/close:",
                         help=tr("ui.close_now_help")):
                act(lambda: eng.close_position(bot["id"]), tr("ui.position_closed", name=plain(bot["name"])))
    if bot.get("position_ticket") and status == "active":
        st.caption(":material/shield: " + tr("ui.pause_warning"))


def delete_controls(bot: dict, key: str) -> None:
    """Delete after a confirmation that also asks what happens to the open position."""
    eng = engine()
    flag = f"{key}.confirm_delete"
    if not st.session_state.get(flag):
        if st.button(tr("ui.delete"), key=f"{key}.delete", icon=":material/delete:"):
            st.session_state[flag] = True
            st.rerun()
        return
    with st.container(border=True):
        st.warning(tr("ui.delete_confirm", name=plain(bot["name"])))
        close = False
        if bot.get("position_ticket"):
            close = st.radio(tr("ui.delete_position"), [False, True], key=f"{key}.close_choice",
                             format_func=lambda c: tr("ui.position_close") if c else tr("ui.position_leave")) is True
        yes, no = st.columns(2)
        if yes.button(tr("ui.delete_yes"), key=f"{key}.delete_yes", type="primary"):
            st.session_state.pop(flag, None)
            act(lambda: eng.delete_bot(bot["id"], close_position=close), tr("ui.deleted", name=plain(bot["name"])))
        if no.button(tr("ui.cancel"), key=f"{key}.delete_no"):
            st.session_state.pop(flag, None)
            st.rerun()


def analysis_panel(bot: dict) -> None:
    """What the bot saw at its last tick, in words and numbers."""
    analysis = bot.get("last_analysis")
    eng = engine()
    tz = eng.settings.get("timezone")
    if not analysis:
        st.info(tr("ui.no_analysis"))
        return
    signal = analysis.get("signal")
    cols = st.columns([1, 3])
    with cols[0]:
        if signal:
            st.badge(signal, color=SIGNAL_COLOURS.get(signal, "gray"))
        st.caption(tr("ui.tick_at", when=local_time(analysis.get("tick_time"), tz, "%H:%M:%S"),
                      age=age(eng.clock.now() - (analysis.get("tick_time") or eng.clock.now()), lang())))
    with cols[1]:
        st.markdown(msg(analysis.get("reason")))
        if analysis.get("note"):
            st.caption(msg(analysis["note"]))
    indicators = {k: v for k, v in (analysis.get("indicators") or {}).items() if v is not None}
    if indicators:
        st.dataframe({name: [number(value, 5 if abs(value) < 1000 else 2, lang())]
                      for name, value in indicators.items()}, hide_index=True, width="stretch")
    if analysis.get("bar_time"):
        st.caption(tr("ui.bar_of", bar=local_time(analysis["bar_time"], tz, "%Y-%m-%d %H:%M"),
                      ms=number(analysis.get("duration_ms") or 0, 1, lang())))


def position_panel(bot: dict) -> None:
    positions = [p for p in engine().positions() if p["magic"] == bot["id"]]
    if not positions:
        st.caption(tr("ui.no_position"))
        return
    p = positions[0]
    language = lang()
    digits = engine().symbol_info(p["symbol"])["digits"]
    price = lambda value: number(value, digits, language) if value else "-"  # noqa: E731
    colour = "green" if p["profit"] >= 0 else "red"
    lots = number(p["volume"], 2, language)
    st.markdown(f"**{p['side'].upper()} {lots}** {p['symbol']} @ {price(p['open_price'])}  \n"
                f"SL {price(p['sl'])} · TP {price(p['tp'])} · #{p['ticket']}  \n"
                f"{tr('ui.floating')}: :{colour}[**{number(p['profit'], 2, language)}**]")


def table(frame, height: int | str = "auto", **config) -> None:
    """A dataframe whose column headers are in the trader's language."""
    labels = {name: tr(f"col.{name}") for name in frame.columns}
    column_config = {name: labels[name] for name in frame.columns}
    for name in PRICE_COLUMNS & set(frame.columns):  # prices come formatted to the symbol's digits
        column_config[name] = st.column_config.TextColumn(labels[name], alignment="right")
    column_config.update(config)
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=column_config)


def strategy_name(name: str) -> str:
    return strategy_label(name, lang())
