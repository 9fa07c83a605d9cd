"""The answer to a question about a figure in a 支出明细 line's 测算依据 (see forms_basis).

Every fitting span is stated with its clause quoted; when none fits, the answer says the text
does not state it and quotes the text — never the line's budget amount in its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import Answer, Citation, Value
from assistant.pipeline.base import Row
from assistant.pipeline.intents.forms_basis import Span, party_name, pick
from assistant.pipeline.intents.forms_common import answered, money, value

FIGURE_KINDS = ("contract", "count", "rate", "party")
WHAT = {"contract": "合同金额", "count": "数量", "rate": "单项奖励（补助）标准"}
MAX_SPANS = 6


def _what(kind: str, question: str) -> str:
    if kind == "party":
        return f"给{party_name(question) or '该单位'}的金额"
    return WHAT[kind]


def _values(s: Span, content: str, what: str) -> list[Value]:
    label = f"{content} 测算依据所列{what}"
    out = [value(s.value, s.unit, label)]
    if s.upper is not None:
        out.append(value(s.upper, s.unit, f"{label}（上限）"))
    return out


def basis_figures(
    row: Row, kind: str, question: str, cites: Sequence[Citation | None], tips: Sequence[str]
) -> Answer:
    basis = (row.get("basis") or "").strip()
    label = f"{row['content']}（{row['table_id']}）"
    what = _what(kind, question)
    found = pick(kind, basis, question)
    if not found:
        # the text does not say: the budget amount is no substitute for the figure asked
        text = (
            f"{label}的测算依据没有写明{what}（该项预算 {money(row.get('amount'))}）。"
            f"测算依据原文：{basis or '（未填写）'}"
        )
        return answered(text, (), cites, tips)
    vals = [v for s in found[:MAX_SPANS] for v in _values(s, row["content"], what)]
    if len(found) == 1:
        s = found[0]
        text = f"按测算依据，{label}的{what}为 {s.said()}（原文：“{s.clause}”）。"
    else:
        listed = "；".join(f"{i}. {s.said()}（“{s.clause}”）" for i, s in enumerate(found[:MAX_SPANS], 1))
        text = f"{label}的测算依据中有 {len(found)} 处{what}：{listed}。"
    return answered(text, vals, cites, tips)


__all__ = ["FIGURE_KINDS", "basis_figures"]
