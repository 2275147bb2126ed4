"""Altair chart builders (no Streamlit here): the page decides where a chart goes.

Every chart is given already-windowed data (a few hundred rows at most),
because the browser receives every row.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..core.i18n import t

UP, DOWN, NEUTRAL = "#1f9d6b", "#d64545", "#5b5fc7"
MAX_CANDLES = 300


def candles(bars: pd.DataFrame, *, indicators: pd.DataFrame | None = None, overlays=(), oscillator=(),
            levels=(), markers: pd.DataFrame | None = None, lang: str = "id", tz: str = "UTC",
            height: int = 360) -> alt.TopLevelMixin:
    """Candlesticks with indicator lines, trade markers, and an oscillator panel below if any.

    The x axis is the sequence of bars (as on a trading platform), so a closed
    market (a weekend) leaves no empty stretch in the chart.
    """
    frame = bars.tail(MAX_CANDLES).reset_index(drop=True)
    labels = _bar_labels(frame["time"], tz)
    frame = frame.assign(bar=labels, direction=(frame["close"] >= frame["open"]).map({True: "up", False: "down"}))
    step = max(1, len(frame) // 8)
    x = alt.X("bar:O", sort=None, title=None,
              axis=alt.Axis(values=list(labels[::step]), labelAngle=0, labelOverlap=True))
    colour = alt.Color("direction:N", scale=alt.Scale(domain=["up", "down"], range=[UP, DOWN]), legend=None)
    tooltip = [alt.Tooltip("bar:O", title=t("chart.time", lang)), alt.Tooltip("open:Q", format=".6g"),
               alt.Tooltip("high:Q", format=".6g"), alt.Tooltip("low:Q", format=".6g"),
               alt.Tooltip("close:Q", format=".6g")]
    base = alt.Chart(frame).encode(x=x)
    price = alt.Y("low:Q", title=t("chart.price", lang), scale=alt.Scale(zero=False))
    layers = [base.mark_rule().encode(y=price, y2="high:Q", color=colour, tooltip=tooltip),
              base.mark_bar().encode(y="open:Q", y2="close:Q", color=colour, tooltip=tooltip)]
    if indicators is not None and overlays:
        lines = _long(frame, indicators.tail(MAX_CANDLES).reset_index(drop=True), overlays)
        if len(lines):
            layers.append(alt.Chart(lines).mark_line(strokeWidth=1.6).encode(
                x=x, y="value:Q",
                color=alt.Color("series:N", title=None, scale=alt.Scale(range=LINE_COLOURS),
                                legend=alt.Legend(orient="top")),
                tooltip=["series:N", alt.Tooltip("value:Q", format=".6g")]))
    placed = _place_markers(frame, markers)
    if len(placed):
        layers.append(alt.Chart(placed).mark_point(size=150, filled=True, opacity=0.95, stroke="#1d1b33",
                                                   strokeWidth=0.6).encode(
            x=x, y="price:Q",
            shape=alt.Shape("kind:N", title=None, scale=alt.Scale(domain=list(MARKERS), range=[
                m[0] for m in MARKERS.values()]), legend=alt.Legend(orient="top")),
            color=alt.Color("kind:N", title=None, legend=None, scale=alt.Scale(domain=list(MARKERS), range=[
                m[1] for m in MARKERS.values()])),
            tooltip=["bar:O", "kind:N", alt.Tooltip("price:Q", format=".6g"), "label:N"]))
    chart = alt.layer(*layers).resolve_scale(color="independent", shape="independent").properties(height=height)
    if indicators is not None and oscillator:
        osc = _long(frame, indicators.tail(MAX_CANDLES).reset_index(drop=True), oscillator)
        if len(osc):
            panel = [alt.Chart(osc).mark_line(strokeWidth=1.4).encode(
                x=x, y=alt.Y("value:Q", title=None),
                color=alt.Color("series:N", title=None, scale=alt.Scale(range=LINE_COLOURS),
                                legend=alt.Legend(orient="top")),
                tooltip=["series:N", alt.Tooltip("value:Q", format=".4g")])]
            for level in levels:
                panel.append(alt.Chart(pd.DataFrame({"level": [level]})).mark_rule(
                    strokeDash=[4, 4], color="#888").encode(y="level:Q"))
            chart = alt.vconcat(chart, alt.layer(*panel).properties(height=130)).resolve_scale(color="independent")
    return chart


LINE_COLOURS = ["#6d4fd8", "#f08c00", "#0b7285", "#c2255c"]
MARKERS = {"BUY": ("triangle-up", UP), "SELL": ("triangle-down", DOWN), "EXIT": ("diamond", "#868e96")}


def _bar_labels(times: pd.Series, tz: str) -> pd.Series:
    if len(times) < 2:
        return times.dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M")
    daily = (times.iloc[1] - times.iloc[0]) >= pd.Timedelta(days=1)
    return times.dt.tz_convert(tz).dt.strftime("%Y-%m-%d" if daily else "%m-%d %H:%M")


def _place_markers(frame: pd.DataFrame, markers: pd.DataFrame | None) -> pd.DataFrame:
    """Put each entry/exit on the bar during which it happened."""
    if markers is None or not len(markers) or not len(frame):
        return pd.DataFrame(columns=["bar", "price", "kind", "label"])
    starts = frame["time"].to_numpy()
    index = starts.searchsorted(markers["time"].to_numpy(), side="right") - 1
    inside = index >= 0
    placed = markers[inside].copy()
    placed["bar"] = frame["bar"].to_numpy()[index[inside]]
    # A reversal exits and enters on the same bar: draw exits first so the entry stays visible.
    return placed.assign(_order=(placed["kind"] != "EXIT")).sort_values("_order", kind="stable").drop(columns="_order")


def _long(frame: pd.DataFrame, indicators: pd.DataFrame, columns) -> pd.DataFrame:
    parts = []
    for column in columns:
        if column in indicators:
            parts.append(pd.DataFrame({"bar": frame["bar"], "value": indicators[column].to_numpy(),
                                       "series": column}))
    if not parts:
        return pd.DataFrame(columns=["bar", "value", "series"])
    return pd.concat(parts, ignore_index=True).dropna()


def equity_curve(points: pd.DataFrame, lang: str = "id", height: int = 240) -> alt.Chart:
    """``points``: columns time, equity."""
    return alt.Chart(points).mark_area(line={"color": NEUTRAL}, color=alt.Gradient(
        gradient="linear", stops=[alt.GradientStop(color="#5b5fc733", offset=0),
                                  alt.GradientStop(color="#5b5fc7aa", offset=1)], x1=1, x2=1, y1=1, y2=0)).encode(
        x=alt.X("time:T", title=None),
        y=alt.Y("equity:Q", title=t("chart.equity", lang), scale=alt.Scale(zero=False), stack=None,
                axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("time:T", format="%Y-%m-%d %H:%M"), alt.Tooltip("equity:Q", format=",.2f")],
    ).properties(height=height)


def cumulative_pnl(trades: pd.DataFrame, lang: str = "id", height: int = 220) -> alt.Chart:
    """``trades``: columns time, pnl (cumulative), bot."""
    return alt.Chart(trades).mark_line(point=True, interpolate="step-after", color=NEUTRAL).encode(
        x=alt.X("time:T", title=None), y=alt.Y("pnl:Q", title=t("chart.pnl", lang)),
        tooltip=[alt.Tooltip("time:T", format="%H:%M"), alt.Tooltip("pnl:Q", format="+,.2f"), "bot:N"],
    ).properties(height=height)


def bars_by(frame: pd.DataFrame, category: str, value: str, title: str, height: int = 220) -> alt.Chart:
    """Signed bars (green above zero, red below) of ``value`` per ``category``."""
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{category}:N", title=None, sort="-y"), y=alt.Y(f"{value}:Q", title=title),
        color=alt.condition(alt.datum[value] >= 0, alt.value(UP), alt.value(DOWN)),
        tooltip=[f"{category}:N", alt.Tooltip(f"{value}:Q", format="+,.2f")],
    ).properties(height=height)


def equity_lines(points: pd.DataFrame, lang: str = "id", height: int = 260) -> alt.Chart:
    """Several equity curves on one chart; ``points``: columns time, equity, run (the legend)."""
    return alt.Chart(points).mark_line(strokeWidth=1.6, interpolate="step-after").encode(
        x=alt.X("time:T", title=None),
        y=alt.Y("equity:Q", title=t("chart.equity", lang), scale=alt.Scale(zero=False), axis=alt.Axis(format=",.0f")),
        color=alt.Color("run:N", title=None, scale=alt.Scale(range=[NEUTRAL, "#f08c00", "#0b7285", "#c2255c"]),
                        legend=alt.Legend(orient="top")),
        tooltip=["run:N", alt.Tooltip("time:T", format="%Y-%m-%d %H:%M"), alt.Tooltip("equity:Q", format=",.2f")],
    ).properties(height=height)


def heatmap(cells: pd.DataFrame, x: str, y: str, x_title: str, y_title: str, value_title: str,
            height: int = 320) -> alt.LayerChart | alt.FacetChart:
    """The metric over two parameters, so a plateau (good) or a lone spike (luck) shows at a glance.

    ``cells``: columns x, y, value (NaN where a combination was refused or traded too little), best (bool).
    """
    base = alt.Chart(cells).encode(
        x=alt.X("x:O", title=x_title, sort=None), y=alt.Y("y:O", title=y_title, sort="descending"))
    squares = base.mark_rect().encode(
        color=alt.Color("value:Q", title=value_title, scale=alt.Scale(scheme="redyellowgreen", domainMid=0)),
        tooltip=[alt.Tooltip("x:O", title=x_title), alt.Tooltip("y:O", title=y_title),
                 alt.Tooltip("value:Q", title=value_title, format=",.2f")])
    best = base.transform_filter(alt.datum.best).mark_point(shape="diamond", size=140, filled=True, color="#1d1b33")
    return alt.layer(squares, best).properties(height=height)


def account_curve(points: pd.DataFrame, marks: pd.DataFrame, lang: str = "id",
                  height: int = 240) -> alt.VConcatChart:
    """The account's equity above its drawdown, with a rule where the emergency brake went on (red) or off.

    ``points``: columns time, equity, drawdown; ``marks``: columns time, what, on."""
    x = alt.X("time:T", title=None)
    equity = alt.Chart(points).mark_line(color=NEUTRAL, strokeWidth=1.6).encode(
        x=x, y=alt.Y("equity:Q", title=t("chart.equity", lang), scale=alt.Scale(zero=False),
                     axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("time:T", format="%Y-%m-%d %H:%M"), alt.Tooltip("equity:Q", format=",.2f")])
    drawdown = alt.Chart(points).mark_area(color=DOWN, opacity=0.45, interpolate="step-after").encode(
        x=x, y=alt.Y("drawdown:Q", title=t("chart.drawdown", lang), axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("time:T", format="%Y-%m-%d %H:%M"), alt.Tooltip("drawdown:Q", format=",.2f")])
    top, bottom = equity, drawdown
    if len(marks):
        rules = alt.Chart(marks).mark_rule(strokeWidth=2, strokeDash=[4, 3]).encode(
            x="time:T", color=alt.condition(alt.datum.on, alt.value(DOWN), alt.value(UP)),
            tooltip=["what:N", alt.Tooltip("time:T", format="%Y-%m-%d %H:%M")])
        top, bottom = alt.layer(equity, rules), alt.layer(drawdown, rules)
    return alt.vconcat(top.properties(height=height), bottom.properties(height=height // 2)).resolve_scale(
        x="shared")
