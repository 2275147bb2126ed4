"""The one translation table: no key defined twice, both languages, the same placeholders."""

import ast
import string
from collections import Counter
from pathlib import Path

import qbx_engine.texts as texts
from qbx_engine.i18n import LANGUAGES


def test_no_key_is_defined_twice():
    tree = ast.parse(Path(texts.__file__).read_text(encoding="utf-8"))
    table = next(node for node in tree.body if isinstance(node, ast.AnnAssign))
    counts = Counter(key.value for key in table.value.keys)
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_text_has_both_languages_with_the_same_placeholders():
    fields = lambda s: {name for _, name, _, _ in string.Formatter().parse(s) if name}  # noqa: E731
    for key, entry in texts.TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert fields(entry["id"]) == fields(entry["en"]), key

