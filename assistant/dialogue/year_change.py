"""A follow-up that asks the change of the figure just given to another year (A 2025 年是多少 →
今年涨了多少 / 比去年呢): the subject of the earlier question, read without its years and asking words,
from one year to the other."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.stated import single
from assistant.models import Question
from assistant.query.model import Query, Subject
from assistant.tag import Lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn
    from assistant.pipeline.steps import Env

# 比上年呢 / 和去年比呢 / 与上年相比 (normalised: 比2025年): the whole follow-up compares with a year
COMPARED_ONLY = re.compile(r"(?:比|较|和|跟|与|同)(\d{4})年度?(?:的?预算数?)?(?:相比|比较|比|对比)?"
                           r"(?:呢|怎么样|如何|(?:变化|增加|减少|增长|下降|多|少|涨|降|增减)了?(?:多少)?)?")
YEAR = re.compile(r"(?:19|20)\d{2}年度?")
PLAIN = frozenset({"function", "operation", "time", "unit"})


def change_from_one(q: Question, last: Turn, env: Env, lex: Lexicon) -> Query | None:
    """A 2025 年是多少 → 今年涨了多少: one figure said, the change to another year of the same
    subject (read from the earlier question without its years and asking words)."""
    v, years = single(last), sorted(set(q.years))
    if v is None or v.year is None or len(years) > 2:
        return None
    base = re.search(r"比(\d{4})年", q.text) or COMPARED_ONLY.fullmatch(q.text.rstrip("?？。 "))
    if len(years) == 2:  # 2026年比2025年少了多少: the two years said, whatever the figure just stated
        return change_of(last, env, lex, later=max(years), earlier=min(years))
    if base is not None and int(base.group(1)) != v.year:
        # 比去年涨了多少 after this year's figure: 去年 is the base, the figure said is the later
        return change_of(last, env, lex, later=v.year, earlier=int(base.group(1)))
    # 2024年到2025年涨了多少: between the two years said; else from the figure's year to the one said
    a, b = years if len(years) == 2 else (v.year, years[0] if years else env.runner.year)
    return None if a == b else change_of(last, env, lex, later=max(a, b), earlier=min(a, b))


WHOLE_BUDGET = ("收支总预算", "支出预算")  # the whole budget as a 说明 names it (narrative readings)


def change_of(last: Turn, env: Env, lex: Lexicon, later: int, earlier: int) -> Query | None:
    """The subject of the earlier question (without its years and asking words) from one year to
    another."""
    text = YEAR.sub("", last.question)
    keep = bytearray(b"\x01" * len(text))
    names = env.index.match(Question(raw=text, text=text))  # a name keeps its words (安全 in 安全生产)
    for t in tag(text, names, lex):
        if t.kind in PLAIN or (t.kind == "measure" and t.value in ("amount", "money")):
            keep[t.start: t.end] = b"\x00" * (t.end - t.start)
    core = "".join(ch for i, ch in enumerate(text) if keep[i]).strip(" ,，、的")
    from assistant.plan.values import value_of
    from assistant.plan.whole import general

    if len(core) < 2 and general(text):
        # 今年预算总共多少 → 比去年多了多少: the whole budget, as the 说明 says it
        core = next((w for w in WHOLE_BUDGET if value_of(w, env, earlier) is not None), core)
    if len(core) < 2:
        return None

    if value_of(core, env, earlier) is None:
        # 整体支出合计: the words 支出合计 are the name here, not a question's amount words
        fuller = YEAR.sub("", asking_stripped(last.question))
        if fuller != core and value_of(fuller, env, earlier) is not None:
            core = fuller
    return Query(op="change", subjects=(Subject(text=core, span=(0, 0)),), years=(later, earlier),
                 rule="（上文）某年的数到今年的变化", from_context=True)


def asking_stripped(text: str) -> str:
    """The question without the words that ask (…是多少？), its name words kept whole."""
    asking = r"(?:的)?(?:预算|金额)?(?:是|有|为)?(?:多少|几)(?:钱)?(?:呢)?[?？。]*$"
    return re.sub(asking, "", text).strip(" ,，、的")
