"""Rows queued per table before one insert each, and the counts of the ingest report every layout
fills (`report.DocumentReport`). The `documents`/`source_lines` rows are in `sources`."""

from __future__ import annotations

from typing import Any

Pending = dict[str, list[dict]]  # table -> a document's rows not yet inserted, in order


def queue(pending: Pending, table: str, rows: list[dict]) -> None:
    pending.setdefault(table, []).extend(rows)


def report_row(t: Any) -> dict:
    """The `report_tables` row of a table of either layout (a titled layout's tables carry no
    printed 预算NN表 label)."""
    return {
        "table_id": t.table_id, "seq": t.seq, "title": t.title, "present": t.present,
        "has_rows": t.has_rows, "labelled": bool(getattr(t, "labelled", False)), "unit": t.unit,
        "note": t.note, "line_start": t.line_start, "line_end": t.line_end,
    }


def rows_per_table(line_items: list[dict]) -> dict[str, int]:
    """Printed rows per table: a row holds several measures, so its line is counted once."""
    per_table: dict[str, set[int]] = {}
    for r in line_items:
        per_table.setdefault(r["table_id"], set()).add(r["line_no"])
    return {t: len(nos) for t, nos in per_table.items()}


def report_counts(
    department: str,
    year: int,
    line_items: list[dict],
    paragraphs: list[dict],
    per_table: dict[str, int],
    **counts: object,
) -> dict:
    """The DocumentReport fields a layout knows after parsing (counts: its tables and forms)."""
    return {
        "department": department,
        "year": year,
        "narrative_parts": len({p["part"] for p in paragraphs}),
        "paragraphs": len(paragraphs),
        "blank_cells": sum(1 for r in line_items if r["amount"] is None),
        "rows_per_table": dict(sorted(per_table.items())),
        **counts,
    }
