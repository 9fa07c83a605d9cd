"""预算01–13表: catalogue, row counts, spot values (checked by hand against the seed text, with
their line numbers), blanks as NULL, units — and variants of the seed text proving the parser
follows the document rather than remembering it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_files
from assistant.ingest.layout import merge_header
from assistant.ingest.procurement import split_code
from assistant.ingest.reader import parse_amount

DOC = "jianghan-jxkc-2026-budget"

# (table_id, present, has_rows, labelled, title as printed, line_start)
CATALOGUE = [
    ("预算01表", True, True, True, "2026年收支预算总表", 145),
    ("预算02表", False, False, False, "2026 年收入预算总表", None),
    ("预算03表", True, True, False, "2026年支出预算总表", 189),
    ("预算04表", True, True, True, "2026年财政拨款收支预算总表", 218),
    ("预算05表", True, True, True, "2026年一般公共预算支出表(分功能科目)", 253),
    ("预算06表", True, True, True, "2026年一般公共预算支出表(分单位)", 285),
    ("预算07表", True, True, True, "2026年一般公共预算基本支出表", 299),
    ("预算08表", True, False, True, "2026年一般公共预算“三公”经费支出表", 337),
    ("预算09表", True, False, True, "2026年政府性基金预算支出表", 348),
    ("预算10表", True, False, True, "2026年国有资本经营预算支出表", 361),
    ("预算11表", True, True, False, "2026年项目支出预算表", 374),
    ("预算12表", True, True, False, "2026年政府采购预算表", 393),
    ("预算13表", False, False, False, "2026 年政府向社会力量购买服务预算表", None),
    ("预算14表", True, True, False, "2026 年江汉区部门整体绩效目标申报表", 414),
    ("预算15表", True, True, True, "2026 年江汉区项目支出(绩效目标) 申报表", 592),
]


def q(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize(("table_id", "present", "has_rows", "labelled", "title", "start"), CATALOGUE)
def test_catalogue(seed_con, table_id, present, has_rows, labelled, title, start) -> None:
    row = q(
        seed_con,
        "SELECT present, has_rows, labelled, title, line_start, unit, seq FROM report_tables "
        "WHERE doc_id = ? AND table_id = ?",
        DOC,
        table_id,
    )
    assert row == [
        (present, has_rows, labelled, title, start, "万元" if present else None, int(table_id[2:4]))
    ]


def test_catalogue_lists_fifteen_tables_and_six_forms(seed_con) -> None:
    ids = [
        r[0]
        for r in q(
            seed_con,
            "SELECT table_id FROM report_tables WHERE doc_id = ? ORDER BY seq, "
            "line_start NULLS FIRST, table_id",
            DOC,
        )
    ]
    assert [i for i in ids if "-" not in i] == [f"预算{n:02d}表" for n in range(1, 16)]
    forms = q(
        seed_con,
        "SELECT table_id, line_start, labelled FROM report_tables WHERE table_id LIKE '%-%' "
        "ORDER BY line_start",
    )
    assert forms == [
        ("预算15表-1", 592, True),
        ("预算15表-2", 664, True),
        ("预算15表-3", 764, True),
        ("预算15表-4", 821, True),
        ("预算15表-5", 884, True),
        ("预算15表-6", 971, False),
    ]


@pytest.mark.parametrize(
    ("table_id", "note"),
    [
        ("预算08表", None),
        ("预算09表", "注：本单位无政府性基金预算相关支出"),
        ("预算10表", "注：本单位无国有资本经营预算相关支出"),
    ],
)
def test_empty_tables_have_no_rows_and_keep_their_note(seed_con, table_id, note) -> None:
    assert q(seed_con, "SELECT has_rows, note FROM report_tables WHERE table_id = ?", table_id) == [
        (False, note)
    ]
    assert q(seed_con, "SELECT count(*) FROM line_items WHERE table_id = ?", table_id) == [(0,)]


# (table_id, printed rows, cells = rows × measures)
COUNTS = [
    ("预算01表", 41, 41),
    ("预算03表", 21, 126),
    ("预算04表", 38, 38),
    ("预算05表", 21, 105),
    ("预算06表", 3, 15),
    ("预算07表", 27, 81),
    ("预算11表", 10, 90),
]


@pytest.mark.parametrize(("table_id", "rows", "cells"), COUNTS)
def test_row_counts(seed_con, table_id, rows, cells) -> None:
    got = q(
        seed_con,
        "SELECT count(DISTINCT row_seq), count(*) FROM line_items WHERE doc_id = ? AND table_id = ?",
        DOC,
        table_id,
    )
    assert got == [(rows, cells)]


def test_procurement_row_count(seed_con) -> None:
    assert q(seed_con, "SELECT level, count(*) FROM procurement GROUP BY 1 ORDER BY 1") == [
        ("单位", 1),
        ("合计", 1),
        ("品目", 8),
    ]


# (table_id, side, code or name, measure, expected amount or None, line)
SPOTS = [
    ("预算01表", "收入", "一般公共预算拨款收入", "预算数", "7965.69", 155),
    ("预算01表", "支出", "科学技术支出", "预算数", "7734.67", 159),
    ("预算01表", "支出", "社会保障和就业支出", "预算数", "57.90", 161),
    ("预算01表", "支出", "住房保障支出", "预算数", "101.17", 172),
    ("预算01表", "支出", "国防支出", "预算数", None, 156),
    ("预算01表", "支出", "债务发行费用支出", "预算数", None, 180),
    ("预算01表", "收入", "事业收入", "预算数", None, 159),
    ("预算01表", "收入", "收入总计", "预算数", "7965.69", 183),
    ("预算01表", "支出", "本年支出合计", "预算数", "7965.69", 181),
    ("预算03表", None, "206", "合计", "7734.67", 197),
    ("预算03表", None, "2060199", "基本支出", "159.14", 201),
    ("预算03表", None, "2060404", "基本支出", None, 203),
    ("预算03表", None, "合计", "项目支出", "7174.22", 196),
    ("预算03表", None, "2210203", "事业单位经营支出", None, 216),
    ("预算04表", "收入", "本年收入", "预算数", "7965.69", 223),
    ("预算04表", "支出", "科学技术支出", "预算数", "7734.67", 228),
    ("预算04表", "支出", "住房保障支出", "预算数", "101.17", 241),
    ("预算04表", "支出", "教育支出", "预算数", None, 227),
    ("预算05表", None, "合计", "基本支出", "791.47", 263),
    ("预算05表", None, "2060101", "人员经费", "340.22", 266),
    ("预算05表", None, "2060101", "公用经费", "61.09", 266),
    ("预算05表", None, "2060102", "基本支出", None, 267),
    ("预算05表", None, "2080599", "公用经费", "2.73", 274),
    ("预算05表", None, "2080599", "人员经费", None, 274),
    ("预算05表", None, "20604", "项目支出", "4500.00", 269),
    ("预算06表", None, "501001", "合计", "7965.69", 297),
    ("预算06表", None, "501", "公用经费", "63.82", 296),
    ("预算07表", None, "30101", "人员经费", "120.92", 311),
    ("预算07表", None, "302", "公用经费", "63.82", 320),
    ("预算07表", None, "30239", "合计", "13.01", 332),
    ("预算07表", None, "30307", "公用经费", None, 335),
    ("预算11表", None, "42010326501T000000103", "合计", "4500.00", 389),
    ("预算11表", None, "42010326501T000000103", "本年拨款/一般公共预算", "4500", 389),
    ("预算11表", None, "42010326501T000000105", "财政拨款结转结余/一般公共预算", None, 391),
    ("预算11表", None, "42010326501T000000104", "单位资金", None, 390),
    ("预算11表", None, "31", "合计", "7174.22", 385),
]


@pytest.mark.parametrize(("table_id", "side", "key", "measure", "amount", "line"), SPOTS)
def test_spot_values(seed_con, table_id, side, key, measure, amount, line) -> None:
    rows = q(
        seed_con,
        "SELECT amount, line_no, unit FROM line_items WHERE doc_id = ? AND table_id = ? "
        "AND coalesce(side, '') = ? AND (code = ? OR (code IS NULL AND name = ?)) AND measure = ?",
        DOC,
        table_id,
        side or "",
        key,
        key,
        measure,
    )
    expected = Decimal(amount) if amount is not None else None
    assert rows == [(expected, line, "万元")]


def test_blanks_are_null_never_zero(seed_con) -> None:
    # 预算03表 prints no 事业单位经营支出 at all: every cell is blank.
    assert q(
        seed_con,
        "SELECT count(*), count(amount) FROM line_items WHERE table_id = '预算03表' "
        "AND measure = '事业单位经营支出'",
    ) == [(21, 0)]
    # No printed cell in 01–11 is a literal 0.
    assert q(seed_con, "SELECT count(*) FROM line_items WHERE amount = 0") == [(0,)]


def test_two_row_header_measures(seed_con) -> None:
    measures = {
        r[0] for r in q(seed_con, "SELECT DISTINCT measure FROM line_items WHERE table_id = '预算05表'")
    }
    assert measures == {"合计", "基本支出", "人员经费", "公用经费", "项目支出"}


def test_function_classes_in_summary_tables(seed_con) -> None:
    for table_id in ("预算01表", "预算04表"):
        got = q(
            seed_con,
            "SELECT count(*), count(amount) FROM line_items WHERE table_id = ? AND side = '支出' "
            "AND level = '类'",
            table_id,
        )
        assert got == [(26, 4)]


@pytest.mark.parametrize(
    ("table_id", "code", "level", "kind", "parent"),
    [
        ("预算03表", "206", "类", "function", None),
        ("预算05表", "20601", "款", "function", "206"),
        ("预算05表", "2060404", "项", "function", "20604"),
        ("预算07表", "30101", "款", "economic", "301"),
        ("预算06表", "501001", "单位", "unit", "501"),
        ("预算11表", "501", "单位", "unit", None),
        ("预算11表", "501001", "单位", "unit", "501"),
        ("预算11表", "31", "分组", "item", "501001"),
        ("预算11表", "42010326501T000000100", "项目", "project", "31"),
    ],
)
def test_levels_and_parents(seed_con, table_id, code, level, kind, parent) -> None:
    got = set(
        q(
            seed_con,
            "SELECT level, code_kind, parent_code FROM line_items WHERE table_id = ? AND code = ?",
            table_id,
            code,
        )
    )
    assert got == {(level, kind, parent)}


def test_names_are_cleaned_and_raw_kept(seed_con) -> None:
    assert q(
        seed_con,
        "SELECT DISTINCT name, raw_name FROM line_items WHERE table_id = '预算03表' AND code = '2060199'",
    ) == [("其他科学技术管理事务支出", "其他科学技术管理事务 支出")]
    assert q(
        seed_con,
        "SELECT name, raw_name FROM line_items WHERE table_id = '预算01表' AND line_no = 159 "
        "AND side = '支出'",
    ) == [("科学技术支出", "五、科学技术支出")]
    assert q(
        seed_con, "SELECT DISTINCT extra FROM line_items WHERE table_id = '预算11表' AND level = '项目'"
    ) == [("武汉市江汉区科学技术和经济信息化局本级",)]


@pytest.mark.parametrize(
    ("item_code", "item_name", "amount", "sme", "quantity", "measure_unit", "line"),
    [
        ("A02020100", "复印机", "3.00", "1.80", "1", "1", 403),
        ("A05040101", "复印纸", "2.16", "1.30", "800", "800", 404),
        ("C16010100", "基础软件开发服务", "1681.38", "1008.83", "1", "1", 407),
        ("C16020300", "软件集成实施服务", "571.55", "342.93", "1", "套", 410),
    ],
)
def test_procurement_items(seed_con, item_code, item_name, amount, sme, quantity, measure_unit, line) -> None:
    got = q(
        seed_con,
        "SELECT item_name, amount, sme_amount, quantity, measure_unit, line_no, func_code, "
        "econ_code, fund_source FROM procurement WHERE item_code = ?",
        item_code,
    )
    assert got[0][:6] == (item_name, Decimal(amount), Decimal(sme), Decimal(quantity), measure_unit, line)
    assert got[0][6] and got[0][7] and got[0][8] == "预算安排"


def test_procurement_total(seed_con) -> None:
    assert q(
        seed_con,
        "SELECT amount, sme_amount, micro_amount, quantity, line_no FROM procurement WHERE level = '合计'",
    ) == [(Decimal("2384.46"), Decimal("1430.68"), Decimal("953.98"), Decimal("812"), 401)]


def test_document_row(seed_con, seed_lines) -> None:
    assert q(
        seed_con, "SELECT doc_id, department, year, unit, file_name, line_count, phone FROM documents"
    ) == [(DOC, "江汉区经济信息化和科技创新局", 2026, "万元", f"{DOC}.txt", len(seed_lines), "85626957")]
    assert q(seed_con, "SELECT count(*), min(line_no), max(line_no) FROM source_lines") == [
        (len(seed_lines), 1, len(seed_lines))
    ]
    assert q(seed_con, "SELECT text FROM source_lines WHERE line_no = 3") == [(seed_lines[2],)]


# ------------------------------------------------------------------ unit helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,965.69", Decimal("7965.69")),
        ("<b>7,174.22</b>", Decimal("7174.22")),
        ("7174.22", Decimal("7174.22")),
        ("", None),
        ("  ", None),
        ("0", Decimal("0")),
        ("1,000,000", Decimal("1000000")),
    ],
)
def test_parse_amount(text, expected) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["万元", "7,96", "abc", "1.2.3"])
def test_parse_amount_rejects_text(text) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_merge_header_spans_and_duplicates() -> None:
    assert merge_header(
        [
            ["编码", "名称", "合计", "基本支出", "", "", "项目支出"],
            ["", "", "", "小计", "人员经费", "公用经费", ""],
        ]
    ) == ["编码", "名称", "合计", "基本支出", "人员经费", "公用经费", "项目支出"]
    assert merge_header([["A", "甲", "", "乙", ""], ["", "x", "y", "x", "y"]]) == [
        "A",
        "甲/x",
        "甲/y",
        "乙/x",
        "乙/y",
    ]


def test_split_code() -> None:
    assert split_code("[A02020100]复印机") == ("A02020100", "复印机")
    assert split_code("【2060101】行政运行") == ("2060101", "行政运行")
    assert split_code("预算安排") == (None, "预算安排")
    assert split_code("") == (None, None)


# ------------------------------------------------------------------ variants of the seed text


def _span(lines: list[str], start_pat: str, end_pat: str) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if re.search(start_pat, line))
    end = next(i for i in range(start + 1, len(lines)) if re.search(end_pat, lines[i]))
    return start, end


def _ingest(tmp_path: Path, text: str, name: str = "variant-doc") -> duckdb.DuckDBPyConnection:
    src = tmp_path / f"{name}.txt"
    src.write_text(text, encoding="utf-8")
    db = tmp_path / "v.duckdb"
    assert ingest_files([src], db) == [name]
    return duckdb.connect(str(db), read_only=True)


@pytest.fixture(scope="module")
def seed_text(seed_source: Path) -> str:
    return seed_source.read_text(encoding="utf-8")


def test_variant_renamed_department(tmp_path, seed_text) -> None:
    text = seed_text.replace("江汉区经济信息化和科技创新局", "硚口区发展和改革局").replace("江汉", "硚口")
    con = _ingest(tmp_path, text)
    assert q(con, "SELECT department, year FROM documents") == [("硚口区发展和改革局", 2026)]
    assert q(con, "SELECT count(*) FROM line_items WHERE table_id = '预算05表'") == [(105,)]
    assert q(con, "SELECT DISTINCT name FROM line_items WHERE table_id = '预算06表' AND code = '501'") == [
        ("武汉市硚口区发展和改革局",)
    ]


def test_variant_changed_figure_and_totals(tmp_path, seed_text) -> None:
    # 提租补贴 11.00 → 12.00, and everything that sums over it.
    text = re.sub(
        r"(2210202\t提租补贴\t)11\.00\t11\.00(\t11\.00)?",
        lambda m: m.group(1) + "12.00\t12.00" + ("\t12.00" if m.group(2) else ""),
        seed_text,
    )
    for old, new in [
        ("101.17", "102.17"),
        ("7,965.69", "7,966.69"),
        ("7965.69", "7966.69"),
        ("791.47", "792.47"),
        ("727.65", "728.65"),
    ]:
        text = text.replace(old, new)
    con = _ingest(tmp_path, text)
    assert q(
        con,
        "SELECT amount FROM line_items WHERE table_id = '预算05表' AND code = '2210202' AND measure = '合计'",
    ) == [(Decimal("12.00"),)]
    assert q(con, "SELECT amount FROM line_items WHERE table_id = '预算01表' AND name = '住房保障支出'") == [
        (Decimal("102.17"),)
    ]
    assert sorted(
        q(con, "SELECT side, amount FROM line_items WHERE table_id = '预算01表' AND level = '总计'")
    ) == [("支出", Decimal("7966.69")), ("收入", Decimal("7966.69"))]
    assert (Decimal("7966.69"),) in q(
        con, "SELECT value FROM narrative_facts WHERE subject = '收支总预算' AND measure = 'amount'"
    )


def test_variant_without_procurement_table(tmp_path, seed_text) -> None:
    lines = seed_text.split("\n")
    start, end = _span(lines, r"^#+ .*政府采购预算表$", r"^#+ .*整体绩效目标申报表$")
    con = _ingest(tmp_path, "\n".join(lines[:start] + lines[end:]))
    assert q(con, "SELECT present, has_rows, line_start FROM report_tables WHERE table_id = '预算12表'") == [
        (False, False, None)
    ]
    assert q(con, "SELECT count(*) FROM procurement") == [(0,)]
    assert q(con, "SELECT present FROM report_tables WHERE table_id = '预算14表'") == [(True,)]
    assert q(
        con,
        "SELECT line_end < (SELECT line_start FROM report_tables WHERE table_id = '预算14表') "
        "FROM report_tables WHERE table_id = '预算11表'",
    ) == [(True,)]


def test_variant_tables_found_by_title_not_position_or_label(tmp_path, seed_text) -> None:
    lines = seed_text.split("\n")
    s5, e5 = _span(lines, r"^预算05表", r"^预算06表")
    s6, e6 = _span(lines, r"^预算06表", r"^预算07表")
    lines = lines[:s5] + lines[s6:e6] + lines[s5:e5] + lines[e6:]  # print 06 before 05
    text = re.sub(r"(?m)^预算\s*\d+\s*表(-\d+)?\s*$", "", "\n".join(lines))  # and drop every label
    con = _ingest(tmp_path, text)
    assert q(con, "SELECT count(*) FROM report_tables WHERE labelled") == [(0,)]
    assert q(con, "SELECT count(*) FROM line_items WHERE table_id = '预算05表'") == [(105,)]
    assert q(
        con,
        "SELECT DISTINCT code FROM line_items WHERE table_id = '预算06表' AND code IS NOT NULL ORDER BY 1",
    ) == [("501",), ("501001",)]
    assert q(con, "SELECT count(*) FROM report_tables WHERE table_id LIKE '预算15表-%'") == [(6,)]


def test_variant_unit_and_year_follow_the_document(tmp_path, seed_text) -> None:
    lines = seed_text.split("\n")
    s7, _ = _span(lines, r"^预算07表", r"^预算08表")
    unit_line = next(i for i in range(s7, len(lines)) if lines[i].startswith("单位"))
    lines[unit_line] = "单位：元"
    text = "\n".join(lines).replace("2026", "2027")
    con = _ingest(tmp_path, text, "other-2027")
    assert q(con, "SELECT doc_id, year, unit FROM documents") == [("other-2027", 2027, "万元")]
    assert q(con, "SELECT unit FROM report_tables WHERE table_id = '预算07表'") == [("元",)]
    assert q(con, "SELECT DISTINCT unit FROM line_items WHERE table_id = '预算07表'") == [("元",)]
    assert q(con, "SELECT title FROM report_tables WHERE table_id = '预算01表'") == [("2027年收支预算总表",)]


@pytest.mark.parametrize("numerals", ["digits", "chinese", "toc_only"])
def test_variant_table_list_styles(tmp_path, seed_text, numerals) -> None:
    lines = seed_text.split("\n")
    items = [i for i, line in enumerate(lines) if re.match(r"^- 表 \d+ ", line)]
    if numerals == "toc_only":  # no 表 N list at all: the 目录 entries under 第二部分 are used
        lines = [line for i, line in enumerate(lines) if i not in set(items)]
    elif numerals == "chinese":
        digits = "零一二三四五六七八九"
        for i in items:
            n = int(re.match(r"^- 表 (\d+) ", lines[i]).group(1))
            cn = ("十" if n >= 10 else "") + (digits[n % 10] if n % 10 else "") if n >= 10 else digits[n]
            lines[i] = re.sub(r"^- 表 \d+ ", f"- 表{cn} ", lines[i])
    con = _ingest(tmp_path, "\n".join(lines))
    got = q(con, "SELECT table_id, present FROM report_tables WHERE table_id NOT LIKE '%-%' ORDER BY seq")
    assert [r[0] for r in got] == [f"预算{n:02d}表" for n in range(1, 16)]
    assert [n + 1 for n, r in enumerate(got) if not r[1]] == [2, 13]


def test_variant_garbled_title_found_by_its_label(tmp_path, seed_text) -> None:
    text = seed_text.replace("## 2026年一般公共预算基本支出表", "## 一殷公共预箅基夲攴出")
    con = _ingest(tmp_path, text)
    assert q(
        con, "SELECT present, labelled, line_start, title FROM report_tables WHERE table_id = '预算07表'"
    ) == [(True, True, 299, "一殷公共预箅基夲攴出")]
    assert q(con, "SELECT count(*) FROM line_items WHERE table_id = '预算07表'") == [(81,)]


def test_variant_crlf_and_bom_keep_line_numbers(tmp_path, seed_text) -> None:
    src = tmp_path / "crlf.txt"
    src.write_bytes(b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8"))
    db = tmp_path / "v.duckdb"
    ingest_files([src], db)
    con = duckdb.connect(str(db), read_only=True)
    assert q(
        con,
        "SELECT line_no FROM line_items WHERE table_id = '预算05表' AND code = '2060101' "
        "AND measure = '人员经费'",
    ) == [(266,)]
    assert q(con, "SELECT count(*) FROM source_lines WHERE text LIKE '%\r%'") == [(0,)]


def test_variant_san_gong_row_and_text_column(tmp_path, seed_text) -> None:
    """A printed “三公” row (no code or name column) is the table's 合计, one cell per column; a
    grid column of words (预算13表 目录) is kept as row detail, not refused as an amount."""
    header = "\t\t小计\t公务用车购置费\t公务用车运行费\t"
    assert header in seed_text
    text = seed_text.replace(header, header + "\n1.50\t0.00\t1.00\t0.00\t1.00\t0.50", 1)
    text = text.replace("项目编码\t项目名称\t项目单位\t合计", "项目编码\t项目名称\t项目单位\t备注\t合计", 1)
    text = re.sub(r"(?m)^(42010326501T0000001\d\d\t[^\t]+\t[^\t]+)\t", r"\1\t委托服务\t", text)
    text = re.sub(r"(?m)^(\t合计|501|501001|31)(\t[^\t]+\t)(\t7,174)", r"\1\2\t\3", text)
    con = _ingest(tmp_path, text)
    sql = "SELECT measure, amount FROM line_items WHERE table_id = ? AND level = ?"
    got = dict(q(con, sql, "预算08表", "合计"))
    assert got["合计"] == Decimal("1.50") and got["公务接待费"] == Decimal("0.50")
    assert got["公务用车购置及运行费"] == Decimal("1.00") and len(got) == 6
    details = q(con, "SELECT DISTINCT detail FROM line_items WHERE table_id = '预算11表' AND level = '项目'")
    assert details == [("备注：委托服务",)]
    sql = "SELECT count(*) FROM line_items WHERE table_id = ? AND measure = ?"
    assert q(con, sql, "预算11表", "备注") == [(0,)]
