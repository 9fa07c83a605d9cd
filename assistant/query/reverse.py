"""The reverse rule and its answer: 123.45万元是哪个项目 — which lines of the document print a figure.

The question must be a figure and the words that ask whose it is (是哪个项目, 对应哪一项, 是什么钱),
or the figure alone. Every table is searched: classified lines (the most specific table of each
kind first), projects, procurement rows (which column: 采购金额, 单价, 面向中小企业…), the detail
lines of the project forms. The same name in two tables is said once; at most four places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

RULE = "金额X是哪一项"
FIGURE = r"\d[\d,]*(?:\.\d+)?(?:万元|亿元|元|万)?"
_ASKED = re.compile(
    rf"^(?:那|请问)?(?:金额|数字|数额)?(?:为|是)?({FIGURE})"
    r"(?:的?(?:这笔钱|这个数|这笔|这个金额|这个数字|这一项|这项|钱))?"
    r"(?:(?:是|对应|属于|指的是|说的是|对应的是)?(?:哪个|哪一个|哪项|哪一项|哪笔|哪一笔|什么|啥|谁的|哪里的|哪块)"
    r"(?:项目|科目|钱|支出|费用|经费|内容|东西|品目)?(?:的钱|的支出|的经费|的)?(?:啊|呀|呢)?)?$")
PROC_COLUMNS = (("amount", "采购金额"), ("unit_price", "单价"), ("sme_amount", "面向中小企业金额"),
                ("micro_amount", "面向小微企业金额"))
KIND_WORD = {"function": "功能科目", "economic": "经济科目", "project": "项目", "unit": "单位",
             "procurement": "政府采购品目", "summary": "收支项目"}
_TYPED_UNIT = re.compile(r"\d\s*(?:万元|亿元|万|元)")
SAID_MAX = 4  # places named; a figure printed in more is said with its first ones


def reverse(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    m = _ASKED.search(said)
    if not m:
        return None
    # the whole question is the subject: the figure, and the kind of line it asks for (哪个项目)
    return Query(op="reverse", subjects=(Subject(text=m.group(0), span=m.span(0)),), rule=RULE)


def reverse_answer(query: Query, env: Env) -> Answer | None:
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import PREFERRED, money, value
    from assistant.pipeline.typed import typed_figures as _figures
    from assistant.pipeline.units import FACTORS, convert, current_unit

    typed = query.subjects[0].text
    said = re.search(FIGURE, typed)
    codes = [e.code for e in env.index.entries if said and e.code == said.group()]
    figures = _figures(said.group(), codes, []) if said else []
    if not figures:
        return None  # a code, a year: not a figure (the other readings say what it is)
    amount = figures[0]
    unit = current_unit()  # a figure typed with its unit is read in 万元; the tables may print 元
    if unit != "万元" and unit in FACTORS and _TYPED_UNIT.search(typed):
        amount = round(convert(amount, "万元", unit), 2)
    runner = env.runner
    found: list[tuple[tuple[int, int, int], str, Citation]] = []
    prefer_project = "项目" in typed
    for r in runner.run("li_by_amount", amount=amount):
        # the most specific table of each kind first (功能科目 -> 预算05表 before 预算03表);
        # totals and units after the lines themselves
        order = PREFERRED.get(r["code_kind"], ("预算01表", "预算05表"))
        rank = (0 if (r["code_kind"] == "project") == prefer_project else 1,
                2 if r["code_kind"] in ("total", "item", "unit") else 0,
                order.index(r["table_id"]) if r["table_id"] in order else 9)
        kind = KIND_WORD.get(r["code_kind"], "")
        found.append((rank, f"{kind}“{r['name']}”（{r['table_id']}，{r['measure']}）",
                      cite(runner, r["table_id"], r["name"], r["line_no"])))
    for r in runner.run("proc_by_amount", amount=amount):
        column = next((label for key, label in PROC_COLUMNS if r[key] is not None
                       and abs(float(r[key]) - amount) < 0.005), "金额")
        found.append(((2, 0, 0), f"采购品目“{r['item_name']}”的{column}（预算12表，项目：{r['project']}）",
                      cite(runner, "预算12表", r["item_name"], r["line_no"])))
    for r in runner.run("detail_by_amount", amount=amount):
        found.append(((3, 0, 0), f"项目明细“{r['content']}”（{r['table_id']}）",
                      cite(runner, r["table_id"], r["content"], r["line_no"])))
    if not found:
        return Answer(status="unanswerable", text=f"报表中没有金额为 {money(amount)} 的项目。")
    found.sort(key=lambda t: t[0])
    seen: set[str] = set()
    lines: list[str] = []
    cites: list[Citation] = []
    for _, text, c in found:
        name = text.split("（")[0]  # the same line in two tables is said once
        if name not in seen and len(lines) < SAID_MAX:
            seen.add(name)
            lines.append(text)
            cites.append(c)
    return Answer(status="answered", text=f"{money(amount)} 是" + "；另见".join(lines) + "。",
                  values=[value(amount, "所问金额")], citations=cites)
