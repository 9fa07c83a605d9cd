"""The sets a list, a ranking or a count is over: the children of a named 科目, the lines of one
level of a classification, every project (of one unit), or every procurement item.

The set is read from the words of the question (knowledge/intents.toml: [sets] and [levels]) and
the lines the catalogue matched; rows come through the named templates. Shared by the count rule
(query/count.py), the ranking rule (query/ranking.py) and the breakdown rule (query/breakdown.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Match, Question, TableData
from assistant.pipeline.base import Row, Runner, cite, fmt_number
from assistant.pipeline.intents.narrowed import UNIT_KEY, of_unit, set_of
from assistant.pipeline.intents.tables_common import (
    PREFERRED,
    knowledge,
    row_label,
    table_matches,
    value,
)
from assistant.pipeline.units import current_unit

KIND_TABLE = {"function": "预算05表", "economic": "预算07表", "project": "预算11表", "unit": "预算06表"}
PROCUREMENT = "预算12表"
SERVICES = "预算13表"  # 政府向社会力量购买服务预算表 (seed role)


def parent_line(q: Question, matches: Sequence[Match]) -> Match | None:
    ents = [m for m in table_matches(matches) if m.kind in ("function", "economic")]
    return max(ents, key=lambda m: (m.score, len(m.alias))) if ents else None


def family_head(q: Question, matches: Sequence[Match], index: Any) -> Match | None:
    """养老支出下面那几项: a short word the catalogue finds in several lines' names, one of which holds
    all the others (行政事业单位养老支出 20805 over 2080505, 2080599) — that line is the one meant."""
    for found in index.fragments(q, list(matches)).values():
        coded = [m for m in found if m.kind in ("function", "economic") and m.code]
        heads = [m for m in coded if all(o.kind == m.kind and str(o.code).startswith(str(m.code))
                                         for o in coded)]
        if len(coded) > 1 and len(heads) == 1:
            return heads[0]
    return None


def children(runner: Runner, parent: Match, measure: str, text: str | None = None) -> tuple[str, list[Row]]:
    """The lines right below a named line: in the table of every fund when `text` (the question) is
    given and names no fund, else in the line's own table."""
    own = KIND_TABLE.get(parent.kind, PREFERRED[parent.kind][0])
    every = home_table(runner, parent.kind, measure, text) if text is not None else own
    for table_id in dict.fromkeys((every, own)):
        rows = runner.run("li_children", table_id=table_id, parent_code=parent.code, measure=measure)
        if rows:
            return table_id, rows
    return own, []


# the columns the tables of every fund print (knowledge/wholes.toml all_funds_columns, as words)
EVERY_FUND_COLUMNS = ("合计", "基本支出", "项目支出")
INCOME_TABLE = "预算02表"  # the 收入预算总表 (seed role): each unit's money from every source


def home_table(runner: Runner, kind: str, measure: str, text: str) -> str:
    """The table a set of lines is read in: where the budget has money besides 一般公共预算 and the
    question names no fund, the table of every fund (一般公共服务支出 1,353.25, not its 一般公共预算
    1,333.25; a unit's 合计 over every source) — the figures the single-line readings give too."""
    from assistant.plan.columns import wholes
    from assistant.tag import load_lexicon

    own = KIND_TABLE.get(kind, "")
    if kind not in ("function", "unit") or measure not in EVERY_FUND_COLUMNS \
            or any(w in text for w in load_lexicon().of("measure", "fund")):
        return own
    every = str(wholes()["all_funds_table"]) if kind == "function" else INCOME_TABLE
    if kind == "unit" and measure == "项目支出":
        every = KIND_TABLE["project"]  # each unit's projects over every fund: the project table's unit rows
    elif kind == "unit" and measure != "合计":
        return own  # the income table prints each unit's sources, not its spending columns
    # the 支出总表 and the 一般公共预算 table agree: one fund only, its own tables are the budget
    totals = {r["table_id"]: r["amount"] for r in runner.run("li_fund_totals")}
    return every if len(set(totals.values())) > 1 else own


def set_rows(runner: Runner, table_id: str, code_kind: str, measure: str,
              level: str | None = None, text: str = "") -> list[Row]:
    rows = runner.run("li_set", table_id=table_id, code_kind=code_kind, measure=measure)
    if level:
        rows = [r for r in rows if r["level"] == level]
    return of_unit(rows, text) if code_kind == "project" and text else rows


PIECES = re.compile(r"(?:多少|几)(?:件|台|套|个东西|样东西)|数量|买了多少(?!钱)")  # 采购数量, （数量合计）


def quantity_total(runner: Runner) -> Answer:
    total = next((r for r in runner.run("proc_rows") if r["level"] == "合计"), None)
    if total is None or total.get("quantity") is None:
        return Answer(status="unanswerable", text="政府采购预算表没有列出采购数量的合计。")
    return Answer(status="answered", text=(
        f"政府采购预算表合计行的采购数量为 {fmt_number(total['quantity'])}（各品目数量单位不同，"
        f"如台、箱、套，此为表中直接相加的合计；{PROCUREMENT}，第{total['line_no']}行）。"),
        values=[value(total["quantity"], "采购数量合计", "")],
        citations=[cite(runner, PROCUREMENT, "合计·采购数量", total["line_no"])])


def procurement_rows(runner: Runner, text: str = "") -> tuple[list[Row], str]:
    """The procurement items, or those of the kind the words say (货物类: the items whose 品目 code
    begins with A), and how the answer names them."""
    rows = [r for r in runner.run("proc_rows") if r["level"] == "品目"]
    kinds = knowledge().procurement_kinds
    kind = next((w for w in kinds if f"{w}类" in text), None)
    if kind is None:
        return rows, "政府采购品目"
    return [r for r in rows if str(r.get("item_code") or "").startswith(kinds[kind])], f"{kind}类政府采购品目"


