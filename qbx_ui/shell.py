"""The process-wide engine, the trader's language, the password gate, and action feedback."""

from __future__ import annotations

import functools
import hmac
import json
import logging
import os
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from qbx_engine import Engine, QbxError
from qbx_engine.brokers import BROKERS, DEFAULT_BROKER
from qbx_engine.core.clock import SystemClock
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Msg, render, t
from qbx_engine.core.inputs import showable
from qbx_engine.remote import telegram
from qbx_engine.remote.http import RemoteHttp
from qbx_engine.store import DATA_DIR_ENV, resolve_data_dir

log = logging.getLogger("qbx_ui")
BROKER_ENV = "QBX_BROKER"
# The time the engine runs on; page tests put a fixed mid-week clock here so markets are open.
CLOCK = SystemClock()


@dataclass
class Handle:
    engine: Engine
    notice: Msg | None = None
    remote: telegram.TelegramRemote | None = None  # the Telegram command reader, when configured
    http: RemoteHttp | None = None  # the HTTP API and the TradingView alert receiver, beside the engine


def _release(handle: Handle) -> None:
    if handle.remote is not None:
        handle.remote.stop()
    if handle.http is not None:
        handle.http.stop()
    handle.engine.close()


@st.cache_resource(show_spinner=False, on_release=_release)
def _open(data_dir: str) -> Handle:
    """The engine, and beside it what drives it from outside (the Telegram command reader, the HTTP API and the
    alert receiver), released together: these stop before the engine closes."""
    handle = _open_engine(data_dir)
    handle.remote = telegram.start(handle.engine)
    handle.http = RemoteHttp(handle.engine).start()
    return handle


def _open_engine(data_dir: str) -> Handle:
    """One engine for the whole Streamlit process, shared by every tab and rerun.

    The broker is chosen once, here (environment first, then the saved setting); when it cannot
    be reached the engine opens on the default broker and the sidebar says why.
    """
    broker = os.environ.get(BROKER_ENV) or _saved_setting(data_dir, "broker") or DEFAULT_BROKER
    if broker != DEFAULT_BROKER:
        try:
            return Handle(Engine.open(data_dir, broker=broker, clock=CLOCK, take_over=True))
        except (ImportError, QbxError) as exc:
            problem = exc.msg if isinstance(exc, QbxError) else Msg("ui.mt5_not_installed")
            log.warning("broker %s is not available (%s); using the %s broker", broker, exc, DEFAULT_BROKER)
            return Handle(Engine.open(data_dir, broker=DEFAULT_BROKER, clock=CLOCK, take_over=True),
                          Msg("ui.mt5_unavailable", {"problem": problem}))
    return Handle(Engine.open(data_dir, broker=DEFAULT_BROKER, clock=CLOCK, take_over=True))


def data_dir() -> str:
    return str(resolve_data_dir().resolve())


_last: tuple[tuple[str | None, str], Handle] | None = None  # (where the folder setting pointed, its handle)


def handle() -> Handle:
    """The engine's handle. A page asks for it dozens of times a run (every ``tr`` does), so the last one is
    reused while its engine is open and the folder setting is unchanged; Streamlit's cache still owns it."""
    global _last
    key = (os.environ.get(DATA_DIR_ENV), os.getcwd())
    last = _last
    if last is not None and last[0] == key and not last[1].engine.closed:
        return last[1]
    found = _open(data_dir())
    _last = (key, found)
    return found


def engine() -> Engine:
    _through_app()
    return handle().engine


def _through_app() -> None:
    """Make sure this run went through app.py (navigation, sidebar, password gate).

    Streamlit treats an app with a ``pages/`` folder as an old-style multipage app
    until the first ``st.navigation`` call; a first visit straight to ``/bots``
    after the server starts would then run the page alone, skipping app.py. Clear
    that mode and run again, this time through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def reopen() -> None:
    """Close the engine and open it again (after the broker choice changed)."""
    global _last
    _last = None
    _open.clear()


def _saved_setting(folder: str, name: str):
    """Read one setting before the engine (and its lock) exists; the file is replaced atomically."""
    try:
        data = json.loads((Path(folder) / "settings.json").read_text(encoding="utf-8"))
        return data["settings"]["1"].get(name)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def lang() -> str:
    try:
        return engine().settings.get("language")  # not get_settings(): that copies every setting, per text
    except QbxError:
        return DEFAULT_LANGUAGE


def broker_label(kind: str) -> str:
    """What the dashboard calls a broker, in the trader's language."""
    found = BROKERS.get(kind)
    return found.label.get(lang(), found.label["en"]) if found else kind


def tr(key: str, **params) -> str:
    return t(key, lang(), **params)


