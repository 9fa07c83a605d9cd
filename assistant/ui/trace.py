"""Training mode: the pipeline laid open under each answer, from `answer.trace` and `answer.sql`."""

from __future__ import annotations

import json

import pandas as pd
import sqlglot
import streamlit as st
from sqlglot.errors import SqlglotError

from assistant.models import Answer
from assistant.ui.text import md


def pretty_sql(sql: str) -> str:
    """DuckDB SQL pretty-printed by sqlglot; the statement as given when it cannot be parsed."""
    try:
        return ";\n".join(sqlglot.transpile(sql, read="duckdb", write="duckdb", pretty=True))
    except SqlglotError:
        return sql


def _detail(detail: object) -> str:
    if detail is None:
        return ""
    return json.dumps(detail, ensure_ascii=False, default=str)[:300]


def render_trace(answer: Answer) -> None:
    trace = answer.trace
    with st.expander("问答流程（培训）", icon=":material/account_tree:", expanded=True):
        if trace is None:
            st.caption("本次回答没有流程记录。")
        else:
            st.markdown(f"**① 规范化问题：** {md(trace.normalised) or '（空）'}")
            st.markdown("**② 识别到的实体**")
            if trace.matches:
                frame = pd.DataFrame(
                    [
                        {"名称": m.name, "类型": m.kind, "编码": m.code or "", "命中别名": m.alias,
                         "得分": round(m.score, 1)}
                        for m in trace.matches
                    ]
                )
                st.dataframe(frame, hide_index=True, width="stretch")
            else:
                st.caption("没有识别到实体。")
            st.markdown("**③ 意图与参数**")
            if trace.intent is not None:
                st.markdown(f"意图：`{trace.intent.name}`　置信度：{trace.intent.confidence:.2f}")
                params = json.loads(json.dumps(trace.intent.params, ensure_ascii=False, default=str))
                st.json(params, expanded=1)
            else:
                st.caption("未判定意图。")
        st.markdown("**④ 执行的 SQL**（命名模板，参数由 DuckDB 绑定）")
        if answer.sql:
            for sql in answer.sql:
                st.code(pretty_sql(sql), language="sql")
        else:
            st.caption("本次回答没有执行查询。")
        if trace is not None:
            st.markdown(f"**⑤ 返回行数：** {trace.rows}")
            if trace.steps:
                st.markdown("**⑥ 各步骤耗时**")
                steps = pd.DataFrame([
                    {"步骤": s.step, "耗时(ms)": round(s.ms, 2), "详情": _detail(s.detail)}
                    for s in trace.steps
                ])
                st.dataframe(steps, hide_index=True, width="stretch")
