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
