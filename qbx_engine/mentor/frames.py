"""The mentor's tables as DataFrames for the page (labels rendered in the trader's language)."""

from __future__ import annotations

import pandas as pd

from ..core.i18n import render


def by_decider(rows: list[dict], lang: str) -> pd.DataFrame:
    """Net result per bot / the trader's own trades / other EAs, for a bar chart."""
    return pd.DataFrame({"bot": [render(r["label"], lang) for r in rows], "pnl": [r["net"] for r in rows]},
                        columns=["bot", "pnl"])
