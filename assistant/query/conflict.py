"""Two complete readings, each stating one figure, and the figures differ: ask which, each option
named by the table or the part of the document it was read from (公务接待费 of the 经济分类 table
and of the 三公 paragraph), so that a reply naming the source (三公里的那个) picks it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Value
from assistant.ops.arith import TO_YUAN
from assistant.pipeline.steps import PREFERRED

if TYPE_CHECKING:
    from assistant.pipeline.steps import State


def may_conflict(first: State) -> bool:
    """Whether the readings after the first complete one must be judged too (query/_conflict)."""
    intent = first.intent
    return (first.answer is not None and _one_sum(first.answer) is not None
            and not (intent is not None and intent.params.get(PREFERRED)))


def _one_sum(answer: Answer) -> Value | None:
    """The one figure an answer states — also when it says it again in the unit asked (185,000.00
    元，即 18.50 万元)."""
    sums = {round(v.value * float(TO_YUAN[v.unit]), 2) if v.unit in TO_YUAN else (v.value, v.unit)
            for v in answer.values}
    return answer.values[0] if len(sums) == 1 and answer.values else None


def conflict(complete: list[State]) -> Answer | None:
    """Two complete readings, each stating one figure, and the figures differ: ask which."""
    if complete[0].intent is not None and complete[0].intent.params.get(PREFERRED):
        return None  # the operation asked (最便宜, 哪几项) chose this reading over the others
    seen: dict[tuple[float, str], State] = {}
    for s in complete:
        if (v := _one_sum(s.answer)) is not None:
            # 10,000.00 元 and 1.00 万元 are one figure printed in two units, no conflict
            scale = TO_YUAN.get(v.unit)
            seen.setdefault((round(v.value * float(scale), 2), "元") if scale else (v.value, v.unit), s)
    if len(seen) < 2:
        return None
    said = [s for s in seen.values() if _label_said(s)]
    if len(said) == 1 and said[0] is complete[0]:
        return None  # 几家事业单位: the one reading whose figure the question names (事业单位数量) answers
    # each option asks again by the figure's own label, which names the line it was read from
    labels_of = [s.answer.values[0].label for s in seen.values()]  # (each answer's first figure)
    cands = [Candidate(label=_option_label(s.answer, labels_of), question=_option_question(s, labels_of))
             for s in seen.values()]
    labels = "；".join(f"“{c.label}”" for c in cands)
    return Answer(status="clarify", candidates=cands,
                  text=f"这个问题可以有几种理解：{labels}，各自的数不同。请问您问的是哪一个？")


GENERIC_TAIL = re.compile(r"(?:的)?(?:数量|数|合计|金额|预算数?|情况)$")


def _label_said(state: State) -> bool:
    """The question says the figure's own label (its generic last word aside): 事业单位 of 事业单位数量."""
    label = GENERIC_TAIL.sub("", state.answer.values[0].label)
    return state.question is not None and len(label) >= 2 and label in state.question.text


def _source(answer: Answer) -> str:
    c = answer.citations[0] if answer.citations else None
    if c is None:
        return ""
    # a part of the narrative is named with its section (第四部分 三公经费预算情况说明), so that a
    # reply naming the section (三公里的那个) picks it
    section = SECTION.search(c.row.replace("“", "").replace("”", "")) if c.table.startswith("第") else None
    return f"{c.title or c.table} {section.group(0)}" if section else (c.title or c.table)


SECTION = re.compile(r"(?:\d{4}年)?[\u4e00-\u9fff]{2,10}?(?:情况说明|情况)")


def _option_label(answer: Answer, labels: list[str]) -> str:
    """The figure's own label; with the table it is printed in when two readings share the label
    (公务接待费 of the 经济分类 table and of the 三公 part)."""
    label = answer.values[0].label
    return f"{label}（{_source(answer)}）" if labels.count(label) > 1 and _source(answer) else label


def _option_question(state: State, labels: list[str]) -> str:
    """A question only that reading answers: the line's code, or the part of the document said."""
    answer = state.answer
    label = answer.values[0].label
    if labels.count(label) > 1:
        codes = [m.get("code") for m in (state.intent.params.get("matches") or []) if m.get("code")] \
            if state.intent is not None else []
        if codes:
            return f"{codes[0]}是多少？"
        if answer.citations and answer.citations[0].table.startswith("第"):
            return f"{answer.citations[0].table}中的{label}是多少？"
    return f"{label}是多少？"
