"""The rank of one line among its siblings (行政运行排第几): the position and the figure.

Siblings are the lines under the same parent 科目 in the same table and column; a project
ranks among all projects (预算11表) and a procurement item among all items (预算12表).
Equal amounts share a rank, and the answer says how many lines were compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner, cite
from assistant.pipeline.intents.listing import KIND_TABLE, PROCUREMENT
from assistant.pipeline.intents.tables_common import (
    measure_of,
    money,
    row_label,
    rows_for,
    stash,
    table_matches,
    unstash,
    value,
)
from assistant.query.evidence import by_match

POSITION = re.compile(r"(?<!安)排(?:名|在|行)?(?:第)?几|第几(?:大|多|高|位|名)|排名(?:怎么样|如何|情况)|名次")
RANKED_KINDS = ("function", "economic", "project", "procurement")


def _subject(matches: Sequence[Match], q: Question) -> Match | None:
    ents = [m for m in table_matches(matches, q) if m.kind in RANKED_KINDS]
    ents += [m for m in matches if m.kind == "procurement"]
    return max(ents, key=lambda m: (m.score, len(m.alias))) if ents else None


def _siblings(m: Match, measure: str, runner: Runner) -> tuple[str, list[Row], str]:
    if m.kind == "procurement":
        rows = [{**r, "name": r["item_name"]} for r in runner.run("proc_rows") if r["level"] == "品目"]
        return PROCUREMENT, rows, "全部政府采购品目"
    if m.kind == "project":
        return "预算11表", runner.run("li_set", table_id="预算11表", code_kind="project",
                                      measure="合计"), "全部项目"
    table_id, own = rows_for(runner, m, (KIND_TABLE[m.kind],))
    row = next((r for r in own if r["measure"] == measure), own[0] if own else None)
    if row is None:
        return table_id, [], ""
    parent = row.get("parent_code")
    if parent:
        rows = runner.run("li_children", table_id=table_id, parent_code=parent, measure=measure)
        up = runner.run("li_by_code", table_id=table_id, code=parent)
        named = f"{parent} {up[0]['name']}" if up else parent
        return table_id, rows, f"“{named}”下的{row['level']}级科目"
    rows = [r for r in runner.run("li_set", table_id=table_id, code_kind=m.kind, measure=measure)
            if r["level"] == row["level"]]
    return table_id, rows, f"全部{row['level']}级科目"


class PositionHandler:
    name = "position"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if not POSITION.search(q.text):
            return None
        m = _subject(matches, q)
        if m is None:
            return None
        return Intent(name="position", params={**stash([m]), "measure": measure_of(q, matches=[m])},
                      evidence=by_match("certain", m.score))

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        m = unstash(intent.params)[0]
        measure = intent.params.get("measure") or "合计"
        table_id, rows, scope = _siblings(m, measure, runner)
        rows = [r for r in rows if r.get("amount") is not None]
        own = next((r for r in rows if (m.code and r.get("code") == m.code) or r.get("name") == m.name), None)
        if own is None:
            return Answer(status="unanswerable", text=f"没有找到可以与“{m.name}”比较排序的同级项目。")
        amount = float(own["amount"])
        rank = 1 + sum(1 for r in rows if float(r["amount"]) > amount)
        ties = sum(1 for r in rows if float(r["amount"]) == amount) - 1
        tie = f"（与另外{ties}项并列）" if ties else ""
        label = own["item_name"] if table_id == PROCUREMENT else row_label(own)
        return Answer(
            status="answered",
            text=(f"“{label}”{money(own['amount'])}，在{scope}（共{len(rows)}项）中"
                  f"按金额从大到小排第{rank}位{tie}（{table_id}，第{own['line_no']}行）。"),
            values=[value(own["amount"], m.name), value(rank, f"{m.name}排名", "位")],
            citations=[cite(runner, table_id, label, own["line_no"])],
        )
