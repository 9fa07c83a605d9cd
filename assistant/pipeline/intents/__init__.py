"""All intent handlers, in one ordered tuple (order only breaks ties of equal confidence).

Confidence scale shared by every handler: ~0.9 the question names something of the handler's
own kind *and* uses its keywords; ~0.8 an entity of its kind alone; 0.4-0.6 plausible but
another handler is likely better; below 0.3 the intent step ignores it.
"""

from __future__ import annotations

from assistant.pipeline.base import Handler
from assistant.pipeline.intents import forms, narrative
from assistant.pipeline.intents.amount import AmountHandler, TotalHandler
from assistant.pipeline.intents.arithmetic import CompareSumHandler, ShareHandler
from assistant.pipeline.intents.average import AverageHandler
from assistant.pipeline.intents.column_totals import ColumnTotalsHandler
from assistant.pipeline.intents.listing import BreakdownHandler, CountHandler, RankingHandler
from assistant.pipeline.intents.lookup import CodeMeaningHandler, EmptyTableHandler, ReverseHandler
from assistant.pipeline.intents.position import PositionHandler
from assistant.pipeline.intents.procurement import ProcurementHandler
from assistant.pipeline.intents.usage import UsageHandler

TABLE_HANDLERS: tuple[Handler, ...] = (
    AmountHandler(),
    TotalHandler(),
    ShareHandler(),
    CompareSumHandler(),
    BreakdownHandler(),
    RankingHandler(),
    CountHandler(),
    ProcurementHandler(),
    EmptyTableHandler(),
    CodeMeaningHandler(),
    ReverseHandler(),
    UsageHandler(),
    AverageHandler(),
    PositionHandler(),
    ColumnTotalsHandler(),
)

HANDLERS: tuple[Handler, ...] = TABLE_HANDLERS + tuple(forms.HANDLERS) + tuple(narrative.HANDLERS)

__all__ = ["HANDLERS", "TABLE_HANDLERS"]
