"""The contract between pipeline steps and intent handlers.

A handler owns one family of intents. It never writes SQL: it asks the `Runner` to execute a
named template (see `templates/*.toml`) with bound parameters, and turns the rows into an
`Answer`. `pipeline.intents.HANDLERS` lists them; the intent step asks each to `detect` and keeps
the most confident.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Protocol

from pydantic import BaseModel, Field

from assistant import fmt
from assistant.models import Answer, Citation, Intent, Match, Question
from assistant.query.model import Query

Row = dict[str, Any]

# The budget year of the document being asked about, set by the service for each question, so a
# handler's `detect` (which sees no Runner) can tell 今年 from other years.
DOCUMENT_YEAR: ContextVar[int | None] = ContextVar("DOCUMENT_YEAR", default=None)


class Turn(BaseModel):
    """What a follow-up may refer back to."""

    question: str
    intent: Intent | None = None
    entities: list[Match] = Field(default_factory=list)  # what the answer was about
    items: list[str] = Field(default_factory=list)  # ordered labels of a list answer (第二个呢)
    years: list[int] = Field(default_factory=list)
    status: str = "answered"
    # a clarify turn's options (label, question to ask when picked), for the follow-up
    options: list[tuple[str, str]] = Field(default_factory=list)
    # the figures the answer stated (label, amount, unit, year, citations), for follow-ups that
    # compute over them (涨了多少, 这两项加起来, 换成元)
    results: list[dict[str, Any]] = Field(default_factory=list)
    # the unit the user asked figures in (换成万元, 多少万元): kept by a follow-up that names none
    unit: str | None = None
    # the query a rule of the understanding step answered it with (None: a reading answered)
    query: Query | None = None


class Conversation(BaseModel):
    """Conversation state; a plain model so the app can keep it in st.session_state."""

    turns: list[Turn] = Field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def last_answered(self) -> Turn | None:
        for turn in reversed(self.turns):
            if turn.status == "answered" and turn.entities:
                return turn
        return None


class Runner(Protocol):
    """Executes named templates for a handler (guarded, read-only, row-capped, traced)."""

    doc_id: str
    year: int  # the document's budget year: 今年 = year, 去年 = year - 1

    def run(self, template: str, **params: Any) -> list[Row]: ...

    def title(self, table_id: str) -> str: ...


class Handler(Protocol):
    name: str

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        """Return an Intent (with confidence 0..1) when this handler can answer, else None."""

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer: ...


def to_float(value: Decimal | float | int | None) -> float | None:
    return None if value is None else float(value)


def fmt_amount(value: Decimal | float | int | None) -> str:
    """Money as the document prints it: thousands separators, two decimals (7,965.69)."""
    return fmt.amount(value)


def fmt_number(value: Decimal | float | int) -> str:
    """Counts and percentages without trailing zeros (25.01, 6, 95)."""
    return fmt.number(value)


def cite(runner: Runner, table_id: str, row: str, line: int) -> Citation:
    page = getattr(runner, "page", None)
    return Citation(table=table_id, title=runner.title(table_id), row=row, line=int(line),
                    page=page(int(line)) if page is not None else None)
