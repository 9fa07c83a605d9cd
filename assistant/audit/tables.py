"""Arithmetic inside the numeric tables (预算01/03/04/05/06/07/11表), and the cell reads and
reference totals the other checks share (cross-table totals: `crosstotals`).

Everything is driven by what the tables carry: codes and parent codes, levels and measures
(column labels). Nothing names a row of a particular document.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import duckdb

from assistant.audit.common import Con, Finding, Ref, compare, dec, memo, rows, table_titles, total
from assistant.audit.scopes import References

HIERARCHY_TABLES = ("预算03表", "预算05表", "预算07表")  # coded 类/款/项 trees
SPLIT_TABLES = ("预算03表", "预算05表", "预算06表", "预算07表")
# The table every other total is compared with: expenditure by function, all columns.
REFERENCE_TABLE = "预算05表"
TOTAL, BASIC, PROJECT, PERSONNEL, PUBLIC = "合计", "基本支出", "项目支出", "人员经费", "公用经费"
TOTAL_LEVELS = ("合计", "总计")


def canon_measure(label: str) -> str:
    """Column labels vary (基本支出小计, 本年一般公共预算基本支出); reduce to the shared concepts."""
    for concept in (PERSONNEL, PUBLIC, BASIC, PROJECT):
        if concept in label:
            return concept
    return TOTAL if label.endswith(TOTAL) or label in ("预算数", "合计") else label


def _read_cells(con: Con, doc_id: str, table_id: str) -> list[dict]:
    out: dict[int, dict] = {}
    for r in rows(
        con,
        "SELECT row_seq, side, code, code_kind, name, level, parent_code, measure, amount, "
        "line_no FROM line_items WHERE doc_id = ? AND table_id = ? ORDER BY row_seq",
        [doc_id, table_id],
    ):
        row = out.setdefault(r["row_seq"], {**r, "table_id": table_id, "values": {}})
        row["values"][canon_measure(r["measure"])] = dec(r["amount"])
    return list(out.values())


def table_cells(con: Con, doc_id: str, table_id: str) -> list[dict]:
    """One dict per printed row: code, name, level, parent, line, values{measure: amount}.
    Read once per audit run and shared by every check: read, never modify."""
    return memo(con, ("cells", doc_id, table_id), lambda: _read_cells(con, doc_id, table_id))


def row_label(row: dict) -> str:
    return f"{row['name']}（{row['code']}）" if row.get("code") else str(row["name"])


def parent_sums(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, per measure."""
    findings = []
    for table_id in HIERARCHY_TABLES:
        table = table_cells(con, doc_id, table_id)
        coded = [r for r in table if r["code"]]
        for parent in table:
            if parent["code"]:
                children = [r for r in coded if r["parent_code"] == parent["code"]]
            elif parent["level"] in TOTAL_LEVELS:
                children = [r for r in coded if not r["parent_code"]]
            else:
                continue
            if not children:
                continue
            kids = "、".join(sorted({r["level"] for r in children}))
            findings += _sum_checks(
                "parent_sum", table_id, parent, children, f"下级{kids}{len(children)}行之和"
            )
    return findings


def _sum_checks(
    check_id: str, table_id: str, parent: dict, children: list[dict], children_label: str
) -> list[Finding]:
    """parent = Σ children for every measure the parent prints; skipped where all are blank."""
    findings = []
    for measure, value in parent["values"].items():
        parts = [c["values"].get(measure) for c in children]
        if value is None and all(p is None for p in parts):
            continue
        findings.append(
            compare(
                check_id,
                f"{table_id}{row_label(parent)}{measure}",
                Ref(f"{parent['name']}{measure}", value, table_id, parent["line_no"]),
                Ref(children_label, total(parts), table_id, children[0]["line_no"]),
            )
        )
    return findings


