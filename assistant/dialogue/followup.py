"""Follow-ups that compute over the conversation's results, read as partial queries.

A follow-up that names nothing new (every word is an operation, time, unit or function word of
the lexicon) takes its subjects from the figures the conversation already stated:
    涨了多少 / 减少了多少   change between the last two single figures (the later year minus the earlier)
    这两项加起来 / 两者合计 sum of the last two single figures
    这几项加起来            sum of the last answer's figures
    占比多少                share of the last figure in the one before (基本支出 → 其中人员经费呢 → 占比)
    换成元                  the last figure in another unit
    其他几类加起来呢        除了 the last subject, the rest of its set
No text is rewritten: the query carries the values themselves, each with its citations.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue import stated
from assistant.dialogue.column_shares import (
    column_in_total,
    column_not_given,
    named_part,
    named_whole,
    other_column_in_it,
)
from assistant.dialogue.stated import MONEY, all_money, is_change, result, single, value
from assistant.dialogue.year_change import COMPARED_ONLY, change_from_one
from assistant.models import Question
from assistant.query.cover import leftovers
from assistant.query.model import Query, Subject, Value
from assistant.tag import Lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn
    from assistant.pipeline.steps import Env

# a place in an ordering (第2少, 倒数第3, 最多的): the 多/少 after it is the ordering's direction
RANKED = re.compile(r"第\d|倒数|最[多少大小高低]")
MANY = ("这几项", "这几个", "这些", "几项", "各项", "这几样")


PAIR_OPS = frozenset({"sum", "diff", "ratio", "compare"})  # 一共有几辆 / 占总额 ask something else
JOINED_ASKED = re.compile(r"和|与|及|、|分别|各")
YEAR_SAID = re.compile(r"比\d{4}年")  # 比2025年多多少: a change over a year, not the pair


ADDED = re.compile(r"加起来|加在一起|加一起|之和|相加|的和|合起来")
TWO = re.compile(r"两项|两个|两者|二者|这两|这2|2项|2个")


def _asked_of_two(turns: list[Turn]) -> tuple[Value, Value] | None:
    """The one money figure each of the last two turns stated that the other did not."""
    if len(turns) < 2:
        return None
    a, b = ([r for r in t.results if r["unit"] in MONEY] for t in turns[-2:])
    key = lambda r: (round(float(r["amount"]), 2), r["unit"])  # noqa: E731
    only_a = [r for r in a if key(r) not in {key(x) for x in b}]
    only_b = [r for r in b if key(r) not in {key(x) for x in a}]
    if len(only_a) != 1 or len(only_b) != 1 or only_a[0]["unit"] != only_b[0]["unit"]:
        return None
    return value(only_a[0]), value(only_b[0])


def _asked_of_last(turns: list[Turn]) -> tuple[Value, ...]:
    """The money figures the last turn stated that the turn before had not (the total both gave,
    as context, is not what the last one asked), when it stated others besides them."""
    if len(turns) < 2:
        return ()
    before = {(round(float(r["amount"]), 2), r["unit"]) for r in turns[-2].results}
    money = [r for r in turns[-1].results if r["unit"] in MONEY]
    new = [r for r in money if (round(float(r["amount"]), 2), r["unit"]) not in before]
    return tuple(value(r) for r in new) if 0 < len(new) < len(money) else ()


def _two_said(turn: Turn) -> tuple[Value, Value] | None:
    """The two figures one answer stated side by side (A和B分别多少), in the order said; not a line
    with one fund's part of it (_single), nor two years of one line."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if len(money) != 2 or len(turn.results) != 2 or single(turn) is not None:
        return None
    if not JOINED_ASKED.search(turn.question):
        return None  # 政府采购工程多少 (the whole and its part stated): not two things asked side by side
    a, b = (value(r) for r in money)
    if a.unit != b.unit or a.label == b.label or a.year != b.year:
        return None
    return a, b


def _last_figures(turns: list[Turn], many: int) -> tuple[Value, ...] | None:
    """The last `many` figures said, latest turn last: each turn's one figure, or the two one answer
    stated side by side; None unless exactly that many are found."""
    out: list[Value] = []
    for t in reversed(turns):
        got = _two_said(t) or ((v,) if (v := single(t)) is not None else None)
        if got is None:
            return None
        out = [*got, *out]
        if len(out) >= many:
            break
    return tuple(out) if len(out) == many else None


