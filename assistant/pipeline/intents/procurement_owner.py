"""Procurement measures of a project or unit (预算12表 rows grouped by 项目/单位).

"网络安全运营服务项目面向中小企业采购多少" names a project (预算11表) with a procurement
measure word: its 预算11表 amount is another figure, so the answer must come from the
procurement rows bought for that project, summed when there are several and each listed.
The 预算12表 spelling of a project may differ by a typo from 预算11表's (体系系统 / 体系统),
so rows are tied to the named project by a close-similarity rule, never by a loose overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher

from assistant.models import Answer, Match, Question, TableData
from assistant.pipeline.base import Row, Runner, cite, fmt_number
from assistant.pipeline.intents.tables_common import knowledge, money, value
from assistant.pipeline.units import current_unit

TABLE = "预算12表"
# 预算12表 names the project, unit, 功能科目 and 经济科目 each item is bought under.
COLUMN = {"project": "project", "unit": "unit_name", "function": "func_name", "economic": "econ_name"}
OWNER_KINDS = tuple(COLUMN)
# Words that ask for a procurement column, not for the project's budget as a whole.
MEASURE_GROUPS = ("proc_sme", "proc_micro", "proc_price")
MEASURE_WORDS = ("采购", "品目")  # 采购金额 / 的采购是多少 / 采购了: the 预算12表 rows of the owner
BUYERS = ("unit", "project")  # owners whose 预算12表 rows are what they buy
PER_PERIOD = re.compile(r"每一?个(?:月|季度|季|年|人)")
SIMILAR = 0.9  # a one-character typo in a long project name, not another project


def asks_procurement(q: Question, named: Sequence[Match] = ()) -> bool:
    """A procurement column word outside the names matched ('支持中小企业发展' is a 功能科目's
    name, not a question about 面向中小企业 purchases)."""
    k = knowledge()
    text = q.text
    for m in named:
        if m.span:
            text = text[: m.span[0]] + " " * (m.span[1] - m.span[0]) + text[m.span[1] :]
    text = PER_PERIOD.sub(" ", text)  # 每个月 is a part of the year, not 每个 (a unit price)
    # 招商服务中心买了哪些东西: a unit's or a project's words of buying (intents.toml procurement) as
    # well — never a spending line's (办公设备购置买了多少钱 asks that line's money)
    buyers = bool(named) and all(m.kind in BUYERS for m in named)
    return any(k.has(g, text) for g in MEASURE_GROUPS) or any(w in text for w in MEASURE_WORDS) \
        or (buyers and k.has("procurement", text))


def owners(matches: Sequence[Match]) -> list[Match]:
    """The projects/units named (one per name, best first)."""
    out: dict[str, Match] = {}
    for m in sorted(matches, key=lambda m: -m.score):
        if m.kind in OWNER_KINDS and m.name not in out:
            out[m.name] = m
    return list(out.values())


def _same(a: str | None, b: str) -> bool:
    if not a:
        return False
    return a == b or (min(len(a), len(b)) >= 6 and SequenceMatcher(None, a, b).ratio() >= SIMILAR)


def rows_of(rows: Sequence[Row], m: Match) -> list[Row]:
    column = COLUMN[m.kind]
    return [r for r in rows if r["level"] == "品目" and _same(r.get(column), m.name)]


# rows, not a quantity (采购了几项: how many items are bought, not how many of each)
ROWS_COUNTED = re.compile(r"(?:几|多少)(?:个|项|类|种)(?:采购)?(?:品目|项目|品种)"
                          r"|采购了?(?:几|多少)(?:项|类|种)")


def _column(q: Question) -> tuple[str, str]:
    k = knowledge()
    if k.has("proc_micro", q.text):
        return "micro_amount", "面向小微企业的采购金额"
    if k.has("proc_sme", q.text):
        return "sme_amount", "面向中小企业的采购金额"
    if k.has("proc_price", q.text):
        return "unit_price", "单价"
    if ROWS_COUNTED.search(q.text):  # 有几个品目: the rows, counted — not a quantity bought
        return "rows", "采购品目"
    # 几台 / 几个 asks how many; 哪几项 which items, 那几条 the items themselves (那几条加起来: their money)
    if "数量" in q.text or re.search(r"(?<![哪那这])几(?![条项笔])", q.text):
        return "quantity", "采购数量"
    return "amount", "采购金额"


def answer_owner(m: Match, q: Question, runner: Runner) -> Answer:
    column, label = _column(q)
    rows = runner.run("proc_rows")
    hits = rows_of(rows, m)
    what = {"project": "项目", "unit": "单位"}.get(m.kind, "科目")
    if not rows:  # a document with no procurement table says nothing of what is bought, nor of prices
        return Answer(status="unanswerable", text=f"本文件没有政府采购预算表，无法回答“{m.name}”的{label}。")
    if not hits:
        # status answered: the document's answer is "none bought"; handing over to the amount
        # handler would state the project's 预算11表 figure as a procurement figure
        return Answer(status="answered", text=(
            f"政府采购预算表（{TABLE}）中没有“{m.name}”的采购品目，因此没有它的{label}。"))
    cites = [cite(runner, TABLE, r["item_name"], r["line_no"]) for r in hits]
    if column == "rows":
        names = "、".join(f"“{r['item_name']}”" for r in hits)
        said = f"{what}“{m.name}”在{TABLE}中共有 {len(hits)} 个采购品目：{names}。"
        # (the items as the answer's table: 第三个多少钱 after it is item 3)
        return Answer(status="answered", values=[value(len(hits), f"{m.name}{label}数", "个")],
                      citations=cites, text=said,
                      table=TableData(columns=["采购品目", "采购金额"],
                                      rows=[[r["item_name"], r["amount"]] for r in hits]))
    if column in ("unit_price", "quantity"):
        # prices and quantities of different items do not add up: list each
        shown = (lambda x: fmt_number(x)) if column == "quantity" else money
        parts = [f"“{r['item_name']}”{label} {shown(r[column])}" for r in hits if r[column] is not None]
        vals = [value(r[column], f"{r['item_name']}{label}", "" if column == "quantity" else None)
                for r in hits if r[column] is not None]
        return Answer(status="answered", values=vals, citations=cites, text=(
            f"{what}“{m.name}”在{TABLE}中的采购品目：{'；'.join(parts)}（{TABLE}）。"))
    filled = [r for r in hits if r[column] is not None]
    if not filled:
        return Answer(status="answered", citations=cites,
                      text=f"{TABLE}中“{m.name}”的{label}一栏为空。")
    total = sum((Decimal(str(r[column])) for r in filled), Decimal(0))
    listing = "；".join(f"“{r['item_name']}” {money(r[column])}" for r in filled)
    if len(filled) == 1:
        text = (f"{what}“{m.name}”的{label}为 {money(total)}"
                f"（{TABLE}，品目“{filled[0]['item_name']}”，第{filled[0]['line_no']}行）。")
    else:
        text = f"{what}“{m.name}”的{label}合计 {money(total)}，共{len(filled)}个品目：{listing}（{TABLE}）。"
    each = [value(r[column], f"{r['item_name']}{label}") for r in filled] if len(filled) > 1 else []
    # the items bought, listed (买了哪些东西 is answered by the list, a chart and CSV in the app)
    table = TableData(columns=["品目", f"{label}（{current_unit()}）"],
                      rows=[[r["item_name"], float(r[column])] for r in filled], chart=True) \
        if len(filled) > 1 else None
    return Answer(status="answered", values=[value(total, f"{m.name}{label}"), *each], citations=cites,
                  text=text, table=table)
