"""Projects: one entity per project across 预算11/12/14/15表 and 第三部分 九、项目支出.

Tables name and code the same project differently, so each source is matched one-to-one against
the projects already known (预算11表 first), in three passes:
1. names similar enough on their own (`NAME_ALONE_MIN`);
2. weaker names backed by evidence: an equal amount or an equal 功能科目 (`NAME_WITH_EVIDENCE_MIN`);
3. an amount that is unique on both sides (a renamed project keeps its money).
Rows still unmatched become projects of their own, so a later source can merge into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from assistant.ingest.entities.catalogue import Catalogue, Entity
from assistant.ingest.entities.names import (
    NAME_ALONE_MIN,
    NAME_WITH_EVIDENCE_MIN,
    amounts_equal,
    similarity,
)

# Evidence counts as this many similarity points when ranking candidate pairs.
EVIDENCE_BONUS = 20.0
# A numbered list item of 第三部分 九、项目支出安排情况: "1. 聘用人员经费支出 75.15 万元，…".
LIST_ITEM_RE = re.compile(
    r"^\s*\d+\s*[.、．]\s*(?P<name>[^\d，,。；]+?)\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元"
)


@dataclass
class Row:
    """One printed mention of a project."""

    name: str
    table_id: str
    line_no: int
    amounts: tuple[Decimal, ...] = ()
    func_codes: frozenset[str] = frozenset()
    codes: tuple[tuple[str, int], ...] = ()  # (code, line_no)
    strong_amount: bool = True  # False: the amount is partial (procurement), evidence only


def _dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _rows_11(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    rows = con.execute(
        "SELECT code, name, line_no, measure, amount FROM line_items "
        "WHERE doc_id = ? AND table_id = '预算11表' AND level = '项目' ORDER BY row_seq",
        [doc_id],
    ).fetchall()
    out: dict[int, Row] = {}
    for code, name, line_no, measure, amount in rows:
        row = out.setdefault(
            line_no, Row(name, "预算11表", line_no, codes=((code, line_no),) if code else ())
        )
        if measure == "合计" and amount is not None:
            row.amounts = (_dec(amount), *row.amounts)
    return list(out.values())


def _rows_15(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    forms = con.execute(
        "SELECT table_id, project_name, project_code, current_budget, line_start FROM project_forms "
        "WHERE doc_id = ? ORDER BY line_start",
        [doc_id],
    ).fetchall()
    fields = dict(
        ((t, f), n)
        for t, f, n in con.execute(
            "SELECT table_id, field, min(line_no) FROM form_fields WHERE doc_id = ? "
            "AND field IN ('项目名称', '项目代码') GROUP BY ALL",
            [doc_id],
        ).fetchall()
    )
    out = []
    for table_id, name, code, budget, start in forms:
        name_line = fields.get((table_id, "项目名称"), start)
        code_line = fields.get((table_id, "项目代码"), name_line)
        out.append(
            Row(
                name,
                table_id,
                name_line,
                (_dec(budget),) if budget is not None else (),
                codes=((code, code_line),) if code else (),
            )
        )
    return out


def _rows_14(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    rows = con.execute(
        "SELECT table_id, name, year_budget, total_budget, line_no FROM perf_projects "
        "WHERE doc_id = ? ORDER BY line_no",
        [doc_id],
    ).fetchall()
    return [Row(n, t, ln, tuple(_dec(a) for a in (y, tot) if a is not None)) for t, n, y, tot, ln in rows]


def _rows_12(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    rows = con.execute(
        "SELECT project, min(line_no), sum(amount), list(DISTINCT func_code) FROM procurement "
        "WHERE doc_id = ? AND level = '品目' AND project IS NOT NULL AND project <> '' "
        "GROUP BY project ORDER BY min(line_no)",
        [doc_id],
    ).fetchall()
    return [
        Row(
            p,
            "预算12表",
            ln,
            (_dec(total),) if total is not None else (),
            frozenset(c for c in funcs if c),
            strong_amount=False,
        )
        for p, ln, total, funcs in rows
    ]


def _rows_text(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    """The numbered list under 第三部分's section on 项目支出."""
    lines = con.execute(
        "SELECT DISTINCT s.line_no, s.text FROM paragraphs p JOIN source_lines s "
        "ON s.doc_id = p.doc_id AND s.line_no BETWEEN p.line_start AND p.line_end "
        "WHERE p.doc_id = ? AND p.part = '第三部分' AND p.section LIKE '%项目支出%' ORDER BY s.line_no",
        [doc_id],
    ).fetchall()
    out = []
    for line_no, text in lines:
        m = LIST_ITEM_RE.match(text)
        if m:
            out.append(Row(m["name"], "第三部分", line_no, (Decimal(m["amount"].replace(",", "")),)))
    return out


def _evidence(row: Row, entity: Entity) -> bool:
    same_amount = row.strong_amount and any(amounts_equal(a, entity.amount) for a in row.amounts)
    return same_amount or bool(row.func_codes & entity.func_codes)


def _assign(rows: list[Row], anchors: list[Entity]) -> dict[int, Entity]:
    pairs = []
    for i, row in enumerate(rows):
        for entity in anchors:
            score = max(similarity(row.name, a) for a, k, _, _ in entity.aliases if k == "name")
            evidence = _evidence(row, entity)
            if score >= NAME_ALONE_MIN or (evidence and score >= NAME_WITH_EVIDENCE_MIN):
                pairs.append((score + (EVIDENCE_BONUS if evidence else 0.0), i, entity.entity_id))
    chosen: dict[int, Entity] = {}
    taken: set[str] = set()
    for _, i, entity_id in sorted(pairs, key=lambda p: -p[0]):
        if i not in chosen and entity_id not in taken:
            chosen[i] = next(e for e in anchors if e.entity_id == entity_id)
            taken.add(entity_id)
    # Pass 3: a unique amount on both sides identifies a renamed project.
    open_rows = [i for i, r in enumerate(rows) if i not in chosen and r.strong_amount and r.amounts]
    open_anchors = [e for e in anchors if e.entity_id not in taken and e.amount is not None]
    for i in open_rows:
        amount = rows[i].amounts[0]
        same = [e for e in open_anchors if amounts_equal(e.amount, amount)]
        rivals = [j for j in open_rows if amounts_equal(rows[j].amounts[0], amount)]
        if len(same) == 1 and len(rivals) == 1:
            chosen[i] = same[0]
            open_anchors.remove(same[0])
    return chosen


def add_projects(con: duckdb.DuckDBPyConnection, doc_id: str, cat: Catalogue) -> None:
    sources = (_rows_11, _rows_15, _rows_14, _rows_text, _rows_12)
    for source in sources:
        rows = source(con, doc_id)
        chosen = _assign(rows, cat.of_kind("project"))
        for i, row in enumerate(rows):
            entity = chosen.get(i)
            if entity is None:
                entity = cat.add("project", row.name, row.codes[0][0] if row.codes else None)
                entity.amount = row.amounts[0] if row.strong_amount and row.amounts else None
            entity.alias(row.name, "name", row.table_id, row.line_no)
            for code, line_no in row.codes:
                entity.alias(code, "code", row.table_id, line_no)
            entity.func_codes |= row.func_codes
