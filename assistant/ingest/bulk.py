"""Bulk writes: every row of one table in one flush of a DuckDB appender.

The appender converts each value exactly as a statement parameter would be converted, so the
stored rows are those a parameterised INSERT would store, without binding one statement (and a
parameter list) per row or per chunk of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb


def append_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """Insert `rows` (one value per name in `columns`, in order) into `table`; other columns get
    their defaults. Nothing is written when a row cannot be converted."""
    with con.appender(table, columns=list(columns)) as appender:
        appender.append_rows(rows)
