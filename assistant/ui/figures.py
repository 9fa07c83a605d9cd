"""How the figures of one answer are laid out: one or two headline figures as cards; more than
two as a sorted bar chart (a line chart for a year series) with a table in the same order, its
source column, a 合计 row when the answer states one, and a CSV of exactly that table.

Only what the answer carries is shown — rows of `answer.table` or its `values` — nothing is
computed here except the order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from assistant import fmt
from assistant.models import Answer, Citation, Value

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TOTAL = re.compile(r"合计|总计")
MAX_CARDS = 2


@dataclass(frozen=True)
class Layout:
    """cards: headline figures; columns/rows: the table (rows already ordered); line: years."""

    cards: list[Value]
    columns: list[str]
    rows: list[list[Any]]
    total: list[Any] | None = None
    label_col: str = ""
    value_col: str = ""
    line: bool = False

    @property
    def has_table(self) -> bool:
        return bool(self.rows)


def _where(c: Citation) -> str:
    return f"{c.table} 第{c.line}行"


def _sources(labels: list[str], citations: list[Citation]) -> list[str]:
    """Where each row's figure is printed: the citation naming the row; else the one naming its
    year; else, row by row, the citations no other row claimed (in the order given); else all the
    answer's cited lines."""
    found: list[Citation | None] = []
    for label in labels:
        named = [c for c in citations if c.row == label or c.row.endswith(label)]
        year = _YEAR.search(label)
        if not named and year:
            named = [c for c in citations if year.group(1) in c.row]
        found.append(named[0] if len(named) == 1 or (named and not year) else None)
    if len(citations) == len(labels) and all(f is None for f in found):
        found = list(citations)  # one citation per figure, in the same order
    else:
        free = [c for c in citations if c not in found]
        if len(free) == sum(f is None for f in found):
            spare = iter(free)
            found = [f if f is not None else next(spare) for f in found]
    # a figure no single citation names: every cited line of the answer (it is among them)
    tables: dict[str, list[int]] = {}
    for c in citations:
        tables.setdefault(c.table, []).append(c.line)
    anywhere = "；".join(f"{t} 第{'、'.join(str(n) for n in sorted(set(ls)))}行" for t, ls in tables.items())
    return [_where(c) if c is not None else anywhere for c in found]


def _value_heading(unit: str) -> str:
    return f"金额（{unit}）" if unit in fmt.MONEY_UNITS else (f"数值（{unit}）" if unit else "数值")


def _numeric_index(columns: list[str], rows: list[list[Any]]) -> int | None:
    for i in range(1, len(columns)):
        cells = [r[i] for r in rows if i < len(r) and r[i] is not None]
        if cells and all(isinstance(v, int | float) and not isinstance(v, bool) for v in cells):
            return i
    return None


def _from_table(answer: Answer) -> Layout | None:
    table = answer.table
    if table is None or not table.rows:
        return None
    columns = [str(c) for c in table.columns]
    rows = [list(r) for r in table.rows]
    num = _numeric_index(columns, rows) if table.chart else None
    if num is None:  # a text listing: shown as the package gave it
        return Layout(cards=answer.values[:MAX_CARDS] if len(answer.values) <= MAX_CARDS else [],
                      columns=columns, rows=rows)
    if len(rows) >= 2 and all(_YEAR.fullmatch(str(r[0]).strip()) for r in rows):
        # a series over years is a trend: a line in year order, even of two points (issue 9)
        where = _sources([str(r[0]) for r in rows], answer.citations)
        shown = [[*r, w] for r, w in zip(rows, where, strict=False)]
        return Layout(cards=[], columns=[*columns, "出处"], rows=shown, label_col=columns[0],
                      value_col=columns[num], line=True)
    if len(rows) <= MAX_CARDS and len(answer.values) <= MAX_CARDS:
        return Layout(cards=answer.values, columns=[], rows=[])
    totals = [r for r in rows if _TOTAL.search(str(r[0]))]
    body = [r for r in rows if r not in totals]
    body.sort(key=lambda r: -(r[num] or 0))
    where = _sources([str(r[0]) for r in [*body, *totals[:1]]], answer.citations)
    out = [[*r, w] for r, w in zip(body, where, strict=False)]
    total = [*totals[0], where[-1]] if totals else None
    return Layout(cards=[], columns=[*columns, "出处"], rows=out, total=total,
                  label_col=columns[0], value_col=columns[num])


def _from_values(answer: Answer) -> Layout:
    values = answer.values
    if len(values) <= MAX_CARDS:
        return Layout(cards=values, columns=[], rows=[])
    if answer.lead:  # a computed result and its rate are the headline; the figures used, below
        parts = values[answer.lead:]
        shown = _from_values(answer.model_copy(update={"values": parts, "lead": 0})) \
            if len(parts) > MAX_CARDS else Layout(cards=[], columns=[], rows=[])
        rows = shown.rows or [[fmt.display_label(v.label), v.value, w] for v, w in
                              zip(parts, _sources([v.label for v in parts], answer.citations), strict=False)]
        return Layout(cards=values[: min(answer.lead, MAX_CARDS)],
                      columns=shown.columns or ["项目", _value_heading(parts[0].unit), "出处"], rows=rows,
                      total=shown.total, label_col=shown.label_col or "项目",
                      value_col=shown.value_col or _value_heading(parts[0].unit), line=shown.line)
    totals = [v for v in values if _TOTAL.search(v.label)]
    parts = [v for v in values if v not in totals]
    unit = Counter(v.unit for v in parts).most_common(1)[0][0] if parts else ""
    series = [v for v in parts if v.unit == unit]
    others = [v for v in parts if v.unit != unit]
    if len(series) < MAX_CARDS:
        return Layout(cards=values[:4], columns=[], rows=[])
    years = [_YEAR.search(v.label) for v in series]
    line = all(years) and len({y.group(1) for y in years if y}) == len(series)
    if line:
        series.sort(key=lambda v: int(_YEAR.search(v.label).group(1)))  # type: ignore[union-attr]
    else:
        series.sort(key=lambda v: -v.value)
    label_col, value_col = ("年度" if line else "项目"), _value_heading(unit)
    same_unit_totals = [v for v in totals if v.unit == unit][:1]
    where = _sources([v.label for v in [*series, *same_unit_totals]], answer.citations)
    rows = [
        [_YEAR.search(v.label).group(1) + "年" if line else fmt.display_label(v.label),  # type: ignore[union-attr]
         v.value, w]
        for v, w in zip(series, where, strict=False)
    ]
    total = None
    if same_unit_totals:
        t = same_unit_totals[0]
        total = [fmt.display_label(t.label), t.value, where[-1]]
    cards = others[:MAX_CARDS] + [v for v in totals if v.unit != unit][: MAX_CARDS - len(others[:MAX_CARDS])]
    return Layout(cards=cards, columns=[label_col, value_col, "出处"], rows=rows, total=total,
                  label_col=label_col, value_col=value_col, line=line)


def layout(answer: Answer) -> Layout:
    """Cards, table and chart for an answered question (nothing for clarify/unanswerable)."""
    if answer.status != "answered":
        return Layout(cards=[], columns=[], rows=[])
    return _from_table(answer) or _from_values(answer)
