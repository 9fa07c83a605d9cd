"""All intent handlers, in one ordered tuple: within one evidence level, readings are judged in
this order (the more specific first).

Each handler's `detect` names the kind of evidence its reading has in the question — a level of
knowledge/readings.toml (certain, strong, named, likely, plausible, weak, last_resort), never a
number; query/choose.py judges readings level by level and keeps the first complete one.
"""

from __future__ import annotations

from assistant.pipeline.base import Handler
from assistant.pipeline.intents import forms, narrative
from assistant.pipeline.intents.amount import AmountHandler
from assistant.pipeline.intents.procurement import ProcurementHandler

TABLE_HANDLERS: tuple[Handler, ...] = (
    AmountHandler(),
    ProcurementHandler(),
)

HANDLERS: tuple[Handler, ...] = TABLE_HANDLERS + tuple(forms.HANDLERS) + tuple(narrative.HANDLERS)

__all__ = ["HANDLERS", "TABLE_HANDLERS"]
