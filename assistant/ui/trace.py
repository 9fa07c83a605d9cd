"""Training mode: the pipeline laid open under each answer, from `answer.trace` and `answer.sql` —
a readable table of steps (步骤, 结果, 耗时), the entities, the intent with its parameters, and the
SQL pretty-printed. Internal identifiers are shown by their Chinese names (`terms.toml`)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import sqlglot
import streamlit as st
from sqlglot.errors import SqlglotError

from assistant.models import Answer, StepTrace
from assistant.query.evidence import evidence_label
from assistant.ui.text import md

TERMS = Path(__file__).resolve().parent / "terms.toml"
_ENTITY_ID = re.compile(r"[a-z_]+:[\w\-]+")  # catalogue ids such as narrative:10


@lru_cache(maxsize=1)
def _terms() -> dict[str, dict[str, str]]:
    return tomllib.loads(TERMS.read_text(encoding="utf-8"))


def term(group: str, key: object) -> str:
    """The Chinese name of an identifier; an unknown one as it is (the table grows with use)."""
    return _terms().get(group, {}).get(str(key), str(key))


def pretty_sql(sql: str) -> str:
    """DuckDB SQL pretty-printed by sqlglot; the statement as given when it cannot be parsed."""
    try:
        return ";\n".join(sqlglot.transpile(sql, read="duckdb", write="duckdb", pretty=True))
    except SqlglotError:
        return sql


def _value(value: Any) -> str:
    """A parameter value in words: lists joined with 、, booleans 是/否, identifiers translated."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict) and value.get("name"):
        kind = value.get("kind")
        return f"{value['name']}（{term('kinds', kind)}）" if kind else str(value["name"])
    if isinstance(value, str) and _ENTITY_ID.fullmatch(value):
        kind, _, rest = value.partition(":")
        return f"{term('kinds', kind)}·{rest}"
    if isinstance(value, dict):
        return "；".join(f"{term('params', k)}：{_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return "、".join(_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return term("values", value)


def _step_result(step: StepTrace) -> str:
    d = step.detail
    if step.step == "normalise" and isinstance(d, dict):
        return str(d.get("text") or "（空）")
    if step.step == "screen":
        return "通过" if not d else f"拦下：{_value(d)}"
    if step.step == "context" and isinstance(d, dict):
        return "沿用上文" if d.get("from") is not None else "新问题"
    if step.step == "match" and isinstance(d, dict):
        found = d.get("matches") or []
        return f"{len(found)} 个：" + "、".join(str(m).split("[")[0] for m in found[:6]) if found else "无"
    if step.step == "intent" and isinstance(d, dict):
        intent = d.get("intent") or {}
        name = intent.get("name") if isinstance(intent, dict) else None
        return term("intents", name) if name else "未判定"
    if step.step == "respond" and isinstance(d, dict):
        queries = [q for q in d.get("queries") or [] if isinstance(q, dict)]
        rows = sum(int(q.get("rows") or 0) for q in queries)
        tried = len(d.get("readings") or [])
        return f"判断 {tried} 种理解，执行 {len(queries)} 条查询，返回 {rows} 行"
    if step.step == "cover" and isinstance(d, dict):
        left = d.get("leftovers") or []
        return "问题的每一部分都已理解" if not left else "未理解：" + "、".join(str(x) for x in left)
    if step.step == "compose" and isinstance(d, dict):
        return term("values", d.get("status"))
    return _value(d) if d else "—"


def _table(frame: pd.DataFrame) -> None:
    """A small static table; cells escaped (st.table reads Markdown)."""
    st.table(frame.map(md).rename(columns=md), border="horizontal")


def render_trace(answer: Answer) -> None:
    trace = answer.trace
    with st.expander("问答流程（培训）", icon=":material/account_tree:", expanded=True):
        if trace is None:
            st.caption("本次回答没有流程记录。")
            return
        if trace.steps:
            st.markdown("**① 处理步骤**")
            _table(pd.DataFrame([
                {"步骤": term("steps", s.step), "结果": _step_result(s), "耗时（毫秒）": f"{s.ms:.2f}"}
                for s in trace.steps
            ]))
        st.markdown(f"**② 规范化后的问题：** {md(trace.normalised) or '（空）'}")
        st.markdown("**③ 识别到的实体**")
        if trace.matches:
            _table(pd.DataFrame([
                {"名称": m.name, "类型": term("kinds", m.kind), "编码": m.code or "—", "命中别名": m.alias,
                 "得分": f"{m.score:.1f}"}
                for m in trace.matches
            ]))
        else:
            st.caption("没有识别到实体。")
        st.markdown("**④ 意图与参数**")
        if trace.intent is not None:
            name = md(term("intents", trace.intent.name))
            st.markdown(f"意图：{name}　依据：{md(evidence_label(trace.intent.evidence))}")
            params = [{"参数": term("params", k), "值": _value(v)} for k, v in trace.intent.params.items()]
            if params:
                _table(pd.DataFrame(params))
        else:
            st.caption("未判定意图。")
        st.markdown("**⑤ 执行的查询语句**（命名模板，参数由数据库绑定）")
        if answer.sql:
            for sql in answer.sql:
                st.code(pretty_sql(sql), language="sql")
        else:
            st.caption("本次回答没有执行查询。")
        st.markdown(f"**⑥ 返回行数：** {trace.rows}")
