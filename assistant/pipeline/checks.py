"""Checks that keep a right-looking figure from answering the wrong question.

Two mistakes state a real figure of the document for something it is not:

* the year: the line-item tables (预算01–13表) hold the document year only, so a table handler
  asked about 2025 would state the 2026 figure as 2025's. `year_blind` drops those handlers
  when a question names another year; the forms (预算14/15表) and narrative handlers, which do
  carry other years, still answer.
* the kind of quantity: "大数据中心有多少人" matches a project whose figure is money. When a
  question asks for people, vehicles, area or times, an answer that states only money is
  rejected; the narrative facts of that unit (第三部分: 0 辆, 914.43 平方米) answer instead, or
  the reply says what the document has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, Intent, Question, Value
from assistant.pipeline.base import Row, fmt_number

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# Handlers that read the line-item tables, i.e. the document year only.
YEAR_BLIND = frozenset({"amount", "total", "share", "compare", "breakdown", "ranking",
                        "procurement", "table", "reverse", "usage"})
MONEY_UNITS = frozenset({"万元", "元", "亿元"})
COUNT_LABEL = "行数"
PROCUREMENT_TABLE = "预算12表"  # its rows live in the procurement table, not line_items
# Units that never measure people, vehicles, area or times: money, a count of lines, a share.
OTHER_KIND_UNITS = MONEY_UNITS | {"个", "项", "%"}

# What a quantity question asks for: (label, pattern, units a fact of that kind is stated in).
QUANTITIES: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("人数", re.compile(r"多少(?:个)?人(?!员经费|员支出|民)|(?<!第)几(?:个)?人(?!员)|人数|多少名|"
                      r"(?<!第)几名|编制数|多少(?:位|名)?(?:员工|职工|工作人员)"), ("人", "名", "人次")),
    ("车辆数", re.compile(r"几辆|多少辆|车辆数|几台车|多少台车|(?:几|多少)(?:部|台)?(?:公务)?车"), ("辆",)),
    ("面积", re.compile(r"面积|平方米|多少平|几平"), ("平方米",)),
    ("次数", re.compile(r"(?<!第)几次|多少次|次数"), ("次", "人次")),
    # counts of lines/items: 预算07表有多少行, 有几项, 多少个科目 (多少项目支出 is money; 执行数 is money)
    (COUNT_LABEL, re.compile(r"(?<!第)(?:几|多少)(?:个)?(?:行|条|笔)(?![政业])|(?<!执)行数|条数|"
                             r"(?<![第哪])(?:几|多少)项(?!目)|(?:几|多少)个(?:科目|项目|品目|单位)"),
     ("个", "项", "行", "条")),
)


def foreign_years(q: Question, year: int) -> list[int]:
    return [y for y in dict.fromkeys(q.years) if y != year]


def year_aware(intent: Intent, years: list[int]) -> bool:
    """The handler took the asked years into its intent (forms history, indicator years)."""
    taken = intent.params.get("years") or []
    return bool(taken) and all(y in taken for y in years)


def speaks_of(text: str, years: list[int], year: int) -> bool:
    """An answer about another year names it (2025年, or 上年/去年 for the year before)."""
    return any(str(y) in text or (y == year - 1 and ("上年" in text or "去年" in text)) for y in years)


def year_note(years: list[int], year: int) -> str:
    asked = "、".join(str(y) for y in years)
    # said for any layout: a document without project forms has its other years in the narrative only
    return (f"预算表只列{year}年的安排数，没有{asked}年的这一项，因此不能用{year}年的数代替。"
            f"文件中的往年数只见于预算说明中与上年的对比，以及项目绩效表、项目申报表中的往年数（如有）。")


# a quantity said as the unit a figure is asked per (每平方米多少钱, 每辆车多少钱): no quantity asked
PER_UNIT = re.compile(r"(?:平均)?每(?:一)?(?:个|位|名|辆|台|次|平方米|平米|平|人)(?:车|人)?")


def quantity_asked(text: str) -> tuple[str, tuple[str, ...]] | None:
    for label, pattern, units in QUANTITIES:
        if pattern.search(text):
            return label, units
    return None


def wrong_kind(answer: Answer, label: str) -> bool:
    """The answer states a figure of another kind than asked: money (or a share) for a count of
    lines, or money/counts for people, vehicles, area, times."""
    if label == COUNT_LABEL:
        if answer.table is not None and answer.table.rows:
            return False  # a listing (分几项) states how many lines it lists
        return bool(answer.values) and all(v.unit in MONEY_UNITS | {"%"} for v in answer.values)
    return money_only(answer)


def money_only(answer: Answer) -> bool:
    """The answer states figures and none of them is a quantity of people, vehicles, area or
    times (money, a count of budget lines, a share)."""
    return bool(answer.values) and all(v.unit in OTHER_KIND_UNITS for v in answer.values)


def _overlap(subject: str, text: str) -> int:
    return sum(1 for ch in set(subject) if ch in text)


# words that make a counted thing the year's purchase, not what the department holds (共有车辆8辆
# beside 购置车辆1辆): a count that says none of them is of what is held
ACQUIRED = ("购置", "购买", "新增", "采购", "更新", "买")
HELD = ("共有", "现有", "拥有", "实有")  # how a statement says what the department holds


def bought_not_asked(picked: Sequence[Row], text: str) -> bool:
    """Every figure picked counts a purchase, and the question says no purchase."""
    return not any(w in text for w in ACQUIRED) and all(_acquired(r) for r in picked)


def _acquired(r: Row) -> bool:
    return any(w in str(r["subject"]) for w in ACQUIRED)


def _held_or_bought(named: list[Row], facts: list[Row], clause: str) -> list[Row] | None:
    """今年还要买几辆 counts the year's purchase; 现在有几辆车 what is held — never the one for the
    other (None when the document gives no such count)."""
    unit = named[0]["unit"]
    if any(w in clause for w in ACQUIRED):
        bought = [r for r in named if _acquired(r)]
        return bought or [r for r in facts if _acquired(r) and r["unit"] == unit][:1] or None
    if bought_not_asked(named, clause):
        return [r for r in facts if held_count(r) and r["unit"] == unit][:1] or None
    return named


NO_SUCH_COUNT = "预算说明没有写这一数量（现有数与今年购置数分开写）。"


def held_count(r: Row) -> bool:
    return any(w in str(r["subject"]) for w in HELD)


def quantity_answer(q: Question, env: Env, label: str, units: tuple[str, ...],
                    about: str | None = None, tables: Sequence[str] = ()) -> Answer:
    """Facts of the asked unit from the narrative; else say the document gives no such figure."""
    if label == COUNT_LABEL:
        return count_answer(q, env, tables)
    if (per := PER_UNIT.search(q.text)) is not None:  # 每平方米多少钱: a price per unit, not the quantity
        return Answer(status="unanswerable", text=f"文件没有写按{per.group(0)}计算的金额，因此不给出数字。")
    # "1 辆一般公务用车的燃料费" counts vehicles for a cost: the count of a 费 is not a holding
    facts = [r for r in env.runner.run("narr_facts") if r["unit"] in units and "费" not in r["subject"]]
    if facts:
        # The facts about what was named (公务用车) when the question names it, else all of them;
        # each clause of '现在有几辆车？今年还要购置几辆' names its own.
        chosen: list[Row] = []
        clauses = [c for c in re.split(r"[?？;；]", q.text) if c.strip()] or [q.text]
        for clause in clauses:
            best = max(_overlap(r["subject"], clause) for r in facts)
            named = [r for r in facts if best >= 2 and _overlap(r["subject"], clause) == best]
            if not named and (len(clauses) > 1 and not any(w in clause for w in ACQUIRED)):
                continue  # a clause that names nothing counted adds nothing
            picked = _held_or_bought(named or facts, facts, clause)
            if picked is None:
                return Answer(status="unanswerable", text=NO_SUCH_COUNT)
            chosen += [r for r in picked if r not in chosen]
        chosen = chosen or facts
        asked = [y for y in q.years if y != env.runner.year]
        if asked and not any(r.get("year") in asked for r in chosen if r.get("year")):
            # 2023年的房屋面积: holdings are stated as of one date — never that date's for another year
            held = next((r for r in chosen if r.get("year")), chosen[0])
            return Answer(status="unanswerable", text=(f"文件只写了{held.get('year') or ''}年的{label}"
                                                       f"（{held['subject']}），没有{asked[0]}年的数字。"))
        parts, values, cites = [], [], []
        for r in chosen:
            when = f"{r['year']}年" if r.get("year") and r["year"] != env.runner.year else ""
            parts.append(f"{when}{r['subject']} {fmt_number(r['value'])} {r['unit']}")
            values.append(Value(value=float(r["value"]), unit=r["unit"], label=r["subject"]))
            cites.append(Citation(table=r["part"], title=r["section"], row=r["subject"],
                                  line=int(r["line_no"])))
        sentence = "；".join(dict.fromkeys(r["sentence"].strip().rstrip("。") for r in chosen))
        return Answer(status="answered", values=values, citations=cites,
                      text=f"文件中关于{label}的数字（按全部门列示）：{'；'.join(parts)}（{chosen[0]['part']}：“{sentence}”）。")
    what = f"“{about}”在文件中只有金额，" if about else ""
    return Answer(status="unanswerable", text=(
        f"抱歉，{what}文件没有公布{label}。预算文件列的是各项经费的金额；"
        f"数量类的数字只有第三部分的车辆、房屋面积等。"))


ROWS_ASKED = re.compile(r"表|行|条")


def count_answer(q: Question, env: Env, tables: Sequence[str]) -> Answer:
    """预算07表有多少行: the rows of the table named, counted (its 合计 lines said apart);
    without a table named, say what can be counted rather than state an amount. A table read from
    a topic's name (三公经费一共几项) with no line but its total counts nothing the question asks
    (its parts are not its rows) unless 表, 行 or 条 is said."""
    if not tables:
        return Answer(status="unanswerable", text=(
            "抱歉，没有明白要数的是哪张表或哪一类项目。可以问“预算07表有多少行”"
            "“项目支出有几个项目”或“某科目下有几项”。"))
    parts, values, cites = [], [], []
    for table_id in tables:
        if table_id == PROCUREMENT_TABLE:  # stored apart from line_items, one row per line
            rows = env.runner.run("proc_rows")
            row = {"n": len(rows), "totals": sum(r["level"] != "品目" for r in rows),
                   "line_no": min((r["line_no"] for r in rows), default=0)}
        else:
            row = next(iter(env.runner.run("li_row_count", table_id=table_id)), None)
        if row is None or not row["n"]:
            continue
        n, totals = int(row["n"]), int(row["totals"] or 0)
        if n <= totals and not ROWS_ASKED.search(q.text):
            continue
        title = env.runner.title(table_id)
        # 几条/几行 counts the entries: a 合计/小计 line is not one of them, so it is said apart
        note = f"，其中明细 {n - totals} 行、合计/小计 {totals} 行" if totals else ""
        parts.append(f"{table_id}（{title}）共 {n} 行{note}")
        values.append(Value(value=float(n), unit="行", label=f"{table_id}行数"))
        if totals:
            values.append(Value(value=float(n - totals), unit="行", label=f"{table_id}明细行数"))
        cites.append(Citation(table=table_id, title=title, row=f"全表（{n}行）", line=int(row["line_no"])))
    if not parts:
        return Answer(status="unanswerable", text=(
            f"{'、'.join(tables)}不是逐行列金额的报表（或没有提取到它的行），无法按行计数；"
            f"可以问它的具体内容。"))
    return Answer(status="answered", values=values, citations=cites, text="；".join(parts) + "。")
