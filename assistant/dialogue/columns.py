"""Columns said right after a line or a unit: that line's columns (行政运行 → 基本支出和项目支出分别多少).

A composed follow-up that names only columns of the budget (基本支出, 项目支出, 人员经费, 公用经费)
asks them of the thing the question before was about, as a single follow-up does (行政运行 →
基本支出多少 is 行政运行's). Read as the department's columns instead, it would state figures of
another question, so the subjects are the line's own columns, said in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.plan.columns import column
from assistant.query.model import Query, Subject

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# operations whose subjects are figures side by side: each said of the line asked before
OPS = frozenset({"each", "sum", "diff", "ratio", "most"})
# the kinds of line a column belongs to: a 功能 or 经济 line, or a unit of the department
LINE_KINDS = frozenset({"function", "economic", "unit"})


def of_the_line_before(query: Query, env: Env) -> Query | None:
    """The query with each column said of the line the last turn was about, or None when the
    follow-up names anything else or the turn before named no one line."""
    if query.op not in OPS or query.from_context or query.given or not query.subjects:
        return None
    if any(column(s.text) is None for s in query.subjects):
        return None
    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    lines = {(m.entity_id, m.name) for m in last.entities if m.kind in LINE_KINDS}
    if len(lines) != 1 or len({m.entity_id for m in last.entities}) != 1:
        return None
    name = next(iter(lines))[1]
    subjects = tuple(Subject(text=f"{name}{s.text}", span=s.span, label=f"{name}{s.text}")
                     for s in query.subjects)
    return query.model_copy(update={"subjects": subjects, "rule": f"{query.rule}（上一问的“{name}”）"})
