"""The corpus in the app: the document picker (部门、年度) of office mode, the current document named
on every page, and the 资料库 overview page. Only shown when the database holds several documents;
with one document the app is exactly as before."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.corpus.names import Doc
from assistant.corpus.store import all_rows, corpus_templates
from assistant.pipeline.execute import QueryRunner
from assistant.ui import state
from assistant.ui.modes import Mode
from assistant.ui.text import md


def active(bot: Any) -> bool:
    return getattr(bot, "router", None) is not None


def current(bot: Any) -> Doc:
    """The document of this session's conversation (picked, or named in the last question)."""
    return bot.router.current(state.conversation(bot.new_conversation))


def document_bot(bot: Any) -> Any:
    """The Assistant of the current document, for the pages that show one document (浏览, 核查)."""
    return bot.router.context(current(bot).doc_id) if active(bot) else bot


def _pick(bot: Any, doc: Doc) -> None:
    state.conversation(bot.new_conversation).doc_id = doc.doc_id


def picker(bot: Any, mode: Mode) -> None:
    """Office and training mode: choose the department, then the year, in the sidebar."""
    if not active(bot) or mode is Mode.KIOSK:
        return
    index, doc = bot.router.index, current(bot)
    departments = index.departments()
    with st.sidebar:
        st.markdown("**当前文件**")
        dept = st.selectbox("部门", departments, index=departments.index(doc.department),
                            key=f"corpus_dept_{doc.doc_id}")
        docs = index.of(dept)
        years = [d.year for d in docs]
        default = years.index(doc.year) if dept == doc.department else len(years) - 1
        year = st.selectbox("年度", years, index=default, key=f"corpus_year_{doc.doc_id}_{dept}")
        chosen = index.find(dept, int(year))
        if chosen is not None and chosen.doc_id != doc.doc_id:
            _pick(bot, chosen)
            st.rerun()


def banner_slot(bot: Any) -> Any:
    """A place above the page for the banner, filled once the page has run (and asked)."""
    return st.empty() if active(bot) else None


def banner(bot: Any, mode: Mode, slot: Any = None) -> None:
    """Every mode: which document the answers come from (naming another department switches it).
    Filled after the page ran, so it names the document of the question just asked."""
    if not active(bot):
        return
    doc = current(bot)
    (slot or st).caption(md(f"当前文件：{doc.label}（资料库共 {len(bot.router.index.docs)} 份文件；"
                            "在问题中写出部门或年度即可切换）"),
                         help=None if mode is Mode.KIOSK else doc.file_name)


def overview_rows(bot: Any) -> list[dict[str, Any]]:
    rows = all_rows(QueryRunner(bot.con, corpus_templates(), "", 0, {}), "corpus_overview")
    return sorted(rows, key=lambda r: (r["department"], r["year"], r["doc_id"]))


def overview_page(bot: Any) -> None:
    """资料库: every document with its department, year, tables and total; departments × years."""
    st.title("资料库", anchor=False)
    rows = overview_rows(bot)
    departments = sorted({r["department"] for r in rows})
    years = sorted({int(r["year"]) for r in rows})
    a, b, c = st.columns(3)
    a.metric("文件", len(rows))
    b.metric("部门", len(departments))
    c.metric("年度", f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0]) if years else "—")
    frame = pd.DataFrame([{
        "部门": r["department"], "年度": int(r["year"]), "文件": r["file_name"], "报表数": r["tables"],
        "收支总计": float(r["total"]) if r["total"] is not None else None,
        "单位": r["total_unit"] or r["unit"],
    } for r in rows])
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="",
                 column_config={"收支总计": st.column_config.NumberColumn(format="%.2f")})
    if rows:
        grid = frame.pivot_table(index="部门", columns="年度", values="文件", aggfunc="count", fill_value=0)
        st.markdown("**各部门各年度的文件数**")
        st.dataframe(grid, width="stretch")
    st.caption("在问答页的问题中写出部门（全称或简称）和年度，即从对应文件回答；"
               "例如“2025年比2024年基本支出多多少”“哪个部门机关运行经费最多”。")


def pages(bot: Any) -> list[Any]:
    """The overview page for st.navigation, when the database holds several documents."""
    if not active(bot):
        return []
    return [st.Page(lambda: overview_page(bot), title="资料库", icon=":material/library_books:",
                    url_path="corpus")]


SERIES_LABEL = "年度"  # the label column of a series across years (corpus/across.py)


def is_series(frame: pd.DataFrame) -> bool:
    return len(frame.columns) >= 2 and str(frame.columns[0]) == SERIES_LABEL


def series_chart(frame: pd.DataFrame, label_col: str, value_col: str) -> None:
    """A department's figure over its years: a line in year order, each point labelled."""
    data = frame[[label_col, value_col]].set_axis(["label", "value"], axis=1)
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=value_col),
        tooltip=[alt.Tooltip("label:N", title=label_col),
                 alt.Tooltip("value:Q", title=value_col, format=",.2f")],
    )
    chart = base.mark_line(point=True, color="#c0392b") + base.mark_text(dy=-10).encode(
        text=alt.Text("value:Q", format=",.2f"))
    st.altair_chart(chart, width="stretch")
