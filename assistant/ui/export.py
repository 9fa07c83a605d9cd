"""CSV downloads: figures written as the document prints them and no cell a spreadsheet would
run as a formula (OWASP "CSV injection": a leading = + - @, tab or CR gets a ' in front)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from assistant import fmt

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A column holds money when its heading names a money unit or a money word (as the tables do).
_MONEY_HEADING = re.compile(r"万元|亿元|（元）|\(元\)|金额|预算|支出|收入|合计|拨款")
_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\s]+")


def is_money_column(heading: object) -> bool:
    return bool(_MONEY_HEADING.search(str(heading)))


def cell_text(value: Any, *, money: bool) -> str:
    """One cell as written: money 7,965.69, other numbers 25.01, text with formulas defused."""
    if value is None or (isinstance(value, float) and value != value):  # None / NaN: empty cell
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return fmt.amount(value) if money else fmt.number(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(columns: Sequence[object], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with BOM (Excel opens Chinese text correctly), one header row."""
    money = [is_money_column(c) for c in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell_text(c, money=False) for c in columns])
    for row in rows:
        writer.writerow([cell_text(v, money=m) for v, m in zip(row, money, strict=False)])
    return out.getvalue().encode("utf-8-sig")


def file_name(*parts: object) -> str:
    """A name that says what the file holds: 预算问答-项目支出有哪些项目.csv"""
    words = [_UNSAFE_NAME.sub("_", str(p)).strip("_.") for p in parts if str(p).strip()]
    stem = "-".join(w for w in words if w)[:80] or "预算问答"
    return f"{stem}.csv"
