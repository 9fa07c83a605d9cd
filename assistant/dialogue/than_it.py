"""比它多的项级科目有几个 / 比这个少的项目有哪些: a threshold whose figure is the one just stated.

城管执法多少 → 比它多的项级科目有几个: the lines of the set named (项级科目) past the figure the answer
before stated, counted or listed — the threshold rule (query/threshold.py) with its bound taken from
the conversation. With no single figure before, it is no such question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.stated import single
from assistant.models import Question
from assistant.query.model import Query, Subject

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

IT = r"(?:它|这个数|这个|这项|这一项|该项|这笔)"
_ASKED = re.compile(
    rf"^(?:那)?(?:(比){IT}(?:的)?(?:还|更)?(多|高|大|少|低|小)|(超过|高于|多于|大于|低于|少于|小于|不到){IT})的?"
    r"(.+?)(?:一共|总共|共)?(?:有|是)?(几个|几项|多少个|多少项|哪些|哪几个|哪几项)(?:呢)?$")
ABOVE = frozenset("多高大") | {"超过", "高于", "多于", "大于"}
COUNTED = ("几个", "几项", "多少个", "多少项")
RULE = "比它多的X有几个"


def than_it(q: Question, env: Env) -> Query | None:
    m = _ASKED.search(q.text)
    if m is None:
        return None
    last = next((t for t in reversed(env.conv.turns) if t.status == "answered"), None)
    figure = single(last) if last is not None else None
    if figure is None or figure.unit not in ("万元", "元", "亿元"):
        return None
    word = m.group(2) or m.group(3)
    side = "above" if word in ABOVE else "below"
    scope = Subject(text=m.group(4), span=m.span(4))
    return Query(op="threshold", subjects=(scope,), unit=figure.unit, rule=RULE,
                 bound=(figure.amount, side, False), counted=m.group(5) in COUNTED)


# 比安全生产工作经费多的项目有几个 / 项目支出里比聘用人员经费多的有几个: the figure is a line's, named
_NAMED = re.compile(
    r"^(?:(.+?)(?:里面|里|中|当中|之中)[,，]?)?比(.+?)(?:的)?(?:还|更)?(多|高|大|少|低|小)的?(.*?)"
    r"(?:一共|总共|共)?(?:有|是)?(几个|几项|多少个|多少项|哪些|哪几个|哪几项)(?:呢)?$")
NAMED_RULE = "比A多的X有几个"


def than_named(text: str, lex: object) -> Query | None:
    """The threshold rule with its figure a line the question names (read when it is answered)."""
    from assistant.query.subjects import ORIGINAL, _subject

    said = ORIGINAL.get() or text
    m = _NAMED.search(said)
    if m is None or re.fullmatch(IT, m.group(2)):
        return None  # 比它多的…: the figure just stated (than_it)
    scope_span = m.span(4) if m.group(4) else m.span(1) if m.group(1) else None
    line = _subject(text, *m.span(2))
    scope = _subject(text, *scope_span) if scope_span else None
    if line is None or scope is None:
        return None
    side = "above" if m.group(3) in ABOVE else "below"
    return Query(op="threshold", subjects=(scope, line), rule=NAMED_RULE,
                 bound=(0.0, side, False), counted=m.group(5) in COUNTED)


def with_named_bound(query: Query, env: Env) -> Query | None:
    """比A多的X: A's own figure as the bound (None when A has no one figure: no reading)."""
    from assistant.plan.values import value_of

    if query.rule != NAMED_RULE or len(query.subjects) != 2:
        return query
    found = value_of(query.subjects[1].text, env)
    if found is None or found[0].unit not in ("万元", "元", "亿元"):
        return None
    side = query.bound[1] if query.bound else "above"
    return query.model_copy(update={"subjects": query.subjects[:1], "unit": found[0].unit,
                                    "bound": (found[0].amount, side, False)})
