"""预算14表 部门整体绩效目标申报表: 部门总体资金情况 (item x year, 占比), 年度工作任务,
项目支出情况 (项目总预算 / 项目本年度预算) and the header (填报人, 联系电话).

When the form's 收入合计 and 支出合计 of one year disagree, both are stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Runner
from assistant.pipeline.intents.field_words import asked_field
from assistant.pipeline.intents.forms_common import (
    answered,
    asks_actuals,
    contains_any,
    goal_ref,
    last_intent,
    money,
    not_found,
    pct,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_perf_items import (
    FUND_ITEMS,
    asks_change,
    fund_changes,
    items_asked,
    names_a_line,
    total_conflicts,
)
from assistant.pipeline.intents.forms_perf_text import header, projects, tasks
from assistant.pipeline.intents.forms_projects import stash
from assistant.pipeline.units import document_unit

INTENT = "perf14"
TABLE = "预算14表"
SCOPE = ("整体绩效", "部门整体", "绩效目标表", "绩效目标申报表", "14表", "总体资金", "部门总体")
TASK_WORDS = ("年度工作任务", "工作任务", "年度任务")
PROJECT_WORDS = ("项目总预算", "本年度预算", "项目本年度", "支出方向", "主要支出方向", "项目支出情况", "用途")
HEADER_WORDS = ("填报人", "填报日期", "联系电话", "电话", "部门名称")
# 2024年的收入是多少: all of one side of a year before the budget's, which only this form prints
ALL_OF_A_SIDE = re.compile(r"(?:\d{4}年度?)?(?:的|部门的?|全部门的?)?总?(?:收入|支出)(?:总额|总计|总数|一共)?"
                           r"(?:是|有|为)?(?:多少|几何)(?:钱|万元)?[?？]?")
SHARE_WORDS = ("占比", "比例", "比重", "百分之")


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
        ) or (other_year and ALL_OF_A_SIDE.fullmatch(text)
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
                evidence=("strong" if scoped or other_year or names_a_line(text) else "plausible"),
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
    items = items_asked(text, rows, section)
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
    if len(years) == 2 and asks_change(text):
        out += fund_changes(items, rows, years, vals, cites, runner)
    if params.get("share") and any(y != runner.year for y in years):
        out.append("（占比只列当年金额，近两年栏没有占比。）")
    out += total_conflicts(rows, years, [i for _, i in items], runner, vals, cites)
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


