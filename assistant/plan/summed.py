"""A share of a sum (A和B加起来占C多少): the parts added up, then their total over the whole — one
share, never a share for each. Each part is first planned as a share of the whole on its own, so
it must be shown to lie inside that whole exactly as for any share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.ops import arith
from assistant.plan.planned import Planned
from assistant.plan.whole import NotAPart
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

Plan = Callable[[Query, None, "Env"], Planned | None]


def summed_share(query: Query, env: Env, plan: Plan) -> Planned | None:
    """The parts (subjects[0] and also) over the whole (subjects[1])."""
    whole_said = query.subjects[1]
    parts, wholes = [], []
    for s in (query.subjects[0], *query.also):
        one = plan(Query(op="share", subjects=(s, whole_said), years=query.years, rule=query.rule), None, env)
        if one is None or len(one.parts) != 2:
            return None
        parts.append(one.parts[0].model_copy(update={"label": s.label or s.text}))  # as said
        wholes.append(one.parts[1])
    if len({round(w.amount, 6) for w in wholes}) > 1 or len({v.label for v in parts}) < len(parts):
        return None  # each part read against another whole, or two words read as one line
    total, added = arith.total(parts)
    whole = wholes[0]
    summed = parts[0].model_copy(update={"label": "、".join(v.label for v in parts) + "合计",
                                         "amount": total, "citations": ()})
    figure, working = arith.share(summed, whole)
    if figure > 100:
        raise NotAPart(f"“{summed.label}”比“{whole.label}”还大，不是它的一部分，无法按“占”计算比例。")
    return Planned(parts=(*parts, whole), result=figure, unit="%", working=f"{added}；{working}",
                   reading=f"{'、'.join(v.label for v in parts)}合计占{whole.label}的比例")
