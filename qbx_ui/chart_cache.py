"""Charts built once per change of what they show, not on every rerun.

Building an Altair chart (its channels are validated against the Vega-Lite schema as they are made) and
turning it into a Vega-Lite spec cost about 100 ms for the bot page's candles, while its bars change once per
closed bar. :func:`show` keys the finished spec on a fingerprint of the chart's inputs, so a rerun with the
same bars, markers, language and zone sends the spec it already has. The conversion is the one
``st.altair_chart`` runs (its data as Arrow), so the browser receives the same element.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

KEPT = 64  # specs kept (a few pages' charts for a few bots); the least recently shown goes first
_SPECS: OrderedDict[tuple, dict] = OrderedDict()
_LOCK = threading.Lock()
built = 0  # charts built since the process started (what a test counts)


def show(name: str, build: Callable[..., Any], *args, **kwargs) -> None:
    """``st.altair_chart(build(*args, **kwargs), width="stretch")``, building only when the inputs changed."""
    global built
    key = (name, _fingerprint(args), _fingerprint(kwargs))
    with _LOCK:
        spec = _SPECS.get(key)
        if spec is not None:
            _SPECS.move_to_end(key)
    if spec is None:
        spec = _convert_altair_to_vega_lite_spec(build(*args, **kwargs))
        with _LOCK:
            built += 1
            _SPECS[key] = spec
            while len(_SPECS) > KEPT:
                _SPECS.popitem(last=False)
    st.vega_lite_chart(spec=copy.deepcopy(spec), width="stretch")  # Streamlit takes the datasets out of it


def _fingerprint(value) -> Any:
    """A hashable summary that changes whenever the value does (frames by their content's hash)."""
    if isinstance(value, pd.DataFrame):
        return ("frame", value.shape, tuple(map(str, value.columns)), tuple(map(str, value.dtypes)),
                int(pd.util.hash_pandas_object(value, index=True).sum()) if len(value) else 0)
    if isinstance(value, pd.Series):
        return ("series", len(value), str(value.dtype), str(value.name),
                int(pd.util.hash_pandas_object(value, index=True).sum()) if len(value) else 0)
    if isinstance(value, dict):
        return ("dict", tuple((str(k), _fingerprint(v)) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_fingerprint(item) for item in value))
    return (type(value).__name__, repr(value))
