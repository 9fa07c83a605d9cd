"""The breakdown reading: 分哪几款 / 包括哪些 / 收入包括哪些 — the lines of one set, each with its
figure; the rows also fill Answer.table for a chart. (Counts and rankings are rules of the
understanding step: query/count.py, query/ranking.py.)"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Runner, cite
from assistant.pipeline.intents.narrowed import set_of, undivided
from assistant.pipeline.intents.tables_common import (
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
from assistant.plan.sets import (
    PROCUREMENT,
    chart_table,
    level_of,
    parent_line,
    scope_of,
    set_rows,
)


class BreakdownHandler:
    name = "breakdown"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not k.has("breakdown", q.text) or (k.has("count", q.text) and "哪" not in q.text):
            return None
        parent = parent_line(q, matches)
        evidence = "named" if parent is not None or set_of(q) or k.has("procurement", q.text) else None
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
        economic = (set_of(q) or ("", "economic"))[1] == "economic"
        if measure == "基本支出" and parent_line(q, matches) is None and economic:
            table_id, scope = "预算07表", "基本支出"  # 基本支出(按经济分类)有哪些: 预算07表
            rows = set_rows(runner, table_id, "economic", "合计", level_of(q) or "类")
        else:
            table_id, rows, scope = scope_of(q, matches, runner, measure)
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
            table=chart_table(rows),
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
                  table=chart_table(filled))
