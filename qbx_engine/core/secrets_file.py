"""The trader's secrets file, ``.streamlit/secrets.toml``, read by the parts of the engine that need a table of it.

Streamlit reads the same file for the dashboard; the engine reads it itself so it
works without Streamlit (tests, benchmarks, a script). Secrets are never copied
into the data folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

SECRETS_FILE = Path(".streamlit") / "secrets.toml"


def secrets_table(name: str, path: Path | None = None) -> dict:
    """The ``[name]`` table of the secrets file ({} when the file or the table is absent).

    Raises ValueError naming the file when it is not valid TOML.
    """
    path = path or SECRETS_FILE
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path} is not valid TOML: {exc}") from None
    table = data.get(name)
    return table if isinstance(table, dict) else {}
