"""The audit of the seed document, every expectation checked by hand against the source text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.audit import format_report, run_audit

# Every inconsistency the seed really has (check, table, line of the left figure):
EXPECTED_FAILS = {
    ("form_vs_table", "预算14表", 442),  # 聘用人员经费支出 本年度预算 73 vs 预算11表 75.15
    ("project_sum", "预算14表", 439),  # 14表 projects sum to 7172.07, 项目支出 is 7174.22 (the same 2.15)
    ("code_mismatch", "第三部分", 1090),  # "201 卫生健康支出（类）": 卫生健康支出 is 210
    ("code_mismatch", "第三部分", 1092),
    ("narrative_vs_table", "第三部分", 1137),  # 货物类 8.64, but 预算12表 A-codes sum to 8.62
    ("yoy", "第三部分", 1137),  # 政府采购 增加 2383.05 on 1.41 cannot be 99.99%
}


def _find(con: duckdb.DuckDBPyConnection, check_id: str, status: str, table: str, line: int) -> list[tuple]:
    return con.execute(
        "SELECT left_value, right_value, left_label, right_table, right_line, message FROM audit_findings "
        "WHERE check_id = ? AND status = ? AND left_table = ? AND left_line = ?",
        [check_id, status, table, line],
    ).fetchall()


def test_fails_are_exactly_the_real_inconsistencies(seed_con) -> None:
    got = set(seed_con.execute(
        "SELECT check_id, left_table, left_line FROM audit_findings WHERE status = 'fail'").fetchall())
    assert got == EXPECTED_FAILS


@pytest.mark.parametrize(("check_id", "table", "line", "left", "right", "right_ref"), [
    ("form_vs_table", "预算14表", 442, "73", "75.15", ("预算11表", 386)),
    ("project_sum", "预算14表", 439, "7172.07", "7174.22", ("预算05表", 263)),
    ("narrative_vs_table", "第三部分", 1137, "8.64", "8.62", ("预算12表", 403)),
    ("yoy", "第三部分", 1137, "99.99", "169010.64", ("第三部分", 1137)),
])
def test_failing_figures(seed_con, check_id, table, line, left, right, right_ref) -> None:
    (found,) = _find(seed_con, check_id, "fail", table, line)
    assert found[0] == Decimal(left) and found[1] == Decimal(right)
    assert (found[3], found[4]) == right_ref
    assert "不一致" in found[5]


def test_code_typo_names_both_codes(seed_con) -> None:
    for line in (1090, 1092):
        (found,) = _find(seed_con, "code_mismatch", "fail", "第三部分", line)
        assert found[2] == "201" and "210" in found[5] and found[3:5] == ("预算05表", 275)


@pytest.mark.parametrize(("check_id", "table", "line", "left", "right"), [
    ("perf_balance", "预算14表", 427, "6372.1", "6372.11"),  # 2025 收入合计 vs 支出合计: rounding tail
    ("yoy", "第三部分", 1054, "6372.11", "6372.1"),  # 7965.69 − 1593.58 vs 14表 2025 收入合计
    ("procurement_sum", "预算12表", 401, "1430.68", "1430.69"),  # 中小企业 column
    ("procurement_sum", "预算12表", 401, "953.98", "953.97"),  # 小微企业 column
    ("unit_price", "预算12表", 404, "0", "2.16"),  # 复印纸 800 × 0.00 (unit price printed rounded)
    ("form_year", "预算15表-3", 764, "2025", "2026"),  # form title says 2025
])
def test_warnings_with_figures(seed_con, check_id, table, line, left, right) -> None:
    found = _find(seed_con, check_id, "warn", table, line)
    assert any(f[0] == Decimal(left) and f[1] == Decimal(right) for f in found), found


@pytest.mark.parametrize(("check_id", "table", "line", "label"), [
    ("name_mismatch", "第五部分", 1201, "研究与开发"),  # 预算05表 20604 is 技术与开发
    ("name_mismatch", "第五部分", 1217, "住房货币化"),  # 2210203 is 购房补贴
    ("name_mismatch", "第五部分", 1203, "行政单位离退休"),  # no such 项 in the tables
    ("name_mismatch", "预算12表", 402, "武汉市江汉区经济信息和科技创新局"),  # 预算06表: 经济信息化
    ("name_mismatch", "预算12表", 403, "武汉市江汉区科学技术和信息化局本级"),
    ("name_mismatch", "预算14表", 443, "大数据中心运行维护费"),
    ("name_mismatch", "预算15表-4", 829, "聘用人员工作经费"),
    ("name_mismatch", "第三部分", 1125, "大数据中心运维费用支出"),
    ("code_mismatch", "预算15表-2", 672, "42010324501T000000104"),  # 预算11表: …26501T…103
    ("code_mismatch", "预算15表-4", 829, "42010325501T000000100"),
    ("glossary_missing", "预算05表", 268, "其他科学技术管理事务支出"),  # not among 第五部分 (七) 1–11
])
def test_name_and_code_warnings(seed_con, check_id, table, line, label) -> None:
    assert any(f[2] == label for f in _find(seed_con, check_id, "warn", table, line))


@pytest.mark.parametrize(("check_id", "table", "line", "value"), [
    ("parent_sum", "预算05表", 263, "7965.69"),  # 合计 = Σ类
    ("parent_sum", "预算05表", 264, "7734.67"),  # 206 = Σ款
    ("parent_sum", "预算03表", 198, "3234.67"),  # 20601 = Σ项
    ("parent_sum", "预算07表", 309, "791.47"),  # economic 合计 = Σ类
    ("total_split", "预算03表", 196, "7965.69"),  # 合计 = 基本 + 项目
    ("basic_split", "预算05表", 263, "791.47"),  # 基本 = 人员 + 公用
    ("basic_split", "预算06表", 295, "791.47"),
    ("basic_split", "预算07表", 309, "791.47"),
    ("cross_total", "预算01表", 181, "7965.69"),  # 收入 = 支出, and = 预算05表
    ("cross_total", "预算04表", 251, "7965.69"),
    ("cross_total", "预算11表", 382, "7174.22"),  # = 预算05表 项目支出
    ("cross_total", "预算07表", 309, "791.47"),  # = 预算05表 基本支出
    ("project_sum", "预算11表", 382, "7174.22"),
    ("procurement_sum", "预算12表", 401, "2384.46"),
    ("unit_price", "预算12表", 405, "3.36"),  # 6 × 0.56
    ("narrative_vs_table", "第三部分", 1133, "63.82"),  # 机关运行经费 = 预算05表 公用经费
    ("narrative_vs_table", "第三部分", 1072, "9.94"),  # 基本支出 share
    ("narrative_vs_table", "第三部分", 1074, "90.06"),  # 项目支出 share
    ("narrative_vs_table", "第三部分", 1120, "75.15"),  # 九、项目支出 list vs 预算11表
    ("narrative_vs_table", "第三部分", 1090, "22.1"),  # path amount (despite the code typo)
    ("yoy", "第三部分", 1050, "6372.11"),  # 7965.69 − 1593.58 = 14表 2025 支出合计
    ("yoy", "第三部分", 1050, "25.01"),  # 1593.58 ÷ 6372.11
    ("yoy", "第三部分", 1133, "12.36"),  # 7.02 ÷ 56.80
    ("perf_sum", "预算14表", 431, "7965.69"),
    ("form_funding", "预算15表-4", 841, "75.15"),
])
def test_passing_checks(seed_con, check_id, table, line, value) -> None:
    assert any(f[0] == Decimal(value) for f in _find(seed_con, check_id, "pass", table, line))


@pytest.mark.parametrize("form", [f"预算15表-{n}" for n in range(1, 7)])
def test_form_details_sum_to_current_budget(seed_con, form: str) -> None:
    rows = seed_con.execute(
        "SELECT status FROM audit_findings WHERE check_id = 'detail_sum' AND left_table = ?", [form]
    ).fetchall()
    assert rows == [("pass",)]


def test_every_finding_is_complete(seed_con) -> None:
    rows = seed_con.execute(
        "SELECT check_id, status, message, left_table, left_value, right_value FROM audit_findings"
    ).fetchall()
    assert len(rows) > 300
    for check_id, status, message, left_table, left_value, right_value in rows:
        assert status in ("pass", "warn", "fail") and message.endswith("。") and left_table
        if check_id not in ("name_mismatch", "code_mismatch", "glossary_missing"):
            assert left_value is not None and right_value is not None, (check_id, message)


def test_report_lists_fails_first_with_both_sources(seed_db: Path) -> None:
    lines = format_report(seed_db).splitlines()
    assert "不一致 6 项" in lines[0]
    statuses = [line[1:line.index("】")] for line in lines[1:] if line.startswith("【")]
    order = {"不一致": 0, "提示": 1, "一致": 2}
    assert statuses == sorted(statuses, key=order.__getitem__) and statuses[0] == "不一致"
    assert any("预算14表第442行：73" in line and "预算11表第386行：75.15" in line for line in lines)


# --- a variant document: one 项 changed without its parents -----------------------------------

def _variant(lines: list[str]) -> str:
    """预算05表 行政运行 合计 401.31 → 401.41; 20601, 206 and 合计 keep their printed figures."""
    out = list(lines)
    (i,) = [n for n, line in enumerate(lines) if line.startswith("2060101") and "340.22" in line]
    out[i] = lines[i].replace("401.31", "401.41", 1)
    return "\n".join(out) + "\n"


def test_changed_item_fails_its_parent_sum(tmp_path: Path, seed_lines: list[str]) -> None:
    from assistant.ingest.build import ingest_files

    source = tmp_path / "variant-2026-budget.txt"
    source.write_text(_variant(seed_lines), encoding="utf-8")
    db = tmp_path / "variant.duckdb"
    ingest_files([source], db)
    con = duckdb.connect(str(db))
    try:
        (found,) = _find(con, "parent_sum", "fail", "预算05表", 265)  # 20601 科学技术管理事务
        assert found[0] == Decimal("3234.67") and found[1] == Decimal("3234.77")
        fails = set(con.execute(
            "SELECT check_id, left_table, left_line FROM audit_findings WHERE status = 'fail'").fetchall())
        assert fails > EXPECTED_FAILS  # the document's own faults are still all recorded
        assert ("total_split", "预算05表", 266) in fails  # 401.41 ≠ 401.31 + 0
        # Re-running replaces the findings rather than adding to them.
        doc_id = con.execute("SELECT doc_id FROM documents").fetchone()[0]
        before = con.execute("SELECT count(*) FROM audit_findings").fetchone()[0]
        run_audit(con, doc_id)
        assert con.execute("SELECT count(*) FROM audit_findings").fetchone()[0] == before
    finally:
        con.close()


@pytest.mark.parametrize(("title", "scope"), [
    ("2025年收支预算总表", "全部资金"),
    ("2025年支出预算总表", "全部资金"),
    ("2025年项目支出预算表", "全部资金"),
    ("2025年财政拨款收支预算总表", "财政拨款"),
    ("2025年一般公共预算支出表(分单位)", "一般公共预算"),
    ("2025年政府性基金预算支出表", "政府性基金"),
    ("2025年国有资本经营预算支出表", "国有资本经营"),
    ("2025年一般公共预算“三公”经费支出表", None),
    ("2025年政府采购预算表", None),
])
def test_table_scope_from_title(title: str, scope: str | None) -> None:
    from assistant.audit.scopes import scope_of

    assert scope_of(title) == scope


def test_seed_has_no_san_gong_rows_to_check(seed_con) -> None:
    """预算08表 prints no row in the seed: 第四部分's zeros are not compared with blanks."""
    assert seed_con.execute(
        "SELECT count(*) FROM audit_findings WHERE left_table = '第四部分'").fetchone() == (0,)
