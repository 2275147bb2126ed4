"""Hostile pages in a real browser against a real `streamlit run app.py`.

- DNS rebinding: Chromium resolves evil.example to 127.0.0.1 (``--host-resolver-rules``), as a
  rebinding attacker's name would; the page it opens must show only the refusal.
- Markdown in names: a bot named as a Markdown image pointing at a local counting server is
  created, started and deleted through the pages; the browser must never request that image.
"""

from __future__ import annotations

import re
import string
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import t
from qbx_ui.shell import plain
from tests.browser.test_dashboard_browser import (
    ARTIFACTS,
    CHROMIUM,
    click,
    free_port,
    settle,
    shot,
    start_streamlit,
    stop_streamlit,
    sync_api,
    toast,
    visit,
)

SECRET_BOT = "Rahasia EURUSD"
EVIL = "evil.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile-data")
    with Engine.open(data, start_scheduler=False) as engine:
        engine.create_bot({"name": SECRET_BOT, "market": "EURUSD"})
    started = start_streamlit(data, tmp_path_factory.mktemp("logs") / "streamlit-hostile.log")
    yield started
    stop_streamlit(started)


@pytest.fixture(scope="module")
def rebinding_browser():
    """Chromium that resolves evil.example to this machine, as a rebinding attacker's DNS would."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"])
        yield launched
        launched.close()


class Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Counter.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args):
        pass


@pytest.fixture
def image_host():
    """A local HTTP server that counts every request made to it."""
    Counter.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_a_page_reached_under_a_foreign_name_shows_only_the_refusal(server, rebinding_browser):
    tab = rebinding_browser.new_page(viewport={"width": 1400, "height": 1200})
    try:
        tab.goto(f"http://{EVIL}:{server['port']}/bots")
        tab.get_by_role("heading", name=t("sec.host_title", "en")).first.wait_for(timeout=30_000)
        tab.get_by_role("heading", name=t("sec.host_title", "id")).first.wait_for(timeout=5_000)
        settle(tab)
        shot(tab, "hostile-1-rebinding-refused")
        text = tab.inner_text("body")
        assert f"{EVIL}:{server['port']}" in text  # the name it was reached as, shown as text
        assert SECRET_BOT not in tab.content() and "EURUSD" not in tab.content()  # not even in hidden cells
        for language in ("id", "en"):
            assert t("ui.balance", language) not in text  # not even the sidebar's account line
            for label in ("ui.stop_all", "ui.start_all", "ui.create_bot", "ui.delete"):
                assert tab.get_by_role("button", name=t(label, language)).count() == 0
        assert tab.locator('input, textarea, [data-testid="stButton"]').count() == 0

        # The same browser, under the loopback address, gets the dashboard.
        visit(tab, server, "/bots", t("nav.bots", "id"))
        tab.get_by_role("button", name=t("ui.stop_all", "id")).first.wait_for(timeout=30_000)
        tab.get_by_text(SECRET_BOT).first.wait_for(state="attached", timeout=30_000)  # in the bots table
        assert t("sec.host_title", "en") not in tab.inner_text("body")
        shot(tab, "hostile-1b-loopback-served")
    finally:
        tab.close()


def shown(name: str) -> str:
    """The text a browser shows for a name: its characters, with an invisible word joiner that stops bare links."""
    return re.sub(rf"\\([{re.escape(string.punctuation)}])", r"\1", plain(name))


def no_image_shown(tab, port: int) -> None:
    assert tab.locator(f'img[src*=":{port}"], a[href*=":{port}"]').count() == 0  # not the heading's #anchor
    assert tab.locator('img[src="x"], a[href^="javascript"]').count() == 0


def nav(tab, key: str) -> None:
    """Move between pages inside the session (a reload would start a new one and forget the chosen bot)."""
    settle(tab)
    tab.locator('[data-testid="stSidebarNav"]').get_by_text(t(key, "id"), exact=True).click()
    tab.get_by_role("heading", name=t(key, "id")).first.wait_for(timeout=30_000)
    settle(tab)


def choose_bot(tab, option: str) -> None:
    settle(tab)
    tab.locator('[data-testid="stSelectbox"]').filter(has_text=t("ui.choose_bot", "id")).first.click()
    tab.get_by_role("option", name=option, exact=True).click()  # options are plain text, never Markdown
    settle(tab)


def test_markdown_in_a_bot_name_is_shown_as_text_and_fetches_nothing(server, rebinding_browser, image_host):
    image = f"![p](http://127.0.0.1:{image_host}/x.png)"
    html = "<img src=x onerror=alert(1)>"
    tab = rebinding_browser.new_page(viewport={"width": 1400, "height": 1800})
    requested: list[str] = []
    dialogs: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for name in (html, image):  # the image one last: it stays the chosen bot
            if name == html:
                visit(tab, server, "/bots", t("nav.bots", "id"))
            else:
                nav(tab, "nav.bots")
            field = tab.locator(f'input[aria-label="{t("ui.bot_name", "id")}"]')
            if not field.is_visible():  # the "new bot" expander stays as the trader left it
                tab.get_by_text(t("ui.new_bot", "id"), exact=True).click()
            field.wait_for(timeout=15_000)
            field.fill(name)
            click(tab, t("ui.create_bot", "id"))
            toast(tab, t("ui.created", "id", name=shown(name)), "hostile-create")
            no_image_shown(tab, image_host)
        choose_bot(tab, f"#3 {image}")
        click(tab, t("ui.start", "id"))
        toast(tab, t("ui.started", "id", name=shown(image)), "hostile-start")
        shot(tab, "hostile-2-markdown-name-bots")

        nav(tab, "nav.bot_detail")
        tab.get_by_role("heading", name=shown(image)).first.wait_for(timeout=30_000)
        no_image_shown(tab, image_host)
        shot(tab, "hostile-3-markdown-name-detail")
        nav(tab, "nav.overview")
        tab.get_by_text(shown(image)).first.wait_for(timeout=30_000)  # the START notification names it
        no_image_shown(tab, image_host)
        nav(tab, "nav.logs")
        no_image_shown(tab, image_host)

        nav(tab, "nav.bots")
        click(tab, t("ui.delete", "id"))
        tab.get_by_text(t("ui.delete_confirm", "id", name=shown(image))).first.wait_for(timeout=30_000)
        no_image_shown(tab, image_host)
        shot(tab, "hostile-4-markdown-name-delete")
        click(tab, t("ui.delete_yes", "id"))
        toast(tab, t("ui.deleted", "id", name=shown(image)), "hostile-delete")
        settle(tab)
        no_image_shown(tab, image_host)
    finally:
        tab.close()
    assert Counter.hits == []
    assert [url for url in requested if f":{image_host}" in url] == []
    assert dialogs == []
