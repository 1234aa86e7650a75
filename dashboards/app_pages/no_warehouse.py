"""Shown instead of the dashboard when there is no warehouse to read yet."""

import streamlit as st

from dashboards import data

st.title("Rasd · رصد")
ready = data.readiness()
st.info("There is nothing to show yet: run `make run` first, then reload this page.", icon=":material/info:")
st.text(ready.reason.replace("`", ""))
st.caption(
    "The dashboard reads the warehouse named by RASD_WAREHOUSE (default data/warehouse.duckdb), "
    "and picks up a new one as soon as the pipeline publishes it."
)
