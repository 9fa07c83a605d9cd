"""The last step: make every answer complete and consistent with the contract.

SQL actually run, citations without duplicates, no figure in an answer that is not `answered`
… and 2-3 follow-up suggestions from knowledge/suggestions.toml when the handler gave none.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from assistant import fmt
from assistant.models import Answer, Citation, Value
from assistant.pipeline.units import FACTORS, convert
from assistant.query.corroborate import corroborate, in_the_tables

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State


def _suggest(state: State, env: Env) -> list[str]:
    answer = state.answer
    key = "unanswerable" if answer.status == "unanswerable" else (
        state.intent.name if state.intent else "default")
    templates = env.k.suggestions.get(key) or env.k.suggestions.get("default", ())
    names = {"name": state.matches[0].name} if state.matches else {}
    if state.intent is not None and state.intent.params.get("parent"):
        names["parent"] = state.intent.params["parent"]
    out = []
    for t in templates:
        fields = {f for _, f, _, _ in string.Formatter().parse(t) if f}
        if fields <= names.keys():
            s = t.format(**names)
            if s != (state.question.text if state.question else "") and s not in out:
                out.append(s)
    return out[:3]


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        key = (c.table, c.row, c.line)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def finish(state: State, env: Env) -> Answer:
    answer = state.answer or Answer(status="unanswerable", text="抱歉，没有找到答案。")
    if env.depth == 0:  # (a sub-question's figure is cited by the answer that uses it)
        answer = _in_unit_asked(in_the_tables(corroborate(answer, env), env), state, env)
        answer = _also_in_wan(answer, state)
    # one money style in every answer text (the prose writes 7965.69, the tables 7,965.69)
    update: dict = {"citations": _dedupe(answer.citations), "text": fmt.money_in_text(answer.text)}
    if not answer.sql:
        update["sql"] = env.runner.sql
    if answer.status != "answered":
        update["values"] = []  # an unanswerable or clarifying reply asserts no figure
    if not answer.suggestions and answer.status != "clarify":
        update["suggestions"] = _suggest(state, env)
    return answer.model_copy(update=update)


def _in_unit_asked(answer: Answer, state: State, env: Env) -> Answer:
    """机关运行经费多少元 read from a sentence in 万元: the one figure is also said in the unit asked,
    as a table's reading does (…464.64 万元，即 4,646,400.00 元)."""
    asked = state.question.unit_request if state.question is not None else None
    money = [v for v in answer.values if v.unit in FACTORS]
    if answer.status != "answered" or asked not in FACTORS or not money \
            or any(v.unit == asked for v in answer.values):
        return answer
    # one figure, each of a list (分别多少), or else the result a composed answer leads with
    each = state.query is not None and state.query.op == "each"
    shown = money if len(money) == 1 or each else money[:1]
    printed = [_as_printed(v, asked, env) for v in shown]
    said = [(v, p or convert(v.value, v.unit, asked)) for v, p in zip(shown, printed, strict=True)]
    # 464.64 万元 in 元 is known to the 100 元 only: said as a conversion, never as a printed figure
    line = "；".join(f"{v.label} {figure:,.2f} {asked}" if p is not None or FACTORS[v.unit] <= FACTORS[asked]
                    else f"{v.label} 约 {figure:,.0f} {asked}（由 {fmt.amount(v.value)} {v.unit} 折算）"
                    for (v, figure), p in zip(said, printed, strict=True))
    converted = [Value(value=f, unit=asked, label=f"{v.label}（{asked}）") for v, f in said]
    return answer.model_copy(update={"text": f"{answer.text.rstrip()}\n按{asked}计：{line}。",
                                     "values": [*answer.values, *converted]})


WAN_FROM = 10_000.0  # a figure in 元 from this size up is also said in 万元, as the 说明 prints it
WAN_TEXT_MAX = 2800  # (an answer near the length a person reads gets no line more)


def _also_in_wan(answer: Answer, state: State) -> Answer:
    """A figure read from a table printed in 元 (1,763,159.52 元) is also said in 万元 (176.32), the
    unit the document's own 说明 and every official speaks in — one figure (when every figure is in
    元), each of a short 分别 list, or the result a composed answer leads with; never when a unit
    was asked (the answer says it in that unit already)."""
    asked = state.question.unit_request if state.question is not None else None
    money = [v for v in answer.values if v.unit in FACTORS]
    if answer.status != "answered" or asked is not None or not money or len(answer.text) > WAN_TEXT_MAX:
        return answer
    each = state.query is not None and state.query.op == "each" and len(money) <= EACH_MAX
    # one figure, each of a short list asked (分别多少), or the result a composed answer leads with
    # (whatever units its parts are in); a listing's figures are a table's, said as it prints them
    lead = answer.values[0] if answer.lead >= 1 and answer.values[0].unit == "元" else None
    alone = money if (len(money) == 1 or each) and all(v.unit == "元" for v in money) else []
    shown = alone or ([lead] if lead is not None else [])
    shown = [v for v in shown if abs(v.value) >= WAN_FROM]
    if not shown:
        return answer
    said = [(v, round(convert(v.value, "元", "万元"), 2)) for v in shown]
    line = "；".join(f"{v.label} {fmt.amount(f)} 万元" if len(said) > 1 else f"{fmt.amount(f)} 万元"
                    for v, f in said)
    converted = [Value(value=f, unit="万元", label=f"{v.label}（万元）") for v, f in said]
    return answer.model_copy(update={"text": f"{answer.text.rstrip()}\n折合万元：{line}。",
                                     "values": [*answer.values, *converted]})


EACH_MAX = 4  # figures of a list said again in 万元 (a longer list is a table)


def _as_printed(v: Value, asked: str, env: Env) -> float | None:
    """652.27 万元 asked in 元: the table prints that line to the yuan (6,522,681.00), and a figure
    converted from the rounded 万元 (6,522,700.00) would be another — so the printed one, when the
    line read by the label rounds to the figure stated."""
    from assistant.plan.values import value_of

    try:
        found = value_of(v.label, env)
    except Exception:  # a label that reads as no line: the conversion stands
        return None
    if found is None or found[0].unit != asked:
        return None
    back = round(convert(found[0].amount, asked, v.unit), 2)
    return found[0].amount if abs(back - v.value) < 0.005 else None
