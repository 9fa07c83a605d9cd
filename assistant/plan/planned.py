"""What a composed query's plan hands the composer: the figures, the result, the working."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assistant.query.model import Value


class Planned(BaseModel):
    model_config = ConfigDict(frozen=True)

    parts: tuple[Value, ...]  # the figures the result is computed from, each cited
    result: float | None  # None for a series: its figures are the parts
    unit: str
    working: str
    reading: str  # how the question was understood, in the user's words
    extra: tuple[tuple[str, float, str, str], ...] = ()  # further results (label, figure, unit, working)
