"""A project's share of a whole in a year other than the document year
('去年科技研究开发资金占项目支出的比例').

A share of 2025 needs both figures of 2025: the project's from its form's 预算历史 and the
whole's from what the document prints for that year (预算14表 部门总体资金情况). A whole the
document gives no figure for in that year is declined — never divided by this year's whole,
and never answered with a year-on-year difference instead.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    money,
    not_found,
    run,
    safe_cite,
    value,
)

SHARE_WORDS = ("占", "比例", "比重", "百分之", "几成")
# The whole budget: 预算14表 prints it as 收入合计 / 支出合计 for each year.
WHOLE_WORDS = (
    "总预算",
    "预算总额",
    "部门预算",
    "收支总",
    "全部预算",
    "整体预算",
    "收入合计",
    "支出合计",
    "合计",
)


def asks_share(text: str) -> bool:
    return contains_any(text, SHARE_WORDS)


def _wholes(text: str, year: int, runner: Runner) -> list[Row]:
    """The 预算14表 rows of that year that are the whole the question names."""
    rows = [r for r in run(runner, "forms_perf_funds") if r["year"] == year and r["amount"] is not None]
    if contains_any(text, WHOLE_WORDS):
        return [r for r in rows if r["item"] == "合计"]
    # an item of the form named in full ('特定目标类项目支出'); a shortened name is no match
    return [r for r in rows if r["item"] != "合计" and r["item"] in text]


def other_year_share(form: Row, mine: dict[int, Row], year: int, text: str, runner: Runner) -> Answer:
    pname, tid = form["project_name"], form["table_id"]
    row = mine.get(year)
    if row is None or row["amount"] is None:
        return not_found(f"{pname}的申报表（{tid}）没有写 {year} 年的预算数，无法计算该年的占比。")
    wholes = _wholes(text, year, runner)
    if not wholes:
        return not_found(
            f"{pname}{year}年预算 {money(row['amount'])}（{tid}），但文件没有给出{year}年作为分母的那一总数"
            f"（往年数只有预算14表的收入/支出合计及人员类、运转类、特定目标类项目支出），"
            f"不能用{runner.year}年的数代替，因此无法计算{year}年的占比。"
        )
    part = Decimal(str(row["amount"]))
    out = [f"{pname}{year}年预算 {money(part)}（{tid} 前两年预算）。"]
    vals = [value(part, "万元", f"{pname} {year}年预算")]
    cites = [safe_cite(runner, tid, f"{pname} 前两年预算变动 {year}年", row["line_no"])]
    for w in wholes:
        whole = Decimal(str(w["amount"]))
        if whole == 0:
            continue
        share = (part / whole * 100).quantize(Decimal("0.01"))
        label = f"{w['section']}{w['item']}" if w["item"] == "合计" else w["item"]
        out.append(
            f"预算14表{year}年{label} {money(whole)}，"
            f"占比 {fmt_number(part)}÷{fmt_number(whole)}＝{fmt_number(share)}%。"
        )
        vals += [value(whole, "万元", f"{year}年{label}"), value(share, "%", f"{year}年占{label}")]
        cites.append(safe_cite(runner, w["table_id"], f"部门总体资金情况 {label} {year}年", w["line_no"]))
    if len({Decimal(str(w["amount"])) for w in wholes}) > 1:
        out.append("该表同一年的收入合计与支出合计不一致（尾差），两种口径都已列出。")
    return answered("".join(out), vals, cites, [f"{pname}{year}年预算多少？"])


__all__ = ["asks_share", "other_year_share"]
