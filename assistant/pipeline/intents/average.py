"""Averages over a set of lines (项目支出平均每个项目多少): the mean, with both operands stated.

The one wrong answer to avoid is the total stated as if it were the mean, so an average
question is answered here or declined (steps.respond lets no other handler answer it).
Per-person figures (人均) need a head count the tables do not tie to the amounts: declined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Runner, cite
from assistant.pipeline.intents.listing import PROCUREMENT, _scope
from assistant.pipeline.intents.tables_common import measure_of, money, row_label, stash, unstash, value

AVERAGE = re.compile(r"平均|均值|均摊")
PER_PERSON = re.compile(r"人均|每人|每个人|平均每名|平均每位")


def average_asked(q: Question, matches: Sequence[Match]) -> bool:
    """平均 asked, and not as part of a matched name (an indicator 平均响应时间)."""
    return bool(AVERAGE.search(q.text) or PER_PERSON.search(q.text)) and not any(
        AVERAGE.search(m.alias) or PER_PERSON.search(m.alias) for m in matches if m.score >= 90)


class AverageHandler:
    name = "average"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if not average_asked(q, matches):
            return None
        return Intent(name="average", params={**stash(list(matches)), "measure": measure_of(q)},
                      evidence="certain")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        if PER_PERSON.search(q.text):
            return Answer(status="unanswerable", text=(
                "抱歉，预算表没有按人列示金额，也没有与各项经费对应的人数，不能算出人均数；"
                "可以问某一项的金额，或某一类有几项。"))
        measure = intent.params.get("measure") or "合计"
        table_id, rows, scope = _scope(q, unstash(intent.params), runner, measure)
        rows = [r for r in rows if r.get("amount") is not None]
        if not rows:
            return Answer(status="unanswerable", text=(
                "抱歉，没有明白要平均的是哪一组数（例如“平均每个项目多少”“经济科目平均每款多少”），"
                "因此不给出数字，以免把合计当作平均数。"))
        total = sum((Decimal(str(r["amount"])) for r in rows), Decimal(0))
        mean = (total / len(rows)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        name = (lambda r: r["item_name"]) if table_id == PROCUREMENT else row_label
        listing = "；".join(f"{name(r)} {money(r['amount'])}" for r in rows)
        return Answer(
            status="answered",
            text=(f"{scope}（{table_id}）共 {len(rows)} 项，合计 {money(total)}，"
                  f"平均每项 {money(total)} ÷ {len(rows)} ≈ {money(mean)}。各项为：{listing}。"),
            values=[value(mean, f"{scope}平均每项"), value(total, f"{scope}合计"),
                    value(len(rows), f"{scope}项数", "个")],
            citations=[cite(runner, table_id, name(r), r["line_no"]) for r in rows],
        )
