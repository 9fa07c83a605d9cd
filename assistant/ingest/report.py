"""What one ingest found in each document, for the person who ran it.

Parsers note cells they could not read (「四百零一」, `N/A` in an amount column) through `note_cell`;
the cell is stored as NULL and the note ends up in the document's report, in the
`ingest_warnings` table and, through the audit, in `audit_findings`. A warning never changes
another figure: the rest of the column is read as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pydantic import BaseModel, ConfigDict

log = logging.getLogger(__name__)


class CellWarning(BaseModel):
    """One cell of an amount column that is not a number: stored as NULL."""

    model_config = ConfigDict(frozen=True)
    table_id: str
    line: int
    column: str
    text: str

    def zh(self) -> str:
        return f"{self.table_id} 第{self.line}行「{self.column}」列的「{self.text}」不是金额，已留空"

    def en(self) -> str:
        where = f"{self.table_id} line {self.line}, column {self.column!r}"
        return f"{where}: {self.text!r} is not an amount (left empty)"


class DocumentReport(BaseModel):
    """The ingest report of one document: tables found, rows per table, narrative parts, cells
    left empty, warnings (Chinese sentences)."""

    model_config = ConfigDict(frozen=True)
    file: str
    doc_id: str
    department: str
    year: int
    layout: str = "hubei-15"  # knowledge/layouts/<name>.toml the document was read with
    lines: int
    tables_listed: int
    tables_found: int
    forms: int  # 预算15表 project forms printed after the tables
    rows_per_table: dict[str, int]
    narrative_parts: int
    paragraphs: int
    blank_cells: int
    unreadable_cells: tuple[CellWarning, ...] = ()
    warnings: tuple[str, ...] = ()

    def text(self) -> str:
        """The report as printed by `python -m assistant ingest` (Chinese, one item per line)."""
        rows = "，".join(f"{t} {n} 行" for t, n in self.rows_per_table.items()) or "无"
        # A titled layout prints no table list of its own: its tables are those its layout declares.
        listed = "目录列出" if self.layout == "hubei-15" else f"版式 {self.layout} 定义"
        forms = f"（另有项目绩效目标申报表 {self.forms} 张）" if self.forms else ""
        out = [
            f"【{self.file}】{self.department} {self.year} 年预算（{self.doc_id}），共 {self.lines} 行",
            f"  表格：{listed} {self.tables_listed} 张，正文找到 {self.tables_found} 张{forms}；{rows}",
            f"  说明部分：{self.narrative_parts} 个部分，{self.paragraphs} 段",
            f"  空白单元格 {self.blank_cells} 个；无法识别而留空的单元格 {len(self.unreadable_cells)} 个",
        ]
        out += [f"  ⚠ {c.zh()}" for c in self.unreadable_cells]
        out += [f"  ⚠ {w}" for w in self.warnings]
        if not self.unreadable_cells and not self.warnings:
            out.append("  无警告")
        return "\n".join(out)


class Notes:
    def __init__(self) -> None:
        self.table_id = ""
        self.cells: list[CellWarning] = []


_NOTES: ContextVar[Notes | None] = ContextVar("ingest_notes", default=None)


@contextmanager
def collecting() -> Iterator[Notes]:
    """Collect the cell warnings of one document while it is parsed."""
    notes = Notes()
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def set_table(table_id: str) -> None:
    """The table whose cells are being read (named in the warnings)."""
    notes = _NOTES.get()
    if notes is not None:
        notes.table_id = table_id


def note_cell(line: int, column: str, text: str) -> None:
    """Record an amount cell that is not a number; the caller stores NULL for it."""
    notes = _NOTES.get()
    warning = CellWarning(table_id=notes.table_id if notes else "", line=line, column=column, text=text)
    if notes is None:
        log.warning("%s", warning.en())
        return
    notes.cells.append(warning)