def chart_table(rows: Sequence[Row], amount_key: str = "amount") -> TableData:
    return TableData(columns=["名称", f"金额（{current_unit()}）"],
                     rows=[[r.get("name") or r.get("item_name"), float(r[amount_key])
                            if r[amount_key] is not None else None] for r in rows], chart=True)


WHICH_LEVEL = ("类", "款")  # 哪一类/哪一款 asks for a level; 哪一项 is any line
CLASSIFICATIONS = ("功能分类", "经济分类")  # the two tables a level word alone may mean


def level_of(q: Question) -> str | None:
    k = knowledge()
    for word in sorted(k.levels, key=len, reverse=True):
        # (八类支出 / 前三大类: a count of them says the level; 前2项 / 第3项 count items, a 项 is one)
        counted = "(?<![前后第\\d])" if word == "项" else ""
        said = (rf"{word}(?:级|科目|的|是哪)|(?:个|几|多少|哪些|哪几|的|哪[\d两二三四五六七八九]"
                rf"|{counted}[\d两二三四五六七八九]){word}(?!目)")
        if re.search(said, q.text) or (
                word.endswith("级") and word in q.text) or (
                word in WHICH_LEVEL and re.search(rf"哪一?{word}(?!目|别|型)", q.text)):
            return k.levels[word]
    return None


def scope_of(q: Question, matches: Sequence[Match], runner: Runner, measure: str,
             every_fund: bool = False) -> tuple[str, list[Row], str]:
    """The rows a ranking/count/breakdown is over: children of a named 科目, or a named set (read over
    every fund when asked: a ranking's figures are the ones the single-line readings give)."""
    k = knowledge()
    parent = parent_line(q, matches)
    if parent is not None and parent.code:
        table_id, rows = children(runner, parent, measure, q.text if every_fund else None)
        level = level_of(q)
        only: list[str] = []
        while len(rows) == 1 and not level and rows[0].get("code"):
            # one item below (住房保障支出 -> 住房改革支出 only): listing or ranking it says
            # nothing, so the level below it is what the question is about
            below = runner.run("li_children", table_id=table_id, parent_code=rows[0]["code"], measure=measure)
            if not below:
                break
            only.append(row_label(rows[0]))
            rows = below
        if rows and level and rows[0]["level"] != level:
            # 住房保障支出分哪几项: the 项 under the 类, not its 款
            deeper = [r for r in set_rows(runner, table_id, parent.kind, measure, level)
                      if (r["code"] or "").startswith(parent.code)]
            rows = deeper or rows
        if rows:
            via = "".join(f"（下一级只有“{o}”一项，以下为其下级科目）" for o in only[-1:])
            return table_id, rows, parent.name + via
    if k.has("procurement", q.text) or any(m.kind == "procurement" for m in matches):
        if parent is not None:  # 办公费买了什么: the purchase table does not say which line pays
            return PROCUREMENT, [], f"“{parent.name}”的采购品目"
        rows, label = procurement_rows(runner, q.text)  # 货物类买了什么: the items of that kind
        if (set_of(q) or ("", ""))[1] == "unit":  # 哪个单位采购最多: each unit's items added up
            return PROCUREMENT, _by_unit(rows), "各单位的政府采购"
        return PROCUREMENT, rows, label
    found = set_of(q)
    if not found and measure in ("基本支出", "人员经费", "公用经费") and level_of(q) == "类" \
            and "经济" not in q.text:
        # 基本支出最多的类: the 功能 classes by their 基本支出 column (类 is the 功能 level)
        rows = set_rows(runner, "预算05表", "function", measure, "类")
        return "预算05表", rows, f"{measure}（按功能分类的类）"
    if not found and measure in ("基本支出", "人员经费", "公用经费"):
        # 基本支出中哪一项最多: the 款 of the 基本支出 table (经济分类)
        column = "合计" if measure == "基本支出" else measure
        rows = set_rows(runner, "预算07表", "economic", column, "款")
        return "预算07表", rows, measure
    if found:
        table_id, code_kind = found
        every = home_table(runner, code_kind, measure, q.text) if every_fund else table_id
        if every != table_id and set_rows(runner, every, code_kind, "合计" if every == KIND_TABLE["project"]
                                          else measure):
            table_id = every  # 哪三类最多 / 哪个单位预算最多: over every fund
        level = level_of(q)
        if code_kind in ("function", "economic") and level is None:
            # without a level, a list of 科目 means the most detailed one
            level = "项" if code_kind == "function" else "款"
        rows = set_rows(runner, table_id, code_kind, measure if table_id != "预算11表" else "合计", level,
                         q.text)
        label = {"project": "项目支出", "unit": "预算单位"}.get(code_kind, f"{level or ''}级科目")
        if rows and rows[0].get(UNIT_KEY):
            label = f"{rows[0][UNIT_KEY]}的{label}"
        return table_id, rows, label
    return "", [], ""


def _by_unit(rows: list[Row]) -> list[Row]:
    """The procurement items of each unit, added up: one row a unit, in the order they come."""
    units: dict[str, Row] = {}
    for r in rows:
        if r.get("amount") is None:
            continue
        name = str(r["unit_name"])
        mine = units.setdefault(name, {**r, "item_name": name, "name": name, "amount": 0.0, "code": None})
        mine["amount"] = round(float(mine["amount"]) + float(r["amount"]), 2)
    return list(units.values())
