"""Rasd dashboard router: page setup, the sidebar's global filters, navigation. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboards/app.py` puts dashboards/ on sys.path, not the project root.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboards import data, filters  # noqa: E402

# No page icons: Streamlit turns a :material/...: page icon into a favicon fetched from a font
# CDN, and the dashboard must work with no internet access.
st.set_page_config(page_title="Rasd · رصد", layout="wide")

if data.readiness().ok:
    filters.sidebar(filters.load_options())
    pages = [
        st.Page("app_pages/overview.py", title="Overview · نظرة عامة", default=True),
        st.Page("app_pages/incidents.py", title="Incidents · الحوادث"),
        st.Page("app_pages/claims.py", title="Casualty claims · الحصائل"),
        st.Page("app_pages/actors.py", title="Actors · الفاعلون"),
        st.Page("app_pages/locations.py", title="Locations · الأماكن"),
        st.Page("app_pages/article.py", title="Article · المقال"),
        st.Page("app_pages/pipeline.py", title="Pipeline · خط المعالجة"),
        st.Page("app_pages/downloads.py", title="Downloads · تنزيل"),
        st.Page("app_pages/methodology.py", title="Methodology · المنهجية"),
    ]
else:
    pages = [st.Page("app_pages/no_warehouse.py", title="Rasd · رصد", default=True)]

st.navigation(pages).run()
