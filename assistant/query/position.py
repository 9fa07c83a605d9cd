"""The position rule and its answer: A 排第几 — the place of one line among its siblings by amount.

Siblings are the lines of the same set (plan/siblings.py): classified lines under the same parent
code, projects among the projects, procurement items among the items. Each sibling's figure is
read as its own question (plan/values.value_of), in the column the subject was asked in, so the
figures compared are the ones the assistant would state for each line. Equal amounts share a
place, and the answer says how many lines were compared. A subject that is no such line (a detail
line of a project's form) is left to the readings that own it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Match, TableData
from assistant.models import Value as Stated
from assistant.query.model import Query, Subject
from assistant.query.subjects import _subject
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

RULE = "A排第几"
# 行政运行排第几 / 在同级科目中排第几 / 第几大 / 排名怎么样 / 名次; 安排几 is no ranking
_ASKED = re.compile(r"^(.+?)(?:在((?:同级|同类|所有|全部|各)?[^排第]{0,16}?)(?:中|里|当中|之中))?的?"
                    r"(?:(?<!安)排(?:名|在|行)?(?:第)?几(?:位|名)?|第几(?:大|多|高|位|名)|"
                    r"(?<!安)排(?:名|在)?(?:是)?(?:第)?多少(?:位|名)?|"
                    r"排名(?:怎么样|如何|情况)|名次(?:如何|怎么样)?)(?:呢)?$")  # 项目支出排名: the list
RANKED = ("function", "economic", "project", "procurement")
MAX_SIBLINGS = 60  # a set larger than this is a listing to browse, not a place to state
LEVELS = {3: "类", 5: "款", 7: "项"}


# 在项级科目里排第几: every line of that level in the table, not only those under the same parent
LEVEL_SAID = re.compile(r"(类|款|项)级?(?:科目|支出)?$")
QUALIFIED = re.compile(r"同级|同类|所有|全部|各|几个|\d+个|的")  # words that say no line before a level
CODE_LENGTH = {"类": 3, "款": 5, "项": 7}


def position(text: str, lex: Lexicon) -> Query | None:
    m = _ASKED.search(text)
    subject = _subject(text, *m.span(1)) if m else None
    if subject is None or m is None:
        return None
    level = LEVEL_SAID.search(m.group(2) or "")
    if level is not None and QUALIFIED.sub("", (m.group(2) or "")[: level.start()]):
        level = None  # 在城乡社区支出的几个款里: the 款 under that line — its siblings, not every 款
    scope = (Subject(text=level.group(1), span=m.span(2)),) if level else ()
    return Query(op="position", subjects=(subject, *scope), rule=RULE)


def position_answer(query: Query, env: Env) -> Answer | None:
    """None when the subject is not one ranked line (the single-figure readings then answer)."""
    from assistant.ops.rank import place
    from assistant.plan.ranked import ranked_rows
    from assistant.plan.values import value_of
    from assistant.query.compose import _show

    subject = query.subjects[0].text
    found = value_of(subject, env)
    line = next((m for m in found[1] if m.kind in RANKED), None) if found is not None else None
    if found is None or line is None:
        return None
    own = found[0]
    column = _column_said(subject, line)
    level = CODE_LENGTH.get(query.subjects[1].text) if len(query.subjects) > 1 else None
    read = ranked_rows(line, own, column, env, level)
    if read is None or len(read[0]) > MAX_SIBLINGS:
        return None
    rows, mine, parent = read
    rank, ties = place([float(r["amount"]) for r in rows], float(mine["amount"]))
    scope = f"全部{query.subjects[1].text}级科目" if level else _scope(line, env, parent)
    tie = f"（与另外{ties}项并列）" if ties else ""
    ordered = sorted(rows, key=lambda r: -float(r["amount"]))
    named = f"{line.name}{column}"
    where = f"（{own.citations[0].table}，第{own.citations[0].line}行）" if own.citations else ""
    return Answer(
        status="answered",
        text=(f"按“{subject}在{scope if level else '同级'}中的位次”理解：“{named}”"
              f"{_show(own.amount, own.unit)}，"
              f"在{scope}（共{len(rows)}项）中按金额从大到小排第{rank}位{tie}{where}。"),
        values=[Stated(value=own.amount, unit=own.unit, label=named),
                Stated(value=rank, unit="位", label=f"{named}排名")],
        citations=list(own.citations),
        table=TableData(columns=["名称", f"金额（{own.unit}）"],
                        rows=[[r["name"], float(r["amount"])] for r in ordered]),
        lead=2,
    )


def _column_said(subject: str, line: Match) -> str:
    """行政运行的人员经费排第几: the column the subject was asked in (the table's label for it)."""
    from assistant.plan.columns import column
    from assistant.tag import load_lexicon, tag

    rest = subject.replace(line.alias, "") if line.alias else subject
    return next((t.text for t in tag(rest, (), load_lexicon()) if column(t.text) is not None), "")


def _scope(line: Match, env: Env, parent: str) -> str:
    kinds = {"project": "全部项目", "procurement": "全部政府采购品目"}
    if line.kind in kinds:
        return kinds[line.kind]
    level = LEVELS.get(len(line.code or ""), "")
    if not parent:
        return f"全部{level}级科目"
    up = next((e for e in env.index.kinds(line.kind) if e.code == parent), None)
    return f"“{parent} {up.name}”下的{level}级科目" if up else f"{parent}下的{level}级科目"
