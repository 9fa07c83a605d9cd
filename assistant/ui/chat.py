"""One exchange in the chat: the question, then the answer laid out as the package returned it —
figure, text, citation chips, 「查看原文」, table + chart + CSV, clarify buttons, follow-ups, 👍/👎.

Nothing here computes a figure or writes SQL; user/document text is escaped (`text.md`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.models import Answer, Citation, TableData
from assistant.ui import feedback, state
from assistant.ui.modes import Mode
from assistant.ui.text import chips, figure, mask_cell, md, plain

CONTEXT_LINES = 2  # lines of context around a cited line in 「查看原文」


@dataclass(frozen=True)
class View:
    """What the layout needs besides the answer itself."""

    mode: Mode
    source_lines: Callable[[int, int], list[tuple[int, str]]]
    feedback_path: Path
    trace_renderer: Callable[[Answer], None] | None = None

    @property
    def kiosk(self) -> bool:
        return self.mode is Mode.KIOSK


def render_exchange(index: int, ex: state.Exchange, view: View, *, last: bool) -> None:
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(md(ex.question, mask=view.kiosk))
    with st.chat_message("assistant", avatar=":material/account_balance:"):
        render_answer(index, ex, view, last=last)


def render_answer(index: int, ex: state.Exchange, view: View, *, last: bool) -> None:
    answer = ex.answer
    if answer.status == "answered" and answer.values and answer.table is None:
        _figures(answer, view)
    st.markdown(md(answer.text, mask=view.kiosk))
    if answer.citations:
        lines = [f":material/description: {md(c, mask=view.kiosk)}" for c in chips(answer.citations)]
        st.caption("  \n".join(lines))
    if answer.table is not None and answer.table.rows:
        _table(index, answer.table, view)
    if answer.citations:
        _source(answer, view)
    if answer.status == "clarify" and answer.candidates:
        _candidates(index, answer, view)
    if view.trace_renderer is not None:
        view.trace_renderer(answer)
    if last and answer.suggestions and answer.status != "clarify":
        _suggestions(index, answer, view)
    _feedback(index, ex, view)


def _figures(answer: Answer, view: View) -> None:
    values = answer.values[:4]
    for start in range(0, len(values), 2):
        row = values[start:start + 2]
        cols = st.columns(2) if len(values) > 1 else [st.container()]
        for col, value in zip(cols, row, strict=False):
            col.metric(md(value.label, mask=view.kiosk) or "结果", plain(figure(value)), border=True)


def _windows(citations: list[Citation]) -> list[tuple[int, int, list[Citation]]]:
    """Cited lines with a few lines of context; overlapping windows merged into one block."""
    blocks: list[tuple[int, int, list[Citation]]] = []
    for c in sorted(citations, key=lambda c: c.line):
        lo, hi = max(1, c.line - CONTEXT_LINES), c.line + CONTEXT_LINES
        if blocks and lo <= blocks[-1][1] + 1:
            first, last, cited = blocks[-1]
            blocks[-1] = (first, max(last, hi), [*cited, c])
        else:
            blocks.append((lo, hi, [c]))
    return blocks


def _source(answer: Answer, view: View) -> None:
    with st.expander("查看原文", icon=":material/menu_book:"):
        for lo, hi, cited in _windows(answer.citations[:12]):
            marks = {c.line for c in cited}
            lines = view.source_lines(lo, hi)
            st.caption("  \n".join(md(c, mask=view.kiosk) for c in chips(cited)))
            width = len(str(hi))
            body = "\n".join(
                f"{'▶' if no in marks else ' '} {no:>{width}} │ {plain(text, mask=view.kiosk)}"
                for no, text in lines
            )
            st.code(body or "（原文行不可用）", language=None, wrap_lines=True)


def _frame(table: TableData, *, mask: bool) -> pd.DataFrame:
    columns = [str(c) for c in table.columns]
    rows = [[mask_cell(v, mask=mask) for v in row] for row in table.rows]
    return pd.DataFrame(rows, columns=columns)


def _numeric_column(frame: pd.DataFrame) -> str | None:
    for name in frame.columns[1:]:
        if pd.api.types.is_numeric_dtype(frame[name]):
            return name
    return None


_MONEY_WORDS = ("万元", "元", "金额", "预算", "支出", "收入", "合计", "拨款", "amount")


def money_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Money columns shown as the document prints them (7,965.69); other numbers as they are."""
    return {
        name: st.column_config.NumberColumn(format="accounting")
        for name in frame.columns
        if pd.api.types.is_float_dtype(frame[name]) and any(w in str(name) for w in _MONEY_WORDS)
    }


CHART_MAX_ROWS = 30  # longer lists are charted in part (the table below has every row)


def _chart(frame: pd.DataFrame, label_col: str, value_col: str) -> None:
    # Plain field names: Vega-Lite would read "." or ":" in a column heading as syntax.
    data = frame[[label_col, value_col]].head(CHART_MAX_ROWS).set_axis(["label", "value"], axis=1)
    chart = (
        alt.Chart(data)
        .mark_bar(color="#c0392b")
        .encode(
            x=alt.X("value:Q", title=value_col),
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=280, labelOverlap=False)),
            tooltip=[
                alt.Tooltip("label:N", title=label_col),
                alt.Tooltip("value:Q", title=value_col, format=",.2f"),
            ],
        )
        .properties(height=40 + 30 * len(data))
    )
    st.altair_chart(chart, width="stretch")
    if len(frame) > CHART_MAX_ROWS:
        st.caption(f"图中显示前 {CHART_MAX_ROWS} 项，完整内容见下表。")


def _table(index: int, table: TableData, view: View) -> None:
    frame = _frame(table, mask=view.kiosk)
    value_col = _numeric_column(frame) if table.chart else None
    if value_col is not None:
        from assistant.ui.corpus_page import is_series, series_chart  # corpus hook: years as a line

        (series_chart if is_series(frame) else _chart)(frame, str(frame.columns[0]), value_col)
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="", column_config=money_columns(frame))
    if view.mode is not Mode.KIOSK:
        st.download_button(
            "下载 CSV",
            frame.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"answer-{index + 1}.csv",
            mime="text/csv",
            key=f"csv_{index}",
            icon=":material/download:",
        )


def _candidates(index: int, answer: Answer, view: View) -> None:
    st.caption("请选择您要问的是哪一项：")
    for n, cand in enumerate(answer.candidates):
        st.button(
            md(cand.label, mask=view.kiosk),
            key=f"cand_{index}_{n}",
            on_click=state.queue,
            args=(cand.question,),
            width="stretch",
        )


def _suggestions(index: int, answer: Answer, view: View) -> None:
    st.caption("您还可以问：")
    count = min(3, len(answer.suggestions))
    cols = [st.container() for _ in range(count)] if view.kiosk else st.columns(count)
    for n, (col, text) in enumerate(zip(cols, answer.suggestions[:3], strict=False)):
        col.button(md(text, mask=view.kiosk), key=f"sugg_{index}_{n}", on_click=state.queue, args=(text,),
                   width="stretch", wrap=True)


def _feedback(index: int, ex: state.Exchange, view: View) -> None:
    key = f"fb_{index}"

    def _save() -> None:
        rating = st.session_state.get(key)
        if rating is None:
            return
        feedback.record(
            view.feedback_path,
            rating=int(rating),
            question=ex.question,
            answer=ex.answer,
            mode=view.mode.value,
            kiosk=view.kiosk,
        )
        st.toast("感谢您的反馈！", icon=":material/thumb_up:")

    st.feedback("thumbs", key=key, on_change=_save)
