"""The typed form a question is understood as (frozen; every later step reads it, never the text)."""


from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Citation

Op = Literal["value", "sum", "diff", "ratio", "share", "change", "except", "convert", "series", "fields",
             "threshold", "split", "shares", "each", "average", "percent", "most", "position",
             "code", "reverse", "table", "units", "usage", "count", "rank", "list", "total", "said",
             "unit_listed", "executed", "special", "agree", "explain"]


BACK_COMPUTED = "（倒推）"  # how an answer labels a figure worked back from a printed change


class Value(BaseModel):
    """One figure, whichever table or part of the document it came from."""

    model_config = ConfigDict(frozen=True)

    label: str
    amount: float
    unit: str
    year: int | None = None
    citations: tuple[Citation, ...] = ()
    # worked back from a printed change (2026 amount − its printed 增加), not printed itself: a rate
    # over it is the assistant's, and the document's own sentence answers the change
    derived: bool = False


class Subject(BaseModel):
    """A thing the question names: its words as typed and the span they cover."""

    model_config = ConfigDict(frozen=True)

    text: str
    span: tuple[int, int]
    label: str | None = None  # how the answer names it, when read by other words (预算03表项目支出)


class Query(BaseModel):
    """What is asked: an operation over subjects (or over the conversation's earlier results)."""

    model_config = ConfigDict(frozen=True)

    op: Op
    subjects: tuple[Subject, ...] = ()
    years: tuple[int, ...] = ()
    unit: str | None = None  # a unit the figure is asked in (换成元)
    rule: str  # the composition rule that produced it, for the trace
    from_context: bool = False  # the subjects are the conversation's earlier results
    consumed: tuple[tuple[int, int], ...] = Field(default_factory=tuple)
    given: tuple[Value, ...] = ()  # values taken from the conversation (follow-ups)
    bound: tuple[float, str, bool] | None = None  # threshold: (figure, above|below|equal, inclusive)
    also: tuple[Subject, ...] = ()  # except: further things left out (除了A和B，其他…)
    counted: bool = False  # threshold: the question asks how many lines (有几个), not which
    place: int | None = None  # list: the line at this place in the printed order (第二个项目; -1: the last)

LESS_THE_LAST = "（上文）去掉A"  # 去掉A呢: read only with a whole or a line just asked (plan/rest.py)
