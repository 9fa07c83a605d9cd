"""A project form's own figures: this year's budget as the form prints it, its change over the years the
form lists, and where the money comes from (资金来源)."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    money,
    not_found,
    run,
    safe_cite,
    value,
)


def clip(text: str, limit: int = 70) -> str:
    text = re.sub(r"\s+", "", text or "")
    return text if len(text) <= limit else text[:limit] + "…"


def form_name(runner: Runner, table_id: str) -> str | None:
    for f in run(runner, "forms_project_forms"):
        if f["table_id"] == table_id:
            return f["project_name"]
    return None


def current_budget(form: Row, mine: dict[int, Row], runner: Runner) -> tuple[Decimal, int, str] | None:
    if form.get("current_budget") is not None:
        fields = run(runner, "forms_form_fields")
        line = next(
            (r["line_no"] for r in fields if r["table_id"] == form["table_id"] and "当年预算" in r["field"]),
            form["line_start"],
        )
        return form["current_budget"], line, "申报表“项目当年预算”"
    row = mine.get(runner.year)
    if row is not None:
        return row["amount"], row["line_no"], "申报表“当年预算变动情况”"
    return None


def budget_diff(
    form: Row,
    row: Row | None,
    year: int,
    current: tuple[Decimal, int, str] | None,
    runner: Runner,
    tips: list[str],
    this: int | None = None,
) -> Answer:
    pname, tid = form["project_name"], form["table_id"]
    this = this or runner.year
    if row is None or current is None:
        missing = year if row is None else this
        return not_found(f"{pname}的申报表（{tid}）没有写 {missing} 年的预算数，无法比较。", tips)
    amt, line, src = current
    delta = Decimal(str(amt)) - Decimal(str(row["amount"]))
    word = "增加" if delta > 0 else "减少" if delta < 0 else "持平，变化"
    text = (
        f"{pname}{this}年预算 {money(amt, money_unit(runner))}，"
        f"{year}年预算 {money(row['amount'], money_unit(runner))}，"
        f"{this}年比{year}年{word} {fmt_number(abs(delta))} {money_unit(runner)}。"
    )
    vals = [
        value(abs(delta), money_unit(runner), f"{this}年比{year}年{word}"),
        value(amt, money_unit(runner), f"{this}年预算"),
        value(row["amount"], money_unit(runner), f"{year}年预算"),
    ]
    base = Decimal(str(row["amount"]))
    if base and delta:  # the rate of the change, with its working (涨了百分之几 asks it)
        rate = (abs(delta) / base * 100).quantize(Decimal("0.01"))
        way = "增长" if delta > 0 else "下降"
        text += f"{way} {fmt_number(rate)}%（{fmt_number(abs(delta))} ÷ {fmt_number(base)} × 100%）。"
        vals.append(value(rate, "%", f"{this}年比{year}年{way}幅度"))
    cites = [
        safe_cite(runner, tid, f"{pname} {src}", line),
        safe_cite(runner, tid, f"{pname} 前两年预算变动 {year}年", row["line_no"]),
    ]
    return answered(text, vals, cites, tips)


def funding_of(form: Row, runner: Runner) -> Answer:
    rows = [r for r in run(runner, "forms_funding") if r["table_id"] == form["table_id"]]
    pname, tid = form["project_name"], form["table_id"]
    filled = [r for r in rows if r["amount"] is not None]
    if not filled:
        return not_found(f"{pname}的申报表（{tid}）未填写资金来源。")
    parts = [f"{r['source']} {money(r['amount'], money_unit(runner))}" for r in filled]
    blank = [r["source"] for r in rows if r["amount"] is None]
    text = f"{pname}（{tid}）的资金来源：" + "；".join(parts) + "。"
    if blank:
        text += f"其余来源（{'、'.join(blank)}）未填金额。"
    vals = [value(r["amount"], money_unit(runner), r["source"]) for r in filled]
    cites = [safe_cite(runner, tid, f"资金来源 {r['source']}", r["line_no"]) for r in filled]
    return answered(text, vals, cites, [f"{pname}的支出明细有哪些？", f"{pname}去年预算多少？"])


def money_unit(runner: Runner) -> str:
    """The form's money unit: the document's (元 in a Shanghai form, 万元 in the seed's)."""
    return getattr(runner, "unit", None) or "万元"
