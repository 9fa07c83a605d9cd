"""'基本支出和项目支出各是多少' / '人员经费、公用经费分别多少': several columns of the budget's
total line, each from the table that prints it (支出总表 for every fund, else the 一般公共预算
tables; see total_operand below). Only when no subject is named: '201 的基本支出和项目支出'
is a row's breakdown, answered by the table handlers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.models import Answer, Citation, Intent, Match, Question
from assistant.pipeline.base import Conversation, Runner, cite
from assistant.pipeline.intents.tables_common import knowledge, money, pick, value

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
        operands = [total_operand(runner, m, text) for m in intent.params["measures"]]
        if any(o is None for o in operands):
            return Answer(status="unanswerable", text="预算表的合计行没有这些栏目。")
        parts = [f"{o.label} {money(o.amount)}" for o in operands if o is not None]
        vals = [value(o.amount, o.label) for o in operands if o is not None and o.amount is not None]
        cites = [o.citation for o in operands if o is not None]
        body = "；".join(parts)
        return Answer(status="answered", text=f"{runner.year}年{body}。", values=vals, citations=cites)

TOTAL_TABLE = "预算05表"  # the table whose 合计 row carries every column of the 一般公共预算
WHOLE_TABLE = "预算03表"  # 支出总表: the whole budget (every fund) by 基本支出/项目支出
# Where neither prints the column (a layout whose 功能分类表 has no 人员经费 column), the 基本支出
# 经济分类表 does: its 合计 line carries 人员经费 and 公用经费.
BASIC_TABLE = "预算07表"

@dataclass
class Operand:
    label: str
    amount: Decimal | None
    citation: Citation
    parent_code: str | None = None
    kind: str = ""
    table_id: str = ""
    side: str | None = None


def total_operand(
    runner: Runner, measure: str | None, text: str = "", table_id: str | None = None, side: str | None = None
) -> Operand | None:
    """A column of a table's total line. Without a table named: the 支出总表 (every fund) where it
    has the column and the question does not narrow to 一般公共预算, else the 一般公共预算 table;
    a line of a 收支总表 side is measured against that side's total."""
    chosen = table_id is not None
    if table_id is None:
        whole = [] if "一般公共预算" in text else runner.run("li_totals", table_id=WHOLE_TABLE)
        if pick(whole, measure if measure not in (None, "合计") else "合计") is not None:
            table_id = WHOLE_TABLE
        else:
            table_id = TOTAL_TABLE
    rows = runner.run("li_totals", table_id=table_id)
    if side:
        rows = sorted((r for r in rows if r.get("side") == side), key=lambda r: r["level"] != "合计")
    row = pick(rows, measure)
    if row is None and not side and measure not in (None, "合计") and table_id == TOTAL_TABLE and not chosen:
        table_id = BASIC_TABLE
        row = pick([r for r in runner.run("li_totals", table_id=table_id) if r["level"] == "合计"], measure)
    if row is None:
        return None
    label = "总预算" if measure in (None, "合计") else measure
    if table_id == TOTAL_TABLE:  # 人员经费 is 一般公共预算 only; 项目支出 of every fund may differ
        whole = pick(runner.run("li_totals", table_id=WHOLE_TABLE), "合计" if label == "总预算" else measure)
        if whole is not None and whole["amount"] != row["amount"]:
            label = "一般公共预算支出合计" if label == "总预算" else f"一般公共预算{label}"
    elif side:
        label = f"{side}合计"
    return Operand(label, row["amount"], cite(runner, table_id, f"合计·{row['measure']}", row["line_no"]),
                   table_id=table_id)


__all__ = ["ColumnTotalsHandler"]
