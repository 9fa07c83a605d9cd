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

NOT_OF_LINES = {("operation", "threshold")}  # 至少50万元的项目有几个: the threshold rule's
OTHER_SOURCES = ("indicator", "project", "narrative", "form")  # entities read from another part


def said_of_another(q: Question, matches: list[Match], env: Env, also: str = "") -> bool:
    """The words name something the lines of a table do not hold: an item bought (买了几台复印机:
    the procurement reading's), a project's own items, a paragraph, a form or a target. The measures
    a list of lines reads are knowledge/intents.toml [line_sets]; `also` names the rule's own list."""
    from assistant.tag import load_lexicon, tag

    if any(m.kind == "procurement" for m in matches):
        return True
    tags = tag(q.text, matches, load_lexicon())
    sets = env.k.line_sets
    allowed = sets.get("measures", frozenset()) | sets.get(also, frozenset())  # a value or a word
    if any((t.kind, t.value) in NOT_OF_LINES or t.text in sets.get("not_of_lines", frozenset())
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
