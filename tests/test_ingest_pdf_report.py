"""The ingest report and cell warnings for documents of a titled layout (shanghai-9).

Row counts are printed lines per table, checked by hand against ../shared/sources/putuo (the
`.txt` renderings give the line numbers). The real documents live there: tests skip without them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_documents
from assistant.ingest.report import DocumentReport

ROOT = Path(__file__).resolve().parent.parent
PUTUO = ROOT.parent / "shared" / "sources" / "putuo"
needs_putuo = pytest.mark.skipif(not (PUTUO / "putuo-swk-2025.pdf").exists(), reason="putuo PDFs absent")
BAD_LINE = 338  # 预算07表 30301 离休费: 合计 251,936.00, 人员经费 251,936.00


@pytest.fixture(scope="module")
def swk_report(tmp_path_factory: pytest.TempPathFactory) -> DocumentReport:
    if not (PUTUO / "putuo-swk-2025.pdf").exists():
        pytest.skip("putuo PDFs absent")
    db = tmp_path_factory.mktemp("report") / "swk.duckdb"
    (report,) = ingest_documents([PUTUO / "putuo-swk-2025.pdf"], db)
    return report


@needs_putuo
@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("layout", "shanghai-9"),
        ("department", "上海市普陀区商务委员会"),
        ("year", 2025),
        ("tables_listed", 9),
        ("tables_found", 9),
        ("forms", 0),
        ("narrative_parts", 5),
        ("unreadable_cells", ()),
        ("warnings", ()),  # a PDF is never reported as cut mid-line
    ],
)
def test_pdf_report_fields(swk_report: DocumentReport, field: str, expected: object) -> None:
    assert getattr(swk_report, field) == expected


@needs_putuo
@pytest.mark.parametrize(
    ("table_id", "rows"),
    [("预算01表", 8), ("预算02表", 31), ("预算05表", 31), ("预算07表", 31), ("预算08表", 1)],
)
def test_pdf_report_rows_per_table(swk_report: DocumentReport, table_id: str, rows: int) -> None:
    assert swk_report.rows_per_table[table_id] == rows
    assert "预算09表" not in swk_report.rows_per_table  # empty table with a note


@needs_putuo
def test_pdf_report_text_names_the_layout(swk_report: DocumentReport) -> None:
    text = swk_report.text()
    assert "版式 shanghai-9 定义 9 张，正文找到 9 张" in text and "目录列出" not in text
    assert "预算02表 31 行" in text and "无警告" in text


@needs_putuo
@pytest.mark.parametrize(("cell", "warned"), [("二十五万", True), ("251,936.00", False)])
def test_titled_text_with_an_unreadable_cell(tmp_path: Path, cell: str, warned: bool) -> None:
    """One bad cell of a titled layout's table is NULL with a warning; every other figure stays."""
    lines = (PUTUO / "putuo-swk-2025.txt").read_text(encoding="utf-8").split("\n")
    assert lines[BAD_LINE - 1].split("\t")[3] == "251,936.00"
    row = lines[BAD_LINE - 1].split("\t")
    lines[BAD_LINE - 1] = "\t".join([*row[:3], cell, *row[4:]])
    source = tmp_path / "swk.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "swk.duckdb"
    (report,) = ingest_documents([source], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT table_id, line_no, text FROM ingest_warnings").fetchall()
        amounts = dict(con.execute(
            "SELECT measure, amount FROM line_items WHERE line_no = ? AND measure IN ('合计', '人员经费')",
            [BAD_LINE],
        ).fetchall())
        found = con.execute(
            "SELECT count(*) FROM audit_findings WHERE check_id = 'unreadable_cell'"
        ).fetchone()
    finally:
        con.close()
    assert report.warnings == ()  # a titled text ending on a heading is not called truncated
    assert str(amounts["人员经费"]) == "251936.00"
    if warned:
        assert stored == [("预算07表", BAD_LINE, cell)] and amounts["合计"] is None
        assert [(c.table_id, c.line) for c in report.unreadable_cells] == [("预算07表", BAD_LINE)]
        assert found == (1,)
    else:
        assert stored == [] and report.unreadable_cells == () and found == (0,)
