"""The operations answered whole by their own module (a table of op → answer function, as
datasette's canned queries are a table): the understanding step runs the one its query names, and
a None answer leaves the question to the rules after it and to the readings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.query.agree_answer import agree_answer
from assistant.query.breakdown import breakdown_answer
from assistant.query.code import code_answer
from assistant.query.compose import fields_answer, threshold_answer
from assistant.query.count import count_answer
from assistant.query.executed import executed_answer
from assistant.query.explain import explain_answer
from assistant.query.organisation import said_answer, unit_listed_answer
from assistant.query.position import position_answer
from assistant.query.ranking import ranking_answer
from assistant.query.reverse import reverse_answer
from assistant.query.special_parts import special_part_answer
from assistant.query.table import table_answer
from assistant.query.total import total_answer
from assistant.query.units_count import units_count_answer
from assistant.query.usage import usage_answer

if TYPE_CHECKING:
    from assistant.models import Answer
    from assistant.pipeline.steps import Env
    from assistant.query.model import Query

ANSWERED_APART: dict[str, Callable[[Query, Env], Answer | None]] = {
    "fields": fields_answer, "threshold": threshold_answer, "position": position_answer,
    "code": code_answer, "reverse": reverse_answer, "table": table_answer,
    "units": units_count_answer, "usage": usage_answer, "count": count_answer,
    "rank": ranking_answer, "list": breakdown_answer, "total": total_answer,
    "said": said_answer, "unit_listed": unit_listed_answer, "executed": executed_answer,
    "special": special_part_answer, "agree": agree_answer, "explain": explain_answer,
}

__all__ = ["ANSWERED_APART"]
