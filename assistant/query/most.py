"""The most/least of things named: A、B、C 哪个最多 / A和B中哪个最少 — the largest (or smallest) of
exactly the things said, never of a set the words only touch (the lines inside A, a column whose
name is inside B's)."""

from __future__ import annotations

import re

from assistant.query.model import Query
from assistant.tag import Lexicon

MOST_RULE = "A、B、C中哪个最多"
LEAST_RULE = "A、B、C中哪个最少"
_ASKED = re.compile(r"^(.+?)(?:这|那)?(?:几|两|三|四|五|\d)?(?:个|项|者)?(?:中|里|当中|之中)?的?"
                    r"(?:哪个|哪一个|哪项|哪一项|谁)的?(?:预算|金额|钱|花钱|花的钱)?最"
                    r"(多|大|高|少|小|低)(?:一些|一点)?(?:呢)?$")
LIST_MIN = 2


LEFT_OUT = re.compile(r"除了|除去|除开|除掉|不算|不含|不包括")


def most(text: str, lex: Lexicon) -> Query | None:
    from assistant.query.subjects import _subjects_in_order

    m = _ASKED.search(text)
    if m is None:
        return None
    # split where the question joins things (names are masked in `text`, so never inside one)
    pieces = [p for p in re.split(r"[、,，]|和|与|及|跟", m.group(1)) if p.strip()]
    if len(pieces) < LIST_MIN or any(LEFT_OUT.match(p) for p in pieces):
        return None  # 除了A，哪一项最多: a ranking with A left out (query/ranking.py), no list of things
    subjects = _subjects_in_order(text, pieces)
    if subjects is None:
        return None
    rule = MOST_RULE if m.group(2) in "多大高" else LEAST_RULE
    return Query(op="most", subjects=tuple(subjects), rule=rule)


def pick(values: list, rule: str) -> tuple[list, str]:
    """The values at the end asked for (several when they tie), and the word for that end."""
    largest = rule == MOST_RULE
    end = max(v.amount for v in values) if largest else min(v.amount for v in values)
    return [v for v in values if abs(v.amount - end) < 1e-9], "最多" if largest else "最少"
