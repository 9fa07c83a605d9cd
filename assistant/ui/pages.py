"""The pages: 问答 (chat), 浏览 (extracted tables), 数据核查 (audit), and the footer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from assistant import fmt
from assistant.settings import Settings
from assistant.ui import state, suggestions
from assistant.ui.chat import View, code_lines, display_frame, render_exchange, right_aligned, static_table
from assistant.ui.data import PageData
from assistant.ui.modes import Mode, kiosk_exit
from assistant.ui.text import md, source_text
from assistant.ui.trace import render_trace

EMPTY_INPUT = "请输入一个关于本部门预算的问题，例如：“今年总预算多少？”"


@dataclass(frozen=True)
class Context:
    bot: Any  # assistant.service.Assistant
    data: PageData
    settings: Settings
    mode: Mode
    pages: dict[str, Any] = field(default_factory=dict)  # url path -> st.Page, for links

    def view(self) -> View:
        return View(
            mode=self.mode,
            source_lines=self.data.source_lines,
            feedback_path=self.settings.feedback_path,
            trace_renderer=render_trace if self.mode is Mode.TRAINING else None,
            header_lines=self.data.header_lines,
            browse_page=self.pages.get("browse"),
        )

    def welcome_groups(self) -> suggestions.Groups:
        path = self.settings.knowledge_dir / "suggestions.toml"
        groups = suggestions.fill(suggestions.load(path), self.data.welcome_names())
        if self.mode is Mode.KIOSK:  # the public sees the questions meant for the public only
            public = suggestions.kiosk_audiences(path)
            groups = [g for g in groups if g[0] in public] or groups
        return groups


def _welcome(ctx: Context) -> None:
    doc = ctx.data.document()
    st.markdown(
        f"您好！我可以回答关于 **{md(doc['department'])} {doc['year'] or ''} 年部门预算** 的问题，"
        "每个数字都附有原文出处。请在下方输入问题，或点选示例："
    )
    groups = ctx.welcome_groups()
    if not groups:
        return
    cols = st.columns(len(groups))
    for g, (col, (audience, questions)) in enumerate(zip(cols, groups, strict=False)):
        with col:
            if len(groups) > 1:
                st.markdown(f"**{md(audience)}**")
            for n, question in enumerate(questions):
                st.button(md(question), key=f"welcome_{g}_{n}", on_click=state.queue, args=(question,),
                          width="stretch", wrap=True)


def _ask(ctx: Context, question: str) -> None:
    state.touch()
    if not question.strip():
        st.info(EMPTY_INPUT, icon=":material/chat:")
        return
    limit = ctx.settings.max_question_chars
    if len(question) > limit:
        st.warning(f"您输入了 {len(question)} 个字，超过了 {limit} 字的上限，请精简后再问。",
                   icon=":material/warning:")
        return
    conv = state.conversation(ctx.bot.new_conversation)
    with st.spinner("正在查询预算文件…"):
        answer = ctx.bot.ask(question, conv)
        extra = [q for _, qs in ctx.welcome_groups() for q in qs]
        offered = suggestions.follow_ups(ctx.bot, conv, question, answer, extra)
    state.history().append(state.Exchange(question=question, answer=answer, offered=offered))


def chat_page(ctx: Context) -> None:
    kiosk = ctx.mode is Mode.KIOSK
    if kiosk:
        if state.idle_expired(ctx.settings.kiosk_idle_seconds):
            state.reset()
        state.kiosk_idle_watch(ctx.settings.kiosk_idle_seconds)
    head, button = st.columns([3, 1], vertical_alignment="center")
    head.title("预算问答" if not kiosk else "预算公开自助查询", anchor=False)
    limit = ctx.settings.max_question_chars
    # the input takes more than the limit so that an over-long question is answered with its
    # length (_ask) instead of being cut off silently
    prompt = st.chat_input(f"请输入关于本部门预算的问题（{limit} 字以内）…", max_chars=limit * 5)
    question = prompt if prompt is not None else state.take_pending()
    if question is not None:
        _ask(ctx, question)
    exchanges = state.history()
    if kiosk or exchanges:
        button.button("重新开始", icon=":material/refresh:", on_click=state.reset, key="restart",
                      width="stretch")
    if not exchanges:
        _welcome(ctx)
    view = ctx.view()
    for i, ex in enumerate(exchanges):
        render_exchange(i, ex, view, last=i == len(exchanges) - 1)
    if kiosk:
        kiosk_exit()
    footer(ctx)


LONG_TEXT = 24  # a section with longer text cells is shown as a wrapping table, not a grid


def _focus() -> tuple[str | None, int | None]:
    """?table=预算11表&line=389 from an answer's link: the table to open and the row to mark."""
    table = st.query_params.get("table")
    try:
        line = int(st.query_params.get("line", ""))
    except ValueError:
        line = None
    return table, line


