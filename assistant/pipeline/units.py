"""The money unit figures are stated in: the unit of the rows the answer was read from.

The seed prints every table in 万元, so handlers long assumed it; a shanghai-9 document prints its
tables in 元 and its narrative and “三公” table in 万元. Every `line_items`/`narrative_facts` row
carries its `unit`: the runner notes the unit of the rows each query returns (when they agree)
and `money()`/`value()` state figures in it, so a figure is never labelled with another unit.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from typing import Any

FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
DEFAULT_UNIT = "万元"

_CURRENT: ContextVar[str] = ContextVar("money_unit", default=DEFAULT_UNIT)
# the unit the document's tables declare (元 in a Shanghai document): a form's cells carry no unit of
# their own, so they are stated in it — never in the unit a previous query happened to note
_DOCUMENT: ContextVar[str] = ContextVar("document_unit", default=DEFAULT_UNIT)


def current_unit() -> str:
    return _CURRENT.get()


def document_unit() -> str:
    return _DOCUMENT.get()


def set_unit(unit: str | None) -> None:
    """The document's unit, set when a runner is made for a question."""
    if unit in FACTORS:
        _CURRENT.set(unit)
        _DOCUMENT.set(unit)


def note_rows(rows: list[dict[str, Any]]) -> None:
    """Rows read from a table with one money unit set the unit the next figures are stated in."""
    units = {r.get("unit") for r in rows if r.get("unit") in FACTORS}
    if len(units) == 1:
        _CURRENT.set(units.pop())


def convert(amount: Decimal | float, unit: str, to: str) -> float:
    return float(Decimal(str(amount)) * FACTORS[unit] / FACTORS[to])
