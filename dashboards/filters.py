"""The sidebar's global filters. They are drawn by the router on every run, so their
widget state survives page switches, and every query receives them as bound parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from dashboards import data, geo, markup

OUTCOME_LABELS = {"killed": "قتلى · killed", "injured": "جرحى · injured"}
_STATE_KEY = "rasd.filters"
_WIDGET_KEYS = ("f_outlets", "f_dates", "f_governorates", "f_actors", "f_claimants", "f_outcomes", "f_quantified")


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the data to; empty tuples and ``None`` mean "everything"."""

    outlets: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    governorates: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    quantified_only: bool = False
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def params(self) -> dict[str, Any]:
        """Named parameters for ``sql/dashboards`` queries (each query binds the ones it uses)."""
        return {
            "outlets": list(self.outlets),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "governorates": list(self.governorates),
            "actors": list(self.actors),
            "claimants": list(self.claimants),
            "outcomes": list(self.outcomes),
            "quantified_only": self.quantified_only,
        }

    def describe(self) -> list[str]:
        """Human-readable list of the filters in force, for a caption under each page title."""
        parts = []
        if self.outlets:
            parts.append("outlet: " + ", ".join(self.outlets))
        if self.date_from or self.date_to:
            parts.append(f"dates: {self.date_from or '…'} – {self.date_to or '…'}")
        if self.governorates:
            parts.append("governorate: " + ", ".join(self.governorates))
        if self.actors:
            parts.append("actor: " + ", ".join(self.labels.get(a, a) for a in self.actors))
        if self.claimants:
            parts.append("claimed by: " + ", ".join(self.labels.get(a, a) for a in self.claimants))
        if self.outcomes:
            parts.append("outcome: " + ", ".join(self.outcomes))
        if self.quantified_only:
            parts.append("quantified claims only")
        return parts


@dataclass(frozen=True)
class FilterOptions:
    """The values the sidebar offers, read from the warehouse."""

    outlets: list[str]
    governorates: list[str]
    actors: dict[str, str]  # actor_id -> display label
    claimants: dict[str, str]  # claimant actor_id -> display label
    first_date: dt.date | None
    last_date: dt.date | None


def load_options() -> FilterOptions:
    """Read the filter choices (cached with every other query on the warehouse version)."""
    found = data.queries("filter_actors", "filter_claimants", "filter_dates", "filter_outlets", "filter_governorates")
    actors = found["filter_actors"]
    claimants = found["filter_claimants"]
    dates = data.first_row(found["filter_dates"])
    return FilterOptions(
        outlets=found["filter_outlets"]["outlet"].to_list(),
        governorates=found["filter_governorates"]["governorate"].to_list(),
        actors=dict(zip(actors["actor_id"].to_list(), actors["label"].to_list(), strict=True)),
        claimants=dict(zip(claimants["claimant_id"].to_list(), claimants["label"].to_list(), strict=True)),
        first_date=dates.get("first_date"),
        last_date=dates.get("last_date"),
    )


def date_bounds(picked: Any, first: dt.date | None, last: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Turn the date widget's value into query bounds.

    The full span means "no date filter", so undated articles stay in; a half-picked
    range (the widget returns one date while the reader is choosing) filters from that day.
    """
    if not isinstance(picked, list | tuple) or not picked:
        return None, None
    lo = picked[0]
    hi = picked[1] if len(picked) > 1 else None
    if lo == first and hi == last:
        return None, None
    return lo, hi


def _reset() -> None:
    for key in _WIDGET_KEYS:
        st.session_state.pop(key, None)


def _pick_by_name(sb: Any, label: str, names: dict[str, str], *, key: str, placeholder: str) -> list[str]:
    """A multiselect over the ids of ``names`` that shows each id by its name (the id when unnamed)."""
    return sb.multiselect(label, list(names), format_func=lambda i: names.get(i, i), key=key, placeholder=placeholder)


def sidebar(options: FilterOptions) -> Filters:
    """Draw the filters in the sidebar and remember the result for the pages."""
    sb = st.sidebar
    sb.markdown("**Filters · التصفية**")
    outlets = sb.multiselect("Outlet · الوسيلة", options.outlets, key="f_outlets", placeholder="all outlets")
    if options.first_date and options.last_date:
        picked = sb.date_input(
            "Published · تاريخ النشر",
            value=(options.first_date, options.last_date),
            min_value=options.first_date,
            max_value=options.last_date,
            key="f_dates",
        )
        date_from, date_to = date_bounds(picked, options.first_date, options.last_date)
    else:
        sb.caption("No article carries a publication date, so there is no date filter.")
        date_from = date_to = None
    arabic = {g["name_en"]: g["name_ar"] for g in geo.governorate_labels()}
    governorates = sb.multiselect(
        "Governorate · المحافظة",
        options.governorates,
        format_func=lambda g: f"{g} · {arabic[g]}" if g in arabic else g,
        key="f_governorates",
        placeholder="all governorates",
    )
    actors = _pick_by_name(sb, "Actor · الفاعل", options.actors, key="f_actors", placeholder="all actors")
    claimants = _pick_by_name(
        sb, "Claimed by · المصدر", options.claimants, key="f_claimants", placeholder="all claimants"
    )
    outcomes = sb.multiselect(
        "Outcome · الحصيلة",
        list(OUTCOME_LABELS),
        format_func=OUTCOME_LABELS.get,
        key="f_outcomes",
        placeholder="killed and injured",
    )
    quantified = sb.checkbox("Quantified claims only · ادعاءات بأرقام فقط", key="f_quantified")
    sb.button("Reset filters", on_click=_reset, key="f_reset")
    sb.caption(
        "Outlet and dates apply to everything; governorate and actor narrow claims directly and "
        "mentions through their documents; claimant, outcome and 'quantified' apply to claims."
    )
    chosen = Filters(
        outlets=tuple(outlets),
        date_from=date_from,
        date_to=date_to,
        governorates=tuple(governorates),
        actors=tuple(actors),
        claimants=tuple(claimants),
        outcomes=tuple(outcomes),
        quantified_only=bool(quantified),
        labels={**options.claimants, **options.actors},
    )
    st.session_state[_STATE_KEY] = chosen
    return chosen


def current() -> Filters:
    """The filters the router drew on this run (no filter when a page is run on its own)."""
    found = st.session_state.get(_STATE_KEY)
    return found if isinstance(found, Filters) else Filters()


def caption(filters: Filters) -> None:
    """One line under a page title saying what the figures are narrowed to."""
    parts = filters.describe()
    shown = "; ".join(markup.md_text(p) for p in parts)
    st.caption(f"Filters: {shown}" if parts else "No filter: all canonical articles.")

