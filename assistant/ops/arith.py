"""Arithmetic over `Value`s: sum, difference, multiple, share, change, unit conversion.

Every operation returns the figure it states and the one-line working shown to the user, so the
composer never recomputes anything; units are made alike first (万元 and 元 never mix).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.query.model import Value

TO_YUAN = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


class OperationError(ValueError):
    """The values cannot be combined (a zero whole, units that do not convert)."""


def _d(x: float) -> Decimal:
    return Decimal(str(x))


def _round(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def fmt(x: float) -> str:
    """Figures as the tables print them (7,965.69); a converted figure keeps the digits the
    conversion gives (727.65 万元 = 0.072765 亿元), never rounded to another figure."""
    if abs(x - round(x, 2)) < 1e-9:
        return f"{x:,.2f}"
    return f"{x:,.6f}".rstrip("0")


def convert(v: Value, unit: str) -> Value:
    if v.unit == unit:
        return v
    if v.unit not in TO_YUAN or unit not in TO_YUAN:
        raise OperationError(f"cannot convert {v.unit} to {unit}")
    amount = _d(v.amount) * TO_YUAN[v.unit] / TO_YUAN[unit]
    exact = float(amount.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))
    return v.model_copy(update={"amount": exact, "unit": unit})


def at_worked_back_precision(a: Value, b: Value) -> tuple[Value, Value]:
    """A year worked back from the 说明's printed change is exact to the cent of the 说明's unit
    (12,659.76 万元): the other year is taken as the 说明 prints it too (37,151.47 万元), so their change
    is the printed one — never 244,917,055 元 for 24,491.71 万元. Both in that unit."""
    worked_back = next((v for v in (a, b) if v.derived), None)
    if worked_back is None or a.unit == b.unit:
        return a, b
    x, y = (convert(v, worked_back.unit) for v in (a, b))
    return (x.model_copy(update={"amount": _round(_d(x.amount))}),
            y.model_copy(update={"amount": _round(_d(y.amount))}))


def alike(values: list[Value]) -> list[Value]:
    """All values in the first value's unit."""
    return [convert(v, values[0].unit) for v in values] if values else []


def total(values: list[Value]) -> tuple[float, str]:
    vs = alike(values)
    s = sum((_d(v.amount) for v in vs), Decimal(0))
    return _round(s), " + ".join(fmt(v.amount) for v in vs) + f" = {fmt(_round(s))}"


def difference(a: Value, b: Value) -> tuple[float, str]:
    a, b = alike([a, b])
    d = _d(a.amount) - _d(b.amount)
    return _round(d), f"{fmt(a.amount)} − {fmt(b.amount)} = {fmt(_round(d))}"


def ratio(a: Value, b: Value) -> tuple[float, str]:
    a, b = alike([a, b])
    if not b.amount:
        raise OperationError("zero denominator")
    r = _d(a.amount) / _d(b.amount)
    return _round(r), f"{fmt(a.amount)} ÷ {fmt(b.amount)} ≈ {_round(r):.2f}"


def share(part: Value, whole: Value) -> tuple[float, str]:
    part, whole = alike([part, whole])
    if not whole.amount:
        raise OperationError("zero whole")
    p = _d(part.amount) / _d(whole.amount) * 100
    return _round(p), f"{fmt(part.amount)} ÷ {fmt(whole.amount)} × 100% ≈ {_round(p):.2f}%"


def rate(new: Value, old: Value) -> tuple[float, str] | None:
    new, old = alike([new, old])
    if not old.amount:
        return None
    r = (_d(new.amount) - _d(old.amount)) / _d(old.amount) * 100
    return _round(r), f"({fmt(new.amount)} − {fmt(old.amount)}) ÷ {fmt(old.amount)} × 100% ≈ {_round(r):.2f}%"
