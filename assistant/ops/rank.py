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


def place(amounts: Sequence[float], own: float) -> tuple[int, int]:
    """(the place of `own` among `amounts`, largest first, 1-based; how many others share it)."""
    return 1 + sum(1 for a in amounts if a > own), sum(1 for a in amounts if a == own) - 1


def total(picked: Sequence[Row], asked: bool, show: Callable[[float], str]) -> tuple[str, float] | None:
    """前三个项目加起来: the picked lines' sum, said with its working (each figure as `show` prints
    it, in the rows' own unit), when the question asks it."""
    if not asked or len(picked) < 2:
        return None
    amounts = [Decimal(str(r["amount"])) for r in picked]
    figure = float(sum(amounts, Decimal(0)))
    return f"；合计 {' + '.join(f'{a:,.2f}' for a in amounts)} = {show(figure)}", figure


SAID_N = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def ordinal(text: str) -> tuple[int, bool, int]:
    """(position, descending, how many): 第2大 -> (2, True, 1); 最少 -> (1, False, 1); 前3 -> (1, True, 3)."""
    from assistant.pipeline.intents.tables_common import knowledge

    k = knowledge()
    ascending = k.has("ranking_min", text) or k.has("ranking_up", text)
    if k.has("ranking", text) and not re.search(r"前\d|第\d|最", text) and k.has("ranking_whole", text):
        return 1, not ascending, 99  # 项目支出排名 / 从高到低排一下: the whole list, ordered
    m = re.search(r"(?:倒数前?|(?<![以之])后|最后)(\d+)(?:个|项|笔|名|位|类|款|条)?", text)
    if m and int(m.group(1)) > 0:  # 倒数三个 / 后3名: the smallest N, counted from the bottom
        return 1, False, int(m.group(1))
    m = re.search(r"前(\d+)", text) or re.search(
        r"(?:最|排名靠前|排在前面)[大多高少小低贵]?的?(\d+)(?:个|项|笔|名|类|款|条)", text) or re.search(
        r"(\d+)(?:个|项|笔|名|类|款|条)(?:金额|预算|经费|支出)?最[大多高少小低贵]", text) or re.search(
        r"哪(\d+|[两二三四五六七八九])(?:个|项|笔|名|类|款|条)", text)  # 哪三类最多: the top three
    n = int(SAID_N.get(m.group(1), m.group(1))) if m else 0  # 哪三类 keeps its numeral (哪一项 is one)
    if n > 0:
        return 1, not k.has("ranking_min", text), n
    m = re.search(r"(倒数)?第(\d+)(大|多|高|小|少|低)?", text)
    top = re.search(r"最[大多高少小低贵]", text)
    if m and top and not m.group(1) and int(m.group(2)) > 1 and top.start() < m.start():
        # 哪项最多？第二呢: the first place and the second were both asked — the top N, so no
        # place asked goes unanswered
        return 1, not k.has("ranking_min", text), int(m.group(2))
    if m:  # 倒数第2 counts from the other end: the second smallest (倒数第2小: the second largest)
        return int(m.group(2)), ((m.group(3) or "大") in "大多高") != bool(m.group(1)), 1
    return 1, not k.has("ranking_min", text), 1


# 第二项明细 / 第3条: a place in the list as printed; 第二大 / 第2多 / 最…第二 rank by amount instead
LISTED = re.compile(r"第(\d+)(?:项|条|笔|行)(?![大多高少小低贵])")
BY_AMOUNT = re.compile(r"最|[大多高少小低]的?第|排|倒数|从[高大低小]到|由[高大低小]到")


def positional(text: str) -> int | None:
    """The place asked in a list as the document prints it (第2项明细), or None when the question
    ranks by amount or names no such place."""
    m = LISTED.search(PERIOD.sub("", text))
    if m is None or BY_AMOUNT.search(text) or int(m.group(1)) < 1:
        return None
    return int(m.group(1))
