"""Downloads: the whole dataset (every canonical claim and mention, incidents where the warehouse
has them) as CSV and Parquet in one ZIP with its codebook, and each dataset on its own."""

import json

import streamlit as st

from dashboards import data, exports, filters, markup, tables

st.title("Downloads · تنزيل البيانات")
st.caption(
    "The whole dataset, whatever the sidebar says (each table page downloads its filtered rows). "
    "CSV files are UTF-8 with a byte order mark, so spreadsheets show the Arabic; Parquet keeps the types."
)

everything = filters.Filters().params()
columns = data.export_columns()
counts = data.scalar_row("export_counts")
cols = st.columns(len(columns))
for col, name in zip(cols, columns, strict=True):
    n_rows = counts[name] if name in counts else data.export(name).height
    col.metric(f"{name} · rows", f"{n_rows:,}")

st.download_button(
    "Everything (ZIP: CSV, Parquet, codebook.md, datapackage.json)",
    lambda: exports.bundle(data.export_frames(**everything)),
    file_name="rasd_export.zip",
    mime="application/zip",
    key="dl_bundle",
    icon=":material/folder_zip:",
    type="primary",
    on_click="ignore",
)
for name in columns:
    st.markdown(f"**{name}** — {markup.md_text(exports.DATASETS[name])}")
    tables.downloads(name, lambda n=name: data.export(n, **everything), key=f"dl_{name}")

st.subheader("Codebook · دليل الترميز")
st.download_button(
    "datapackage.json (Frictionless Table Schema)",
    lambda: json.dumps(exports.data_package(data.export_frames(**everything)), ensure_ascii=False, indent=2),
    file_name="datapackage.json",
    mime="application/json",
    key="dl_datapackage",
    on_click="ignore",
)
st.markdown(exports.codebook_markdown(columns, level=4))
