"""Answers about the document's tables and its own arithmetic: the table list, what one table
is, a table printed empty ('国有资本经营预算有支出吗'), and the audit findings summarised.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    fuzzy_in,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.units import current_unit

AUDIT_SHOWN = 6  # findings listed in one answer; the rest are counted


def tables_list(runner: Runner) -> Answer:
    rows = [r for r in run(runner, "narr_tables") if "-" not in r["table_id"]]
    if not rows:
        return not_found("没有读到本文件的报表目录。")
    lines = []
    for r in rows:
        state = "" if r["present"] and r["has_rows"] else "（空表）" if r["present"] else "（未印出）"
        lines.append(f"{r['table_id']} {r['title']}{state}")
    empty = [r["table_id"] for r in rows if not r["has_rows"]]
    text = f"第二部分共公开 {len(rows)} 张预算表：\n" + "\n".join(lines)
    if empty:
        text += f"\n其中 {'、'.join(empty)} 没有数据行。"
    cites = [safe_cite(runner, r["table_id"], r["title"], r["line_start"]) for r in rows if r["line_start"]][
        :15
    ]
    return answered(text, (), cites, ["预算05表是什么？", "本部门由哪些单位组成？"])


def table_info(seq: int, runner: Runner) -> Answer:
    rows = [r for r in run(runner, "narr_tables") if r["seq"] == seq and "-" not in r["table_id"]]
    if not rows:
        return not_found(f"本文件没有第 {seq} 张预算表。")
    r = rows[0]
    state = "有数据" if r["has_rows"] else "为空表，没有数据行" if r["present"] else "目录列出但正文未印出"
    text = f"{r['table_id']}是“{r['title']}”，{state}"
    if r["unit"]:
        text += f"，金额单位为{r['unit']}"
    text += "。"
    if r["note"]:
        text += f"表注：{r['note']}"
    return answered(
        text,
        (),
        [safe_cite(runner, r["table_id"], r["title"], r["line_start"] or 1)],
        ["本部门公开了哪些预算表？"],
    )


def audit_summary(runner: Runner) -> Answer:
    rows = run(runner, "narr_audit")
    fails = [r for r in rows if r["status"] == "fail"]
    warns = [r for r in rows if r["status"] != "fail"]
    if not rows:
        return answered("数据核查未发现表内或表间不一致。", (), (), ["本部门公开了哪些预算表？"])
    # findings with two figures first: they are the ones a reader can check at a glance
    pool = sorted(fails or warns, key=lambda r: r["left_value"] is None or r["right_value"] is None)
    shown = pool[:AUDIT_SHOWN]
    kind = "处不一致" if fails else "处提示"
    out = [
        f"数据核查共发现 {len(fails or warns)} {kind}"
        + (f"（另有 {len(warns)} 处提示）" if fails and warns else "")
        + "，主要有："
    ]
    vals, cites = [], []
    for i, r in enumerate(shown, 1):
        out.append(f"{i}. {r['message']}")
        if r["left_value"] is not None and r["right_value"] is not None and len(vals) < 8:
            # narrative checks compare in the narrative's 万元; table checks in the tables' unit
            money_unit = "万元" if str(r["check_id"]).startswith("narrative") else current_unit()
            unit = "%" if contains_any(f"{r['message']}", ("率", "%")) else money_unit
            vals += [
                value(r["left_value"], unit, f"{r['left_table']} {r['left_label'] or ''}"),
                value(r["right_value"], unit, f"{r['right_table']} {r['right_label'] or ''}"),
            ]
        for side in ("left", "right"):
            if r[f"{side}_table"] and r[f"{side}_line"]:
                cites.append(
                    safe_cite(
                        runner, r[f"{side}_table"], r[f"{side}_label"] or r["check_id"], r[f"{side}_line"]
                    )
                )
    rest = len(pool) - len(shown)
    if rest > 0:
        out.append(f"另有 {rest} 处，详见“数据核查”页。")
    return answered("\n".join(out), vals, cites, ["去年总预算是多少？", "本部门公开了哪些预算表？"])


def empty_table(params: dict[str, Any], runner: Runner) -> Answer | None:
    """'国有资本经营预算有支出吗': a printed table without rows answers 'no', with its note."""
    text = params.get("text", "")
    best: tuple[float, Row] | None = None
    for t in run(runner, "narr_tables"):
        core = re.sub(r"^\d{4}\s*年|表$|[（(].*?[)）]", "", t["title"]).replace("支出", "")
        s = fuzzy_in(core, text)
        if best is None or s > best[0]:
            best = (s, t)
    if best is None or best[0] < 80:
        return None
    t = best[1]
    if t["has_rows"]:
        return None  # the table has figures: the table handlers answer the amount
    note = f"表注：{t['note']}" if t["note"] else ""
    state = "为空表，没有任何支出数据" if t["present"] else "在目录中列出但正文未印出"
    return answered(
        f"没有。{t['table_id']}“{t['title']}”{state}。{note}",
        (),
        [safe_cite(runner, t["table_id"], t["title"], t["line_start"] or 1)],
        ["本部门公开了哪些预算表？", "“三公”经费安排了多少？"],
    )