def msg(message) -> str:
    """An engine message for a Markdown element: its template's formatting kept, every text parameter literal."""
    if message is None:
        return ""
    if isinstance(message, dict):
        message = Msg.from_json(message)
    return render(_literal(message), lang())


def error_text(exc: QbxError) -> str:
    """An engine error for st.error: each field's message, parameters shown literally (see :func:`msg`)."""
    messages = exc.field_errors.values() if isinstance(exc, ValidationError) else [exc.msg]
    return "; ".join(msg(m) for m in messages)


_PUNCTUATION = frozenset(string.punctuation)
# GitHub-flavoured Markdown turns bare "http://…", "www.…" and "a@b.c" into links after escapes are
# resolved; an invisible WORD JOINER after "http"/"www" and before "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=://)|(?<=http)(?=://)|(?<=www)(?=\.)|(?<=[-.\w+])(?=@)")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """A trader-typed string shown in Markdown without being interpreted as Markdown or HTML.

    CommonMark lets a backslash make any ASCII punctuation literal, so escaping all of it leaves
    nothing that could start a link, an image, emphasis, HTML, an entity or Streamlit's ``:color[…]``.
    """
    text = _AUTOLINK.sub(WORD_JOINER, showable(str(text)))
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def _literal(value):
    """``value`` with every text in it escaped by :func:`plain`; messages keep their own templates."""
    if isinstance(value, Msg):
        return Msg(value.key, {name: _literal(param) for name, param in value.params.items()})
    if isinstance(value, dict) and set(value) == {"key", "params"}:
        return _literal(Msg.from_json(value))
    if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
        return {language: plain(text) for language, text in value.items()}
    if isinstance(value, (list, tuple)):
        return [_literal(item) for item in value]
    if isinstance(value, str):
        return plain(value)
    return value


# -- password gate ---------------------------------------------------------------
def _secret(name: str) -> str | None:
    try:
        value = st.secrets.get(name)
    except Exception:  # noqa: BLE001 - no secrets file is the normal, open case
        return None
    return str(value) if value else None


def require_password() -> None:
    """If ``password`` is set in .streamlit/secrets.toml, nothing shows until it is given."""
    expected = _secret("password")
    if not expected or st.session_state.get("qbx_authenticated"):
        return
    language = _saved_setting(data_dir(), "language") or DEFAULT_LANGUAGE
    st.title("QuantumBotX")
    with st.form("qbx_login"):
        given = st.text_input(t("ui.password", language), type="password", key="qbx_password")
        submitted = st.form_submit_button(t("ui.login", language))
    if submitted:
        if hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            st.session_state["qbx_authenticated"] = True
            st.rerun()
        st.error(t("ui.wrong_password", language))
    st.stop()


# -- actions and feedback ----------------------------------------------------------
def flash(text: str, icon: str = ":material/check_circle:") -> None:
    """A toast shown after the rerun that follows an action."""
    st.session_state.setdefault("qbx_flash", []).append((text, icon))


def show_flash() -> None:
    for text, icon in st.session_state.pop("qbx_flash", []):
        st.toast(text, icon=icon)


def act(action: Callable[[], object], done: str | None = None, *, rerun: bool = True) -> bool:
    """Run an engine action; an engine error becomes a clear message box, never a traceback page."""
    try:
        action()
    except QbxError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return False
    except Exception as exc:  # noqa: BLE001 - shown as a message, logged with its traceback
        log.exception("dashboard action failed")
        st.error(tr("ui.unexpected", kind=type(exc).__name__), icon=":material/error:")
        return False
    if done:
        flash(done)
    if rerun:
        st.rerun()
    return True


def submit(action: Callable[[], object], errors_key: str, done: str | None = None) -> tuple[bool, object]:
    """Run a form's engine call. Field errors are kept under ``errors_key`` for the widgets to show after
    the rerun (nothing was saved); any other engine error is shown here. Returns (saved, result)."""
    try:
        result = action()
    except ValidationError as exc:
        st.session_state[errors_key] = exc.field_errors
        st.rerun()
    except QbxError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return False, None
    st.session_state.pop(errors_key, None)
    if done:
        flash(done)
    return True, result


def live(every: str = "5s"):
    """A part of a page that refreshes itself; an engine error inside it shows as a message box."""
    def wrap(render: Callable[[], None]):
        @functools.wraps(render)
        def guarded() -> None:
            try:
                render()
            except QbxError as exc:
                st.error(error_text(exc), icon=":material/cloud_off:")
        return st.fragment(run_every=every)(guarded)
    return wrap


def field_error(errors: dict, name: str) -> None:
    """The engine's message for one form field, right under its widget."""
    if name in errors:
        st.error(msg(errors[name]), icon=":material/error:")
