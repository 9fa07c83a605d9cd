"""A second document of the same layout (硚口区商务局 2025, fictional): different codes, two units,
a non-empty 预算08表, present 预算02/13表, a 政府性基金 row in 预算09表 — every table's rows, the
two inconsistencies planted in it, the two documents side by side, and the assistant's answers
to its question file (accuracy floor, no wrong figures).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_files

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "fixtures" / "docs"
SOURCE = DOCS / "qiaokou-swj-2025-budget.txt"
QUESTIONS = DOCS / "qiaokou-swj-2025-questions.jsonl"
SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
DOC = "qiaokou-swj-2025-budget"

# Measured on this document: 45 of 50 cases answered correctly.
ACCURACY_FLOOR = 0.90
# Pipeline failures handed to the pipeline engineers (mechanism in the lead's report); each states
# a wrong figure today. Remove an id once its mechanism is fixed.
KNOWN_PIPELINE_FAILURES = {
    "qk-001": "measure = a 预算02表 column label (政府性基金预算) not recognised; table total given",
    "qk-010": "“三公”经费 column (公务用车运行费) not matched; narrative 三公 total given",
    "qk-030": "short unit name (招商服务中心) ambiguous with a project; `total` rule answers the dept",
    "qk-032": "'有没有支出' always routed to the empty-table lookup; 预算09表 has rows",
    "qk-037": "政府购买服务 routed to procurement (政府采购) by the 购买 keyword",
}
TOL = 0.005


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("second") / "qiaokou.duckdb"
    ingest_files([SOURCE], path)
    return path


@pytest.fixture(scope="module")
def con(db: Path):
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def q(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def cell(
    con, table_id: str, measure: str, code: str | None = None, name: str | None = None
) -> Decimal | None:
    sql = "SELECT amount FROM line_items WHERE table_id = ? AND measure = ?"
    params: list[object] = [table_id, measure]
    if code is not None:
        sql += " AND code = ?"
        params.append(code)
    if name is not None:
        sql += " AND name = ?"
        params.append(name)
    (row,) = q(con, sql, *params)
    return row[0]


# ------------------------------------------------------------------------------ catalogue


def test_document_and_catalogue(con) -> None:
    assert q(con, "SELECT department, year, unit FROM documents") == [("硚口区商务局", 2025, "万元")]
    tables = {
        r[0]: r[1:] for r in q(con, "SELECT table_id, present, has_rows, labelled, note FROM report_tables")
    }
    assert all(tables[f"预算{n:02d}表"][0] for n in range(1, 16))
    for table_id in ("预算02表", "预算08表", "预算09表", "预算13表"):
        assert tables[table_id][1], table_id
    assert tables["预算10表"][1] is False and tables["预算10表"][3].startswith("注：本单位无国有资本")
    assert [t for t, v in tables.items() if not v[2]] == [
        "预算03表",
        "预算11表",
        "预算12表",
        "预算14表",
        "预算15表-4",
    ]
    forms = q(con, "SELECT table_id, project_name FROM project_forms ORDER BY line_start")
    assert [f[0] for f in forms] == [f"预算15表-{n}" for n in range(1, 5)]


@pytest.mark.parametrize(
    ("table_id", "rows", "cells"),
    [
        ("预算01表", 41, 41),
        ("预算02表", 4, 32),
        ("预算03表", 23, 138),
        ("预算04表", 38, 38),
        ("预算05表", 20, 100),
        ("预算06表", 4, 20),
        ("预算07表", 31, 93),
        ("预算08表", 1, 6),
        ("预算09表", 4, 12),
        ("预算11表", 12, 108),
        ("预算13表", 3, 12),
    ],
)
def test_row_counts(con, table_id: str, rows: int, cells: int) -> None:
    assert q(
        con, "SELECT count(DISTINCT row_seq), count(*) FROM line_items WHERE table_id = ?", table_id
    ) == [(rows, cells)]


# ------------------------------------------------------------------------------ spot values


@pytest.mark.parametrize(
    ("table_id", "measure", "code", "name", "value"),
    [
        ("预算01表", "预算数", None, "事业收入", "20.00"),
        ("预算01表", "预算数", None, "其他支出", "30.00"),
        ("预算02表", "事业收入", "501002", None, "20.00"),
        ("预算02表", "政府性基金预算", "501001", None, "30.00"),
        ("预算02表", "合计", "501002", None, "263.20"),
        ("预算03表", "基本支出", "2011350", None, "139.60"),  # 事业收入 20.00 on top of 119.60
        ("预算04表", "预算数", None, "支出总计", "1526.46"),
        ("预算05表", "人员经费", "2011301", None, "310.15"),
        ("预算05表", "项目支出", "2011399", None, "552.30"),
        ("预算06表", "基本支出", "501002", None, "158.00"),
        ("预算06表", "公用经费", "501001", None, "52.80"),
        ("预算07表", "公用经费", "30217", None, "2.50"),
        ("预算07表", "合计", "30199", None, "12.50"),
        ("预算07表", "人员经费", "30302", None, "18.60"),
        ("预算09表", "合计", "2290401", None, "30.00"),
        ("预算11表", "本年拨款/政府性基金预算", "42010425501T000000204", None, "30.00"),
        ("预算11表", "合计", "42010425502T000000102", None, "38.40"),
        ("预算13表", "合计", "42010425502T000000101", None, "46.80"),
    ],
)
def test_spot_values(con, table_id, measure, code, name, value) -> None:
    assert cell(con, table_id, measure, code, name) == Decimal(value)


def test_san_gong_table_has_one_row_per_column(con) -> None:
    got = dict(q(con, "SELECT measure, amount FROM line_items WHERE table_id = '预算08表'"))
    assert got == {
        "合计": Decimal("5.70"),
        "因公出国（境）费": Decimal("0.00"),
        "公务用车购置及运行费": Decimal("3.20"),
        "公务用车购置费": Decimal("0.00"),
        "公务用车运行费": Decimal("3.20"),
        "公务接待费": Decimal("2.50"),
    }
    assert q(
        con, "SELECT DISTINCT level, code_kind, line_no FROM line_items WHERE table_id = '预算08表'"
    ) == [("合计", "total", 341)]


def test_blank_cells_and_text_columns(con) -> None:
    assert cell(con, "预算09表", "基本支出", "2290401") is None
    assert cell(con, "预算05表", "项目支出", "2011301") is None
    details = q(
        con,
        "SELECT DISTINCT code, extra, detail FROM line_items WHERE table_id = '预算13表' "
        "AND code IS NOT NULL ORDER BY code",
    )
    assert details == [
        ("42010425501T000000201", "武汉市硚口区商务局本级", "政府购买服务目录：会议和展览服务"),
        ("42010425502T000000101", "武汉市硚口区招商服务中心", "政府购买服务目录：信息化技术服务"),
    ]


def test_procurement_rows(con) -> None:
    rows = q(
        con,
        "SELECT level, unit_code, item_code, quantity, unit_price, amount, sme_amount "
        "FROM procurement ORDER BY row_seq",
    )
    assert len(rows) == 8 and [r[0] for r in rows[:3]] == ["合计", "单位", "品目"]
    assert rows[-1] == (
        "品目",
        "501002",
        "A02010105",
        Decimal("2.00"),
        Decimal("0.65"),
        Decimal("1.30"),
        Decimal("0.78"),
    )


def test_forms(con) -> None:
    funds = dict(
        ((s, i, y), a) for s, i, y, a in q(con, "SELECT section, item, year, amount FROM perf_funds")
    )
    assert funds[("收入构成", "单位资金", 2025)] == Decimal("20.00")
    assert funds[("支出构成", "特定目标类项目支出", 2023)] == Decimal("728.40")
    assert len(q(con, "SELECT * FROM perf_tasks")) == 5
    assert len(q(con, "SELECT * FROM perf_projects")) == 6
    history = q(con, "SELECT table_id, year, amount FROM form_budget_history ORDER BY 1, 2")
    assert ("预算15表-1", 2024, Decimal("240.00")) in history and len(history) == 10
    details = q(con, "SELECT table_id, sum(amount), count(*) FROM form_details GROUP BY 1 ORDER BY 1")
    assert details == [
        ("预算15表-1", Decimal("260.00"), 5),
        ("预算15表-2", Decimal("420.00"), 4),
        ("预算15表-3", Decimal("46.80"), 3),
        ("预算15表-4", Decimal("85.50"), 3),
    ]
    values = q(
        con,
        "SELECT v.raw, v.op, v.num FROM indicators i JOIN indicator_values v USING (doc_id, "
        "indicator_id) WHERE i.table_id = '预算15表-2' AND i.name = '新增限额以上商贸企业数量' "
        "AND v.year_label = '当年' ORDER BY i.indicator_id",
    )
    assert values == [("≥40 家", "≥", Decimal("40")), ("≥40 家", "≥", Decimal("40"))]  # $\geq 40$ 家
    assert q(con, "SELECT count(*) FROM indicators") == [(56,)]


# ------------------------------------------------------------------------------ audit


def test_audit_reports_exactly_the_planted_inconsistencies(con) -> None:
    found = q(
        con,
        "SELECT check_id, status, left_table, left_line, left_value, right_value FROM audit_findings "
        "WHERE status <> 'pass' ORDER BY 1, 3, 4, 5",
    )
    assert found == [
        # a name that differs between 预算11表 and 预算14/15表
        ("name_mismatch", "warn", "预算14表", 452, None, None),
        ("name_mismatch", "warn", "预算15表-3", 621, None, None),
        # a rounding tail: 中小企业 column printed 82.57, its items sum to 82.56
        ("procurement_sum", "warn", "预算12表", 400, Decimal("82.57"), Decimal("82.56")),
        ("procurement_sum", "warn", "预算12表", 401, Decimal("82.57"), Decimal("82.56")),
    ]
    assert q(con, "SELECT count(*) > 300 FROM audit_findings WHERE status = 'pass'") == [(True,)]


@pytest.mark.parametrize(
    ("check_id", "table", "line", "right_table", "value"),
    [
        ("cross_total", "预算01表", 154, "预算03表", "1546.46"),  # all funds: 01 against 03, not 05
        ("cross_total", "预算04表", 241, "预算05表", "1526.46"),  # 财政拨款 = 05 + 09
        ("cross_total", "预算11表", 379, "预算03表", "880.70"),
        ("cross_total", "预算06表", 284, "预算05表", "1496.46"),
        ("cross_total", "预算14表", 440, "预算03表", "1546.46"),
        ("narrative_vs_table", "第三部分", 738, "预算03表", "665.76"),  # 基本支出 of all funds
        ("narrative_vs_table", "第三部分", 752, "预算05表", "645.76"),  # 基本支出 of 一般公共预算
        ("narrative_vs_table", "第三部分", 792, "预算09表", "30.00"),  # 政府性基金预算支出
    ],
)
def test_scoped_comparisons_pass(con, check_id, table, line, right_table, value) -> None:
    rows = q(
        con,
        "SELECT right_table, left_value FROM audit_findings WHERE check_id = ? AND status = 'pass' "
        "AND left_table = ? AND left_line = ?",
        check_id,
        table,
        line,
    )
    assert (right_table, Decimal(value)) in rows, rows


def test_part_four_agrees_with_san_gong_table(con) -> None:
    found = q(
        con,
        "SELECT status, left_value, right_value, right_table FROM audit_findings "
        "WHERE left_table = '第四部分' ORDER BY left_line",
    )
    assert len(found) == 5 and all(f[0] == "pass" and f[1] == f[2] and f[3] == "预算08表" for f in found)


# ------------------------------------------------------------------------------ two documents


def test_both_documents_in_one_database(tmp_path: Path, con) -> None:
    path = tmp_path / "both.duckdb"
    assert ingest_files([SEED, SOURCE], path) == ["jianghan-jxkc-2026-budget", DOC]
    both = duckdb.connect(str(path), read_only=True)
    try:
        counts = dict(q(both, "SELECT doc_id, count(*) FROM line_items GROUP BY 1"))
        assert counts[DOC] == q(con, "SELECT count(*) FROM line_items")[0][0]
        fails = dict(
            q(both, "SELECT doc_id, count(*) FILTER (WHERE status = 'fail') FROM audit_findings GROUP BY 1")
        )
        assert fails == {"jianghan-jxkc-2026-budget": 6, DOC: 0}
        entity_docs = q(both, "SELECT DISTINCT doc_id FROM entities WHERE entity_id = 'function:2011308'")
        assert entity_docs == [(DOC,)]
    finally:
        both.close()


# ------------------------------------------------------------------------------ the assistant


def _check(case: dict, answer: dict) -> str:
    """ok | wrong (a figure that contradicts the expectation) | miss (refused, partial, unmatched)."""
    exp = case["expect"]
    values = [
        float(v["value"] if isinstance(v, dict) else v)
        for v in answer.get("values") or []
        if isinstance(v, (int, float, dict)) and not isinstance(v, bool)
    ]
    text = answer.get("text") or ""
    cited = [c.get("table", "") if isinstance(c, dict) else str(c) for c in answer.get("citations") or []]
    if exp["status"] != "answered":
        if exp["status"] == "unanswerable" and values:
            return "wrong"
        return "ok" if answer.get("status") == exp["status"] else "miss"
    if answer.get("status") != "answered":
        return "miss"
    want = [float(v) for v in exp["values"]]
    if want and values and not all(any(math.isclose(w, v, abs_tol=TOL) for v in values) for w in want):
        return "wrong"
    if not all(any(math.isclose(w, v, abs_tol=TOL) for v in values) for w in want):
        return "miss"
    if not all(s in text for s in exp["text"]) or not all(
        any(c.startswith(t) for c in cited) for t in exp["tables"]
    ):
        return "miss"
    return "ok"


@pytest.fixture(scope="module")
def verdicts(db: Path) -> dict[str, str]:
    from assistant.service import Assistant

    bot = Assistant.open(db)
    out = {}
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        conv = bot.new_conversation()
        answer = None
        for turn in case["turns"]:
            answer = bot.ask(turn, conv)
        assert answer is not None
        out[case["id"]] = _check(case, answer.contract())
    return out


def test_question_file_is_well_formed() -> None:
    cases = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    assert len(cases) == 50 and len({c["id"] for c in cases}) == 50
    for c in cases:
        assert set(c) == {"id", "category", "turns", "expect", "source", "why"}
        assert set(c["expect"]) == {"status", "values", "text", "tables"} and c["turns"]


def test_accuracy_floor(verdicts: dict[str, str]) -> None:
    accuracy = sum(v == "ok" for v in verdicts.values()) / len(verdicts)
    assert accuracy >= ACCURACY_FLOOR, {k: v for k, v in verdicts.items() if v != "ok"}


def test_no_wrong_figures(verdicts: dict[str, str]) -> None:
    wrong = {k for k, v in verdicts.items() if v == "wrong"}
    assert wrong <= set(KNOWN_PIPELINE_FAILURES), wrong - set(KNOWN_PIPELINE_FAILURES)


@pytest.mark.parametrize("case_id", sorted(KNOWN_PIPELINE_FAILURES))
def test_known_pipeline_failure(verdicts: dict[str, str], case_id: str) -> None:
    if verdicts[case_id] != "ok":
        pytest.xfail(KNOWN_PIPELINE_FAILURES[case_id])


@pytest.mark.parametrize("question", ["公务用车费用多少", "公车费用多少", "公务用车花多少钱"])
def test_a_topic_named_without_its_part_gives_every_part(db: Path, question: str) -> None:
    """公务用车购置费 0.00 and 公务用车运行维护费 3.20 are both printed: a question naming neither
    part never gets one of them as if it were the whole — every part, and their sum 3.20 (the
    section 公务用车购置及运行维护费, tests/test_section_parts.py)."""
    from assistant.service import Assistant

    answer = Assistant.open(db).ask(question)
    stated = sorted(v.value for v in answer.values) if answer.status == "answered" else []
    assert stated in ([], [0.0, 3.2], [0.0, 3.2, 3.2]), (question, answer.text)


@pytest.mark.parametrize("question", ["消费季活动每个月多少", "消费季活动组织每月多少钱",
                                      "消费季活动组织每个月花多少"])
def test_a_rate_per_month_is_not_a_rate_per_event(db: Path, question: str) -> None:
    """测算依据: 全年组织“硚口消费季”主题活动 5 场，每场 7.00 万元 — per 场, never per month."""
    from assistant.service import Assistant

    answer = Assistant.open(db).ask(question)
    assert not any(abs(v.value - 7.0) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("招商服务中心的公用经费是本级的百分之多少", 27.27),  # 14.40 / 52.80 (预算06表 公用经费)
    ("招商服务中心公用经费相当于商务局本级的百分之几", 27.27),
    ("商务局本级公用经费是招商服务中心的几倍", 3.67),
])
def test_a_column_said_once_holds_for_both_units(db: Path, question: str, figure: float) -> None:
    from assistant.service import Assistant

    answer = Assistant.open(db).ask(question)
    assert answer.status == "answered" and abs(answer.values[0].value - figure) < TOL, answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    # 它 read inside the set named now: the project's own row (预算12表 招商引资专项经费 60.00)
    (["招商引资专项经费多少", "政府采购里它多少"], 60.0),
    (["招商引资专项经费多少", "政府购买服务里它多少"], 60.0),
    (["便携式计算机多少钱", "政府采购里它占多少"], 0.94),  # 1.30 / 137.60
    (["电子商务公共服务平台运维费多少", "政府购买服务里它占多少"], 43.82),  # 46.80 / 106.80
    # a line stated with its 一般公共预算 part: the line's figure is what a follow-up works on
    (["事业运行多少", "行政运行呢", "两项加起来"], 502.55),
    (["一般公共服务支出多少", "社会保障和就业呢", "哪个多"], 1261.63),
    # a whole that is one fund: the part's cell of that fund (项目支出 850.70 of 1,496.46)
    (["项目支出占一般公共预算多少"], 56.85),
    (["一般公共服务支出占一般公共预算多少"], 89.09),
])
def test_follow_ups_over_a_second_document(db: Path, turns: list[str], figure: float) -> None:
    from assistant.service import Assistant

    bot = Assistant.open(db)
    conv = bot.new_conversation()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    assert answer is not None and answer.status == "answered", answer
    assert abs(answer.values[0].value - figure) < TOL, answer.text
