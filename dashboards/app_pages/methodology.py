"""Methodology: what a claim, an incident, a cumulative toll, low / best / high and geo precision mean,
in English and Arabic side by side, and how accurately extraction was measured."""

import polars as pl
import streamlit as st

from dashboards import markup, methodology

st.title("Methodology · المنهجية")
st.caption(
    "How Rasd counts, in English and Arabic. Every figure on the dashboard can be traced to the sentences it "
    "came from on the Incidents, Casualty claims and Article pages."
)

for term in methodology.terms():
    st.subheader(f"{term.en} · {term.ar}", anchor=term.key)
    english, arabic = st.columns(2)
    english.html(f'<div lang="en" style="line-height:1.6;">{markup.escape_text(term.text_en)}</div>')
    arabic.html(markup.rtl_block(markup.escape_text(term.text_ar), size="1.05rem"))

st.subheader("How accurate extraction is · دقة الاستخراج", anchor="accuracy")
english, arabic = st.columns(2)
english.html(
    '<div lang="en" style="line-height:1.6;">'
    + markup.escape_text(
        "Measured against hand-annotated gold files: precision is the share of extracted items that are in "
        "the gold, recall the share of gold items found, F1 their harmonic mean; an attribute's accuracy is the "
        "share of matched claims where it is right. The gold files are those the rules were developed on, so "
        "expect lower figures on articles from other outlets."
    )
    + "</div>"
)
arabic.html(
    markup.rtl_block(
        markup.escape_text(
            "قيست مقابل ملفات مرجعية شُرحت يدوياً: الدقة نسبة العناصر المستخرجة الموجودة في المرجع، والاستدعاء "
            "نسبة عناصر المرجع التي عُثر عليها، وF1 متوسطهما التوافقي؛ ودقة كل صفة نسبة الادعاءات المطابقة التي "
            "جاءت فيها الصفة صحيحة. طُوّرت القواعد على هذه الملفات نفسها، فتوقّع أرقاماً أدنى على مقالات وسائل أخرى."
        ),
        size="1.05rem",
    )
)
figures = pl.DataFrame([vars(a) for a in methodology.accuracy()])
articles = dict(figures.select("corpus", "articles").unique(maintain_order=True).iter_rows())
# one row per measure, one column per corpus, so a measure reads across corpora; measures taken on the
# same corpora share a table (claims on each corpus, incidents on dev + dev2 together)
measured_on = figures.group_by("measure", maintain_order=True).agg(pl.col("corpus").alias("corpora"))
for corpora in measured_on["corpora"].unique(maintain_order=True).to_list():
    measures = measured_on.filter(pl.col("corpora") == corpora)["measure"].to_list()
    table = figures.filter(pl.col("measure").is_in(measures)).pivot(
        "corpus", index="measure", values="value", aggregate_function="first", maintain_order=True
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "measure": st.column_config.TextColumn("measure · المقياس", width="medium"),
            **{c: st.column_config.NumberColumn(f"{c} ({articles[c]:,} articles)", format="%.3f") for c in corpora},
        },
        key=f"methodology_accuracy_{'_'.join(corpora)}",
    )
st.caption("Figures from dashboards/assets/accuracy.csv. Measured with:")
for command in figures["command"].unique(maintain_order=True).to_list():
    st.code(command, language="bash")
