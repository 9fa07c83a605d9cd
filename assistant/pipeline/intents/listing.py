"""List-shaped table intents: breakdowns (分哪几款, 包括哪些), rankings (第二大, 最少, 前三)
and counts (一共多少个款级经济科目, 有几个项目). The rows also fill Answer.table for a chart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Candidate, Intent, Match, Question, TableData
from assistant.ops import rank
from assistant.pipeline.base import Conversation, Row, Runner, cite, fmt_number
from assistant.pipeline.intents.narrowed import UNIT_KEY, of_unit, set_of, undivided
from assistant.pipeline.intents.tables_common import (
    PREFERRED,
    TABLE_KINDS,
    cite_row,
    knowledge,
    measure_of,
    money,
    row_label,
    stash,
    table_matches,
    unstash,
    value,
)
from assistant.pipeline.units import current_unit

KIND_TABLE = {"function": "预算05表", "economic": "预算07表", "project": "预算11表", "unit": "预算06表"}
PROCUREMENT = "预算12表"


def _set_of(q: Question) -> tuple[str, str] | None:
    return set_of(q)


def _parent(q: Question, matches: Sequence[Match]) -> Match | None:
    ents = [m for m in table_matches(matches) if m.kind in ("function", "economic")]
    return max(ents, key=lambda m: (m.score, len(m.alias))) if ents else None


def _children(runner: Runner, parent: Match, measure: str) -> tuple[str, list[Row]]:
    table_id = KIND_TABLE.get(parent.kind, PREFERRED[parent.kind][0])
    rows = runner.run("li_children", table_id=table_id, parent_code=parent.code, measure=measure)
    return table_id, rows


def _set_rows(runner: Runner, table_id: str, code_kind: str, measure: str,
              level: str | None = None, text: str = "") -> list[Row]:
    rows = runner.run("li_set", table_id=table_id, code_kind=code_kind, measure=measure)
    if level:
        rows = [r for r in rows if r["level"] == level]
    return of_unit(rows, text) if code_kind == "project" and text else rows


PIECES = re.compile(r"(?:多少|几)(?:件|台|套|个东西|样东西)|采购数量|买了多少(?!钱)")


def _quantity_total(runner: Runner) -> Answer:
    total = next((r for r in runner.run("proc_rows") if r["level"] == "合计"), None)
    if total is None or total.get("quantity") is None:
        return Answer(status="unanswerable", text="政府采购预算表没有列出采购数量的合计。")
    return Answer(status="answered", text=(
        f"政府采购预算表合计行的采购数量为 {fmt_number(total['quantity'])}（各品目数量单位不同，"
        f"如台、箱、套，此为表中直接相加的合计；{PROCUREMENT}，第{total['line_no']}行）。"),
        values=[value(total["quantity"], "采购数量合计", "")],
        citations=[cite(runner, PROCUREMENT, "合计·采购数量", total["line_no"])])


def _procurement_rows(runner: Runner) -> list[Row]:
    return [r for r in runner.run("proc_rows") if r["level"] == "品目"]


def _table(rows: Sequence[Row], amount_key: str = "amount") -> TableData:
    return TableData(columns=["名称", f"金额（{current_unit()}）"],
                     rows=[[r.get("name") or r.get("item_name"), float(r[amount_key])
                            if r[amount_key] is not None else None] for r in rows], chart=True)


WHICH_LEVEL = ("类", "款")  # 哪一类/哪一款 asks for a level; 哪一项 is any line
CLASSIFICATIONS = ("功能分类", "经济分类")  # the two tables a level word alone may mean


def _level(q: Question) -> str | None:
    k = knowledge()
    for word in sorted(k.levels, key=len, reverse=True):
        if re.search(rf"{word}(?:级|科目|的|是哪)|(?:个|几|多少|哪些|哪几|的){word}(?!目)", q.text) or (
                word.endswith("级") and word in q.text) or (
                word in WHICH_LEVEL and re.search(rf"哪一?{word}(?!目|别|型)", q.text)):
            return k.levels[word]
    return None


def _scope(q: Question, matches: Sequence[Match], runner: Runner, measure: str) -> tuple[str, list[Row], str]:
    """The rows a ranking/count/breakdown is over: children of a named 科目, or a named set."""
    k = knowledge()
    parent = _parent(q, matches)
    if parent is not None and parent.code:
        table_id, rows = _children(runner, parent, measure)
        level = _level(q)
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
            deeper = [r for r in _set_rows(runner, table_id, parent.kind, measure, level)
                      if (r["code"] or "").startswith(parent.code)]
            rows = deeper or rows
        if rows:
            via = "".join(f"（下一级只有“{o}”一项，以下为其下级科目）" for o in only[-1:])
            return table_id, rows, parent.name + via
    if k.has("procurement", q.text) or any(m.kind == "procurement" for m in matches):
        if parent is not None:  # 办公费买了什么: the purchase table does not say which line pays
            return PROCUREMENT, [], f"“{parent.name}”的采购品目"
        return PROCUREMENT, _procurement_rows(runner), "政府采购品目"
    found = _set_of(q)
    if not found and measure in ("基本支出", "人员经费", "公用经费") and _level(q) == "类" \
            and "经济" not in q.text:
        # 基本支出最多的类: the 功能 classes by their 基本支出 column (类 is the 功能 level)
        rows = _set_rows(runner, "预算05表", "function", measure, "类")
        return "预算05表", rows, f"{measure}（按功能分类的类）"
    if not found and measure in ("基本支出", "人员经费", "公用经费"):
        # 基本支出中哪一项最多: the 款 of the 基本支出 table (经济分类)
        column = "合计" if measure == "基本支出" else measure
        rows = _set_rows(runner, "预算07表", "economic", column, "款")
        return "预算07表", rows, measure
    if found:
        table_id, code_kind = found
        level = _level(q)
        if code_kind in ("function", "economic") and level is None:
            # without a level, a list of 科目 means the most detailed one
            level = "项" if code_kind == "function" else "款"
        rows = _set_rows(runner, table_id, code_kind, measure if table_id != "预算11表" else "合计", level,
                         q.text)
        label = {"project": "项目支出", "unit": "预算单位"}.get(code_kind, f"{level or ''}级科目")
        if rows and rows[0].get(UNIT_KEY):
            label = f"{rows[0][UNIT_KEY]}的{label}"
        return table_id, rows, label
    return "", [], ""


class BreakdownHandler:
    name = "breakdown"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not k.has("breakdown", q.text) or (k.has("count", q.text) and "哪" not in q.text):
            return None
        parent = _parent(q, matches)
        evidence = "named" if parent is not None or _set_of(q) or k.has("procurement", q.text) else None
        if not evidence and "收入" in q.text and not any(m.kind in TABLE_KINDS for m in matches):
            return Intent(name="breakdown", params={"income": True}, evidence="likely")
        if not evidence:
            if measure_of(q, k) == "基本支出":
                evidence = "plausible"
            else:
                return None
        return Intent(name="breakdown", params={**stash(table_matches(matches) or list(matches)),
                                                "measure": measure_of(q, k)}, evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        if (refused := undivided(q)) is not None:
            return refused
        matches = unstash(intent.params)
        measure = intent.params.get("measure") or "合计"
        if intent.params.get("income"):
            return _income(runner)
        economic = (_set_of(q) or ("", "economic"))[1] == "economic"
        if measure == "基本支出" and _parent(q, matches) is None and economic:
            table_id, scope = "预算07表", "基本支出"  # 基本支出(按经济分类)有哪些: 预算07表
            rows = _set_rows(runner, table_id, "economic", "合计", _level(q) or "类")
        else:
            table_id, rows, scope = _scope(q, matches, runner, measure)
        rows = [r for r in rows if r.get("amount") is not None]
        if not rows:
            return Answer(status="unanswerable", text="表中没有找到可以列出的下级项目。")
        label = (lambda r: r["item_name"]) if table_id == PROCUREMENT else row_label
        listing = "；".join(f"{label(r)} {money(r['amount'])}" for r in rows)
        cites = [cite_row(runner, table_id, r) if table_id != PROCUREMENT else
                 cite(runner, table_id, r["item_name"], r["line_no"]) for r in rows]
        return Answer(
            status="answered",
            text=f"{scope}（{table_id}）包括{len(rows)}项：{listing}。",
            values=[value(r["amount"], r.get("name") or r.get("item_name")) for r in rows],
            citations=cites,
            table=_table(rows),
        )


def _income(runner: Runner) -> Answer:
    """收入包括哪些: the income side of 预算01表, the lines with an amount (blank ones named)."""
    table_id = "预算01表"
    rows = [r for r in runner.run("li_set", table_id=table_id, code_kind="item", measure="预算数")]
    rows = [r for r in rows if r.get("side") == "收入"] or rows
    filled = [r for r in rows if r["amount"] is not None]
    blank = [r["name"] for r in rows if r["amount"] is None]
    if not filled:
        return Answer(status="unanswerable", text=f"{table_id}的收入栏没有金额。")
    listing = "；".join(f"{r['name']} {money(r['amount'])}" for r in filled)
    text = f"{table_id}列出的收入为：{listing}"
    if blank:
        text += f"；{'、'.join(blank)}均为空白（未安排）"
    return Answer(status="answered", text=text + "。",
                  values=[value(r["amount"], r["name"]) for r in filled],
                  citations=[cite(runner, table_id, r["name"], r["line_no"]) for r in filled],
                  table=_table(filled))


class RankingHandler:
    name = "ranking"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k, text = knowledge(), rank.PERIOD.sub("", q.text)  # 第二季度 is a quarter, not a rank
        if not any(k.has(g, text) for g in ("ranking", "ranking_max", "ranking_min")):
            return None
        if rank.positional(text) is not None:
            return None  # 第二项明细: a place in a printed list, no ordering by amount
        scoped = _parent(q, matches) is not None or _set_of(q) or k.has("procurement", q.text)
        # 哪一类支出最多: a level said with no classification — both tables have 类 and 款
        which = not scoped and not table_matches(matches) and _level(q) in WHICH_LEVEL \
            and measure_of(q, k) is None
        return Intent(name="ranking", params={**stash(table_matches(matches) or list(matches)),
                                              "measure": measure_of(q, k), "which_classification": which},
                      evidence="strong" if scoped or which else "weak")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        matches = unstash(intent.params)
        if intent.params.get("which_classification"):
            asked = [Candidate(label=f"按{c}", question=f"支出{c}中{q.text}") for c in CLASSIFICATIONS]
            return Answer(status="clarify", candidates=asked, text=(
                f"支出按功能分类和按经济分类都有“{_level(q)}”一级。请问您问的是哪一种分类？"))
        measure = intent.params.get("measure") or "合计"
        if measure == "项目支出" and _set_of(q) and _set_of(q)[0] == "预算11表":
            measure = "合计"  # 项目支出第二大的: the projects themselves
        table_id, rows, scope = _scope(q, matches, runner, measure)
        rows = [r for r in rows if r.get("amount") is not None]
        # 哪个单位最多: the department's own row totals its units — it is none of the things ranked
        parents = {r.get("parent_code") for r in rows if r.get("parent_code")}
        rows = [r for r in rows if not r.get("code") or r.get("code") not in parents]
        if not rows:
            return Answer(status="unanswerable", text="没有找到可以排序的项目。")
        pos, desc, n = rank.ordinal(q.text)
        ordered = rank.ordered(rows, desc)
        picked, tied = rank.pick(ordered, pos, n)
        if not picked:
            return Answer(status="unanswerable", text=f"{scope}只有{len(rows)}项，没有第{pos}项。")
        name, word = (lambda r: r.get("name") or r.get("item_name")), "最大" if desc else "最小"
        head = f"{scope}中{'金额最大' if desc else '金额最小'}的前{len(picked)}项" if n > 1 else \
            f"{scope}中{'第' + str(pos) + ('大' if desc else '小') if pos > 1 else word}的"
        listing = "；".join(f"“{name(r)}” {money(r['amount'])}" for r in picked) + (rank.TIED * tied)
        total = rank.total(picked, knowledge().has("sum", q.text), money)  # 前三个加起来: their sum too
        return Answer(
            status="answered",
            text=f"{head}是：{listing}{total[0] if total else ''}（{table_id}）。",
            values=[*([value(total[1], f"前{len(picked)}项合计")] if total else []),
                    *(value(r["amount"], name(r)) for r in picked)],
            citations=[cite(runner, table_id, name(r), r["line_no"]) for r in picked],
            table=_table(ordered),
        )


class CountHandler:
    name = "count"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not k.has("count", q.text) or "哪几" in q.text:
            return None  # 分哪几款 lists the items, it does not count them
        if any(m.kind == "procurement" for m in matches):
            return None  # 买了几台复印机: a quantity, the procurement handler's
        scoped = _parent(q, matches) is not None or _set_of(q) or k.has("procurement", q.text)
        basic = measure_of(q, k) == "基本支出"  # 基本支出有多少个款: the 基本支出 table
        if not (scoped or basic):
            return None
        return Intent(name="count", params={**stash(table_matches(matches)), "measure": "合计",
                                            "measure_scope": basic and not scoped}, evidence="named")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        if (refused := undivided(q)) is not None:
            return refused
        matches = unstash(intent.params)
        level = _level(q)
        parent = _parent(q, matches)
        found = _set_of(q)
        if parent is not None and parent.code:
            table_id = KIND_TABLE[parent.kind]
            rows = _set_rows(runner, table_id, parent.kind, "合计", level)
            rows = [r for r in rows if (r["code"] or "").startswith(parent.code) and r["code"] != parent.code]
            if level is None:
                rows = [r for r in rows if r["parent_code"] == parent.code]
            scope = f"“{parent.name}”下的{level or '下一'}级科目"
        elif knowledge().has("procurement", q.text):
            if PIECES.search(q.text):  # 一共买了多少件: the 采购数量 of the 合计 line, not the 品目 count
                return _quantity_total(runner)
            rows = _procurement_rows(runner)
            table_id, scope = PROCUREMENT, "政府采购品目"
            if found and found[1] == "project":  # 政府采购涉及几个项目
                seen: dict[str, Row] = {}
                for r in rows:
                    seen.setdefault(r["project"], {**r, "name": r["project"]})
                rows, scope = list(seen.values()), "有政府采购的项目"
        elif not found and intent.params.get("measure_scope"):
            table_id, scope = "预算07表", f"{level or '款'}级经济科目（基本支出）"
            rows = _set_rows(runner, table_id, "economic", "合计", level or "款")
        elif found:
            table_id, code_kind = found
            rows = _set_rows(runner, table_id, code_kind, "合计", level, q.text)
            if code_kind == "unit":  # 单位有几家: the department's own row totals its units, it is none
                parents = {r.get("parent_code") for r in rows if r.get("parent_code")}
                rows = [r for r in rows if not r.get("code") or r.get("code") not in parents]
            noun = {"economic": "经济科目", "function": "功能科目", "project": "项目"}.get(code_kind, "单位")
            scope = noun if code_kind == "project" else f"{level + '级' if level else ''}{noun}"
            if rows and rows[0].get(UNIT_KEY):
                scope = f"{rows[0][UNIT_KEY]}的{scope}"
        else:
            return Answer(status="unanswerable", text="没有明白要数的是哪一类项目。")
        if not rows:
            return Answer(status="unanswerable", text=f"{table_id}中没有找到{scope}。")
        names = "、".join((r.get("name") or r.get("item_name")) for r in rows)
        return Answer(
            status="answered",
            text=f"{table_id}中共有 {len(rows)} 个{scope}：{names}。",
            values=[value(len(rows), scope, "个")],
            citations=[cite(runner, table_id, f"{scope}（{len(rows)}个）", rows[0]["line_no"])],
            table=TableData(columns=["名称"], rows=[[r.get("name") or r.get("item_name")] for r in rows]),
        )
