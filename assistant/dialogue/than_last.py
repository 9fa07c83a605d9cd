"""跟C比差多少 / 比C多多少 said right after a figure: the figure just stated against C's own.

宣传事务和组织事务加起来多少 → 跟统战事务比差多少: the difference of the last answer's figure (its
result, or the one figure it stated) and the figure of the thing now named. The query carries the
last figure itself, with its citations — no text is rewritten; with no one figure before, or no one
figure of C, it is no such question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.stated import MONEY, result, single
from assistant.models import Question
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_ASKED = re.compile(r"^(?:那)?(?:它|这个数|这个|这笔|合计|总数)?(?:跟|和|与|同|比)(.+?)(?:相比|比较|比)?"
                    r"[,，]?"
                    r"(?:还)?(?:多了|少了|多出|多|少|相差|差了|差|高|低)(?:出来)?(?:了)?(?:多少|几)"
                    r"(?:钱|万元|元|万)?$")
# 比2024年多多少 / 比去年呢: a year compared is a change of the same thing (dialogue/year_change.py)
_A_YEAR = re.compile(r"\d{4}年|去年|上年|前年|今年|明年|本年|它|这")
RULE = "（上文）比C多多少"


def than_last(q: Question, env: Env) -> Query | None:
    from assistant.plan.values import value_of

    m = _ASKED.search(q.text)
    last = env.conv.last
    if m is None or last is None or last.status != "answered" or _A_YEAR.search(m.group(1)):
        return None
    figure = result(last) or single(last)
    if figure is None or figure.unit not in MONEY:
        return None
    other = value_of(m.group(1).strip("的"), env)
    if other is None or other[0].unit not in MONEY or other[0].label == figure.label:
        return None
    return Query(op="diff", given=(figure, other[0]), rule=RULE, from_context=True)


__all__ = ["than_last"]
