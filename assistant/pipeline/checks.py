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
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, Intent, Question, Value
from assistant.pipeline.base import fmt_number

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# Handlers that read the line-item tables, i.e. the document year only.
YEAR_BLIND = frozenset({"amount", "total", "share", "compare", "breakdown", "ranking", "count",
                        "procurement", "table", "reverse", "usage"})
MONEY_UNITS = frozenset({"万元", "元", "亿元"})
# Units that never measure people, vehicles, area or times: money, a count of lines, a share.
OTHER_KIND_UNITS = MONEY_UNITS | {"个", "项", "%"}

# What a quantity question asks for: (label, pattern, units a fact of that kind is stated in).
QUANTITIES: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("人数", re.compile(r"多少(?:个)?人(?!员经费|员支出|民)|(?<!第)几(?:个)?人(?!员)|人数|多少名|"
                      r"(?<!第)几名|编制数|多少(?:位|名)?(?:员工|职工|工作人员)"), ("人", "名", "人次")),
    ("车辆数", re.compile(r"几辆|多少辆|车辆数|几台车|多少台车|(?:几|多少)(?:部|台)?(?:公务)?车"), ("辆",)),
    ("面积", re.compile(r"面积|平方米|多少平|几平"), ("平方米",)),
    ("次数", re.compile(r"(?<!第)几次|多少次|次数"), ("次", "人次")),
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
    return (f"预算表只列{year}年的安排数，没有{asked}年的这一项，因此不能用{year}年的数代替。"
            f"文件中的往年数只见于项目绩效目标表（预算14表）的年度列、预算15表的预算历史和预算说明中"
            f"与上年的对比。")


def quantity_asked(text: str) -> tuple[str, tuple[str, ...]] | None:
    for label, pattern, units in QUANTITIES:
        if pattern.search(text):
            return label, units
    return None


def money_only(answer: Answer) -> bool:
    """The answer states figures and none of them is a quantity of people, vehicles, area or
    times (money, a count of budget lines, a share)."""
    return bool(answer.values) and all(v.unit in OTHER_KIND_UNITS for v in answer.values)


def _overlap(subject: str, text: str) -> int:
    return sum(1 for ch in set(subject) if ch in text)


def quantity_answer(q: Question, env: Env, label: str, units: tuple[str, ...],
                    about: str | None = None) -> Answer:
    """Facts of the asked unit from the narrative; else say the document gives no such figure."""
    # "1 辆一般公务用车的燃料费" counts vehicles for a cost: the count of a 费 is not a holding
    facts = [r for r in env.runner.run("narr_facts") if r["unit"] in units and "费" not in r["subject"]]
    if facts:
        best = max(_overlap(r["subject"], q.text) for r in facts)
        # The facts about what was named (公务用车) when the question names it, else all of them.
        chosen = [r for r in facts if _overlap(r["subject"], q.text) == best] if best >= 2 else facts
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
