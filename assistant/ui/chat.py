"""One exchange in the chat: the question, then the answer laid out as the package returned it —
headline cards, text, citation chips, chart + table + CSV, 「查看原文」, 查询语句, clarify buttons,
follow-ups, 👍/👎.

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

from assistant import fmt
from assistant.models import Answer, Citation
from assistant.ui import feedback, state
from assistant.ui.export import cell_text, csv_bytes, file_name, is_money_column
from assistant.ui.figures import Layout, layout
from assistant.ui.modes import Mode
from assistant.ui.text import chips, figure, md, plain, source_text
from assistant.ui.trace import pretty_sql

CONTEXT_LINES = 2  # lines of context around a cited line in 「查看原文」
CHART_MAX_ROWS = 30  # longer lists are charted in part (the table below has every row)


@dataclass(frozen=True)
class View:
    """What the layout needs besides the answer itself."""

    mode: Mode
    source_lines: Callable[[int, int], list[tuple[int, str]]]
    feedback_path: Path
    trace_renderer: Callable[[Answer], None] | None = None
    header_lines: Callable[[str, int], list[tuple[int, str]]] | None = None
    browse_page: Any = None  # the 浏览原表 st.Page, for a link to the cited row

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
    lay = layout(answer)
    if lay.cards:
        _cards(lay, view)
    _text(fmt.money_in_text(answer.text), lay, view)
    if answer.citations:
        lines = [f":material/description: {md(c, mask=view.kiosk)}" for c in chips(answer.citations)]
        st.caption("  \n".join(lines))
    if lay.has_table:
        _table(index, ex.question, lay, view)
    if answer.citations:
        _source(answer, view)
        _browse_link(index, answer.citations, view)
    if answer.sql and view.mode is Mode.OFFICE:
        with st.expander("查询语句", icon=":material/database:"):
            for sql in answer.sql:
                st.code(pretty_sql(sql), language="sql")
    if answer.status == "clarify" and answer.candidates:
        _candidates(index, answer, view)
    if view.trace_renderer is not None:
        view.trace_renderer(answer)
    if last and answer.status != "clarify":
        # the follow-ups checked to answer (suggestions.follow_ups) when the page computed them
        offered = ex.offered if ex.offered is not None else answer.suggestions
        if offered:
            _suggestions(index, offered, view)
    _feedback(index, ex, view)


LIST_LINES = 4  # an answer text with more lines than this, beside its table, is folded


def _text(text: str, lay: Layout, view: View) -> None:
    """The answer's words; a long itemised text is folded when the table shows the same items."""
    head, _, rest = text.partition("\n")
    if lay.has_table and lay.value_col and rest.count("\n") >= LIST_LINES:
        st.markdown(md(head, mask=view.kiosk))
        with st.expander("逐项文字说明", icon=":material/notes:"):
            st.markdown(md(rest, mask=view.kiosk))
    else:
        st.markdown(md(text, mask=view.kiosk))


def static_table(frame: pd.DataFrame, rows: list[list[Any]]) -> None:
    """A table that takes the page's type size (st.table; cells escaped: it reads Markdown),
    figure columns right-aligned."""
    figures = [str(c) for c in right_aligned(frame, rows)]
    shown = frame.fillna("").map(md)
    styler = shown.style.set_properties(subset=figures, **{"text-align": "right"}) if figures else shown
    st.table(styler, border="horizontal")


def _cards(lay: Layout, view: View) -> None:
    cols = st.columns(len(lay.cards)) if len(lay.cards) > 1 else [st.container()]
    for col, value in zip(cols, lay.cards, strict=False):
        label = md(fmt.display_label(value.label), mask=view.kiosk) or "结果"
        col.metric(label, plain(figure(value)), border=True)


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


def code_lines(lines: list[tuple[int, str]], marks: set[int], *, mask: bool = False) -> str:
    """Source lines numbered, the cited ones marked ▶, the document's markup shown as text;
    a jump in the numbering is shown as a … line."""
    width = len(str(lines[-1][0])) if lines else 1
    out: list[str] = []
    for i, (no, text) in enumerate(lines):
        if i and no > lines[i - 1][0] + 1:
            out.append(f"  {'…':>{width}} │")
        out.append(f"{'▶' if no in marks else ' '} {no:>{width}} │ {plain(source_text(text), mask=mask)}")
    return "\n".join(out)


