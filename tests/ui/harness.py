"""AppTest as the real server runs the app: app.py on every run, whatever page is shown."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test


class NavigationPages(PagesManager):
    """AppTest resets the "uses a pages/ folder" flag before every run and, seeing our pages/ folder,
    runs only the page script; the real server clears the flag at the first st.navigation call and
    runs app.py every time. Clear it the same way so tests run what the browser runs."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


def run_app_py_every_time(setattr_=setattr) -> None:
    """Make AppTest use :class:`NavigationPages` (pass ``monkeypatch.setattr`` to undo it after a test)."""
    setattr_(app_test, "PagesManager", NavigationPages)
