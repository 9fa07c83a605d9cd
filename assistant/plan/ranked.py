"""The set a line is ranked in, read from the table its figure was read from.

A classified line (功能科目, 经济科目) ranks among the lines of the same level under the same parent
code (the 类 among all 类); a project among every project of its table; a procurement item among
every item. The column is the one the figure was read in (合计 unless the question named one).
Rows are read through the named templates; nothing here knows a table's number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.models import Match
from assistant.query.model import Value

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

Row = dict[str, Any]
CODED = ("function", "economic")
TOTAL = "合计"


def ranked_rows(line: Match, own: Value, column: str, env: Env,
                level: int | None = None) -> tuple[list[Row], Row, str] | None:
    """(the comparable rows with a figure, the line's own row, the parent's code or '') or None when
    the figure was not read from a table that lists the line with its siblings. A line alone under
    its parent is first of one."""
    table_id = own.citations[0].table if own.citations else ""
    run = env.runner.run
    if line.kind == "procurement":
        rows = [{**r, "name": r["item_name"], "code": r["item_code"]} for r in run("proc_rows")
                if r["level"] == "品目"]
        return _with_own(rows, line, "", own.amount)
    if line.kind == "project":
        listed = run("li_set", table_id=table_id, code_kind="project", measure=TOTAL) if table_id else []
        return _with_own(listed, line, "", own.amount)
    if line.kind not in CODED or not table_id or not line.code:
        return None
    mine = run("li_by_code", table_id=table_id, code=line.code)
    measure = column if any(r["measure"] == column for r in mine) else TOTAL
    row = next((r for r in mine if r["measure"] == measure), None)
    if row is None:
        return None
    parent = row.get("parent_code") or ""
    if level is not None:  # 在项级科目里排第几: every line of that level, whatever its parent
        if len(line.code) != level:
            return None
        rows = [r for r in run("li_set", table_id=table_id, code_kind=line.kind, measure=measure)
                if len(str(r.get("code") or "")) == level]
        return _with_own(rows, line, "", own.amount)
    if line.kind in CODED and parent:
        rows = run("li_children", table_id=table_id, parent_code=parent, measure=measure)
    else:
        rows = [r for r in run("li_set", table_id=table_id, code_kind=line.kind, measure=measure)
                if r["level"] == row["level"]]
    return _with_own(rows, line, parent, own.amount)


SAME = 0.005  # the row read here is the figure stated (to the cent), or the set is not the figure's


def _with_own(rows: list[Row], line: Match, parent: str, amount: float) -> tuple[list[Row], Row, str] | None:
    rows = [r for r in rows if r.get("amount") is not None]
    mine = next((r for r in rows if (line.code and r.get("code") == line.code) or r.get("name") == line.name),
                None)
    if mine is None or abs(float(mine["amount"]) - amount) > SAME:
        return None
    return rows, mine, parent
