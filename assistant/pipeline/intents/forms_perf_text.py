"""预算14表 text blocks: 年度工作任务 (list, item N, 'does it include X'), 项目支出情况
(项目总预算 / 项目本年度预算 / 支出方向 per project) and the header (填报人, 联系电话).
"""

from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from assistant.models import Answer, Question
from assistant.pipeline.base import Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    best_rows,
    contains_any,
    money,
    norm,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.units import document_unit

TABLE = "预算14表"


def tasks(q: Question, runner: Runner) -> Answer:
    rows = run(runner, "forms_perf_tasks")
    if not rows:
        return not_found("部门整体绩效目标申报表没有填写年度工作任务。")
    listing = "\n".join(f"{r['seq']}. {r['text']}" for r in rows)
    cites = [safe_cite(runner, r["table_id"], f"年度工作任务 {r['seq']}", r["line_no"]) for r in rows]
    nth = re.search(r"第\s*(\d+)\s*[项个条]", q.text)
    if nth:
        row = next((r for r in rows if r["seq"] == int(nth.group(1))), None)
        if row is None:
            return not_found(f"年度工作任务只有 {len(rows)} 项。")
        return answered(
            f"部门整体绩效目标申报表（{TABLE}）年度工作任务第{row['seq']}项：{row['text']}。",
            (),
            [safe_cite(runner, row["table_id"], f"年度工作任务 {row['seq']}", row["line_no"])],
            ["部门的年度工作任务有哪些？"],
        )
    probe = _probe(q.text)
    head = f"部门整体绩效目标申报表（{TABLE}）列出的年度工作任务共 {len(rows)} 项："
    if probe:
        hits = [
            r
            for r in rows
            if norm(probe) in norm(r["text"]) or fuzz.partial_ratio(norm(probe), norm(r["text"])) >= 80
        ]
        if hits:
            head = f"包括。第{hits[0]['seq']}项为“{hits[0]['text']}”。全部年度工作任务共 {len(rows)} 项："
        else:
            head = f"年度工作任务中没有直接写“{probe}”。全部年度工作任务共 {len(rows)} 项："
    return answered(
        head + "\n" + listing, (), cites, ["部门整体绩效的长期目标有哪些？", "特定目标类项目支出占比多少？"]
    )


def _only_asking(words: str) -> bool:
    from assistant.query.subjects import _only_asking as asking  # (late: the query layer imports handlers)

    return asking(words)


def _probe(text: str) -> str | None:
    """'年度工作任务里包括数字政府建设吗' -> '数字政府建设'."""
    for word in ("包括", "包含", "有没有", "有"):
        if word in text:
            tail = text.split(word, 1)[1]
            for end in ("吗", "么", "没有", "?", "？", "这项", "这一项", "的工作", "工作"):
                tail = tail.split(end, 1)[0]
            tail = tail.strip(" 的了")
            if len(tail) >= 2 and not _only_asking(tail):  # 有哪些: a question word, not a task
                return tail
    return None


def projects(q: Question, params: dict, runner: Runner) -> Answer:
    rows = run(runner, "forms_perf_projects")
    if not rows:
        return not_found("部门整体绩效目标申报表没有填写项目支出情况。")
    hints = [e["name"] for e in params.get("entities", [])] + [e["alias"] for e in params.get("entities", [])]
    scored = best_rows(q.text, rows, "name", 75.0, hints)
    picked = [scored[0][1]] if scored else rows
    out, vals, cites = [], [], []
    for r in picked:
        out.append(
            f"{r['name']}在部门整体绩效表（{TABLE}）“项目支出情况”中：项目总预算 {money(r['total_budget'])}，"
            f"项目本年度预算 {money(r['year_budget'])}。"
        )
        if r.get("direction") and contains_any(q.text, ("方向", "用途", "用在", "干什么")):
            out.append(f"主要支出方向和用途：{r['direction']}。")
        for col, lab in (("total_budget", "项目总预算"), ("year_budget", "项目本年度预算")):
            if r[col] is not None:
                vals.append(value(r[col], document_unit(), f"{r['name']} {lab}"))
        if (
            r["total_budget"] is not None
            and r["year_budget"] is not None
            and r["total_budget"] != r["year_budget"]
        ):
            gap = abs(Decimal(str(r["total_budget"])) - Decimal(str(r["year_budget"])))
            out.append(f"两栏不一致（相差 {fmt_number(gap)} {document_unit()}），"
                       "请以预算11表项目支出预算表为准核对。")
        cites.append(safe_cite(runner, r["table_id"], f"项目支出情况 {r['name']}", r["line_no"]))
    if len(picked) > 1:
        out = [f"部门整体绩效表（{TABLE}）“项目支出情况”共 {len(rows)} 个项目："] + [
            f"{r['name']}：总预算 {money(r['total_budget'])}，本年度 {money(r['year_budget'])}；"
            for r in rows
        ]
        vals = vals[:16]
    return answered(
        "".join(out), vals, cites, [f"{picked[0]['name']}去年预算多少？", "部门的年度工作任务有哪些？"]
    )


def header(q: Question, runner: Runner, field: str | None = None) -> Answer:
    rows = run(runner, "forms_perf_header")
    words = ("填报人", "填报日期", "联系电话", "部门名称")
    want = field or next((w for w in words if w in q.text), "联系电话")
    if want == "联系电话" and "电话" not in q.text:
        want = "填报人"
    row = next((r for r in rows if r["field"] == want), None) or next(
        (r for r in rows if want in r["field"]), None)
    if row is None:
        return not_found(f"部门整体绩效目标申报表（{TABLE}）没有填写{want}。")
    # a year the field names (截止2035年) is stated as a figure, so it can be checked
    found = re.findall(r"(?:19|20)\d{2}(?=\s*年)", row["value"])
    years = [value(int(y), "年", str(row["field"])) for y in found]
    return answered(
        f"部门整体绩效目标申报表（{TABLE}）的{row['field']}：{row['value']}。",
        years if row["field"] == "长期目标期限" else (),
        [safe_cite(runner, row["table_id"], row["field"], row["line_no"])],
        ["部门的年度工作任务有哪些？"],
    )
