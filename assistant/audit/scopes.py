"""Which money a table covers, and the table(s) its totals are compared with.

A department's tables do not all count the same money: 预算05/06/07表 are 一般公共预算 only,
预算09/10表 the 政府性基金 and 国有资本经营 funds, 预算04表 every 财政拨款 (the three together),
and 预算01/02/03/11表 everything including the unit's own income (事业收入 …). Totals are only
comparable within one scope; the scope is read from the table's printed title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

GENERAL, FUND, SOE, APPROPRIATION, ALL = "一般公共预算", "政府性基金", "国有资本经营", "财政拨款", "全部资金"
# Titles of tables that list a part of the spending (三公, 采购, 购买服务): no total to compare.
SUBSET_WORDS = ("三公", "采购", "购买服务")
GENERAL_TABLE = "预算05表"  # expenditure by function, 一般公共预算: the reference of its scope
TOTAL = "合计"


def scope_of(title: str) -> str | None:
    """The money a table covers, from its title; None for tables of a part of the spending."""
    if any(w in title for w in SUBSET_WORDS):
        return None
    for word, scope in ((FUND, FUND), (SOE, SOE), (APPROPRIATION, APPROPRIATION), (GENERAL, GENERAL)):
        if word in title:
            return scope
    return ALL


@dataclass
class Reference:
    """The rows another table's totals and codes are compared with (one table or several)."""

    table_ids: tuple[str, ...]
    total: dict | None  # the 合计 row: values{measure: amount}, name, line_no, table_id
    rows: list[dict] = field(default_factory=list)

    def value(self, measure: str = TOTAL) -> Decimal | None:
        return self.total["values"].get(measure) if self.total else None


Cells = Callable[[str], list[dict]]
TotalRow = Callable[[list[dict]], dict | None]


def _combine(parts: list[tuple[str, list[dict]]], total_row: TotalRow) -> Reference | None:
    """Several function tables (预算05 + 09 + 10表) read as one: totals summed per measure."""
    parts = [(t, rows) for t, rows in parts if rows]
    if not parts:
        return None
    if len(parts) == 1:
        table_id, rows = parts[0]
        return Reference((table_id,), total_row(rows), rows)
    totals = [r for r in (total_row(rows) for _, rows in parts) if r is not None]
    values: dict[str, Decimal | None] = {}
    for row in totals:
        for measure, amount in row["values"].items():
            if amount is not None or measure not in values:
                values[measure] = (values.get(measure) or Decimal(0)) + (amount or Decimal(0))
    first = dict(totals[0], values=values) if totals else None
    return Reference(tuple(t for t, _ in parts), first, [r for _, rows in parts for r in rows])


class References:
    """Reference per scope for one document, built from its own tables."""

    def __init__(self, titles: dict[str, str], cells: Cells, total_row: TotalRow) -> None:
        self.titles, self.cells, self.total_row = titles, cells, total_row
        by_scope: dict[str, list[str]] = {}
        for table_id, title in sorted(titles.items()):
            scope = scope_of(title)
            if scope is not None and table_id.startswith("预算"):
                by_scope.setdefault(scope, []).append(table_id)
        general = self._one(GENERAL_TABLE)
        funds = [GENERAL_TABLE] + [t for s in (FUND, SOE) for t in by_scope.get(s, [])[:1]]
        appropriation = _combine([(t, cells(t)) for t in funds], total_row)
        whole = next((self._one(t) for t in by_scope.get(ALL, []) if self._is_function_grid(t)), None)
        self.by_scope: dict[str, Reference | None] = {
            GENERAL: general,
            APPROPRIATION: appropriation,
            ALL: whole or appropriation,
            FUND: None,
            SOE: None,
        }

    def _one(self, table_id: str) -> Reference | None:
        rows = self.cells(table_id)
        return Reference((table_id,), self.total_row(rows), rows) if rows else None

    def _is_function_grid(self, table_id: str) -> bool:
        """The all-funds spending table by function (预算03表): coded 类/款/项 rows, no sides."""
        rows = self.cells(table_id)
        return any(r["code_kind"] == "function" for r in rows) and not any(r["side"] for r in rows)

    def simplest(self, ref: Reference | None, measure: str = TOTAL) -> Reference | None:
        """The 一般公共预算 table when it states the same figure (most documents: one fund)."""
        general = self.by_scope[GENERAL]
        if ref is not None and general is not None and general.value(measure) == ref.value(measure):
            return general
        return ref

    def for_table(self, table_id: str, own_total: dict | None) -> Reference | None:
        """What `table_id`'s totals are compared with, or None when nothing is comparable."""
        scope = scope_of(self.titles.get(table_id, ""))
        ref = self.by_scope.get(scope) if scope else None
        if ref is not None and table_id in ref.table_ids:
            # The scope's reference is the table itself (预算03表): compare it with the 财政拨款
            # tables only when it holds no other money (equal totals).
            ref = self.by_scope[APPROPRIATION]
            own = own_total["values"].get(TOTAL) if own_total else None
            if ref is None or table_id in ref.table_ids or ref.value() != own:
                return None
        return self.simplest(ref)

    def whole(self, measure: str = TOTAL) -> Reference | None:
        """The all-funds reference for the department's overall figures (预算14表, 第三部分)."""
        return self.simplest(self.by_scope[ALL], measure)
