"""Whether a question about the lines of one set (a count, a ranking, a breakdown) is one the
tables answer.

The count, ranking and breakdown rules (query/count.py, ranking.py, breakdown.py) read the set from
the question's words; these checks leave the question to the other readings when its words speak of
something the lines of a table do not hold (the forms, a kind of unit, a category, a paragraph), and
to the context step when it is a follow-up the conversation completes first. Words nothing
understands are the coverage gate's to find, once the answer is made (query/understand.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Match, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# the measure words a count or ranking of table lines understands (支出, 万元, 基本支出, 一般公共预算 …);
# any other (编报绩效目标的项目: the forms; 事业单位: a kind of unit, said in words; 常年项目: a category the
# project table does not divide by) leaves the question to the readings that know it
LINE_MEASURES = frozenset({"amount", "money", "basic", "project", "personnel", "public", "fund"})
NOT_OF_LINES = {("operation", "threshold")}  # 至少50万元的项目有几个: the threshold rule's
# a word that asks for a figure yet never for lines (数字经济专项资金包括哪些项目: 数字 names a thing there)
NOT_OF_LINES_WORDS = frozenset({"数字"})
OTHER_SOURCES = ("indicator", "project", "narrative", "form")  # entities read from another part


def said_of_another(q: Question, matches: list[Match], env: Env, also: frozenset[str] = frozenset()) -> bool:
    """The words name something the lines of a table do not hold: an item bought (买了几台复印机:
    the procurement reading's), a project's own items, a paragraph, a form or a target."""
    from assistant.tag import load_lexicon, tag

    if any(m.kind == "procurement" for m in matches):
        return True
    tags = tag(q.text, matches, load_lexicon())
    allowed = LINE_MEASURES | also  # a measure's value (kind) or its word (单位)
    if any((t.kind, t.value) in NOT_OF_LINES or t.text in NOT_OF_LINES_WORDS
           or (t.kind == "measure" and t.value not in allowed and t.text not in allowed) for t in tags):
        return True
    entities = [t for t in tags if t.kind == "entity"]
    # a paragraph's name that is also a term or a table's (项目支出, 基本支出) names the set itself
    # 公用经费: a column; 货物类: a kind of procurement item (plan/sets.py reads it)
    plain = {(t.start, t.end) for t in entities if not t.value.startswith(OTHER_SOURCES)
             or t.text in env.k.measures or t.text.removesuffix("类") in env.k.procurement_kinds}
    return any(t.value.startswith(OTHER_SOURCES) and (t.start, t.end) not in plain for t in entities)


def after_a_turn(q: Question, env: Env) -> bool:
    from assistant.pipeline.context import is_followup

    last = env.conv.last
    return last is not None and last.status == "answered" and is_followup(q, env)
