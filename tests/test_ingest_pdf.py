"""Published PDFs (shanghai-9 layout, 上海市普陀区 disclosures) and bad PDFs.

Spot values were read by hand from the PDFs (pdfplumber text, line numbers of the `.txt`
renderings next to them). The real PDFs live in ../shared/sources/putuo: tests that need them
skip when that folder is absent; the bad PDFs are built in tests/pdf_support.py.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.errors import IngestError
from assistant.ingest.build import ingest_files
from tests.pdf_support import encrypted_pdf, scanned_pdf, text_pdf

ROOT = Path(__file__).resolve().parent.parent
PUTUO = ROOT.parent / "shared" / "sources" / "putuo"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
needs_putuo = pytest.mark.skipif(not (PUTUO / "putuo-swk-2025.pdf").exists(), reason="putuo PDFs absent")
# Levels reached on the case files (accuracy, at most this many answers counted wrong by the scorer).
CASE_LEVELS = {"putuo-swk-2025": (0.95, 0), "putuo-wanli-2025": (0.95, 0)}


@pytest.fixture(scope="session")
def putuo_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not (PUTUO / "putuo-swk-2025.pdf").exists():
        pytest.skip("putuo PDFs absent")
    out = {}
    folder = tmp_path_factory.mktemp("putuo")
    for stem in ("putuo-swk-2025", "putuo-wanli-2025"):
        out[stem] = folder / f"{stem}.duckdb"
        ingest_files([PUTUO / f"{stem}.pdf"], out[stem])
    return out


def _q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@needs_putuo
@pytest.mark.parametrize(
    ("stem", "table_id", "rows"),
    [
        ("putuo-swk-2025", "预算01表", 16),  # 8 printed lines × 收入|支出 halves
        ("putuo-swk-2025", "预算02表", 31),
        ("putuo-swk-2025", "预算03表", 31),
        ("putuo-swk-2025", "预算05表", 31),  # printed over two pages, header repeated
        ("putuo-swk-2025", "预算07表", 31),
        ("putuo-swk-2025", "预算08表", 1),
        ("putuo-swk-2025", "预算09表", 0),  # empty table with a note
        ("putuo-wanli-2025", "预算03表", 67),  # its 合计 row alone on a page
        ("putuo-wanli-2025", "预算07表", 32),
    ],
)
def test_row_counts(putuo_dbs: dict[str, Path], stem: str, table_id: str, rows: int) -> None:
    got = _q(putuo_dbs[stem], "SELECT count(DISTINCT row_seq) FROM line_items WHERE table_id = ?", [table_id])
    assert got[0][0] == rows


@needs_putuo
@pytest.mark.parametrize(
    ("stem", "table_id", "code", "name", "measure", "amount", "line"),
    [
        ("putuo-swk-2025", "预算07表", "30301", "离休费", "人员经费", "251936.00", 338),
        ("putuo-swk-2025", "预算02表", "2011301", "行政运行", "合计", "9389913.00", 167),
        (
            "putuo-swk-2025",
            "预算03表",
            "2150899",
            "其他支持中小企业发展和管理支出",
            "项目支出",
            "293810000.00",
            226,
        ),
        ("putuo-swk-2025", "预算05表", "2080599", "其他行政事业单位养老支出", "基本支出", "13260.00", 273),
        ("putuo-wanli-2025", "预算03表", "21201", "城乡社区管理事务", "合计", "94995790", None),
        ("putuo-wanli-2025", "预算02表", "2070308", "群众体育", "合计", "200000", 169),
        ("putuo-wanli-2025", "预算07表", "30199", "其他工资福利支出", "人员经费", "40124897", 424),
    ],
)
def test_spot_values(
    putuo_dbs: dict[str, Path],
    stem: str,
    table_id: str,
    code: str,
    name: str,
    measure: str,
    amount: str,
    line: int | None,
) -> None:
    rows = _q(
        putuo_dbs[stem],
        "SELECT name, amount, unit, line_no, parent_code FROM line_items "
        "WHERE table_id = ? AND code = ? AND measure = ?",
        [table_id, code, measure],
    )
    assert len(rows) == 1
    got_name, got_amount, unit, got_line, parent = rows[0]
    assert (got_name, got_amount, unit) == (name, Decimal(amount), "元")
    assert parent == code[: len(code) - 2]  # codes printed '201 13 01' are one code with its parent
    if line is not None:
        assert got_line == line


@needs_putuo
def test_total_row_alone_on_a_page(putuo_dbs: dict[str, Path]) -> None:
    rows = _q(
        putuo_dbs["putuo-wanli-2025"],
        "SELECT measure, amount, line_no FROM line_items "
        "WHERE table_id = '预算03表' AND level = '合计' ORDER BY measure",
    )
    assert rows == [
        ("合计", Decimal(189767551), 288),
        ("基本支出", Decimal(101341746), 288),
        ("项目支出", Decimal(88425805), 288),
    ]


@needs_putuo
def test_units_per_value(putuo_dbs: dict[str, Path]) -> None:
    db = putuo_dbs["putuo-swk-2025"]
    assert _q(db, "SELECT unit, layout, source_kind FROM documents") == [("元", "shanghai-9", "pdf")]
    san_gong = dict(_q(db, "SELECT measure, amount FROM line_items WHERE table_id = '预算08表'"))
    assert _q(db, "SELECT DISTINCT unit FROM line_items WHERE table_id = '预算08表'") == [("万元",)]
    assert san_gong["机关运行经费"] == Decimal("171.01") and san_gong["合计"] == Decimal("1.00")
    fact = _q(db, "SELECT value, unit, line_no FROM narrative_facts WHERE subject = '政府采购预算'")
    assert fact == [(Decimal("38.2"), "万元", 361)]
    pages = dict(_q(db, "SELECT line_no, page FROM source_lines WHERE line_no IN (1, 147, 338)"))
    assert pages == {1: 1, 147: 9, 338: 20}


@needs_putuo
def test_audit_finds_the_misprinted_parent(putuo_dbs: dict[str, Path]) -> None:
    rows = _q(
        putuo_dbs["putuo-wanli-2025"],
        "SELECT left_value, right_value FROM audit_findings "
        "WHERE check_id = 'parent_sum' AND status = 'fail' "
        "AND left_label LIKE '%城乡社区管理事务%' AND left_table = '预算03表'",
    )
    assert (Decimal(94995790), Decimal(94995789)) in rows


@needs_putuo
def test_audit_finds_two_increase_figures(putuo_dbs: dict[str, Path]) -> None:
    """商务委 2025: income and spending are both 37,151.47 万元 but rise by different amounts."""
    rows = _q(
        putuo_dbs["putuo-swk-2025"],
        "SELECT status, left_value, right_value, left_line, right_line FROM audit_findings "
        "WHERE check_id = 'narrative_consistency'",
    )
    assert rows == [("fail", Decimal("24558.18"), Decimal("24491.71"), 116, 117)]
    # the narrative's 万元 figures agree with the 元 tables once converted: no other failure
    fails = _q(putuo_dbs["putuo-swk-2025"], "SELECT count(*) FROM audit_findings WHERE status = 'fail'")
    assert fails[0][0] == 1


@needs_putuo
def test_codes_that_lost_their_leading_zero(tmp_path: Path) -> None:
    """万里街道 2024 prints 301 | 2 (津贴补贴) and 301 | 7 (绩效工资): the codes are 30102, 30107."""
    db = tmp_path / "w.duckdb"
    ingest_files([PUTUO / "putuo-wanli-2024.pdf"], db)
    codes = {c for (c,) in _q(db, "SELECT DISTINCT code FROM line_items WHERE table_id = '预算07表'")}
    assert {"30102", "30107"} <= codes and not {"3012", "3017"} & codes
    assert _q(db, "SELECT count(*) FROM audit_findings WHERE status = 'fail'")[0][0] == 0


@needs_putuo
@pytest.mark.parametrize(
    ("question", "value", "unit", "page"),
    [
        ("离休费安排了多少？", 251936.0, "元", 20),
        ("公务接待费多少万元", 1.0, "万元", 20),  # 10,000.00 元 in the table, converted on request
    ],
)
def test_answers_state_the_printed_unit(
    putuo_dbs: dict[str, Path], question: str, value: float, unit: str, page: int
) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "--db",
            str(putuo_dbs["putuo-swk-2025"]),
            "ask",
            "--json",
            question,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    answer = json.loads(out.stdout)
    assert {"value": value, "unit": unit} in [
        {"value": v["value"], "unit": v["unit"]} for v in answer["values"]
    ]
    assert answer["citations"][0]["page"] == page


@needs_putuo
@pytest.mark.parametrize("stem", sorted(CASE_LEVELS))
def test_case_files_keep_their_level(putuo_dbs: dict[str, Path], stem: str) -> None:
    if not SCORER.exists():
        pytest.skip("scorer absent")
    out = subprocess.run(
        [sys.executable, str(SCORER), "--db", str(putuo_dbs[stem]), str(PUTUO / f"{stem}.cases.jsonl")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    accuracy = float(out.stdout.split("accuracy ")[1].split()[0])
    wrong = int(out.stdout.split("wrong figures ")[1].split()[0])
    level, max_wrong = CASE_LEVELS[stem]
    assert accuracy >= level and wrong <= max_wrong, out.stdout[-400:]


@needs_putuo
@pytest.mark.parametrize("stem", ["putuo-wanli-2024", "putuo-wanli-2023", "putuo-qzfb-2025"])
def test_other_documents_ingest(tmp_path: Path, stem: str) -> None:
    db = tmp_path / "b.duckdb"
    ingest_files([PUTUO / f"{stem}.pdf"], db)
    # the layout's 9 tables (the 2023 document's per-project forms are listed as 预算15表-N besides)
    tables = _q(db, "SELECT count(*) FROM report_tables WHERE present AND table_id NOT LIKE '预算15表%'")
    assert tables[0][0] == 9


def test_text_sources_keep_the_seed_layout(seed_con: duckdb.DuckDBPyConnection) -> None:
    assert seed_con.execute("SELECT layout, source_kind FROM documents").fetchall() == [("hubei-15", "text")]
    assert seed_con.execute("SELECT count(*) FROM source_lines WHERE page IS NOT NULL").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("data", "expected_zh", "expected_en"),
    [
        (encrypted_pdf(), "已加密", "encrypted"),
        (scanned_pdf(), "扫描件", "text layer"),
        (text_pdf("Quarterly sales report of a shop"), "部门预算文档", "known layout"),
        (b"%PDF-1.4 truncated", "可读取的 PDF", "readable PDF"),
    ],
    ids=["encrypted", "scanned", "not-a-budget", "broken"],
)
def test_bad_pdfs_leave_the_database_alone(
    tmp_path: Path, seed_db: Path, data: bytes, expected_zh: str, expected_en: str
) -> None:
    db = tmp_path / "budget.duckdb"
    db.write_bytes(seed_db.read_bytes())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    with pytest.raises(IngestError) as info:
        ingest_files([bad], db)
    assert expected_zh in str(info.value) and expected_en in str(info.value)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pdf", "budget.duckdb"]


def _ask(db: Path, question: str):
    from assistant.service import Assistant

    return Assistant.open(db).ask(question)


@needs_putuo
@pytest.mark.parametrize(
    ("stem", "question", "values", "unit"),
    [
        # a figure typed with its unit is looked up in the tables' 元
        ("putuo-swk-2025", "251936元是哪一项？", [251936.0], "元"),
        # each quarter when asked for each, one when one is named
        ("putuo-wanli-2025", "社区公共服务中心工程第二季度用款计划多少？", [15.0], "万元"),
        # the narrative's share, never the whole 政府采购 figure
        ("putuo-wanli-2025", "面向中小企业预留的政府采购预算有多少", [1928.48], "万元"),
        # a two-part question: each clause its own fact
        ("putuo-wanli-2025", "街道现在有几辆车？今年还要买几辆？", [8.0, 1.0], "辆"),
        # a column of the total line from the 基本支出 table where the 功能分类 table has none
        ("putuo-swk-2025", "人员经费多少？", [18120593.0], "元"),
    ],
)
def test_answers_on_the_pdf(
    putuo_dbs: dict[str, Path], stem: str, question: str, values: list[float], unit: str
) -> None:
    answer = _ask(putuo_dbs[stem], question)
    assert answer.status == "answered", answer.text
    # (a figure in 元 is said again in 万元: the same figure, not one more)
    own = [v for v in answer.values
           if not (v.unit == "万元" and any(f"{o.label}（万元）" == v.label for o in answer.values))]
    assert [v.value for v in own] == values
    assert {v.unit for v in own} == {unit}
    assert "预算0" not in answer.text  # named by the document's own titles


@needs_putuo
@pytest.mark.parametrize(
    ("stem", "question"),
    [
        ("putuo-wanli-2025", "社区公共服务中心新建工程总投资是多少？"),  # the section states none
        ("putuo-swk-2025", "生命健康专项的绩效指标具体有哪些？"),  # only '详见…绩效目标表'
    ],
)
def test_project_questions_without_a_figure(putuo_dbs: dict[str, Path], stem: str, question: str) -> None:
    answer = _ask(putuo_dbs[stem], question)
    assert answer.status == "unanswerable" and not answer.values


def test_column_totals_on_the_seed(seed_db: Path) -> None:
    """'基本支出和项目支出各是多少' on the seed: both columns of 预算03表's 合计 line, in 万元 (the
    each query: every subject read alone, query/each.py)."""
    answer = _ask(seed_db, "基本支出和项目支出各是多少？")
    assert [(v.value, v.unit) for v in answer.values] == [(791.47, "万元"), (7174.22, "万元")]
    assert [c.table for c in answer.citations] == ["预算03表", "预算03表"]


# A 支出预算总表 printed with the rows the PDFs show: a label wrapped onto its own line, a row whose
# amounts went over to the next page, a 合计 row alone on a page with fewer cells, a lost zero.
SPLIT_TABLE = [
    "2025年部门支出预算总表",
    "编制部门：某部门 单位：元",
    "项目\t\t\t\t支出预算",
    "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
    "类\t款\t项",
    "201\t\t\t一般公共服务支出\t10.00\t4.00\t6.00",
    "201\t13\t\t商贸事务",
    "",
    "\t\t\t\t10.00\t4.00\t6.00",
    "201\t13\t1\t行政运行",
    "\t\t\t（含机关服务）",
    "\t\t\t\t10.00\t4.00\t6.00",
    "合计\t10.00\t4.00\t6.00",
]


def test_split_rows_are_joined() -> None:
    from assistant.ingest.catalog import TableSpan
    from assistant.ingest.layouts import load_layouts
    from assistant.ingest.titled import normalise_grid

    layout = next(lay for lay in load_layouts() if lay.name == "shanghai-9")
    span = TableSpan(
        "预算03表", 3, SPLIT_TABLE[0], True, line_start=1, line_end=len(SPLIT_TABLE), title_line=1
    )
    rows = [r for r in normalise_grid(layout, SPLIT_TABLE, span) if "\t" in r]
    assert rows == [
        "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "201\t一般公共服务支出\t10.00\t4.00\t6.00",
        "20113\t商贸事务\t10.00\t4.00\t6.00",
        "2011301\t行政运行（含机关服务）\t10.00\t4.00\t6.00",
        "\t合计\t10.00\t4.00\t6.00",
    ]


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        # the 目录 entry is no table: no 单位 line follows it
        (
            [
                "目 录",
                "1. 2025年部门财务收支预算总表",
                "",
                "2025年部门财务收支预算总表",
                "编制部门：某部门 单位：元",
            ],
            [4],
        ),
        # the unit printed on the title line
        (["2025年部门支出预算总表 单位：元", "项目\t支出预算"], [1]),
        # a 单位预算 names its tables 单位…
        (["2025年单位收入预算总表", "编制单位：某中心 单位：元"], [1]),
        # another table's title is not this one's (财政拨款收支 vs 财务收支)
        (["2025年部门财政拨款收支预算总表", "单位：元"], [1]),
    ],
)
def test_tables_found_by_title(lines: list[str], found: list[int]) -> None:
    from assistant.ingest.layouts import load_layouts
    from assistant.ingest.titled import find_tables

    layout = next(lay for lay in load_layouts() if lay.name == "shanghai-9")
    got = find_tables(layout, lines)
    assert [no for _, no, _ in got] == found
    roles = [spec.role for spec, _, _ in got]
    assert len(set(roles)) == len(roles)
    if "财政拨款" in lines[0]:
        assert roles == ["预算04表"]
