"""加起来 said after three or more figures, one a turn, with no count (X → Y呢 → Z呢 → 加起来): the
last two or all of them are both readings, and they give different sums — the reply asks which,
with both as buttons. 两项/三项/这几项 say it, and are read as said (dialogue/followup.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.fmt import MONEY_UNITS as MONEY
from assistant.models import Answer, Candidate, Citation, Question, Value
from assistant.query.cover import leftovers
from assistant.tag import Lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

COUNTED = re.compile(r"[2-9两二三四五六几]\s*(?:项|个|者|样|笔|类|年)|这些|各项|前者|后者|两者|二者")
CHAIN_MIN = 3
# 一共几个 / 总共有多少项 / 有几条呢: how many lines, asked of the list and of nothing else
COUNT_ONLY = re.compile(r"(?:那|这些|上面|以上)?(?:一共|总共|共|合计)?(?:有|是)?"
                        r"(?:几|多少)(?:个|项|条|类|款|笔|种)(?:科目|项目|品目)?(?:呢|啊)?")


def which_sum(q: Question, env: Env, lex: Lexicon) -> Answer | None:
    tags = tag(q.text, (), lex)
    ops = {t.value for t in tags if t.kind == "operation"}
    if ops != {"sum"} or leftovers(q.text, tags) or COUNTED.search(q.text) or env.index.match(q):
        return None
    labels: list[str] = []
    for turn in reversed(env.conv.turns):
        money = [r for r in turn.results if r.get("unit") in MONEY]
        if turn.status != "answered" or len(money) != 1 or len(turn.results) != 1:
            break
        labels.insert(0, str(money[0]["label"]))
    if len(labels) < CHAIN_MIN or len(set(labels)) < len(labels):
        return None
    two, every = labels[-2:], labels
    return Answer(status="clarify", text=(
        f"前面问了{len(every)}项（{'、'.join(every)}），请问要把哪几项加起来？"),
        candidates=[Candidate(label=f"最近两项：{'、'.join(two)}", question=f"{'和'.join(two)}加起来多少"),
                    Candidate(label=f"全部{len(every)}项", question=f"{'、'.join(every)}加起来多少")])


def count_of_listed(q: Question, env: Env, lex: Lexicon) -> Answer | None:
    """商贸事务下面有哪些项 → 一共几个: how many lines the answer before listed — never their sum."""
    tags = tag(q.text, (), lex)
    ops = {t.value for t in tags if t.kind == "operation"}
    last = env.conv.last
    if "count" not in ops or ops - {"count", "sum"} or leftovers(q.text, tags) or env.index.match(q) \
            or not COUNT_ONLY.fullmatch(q.text.strip(" ?？。")) \
            or last is None or last.status != "answered" or len(last.items) < 2:
        return None  # (它的数量是多少: the quantity of the line picked, no count of the list)
    cites = [Citation(**c) for r in last.results[:1] for c in r.get("citations") or []]
    n = len(last.items)
    return Answer(status="answered", text=f"上文列出的共 {n} 项：{'、'.join(last.items)}。",
                  values=[Value(value=float(n), unit="项", label="上文所列项数")], citations=cites)
