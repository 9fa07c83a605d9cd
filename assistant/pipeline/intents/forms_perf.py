"""预算14表 部门整体绩效目标申报表: 部门总体资金情况 (item x year, 占比), 年度工作任务,
项目支出情况 (项目总预算 / 项目本年度预算) and the header (填报人, 联系电话).

When the form's 收入合计 and 支出合计 of one year disagree, both are stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rapidfuzz import fuzz

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Row, Runner, fmt_number
from assistant.pipeline.intents.field_words import asked_field
from assistant.pipeline.intents.forms_common import (
    answered,
    asks_actuals,
    contains_any,
    goal_ref,
    last_intent,
    money,
    norm,
    not_found,
    pct,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_perf_text import header, projects, tasks
from assistant.pipeline.intents.forms_projects import stash
from assistant.pipeline.intents.tables_common import knowledge
from assistant.pipeline.units import document_unit
from assistant.tag import load_lexicon, tag

INTENT = "perf14"
TABLE = "预算14表"
SCOPE = ("整体绩效", "部门整体", "绩效目标表", "绩效目标申报表", "14表", "总体资金", "部门总体")
FUND_ITEMS = (
    "人员类项目支出",
    "运转类项目支出",
    "特定目标类项目支出",
    "人员类",
    "运转类",
    "特定目标类",
    "财政专户管理资金",
    "单位资金",
)
TASK_WORDS = ("年度工作任务", "工作任务", "年度任务")
PROJECT_WORDS = ("项目总预算", "本年度预算", "项目本年度", "支出方向", "主要支出方向", "项目支出情况", "用途")
HEADER_WORDS = ("填报人", "填报日期", "联系电话", "电话", "部门名称")
SHARE_WORDS = ("占比", "比例", "比重", "百分之")
BOTH_TOTALS = ("收入合计", "支出合计")


class PerfFundsHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw):
            return None  # execution data is not in a budget document
        text = q.text
        scoped = contains_any(text, SCOPE)
        prev = last_intent(conv, (INTENT,))
        if contains_any(text, TASK_WORDS):
            return Intent(name=INTENT, params={"kind": "tasks"}, evidence="strong")
        if (contains_any(text, PROJECT_WORDS) or contains_any(q.raw, PROJECT_WORDS)) and (
            scoped or any(m.kind == "project" for m in matches)
        ):
            return Intent(
                name=INTENT,
                params=stash(matches, conv, ("project",)) | {"kind": "projects"},
                evidence="strong" if scoped else "likely",
            )
        own = asked_field(text, "department")
        project = any(m.kind == "project" and m.score >= 90 for m in matches)
        if own is not None and (scoped or (asked_field(text, "project") is None and not project)):
            # 填报日期 / 长期目标截止到哪一年: a field only this form prints, or this form named
            return Intent(name=INTENT, params={"kind": "header", "field": own.name}, evidence="strong")
        if own is not None and project and asked_field(text, "project") is None:
            # 某项目的长期目标截止到哪一年: the project forms have no such field — 预算14表's
            # value is the department's, not the project's
            name = next(m.name for m in matches if m.kind == "project" and m.score >= 90)
            return Intent(name=INTENT, params={"kind": "absent", "field": own.name, "project": name},
                          evidence="certain")
        if scoped and contains_any(text, HEADER_WORDS):
            return Intent(name=INTENT, params={"kind": "header"}, evidence="strong")
        year = DOCUMENT_YEAR.get()
        # '2024年部门收入合计': a year's totals other than the document year are only printed in
        # this form's 部门总体资金情况 (the line-item tables hold the document year only)
        other_year = bool(year) and any(y != year for y in q.years)
        if contains_any(text, FUND_ITEMS) or (
            (scoped or other_year) and contains_any(text, ("收入合计", "支出合计", "财政拨款"))
        ) or (scoped and contains_any(text, ("收入", "支出", "合计"))):
            if goal_ref(text)[0] is not None or "指标" in text:
                return None  # indicators of the same form
            named = any(m.kind == "project" and m.score >= 90 for m in matches)
            if contains_any(text, SHARE_WORDS) and named:
                return None  # a project's share of this item: the item is the denominator only
            return Intent(
                name=INTENT,
                params={
                    "kind": "funds",
                    "text": text,
                    "years": list(q.years),
                    "share": contains_any(text, SHARE_WORDS),
                },
                evidence=("strong" if scoped or other_year or _names_a_line(text) else "plausible"),
            )
        if prev is not None and prev.params.get("kind") == "funds" and (q.years or len(text) <= 8):
            # '今年呢' after a 资金情况 question: same item, the new year
            return Intent(
                name=INTENT,
                params=dict(prev.params) | {"years": list(q.years), "share": contains_any(text, SHARE_WORDS)},
                evidence="strong",
            )
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        kind = intent.params.get("kind")
        if kind == "tasks":
            return tasks(q, runner)
        if kind == "projects":
            return projects(q, intent.params, runner)
        if kind == "absent":
            # stated as an answer (no figure): an unanswerable reply would hand the question to a
            # reading that ignores the field asked
            p = intent.params
            own_row = next((r for r in run(runner, "forms_perf_header") if r["field"] == p["field"]), None)
            where = [safe_cite(runner, TABLE, p["field"], own_row["line_no"])] if own_row else []
            text = (f"{p['project']}的项目绩效目标申报表（预算15表）没有“{p['field']}”这一栏；它是部门整体"
                    f"绩效目标申报表（{TABLE}）的栏目，说的是部门整体，不是这个项目。")
            tips = [f"部门整体绩效目标申报表的{p['field']}是什么？", f"{p['project']}的长期目标是什么？"]
            return answered(text, (), where, tips)
        if kind == "header":
            return header(q, runner, intent.params.get("field"))
        return _funds(intent.params, runner)


def _funds(params: dict, runner: Runner) -> Answer:
    rows = run(runner, "forms_perf_funds")
    if not rows:
        return not_found("本文件的部门整体绩效目标申报表没有填写部门总体资金情况。")
    text = params.get("text", "")
    asked = [y for y in params.get("years", []) if isinstance(y, int)]
    if not asked and contains_any(text, ("近两年", "前两年", "过去两年", "近2年", "前2年", "过去2年")):
        asked = sorted({r["year"] for r in rows if r["year"] != runner.year})
    years = [y for y in asked if any(r["year"] == y for r in rows)] or [runner.year]
    if asked and not any(y in years for y in asked):
        given = "、".join(str(y) for y in sorted({r["year"] for r in rows}))
        return not_found(f"部门整体绩效目标申报表只列出 {given} 年的资金情况，没有 {asked[0]} 年的数字。")
    section = "收入构成" if "收入" in text and "支出" not in text else "支出构成" if "支出" in text else None
    items = _items(text, rows, section)
    out, vals, cites = [], [], []
    for section_name, item in items:
        for y in years:
            row = next(
                (r for r in rows if r["section"] == section_name and r["item"] == item and r["year"] == y),
                None,
            )
            if row is None:
                continue
            col = "当年金额" if y == runner.year else f"{y}年"
            label = f"{section_name}“{item}”{col}"
            if row["amount"] is None:
                out.append(f"{label}未填写。")
            else:
                out.append(
                    f"{label} {money(row['amount'])}"
                    + (f"，占比 {pct(row['share'])}" if row["share"] is not None and y == runner.year else "")
                    + "。"
                )
                vals.append(value(row["amount"], document_unit(), label))
                if row["share"] is not None and y == runner.year:
                    vals.append(value(row["share"], "%", f"{label}占比"))
            cites.append(
                safe_cite(runner, row["table_id"], f"部门总体资金情况 {section_name} {item}", row["line_no"])
            )
    if len(years) == 2 and _asks_change(text):
        out += _changes(items, rows, years, vals, cites, runner)
    if params.get("share") and any(y != runner.year for y in years):
        out.append("（占比只列当年金额，近两年栏没有占比。）")
    out += _total_conflicts(rows, years, [i for _, i in items], runner, vals, cites)
    if not vals and not out:
        return not_found("部门整体绩效目标申报表中没有找到这一项。")
    return answered(
        "".join(out),
        vals,
        cites,
        [
            "部门整体绩效表里特定目标类项目支出占比多少？",
            "去年总预算是多少？",
            "部门的年度工作任务有哪些？",
        ],
    )


def _names_a_line(text: str) -> bool:
    """运转类项目支出, or its words in another order (项目支出运转类): one of this form's own lines,
    which 项目支出 alone (the line-item tables' column) is not."""
    return any(item in text or (item.startswith(head) and head in text and item[len(head):] in text)
               for item in FUND_ITEMS[:3] for head in FUND_ITEMS[3:6])


def _asks_change(text: str) -> bool:
    """增长了多少 / 多了多少 (operation.change, .diff): the difference of the two years asked."""
    return any(t.kind == "operation" and t.value in ("change", "diff") for t in tag(text, (), load_lexicon()))


def _changes(items: list[tuple[str, str]], rows: Sequence[Row], years: list[int], vals: list, cites: list,
             runner: Runner) -> list[str]:
    """'2025年比2024年增加 860.21 万元': each item asked, from its own two printed figures."""
    old_year, new_year = sorted(years)
    out = []
    for section_name, item in items:
        pair = [next((r for r in rows if r["section"] == section_name and r["item"] == item and r["year"] == y
                      and r["amount"] is not None), None) for y in (old_year, new_year)]
        if pair[0] is None or pair[1] is None:
            continue
        diff = Decimal(str(pair[1]["amount"])) - Decimal(str(pair[0]["amount"]))
        word = "增加" if diff > 0 else "减少" if diff < 0 else "持平，变化"
        label = f"{section_name}“{item}”{new_year}年比{old_year}年"
        out.append(f"{label}{word} {money(abs(diff))}（{fmt_number(pair[1]['amount'])} − "
                   f"{fmt_number(pair[0]['amount'])}）。")
        vals.append(value(abs(diff), document_unit(), f"{label}{word.rstrip('，变化')}"))
    return out


def _items(text: str, rows: Sequence[Row], section: str | None) -> list[tuple[str, str]]:
    pairs = list(dict.fromkeys((r["section"], r["item"]) for r in rows))
    if contains_any(text, BOTH_TOTALS) and "合计" in text:
        wanted = [s for s in ("收入构成", "支出构成") if s[:2] + "合计" in text] or ["收入构成", "支出构成"]
        return [p for p in pairs if p[1] == "合计" and p[0] in wanted]
    scored, heads = [], _heads(pairs)
    for sec, item in pairs:
        if section and sec != section and item == "合计":
            continue
        s = (
            fuzz.partial_ratio(norm(item), norm(text))
            if len(norm(item)) > 2
            else (100 if item in text else 0)
        )
        if s < 85 and len(heads.get((sec, item), "")) >= 2 and heads[(sec, item)] in text:
            s = 100  # 项目支出运转类 / 运转类的项目支出: the word that tells the line from its siblings
        if s >= 85:
            scored.append((s + len(item) / 100, (sec, item)))
    if not scored and knowledge().has("breakdown", text):
        # 支出构成是怎么划分的: every line of the section, not its total
        return [p for p in pairs if p[1] != "合计" and (section is None or p[0] == section)]
    if not scored and any(len(h) >= 2 and h[:2] in text for h in heads.values()):
        return []  # a line named in part that fits none well: never the 合计 in its place
    if not scored:
        return [p for p in pairs if p[1] == "合计" and (section is None or p[0] == section)]
    top = max(s for s, _ in scored)
    return [p for s, p in scored if s >= top - 0.001]


def _total_conflicts(
    rows: Sequence[Row], years: list[int], items: list[str], runner: Runner, vals: list, cites: list
) -> list[str]:
    """'收入合计 6372.1 / 支出合计 6372.11': always say so when a 合计 of that year is asked."""
    if "合计" not in items and not any(i in ("财政拨款",) for i in items):
        return []
    out = []
    for y in years:
        inc = next(
            (r for r in rows if r["section"] == "收入构成" and r["item"] == "合计" and r["year"] == y), None
        )
        exp = next(
            (r for r in rows if r["section"] == "支出构成" and r["item"] == "合计" and r["year"] == y), None
        )
        if (
            inc
            and exp
            and inc["amount"] is not None
            and exp["amount"] is not None
            and inc["amount"] != exp["amount"]
        ):
            diff = abs(Decimal(str(inc["amount"])) - Decimal(str(exp["amount"])))
            unit = document_unit()
            out.append(
                f"注意：该表{y}年列收入合计为 {fmt_number(inc['amount'])} {unit}、支出合计为 "
                f"{fmt_number(exp['amount'])} {unit}，两者相差 {fmt_number(diff)} {unit}（尾差）。"
            )
            for r, lab in ((inc, "收入合计"), (exp, "支出合计")):
                if not any(abs(v.value - float(r["amount"])) < 0.005 for v in vals):
                    vals.append(value(r["amount"], document_unit(), f"{y}年{lab}"))
                cites.append(safe_cite(runner, r["table_id"], f"部门总体资金情况 {lab}", r["line_no"]))
    return out


def _heads(pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each line without the ending all lines of its section share: 人员类 / 运转类 / 特定目标类
    of the …项目支出 lines, so a question may name the line in another order."""
    out: dict[tuple[str, str], str] = {}
    for sec in dict.fromkeys(p[0] for p in pairs):
        items = [i for s, i in pairs if s == sec and i != "合计"]
        if len(items) < 2:
            continue
        n = 0
        while n < min(map(len, items)) and len({i[len(i) - n - 1] for i in items}) == 1:
            n += 1
        out.update({(sec, i): i[: len(i) - n] for i in items})
    return out
