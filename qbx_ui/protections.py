"""Protections in the dashboard: the bot form's section, the bot page's panel, the brake banner, Settings sections.

Everything here reads and changes through the engine (``engine.safety``: ``protections``, ``set_entries_off``,
``brake``, ``brake_figures``, ``rearm_brake``, ``calendar_presets``; ``update_settings``).
"""

from __future__ import annotations

import streamlit as st

from qbx_engine.core.errors import QbxError
from qbx_engine.core.i18n import number
from qbx_engine.reports.views import local_time
from qbx_engine.trading.bots import DEFAULTS

from .shell import act, engine, field_error, lang, msg, submit, tr

BRAKE_ERRORS = "qbx_brake_errors"
CALENDAR_ERRORS = "qbx_calendar_errors"
WHEN = "%Y-%m-%d %H:%M"


# -- a bot's form ------------------------------------------------------------------------------
GATE_INPUTS = [("cooldown_minutes", "prot.ui.cooldown", 5), ("max_trades_per_day", "prot.ui.max_trades", 1),
               ("sl_guard_count", "prot.ui.guard_count", 1), ("sl_guard_window", "prot.ui.guard_window", 5),
               ("sl_guard_pause", "prot.ui.guard_pause", 5)]


def gate_inputs(key: str, values: dict, errors: dict) -> dict:
    """A bot's entry gates (cooldown, trades per day, SL guard), in a bot's form or a backtest's (each 0 = off).
    Only the lower bound is a widget limit: a value past the engine's range gets its message under the field."""
    chosen: dict = {}
    for column, (name, label, step) in zip(st.columns(len(GATE_INPUTS)), GATE_INPUTS, strict=True):
        with column:
            chosen[name] = int(st.number_input(tr(label), min_value=0, value=int(values.get(name, DEFAULTS[name])),
                                               step=step, key=f"{key}.{name}", help=tr(f"{label}_help")))
            field_error(errors, name)
    return chosen


def bot_inputs(key: str, values: dict, errors: dict) -> dict:
    """Per-bot protections and trailing, inside the bot's create or edit form (each 0 = off)."""
    st.markdown(f"**{tr('prot.ui.section')}**")
    st.caption(tr("prot.ui.section_help"))
    chosen = gate_inputs(key, values, errors)
    unit = tr("prot.ui.unit_atr") if values.get("stop_mode") == "atr" else tr("prot.ui.unit_pips")
    left, right, last = st.columns([1, 1, 2])
    for column, name, label in ((left, "breakeven_at", "prot.ui.breakeven"), (right, "trail_distance",
                                                                                 "prot.ui.trail")):
        with column:
            chosen[name] = float(st.number_input(tr(label, unit=unit), min_value=0.0,
                                                 value=float(values.get(name, 0.0)), step=1.0, key=f"{key}.{name}",
                                                 help=tr(f"{label}_help")))
            field_error(errors, name)
    with last:
        chosen["entries_off"] = st.toggle(tr("prot.ui.entries_off"), value=bool(values.get("entries_off", False)),
                                          key=f"{key}.entries_off", help=tr("prot.ui.entries_off_help"))
        field_error(errors, "entries_off")
    return chosen


# -- a bot's page ---------------------------------------------------------------------------------
def bot_panel(bot: dict) -> None:
    """What bars the bot from opening now, and until when; its protections in one line."""
    eng = engine()
    info = eng.safety.protections(bot["id"])
    st.markdown(f"**{tr('prot.ui.gates')}**")
    if info["blocks"]:
        for block in info["blocks"]:
            st.warning(msg(block["reason"]), icon=":material/block:")
    else:
        st.caption(":green[●] " + tr("prot.ui.open_allowed"))
    st.caption(_summary(info))


def _summary(info: dict) -> str:
    language = lang()
    parts = []
    if info["cooldown_minutes"]:
        parts.append(tr("prot.ui.sum_cooldown", n=info["cooldown_minutes"]))
    if info["sl_guard_count"]:
        parts.append(tr("prot.ui.sum_guard", k=info["sl_guard_count"], t=info["sl_guard_window"],
                        p=info["sl_guard_pause"]))
    if info["max_trades_per_day"]:
        parts.append(tr("prot.ui.sum_max", n=info["max_trades_per_day"]))
    unit = tr("prot.ui.unit_atr") if info["unit"] == "atr" else tr("prot.ui.unit_pips")
    if info["breakeven_at"]:
        parts.append(tr("prot.ui.sum_breakeven", x=number(info["breakeven_at"], 1, language), unit=unit))
    if info["trail_distance"]:
        parts.append(tr("prot.ui.sum_trail", x=number(info["trail_distance"], 1, language), unit=unit))
    return " · ".join(parts) if parts else tr("prot.ui.none_set")


