"""A和B分别是多少 / A、B各多少: each named thing's own figure, listed, never added up.

A second thing may be said by its own words only, sharing the first one's head
(公务用车购置费和运行费 = 公务用车购置费、公务用车运行费): plan.values tries that reading when
the words alone name nothing.
"""

from __future__ import annotations

import re

from assistant.query.model import Query, Subject
from assistant.tag import Lexicon

# (A和B分别是: 是 at the end asks the figures as well)
EACH = r"(?:各自|分别|各)(?:都)?(?:(?:是|有|为|要|安排了?|花了?)?(?:多少|几)(?:钱|万元|元)?|是|为)(?:呢)?$"
JOINERS = r"和|、|与|及|以及|跟"


ASKS = r"(?:是|有|为|安排了?|要花)?多少(?:钱)?"
# 基本支出多少，项目支出多少 (or a space, dropped once normalised): two questions, each its own figure
TWO_ASKED = re.compile(rf"^(.+?){ASKS}[,，;；\s]?(.+?){ASKS}$")


def each(text: str, lex: Lexicon) -> Query | None:
    from assistant.query.subjects import PROTECTED, _subject, tail_shared

    two = TWO_ASKED.search(text)
    if two:  # 基本支出多少，项目支出多少: two questions in one, each its own figure
        a, b = _subject(text, *two.span(1)), _subject(text, *two.span(2))
        return Query(op="each", subjects=(a, b), rule="A多少，B多少") if a and b else None
    m = re.search(rf"^(.+?){EACH}", text)
    if not m:
        return None
    body_end = m.end(1)
    # 基本支出和项目支出的金额分别是多少: 的金额 asks the figure of each, no part of the last name
    asked = re.search(r"的?(?:金额|预算数|预算|数额|数)$", text[:body_end])
    if asked and asked.start() > 0:
        body_end = asked.start()
    cuts = [j for j in re.finditer(JOINERS, text[:body_end])
            if not any(a <= j.start() < b for a, b in PROTECTED.get())]
    if not cuts:
        return None
    subjects: list[Subject] = []
    start = 0
    for j in [*cuts, None]:
        end = j.start() if j is not None else body_end
        s = _subject(text, start, end)
        if s is None:
            return None
        subjects.append(s)
        start = j.end() if j is not None else end
    scope = INSIDE.match(subjects[0].text)
    if scope and not _protected_at(subjects[0].span[0] + scope.end(1)):
        # X中A和B各多少: every one of them is inside X, not only the first
        said = scope.group(1) + scope.group(2)
        first = Subject(text=_inside(said, scope.group(3).lstrip(",，、 ")), span=subjects[0].span)
        subjects = [first, *(Subject(text=_inside(said, s.text), span=s.span) for s in subjects[1:])]
    return Query(op="each", subjects=tail_shared(tuple(subjects)), rule="A和B分别多少")


INSIDE = re.compile(r"^(.+?)(里面|里头|里|之中|当中|中)(.+)$")


def _inside(scope: str, part: str) -> str:
    """一般公共预算基本支出里 + 人员经费: a column said inside the column it is declared part of
    (knowledge/wholes.toml: 人员经费 lies in 基本支出) is that fund's column — 一般公共预算人员经费;
    any other part keeps the whole scope."""
    from assistant.plan.columns import column, wholes

    inner = column(part)
    whole = scope.rstrip("里面头之当中")
    for i in range(len(whole) - 1):
        outer = column(whole[i:])
        if outer is not None and inner is not None and outer in wholes()["columns"].get(inner, ()):
            return whole[:i] + part if i else part
    return scope + part


def _protected_at(i: int) -> bool:
    """A scope word inside a catalogue name (大数据中心 at 中) is no scope."""
    from assistant.query.subjects import PROTECTED

    return any(a <= i < b for a, b in PROTECTED.get())