_COUNTED = re.compile(r"([2-9]|两|三|四|五|六)(?:项|个|年|笔|样|者|类)")


def _how_many(text: str) -> int | None:
    """三年加起来 / 这3项: how many figures the follow-up says it adds."""
    m = _COUNTED.search(text)
    if m is None:
        return None
    return {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6}.get(m.group(1)) or int(m.group(1))


def _of_the_two(text: str, named: list, turns: list[Turn]) -> bool:
    """Every name the follow-up says is the start of one of the two figures just stated (行政单位 of
    行政单位医疗), and of no money line of its own: it points back at them."""
    said = [v.label for v in (single(t) for t in turns[-2:]) if v is not None]
    starts = [text[m.span[0]: m.span[1]] for m in named if m.kind in ("narrative", "term") and m.span]
    return len(said) == 2 == len(starts) == len(named) and all(  # both, each by its own start
        any(label.startswith(w) for w in starts) for label in said) and all(
        any(label.startswith(w) for label in said) for w in starts)


CHANGE_AGAIN = "（上文）变化额"
INSIDE = "其中"
UNITS_SUMMED = re.compile(r"(?:两|2|几|各|所有|全部)(?:家|个)?(?:单位|部门)")  # a whole of the units named
RATE_WORDS = re.compile(r"幅|率|百分|%|几成|个点|增速")  # 增幅是多少 asks the rate, not the change again


def _answered(env: Env) -> list[Turn]:
    return [t for t in env.conv.turns if t.status == "answered" and t.results]


