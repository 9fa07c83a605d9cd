"""Shared reading of a printed table: body rows, merged header labels, names and amounts.

Columns are identified by their header labels, never by position: two-row headers
(基本支出 over 小计/人员经费/公用经费, 本年拨款 over 一般公共预算/…) are merged per column first.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.ingest.catalog import TableSpan
from assistant.ingest.reader import cells, compact, is_amount, parse_amount, strip_html
from assistant.ingest.report import note_cell

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十廿卅百]+[、.．]|[（(][一二三四五六七八九十廿卅百\d]+[）)]|\d+[、.．])"
)
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*[千万亿]?元")


def clean_name(raw: str) -> str:
    """'五、科学技术支出' → '科学技术支出'; 'PDF spaces' and HTML removed."""
    return _NUMBERING.sub("", compact(raw))


def raw_label(text: str) -> str:
    return strip_html(text).strip()


def tab_rows(lines: list[str], span: TableSpan) -> list[tuple[int, list[str]]]:
    """Tab rows of a table body, from the line after its 单位 line (or title)."""
    assert span.line_start is not None and span.line_end is not None
    start = span.title_line or span.line_start
    for no in range(start, span.line_end + 1):
        if _UNIT_LINE.search(lines[no - 1]):
            start = no
            break
    return [
        (no, cells(lines[no - 1]))
        for no in range(start + 1, span.line_end + 1)
        if "\t" in lines[no - 1] and any(cells(lines[no - 1]))
    ]


def is_data(row: list[str], first_value_col: int = 2) -> bool:
    return any(is_amount(c) for c in row[first_value_col:])


def merge_header(rows: list[list[str]]) -> list[str]:
    """One label per column from stacked header rows; '小计' takes its spanning parent's name."""
    width = max((len(r) for r in rows), default=0)
    grid = [[compact(c) for c in r] + [""] * (width - len(r)) for r in rows]
    labels: list[str] = []
    parents: list[str] = []
    for j in range(width):
        filled = [i for i in range(len(grid)) if grid[i][j]]
        if not filled:
            labels.append("")
            parents.append("")
            continue
        bottom = filled[-1]
        parent = ""
        if bottom > 0:  # the spanning label sits above, possibly to the left (merged cell)
            k = j
            while k >= 0 and not grid[bottom - 1][k]:
                k -= 1
            parent = grid[bottom - 1][k] if k >= 0 else ""
        label = grid[bottom][j]
        labels.append(parent if label == "小计" and parent else label)
        parents.append(parent if label != "小计" else "")
    # The same sub-label under two parents (一般公共预算 under 本年拨款 and under 结转结余).
    dupes = {lab for lab in labels if lab and labels.count(lab) > 1}
    return [f"{parents[j]}/{lab}" if lab in dupes and parents[j] else lab for j, lab in enumerate(labels)]


def amount_cell(text: str, file: str, line: int, column: str = "") -> Decimal | None:
    """A cell of an amount column. A cell that is not a number (「四百零一」, N/A) is NULL with a
    warning naming line and column: one bad cell must not take the document or the column."""
    try:
        return parse_amount(text)
    except ValueError:
        note_cell(line, column, raw_label(text))
        return None


def split_header(rows: list[tuple[int, list[str]]], first_value_col: int) -> int:
    return next((i for i, (_, r) in enumerate(rows) if is_data(r, first_value_col)), len(rows))