def _section(frame: pd.DataFrame, focus: int | None) -> None:
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    shown = display_frame([str(c) for c in frame.columns], rows, mask=False)
    for col in shown.columns:
        if shown[col].dtype == object:
            shown[col] = shown[col].map(lambda v: source_text(v) if isinstance(v, str) else v)
    long_text = any(isinstance(v, str) and len(v) > LONG_TEXT for row in rows for v in row)
    marked = "行号" in shown.columns and focus is not None and (shown["行号"] == str(focus)).any()
    if long_text:
        # every word of long cells readable (a grid cuts them); cells escaped: st.table reads Markdown
        if marked:
            shown.insert(0, "", ["▶" if str(n) == str(focus) else "" for n in shown["行号"]])
            rows = [["", *r] for r in rows]
        static_table(shown, rows)
        return
    config = right_aligned(shown, rows)
    if marked:
        def _mark(r: pd.Series) -> list[str]:
            return ["background-color: #fbe3de" if str(r["行号"]) == str(focus) else "" for _ in r]

        styled = shown.style.apply(_mark, axis=1)
        st.dataframe(styled, hide_index=True, width="stretch", placeholder="", column_config=config)
    else:
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="", column_config=config)


def browse_page(ctx: Context) -> None:
    st.set_page_config(layout="wide")
    st.title("浏览原表", anchor=False)
    st.caption("文件第二部分的每一张报表，按提取后的行列展示，并附原文。")
    tables = ctx.data.tables()
    if not tables:
        st.info("数据库中没有提取到表格。")
        footer(ctx)
        return
    projects = ctx.data.form_names()
    labels = {
        t["table_id"]: " · ".join(x for x in (t["table_id"], t["title"], projects.get(t["table_id"])) if x)
        for t in tables
    }
    wanted, focus = _focus()
    if wanted in labels and st.session_state.get("browse_focus") != (wanted, focus):
        st.session_state["browse_table"] = wanted  # opened from an answer's link
        st.session_state["browse_focus"] = (wanted, focus)
    choice = st.selectbox("选择表格", list(labels), format_func=lambda t: labels[t], key="browse_table")
    if choice != wanted:
        focus = None
    table = ctx.data.browse(choice)
    if table.note:
        st.caption(md(table.note))
    if focus is not None:
        st.info(f"已标出答案引用的第{focus}行。", icon=":material/my_location:")
    if not table.present:
        st.info("文件目录列出了此表，但正文中没有公开这张表。")
    elif not table.sections:
        st.info("本表在文件中没有数据行（空表，或见其下各张分表）。")
    for section in table.sections:
        if section.caption:
            st.subheader(md(section.caption), anchor=False)
        _section(section.frame, focus)
    if table.line_start and table.line_end:
        marks = {focus} if focus is not None else set()
        with st.expander(f"原文（第{table.line_start}–{table.line_end}行）", icon=":material/menu_book:",
                         expanded=focus is not None):
            st.code(code_lines(ctx.data.source_lines(table.line_start, table.line_end), marks),
                    language=None, wrap_lines=True)
    footer(ctx)