def splits(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """合计 = 基本支出 + 项目支出; 基本支出 (or a basic-only table's 合计) = 人员经费 + 公用经费."""
    findings = []
    for table_id in SPLIT_TABLES:
        table = table_cells(con, doc_id, table_id)
        measures = {m for r in table for m in r["values"]}
        rules = []
        if {BASIC, PROJECT} <= measures and TOTAL in measures:
            rules.append(("total_split", TOTAL, (BASIC, PROJECT)))
        if {PERSONNEL, PUBLIC} <= measures:
            base = BASIC if BASIC in measures else TOTAL
            if base in measures:
                rules.append(("basic_split", base, (PERSONNEL, PUBLIC)))
        for row in table:
            for check_id, whole, parts in rules:
                values = [row["values"].get(p) for p in parts]
                if row["values"].get(whole) is None and all(v is None for v in values):
                    continue
                findings.append(
                    compare(
                        check_id,
                        f"{table_id}{row_label(row)}",
                        Ref(whole, row["values"].get(whole), table_id, row["line_no"]),
                        Ref("+".join(parts), total(values), table_id, row["line_no"]),
                    )
                )
    return findings


def total_row(table: list[dict], side: str | None = None) -> dict | None:
    """The table's own 合计 (preferred) or 总计 row, on one side for two-sided tables."""
    for level in TOTAL_LEVELS:
        for row in table:
            if row["level"] == level and not row["code"] and (side is None or row["side"] == side):
                return row
    return None


def project_sums(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """预算11表: every group row (合计/单位/分组) = Σ the projects under it, per measure."""
    table = table_cells(con, doc_id, "预算11表")
    children: dict[int, list[dict]] = defaultdict(list)
    open_groups: list[dict] = []
    for row in table:
        if row["level"] == "项目":
            for group in open_groups:
                children[group["row_seq"]].append(row)
        else:
            # A group closes when a group of the same or a higher rank starts.
            rank = _rank(row)
            open_groups = [g for g in open_groups if _rank(g) < rank] + [row]
    findings = []
    for row in table:
        # 合计 = the funding columns (本年拨款 / 结转结余 / 财政专户 / 单位资金) of the same row.
        sources = [v for m, v in row["values"].items() if m != TOTAL]
        if TOTAL in row["values"] and any(v is not None for v in sources):
            findings.append(
                compare(
                    "row_total",
                    f"预算11表{row_label(row)}资金来源",
                    Ref(f"{row['name']}合计", row["values"][TOTAL], "预算11表", row["line_no"]),
                    Ref("各资金来源之和", total(sources), "预算11表", row["line_no"]),
                )
            )
        kids = children.get(row["row_seq"]) if row["level"] != "项目" else None
        if not kids:
            continue
        findings += _sum_checks("project_sum", "预算11表", row, kids, f"{len(kids)}个项目之和")
    return findings


def _rank(row: dict) -> int:
    if row["level"] in TOTAL_LEVELS:
        return 0
    if row["level"] == "单位":
        return len(row["code"] or "")
    return 100


def grand_total(con: duckdb.DuckDBPyConnection, doc_id: str, measure: str = TOTAL) -> Ref | None:
    """The reference table's 合计 figure for a measure, for the narrative and form checks."""
    row = total_row(table_cells(con, doc_id, REFERENCE_TABLE))
    if row is None or measure not in row["values"]:
        return None
    label = f"{REFERENCE_TABLE}{row['name']}行{measure}"
    return Ref(label, row["values"][measure], REFERENCE_TABLE, row["line_no"])


def amount_of(values: dict[str, Decimal | None]) -> Decimal | None:
    return values.get(TOTAL, next(iter(values.values()), None))


def whole_total(con: duckdb.DuckDBPyConnection, doc_id: str, measure: str = TOTAL) -> Ref | None:
    """The department's all-funds figure for a measure (预算03表 when the department has money
    beyond 一般公共预算, else the reference table), for 预算14表 and 第三部分 totals."""
    titles = table_titles(con, doc_id)
    refs = References(titles, lambda t: table_cells(con, doc_id, t) if t in titles else [], total_row)
    ref = refs.whole(measure)
    if ref is None or ref.total is None or measure not in ref.total["values"]:
        return None
    table_id = ref.table_ids[0]
    label = f"{table_id}{ref.total['name']}行{measure}"
    return Ref(label, ref.total["values"][measure], table_id, ref.total["line_no"])