def followup(q: Question, env: Env, lex: Lexicon) -> Query | None:
    turns = _answered(env)
    if not turns or not env.conv.turns or env.conv.turns[-1].status != "answered":
        return None
    named = env.index.match(q)
    if named and not _of_the_two(q.text, named, turns):
        return None  # it names something: not a computation over what was said
    tags = tag(q.text, named, lex)  # 行政单位是事业单位的几倍: the two just said, by their first words
    if leftovers(q.text, tags):
        return None
    ops = {t.value for t in tags if t.kind == "operation"}
    if "share" in ops and WHOLE_AS_TOTAL.search(q.text):
        ops -= {"sum"}  # 占采购总额多少: the whole is named as a total, nothing is added up
    if ops & {"change", "diff"} and not ADDED.search(q.text):
        ops -= {"sum"}  # 这两年一共涨了多少: 一共 says how much in all it rose, nothing is added up
    if COMPARED_ONLY.fullmatch(q.text.rstrip("?？。 ")):
        ops |= {"change"}  # 机关运行经费 → 比上年呢: the change, never the earlier year's figure alone
    if RANKED.search(q.text):
        return None  # 第二少的呢 / 倒数第三多的: 少/多 orders a set, it is no difference of two figures
    last = turns[-1]
    if {"sum", "share"} <= ops and SUM_THEN_SHARE.search(q.text):
        return None  # 加起来占公用经费多少: a share of the sum, over a whole named (dialogue/composed.py)
    if ops <= {"change", "diff"} and ops and not q.years and not RATE_WORDS.search(q.text) \
            and last.query is not None \
            and last.query.op == "change" and (v := result(last)) is not None:
        # 比去年多了还是少了 (增加 25.00) → 多了多少: the change just stated, said again
        return Query(op="convert", unit=v.unit, given=(v,), rule=CHANGE_AGAIN, from_context=True)
    if "except" in ops and single(last):
        return Query(op="except", subjects=(Subject(text=single(last).label, span=(0, 0)),),
                     rule="（上文）其他几类合计", from_context=True)
    # 比基本支出多多少万元 computes; 那2024年是多少万元 asks another year's figure, in 万元
    if (q.unit_request or "convert" in ops) and not ops - {"convert"} and not q.years:
        unit = q.unit_request or next((u for u in ("亿元", "万元", "元") if u in q.text), None)
        v, said = single(last) or result(last), all_money(last)  # 涨了多少 → 用元说: the difference
        if column_not_given(tags, (v,) if v is not None else said):
            return None  # 行政运行多少万元 → 其中项目支出多少万: a column of it, not it said again
        if unit and v is not None:  # 用万元说 of a figure in 万元: said again, in its own unit
            return Query(op="convert", unit=unit, given=(v,), rule="（上文）换算单位", from_context=True)
        said = _asked_of_last(turns) or said  # 政府采购预算 → 工程呢 → 用元说: 工程's, not the total again
        if unit and said:  # A和B分别多少 → 用元说: every figure just stated, each in the unit asked
            return Query(op="convert", unit=unit, given=said, rule="（上文）换算单位", from_context=True)
        return None
    if "share" in ops and OF_A_NAMED_WHOLE.search(q.text):
        return None  # 基本支出 → 项目支出 → 占总支出百分之几: the last figure in the whole named, never a sum
    if "sum" in ops and TWO.search(q.text) and (two := _asked_of_two(turns)) is not None:
        # 货物多少 → 服务呢 → 两项加起来: each turn's own figure, never the total both stated beside it
        return Query(op="sum", given=two, rule="（上文）两项合计", from_context=True)
    if "sum" in ops and any(w in q.text for w in MANY):
        money = [value(r) for r in last.results if r["unit"] in MONEY]
        if len(money) >= 2:
            return Query(op="sum", given=tuple(money), rule="（上文）这几项合计", from_context=True)
        return None
    if "sum" in ops and last.items and len(last.items) >= 2:
        # 本级有哪些项目 → 一共多少钱: the sum of the lines just listed, each with its figure
        money = [value(r) for r in last.results if r["unit"] in MONEY]
        if len(money) == len(last.items):
            return Query(op="sum", given=tuple(money), rule="（上文）所列各项合计", from_context=True)
    if "sum" in ops and ops <= {"sum"} and (parts := stated.parts_listed(last)) is not None:
        # 每个季度用款计划多少 → 全年加起来呢: the parts one answer listed, of one thing
        return Query(op="sum", given=parts, rule="（上文）所列各项合计", from_context=True)
    if "share" in ops and (pair := other_column_in_it(q.text, last)) is not None:
        # 面向中小企业的呢 → 其中小微的占它多少: the column named now, in the column just asked
        return Query(op="share", given=pair, rule="（上文）一栏占另一栏的比例", from_context=True)
    if "share" in ops and (pair := column_in_total(last)) is not None:
        # 面向小微企业的呢 → 占比多少 / 占面向中小企业的比例: in the total, or the other column named
        named = named_part(q.text, last, pair)  # 其中小微的占多少: of the column just asked
        pair = (named[0], pair[0]) if named[0] != pair[0] and q.text.startswith(INSIDE) else \
            named_whole(q.text, last, named)
        return Query(op="share", given=pair, rule="（上文）该栏占合计的比例", from_context=True)
    many = _how_many(q.text)
    if "sum" in ops and many is not None and many != 2:
        # 三年加起来 / 差旅费 → 会议费和培训费呢，三项加起来: the last N figures said (two a turn where
        # one answer stated two side by side) — never fewer than the number said
        said = _last_figures(turns, many)
        return Query(op="sum", given=said, rule="（上文）几项合计", from_context=True) if said else None
    pair = _two_said(last)
    asked_of_pair = bool(ops & {"sum", "diff", "ratio"}) and ops <= PAIR_OPS and not YEAR_SAID.search(q.text)
    if pair is not None and asked_of_pair:
        # A和B分别多少 → 加起来呢 / 差多少 / 哪个多 / 前者是后者的几倍: the two figures just stated
        op = "sum" if "sum" in ops else "diff" if "diff" in ops else "ratio"
        refs = [t.value for t in tags if t.kind == "refer"]
        first, second = (pair[1], pair[0]) if op == "ratio" and refs[:1] == ["later"] else pair
        return Query(op=op, given=(first, second), rule="（上文）两项", from_context=True)
    if len(turns) < 2:
        if ("change" in ops or "diff" in ops) and single(last) is not None:
            return change_from_one(q, last, env, lex)
        return None
    if ("change" in ops or "diff" in ops) and single(last) is not None and re.search(r"比\d{4}年", q.text):
        # 三公经费 → 公务接待费呢 → 比上年减少多少: the last figure over the year said, never the
        # last two figures against each other
        return change_from_one(q, last, env, lex)
    a, b = single(turns[-1]), single(turns[-2])
    if a is None or b is None or (q.years and {a.year, b.year} != set(q.years)):
        return None  # 今年 → 去年呢 → 前年到去年增加多少: the years said are not the two figures'
    if ("change" in ops or "diff" in ops) and (pair := stated.worked_back(a, b)) is not None:
        return Query(op="change", given=pair, rule="（上文）由增减额倒推上年", from_context=True)
    if is_change(a) or is_change(b):
        return None  # 财政拨款收入 and its 减少额: no pair to add, divide or compare
    if "change" in ops or "diff" in ops:
        if a.year == b.year and a.label == b.label:
            return None
        later, earlier = (a, b) if (a.year or 0) >= (b.year or 0) else (b, a)
        op = "change" if later.year != earlier.year else "diff"
        if op == "diff" and "diff" not in ops:
            return None  # 政府采购预算 → 工程呢 → 增长多少: a growth asked of two things of one year
        at = stated.said_at(a.label, b.label, q.text)  # 基本支出比项目支出多多少: in the order said
        if op == "diff" and min(at) >= 0 and at[0] != at[1]:
            later, earlier = (a, b) if at[0] < at[1] else (b, a)
        return Query(op=op, given=(later, earlier), rule="（上文）两个数的变化", from_context=True)
    if "ratio" in ops:  # 前者是后者的几倍: in the order the question says them (else the earlier first)
        refs = [t.value for t in tags if t.kind == "refer"]  # 后者是前者的几倍: the later over the earlier
        later_first = refs[:1] == ["later"] or (refs == ["earlier"] and not q.text.startswith("前者"))
        at = stated.said_at(a.label, b.label, q.text)  # 项目支出是基本支出的几倍: as said, by name
        later_first = at[0] < at[1] if min(at) >= 0 else later_first
        first, second = (a, b) if later_first else (b, a)
        return Query(op="ratio", given=(first, second), rule="（上文）两个数的倍数", from_context=True)
    if "sum" in ops:
        if a.label == b.label and a.year == b.year:
            return None  # 办公费 asked twice: one line is never added to itself
        if UNITS_SUMMED.search(q.text):
            return None  # 两家单位的收入合计: the units' whole, never the two figures just said
        return Query(op="sum", given=(b, a), rule="（上文）两项合计", from_context=True)
    if "share" in ops:
        if any(t.kind == "docpart" and t.value == "document" for t in tags):
            return None  # 占部门的比例: of the department's whole, not of the figure before
        if a.amount > b.amount:
            return None  # 项目支出 after 基本支出, then 占比: the later is no part of the earlier
        if column_not_given(tags, (a, b)):
            return None  # 其中小微的占它多少: 小微 is none of the two figures before
        lister = next((t for t in turns[-3:] if {a.label, b.label} <= set(t.items)), None)
        if lister is not None:  # 项目支出哪个最多 → 第二个呢 → 占比: of the whole the list ranked
            whole = stated.whole_listed(lister)
            said = (Subject(text=a.label, span=(0, 0)), Subject(text=whole or "", span=(0, 0)))
            return Query(op="share", subjects=said, rule="（上文）占所列各项的总额") if whole else None
        if stated.beside(a, b) or _columns_apart(a.label, b.label):
            return None  # 水费 → 电费呢 / 基本支出 → 项目支出呢 → 占比: beside the one before, no part of it
        return Query(op="share", given=(a, b), rule="（上文）占前一项的比例", from_context=True)
    return None


WHOLE_AS_TOTAL = re.compile(r"占.{0,8}(?:总额|总数|总计|总量|合计)")
OF_A_NAMED_WHOLE = re.compile(r"(?:占|在)(?:全部|整个|部门)?总(?:支出|收入|预算)")
SUM_THEN_SHARE = re.compile(r"(?:加起来|加在一起|合计|一共|总共|合起来)(?:占|在)")  # not 占合计的比例


def _columns_apart(part: str, whole: str) -> bool:
    """Two columns of the budget neither of which lies inside the other (项目支出, 基本支出)."""
    from assistant.plan.columns import column, wholes

    a, b = column(part), column(whole)
    return a is not None and b is not None and b not in wholes()["columns"].get(a, ())
