"""Figures that must come from one source before they are compared: a part of one fund over that
fund's total, a change never between one printed cell read twice, a rate over a worked-back year
only where the statement prints none (query/plan.py asks these before it computes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.plan.columns import column, wholes
from assistant.plan.values import value_of
from assistant.query.model import Value

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def whole_of_the_fund(part: Value, whole: Value, env: Env) -> Value:
    """商务局本级多少 (一般公共预算支出 1,253.26) → 占全局多少: a part that is one fund's figure over
    the whole budget is put over that fund's total, so the two come from the same money."""
    fund = str(wholes()["columns_fund"])
    # …or a unit's line read from that fund's own table (招商服务中心 in 一般公共预算支出表(分单位)):
    # no table prints a unit's spending of every fund, so its figure is that fund's
    # — or that table's own 合计 (预算07表合计: the fund's 基本支出, as the answer before labelled it)
    units = {e.name for e in env.index.kinds("unit")}
    of_fund = fund in part.label or (bool(part.citations) and all(
        fund in (c.title or "") and (any(u in (c.row or "") for u in units) or part.label.endswith("合计"))
        for c in part.citations))
    if not of_fund and _column_of_every_fund(part, whole, fund):
        return _fund_column(whole, fund, env)
    if not of_fund or fund in whole.label or whole.label != str(wholes()["general"]):
        return whole
    found = value_of(f"{fund}支出", env)
    if found is None:
        return whole
    return found[0].model_copy(update={"label": f"{fund}支出合计"})


def _column_of_every_fund(part: Value, whole: Value, fund: str) -> bool:
    """工资福利支出 (a line of the 一般公共预算基本支出表) → 占基本支出多少: a line printed only in that
    fund's table of the column, over the column of every fund, is of different money (the other funds'
    基本支出 may hold more of it, or none), so the whole is that fund's own column. A line the
    all-funds tables print too (住房公积金) is left over the every-fund column."""
    col = column(whole.label)
    if col not in wholes()["all_funds_columns"] or fund in whole.label or not part.citations:
        return False
    within = wholes()["within"]
    own_table = all(fund in (c.title or "") and within.get(c.table) == col for c in part.citations)
    return own_table and not any(fund in (c.title or "") for c in whole.citations)


def _fund_column(whole: Value, fund: str, env: Env) -> Value:
    found = value_of(f"{fund}{whole.label}", env)
    if found is None:
        return whole
    return found[0].model_copy(update={"label": f"{fund}{whole.label}"})


def rate_printed(a: Value, b: Value, env: Env) -> bool:
    """The narrative states a rate in the statement the figures come from (增加 2,383.05 万元，增加
    99.99%): that rate is the document's answer. Where it states none, the rate over the year
    worked back from its printed change is arithmetic on its own figures, shown with its working."""
    lines = {c.line for v in (a, b) for c in v.citations}
    return any(r["measure"] == "rate" and r["line_no"] in lines for r in env.runner.run("narr_facts"))


def one_cell(a: Value, b: Value) -> bool:
    """Two readings that cite exactly the same cells are one figure, whatever year each was asked."""
    cells = lambda v: {(c.table, c.line, c.row) for c in v.citations}  # noqa: E731
    # two years printed on one line differ in amount (and in their columns' labels)
    return bool(a.citations) and cells(a) == cells(b) and a.amount == b.amount
