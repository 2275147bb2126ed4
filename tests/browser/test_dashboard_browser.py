"""The dashboard in a real browser: `streamlit run app.py`, driven by Playwright through Debian's chromium.

Creates a bot, starts, pauses, resumes and stops it, edits a parameter, submits
the mentor's emotion form, and checks the engine's state and the page text.
Puts the emergency brake on by a losing trade closed by hand and a tiny daily
loss limit, and sees its banner on every page.
Screenshots of every page land in test-artifacts/ (or $QBX_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import t
from tests.conftest import ROOT

CHROMIUM = os.environ.get("QBX_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("QBX_ARTIFACTS") or ROOT / "test-artifacts")
HOW = ("Install Debian's browser with `sudo apt-get install chromium` (or point QBX_CHROMIUM at a Chromium "
       "binary) to run the browser test.")

if not CHROMIUM:
    if os.environ.get("QBX_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (QBX_REQUIRE_BROWSER is set). " + HOW, pytrace=False)
    pytest.skip("chromium is not installed. " + HOW, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (requirements-dev.txt)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_streamlit(data: Path, log_path: Path) -> dict:
    """`streamlit run app.py` on a free loopback port over ``data``, once it answers its health check."""
    port = free_port()
    env = dict(os.environ, QBX_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    env.pop("QBX_BROKER", None)
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                                str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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
        pytest.fail("streamlit did not start within 60 s; see " + log.name)
    return {"url": url, "port": port, "data": data, "process": process, "log": log_path}


def stop_streamlit(server: dict) -> None:
    process = server["process"]
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    started = start_streamlit(tmp_path_factory.mktemp("browser-data"),
                              tmp_path_factory.mktemp("logs") / "streamlit.log")
    yield started
    stop_streamlit(started)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(server, browser):
    return browser.new_page(viewport={"width": 1400, "height": 1800})


def bot_file(server, bot_id=1) -> dict:
    path = Path(server["data"]) / "bots" / f"bot-{bot_id}.json"
    return json.loads(path.read_text(encoding="utf-8"))["bot"][str(bot_id)]


def wait_for(check, what: str, timeout: float = 40.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except (OSError, KeyError, ValueError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def visit(page, server, path: str, title: str) -> None:
    page.goto(server["url"] + path)
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)


def shot(page, name: str) -> None:
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def toast(page, text: str, name: str) -> None:
    """Wait for the confirmation toast of an action (a screenshot is kept if it never comes)."""
    try:
        page.locator('[data-testid="stToast"]').filter(has_text=text).first.wait_for(timeout=30_000)
    except Exception:
        shot(page, f"failed-{name}")
        raise


def settle(page) -> None:
    """Wait until Streamlit has finished the current run (its "running" indicator is gone)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)


def click(page, label: str) -> None:
    """Click a button once the page is idle, so the click is not lost in a rerun."""
    settle(page)
    button = page.get_by_role("button", name=label, exact=True).first
    button.wait_for(timeout=30_000)
    button.click()


def select(page, label: str, option: str, within=None) -> None:
    """Pick ``option`` in the select box labelled ``label`` (Streamlit draws a combobox, not a <select>)."""
    settle(page)
    scope = within if within is not None else page
    scope.get_by_role("combobox", name=label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page)


