"""The count rule and its answer: 项目支出有几个项目 / 商品和服务支出下有几个明细科目 / 款级科目有几个 /
政府采购表里有几个品目 / 采购数量一共多少 — how many lines of one set the tables list.

The question must end in the count (几个, 多少项, 几款 …, 个数, 数量), with the set it counts said
before it or after it; the query's subjects are the words before the count and the count with the
words after it (几个项级科目), read together as what is counted (plan/sets.py): the lines below a
named 科目 (a level said: 项级科目, 款), the lines of one level of a classification, the projects
(of one unit), the procurement items, or the 款 of the 基本支出 table.

Asked which one (第二大的是哪个, 分哪几款), it is no count; asked of an item bought (买了几台电脑), of
the forms (编报绩效目标的项目), of a kind of unit (事业单位) or with words a count of lines does not
understand, the rule leaves the question to the other readings. A follow-up (商务局本级 → 项目有几个)
is read once the context step has completed it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Match, Question, TableData
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row, Runner
    from assistant.pipeline.steps import Env

RULE = "X有几个Y"
ONE_THING = frozenset({"project", "detail"})  # a thing of its own: the projects are not inside it
NAMED_MIN = 95.0
COUNTERS = "个|项|款|类|家|种|条|笔|台|套|件"
_HOW_MANY = rf"(?:几|多少)(?:{COUNTERS})"
_BEFORE = (r"(?:下面|下边|下|里面|里|中|之中|当中)?(?:一共|总共|共计|共|总计|合计)?"
           r"(?:有|包括|包含|含|涉及|列了|列|分了|分|设了|设|安排了|下设)?")
_SHAPES = (
    # 项目支出一共有几个项目 / 款级科目有几个 / 一共多少个款级经济科目
    re.compile(rf"^(?:那|请问)?(.*?){_BEFORE}({_HOW_MANY}.*?)(?:呢)?$"),
    # 采购数量一共多少 / 项目的个数是多少 / 一共采购多少数量
    # (采购数量加起来一共多少 / 采购数量合计: added up, said either way)
    re.compile(r"^(?:那|请问)?(.*?)的?(个数|数量)(?:加起来|加在一起)?(?:(?:一共|总共|共|合计)?(?:是|有|为)?"
               r"(?:多少|几)|合计|总计)(?:呢)?$"),
    re.compile(r"^(?:那|请问)?(.*?)(?:一共|总共|共)?(?:是|有)?((?:多少|几)(?:个数|数量))(?:呢)?$"),
)
# 第二大的是哪个 / 分哪几款: which one, or a list; 其余几项合计: a sum — never a count
NOT_A_COUNT = re.compile(r"哪|第\d+|最(?:多|大|高|少|小|低)|前\d+|分别"
                         r"|几(?:项|个|类|款|笔)的?(?:合计|加起来|加在一起|之和|总额|总和)")
# 这几项采购加起来多少: 这几项 points back at the items just named, it counts nothing
POINTED = re.compile(rf"[这那](?:{_HOW_MANY})")


def count(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    if NOT_A_COUNT.search(said):
        return None
    said = POINTED.sub(lambda m: "这些", said)
    for shape in _SHAPES:
        m = shape.search(said)
        if m is None:
            continue
        subjects = tuple(Subject(text=m.group(i), span=m.span(i)) for i in range(1, m.re.groups + 1)
                         if m.group(i))
        return Query(op="count", subjects=subjects, rule=RULE) if subjects else None
    return None


def counted_scope(text: str) -> str | None:
    """The words a count is of (商品和服务支出 of 商品和服务支出有几项), or None."""
    m = _SHAPES[0].search(text)
    return m.group(1) if m and m.group(1) else None


def count_answer(query: Query, env: Env) -> Answer | None:
    """The count of the set the words say, or None when they say none (the readings answer)."""
    from assistant.pipeline.checks import foreign_years, year_note
    from assistant.pipeline.intents.narrowed import undivided
    from assistant.pipeline.intents.tables_common import knowledge, measure_of, table_matches
    from assistant.pipeline.normalise import normalise
    from assistant.plan.sets import parent_line, set_of
    from assistant.query.lines_said import after_a_turn, said_of_another

    q = normalise("".join(s.text for s in query.subjects), env.k, env.runner.year)
    matches = env.index.match(q)
    if said_of_another(q, matches, env) or _in_a_part(q, matches):
        return None  # 编制说明里列了几个支出科目: that part's items, never the table's rows
    if env.depth == 0 and not env.after_context and after_a_turn(q, env):
        return None  # 商务局本级 → 项目有几个: the context step completes it first
    k = knowledge()
    parent = parent_line(q, table_matches(matches))
    scoped = parent is not None or set_of(q) is not None or k.has("procurement", q.text)
    basic = measure_of(q, k) == "基本支出"  # 基本支出有多少个款: the 基本支出 table
    if not (scoped or basic):
        return None
    if other := foreign_years(q, env.runner.year):  # 2024年有几个项目: the tables list this year's only
        return Answer(status="unanswerable", text=year_note(other, env.runner.year))
    if undivided(q) is not None:
        return None  # 政府购买服务有几个项目: the project table does not divide by it; the 说明 may
    found = set_of(q)
    if parent is None and found is not None and found[1] == "project" and any(
            m.kind in ONE_THING and m.score >= NAMED_MIN for m in matches):
        return None  # 招商项目落地奖励预计奖励几个项目: a count inside one thing's form, never the table's
    return _counted(q, parent, basic and not scoped, env.runner)


def _in_a_part(q: Question, matches: list) -> bool:
    from assistant.pipeline.intents.tables_common import knowledge
    from assistant.tag import load_lexicon, tag

    return knowledge().has("narrative_parts", q.text) or any(
        t.kind == "docpart" and t.value == "part" for t in tag(q.text, matches, load_lexicon()))


def _counted(q: Question, parent: Match | None, of_basic: bool, runner: Runner) -> Answer | None:
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.narrowed import UNIT_KEY
    from assistant.pipeline.intents.tables_common import knowledge, value
    from assistant.plan.sets import (
        KIND_TABLE,
        PIECES,
        PROCUREMENT,
        home_table,
        level_of,
        procurement_rows,
        quantity_total,
        set_of,
        set_rows,
    )

    level = level_of(q)
    found = set_of(q)
    if parent is not None and parent.code:
        table_id = home_table(runner, parent.kind, "合计", q.text)  # every fund's, unless one is said
        listed = set_rows(runner, table_id, parent.kind, "合计")
        if not any((r["code"] or "").startswith(parent.code) for r in listed):
            table_id = KIND_TABLE[parent.kind]
        if level is not None and level not in _levels(runner, table_id, parent.kind):
            level = None  # 商品和服务支出有几项: 项 counts the lines, the 经济分类 has no 项 level
        rows = set_rows(runner, table_id, parent.kind, "合计", level)
        rows = [r for r in rows if (r["code"] or "").startswith(parent.code) and r["code"] != parent.code]
        if level is None:
            rows = [r for r in rows if r["parent_code"] == parent.code]
        scope = f"“{parent.name}”下的{level or '下一'}级科目"
    elif knowledge().has("procurement", q.text):
        if PIECES.search(q.text):  # 一共买了多少件: the 采购数量 of the 合计 line, not the 品目 count
            return quantity_total(runner)
        rows, scope = procurement_rows(runner, q.text)
        table_id = PROCUREMENT
        if found and found[1] == "project":  # 政府采购涉及几个项目
            seen: dict[str, Row] = {}
            for r in rows:
                seen.setdefault(r["project"], {**r, "name": r["project"]})
            rows, scope = list(seen.values()), "有政府采购的项目"
    elif not found and of_basic:
        table_id, scope = "预算07表", f"{level or '款'}级经济科目（基本支出）"
        rows = set_rows(runner, table_id, "economic", "合计", level or "款")
    elif found:
        table_id, code_kind = found
        every = home_table(runner, code_kind, "合计", q.text)
        table_id = every if set_rows(runner, every, code_kind, "合计") else table_id
        rows = set_rows(runner, table_id, code_kind, "合计", level, q.text)
        if code_kind == "unit":  # 单位有几家: the department's own row totals its units, it is none
            parents = {r.get("parent_code") for r in rows if r.get("parent_code")}
            rows = [r for r in rows if not r.get("code") or r.get("code") not in parents]
        noun = {"economic": "经济科目", "function": "功能科目", "project": "项目"}.get(code_kind, "单位")
        scope = noun if code_kind == "project" else f"{level + '级' if level else ''}{noun}"
        if rows and rows[0].get(UNIT_KEY):
            scope = f"{rows[0][UNIT_KEY]}的{scope}"
    else:
        return None
    if not rows and parent is not None:
        return None  # 一般行政管理事务有几个 (a 项 with nothing below): not a count of lines below it
    if not rows:  # 有几个项目 where no project table is printed: the 说明's projects are not all of them
        return Answer(status="unanswerable", text=f"{table_id}中没有找到{scope}。")
    names = "、".join((r.get("name") or r.get("item_name")) for r in rows)
    return Answer(
        status="answered",
        text=f"{table_id}中共有 {len(rows)} 个{scope}：{names}。",
        values=[value(len(rows), scope, "个")],
        citations=[cite(runner, table_id, f"{scope}（{len(rows)}个）", rows[0]["line_no"])],
        table=TableData(columns=["名称"], rows=[[r.get("name") or r.get("item_name")] for r in rows]),
    )


def _levels(runner: Runner, table_id: str, kind: str) -> set[str]:
    """The levels a classification's table prints (the 经济分类 has 类 and 款, no 项)."""
    return {str(r["level"]) for r in runner.run("li_set", table_id=table_id, code_kind=kind, measure="合计")
            if r.get("level")}
