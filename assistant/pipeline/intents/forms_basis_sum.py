"""Whether a 测算依据 that announces a sum (预计/合计/包括 …) can reach the line's amount; the
detail answer states the budgeted amount either way and says when the text disagrees.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from assistant.pipeline.intents.forms_common import contains_any

# '20 万元' but not '5 万元/家' (a rate) nor '单个项目预计 2.5 万元' (a unit figure)
AMOUNT_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:万元|万(?!元))(?!\s*[/／每])")
UNIT_WORDS = ("单个", "每个", "每家", "每年", "每人", "单价", "最高", "分别")
AGGREGATE_WORDS = ("预计", "合计", "共计", "总计", "其中包括", "包括")


def basis_mismatch(basis: str, amount: Decimal | float | None) -> list[Decimal] | None:
    """The figures of an explanation that claims to add up but cannot reach the amount.

    Unit figures (单个/每家/最高 …, or 'N 万元/家') are skipped. Only texts that announce an
    aggregate (预计/合计/包括 …) are judged, and only when no subset of their figures makes the
    amount — so a standard followed by its totals ('奖励10万元 … 预计120万元；60万元') passes.
    """
    if amount is None or not basis or not contains_any(basis, AGGREGATE_WORDS):
        return None
    target = Decimal(str(amount))
    figures: list[Decimal] = []
    for m in AMOUNT_RE.finditer(basis):
        before = basis[max(0, m.start() - 6) : m.start()]
        if contains_any(before, UNIT_WORDS):
            continue
        figures.append(Decimal(m.group(1)))
    if len(figures) < 2 or len(figures) > 14:
        return None
    for size in range(1, len(figures) + 1):
        for combo in combinations(figures, size):
            if abs(sum(combo, Decimal(0)) - target) <= Decimal("0.005"):
                return None
    return figures


__all__ = ["basis_mismatch"]