def _source(answer: Answer, view: View) -> None:
    with st.expander("查看原文", icon=":material/menu_book:"):
        for lo, hi, cited in _windows(answer.citations[:12]):
            lines = view.source_lines(lo, hi)
            header = view.header_lines(cited[0].table, lo) if view.header_lines else []
            # the table's column headings first, so that the cited row's figures can be read
            lines = [*[h for h in header if h[0] < lo], *lines]
            st.caption("  \n".join(md(c, mask=view.kiosk) for c in chips(cited)))
            body = code_lines(lines, {c.line for c in cited}, mask=view.kiosk)
            st.code(body or "（原文行不可用）", language=None, wrap_lines=True)


def _browse_link(index: int, citations: list[Citation], view: View) -> None:
    """From an answer to its row in 浏览原表 (tables only; not in kiosk mode)."""
    if view.kiosk or view.browse_page is None:
        return
    cite = next((c for c in citations if c.table.startswith("预算")), None)
    if cite is None:
        return
    st.page_link(view.browse_page, label=f"在浏览原表中查看 {cite.table} 第{cite.line}行",
                 icon=":material/table_view:",
                 query_params={"mode": view.mode.value, "table": cite.table, "line": str(cite.line)})


def display_frame(columns: list[str], rows: list[list[Any]], *, mask: bool) -> pd.DataFrame:
    """Cells as the document prints them (7,965.69) — the same text as the card and the CSV."""
    money = [is_money_column(c) for c in columns]
    out = []
    for row in rows:
        cells = []
        for v, m in zip(row, money, strict=False):
            if isinstance(v, int | float) and not isinstance(v, bool):
                cells.append(cell_text(v, money=m))
            else:
                cells.append(plain(v, mask=mask) if isinstance(v, str) else v)
        out.append(cells)
    return pd.DataFrame(out, columns=columns)


def right_aligned(frame: pd.DataFrame, rows: list[list[Any]]) -> dict[str, Any]:
    """Figure columns right-aligned (they are text so that they print exactly as the document)."""
    config: dict[str, Any] = {}
    for i, name in enumerate(frame.columns):
        cells = [r[i] for r in rows if i < len(r) and r[i] is not None]
        if cells and all(isinstance(v, int | float) and not isinstance(v, bool) for v in cells):
            config[str(name)] = st.column_config.TextColumn(alignment="right")
    return config


def _chart(lay: Layout, view: View) -> None:
    col = lay.columns.index(lay.value_col)
    data = pd.DataFrame(
        [[str(r[0]), float(r[col]), cell_text(r[col], money=is_money_column(lay.value_col))]
         for r in lay.rows[:CHART_MAX_ROWS]],
        columns=["label", "value", "shown"],
    )
    size = 18 if view.kiosk else 12
    tooltip = [alt.Tooltip("label:N", title=lay.label_col), alt.Tooltip("shown:N", title=lay.value_col)]
    base = alt.Chart(data)
    if lay.line:
        chart = base.mark_line(point=True, color="#b8322a").encode(
            x=alt.X("label:N", sort=None, title=lay.label_col), y=alt.Y("value:Q", title=lay.value_col),
            tooltip=tooltip,
        ).properties(height=300)
    else:
        chart = base.mark_bar(color="#b8322a").encode(
            x=alt.X("value:Q", title=lay.value_col, axis=alt.Axis(format=",.2f")),
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            tooltip=tooltip,
        ).properties(height=40 + (40 if view.kiosk else 30) * len(data))
    chart = chart.configure_axis(labelFontSize=size, titleFontSize=size)
    st.altair_chart(chart, width="stretch")
    if len(lay.rows) > CHART_MAX_ROWS:
        st.caption(f"图中显示前 {CHART_MAX_ROWS} 项，完整内容见下表。")


def _table(index: int, question: str, lay: Layout, view: View) -> None:
    if lay.value_col:
        _chart(lay, view)
    rows = [*lay.rows, lay.total] if lay.total else lay.rows
    frame = display_frame(lay.columns, rows, mask=view.kiosk)
    if view.kiosk:  # large type for the public (a data grid draws its own); sources are in the chips
        keep = [i for i, c in enumerate(lay.columns) if c != "出处"]
        static_table(frame.iloc[:, keep], [[r[i] for i in keep if i < len(r)] for r in rows])
    else:
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="",
                     column_config=right_aligned(frame, rows))
    if view.mode is not Mode.KIOSK:
        st.download_button(
            "下载 CSV",
            csv_bytes(lay.columns, rows),
            file_name=file_name("预算问答", question),
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


def _suggestions(index: int, offered: list[str], view: View) -> None:
    st.caption("您还可以问：")
    count = min(3, len(offered))
    cols = [st.container() for _ in range(count)] if view.kiosk else st.columns(count)
    for n, (col, text) in enumerate(zip(cols, offered[:3], strict=False)):
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
