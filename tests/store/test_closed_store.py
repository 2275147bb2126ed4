"""A closed store takes no change: the folder may already be the next engine's, which cuts each log back to the
end it knows, so a line written after close would be erased although it was acknowledged."""

from __future__ import annotations

import pytest

from qbx_engine.core.errors import LifecycleError
from qbx_engine.store import Store


def test_every_kind_of_file_refuses_a_change_after_close(tmp_path):
    store = Store(tmp_path)
    events, book, settings = store.events, store.tables("paper/book.json"), store.settings_db
    events.append({"ts": 1.0, "bot_id": 1, "action": "BEFORE"})
    book.put("t", 1, {"a": 1})
    store.close()
    with pytest.raises(LifecycleError):
        events.append({"ts": 2.0, "bot_id": 1, "action": "AFTER"})
    with pytest.raises(LifecycleError):
        book.put("t", 2, {"a": 2})
    with pytest.raises(LifecycleError):
        settings.insert("settings", {"language": "en"})
    with Store(tmp_path) as reopened:
        assert [e["action"] for e in reopened.events.query()] == ["BEFORE"]
        assert reopened.tables("paper/book.json").view("t") == {1: {"a": 1}}