def entries_button(bot: dict, key: str) -> None:
    """Switch "entries off" (the bot keeps managing its position) on or off."""
    off = bool(bot.get("entries_off"))
    label = tr("prot.ui.entries_on_button") if off else tr("prot.ui.entries_off_button")
    if st.button(label, key=f"{key}.entries", icon=":material/door_open:" if off else ":material/door_front:",
                 help=tr("prot.ui.entries_off_help")):
        act(lambda: engine().safety.set_entries_off(bot["id"], not off),
            tr("prot.ui.entries_on_done" if off else "prot.ui.entries_off_done"))


# -- every page -------------------------------------------------------------------------------------
def _brake_on(eng) -> dict | None:
    state = eng.safety.brake()
    if not state["on"] or (state["lifts_at"] is not None and state["lifts_at"] <= eng.now()):
        return None
    return state


def brake_banner() -> None:
    """A banner at the top of every page while the emergency brake is on (the sidebar's live status says so
    within seconds; this banner with its figures on the page's next run)."""
    eng = engine()
    state = _brake_on(eng)
    if state is None:
        return
    tz = eng.get_settings()["timezone"]
    until = tr("prot.ui.until_day", when=local_time(state["lifts_at"], tz, WHEN)) if state["lifts_at"] else \
        tr("prot.ui.until_rearm")
    st.error(tr("prot.ui.banner", since=local_time(state["since"], tz, WHEN), why=msg(state["reason"]), until=until),
             icon=":material/emergency_home:")


def brake_line() -> None:
    """One line for the sidebar's self-refreshing status."""
    if _brake_on(engine()) is not None:
        st.error(tr("prot.ui.sidebar_brake"), icon=":material/emergency_home:")


# -- the Settings page ------------------------------------------------------------------------------
def settings_sections() -> None:
    brake_section()
    calendar_section()


def brake_section() -> None:
    eng = engine()
    settings = eng.get_settings()
    tz = settings["timezone"]
    st.subheader(tr("prot.ui.brake"))
    st.caption(tr("prot.ui.brake_intro"))
    state = eng.safety.brake()
    if state["on"]:
        st.error(tr("prot.ui.brake_on", since=local_time(state["since"], tz, WHEN), why=msg(state["reason"])),
                 icon=":material/emergency_home:")
        if st.button(tr("prot.ui.rearm"), key="qbx_brake_rearm", type="primary", icon=":material/restart_alt:"):
            act(eng.safety.rearm_brake, tr("prot.ui.rearmed"))
    else:
        _today(eng)
    errors = st.session_state.get(BRAKE_ERRORS, {})
    with st.form("qbx_brake"):
        left, right = st.columns(2)
        with left:
            loss = st.number_input(tr("prot.ui.daily_loss"), min_value=0.0, value=float(settings["brake_daily_loss"]),
                                   step=10.0, key="qbx_brake_loss", help=tr("prot.ui.daily_loss_help"))
            field_error(errors, "brake_daily_loss")
            units = ["money", "percent"]
            unit = st.radio(tr("prot.ui.loss_unit"), units, index=units.index(settings["brake_daily_loss_unit"]),
                            format_func=lambda u: tr(f"prot.ui.unit_{u}"), horizontal=True, key="qbx_brake_unit")
        with right:
            drawdown = st.number_input(tr("prot.ui.max_drawdown"), min_value=0.0, max_value=100.0,
                                       value=float(settings["brake_max_drawdown"]), step=1.0, key="qbx_brake_dd",
                                       help=tr("prot.ui.max_drawdown_help"))
            field_error(errors, "brake_max_drawdown")
            modes = ["manual", "next_day"]
            rearm = st.radio(tr("prot.ui.rearm_mode"), modes, index=modes.index(settings["brake_rearm"]),
                             format_func=lambda m: tr(f"prot.ui.rearm_{m}"), key="qbx_brake_rearm_mode")
        close_all = st.toggle(tr("prot.ui.close_all"), value=bool(settings["brake_close_all"]),
                              key="qbx_brake_close_all", help=tr("prot.ui.close_all_help"))
        saved = st.form_submit_button(tr("prot.ui.save_brake"))
    if saved:
        changed, _ = submit(lambda: eng.update_settings(brake_daily_loss=float(loss), brake_daily_loss_unit=unit,
                                                        brake_max_drawdown=float(drawdown), brake_rearm=rearm,
                                                        brake_close_all=bool(close_all)),
                            BRAKE_ERRORS, tr("ui.saved"))
        if changed:
            st.rerun()


