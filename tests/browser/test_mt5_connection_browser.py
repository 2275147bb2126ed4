"""Settings → "Tes koneksi" in a real browser, against the fake MetaTrader 5 terminal, every step walked.

The dashboard runs through tests/browser/fake_terminal_server.py (``import MetaTrader5`` is the project's fake);
the test writes each failure a trader meets first into the scenario file, presses the button, and reads the
step it stops at and what to do. Screenshots land in test-artifacts/ (or $QBX_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from qbx_engine.core.i18n import t
from tests import mt5_fake
from tests.browser.test_dashboard_browser import ROOT, click, free_port, settle, shot, stop_streamlit, visit

PASSWORD = mt5_fake.Terminal.__init__.__kwdefaults__["password"]  # the fake terminal's login
STEPS = ("terminal", "initialized", "login", "account", "autotrading_terminal", "autotrading_account", "symbol",
         "offset")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mt5-browser")
    scenario = folder / "scenario.json"
    log_path = folder / "streamlit.log"
    port = free_port()
    env = dict(os.environ, QBX_DATA_DIR=str(folder / "data"), PYTHONPATH=str(ROOT))
    env.pop("QBX_BROKER", None)
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "browser" / "fake_terminal_server.py"),
                                str(scenario), "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--server.headless", "true"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"the dashboard with the fake terminal did not start within 60 s; see {log_path}")
    started = {"url": url, "port": port, "process": process, "log": log_path, "scenario": scenario}
    yield started
    stop_streamlit(started)


@pytest.fixture(scope="module")
def page(server, browser):
    opened = browser.new_page(viewport={"width": 1400, "height": 2200})
    visit(opened, server, "/settings", t("nav.settings", "id"))
    return opened


@pytest.fixture(scope="module")
def browser():
    from tests.browser.test_dashboard_browser import ARTIFACTS, CHROMIUM, sync_api

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield launched
        launched.close()


def test_the_connection_test_passes_every_step_on_a_working_terminal(server, page):
    server["scenario"].write_text("{}", encoding="utf-8")
    run_test(page, "XAUUSD", t("mt5c.ui.all_ok", "id"), "mt5-1-all-ok")
    for step in STEPS:
        page.get_by_text(t(f"mt5c.step.{step}", "id"), exact=True).first.wait_for(timeout=10_000)
    for shown in ("MetaTrader 5 build 5120", "Akun …0123 (Demo Trader)", "XAUUSD di broker ini adalah XAUUSD.m",
                  "Jam server UTC+2"):
        page.get_by_text(shown).first.wait_for(timeout=10_000)
    assert PASSWORD not in page.content()


FAILURES = [
    ("not-installed", {"terminal": {"installed": False}}, "EURUSD", "terminal",
     "Tidak ada terminal MetaTrader 5 di komputer ini"),
    ("path-wrong", {"env": {"QBX_MT5_PATH": "D:\\Trading\\terminal64.exe"}}, "EURUSD", "terminal",
     "tidak menjalankan terminal"),
    ("ipc-timeout", {"terminal": {"ipc_timeout": True}}, "EURUSD", "initialized", "IPC timeout"),
    ("old-build", {"terminal": {"outdated": True}}, "EURUSD", "initialized", "Terminal terlalu lama"),
    ("auth-failed", {"terminal": {"password": "changed-by-broker"}}, "EURUSD", "login", "Login ditolak"),
    ("no-server", {"terminal": {"connected": False}}, "EURUSD", "account", "tidak terhubung ke server trading"),
    ("algo-off", {"terminal": {"algo_trading": False}}, "EURUSD", "autotrading_terminal", "kode 10027"),
    ("api-off", {"terminal": {"api_trading": False}}, "EURUSD", "autotrading_terminal", "trading lewat Python"),
    ("account-off", {"terminal": {"account_trading": False}}, "EURUSD", "autotrading_account",
     "Trading dinonaktifkan untuk akun ini"),
    ("server-off", {"terminal": {"experts_allowed": False}}, "EURUSD", "autotrading_account", "kode 10026"),
    ("unknown-suffix", {}, "EURUSD.ecn", "symbol", "tidak ada di broker ini, juga tidak dengan akhiran"),
    ("symbol-disabled", {}, "USDCHF", "symbol", "Broker menonaktifkan trading USDCHF"),
]


@pytest.mark.parametrize("name, scenario, symbol, step, words", FAILURES, ids=[f[0] for f in FAILURES])
def test_each_failure_stops_at_its_step_with_what_to_do(server, page, name, scenario, symbol, step, words):
    server["scenario"].write_text(json.dumps(scenario), encoding="utf-8")
    run_test(page, symbol, t("mt5c.ui.failed", "id", step=t(f"mt5c.step.{step}", "id")), f"mt5-failure-{name}")
    page.get_by_text(words).first.wait_for(timeout=10_000)
    page.get_by_text("Yang perlu dilakukan:").first.wait_for(timeout=10_000)
    assert PASSWORD not in page.content()


def run_test(page, symbol: str, verdict: str, picture: str) -> None:
    """Type the symbol, press "Tes koneksi", wait for this run's verdict (the time under it changes each run)."""
    settle(page)
    before = page.get_by_text("Dites ").all_inner_texts() if page.get_by_text("Dites ").count() else []
    field = page.locator(f'input[aria-label="{t("mt5c.ui.symbol", "id")}"]')
    field.fill(symbol)
    field.press("Tab")
    click(page, t("mt5c.ui.button", "id"))
    try:
        page.wait_for_function("(before) => { const e = [...document.querySelectorAll("
                               "'[data-testid=stCaptionContainer]')].map(x => x.innerText)"
                               ".filter(x => x.startsWith('Dites ')); return e.length && !before.includes(e[0]); }",
                               arg=before, timeout=30_000)
        page.get_by_text(verdict).first.wait_for(timeout=10_000)
    except Exception:
        shot(page, f"failed-{picture}")
        raise
    shot(page, picture)
