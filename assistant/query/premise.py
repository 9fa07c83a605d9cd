"""A question asked on a premise the user states first: 三公经费比2023年预算增加了25万元，那么2023年
三公经费预算是多少 / 一般公共预算拨款支出比上年多了106.46万，那上年是多少. The premise is asked as the
question it answers (its figure replaced by 多少: the document's own figure, never the user's), then
the question after it is asked in that conversation; its answer is the reply. A premise the document
does not answer, or a question after it left unanswered, is no such question."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# the figure the premise states, with its unit (增加了25万元 / 多了106.46万)
FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:亿元|万元|元|万|%)")
THEN = re.compile(r"^(?:那么|那|所以|则)")


def premised(q: Question, env: Env) -> Answer | None:
    from assistant.query.understand import ASKING, CLAUSE_BREAK  # (how a clause is told, said once)

    parts = [p for p in CLAUSE_BREAK.split(q.text) if p.strip()]
    if env.depth or len(parts) != 2 or ASKING.search(parts[0]) or not ASKING.search(parts[1]):
        return None
    if not FIGURE.search(parts[0]) or not THEN.match(parts[1]):
        return None
    from assistant.pipeline.base import Conversation, Turn
    from assistant.pipeline.recorded import results_of as _results
    from assistant.plan.values import ask

    asked = FIGURE.sub("多少", parts[0], count=1)
    conv = Conversation(turns=list(env.conv.turns))
    first = ask(asked, env, conv, compose=True)
    if first.answer is None or first.answer.status != "answered":
        return None
    conv.turns.append(Turn(question=asked, status="answered", entities=list(first.matches),
                           results=_results(first, first.answer, env.runner.year),
                           years=list(first.question.years) if first.question else [],
                           query=first.query))
    then = ask(parts[1], env, conv, compose=True)
    if then.answer is None or then.answer.status != "answered":
        return None
    return then.answer.model_copy(update={"text": f"按文件：{first.answer.text}\n{then.answer.text}"})
