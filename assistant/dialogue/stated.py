"""What an earlier answer stated, read back as typed values for a follow-up that computes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.models import Citation
from assistant.pipeline.units import convert
from assistant.query.model import Value

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn

MONEY = frozenset({"万元", "元", "亿元"})
CONVERTED_MAX = 8  # figures an answer may state and still be said again in another unit, each
SAME_SUM = 0.5  # 元: two figures in different units that are one sum printed twice


def value(r: dict[str, Any]) -> Value:
    return Value(label=str(r["label"]), amount=float(r["amount"]), unit=str(r["unit"]),
                 year=r.get("year"), citations=tuple(Citation(**c) for c in r.get("citations", [])))


def single(turn: Turn) -> Value | None:
    """The one figure an answer stated (a line's figure with one fund's part of it counts as one)."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if len(money) == 2 == len(turn.results) and _same_sum(money[0], money[1]):
        return value(money[0])  # 1.35 万元, which a table in 元 prints as 13,500: one figure said twice
    first, part = [*money, None, None][:2]
    if len(money) == 2 and len(turn.results) == 2 and str(part["label"]).startswith(str(first["label"])) \
            and float(part["amount"]) <= float(first["amount"]):
        return value(money[0])  # every fund, then 其中 one fund's part: the line's figure is the first
    return value(money[0]) if len(money) == 1 and len(turn.results) == 1 else None


def result(turn: Turn) -> Value | None:
    """The one money figure a composed answer gave as its result (涨了多少 → 7.02 万元, beside its
    rate and the two figures it was worked from), or None."""
    lead = [r for r in turn.results if r.get("lead") is True]
    if len(lead) == len(turn.results):
        return None  # no parts beside it: not a composed answer
    money = [r for r in lead if r["unit"] in MONEY]
    return value(money[0]) if len(money) == 1 else None


def all_money(turn: Turn) -> tuple[Value, ...]:
    """Every figure an answer stated, when all are money (a share or a count is no unit's)."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if not 2 <= len(money) <= CONVERTED_MAX or len(money) != len(turn.results):
        return ()
    return tuple(value(r) for r in money)


def _same_sum(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["unit"] != b["unit"] and abs(convert(float(a["amount"]), a["unit"], "元")
                                          - convert(float(b["amount"]), b["unit"], "元")) < SAME_SUM
