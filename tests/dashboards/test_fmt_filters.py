"""Number formatting, the date filter's bounds and the SQL parameter binding rule."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboards import fmt
from dashboards.data import bound_params
from dashboards.filters import Filters, date_bounds

D1, D2, D3 = dt.date(2017, 1, 1), dt.date(2017, 6, 1), dt.date(2017, 12, 31)


def test_toll_range_marks_open_upper_bounds() -> None:
    assert fmt.toll_range(1234, 5678, 0) == "1,234 – 5,678"
    assert fmt.toll_range(10, 10, 2) == "≥ 10"
    assert fmt.toll_range(7, 7, 0) == "7"


def test_reported_reads_at_least_for_lower_bounds() -> None:
    assert fmt.reported(14, None, True) == "≥ 14"
    assert fmt.reported(3, 3, True) == "3"
    assert fmt.reported(10, 15, True) == "10–15"
    assert fmt.reported(20, 99, False) == "about 20–99 (no exact number)"
    assert fmt.count(None) == "—" and fmt.count(12000) == "12,000"
    assert fmt.when(None) == "undated" and fmt.when(D2) == "2017-06-01"
    assert fmt.when(dt.datetime(2017, 6, 1, 9, 30)) == "2017-06-01 09:30"


def test_full_date_span_means_no_date_filter() -> None:
    assert date_bounds((D1, D3), D1, D3) == (None, None)
    assert date_bounds((D2, D3), D1, D3) == (D2, D3)
    assert date_bounds((D2,), D1, D3) == (D2, None)
    assert date_bounds((), D1, D3) == (None, None)


def test_filter_params_are_plain_lists_and_describe_reads_labels() -> None:
    f = Filters(outlets=("الجزيرة",), actors=("sohr",), outcomes=("killed",), quantified_only=True,
                labels={"sohr": "المرصد السوري"})
    p = f.params()
    assert p["outlets"] == ["الجزيرة"] and p["actors"] == ["sohr"] and p["governorates"] == []
    assert p["date_from"] is None and p["quantified_only"] is True
    assert f.describe() == ["outlet: الجزيرة", "actor: المرصد السوري", "outcome: killed", "quantified claims only"]
    assert Filters().describe() == []


def test_bound_params_passes_only_what_the_sql_uses() -> None:
    sql = "select * from claims_f($outlets, $date_from) where x = $dimension and y = $outlets"
    got = bound_params(sql, {"outlets": ["a"], "date_from": None, "dimension": "outlet", "actors": []})
    assert got == {"outlets": ["a"], "date_from": None, "dimension": "outlet"}
    with pytest.raises(KeyError, match="doc_id"):
        bound_params("select $doc_id", {})


def test_age_reads_in_the_largest_sensible_unit() -> None:
    assert fmt.age(dt.timedelta(seconds=30)) == "just now"
    assert fmt.age(dt.timedelta(minutes=5, seconds=59)) == "5 min ago"
    assert fmt.age(dt.timedelta(hours=3, minutes=12)) == "3.2 h ago"
    assert fmt.age(dt.timedelta(days=4, hours=1)) == "4 days ago"
