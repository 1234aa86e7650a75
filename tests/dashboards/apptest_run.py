"""Running the dashboard in Streamlit's AppTest, shared by the page tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"


def run_app(page: str | None = None, **query: str) -> AppTest:
    """The app run once on ``page`` (the router's default when None) with ``query`` as URL parameters;
    an exception on the page fails the test. ``RASD_WAREHOUSE`` names the warehouse."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
