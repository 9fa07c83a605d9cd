"""One subject over years: a change between two years, or a series (the last N years, or the years
said) listed or added up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.ops import arith
from assistant.plan.consistent import one_cell as _one_cell
from assistant.plan.planned import Planned
from assistant.plan.values import value_of
from assistant.query.change import SERIES_SUM_RULE
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.models import Question
    from assistant.pipeline.steps import Env

PlanFn = Callable[[Query, "Question | None", "Env"], "Planned | None"]


def _years(years: list[int]) -> str:
    """2023—2025 for a run of years, 2023、2025 for years said apart (never a range they are not)."""
    run = years == list(range(years[0], years[-1] + 1))
    return f"{years[0]}—{years[-1]}" if run else "、".join(str(y) for y in years)


def over_years(query: Query, env: Env, plan: PlanFn) -> Planned | None:
    """change: one subject in two years; series: one subject in each of the last N years."""
    subject = query.subjects[0].text
    if query.op == "series":
        n = query.years[0]  # 近三年: the last N years; 2023、2024、2025: the years said
        years = list(range(env.runner.year + n + 1, env.runner.year + 1)) if n < 0 else list(query.years)
    else:
        later, earlier = query.years
        years = [earlier if earlier > 0 else env.runner.year - 1, later or env.runner.year]
    found = []
    for y in years:
        v = value_of(subject, env, y)
        if v is None:
            return None  # a year the document does not give: no partial series, no guessed change
        found.append(v[0].model_copy(update={"label": f"{y}年{subject}", "year": y}))
    if query.op == "series" and query.rule == SERIES_SUM_RULE:  # 近三年一共多少: the years added up
        figure, working = arith.total(found)
        return Planned(parts=tuple(found), result=figure, unit=found[0].unit, working=working,
                       reading=f"{subject}{_years(years)}年的合计")
    if query.op == "series":
        working = "；".join(f"{v.year}年 {arith.fmt(v.amount)} {v.unit}" for v in found)
        first, last = found[0], found[-1]
        diff, how = arith.difference(last, first)
        way = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
        return Planned(parts=tuple(found), result=None, unit=last.unit, working=working,
                       reading=f"{subject}{_years(years)}年各年的数",
                       extra=((f"{years[-1]}年比{years[0]}年{way}", abs(diff), last.unit, how),))
    earlier_v, later_v = found
    if _one_cell(earlier_v, later_v):
        return None  # both years read the one printed figure (a change itself): no change between them
    return plan(Query(op="change", given=(later_v, earlier_v), rule=query.rule), None, env)