_STATUS = {"fail": "不一致", "warn": "提示", "pass": "通过"}
# Chinese names of the audit's check ids (assistant/audit); an unknown id is shown as it is.
CHECK_NAMES = {
    "parent_sum": "上下级科目合计", "basic_split": "基本支出拆分", "total_split": "合计拆分",
    "row_total": "行合计", "cross_total": "跨表总数", "project_sum": "项目合计",
    "procurement_sum": "采购合计",
    "unit_price": "数量×单价", "detail_sum": "明细合计", "perf_sum": "绩效表合计", "perf_balance": "收支平衡",
    "form_vs_table": "申报表与报表", "form_funding": "申报表资金来源", "form_year": "申报表年度",
    "narrative_vs_table": "正文与报表", "name_mismatch": "名称一致", "code_mismatch": "编码一致",
    "yoy": "增减变动",
}
_STATUS_ICON = {"fail": ":red[:material/cancel:]", "warn": ":orange[:material/warning:]",
                "pass": ":green[:material/check_circle:]"}


def _side(f: dict[str, Any], side: str) -> tuple[str, str]:
    value = f.get(f"{side}_value")
    where = f"{f.get(f'{side}_table') or ''} 第{f[f'{side}_line']}行" if f.get(f"{side}_line") else ""
    label = fmt.money_in_text(str(f.get(f"{side}_label") or ""))
    return (label, "" if value is None else fmt.amount(value)), where


def audit_page(ctx: Context) -> None:
    st.set_page_config(layout="wide")
    st.title("数据核查", anchor=False)
    st.caption("按文件自身的勾稽关系逐项核对：合计与明细、各表之间、正文与报表。")
    findings = ctx.data.audit()
    if not findings:
        st.info("没有核查记录。")
        footer(ctx)
        return
    counts = {s: sum(1 for f in findings if f["status"] == s) for s in _STATUS}
    for col, (status, label) in zip(st.columns(3), _STATUS.items(), strict=True):
        col.metric(f"{_STATUS_ICON[status]} {label}", f"{counts[status]} 项", border=True)
    picked = st.segmented_control(
        "显示", list(_STATUS), default=[s for s in _STATUS if s != "pass"] or list(_STATUS),
        selection_mode="multi", format_func=lambda s: _STATUS[s], key="audit_filter",
    ) or []
    shown = [f for f in findings if f["status"] in picked]
    rows = []
    for f in shown:
        (left, left_value), left_where = _side(f, "left")
        (right, right_value), right_where = _side(f, "right")
        rows.append({"结果": _STATUS.get(f["status"], f["status"]),
                     "核查项": CHECK_NAMES.get(f["check_id"], f["check_id"]),
                     "说明": fmt.money_in_text(f["message"]),
                     "一方": left, "一方数值": left_value, "一方位置": left_where,
                     "另一方": right, "另一方数值": right_value, "另一方位置": right_where})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=360, placeholder="",
                 column_config={"说明": st.column_config.TextColumn(width="large")})
    if not shown:
        footer(ctx)
        return
    def _option(i: int) -> str:
        return f"{_STATUS[shown[i]['status']]} · {fmt.money_in_text(shown[i]['message'])[:60]}"

    choice = st.selectbox("查看原文", range(len(shown)), key="audit_pick", format_func=_option)
    finding = shown[choice]
    st.markdown(f"{_STATUS_ICON.get(finding['status'], '')} {md(fmt.money_in_text(finding['message']))}")
    for col, side in zip(st.columns(2), ("left", "right"), strict=True):
        (label, value), where = _side(finding, side)
        line = finding.get(f"{side}_line")
        with col:
            st.caption(md(f"{label} {value} · {where}".strip(" ·")))
            if line:
                src = ctx.data.source_lines(max(1, int(line) - 1), int(line) + 1)
                st.code(code_lines(src, {int(line)}), language=None, wrap_lines=True)
    footer(ctx)


def footer(ctx: Context) -> None:
    doc = ctx.data.document()
    phone = doc["phone"] or "未公布"
    st.divider()
    st.caption(
        md(f"资料来源：{doc['file_name']} · {doc['department']} · {doc['year'] or ''}年部门预算 · "
           f"公开咨询电话：{phone}", mask=ctx.mode is Mode.KIOSK)
    )
