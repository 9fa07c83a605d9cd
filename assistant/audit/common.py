"""What every audit check shares: figures with provenance, the comparison rule, the message."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import duckdb

# Figures are printed to 0.01 万元; a difference up to this is the rounding tail the documents
# themselves warn about ("四舍五入可能存在尾差"): recorded as warn, anything larger is a fail.
SUM_TOLERANCE = Decimal("0.01")
# Below this two printed figures are equal (Decimal arithmetic; guards float-origin values).
EXACT = Decimal("0.005")

STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


@dataclass(frozen=True)
class Ref:
    """One side of a comparison: what it is, its figure and where it is printed."""

    label: str
    value: Decimal | None = None
    table: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Finding:
    check_id: str
    status: str  # pass | fail | warn
    message: str
    left: Ref
    right: Ref


def dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def num(value: Decimal | None) -> str:
    """A figure as a reader expects it: 7965.69, 73, 6372.1 (trailing zeros dropped)."""
    if value is None:
        return "空"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def as_printed(computed: Decimal, printed: object) -> Decimal:
    """A computed percentage rounded the way the document printed its own (10 → whole numbers,
    9.94 → two places), so a figure that is right at printed precision compares equal."""
    p = dec(printed) or Decimal(0)
    return computed.quantize(Decimal(1) if p == p.to_integral() else Decimal("0.01"))


# Money units a document may print; a narrative in 万元 is compared with tables in 元 by converting
# the table figure to the narrative's unit at two decimals (the narrative's printed precision).
UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def in_unit(ref: Ref, from_unit: str | None, to_unit: str | None) -> Ref:
    """`ref` converted from the table's unit to the narrative's ('371514655 元' → 37151.47 万元)."""
    if not from_unit or not to_unit or from_unit == to_unit or ref.value is None:
        return ref
    if from_unit not in UNIT_FACTORS or to_unit not in UNIT_FACTORS:
        return ref
    value = (ref.value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]).quantize(Decimal("0.01"))
    return Ref(f"{ref.label}（{num(ref.value)}{from_unit}，折合{to_unit}）", value, ref.table, ref.line)


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Sum of printed cells; a blank cell contributes nothing."""
    return sum((v for v in values if v is not None), Decimal(0))


def compare(check_id: str, what: str, left: Ref, right: Ref, tolerance: Decimal = SUM_TOLERANCE) -> Finding:
    """Equal → pass; within `tolerance` → warn (rounding tail); otherwise fail."""
    a, b = left.value or Decimal(0), right.value or Decimal(0)
    diff = abs(a - b)
    head = f"{what}：{left.label} {num(a)} 与 {right.label} {num(b)}"
    if diff < EXACT:
        return Finding(check_id, "pass", f"{head} 一致。", left, right)
    if diff <= tolerance:
        return Finding(check_id, "warn", f"{head} 相差 {num(diff)}，属四舍五入尾差。", left, right)
    return Finding(check_id, "fail", f"{head} 不一致，相差 {num(diff)}。", left, right)


def mismatch(check_id: str, status: str, message: str, left: Ref, right: Ref) -> Finding:
    """A finding about names or codes: the message carries both texts."""
    return Finding(check_id, status, message, left, right)


class Result:
    """A query's rows held in memory, read like a DuckDB result (description, fetchall, fetchone)."""

    def __init__(self, description: list[tuple], data: list[tuple]) -> None:
        self.description, self._data = description, data

    def fetchall(self) -> list[tuple]:
        return list(self._data)

    def fetchone(self) -> tuple | None:
        return self._data[0] if self._data else None


class Reader:
    """The audit's read-only view of the connection for one run. The document does not change
    while it is audited, so each distinct query runs once and its rows are reused, and rows the
    checks derive from a table (`memo`, e.g. a table's cells) are built once."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._results: dict[tuple[str, tuple], Result] = {}
        self._memo: dict[tuple, object] = {}

    def execute(self, sql: str, params: Sequence[object] = ()) -> Result:
        key = (sql, tuple(params))
        if key not in self._results:
            cur = self.con.execute(sql, list(params))
            self._results[key] = Result(cur.description, cur.fetchall())
        return self._results[key]

    def memo(self, key: tuple, build: Callable[[], object]) -> object:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


Con = duckdb.DuckDBPyConnection | Reader


def memo(con: Con, key: tuple, build: Callable[[], object]) -> object:
    """`build()`, kept for the rest of the audit run when `con` is the run's Reader."""
    return con.memo(key, build) if isinstance(con, Reader) else build()


def rows(con: Con, sql: str, params: list[object]) -> list[dict[str, object]]:
    """Fixed audit SQL → list of dicts (column name → value)."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def table_titles(con: Con, doc_id: str) -> dict[str, str]:
    return dict(
        con.execute("SELECT table_id, title FROM report_tables WHERE doc_id = ?", [doc_id]).fetchall()
    )
