"""The one translation table: no key defined twice, both languages, the same placeholders."""

import ast
import string
from collections import Counter
from importlib import import_module
from pathlib import Path

import pytest

import qbx_engine.texts as texts
from qbx_engine.core.i18n import LANGUAGES, Msg, render


def _keys_written(part: str) -> list[str]:
    module = import_module(f"qbx_engine.texts.{part}")
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    table = next(node for node in tree.body if isinstance(node, ast.AnnAssign))
    return [key.value for key in table.value.keys]


def test_no_key_is_defined_twice():
    counts = Counter(key for part in texts.PARTS for key in _keys_written(part))
    assert [key for key, n in counts.items() if n > 1] == []
    assert len(texts.TEXTS) == sum(counts.values())


def test_joining_parts_refuses_a_key_two_parts_define():
    with pytest.raises(ValueError, match="defined twice"):
        texts._join(("core", "core"))


def test_every_text_has_both_languages_with_the_same_placeholders():
    fields = lambda s: {name for _, name, _, _ in string.Formatter().parse(s) if name}  # noqa: E731
    for key, entry in texts.TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert fields(entry["id"]) == fields(entry["en"]), key


def test_a_stored_message_renders_and_an_empty_one_renders_as_nothing():
    stored = Msg("ev.broker_up", {"seconds": 12}).to_json()
    assert render(stored, "en") == "The broker connection is back after 12 s."
    assert render(stored, "id") == "Koneksi broker pulih setelah 12 detik."
    assert render(None) == "" and render({}) == ""  # {} raised AttributeError ('NoneType' has no 'key')
