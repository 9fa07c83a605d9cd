"""One unreadable cell in an amount column: that cell is NULL with a warning naming line and
column; every other figure is unchanged; the audit and the ingest report name the cell.

Before the fix a word in one cell (「四百零一」) turned the whole column into text: 预算03表's
合计 column vanished, 「预算03表的支出合计是多少」 answered 791.47 and the audit ran 78 fewer checks.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_documents

# (case, line of the seed, printed figure replaced, replacement, table, column)
CASES = [
    ("chinese_numeral", 199, "401.31", "四百零一", "预算03表", "合计"),
    ("na_in_projects", 386, "75.15", "N/A", "预算11表", "合计"),
    ("dash_in_basic", 266, "340.22", "—", "预算05表", "人员经费"),
    ("two_sided_total", 159, "7,734.67", "七千七百三十四", "预算01表", "预算数"),  # refused before
]


def _cells(db: Path) -> dict[tuple, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT table_id, line_no, side, measure, amount FROM line_items"
        ).fetchall()
    finally:
        con.close()
    return {r[:4]: r[4] for r in rows}


@pytest.fixture(scope="module")
def seed_cells(seed_db: Path) -> dict[tuple, object]:
    return _cells(seed_db)


@pytest.fixture(scope="module")
def seed_checks(seed_db: Path) -> int:
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM audit_findings").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def broken(request, tmp_path_factory, seed_lines):
    case, line, old, new, _, _ = request.param
    lines = list(seed_lines)
    assert old in lines[line - 1], f"fixture drifted: {old} not on line {line}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    folder = tmp_path_factory.mktemp(case)
    src = folder / f"{case}.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    db = folder / "b.duckdb"
    reports = ingest_documents([src], db)
    return request.param, db, reports


def test_only_the_bad_cell_changes(broken, seed_cells) -> None:
    (_, line, printed, _, table, column), db, _ = broken
    cells = _cells(db)
    figure = Decimal(printed.replace(",", ""))
    bad = next(k for k in seed_cells if k[:2] == (table, line) and k[3].endswith(column)
               and seed_cells[k] == figure)
    assert cells[bad] is None, "the unreadable cell must be stored as NULL"
    assert set(cells) == set(seed_cells), "a column appeared or vanished"
    changed = {k for k in seed_cells if cells[k] != seed_cells[k]}
    assert changed == {bad}


def test_warning_names_line_and_column(broken) -> None:
    (_, line, _, new, table, column), _, reports = broken
    (report,) = reports
    assert [(c.table_id, c.line, c.text) for c in report.unreadable_cells] == [(table, line, new)]
    assert column in report.unreadable_cells[0].column
    text = report.text()
    assert f"第{line}行" in text and new in text and "无法识别而留空的单元格 1 个" in text


def test_audit_reports_the_cell_and_keeps_its_checks(broken, seed_checks) -> None:
    (_, line, _, new, table, _), db, _ = broken
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "SELECT left_table, left_line, message FROM audit_findings WHERE check_id = 'unreadable_cell'"
        ).fetchall()
        total = con.execute("SELECT count(*) FROM audit_findings").fetchone()[0]
    finally:
        con.close()
    assert [(t, n) for t, n, _ in found] == [(table, line)]
    assert new in found[0][2]
    assert total >= seed_checks, f"the audit ran fewer checks ({total} < {seed_checks})"


def test_the_column_total_still_answers(broken, tmp_path) -> None:
    """The question the defect broke: 预算03表's 支出合计 is still the printed 7,965.69."""
    from assistant.service import Assistant

    _, db, _ = broken
    answer = Assistant.open(db).ask("预算03表的支出合计是多少")
    assert answer.status == "answered"
    assert "7965.69" in [str(v.value) for v in answer.values] or "7,965.69" in answer.text


def test_unreadable_procurement_cell(tmp_path: Path, seed_lines: list[str], seed_db: Path) -> None:
    """预算12表 (its own table): the 采购金额 of one row unreadable → NULL and a warning; the rest of
    the table as in the seed (before, the whole document was refused)."""
    lines = list(seed_lines)
    at = next(n for n, line in enumerate(lines, 1) if "[A02020100]" in line)
    cells = lines[at - 1].split("\t")
    k = cells.index("3.00", 10)  # the 采购金额 column, after 数量 and 单价
    cells[k] = "叁万元"
    lines[at - 1] = "\t".join(cells)
    src = tmp_path / "proc.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    (report,) = ingest_documents([src], tmp_path / "p.duckdb")
    assert [(c.table_id, c.line, c.text) for c in report.unreadable_cells] == [("预算12表", at, "叁万元")]

    def table(db: Path) -> list[tuple]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT * EXCLUDE (doc_id) FROM procurement ORDER BY row_seq").fetchall()
        finally:
            con.close()

    new, old = table(tmp_path / "p.duckdb"), table(seed_db)
    changed = [(a, b) for a, b in zip(new, old, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].count(None) + 1 == changed[0][0].count(None)