def _today(eng) -> None:
    """Today's figures as the brake judges them (the broker may be down: then say nothing)."""
    try:
        figures = eng.safety.brake_figures()
    except QbxError:
        return
    language = lang()
    st.caption(":green[●] " + tr("prot.ui.brake_armed", start=number(figures["start_balance"], 2, language),
                                 loss=number(figures["loss"], 2, language),
                                 loss_pct=number(figures["loss_pct"] or 0.0, 2, language),
                                 peak=number(figures["peak"], 2, language),
                                 dd_pct=number(figures["drawdown_pct"] or 0.0, 2, language),
                                 currency=figures["currency"]))


def calendar_section() -> None:
    eng = engine()
    settings = eng.get_settings()
    presets = [p["id"] for p in eng.safety.calendar_presets()]
    st.subheader(tr("prot.ui.calendar"))
    st.caption(tr("prot.ui.calendar_intro", tz=settings["timezone"]))
    errors = st.session_state.get(CALENDAR_ERRORS, {})
    with st.form("qbx_calendar"):
        on = st.toggle(tr("prot.ui.calendar_on"), value=bool(settings["calendar_on"]), key="qbx_cal_on")
        left, right = st.columns(2)
        with left:
            dates = st.text_area(tr("prot.ui.dates"), value="\n".join(settings["calendar_dates"]), height=110,
                                 key="qbx_cal_dates", help=tr("prot.ui.dates_help"))
            field_error(errors, "calendar_dates")
            chosen = st.multiselect(tr("prot.ui.presets"), presets, default=settings["calendar_presets"],
                                    format_func=lambda p: tr(f"prot.ui.preset_{p}"), key="qbx_cal_presets",
                                    placeholder=tr("prot.ui.choose"))
            field_error(errors, "calendar_presets")
        with right:
            windows = st.text_area(tr("prot.ui.windows"), value="\n".join(settings["calendar_windows"]), height=110,
                                   key="qbx_cal_windows", help=tr("prot.ui.windows_help"))
            field_error(errors, "calendar_windows")
        st.markdown(f"**{tr('prot.ui.careful')}**")
        st.caption(tr("prot.ui.careful_help"))
        left, middle, right = st.columns(3)
        with left:
            careful = st.text_area(tr("prot.ui.careful_dates"), value="\n".join(settings["calendar_careful_dates"]),
                                   height=90, key="qbx_cal_careful_dates", help=tr("prot.ui.dates_help"))
            field_error(errors, "calendar_careful_dates")
        with middle:
            careful_presets = st.multiselect(tr("prot.ui.careful_presets"), presets,
                                             default=settings["calendar_careful_presets"],
                                             format_func=lambda p: tr(f"prot.ui.preset_{p}"),
                                             key="qbx_cal_careful_presets", placeholder=tr("prot.ui.choose"))
            field_error(errors, "calendar_careful_presets")
        with right:
            risk = st.number_input(tr("prot.ui.careful_risk"), min_value=0.0, max_value=10.0,
                                   value=float(settings["calendar_careful_risk"]), step=0.1, key="qbx_cal_risk",
                                   help=tr("prot.ui.careful_risk_help"))
            field_error(errors, "calendar_careful_risk")
        saved = st.form_submit_button(tr("prot.ui.save_calendar"))
    if saved:
        changed, _ = submit(lambda: eng.update_settings(
            calendar_on=bool(on), calendar_dates=_lines(dates), calendar_windows=_lines(windows),
            calendar_presets=list(chosen), calendar_careful_dates=_lines(careful),
            calendar_careful_presets=list(careful_presets), calendar_careful_risk=float(risk)),
            CALENDAR_ERRORS, tr("ui.saved"))
        if changed:
            st.rerun()
    with st.expander(tr("prot.ui.preset_days"), icon=":material/event:"):
        for preset in eng.safety.calendar_presets():
            estimated = set(preset["estimated"])
            st.markdown(f"**{tr('prot.ui.preset_' + preset['id'])}** ({preset['tz']})")
            if preset["windows"]:
                st.caption(tr("prot.ui.preset_windows", windows=", ".join(preset["windows"])))
                st.caption(", ".join(_ranges(preset["days"], estimated)))
            else:
                st.caption(", ".join(f"{d}*" if d in estimated else d for d in preset["days"]))
        st.caption(tr("prot.ui.estimated_note"))


def _ranges(days: list[str], estimated: set[str]) -> list[str]:
    """Consecutive ISO days as "first – last" spans (an estimate marked *)."""
    from datetime import date, timedelta

    spans: list[list[date]] = []
    for day in sorted(date.fromisoformat(d) for d in days):
        if spans and day - spans[-1][1] == timedelta(days=1):
            spans[-1][1] = day
        else:
            spans.append([day, day])
    return [f"{a.isoformat()} – {b.isoformat()}" + ("*" if a.isoformat() in estimated else "") for a, b in spans]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
