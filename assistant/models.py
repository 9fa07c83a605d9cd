"""Objects passed between pipeline steps and returned to callers (CLI, app, tests).

`Answer` is the machine-readable contract: `model_dump(mode="json", exclude={"trace"})` is what
`ask --json` and `batch` print.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["answered", "clarify", "unanswerable"]


class Question(BaseModel):
    """A user question after normalisation."""

    model_config = ConfigDict(frozen=True)

    raw: str
    text: str  # normalised: simplified, half-width, numerals converted, filler removed
    years: tuple[int, ...] = ()  # explicit or resolved time words (今年 -> document year)
    numbers: tuple[float, ...] = ()  # figures the user typed (for reverse look-ups)
    codes: tuple[str, ...] = ()  # digit strings that look like subject/economic codes
    unit_request: str | None = None  # 元 | 万元 | 亿元 when the user asks for a unit


class Match(BaseModel):
    """One entity the question mentions, found by the matcher."""

    model_config = ConfigDict(frozen=True)

    entity_id: str
    # function | economic | unit | project | procurement | detail | indicator | term | summary | narrative
    kind: str
    name: str  # canonical name
    code: str | None = None
    alias: str  # the alias that matched
    score: float  # 0..100
    span: tuple[int, int] | None = None  # where in Question.text


class Intent(BaseModel):
    """What the user wants, with the parameters the templates need."""

    model_config = ConfigDict(frozen=True)

    # amount | breakdown | share | compare | sum | ranking | count | yoy | field | indicator | …
    name: str
    params: dict[str, Any] = Field(default_factory=dict)
    # the kind of evidence the reading has in the question: a level of knowledge/readings.toml
    # (certain … last_resort), compared by its declared order, never as a number
    evidence: str = "named"


class Value(BaseModel):
    value: float
    unit: str  # 万元 | % | 次 | 家 | 台 …
    label: str


class Citation(BaseModel):
    table: str  # 预算01表 … 预算15表-N | 第一部分 | 第三部分 | 第四部分 | 第五部分
    title: str
    row: str
    line: int
    page: int | None = None  # PDF page of the line (sources ingested from a PDF)


class Candidate(BaseModel):
    """One option of a clarifying question; `question` is what to ask when it is picked."""

    label: str
    question: str


class TableData(BaseModel):
    """Rows behind a breakdown/ranking/list answer, for a chart and a table in the app."""

    columns: list[str]
    rows: list[list[Any]]
    chart: bool = False  # a bar chart makes sense (label column + numeric column)


class StepTrace(BaseModel):
    step: str
    ms: float
    detail: Any = None


class Trace(BaseModel):
    """The pipeline laid open (training mode)."""

    normalised: str = ""
    matches: list[Match] = Field(default_factory=list)
    intent: Intent | None = None
    rows: int = 0
    steps: list[StepTrace] = Field(default_factory=list)


class Answer(BaseModel):
    id: str | None = None
    status: Status
    text: str
    values: list[Value] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    sql: list[str] = Field(default_factory=list)
    candidates: list[Candidate] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    table: TableData | None = None
    trace: Trace | None = None
    # how many leading `values` are the answer's own result (a composed answer: the difference and
    # its rate before the figures it was computed from) — for the layout, not part of the contract
    lead: int = 0

    def contract(self) -> dict[str, Any]:
        """The JSON object of the batch/ask contract."""
        out = self.model_dump(mode="json", exclude={"trace", "table", "lead"})
        for c in out.get("citations", []):  # `page` only where the source is a PDF
            if c.get("page") is None:
                c.pop("page", None)
        return out
