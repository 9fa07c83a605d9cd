"""Rank: the lines at a position of an ordering, with the lines tied with them.

印刷费, 水费, 电费 and 邮电费 are all 0.50 万元: "the smallest" is each of them, and naming one
would state a fact the document does not hold. So a pick is widened to every line whose amount
equals that of the last line picked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

Row = dict[str, Any]
TIED = "（金额相同，并列列出）"
# 第2季度, 第3个月, 第1批: an ordinal of a period or a batch, never a place in a ranking
PERIOD = re.compile(r"第\d+(?:季度|季|个月|月|年|期|批|部分|次)")


def ordered(rows: Sequence[Row], descending: bool) -> list[Row]:
    return sorted(rows, key=lambda r: float(r["amount"]), reverse=descending)


def pick(rows: Sequence[Row], position: int, count: int) -> tuple[list[Row], bool]:
    """rows[position-1 : position-1+count] of an ordered list, plus the rows tied with its last;
    True when ties were added."""
    picked = list(rows[position - 1: position - 1 + count])
    if not picked:
        return picked, False
    edge = float(picked[-1]["amount"])
    tied = [r for r in rows[position - 1 + count:] if float(r["amount"]) == edge]
    before = position > 1 and float(rows[position - 2]["amount"]) == float(picked[0]["amount"])
    return picked + tied, bool(tied) or before


def total(picked: Sequence[Row], asked: bool, show: Callable[[float], str]) -> tuple[str, float] | None:
    """前三个项目加起来: the picked lines' sum, said with its working (each figure as `show` prints
    it, in the rows' own unit), when the question asks it."""
    if not asked or len(picked) < 2:
        return None
    amounts = [Decimal(str(r["amount"])) for r in picked]
    figure = float(sum(amounts, Decimal(0)))
    return f"；合计 {' + '.join(f'{a:,.2f}' for a in amounts)} = {show(figure)}", figure
