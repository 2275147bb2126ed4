"""Every piece of text a trader can see, in Bahasa Indonesia and English: one table, kept in parts.

Each area keeps its texts in its own module; :data:`TEXTS` joins them and
refuses a key that two parts both define, so the table stays one table.
"""

from __future__ import annotations

from importlib import import_module

PARTS = ("core", "strategies", "backtest", "dashboard", "mentor", "history")


def _join(parts: tuple[str, ...]) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for part in parts:
        texts = import_module(f"{__name__}.{part}").TEXTS
        twice = sorted(set(table) & set(texts))
        if twice:
            raise ValueError(f"texts defined twice ({part}): {', '.join(twice)}")
        table.update(texts)
    return table


TEXTS = _join(PARTS)
