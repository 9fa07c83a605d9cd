"""'基本支出和项目支出各是多少' / '人员经费、公用经费分别多少': several columns of the budget's
total line, each from the table that prints it (支出总表 for every fund, else the 一般公共预算
tables; see arithmetic._total_operand). Only when no subject is named: '201 的基本支出和项目支出'
is a row's breakdown, answered by the table handlers.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Runner
from assistant.pipeline.intents.arithmetic import _total_operand
from assistant.pipeline.intents.tables_common import knowledge, money, value

INTENT = "column_totals"
EACH = ("各", "分别", "各自")
NOT_HERE = (
    "占",
    "比例",
    "比重",
    "哪个",
    "差",
    "多多少",
    "少多少",
    "加起来",
    "之和",
    "变化",
    "增加",
    "减少",
    "比上年",
)
SUBJECT_KINDS = ("function", "economic", "project", "unit", "procurement", "detail")


def _measures(text: str) -> list[str]:
    """Columns the question names, in the order it names them (人员支出 → 人员经费)."""
    k = knowledge()
    found: dict[str, int] = {}
    for word in sorted(k.measures, key=len, reverse=True):
        at = text.find(word)
        if at >= 0 and not any(at >= a and at < a + n for a, n in found.values()):
            found.setdefault(k.measures[word], (at, len(word)))  # type: ignore[arg-type]
    return [m for m, _ in sorted(found.items(), key=lambda kv: kv[1])]


class ColumnTotalsHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        text = q.text
        measures = _measures(text)
        if len(measures) < 2 or not any(w in text for w in EACH) or any(w in text for w in NOT_HERE):
            return None
        names = set(knowledge().measures) | set(measures)
        if any(m.kind in SUBJECT_KINDS and m.name not in names and m.alias not in names for m in matches):
            return None
        return Intent(name=INTENT, params={"measures": measures, "text": text}, evidence="named")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        text = str(intent.params.get("text") or "")
        operands = [_total_operand(runner, m, text) for m in intent.params["measures"]]
        if any(o is None for o in operands):
            return Answer(status="unanswerable", text="预算表的合计行没有这些栏目。")
        parts = [f"{o.label} {money(o.amount)}" for o in operands if o is not None]
        vals = [value(o.amount, o.label) for o in operands if o is not None and o.amount is not None]
        cites = [o.citation for o in operands if o is not None]
        body = "；".join(parts)
        return Answer(status="answered", text=f"{runner.year}年{body}。", values=vals, citations=cites)


__all__ = ["ColumnTotalsHandler"]
