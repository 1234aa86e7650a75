"""Altair chart builders: pure functions from a query result to a chart.

Killed and injured keep the same colours everywhere, and every bar says in its tooltip
that it is a range of reported people, not a count of deaths.
"""

from __future__ import annotations

import altair as alt
import polars as pl

OUTCOME_DOMAIN = ["killed", "injured"]
OUTCOME_RANGE = ["#b03a2e", "#e08e0b"]
_OUTCOME_COLOR = alt.Color(
    "outcome:N",
    scale=alt.Scale(domain=OUTCOME_DOMAIN, range=OUTCOME_RANGE),
    # a legend on the right: with Streamlit's theme a top legend eats the plot's height
    legend=alt.Legend(title="outcome"),
)


def _height(n_categories: int, per_row: int = 24) -> int:
    """Chart height for ``n_categories`` bands, plus room for the title, legend and axis."""
    return max(140, min(per_row * n_categories + 110, 900))


def outcome_bars(frame: pl.DataFrame, title: str, *, top: int = 20) -> alt.Chart:
    """Horizontal bars of the lower-bound sum per category, killed and injured side by side.
    ``title`` names the category in the tooltip (the page prints it above the chart).

    ``frame`` has ``category, outcome, n_claims, low, high, n_unquantified`` (claims_by_dimension).
    Only the ``top`` categories by claims are kept so long tails stay readable.
    """
    ranked = (
        frame.group_by("category")
        .agg(pl.col("n_claims").sum().alias("total"))
        .sort(["total", "category"], descending=[True, False])
        .head(top)
    )
    shown = frame.join(ranked, on="category").with_columns(
        pl.format("{}–{}", pl.col("low"), pl.col("high")).alias("range")
    )
    order = ranked["category"].to_list()
    return (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("low:Q", title="people reported (lower bound) · العدد المبلغ عنه"),
            yOffset=alt.YOffset("outcome:N", sort=OUTCOME_DOMAIN),
            color=_OUTCOME_COLOR,
            tooltip=[
                alt.Tooltip("category:N", title=title),
                alt.Tooltip("outcome:N"),
                alt.Tooltip("range:N", title="reported range"),
                alt.Tooltip("n_claims:Q", title="claims"),
                alt.Tooltip("n_unquantified:Q", title="claims without a number"),
            ],
        )
        .properties(height=_height(len(order), per_row=34))
    )


def _dated_bars(frame: pl.DataFrame, date: str, date_title: str, y: str, y_title: str,
                tooltips: list[tuple[str, str]]) -> alt.Chart:
    """Killed and injured bars side by side per day (per month past four months) of ``date``;
    ``tooltips`` are (aggregate field, title) pairs after the date and the outcome."""
    span_days = (frame[date].max() - frame[date].min()).days if frame.height else 0
    unit = "yearmonth" if span_days > 120 else "yearmonthdate"
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}({date}):T", title=date_title),
            y=alt.Y(f"{y}:Q", title=y_title),
            color=_OUTCOME_COLOR,
            xOffset=alt.XOffset("outcome:N", sort=OUTCOME_DOMAIN),
            tooltip=[
                alt.Tooltip(f"{unit}({date}):T", title="date"),
                alt.Tooltip("outcome:N"),
                *(alt.Tooltip(f"{field}:Q", title=title) for field, title in tooltips),
            ],
        )
        .properties(height=260)
    )


def timeline(frame: pl.DataFrame) -> alt.Chart:
    """Lower-bound sums of event claims per publication date (``claims_over_time``)."""
    return _dated_bars(
        frame, "published_date", "published · تاريخ النشر", "sum(low)", "people reported (lower bound)",
        [("sum(low)", "lower bound"), ("sum(n_claims)", "claims")],
    )


def count_bars(frame: pl.DataFrame, category: str, value: str, title: str, *, top: int = 25) -> alt.Chart:
    """Plain horizontal bars of ``value`` per ``category`` (the ``top`` largest)."""
    shown = frame.sort([value, category], descending=[True, False]).head(top)
    return (
        alt.Chart(shown)
        .mark_bar(color="#4a6fa5")
        .encode(
            y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(f"{value}:Q", title=title),
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", title=title)],
        )
        .properties(height=_height(shown.height))
    )


def heatmap(frame: pl.DataFrame, x: str, y: str, value: str, title: str) -> alt.Chart:
    """Cells of ``value`` for each (``x``, ``y``) with the number written in the cell."""
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=200)),
        y=alt.Y(f"{y}:N", title=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(f"{value}:Q", scale=alt.Scale(scheme="orangered"), legend=alt.Legend(title=title)),
        tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:N"), alt.Tooltip(f"{value}:Q", title=title)],
    )
    labels = base.mark_text(fontSize=11).encode(text=alt.Text(f"{value}:Q"))
    n_rows = frame[y].n_unique() if frame.height else 1
    # taller rows than the bar charts: the slanted x labels take part of the height
    return (cells + labels).properties(height=_height(n_rows, per_row=40) + 60)


def incident_timeline(frame: pl.DataFrame) -> alt.Chart:
    """Best estimates per day the incidents began (``incidents_over_time``), killed and injured side by
    side; the tooltip gives the low–high range and the number of incidents."""
    return _dated_bars(
        # an Arabic title on the rotated y axis is cut and mis-shaped by the canvas renderer
        frame, "event_date", "incident date · تاريخ الحادثة", "sum(best)", "best estimate (people)",
        [("sum(best)", "best estimate"), ("sum(low)", "low"), ("sum(high)", "high"),
         ("sum(n_incidents)", "incidents")],
    )
