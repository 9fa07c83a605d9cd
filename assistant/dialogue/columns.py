"""Columns said right after a line or a unit: that line's columns (行政运行 → 基本支出和项目支出分别多少).

A composed follow-up that names only columns of the budget (基本支出, 项目支出, 人员经费, 公用经费)
asks them of the thing the question before was about, as a single follow-up does (行政运行 →
基本支出多少 is 行政运行's). Read as the department's columns instead, it would state figures of
another question, so the subjects are the line's own columns, said in full.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Question
from assistant.plan.columns import column
from assistant.query.model import Query, Subject

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn
    from assistant.pipeline.steps import Env

# operations whose subjects are figures side by side: each said of the line asked before
OPS = frozenset({"each", "sum", "diff", "ratio", "most"})
# the kinds of line a column belongs to: a 功能 or 经济 line, or a unit of the department
LINE_KINDS = frozenset({"function", "economic", "unit"})
WITHIN = "其中"


def of_the_line_before(query: Query, env: Env) -> Query | None:
    """The query with each column said of the line the last turn was about, or None when the
    follow-up names anything else or the turn before named no one line."""
    if query.op not in OPS or query.from_context or query.given or not query.subjects:
        return None
    said = tuple(s.model_copy(update={"text": s.text.removeprefix(WITHIN)}) for s in query.subjects)
    # 其中公务接待费和公务用车购置及运行费: 其中 says "inside what was just asked", whatever is named
    within = query.subjects[0].text.startswith(WITHIN)
    if not within and any(column(s.text) is None for s in said):
        return None
    last = env.conv.last
    if last is None or last.status != "answered" or len({m.entity_id for m in last.entities}) != 1:
        return None
    thing = last.entities[0]
    columns = all(column(s.text) is not None for s in said)
    if columns and thing.kind not in LINE_KINDS:
        return None
    joint = "" if columns else "里"  # 城乡社区支出基本支出 / 三公经费里公务接待费
    subjects = tuple(Subject(text=(t := f"{thing.name}{joint}{s.text}"), span=s.span, label=t) for s in said)
    if not columns and any(_the_whole_again(s.text, last, env) for s in subjects):
        return None  # 购置及运行费里购置费 read as 购置及运行费 itself: no part of it was found
    return query.model_copy(update={"subjects": subjects, "rule": f"{query.rule}（上一问的“{thing.name}”）"})


def _the_whole_again(subject: str, last: Turn, env: Env) -> bool:
    from assistant.plan.values import value_of

    found = value_of(subject, env)
    if found is None:
        return True
    before = {(c.get("table"), c.get("line")) for r in last.results for c in r.get("citations", [])}
    return {(c.table, c.line) for c in found[0].citations} <= before


IT_FIRST = re.compile(r"^(?:那么?)?(?:它的|它(?!们)|其(?![中他余它实次])"
                      r"|(?:该|这个|这一|这)(?:项|科目|项目)的?)(?=[\u4e00-\u9fff]{2})")
NAMED_KINDS = frozenset({"function", "economic", "project", "unit", "procurement"})
INCOME = "收入"


def its_line(q: Question | None, env: Env) -> Question | None:
    """2060404是什么 → 它的一般公共预算是多少: 它 said first is the one line the turn before was about,
    so the question is that line's (never the whole budget's, which the rest alone would name)."""
    if q is None:
        return None
    it = IT_FIRST.match(q.text)
    m = it or _within_a_fund(q.text)
    if m is None:
        return None
    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    # 其中事业收入 / 其中一般公共预算拨款 after a unit's income: that unit's income from the source
    # (its column of the income table), never the department's (after a unit's column, 招商服务中心
    # 项目支出 → 其中一般公共预算, the units' own rule keeps the column)
    kinds = NAMED_KINDS if it or INCOME in last.question else NAMED_KINDS - {"unit"}
    lines = {e.entity_id: e for e in last.entities if e.kind in kinds}
    if len(lines) != 1:
        return None
    name = next(iter(lines.values())).name
    return q.model_copy(update={"text": f"{name}的{q.text[m.end():]}"})


def _within_a_fund(text: str) -> re.Match[str] | None:
    """其中一般公共预算是多少 after a line: 其中 says the part of that line, read from the fund named."""
    from assistant.query.subjects import _alt
    from assistant.tag import load_lexicon

    return re.match(rf"^(?:那)?其中(?=(?:{_alt(load_lexicon().of('measure', 'fund'))}))", text)


def _line_before(env: Env) -> str | None:
    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    lines = {e.entity_id: e for e in last.entities if e.kind in NAMED_KINDS}
    return next(iter(lines.values())).name if len(lines) == 1 else None


def fund_after_line(q: Question | None, env: Env) -> Answer | None:
    """行政运行多少 → 一般公共预算多少: the line's part from that fund, or the department's whole of it —
    both are read from the words, so the reply asks (其中一般公共预算 / 一般公共预算呢 say the line's)."""
    from assistant.query.subjects import _alt
    from assistant.tag import load_lexicon

    if q is None:
        return None
    funds = _alt(load_lexicon().of("measure", "fund"))
    m = re.fullmatch(rf"(?:那)?({funds})(?:支出|拨款)?(?:安排了?|安排的|资金)?(?:是|有|为)?(?:多少|几何)钱?",
                     q.text)
    name = _line_before(env) if m else None
    if m is None or name is None:
        return None
    fund = m.group(1)
    return Answer(status="clarify", text=(f"“{q.text}”可以是问“{name}”中由{fund}安排的部分，"
                                          f"也可以是问全部门的{fund}合计，请问是哪一个？"),
                  candidates=[Candidate(label=f"“{name}”的{fund}", question=f"{name}的{q.text}"),
                              Candidate(label=f"全部门的{fund}", question=q.text)])


WHOLLY_IN = frozenset({"personnel", "public"})  # the columns one economic class may lie wholly in


def wholly_in_column(text: str, last: Turn, env: Env) -> bool:
    """工资福利支出多少 → 人员经费多少: an economic class that lies wholly in one column (its cell of
    it is its whole figure) would say its own figure again; the column asked alone is the
    department's (其中人员经费 still asks the cell)."""
    from assistant.dialogue.slots import _core
    from assistant.plan.values import value_of
    from assistant.tag import load_lexicon, tag

    lines = {m.name for m in last.entities if m.kind == "economic"}
    if text.startswith(WITHIN) or len(lines) != 1 or len(last.entities) != 1:
        return False
    cols = [t.text for t in tag(text, (), load_lexicon()) if column(t.text) in WHOLLY_IN]
    if len(cols) != 1 or _core(text.replace(cols[0], ""), env):
        return False
    line = next(iter(lines))
    whole, cell = value_of(line, env), value_of(line + cols[0], env)
    return whole is not None and cell is not None and whole[0].amount == cell[0].amount
