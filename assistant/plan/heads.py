"""A subject read with the words of the one before it: a bare column after a line's column
(行政运行人员经费加公用经费 → 行政运行公用经费), and a part said without the head it shares with the
thing before (公务用车购置费和运行费 → 公务用车运行费)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.plan.columns import column, column_values
from assistant.plan.values import value_of
from assistant.query.model import Subject, Value
from assistant.tag import load_lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def column_of_line_before(before: str, words: str) -> str | None:
    """A column said bare after a line's column (行政运行人员经费加公用经费) is that line's."""
    if column(words) is None:
        return None
    lex = load_lexicon()
    for w, (kind, value) in lex.words.items():
        if kind == "measure" and value in column_values() and before.endswith(w) and len(before) > len(w) + 1:
            return before[: -len(w)] + words
    return None


PARALLEL_WORD = 2  # 政府采购服务 / 货物: a two-character part parallel to the last two of the first
HEAD_MIN = 2  # characters of the head a second thing may share (公务用车 of 公务用车购置费)


def shared_head(before: str, words: str, env: Env, year: int | None) -> tuple[Value, list] | None:
    """公务用车购置费和运行费: 运行费 alone names nothing; with the head of the thing before it
    (公务用车运行费) it may. The head is what is left of the first thing once a part parallel to
    the second (as long, ending alike: 购置费 ~ 运行费) is taken off; no other cut is guessed."""
    # 政府采购服务预算 ~ 货物: the amount word after the part is no part of it (政府采购 + 货物)
    bare = next((before.removesuffix(t) for t in AMOUNT_TAILS if before.endswith(t)), None)
    for said in (*([bare] if bare else []), before):
        for extra in (0, 1, -1):
            cut = len(said) - len(words) - extra
            # ending alike (购置费 ~ 运行费), or two-character parts said in full (服务 ~ 货物)
            alike = said[-1] == words[-1] or (extra == 0 and len(words) == PARALLEL_WORD)
            if cut < HEAD_MIN or not alike:
                continue
            found = value_of(said[:cut] + words, env, year)
            if found is not None:
                return found[0].model_copy(update={"label": said[:cut] + words}), found[1]
    return _in_scope_said(before, words, env, year)


def shared_words(subjects: tuple, n: int, env: Env, year: int | None) -> tuple[Value, list] | None:
    """A subject that names nothing alone, read with the head of the thing before it or (when it is
    the first) the tail of the thing after it."""
    if n > 0:
        return shared_head(subjects[n - 1].text, subjects[n].text, env, year)
    return shared_tail(subjects[0].text, subjects[1].text, env, year) if len(subjects) > 1 else None


def shared_tail(words: str, after: str, env: Env, year: int | None) -> tuple[Value, list] | None:
    """区级和市级支持总部经济 / 行政和事业单位医疗: 区级 alone names nothing; with the tail of the thing
    after it (区级支持总部经济) it may. The tail is what is left of the second thing once a head
    parallel to the first (as long, and ending alike or two characters said in full) is taken off."""
    head = after[: len(words)]
    if len(words) < HEAD_MIN or len(after) - len(words) < HEAD_MIN or head == words \
            or not (head[-1] == words[-1] or len(words) == PARALLEL_WORD):
        return None
    said = words + after[len(words):]
    found = value_of(said, env, year)
    return None if found is None else (found[0].model_copy(update={"label": said}), found[1])


# 城乡社区管理事务的行政运行和一般行政管理事务: the line the first thing is said under holds the second
# too (一般行政管理事务 alone is printed under many 款)
SCOPE_SAID = re.compile(r"^(.{2,}?(?:里面|里边|下面的|下的|之中|中|里|的))(?=.{2,}$)")


def _in_scope_said(before: str, words: str, env: Env, year: int | None) -> tuple[Value, list] | None:
    m = SCOPE_SAID.match(before)
    if m is None:
        return None
    found = value_of(m.group(1) + words, env, year)
    return None if found is None else (found[0].model_copy(update={"label": m.group(1) + words}), found[1])


AMOUNT_TAILS = ("预算数", "预算", "金额", "数额")


FUND_SAID = "一般公共预算"  # how an answer labels a column of the one fund (一般公共预算人员经费)
ALL_SPENDING = "总支出"  # the other whole a column's share may be of


def of_two_wholes(part: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """人员经费占比 with no whole said or stated before: of 基本支出 (the column it lies in) or of
    all spending — two readings with different figures, so which is asked (the reply's options)."""
    from assistant.plan.columns import wholes

    core = part.removeprefix(FUND_SAID)
    parents = wholes()["columns"].get(column(core) or "", ())
    words = load_lexicon().of("measure", parents[0]) if parents else ()
    if not words:
        return None
    inside = min(words, key=len)
    return (f"“{core}”占比可以是占{inside}的比例，也可以是占{ALL_SPENDING}的比例，请问是哪一种？",
            ((f"占{inside}的比例", f"{core}占{inside}的比例"),
             (f"占{ALL_SPENDING}的比例", f"{core}占{ALL_SPENDING}的比例")))


SCOPE_JOINS = ("里面", "里", "中", "的")  # 一般公共预算里行政运行: the scope, then the thing


def shared_scope(subjects: tuple, op: str) -> tuple:
    """一般公共预算里行政运行比事业运行多多少: the fund (or column) said before the first thing holds
    for every thing compared with it (事业运行 is its 一般公共预算 figure too), unless another names
    its own."""
    if op not in SCOPED_OPS or len(subjects) < 2:
        return subjects
    lex = load_lexicon()
    # 人员经费中科学技术支出和社会保障和就业支出: a column (基本支出, 人员经费 …) scopes them all too
    funds = sorted([*lex.of("measure", "fund"), *(w for c in column_values() for w in lex.of("measure", c))],
                   key=len, reverse=True)
    first = subjects[0].text
    said = next(((f, j) for f in funds for j in SCOPE_JOINS
                 if first.startswith(f + j) and len(first) > len(f + j)), None)
    if said is None:
        return subjects
    scope, fund = "".join(said), said[0] in lex.of("measure", "fund")

    def scoped(s: Subject) -> Subject:  # (a fund's part keeps its own words as its label)
        return s.model_copy(update={"text": scope + s.text, "label": s.label or (s.text if fund else None)})

    return (subjects[0], *(s if any(f in s.text for f in funds) else scoped(s) for s in subjects[1:]))


SCOPED_OPS = frozenset({"diff", "sum", "ratio", "most", "each"})
