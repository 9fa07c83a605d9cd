"""Narrative parts: paragraphs with section paths, facts stated in the text, the glossary.

Expected facts were read off the seed text by hand (line numbers included)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_files
from assistant.ingest.facts import extract_facts

DOC = "jianghan-jxkc-2026-budget"


def q(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize(
    ("part", "count"), [("第一部分", 22), ("第三部分", 37), ("第四部分", 5), ("第五部分", 19)]
)
def test_paragraph_counts(seed_con, part, count) -> None:
    assert q(seed_con, "SELECT count(*) FROM paragraphs WHERE doc_id = ? AND part = ?", DOC, part) == [
        (count,)
    ]


@pytest.mark.parametrize(
    ("line", "part", "section", "end", "starts"),
    [
        (79, "第一部分", "一、主要职能", 79, "（一）贯彻执行"),
        (109, "第一部分", "一、主要职能", 111, "（十六）按规定承担"),  # broken over a blank line, joined
        (125, "第一部分", "二、预算单位构成情况", 125, "本部门由机关本级"),
        (1050, "第三部分", "一、收支预算总体安排情况", 1050, "2026 年收支总预算"),
        (1072, "第三部分", "五、一般公共预算支出安排情况 / （二）一般公共预算拨款结构情况", 1074, "基本支出"),
        (
            1078,
            "第三部分",
            "五、一般公共预算支出安排情况 / （三）一般公共预算拨款具体使用情况",
            1078,
            "1、科学技术支出",
        ),
        (1102, "第三部分", "六、一般公共预算基本支出安排情况", 1102, "2026 年一般公共预算基本支出"),
        (
            1133,
            "第三部分",
            "十、其他重要事项的情况说明 / （一）机关运行经费情况",
            1133,
            "2026 年机关运行经费",
        ),
        (
            1169,
            "第四部分",
            "二、2026年一般公共预算“三公”经费预算情况 / （一）因公出国（境）费用",
            1169,
            "预算控制数",
        ),
        (1181, "第五部分", "名词解释", 1181, "（一）财政拨款收入"),
        (1191, "第五部分", "名词解释", 1193, "（六）经济分类科目"),
    ],
)
def test_paragraph_sections(seed_con, line, part, section, end, starts) -> None:
    rows = q(seed_con, "SELECT part, section, line_end, text FROM paragraphs WHERE line_start = ?", line)
    assert len(rows) == 1
    assert rows[0][:3] == (part, section, end)
    assert rows[0][3].startswith(starts)


def test_joined_paragraph_keeps_words_whole(seed_con) -> None:
    text = q(seed_con, "SELECT text FROM paragraphs WHERE line_start = 1072")[0][0]
    assert "公用经费 63.82 万元" in text


def test_tables_and_toc_are_not_narrative(seed_con) -> None:
    assert q(
        seed_con, "SELECT count(*) FROM paragraphs WHERE line_start BETWEEN 127 AND 1043 OR line_start < 75"
    ) == [(0,)]


# (line, subject, measure, year, value, unit)
FACTS = [
    (1050, "收支总预算", "amount", 2026, "7965.69", "万元"),
    (1050, "收支总预算", "change", 2026, "1593.58", "万元"),
    (1050, "收支总预算", "rate", 2026, "25.01", "%"),
    (1054, "一般公共预算拨款收入", "share", 2026, "100", "%"),
    (1062, "社会保障和就业支出", "amount", 2026, "57.9", "万元"),
    (1072, "基本支出", "amount", 2026, "791.47", "万元"),
    (1072, "基本支出", "share", 2026, "9.94", "%"),
    (1074, "公用经费", "amount", 2026, "63.82", "万元"),
    (1074, "项目支出", "share", 2026, "90.06", "%"),
    (1078, "行政运行", "amount", 2026, "401.31", "万元"),
    (1090, "行政单位医疗", "amount", 2026, "22.10", "万元"),
    (1104, "工资福利支出", "amount", 2026, "712.15", "万元"),
    (1123, "科技研究与开发资金", "amount", 2026, "4500.00", "万元"),
    (1133, "机关运行经费", "amount", 2026, "63.82", "万元"),
    (1133, "机关运行经费", "amount", 2025, "56.80", "万元"),
    (1133, "机关运行经费", "change", 2026, "7.02", "万元"),
    (1133, "机关运行经费", "rate", 2026, "12.36", "%"),
    (1137, "货物类", "amount", 2026, "8.64", "万元"),
    (1137, "服务类", "amount", 2026, "2375.84", "万元"),
    (1137, "政府采购预算支出", "amount", 2026, "2384.46", "万元"),
    (1137, "政府采购预算支出", "rate", 2026, "99.99", "%"),
    (1141, "政府购买服务支出", "amount", 2026, "0", "万元"),
    (1145, "委托业务费", "amount", 2026, "0", "万元"),
    (1149, "房屋面积", "area", 2025, "914.43", "平方米"),
    (1149, "一般公务用车", "count", 2025, "0", "辆"),
    (1149, "一般执法执勤用车", "count", 2025, "0", "辆"),
    (1149, "特种专业技术用车", "count", 2025, "0", "辆"),
    (1169, "因公出国（境）费用", "amount", 2026, "0", "万元"),
    (1173, "公务接待费", "amount", 2026, "0", "万元"),
    (1177, "公务用车购置费", "amount", 2026, "0", "万元"),
    (1177, "运行维护费", "amount", 2026, "0", "万元"),
    (125, "下属二级事业单位", "count", 2026, "2", "家"),
]


@pytest.mark.parametrize(("line", "subject", "measure", "year", "value", "unit"), FACTS)
def test_facts(seed_con, line, subject, measure, year, value, unit) -> None:
    rows = q(
        seed_con,
        "SELECT value, unit, sentence FROM narrative_facts WHERE doc_id = ? AND line_no = ? "
        "AND subject = ? AND measure = ? AND year = ?",
        DOC,
        line,
        subject,
        measure,
        year,
    )
    assert [(r[0], r[1]) for r in rows] == [(Decimal(value), unit)]
    assert value.rstrip("0").rstrip(".") in rows[0][2].replace(",", "")


def test_years_are_not_figures(seed_con) -> None:
    assert q(
        seed_con, "SELECT count(*) FROM narrative_facts WHERE value IN (2024, 2025, 2026, 12, 31, 201)"
    ) == [(0,)]


def test_every_fact_sits_in_a_paragraph(seed_con) -> None:
    assert q(
        seed_con,
        "SELECT count(*) FROM narrative_facts f WHERE NOT EXISTS (SELECT 1 FROM paragraphs p "
        "WHERE f.line_no BETWEEN p.line_start AND p.line_end AND p.part = f.part)",
    ) == [(0,)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2027 年差旅费 12.5 万元比 2026 年预算减少 3.5 万元，下降 21.88%。",
            [
                ("差旅费", "amount", 2027, "12.5", "万元"),
                ("差旅费", "change", 2027, "-3.5", "万元"),
                ("差旅费", "rate", 2027, "-21.88", "%"),
            ],
        ),
        (
            "截至 2026 年 6 月 30 日，单位房屋面积共有 1,200.5 平方米，机要通信用车 3 辆。",
            [("房屋面积", "area", 2026, "1200.5", "平方米"), ("机要通信用车", "count", 2026, "3", "辆")],
        ),
        (
            "其中：培训费 2 万元，占 10%。",
            [("培训费", "amount", 2030, "2", "万元"), ("培训费", "share", 2030, "10", "%")],
        ),
    ],
)
def test_extract_facts_generic(text, expected) -> None:
    got = [
        (f["subject"], f["measure"], f["year"], f["value"], f["unit"]) for f in extract_facts(text, 2030, "x")
    ]
    assert got == [(s, m, y, Decimal(v), u) for s, m, y, v, u in expected]


def test_extract_facts_falls_back_to_section_subject() -> None:
    facts = extract_facts("预算控制数为 0 万元，与上年预算持平。", 2026, "二、“三公”经费 / （二）公务接待费")
    assert [(f["subject"], f["value"]) for f in facts] == [("公务接待费", Decimal("0"))]


# ------------------------------------------------------------------ glossary


def test_glossary_terms(seed_con) -> None:
    terms = q(seed_con, "SELECT term, line_no FROM glossary WHERE kind = 'term' ORDER BY line_no")
    assert terms == [
        ("财政拨款收入", 1181),
        ("基本支出", 1183),
        ("项目支出", 1185),
        ("“三公”经费", 1187),
        ("机关运行经费", 1189),
        ("经济分类科目", 1191),
    ]
    definition = q(seed_con, "SELECT definition FROM glossary WHERE term = '经济分类科目'")[0][0]
    assert definition.startswith("按支出的经济性质") and definition.endswith("部门预算经济分类。")


@pytest.mark.parametrize(
    ("term", "path", "line"),
    [
        ("行政运行", "科学技术支出(类)科学技术管理事务(款)行政运行(项)", 1197),
        ("科技成果转化与扩散", "科学技术支出(类)研究与开发(款)科技成果转化与扩散(项)", 1201),
        ("公务员医疗补助", "卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项)", 1211),
        ("住房货币化", "住房保障支出（类）住房改革支出（款）住房货币化（项）", 1217),
    ],
)
def test_glossary_function_codes(seed_con, term, path, line) -> None:
    rows = q(
        seed_con, "SELECT path, definition FROM glossary WHERE kind = 'function_code' AND term = ?", term
    )
    assert rows[0][0] == path and rows[0][1].startswith("反映")
    assert q(seed_con, "SELECT line_no FROM glossary WHERE term = ?", term) == [(line,)]
    assert q(seed_con, "SELECT count(*) FROM glossary WHERE kind = 'function_code'") == [(11,)]


# ------------------------------------------------------------------ variants


def test_variant_without_part_four(tmp_path: Path, seed_source: Path) -> None:
    lines = seed_source.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("## 第四部分"))
    end = next(i for i, line in enumerate(lines) if line.startswith("## 第五部分"))
    src = tmp_path / "no-part-four.txt"
    src.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    db = tmp_path / "v.duckdb"
    ingest_files([src], db)
    con = duckdb.connect(str(db), read_only=True)
    assert q(con, "SELECT count(*) FROM paragraphs WHERE part = '第四部分'") == [(0,)]
    assert q(con, "SELECT count(*) FROM narrative_facts WHERE subject = '公务接待费'") == [(0,)]
    assert q(con, "SELECT count(*) FROM glossary") == [(17,)]
    assert q(con, "SELECT min(line_start) FROM paragraphs WHERE part = '第五部分'") == [(start + 3,)]


def test_variant_changed_narrative_figure(tmp_path: Path, seed_source: Path) -> None:
    text = seed_source.read_text(encoding="utf-8").replace(
        "房屋面积共有 914.43 平方米", "房屋面积共有 1,024.5 平方米"
    )
    src = tmp_path / "area.txt"
    src.write_text(text, encoding="utf-8")
    db = tmp_path / "v.duckdb"
    ingest_files([src], db)
    con = duckdb.connect(str(db), read_only=True)
    assert q(con, "SELECT value, unit FROM narrative_facts WHERE subject = '房屋面积'") == [
        (Decimal("1024.5"), "平方米")
    ]
