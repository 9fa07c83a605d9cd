"""Resolve a subject of a composed question to one `Value`, through the same pipeline.

A subject ("项目支出", "公用经费", "大数据中心运维费用里的电子政务网络相关费用") is read as a
single-figure question (the `value` operation) by the ordinary steps — matching, the reading
that owns its kind of line, the named templates, the coverage gate — so a figure inside a
composition is found exactly as it would be on its own, with its citation. A subject that does
not give exactly one figure makes the composition fail: no partial arithmetic is ever stated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.fmt import MONEY_UNITS as MONEY
from assistant.models import Answer, Match
from assistant.pipeline.base import Conversation
from assistant.query.model import BACK_COMPUTED, Value

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

ROUNDING_TAIL = 0.011  # 万元: figures of one year that differ by a printed rounding tail agree
VALUE_SUFFIX = "是多少"
PARTS_ADD_UP = 0.011  # parts stated to two decimals add up to their total within a rounding tail
TOTAL_LABEL = "合计"  # how an answer labels the sum of the parts it lists


def ask(text: str, env: Env, conv: Conversation | None = None, compose: bool = False) -> State:
    """The pipeline for one sub-question: by default with no conversation and no composition;
    a clause of a two-clause question keeps its conversation and may compute (涨了多少)."""
    from assistant.pipeline import steps

    sub = replace(env, conv=conv if conv is not None else Conversation(),
                  depth=env.depth if compose else env.depth + 1)
    state = steps.State(raw=text)
    for step in steps.STEPS:
        if state.answer is not None and step.__name__ not in steps.ALWAYS:
            continue
        state = step(state, sub)
    return state


FRAGMENT = 0.5  # a subject that covers less than this share of the name it matched is a fragment


def _names_one_thing(subject: str, used: list[Match]) -> bool:
    """The subject names one thing, and names it whole enough: 大数据 is a fragment of
    大数据中心运维费用, and a subject that matched two different lines is two subjects."""
    named = [m for m in used if m.span is not None and m.kind not in ("table", "term")]
    # a parent said before its child (城乡社区管理事务的行政运行) only says which child is meant
    named = [m for m in named if not any(
        o.code and m.code and o.code != m.code and o.code.startswith(m.code) for o in named)]
    if len(named) > 1:  # 行政运行人员经费: the column word says which cell of the line, no second thing
        named = [m for m in named if not _column_word(m.alias)] or named
    ids = {m.entity_id for m in named}
    names = {m.name for m in named}
    if len(ids) > 1 and len(names) > 1:
        return False
    for m in named:
        covered = m.span[1] - m.span[0]
        if covered < FRAGMENT * len(m.alias) and covered < len(subject):
            return False
    return True


def _column_word(alias: str) -> bool:
    from assistant.plan.columns import column

    return column(alias) is not None


def _in_order(subject: str, label: str) -> bool:
    # 局本级预算: 预算 said of a thing is its budget, never the fund 一般公共预算 in a label
    subject = subject.removesuffix(BUDGET_WORD) if not subject.endswith(FUND_WORD) else subject
    it = iter(label)
    return len(subject) >= 2 and all(ch in it for ch in subject)


BUDGET_WORD, FUND_WORD = "预算", "公共预算"


def value_of(subject: str, env: Env, year: int | None = None) -> tuple[Value, list[Match]] | None:
    key = (subject, year)
    if key not in env.values:
        env.values[key] = _value_of(subject, env, year)
    return env.values[key]


def _value_of(subject: str, env: Env, year: int | None = None) -> tuple[Value, list[Match]] | None:
    when = f"{year}年" if year and year != env.runner.year else ""
    state = ask(f"{when}{subject}{VALUE_SUFFIX}", env)
    answer: Answer | None = state.answer
    if answer is None or answer.status != "answered":
        return None
    money = [v for v in answer.values if v.unit in MONEY]
    money = _class_after_whole(money, subject) or money
    # (面向)小微企业: a column's label, its leading 面向 ("aimed at") said or not
    said = [v for v in money if len(money) > 1 and v.label and v.label.removeprefix("面向") in subject]
    if len(said) == 1 and len(money) == len(answer.values):
        money = said  # 面向小微企业的采购金额: the column it names, never the total beside it
    if len(money) > 2 and len({v.unit for v in money}) == 1 and \
            abs(sum(v.value for v in money[1:]) - money[0].value) < PARTS_ADD_UP:
        money = money[:1]  # a total stated with the parts it adds up (采购金额合计 and its 品目)
    if len(money) > 1 and len(money) == len(answer.values):
        # one answer listing several columns (合计, 面向中小企业, 面向小微企业): the one the
        # subject names by the column's own words
        named = [v for v in money if v.label and v.label in subject]
        if len(named) != 1:
            # …or whose label spells the subject in order (收入构成“合计”2025年 for 收入合计,
            # beside a note's 支出构成“合计”2025年)
            named = [v for v in money if v.label and _in_order(subject, v.label)]
            if not named:  # 政府采购服务 beside 服务类: a part labelled by its class word
                named = [v for v in money if v.label and len(v.label.rstrip("类")) >= 2
                         and v.label.endswith("类") and v.label.rstrip("类") in subject]
            # 公务用车 over a section's parts and their 合计: the 合计 is the subject's figure
            totals = [v for v in named if v.label.endswith(TOTAL_LABEL)]
            named = totals if len(totals) == 1 else named
        # 事业运行 beside 事业运行一般公共预算: a whole and its fund's part. The whole, unless the
        # question names that fund for a unit (本级和中心的一般公共预算支出差多少, 占部门一般公共预算):
        # then the unit is read in it, as the other things it is set beside are
        wholes = [v for v in named if all(o.label.startswith(v.label) for o in named)]
        if len(named) > 1 and len(wholes) == 1:
            parts = [v for v in named if v is not wholes[0]]
            unit = any(m.kind == "unit" for m in (list(state.matches) or _stashed(state)))
            said = unit and len(parts) == 1 and parts[0].label[len(wholes[0].label):] in env.composed
            named = parts if said else wholes
        money = named if len(named) == 1 else money
    if len(money) > 1 and year:
        # 2025年预算（倒推）6,372.11 beside 2025年表中印作 6,372.10: the year's figures agree but
        # for the document's own rounding tail, so its first (the reading's headline) stands
        dated = [v for v in money if v.label and str(year) in v.label]
        if dated and max(v.value for v in dated) - min(v.value for v in dated) <= ROUNDING_TAIL:
            money = dated[:1]
    if len(money) != 1:
        return None
    v = money[0]
    used = list(state.matches) or _stashed(state)
    if not _names_one_thing(subject, used):
        return None
    return Value(label=subject, amount=v.value, unit=v.unit, year=year or env.runner.year,
                 citations=tuple(answer.citations), derived=v.label.endswith(BACK_COMPUTED)), used


def _class_after_whole(money: list[Value], subject: str) -> list[Value] | None:
    """政府采购预算里货物: a whole and one of its classes (货物类) both said, the class after the
    whole — the class is the thing asked (the head of a phrase comes last), never the whole."""
    classes = [v for v in money if v.label and v.label.endswith("类") and len(v.label.rstrip("类")) >= 2
               and v.label.rstrip("类") in subject]
    wholes = [v for v in money if v.label and v.label in subject and v not in classes]
    if len(classes) != 1 or len(wholes) != 1:
        return None
    return classes if subject.rfind(classes[0].label.rstrip("类")) >= \
        subject.find(wholes[0].label) + len(wholes[0].label) else None


def _stashed(state: State) -> list[Match]:
    """The lines a reading chose from the fragments (养老保险缴费 of 机关事业单位基本养老保险缴费): not
    among the exact matches, kept in its params — which line the figure is, for the plan."""
    kept = state.intent.params.get("matches") if state.intent is not None else None
    return [Match.model_validate(m) for m in (kept if isinstance(kept, list) else ()) if isinstance(m, dict)]