def mt5_export(path: Path, bars: int = 600) -> Path:
    """A bar file as MT5's "Export bars" writes it, from the paper market's EURUSD hours."""
    from qbx_engine.backtest import paper_history

    frame = paper_history("EURUSD", "H1", bars, time.time()).frame()
    lines = ["<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>"]
    lines += [f"{r.time:%Y.%m.%d}\t{r.time:%H:%M:%S}\t{r.open}\t{r.high}\t{r.low}\t{r.close}\t{r.tick_volume}\t0\t12"
              for r in frame.itertuples()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_trader_session_in_the_browser(server, page, tmp_path):
    visit(page, server, "/", t("nav.overview", "id"))
    page.get_by_text(t("ui.welcome", "id")).first.wait_for(timeout=30_000)
    shot(page, "1-overview-empty")

    visit(page, server, "/bots", t("nav.bots", "id"))
    settle(page)
    select(page, t("form.preset", "id"), t("preset.conservative", "id"))
    page.locator('input[aria-label="Periode MA cepat"]').and_(page.locator('[value="50"]')).wait_for(timeout=30_000)
    settle(page)  # the preset's run must end first: a run still drawing the form can replace what was typed
    name = page.locator(f'input[aria-label="{t("ui.bot_name", "id")}"]')
    name.fill("Browser EURUSD")
    name.and_(page.locator('[value="Browser EURUSD"]')).wait_for(timeout=30_000)
    click(page, t("ui.create_bot", "id"))
    try:
        wait_for(lambda: bot_file(server)["name"] == "Browser EURUSD", "the bot to be saved")
    except AssertionError:
        shot(page, "failed-create")
        raise
    assert bot_file(server)["status"] == "stopped"
    assert bot_file(server)["strategy_params"] == {"fast_period": 50, "slow_period": 200, "ma_type": "sma"}
    toast(page, t("ui.created", "id", name="Browser EURUSD"), "create")

    for label, status, done in (("ui.start", "active", "ui.started"), ("ui.pause", "paused", "ui.paused"),
                                 ("ui.resume", "active", "ui.resumed"), ("ui.stop", "stopped", "ui.stopped")):
        click(page, t(label, "id"))
        wait_for(lambda status=status: bot_file(server)["status"] == status, f"status {status}")
        toast(page, t(done, "id", name="Browser EURUSD"), label)
    shot(page, "2-bots")

    visit(page, server, "/bot_detail", t("nav.bot_detail", "id"))
    fast = page.locator('input[aria-label="Periode MA cepat"]')
    settle(page)
    page.get_by_text(t("form.edit_bot", "id"), exact=True).click()
    try:
        fast.wait_for(timeout=15_000)
    except Exception:
        shot(page, "failed-quick-edit")
        raise
    select(page, t("ui.market", "id"), "GBPUSD", within=page.locator('[data-testid="stExpander"]'))
    fast = page.locator('input[aria-label="Periode MA cepat"]')
    fast.fill("12")
    fast.press("Tab")
    click(page, t("ui.save_changes", "id"))
    wait_for(lambda: bot_file(server)["strategy_params"]["fast_period"] == 12, "the edited parameter")
    assert bot_file(server)["market"] == "GBPUSD"  # the bot is stopped: its market can change
    toast(page, t("ui.saved", "id"), "edit")
    shot(page, "3-bot-detail")

    visit(page, server, "/mentor", t("nav.mentor", "id"))
    settle(page)
    page.locator(f'textarea[aria-label="{t("ui.mentor_note", "id")}"]').fill("Tenang, mengikuti rencana.")
    click(page, t("ui.mentor_save", "id"))
    toast(page, t("ui.mentor_saved", "id"), "mentor")
    page.get_by_text(t("mentor.now.steady", "id")).first.wait_for(timeout=10_000)
    shot(page, "4-mentor")

    visit(page, server, "/backtest", t("nav.backtest", "id"))
    click(page, t("bt.run", "id"))
    page.get_by_role("heading", name=t("bt.results", "id", strategy="Persilangan Moving Average", symbol="EURUSD")) \
        .first.wait_for(timeout=60_000)
    shot(page, "5-backtest")
    settle(page)
    page.get_by_text(t("bt.source_csv", "id"), exact=True).click()
    settle(page)
    page.locator('input[type="file"]').set_input_files(str(mt5_export(tmp_path / "EURUSD_H1.csv")))
    try:
        page.get_by_text("EURUSD_H1.csv").first.wait_for(timeout=30_000)
    except Exception:
        shot(page, "failed-upload")
        raise
    click(page, t("bt.run", "id"))
    page.get_by_text("600 bar (").first.wait_for(timeout=60_000)
    shot(page, "5-backtest-csv")

    for path, key, name in (("/logs", "nav.logs", "6-logs"),
                            ("/settings", "nav.settings", "7-settings"), ("/", "nav.overview", "8-overview")):
        visit(page, server, path, t(key, "id"))
        shot(page, name)
    logs_text = page.content()
    assert "Browser EURUSD" in logs_text

    server["process"].send_signal(signal.SIGTERM)
    server["process"].wait(timeout=30)
    with Engine.open(server["data"], start_scheduler=False) as engine:  # the lock was released on exit
        (bot,) = engine.list_bots()
        assert (bot["status"], bot["market"], bot["strategy_params"]["fast_period"]) == ("stopped", "GBPUSD", 12)
        assert [e["note"] for e in engine.mentor.emotions()] == ["Tenang, mengikuti rencana."]
        # (a running bot may add TICK OVERRUN or MARKET CLOSED)
        lifecycle = ["START", "PAUSE", "RESUME", "STOP", "UPDATE"]
        actions = [e["action"] for e in reversed(engine.events(bot_id=bot["id"], actions=lifecycle, limit=20))]
        assert actions == lifecycle


def losing_position(engine, bot_id: int, look_ahead: float = 240.0):
    """Open a crypto position (markets open every day) for the bot that loses money whenever it is closed in the
    next few minutes: the paper market is deterministic, so its coming prices can be read in advance."""
    import numpy as np

    market = engine.broker.market
    for _ in range(60):
        now = time.time()
        for symbol in ("ETHUSD", "BTCUSD"):
            spec = market.specs[symbol]
            spread = spec.spread_points * spec.point
            coming = market.path(symbol, now + 1 + np.arange(look_ahead))
            bid = market.path(symbol, [now])[0]
            buy_loses, sell_loses = coming.max() < bid + spread * 0.8, coming.min() > bid - spread * 0.8
            for side, losing in (("buy", buy_loses), ("sell", sell_loses)):
                if losing:
                    return engine.broker.open_position(symbol, side, spec.volume_min, sl=0.0, tp=0.0, magic=bot_id,
                                                       comment="browser brake")
        time.sleep(5)
    pytest.fail("no losing window found in five minutes of the paper market")


def test_a_forced_loss_puts_the_brake_on_and_every_page_shows_its_banner(browser, tmp_path):
    data = tmp_path / "brake-data"
    with Engine.open(data, start_scheduler=False) as engine:
        bot = engine.create_bot({"name": "Brake bot", "market": "ETHUSD", "timeframe": "M1",
                                 "strategy_name": "ma_crossover", "sl_pips": 50, "tp_pips": 100})
        losing_position(engine, bot["id"])
    server = start_streamlit(data, tmp_path / "streamlit.log")
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    try:
        visit(page, server, "/bot_detail", t("nav.bot_detail", "id"))
        click(page, t("ui.close_now", "id"))
        toast(page, t("ui.position_closed", "id", name="Brake bot"), "close-by-hand")
        visit(page, server, "/settings", t("nav.settings", "id"))
        settle(page)
        limit = page.locator(f'input[aria-label="{t("prot.ui.daily_loss", "id")}"]')
        limit.fill("0.01")
        limit.press("Tab")
        click(page, t("prot.ui.save_brake", "id"))
        banner = "Rem darurat aktif"
        try:
            page.get_by_text(banner).first.wait_for(timeout=30_000)
        except Exception:
            shot(page, "failed-brake")
            raise
        shot(page, "9-brake-settings")
        for path, key in (("/", "nav.overview"), ("/bots", "nav.bots"), ("/logs", "nav.logs")):
            visit(page, server, path, t(key, "id"))
            page.get_by_text(banner).first.wait_for(timeout=30_000)
        shot(page, "9-brake-banner")
    finally:
        page.close()
        stop_streamlit(server)
    with Engine.open(data, start_scheduler=False) as engine:
        state = engine.safety.brake()
        assert (state["on"], state["cause"]) == (True, "daily_loss")  # still on after the restart
        (trade,) = engine.trades()
        assert trade["reason"] == "manual" and trade["net_profit"] < 0
        assert state["figures"]["loss"] == -trade["net_profit"]


def test_a_first_visit_straight_to_a_page_still_asks_for_the_password(tmp_path, browser):
    """Streamlit would run pages/bots.py alone on a fresh server; the password gate must still hold."""
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "secrets.toml").write_text('password = "rahasia-uji"\n', encoding="utf-8")
    port = free_port()
    env = dict(os.environ, QBX_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT), HOME=str(home))
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                                str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200, "streamlit", 60)
        tab = browser.new_page()
        tab.goto(url + "/bots")
        tab.locator('input[type="password"]').wait_for(timeout=30_000)
        assert tab.get_by_role("button", name=t("ui.start_all", "id")).count() == 0
        tab.locator('input[type="password"]').fill("rahasia-uji")
        tab.get_by_role("button", name=t("ui.login", "id")).click()
        tab.get_by_role("heading", name=t("nav.bots", "id")).first.wait_for(timeout=30_000)
        tab.close()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_small_optimisation_in_the_browser(tmp_path, browser):
    """The Optimisation page in a real browser: a 3 x 3 grid runs off the page's thread, its progress shows,
    and the heatmap of the metric over the two parameters appears."""
    port = free_port()
    env = dict(os.environ, QBX_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    env.pop("QBX_BROKER", None)
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                                str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200, "streamlit", 60)
        tab = browser.new_page(viewport={"width": 1400, "height": 2200})
        visit(tab, {"url": url}, "/optimise", t("nav.optimise", "id"))
        settle(tab)
        tab.locator(f'input[aria-label="{t("bt.bars", "id")}"]').fill("1000")
        for index, (low, high, step) in enumerate(((10, 20, 5), (30, 50, 10))):
            for label, value in ((t("opt.from", "id"), low), (t("opt.to", "id"), high), (t("opt.step", "id"), step)):
                field = tab.locator(f'input[aria-label="{label}"]').nth(index)
                field.fill(str(value))
                field.press("Tab")
        click(tab, t("opt.run", "id"))
        heading = t("opt.results", "id", symbol="EURUSD", timeframe="H1")
        try:
            tab.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
            tab.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
        except Exception:
            shot(tab, "failed-optimise")
            raise
        assert tab.get_by_text(t("opt.summary", "id", n=9, refused=0, bars=1000, seconds="", workers=1)
                               .split(" dalam")[0]).count() >= 1
        shot(tab, "9-optimise")
        tab.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
