"""Widgets built from the engine's schemas, and panels shared by several pages."""

from __future__ import annotations

import streamlit as st

from qbx_engine.core.errors import QbxError
from qbx_engine.core.i18n import number
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_engine.reports import views
from qbx_engine.reports.views import age, local_time, status_label, strategy_label
from qbx_engine.strategies.base import MARKETS
from qbx_engine.trading.bots import DEFAULTS
from qbx_engine.trading.plan import STOP_MODES

from . import protections, remote_api
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


def _seed(key: str, value) -> None:
    """A widget's starting value, given once through the session state (so a preset can overwrite it later)."""
    if key not in st.session_state:
        st.session_state[key] = value


def _choose(key: str, options: list, preferred) -> None:
    """Keep a select box's remembered choice among its current options (a market change can remove it)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = preferred if preferred in options else options[0]


def param_inputs(schema: dict, values: dict, key: str, errors: dict) -> dict:
    """One widget per declared parameter (type, range, step and help from the schema)."""
    language = lang()
    chosen = {}
    columns = st.columns(2)
    for index, param in enumerate(schema["params"]):
        name = param["name"]
        label = param["label"][language]
        help_text = param["help"][language]
        widget_key = f"{key}.{name}"
        current = values.get(name, param["default"])
        with columns[index % 2]:
            if param["kind"] == "int":
                _seed(widget_key, int(current))
                chosen[name] = st.number_input(label, min_value=int(param["min"]), max_value=int(param["max"]),
                                               step=int(param["step"] or 1), help=help_text, key=widget_key)
            elif param["kind"] == "float":
                _seed(widget_key, float(current))
                chosen[name] = st.number_input(label, min_value=float(param["min"]), max_value=float(param["max"]),
                                               step=float(param["step"] or 0.1), help=help_text, key=widget_key)
            elif param["kind"] == "bool":
                _seed(widget_key, bool(current))
                chosen[name] = st.toggle(label, help=help_text, key=widget_key)
            else:
                options = param["choices"]
                labels = param.get("choice_labels") or {}
                _choose(widget_key, options, current)
                chosen[name] = st.selectbox(label, options, help=help_text, key=widget_key,
                                            format_func=lambda c, labels=labels: labels.get(c, {}).get(language, c))
            field_error(errors, f"strategy_params.{name}")
    return chosen


def market_category(market: str | None) -> str | None:
    """forex, metal, crypto or index; None when the broker cannot say (then every strategy is offered)."""
    if not market:
        return None
    try:
        category = engine().market.symbol_info(market)["category"]
    except QbxError:
        return None
    return category if category in MARKETS else None


def strategy_picker(key: str, current: str | None = None, category: str | None = None, *,
                    disabled: bool = False) -> str:
    """Choose a strategy among those suited to the market's category (the current one always stays offered),
    and show what it is: its idea, difficulty, markets and timeframes."""
    language = lang()
    schemas = engine().strategies()
    names = [n for n, s in schemas.items() if category is None or category in s["markets"] or n == current]
    _choose(key, names, current)
    chosen = st.selectbox(tr("ui.strategy"), names, key=key, disabled=disabled,
                          format_func=lambda n: f"{schemas[n]['label'][language]} · {_level(schemas[n])}",
                          help=tr("form.strategy_help") if category else None)
    strategy_facts(schemas[chosen], category)
    return chosen


def _level(schema: dict) -> str:
    return tr(f"ui.level_{schema['difficulty']}")


def strategy_facts(schema: dict, category: str | None) -> None:
    language = lang()
    st.caption(schema["description"][language])
    markets = ", ".join(tr(f"category.{m}") for m in schema["markets"])
    timeframes = ", ".join(schema["timeframes"]) or tr("form.any_timeframe")
    st.caption(tr("form.facts", level=_level(schema), markets=markets, timeframes=timeframes))
    if category is not None and category not in schema["markets"]:
        st.warning(tr("form.unsuited", category=tr(f"category.{category}")), icon=":material/warning:")


def preset_picker(schema: dict, params_key: str) -> None:
    """Fill every parameter from a named preset at once; each value stays editable afterwards."""
    presets = schema["presets"]
    if not presets:
        return
    choice_key = f"{params_key}.preset"
    chosen = presets.get(st.session_state.get(choice_key))
    if chosen is not None and any(st.session_state.get(f"{params_key}.{name}", value) != value
                                  for name, value in chosen.items()):
        st.session_state[choice_key] = "custom"  # a value was changed by hand since the preset was applied
    with st.columns([1, 2])[0]:
        st.selectbox(tr("form.preset"), ["custom", *presets], key=choice_key, help=tr("form.preset_help"),
                     format_func=lambda k: tr(f"preset.{k}"), on_change=_apply_preset,
                     args=(schema, params_key, choice_key))
    with st.expander(tr("form.guide"), icon=":material/help:"):
        st.table(views.preset_guide(schema, lang()), hide_index=True, border="horizontal")


def _apply_preset(schema: dict, params_key: str, choice_key: str) -> None:
    preset = schema["presets"].get(st.session_state.get(choice_key))
    if preset is None:
        return
    kinds = {"int": int, "float": float, "bool": bool}
    for param in schema["params"]:
        if param["name"] in preset:
            value = preset[param["name"]]
            st.session_state[f"{params_key}.{param['name']}"] = kinds.get(param["kind"], lambda v: v)(value)


def stop_mode_picker(key: str, current: str, *, disabled: bool = False) -> str:
    _seed(key, current)
    return st.radio(tr("form.stop_mode"), list(STOP_MODES), key=key, horizontal=True, disabled=disabled,
                    format_func=lambda m: tr(f"form.stop_{m}"), help=tr("form.stop_mode_help"))


def risk_inputs(key: str, values: dict, errors: dict, stop_mode: str = "pips") -> dict:
    """Risk, SL/TP (in pips or ATR multiples, as the stop mode says) and the check interval."""
    values = {**DEFAULTS, **values}
    fields = {"risk_percent": (f"{key}.risk", float, 0.1, tr("ui.risk_percent"), tr("ui.risk_help"))}
    if stop_mode == "atr":
        fields.update({"sl_atr": (f"{key}.sl_atr", float, 0.1, tr("form.sl_atr"), tr("form.sl_atr_help")),
                       "tp_atr": (f"{key}.tp_atr", float, 0.1, tr("form.tp_atr"), tr("form.tp_atr_help")),
                       "atr_period": (f"{key}.atr_period", int, 1, tr("form.atr_period"), tr("form.atr_period_help"))})
    else:
        fields.update({"sl_pips": (f"{key}.sl", float, 1.0, tr("ui.sl_pips"), tr("form.sl_pips_help")),
                       "tp_pips": (f"{key}.tp", float, 1.0, tr("ui.tp_pips"), tr("ui.tp_help"))})
    fields["check_interval"] = (f"{key}.interval", int, 1, tr("ui.interval"), tr("ui.interval_help"))
    chosen = {}
    columns = st.columns(len(fields))
    for column, (name, (widget_key, kind, step, label, help_text)) in zip(columns, fields.items(), strict=True):
        with column:
            _seed(widget_key, kind(values[name]))
            chosen[name] = kind(st.number_input(label, min_value=kind(0), step=kind(step), key=widget_key,
                                                help=help_text))
            field_error(errors, name)
    field_error(errors, "stop_mode")
    return {"stop_mode": stop_mode, **chosen}


def create_bot_form() -> None:
    """Create a bot: market and strategy first (the strategies follow the market, the parameters the strategy,
    a preset fills them), then one form, validated by the engine."""
    eng = engine()
    errors = st.session_state.get("qbx_create_errors", {})
    top = st.columns(2)
    with top[0]:
        symbols = eng.market.symbols()
        _choose("qbx_create_market", symbols, symbols[0] if symbols else None)
        market = st.selectbox(tr("ui.market"), symbols, key="qbx_create_market")
        field_error(errors, "market")
    with top[1]:
        strategy = strategy_picker("qbx_create_strategy", category=market_category(market))
    schema = eng.strategies()[strategy]
    params_key = f"qbx_create_params.{strategy}"
    preset_picker(schema, params_key)
    stop_mode = stop_mode_picker("qbx_create_stop_mode", "pips")
    with st.form("qbx_create_bot", border=True):
        row = st.columns([2, 1])
        with row[0]:
            name = st.text_input(tr("ui.bot_name"), key="qbx_create_name", max_chars=80,
                                 placeholder=tr("ui.bot_name_hint"))
            field_error(errors, "name")
        with row[1]:
            _choose("qbx_create_timeframe", list(TIMEFRAMES), (schema["timeframes"] or ["H1"])[0])
            timeframe = st.selectbox(tr("ui.timeframe"), TIMEFRAMES, key="qbx_create_timeframe",
                                     help=_timeframe_help(schema))
            field_error(errors, "timeframe")
        st.markdown(f"**{tr('ui.parameters')}**")
        params = param_inputs(schema, {}, params_key, errors)
        field_error(errors, "strategy_name")
        risk = risk_inputs("qbx_create", {}, errors, stop_mode)
        guards = protections.bot_inputs("qbx_create.protect", {}, errors)
        start_now = st.toggle(tr("ui.start_now"), key="qbx_create_start")
        submitted = st.form_submit_button(tr("ui.create_bot"), type="primary")
    if submitted:
        data = {"name": name, "market": market, "timeframe": timeframe, "strategy_name": strategy,
                "strategy_params": params, **risk, **guards, "status": "active" if start_now else "stopped"}
        saved, bot = submit(lambda: remote_api.create_bot(data), "qbx_create_errors")
        if saved:
            st.session_state["qbx_bot"] = bot["id"]
            flash(tr("ui.created", name=plain(bot["name"])))
            st.rerun()


def _timeframe_help(schema: dict) -> str:
    return tr("form.timeframe_help", timeframes=", ".join(schema["timeframes"]) or tr("form.any_timeframe"))


def edit_bot_form(bot: dict) -> None:
    """Edit a bot. Name, parameters, risk and SL/TP apply from its next tick; market, timeframe, strategy and
    stop mode wait until it is paused or stopped, and the market until its position is closed."""
    eng = engine()
    key = f"qbx_edit.{bot['id']}"
    errors = st.session_state.get(f"{key}.errors", {})
    locked = bot["status"] == "active"
    if locked:  # what a running bot trades and how it decides shows as saved, and cannot change
        st.info(tr("form.locked_active"), icon=":material/lock:")
        for field, saved in (("market", bot["market"]), ("strategy", bot["strategy_name"]),
                             ("stop_mode", bot.get("stop_mode", "pips")), ("timeframe", bot["timeframe"])):
            st.session_state[f"{key}.{field}"] = saved
    elif bot.get("position_ticket"):
        st.warning(tr("form.position_note", ticket=bot["position_ticket"], market=bot["market"]),
                   icon=":material/info:")
    top = st.columns(2)
    with top[0]:
        symbols = eng.market.symbols()
        if bot["market"] not in symbols:
            symbols = [bot["market"], *symbols]
        _choose(f"{key}.market", symbols, bot["market"])
        market = st.selectbox(tr("ui.market"), symbols, key=f"{key}.market", disabled=locked)
        field_error(errors, "market")
    with top[1]:
        strategy = strategy_picker(f"{key}.strategy", bot["strategy_name"], market_category(market), disabled=locked)
    schema = eng.strategies()[strategy]
    params_key = f"{key}.params.{strategy}"
    preset_picker(schema, params_key)
    stop_mode = stop_mode_picker(f"{key}.stop_mode", bot.get("stop_mode", "pips"), disabled=locked)
    with st.form(key, border=True):
        row = st.columns([2, 1])
        with row[0]:
            _seed(f"{key}.name", bot["name"])
            name = st.text_input(tr("ui.bot_name"), key=f"{key}.name", max_chars=80)
            field_error(errors, "name")
        with row[1]:
            _choose(f"{key}.timeframe", list(TIMEFRAMES), bot["timeframe"])
            timeframe = st.selectbox(tr("ui.timeframe"), TIMEFRAMES, key=f"{key}.timeframe", disabled=locked,
                                     help=_timeframe_help(schema))
            field_error(errors, "timeframe")
        params = param_inputs(schema, bot["strategy_params"] if strategy == bot["strategy_name"] else {}, params_key,
                              errors)
        field_error(errors, "strategy_name")
        risk = risk_inputs(key, bot, errors, stop_mode)
        guards = protections.bot_inputs(f"{key}.protect", bot, errors)
        submitted = st.form_submit_button(tr("ui.save_changes"), type="primary")
    if submitted:
        changes = {"name": name, "market": market, "timeframe": timeframe, "strategy_name": strategy,
                   "strategy_params": params, **risk, **guards}
        saved, _ = submit(lambda: eng.update_bot(bot["id"], **changes), f"{key}.errors", tr("ui.saved"))
        if saved:
            st.rerun()


def lifecycle_buttons(bot: dict, key: str) -> None:
    """Start / pause / resume / stop, offering only what applies to the bot's status."""
    eng = engine()
    status = bot["status"]
    with st.container(horizontal=True):
        if status in ("stopped", "error") and st.button(tr("ui.start"), key=f"{key}.start", type="primary",
                                                         icon=":material/play_arrow:"):
            act(lambda: eng.start_bot(bot["id"]), tr("ui.started", name=plain(bot["name"])))
        if status == "active" and st.button(tr("ui.pause"), key=f"{key}.pause", icon=":material/pause:"):
            act(lambda: eng.pause_bot(bot["id"]), tr("ui.paused", name=plain(bot["name"])))
        if status == "paused" and st.button(tr("ui.resume"), key=f"{key}.resume", type="primary",
                                            icon=":material/play_arrow:"):
            act(lambda: eng.resume_bot(bot["id"]), tr("ui.resumed", name=plain(bot["name"])))
        if status != "stopped" and st.button(tr("ui.stop"), key=f"{key}.stop", icon=":material/stop:"):
            act(lambda: eng.stop_bot(bot["id"]), tr("ui.stopped", name=plain(bot["name"])))
        if st.button(tr("ui.check_now"), key=f"{key}.tick", icon=":material/refresh:", help=tr("ui.check_now_help")):
            act(lambda: eng.run_tick(bot["id"]), tr("ui.checked", name=plain(bot["name"])))
        if bot.get("position_ticket") and st.button(tr("ui.close_now"), key=f"{key}.close", icon=":material/close:",
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
    tz = eng.get_settings()["timezone"]
    if not analysis:
        st.info(tr("ui.no_analysis"))
        return
    signal = analysis.get("signal")
    cols = st.columns([1, 3])
    with cols[0]:
        if signal:
            st.badge(signal, color=SIGNAL_COLOURS.get(signal, "gray"))
        st.caption(tr("ui.tick_at", when=local_time(analysis.get("tick_time"), tz, "%H:%M:%S"),
                      age=age(eng.now() - (analysis.get("tick_time") or eng.now()), lang())))
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
    digits = engine().market.symbol_info(p["symbol"])["digits"]
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
