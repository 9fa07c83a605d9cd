"""Narrowing a list or count of projects: the unit the question names (预算11表 prints each
project's unit), and the qualifiers the project table does not divide projects by."""

from __future__ import annotations

import re

from assistant.models import Answer, Question
from assistant.pipeline.base import Row
from assistant.pipeline.intents.tables_common import knowledge, longest_run


def set_of(q: Question) -> tuple[str, str] | None:
    """A word naming a set of rows (项目, 经济科目, 功能科目) -> (table_id, code_kind)."""
    k = knowledge()
    hits = [w for w in k.sets if w in q.text]
    if len(hits) > 1:  # 哪个单位的项目支出最多: 项目 is said only inside the column 项目支出, 单位 is the set
        outside = [w for w in hits if w in re.sub("|".join(map(re.escape, k.measures)), "", q.text)]
        hits = outside or hits
    return k.sets[max(hits, key=len)] if hits else None


OWN_UNIT = "本级"  # the department's own unit, named by this word alone
UNIT_KEY = "_unit"  # set on rows narrowed to one unit: the answer names the unit
UNIT_RUN_MIN = 4
# qualifiers the project table does not divide its projects by: a list or count that ignored one
# would state every project for a narrower question
NOT_BY = ("购买服务", "一般公共预算", "政府性基金", "财政拨款", "国有资本经营")


def undivided(q: Question) -> Answer | None:
    """政府购买服务有几个项目: the project table lists projects by unit only."""
    found = set_of(q)
    said = next((w for w in NOT_BY if w in q.text), None)
    if found is None or found[1] != "project" or said is None:
        return None
    return Answer(status="unanswerable", text=(
        f"项目支出表（{found[0]}）按单位列出各项目，没有按“{said}”区分，这里不列出或计数，以免答非所问；"
        "可以问“项目支出有哪些”或某个项目的金额。"))


def of_unit(rows: list[Row], text: str) -> list[Row]:
    """招商服务中心的项目有几个: the projects of the unit the question names (预算11表 prints each
    project's unit); a unit named by no more than its department's words filters nothing."""
    units = {str(r["extra"]) for r in rows if r.get("extra")}
    if len(units) == 1 and OWN_UNIT in text and next(iter(units)).endswith(OWN_UNIT):
        return [{**r, UNIT_KEY: r["extra"]} for r in rows]  # every project is the own unit's
    if len(units) < 2:
        return rows
    own = [u for u in units if u.endswith(OWN_UNIT)]
    if OWN_UNIT in text and len(own) == 1:  # 本级有几个项目: the department's own unit
        return [{**r, UNIT_KEY: own[0]} for r in rows if r.get("extra") == own[0]]
    said = {u: longest_run(u, text) for u in units}
    best = max(said.values())
    named = [u for u, n in said.items() if n == best]
    if best < UNIT_RUN_MIN:  # 中心有几个项目: the one unit of that kind, called by its kind
        from assistant.pipeline.entries import UNIT_KIND_WORDS

        kind = [[u for u in units if u.endswith(w)] for w in UNIT_KIND_WORDS if w in text]
        named = kind[0] if len(kind) == 1 else []
        best = UNIT_RUN_MIN if len(named) == 1 else best
    if best < UNIT_RUN_MIN or len(named) != 1:
        return rows
    return [{**r, UNIT_KEY: named[0]} for r in rows if r.get("extra") == named[0]]
