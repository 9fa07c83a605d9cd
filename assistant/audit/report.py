"""`python -m assistant audit`: the findings as readable Chinese lines, failures first."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb

from assistant.audit.common import num

STATUS_ZH = {"fail": "不一致", "warn": "提示", "pass": "一致"}
CHECK_ZH = {
    "parent_sum": "上下级合计",
    "total_split": "基本+项目",
    "basic_split": "人员+公用",
    "cross_total": "跨表总额",
    "row_total": "资金来源合计",
    "project_sum": "项目合计",
    "procurement_sum": "采购合计",
    "unit_price": "数量×单价",
    "form_vs_table": "项目表间金额",
    "detail_sum": "项目明细合计",
    "form_funding": "项目资金来源",
    "form_year": "表头年份",
    "perf_sum": "整体绩效表合计",
    "perf_balance": "整体绩效表收支",
    "narrative_vs_table": "说明与报表",
    "yoy": "同比计算",
    "narrative_consistency": "说明前后一致",
    "name_mismatch": "名称不一致",
    "glossary_missing": "科目说明缺失",
    "code_mismatch": "编码不一致",
    "audit_error": "核查未完成",
}


def _where(table: str | None, line: int | None, value: Decimal | None) -> str:
    if not table:
        return ""
    text = table + (f"第{line}行" if line else "")
    return text + (f"：{num(value)}" if value is not None else "")


def format_report(db_path: Path | str) -> str:
    """Every document's findings: counts, then fail, warn and pass lines with both sources."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        docs = con.execute("SELECT doc_id, department, year FROM documents ORDER BY doc_id").fetchall()
        out: list[str] = []
        for doc_id, department, year in docs:
            found = con.execute(
                "SELECT check_id, status, message, left_table, left_line, left_value, right_table, "
                "right_line, right_value FROM audit_findings WHERE doc_id = ? ORDER BY CASE status "
                "WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, left_table, left_line",
                [doc_id],
            ).fetchall()
            counts = Counter(r[1] for r in found)
            out.append(
                f"{department} {year} 年预算 数据核查（{doc_id}）：共 {len(found)} 项，"
                f"不一致 {counts['fail']} 项，提示 {counts['warn']} 项，一致 {counts['pass']} 项。"
            )
            for check_id, status, message, lt, ll, lv, rt, rl, rv in found:
                sources = "；".join(s for s in (_where(lt, ll, lv), _where(rt, rl, rv)) if s)
                label = CHECK_ZH.get(check_id, check_id)
                out.append(
                    f"【{STATUS_ZH.get(status, status)}】[{label}] {message}"
                    + (f"（{sources}）" if sources else "")
                )
            out.append("")
        return "\n".join(out).rstrip() or "数据库中没有已导入的文件。"
    finally:
        con.close()
