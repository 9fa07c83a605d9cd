"""Rows every layout writes the same way (documents, source_lines) and the counts of the ingest
report both layouts fill (`report.DocumentReport`)."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

Pending = dict[str, list[dict]]  # table -> a document's rows not yet inserted, in order

_PHONE = re.compile(r"咨询电话\s*[:：]?\s*([0-9][0-9\-－ ]{4,}[0-9])")


def queue(pending: Pending, table: str, rows: list[dict]) -> None:
    pending.setdefault(table, []).extend(rows)


def source_rows(lines: list[str], pages: list[int] | None) -> list[dict]:
    if pages is None:
        return [{"line_no": n, "text": t} for n, t in enumerate(lines, 1)]
    numbered = enumerate(zip(lines, pages, strict=True), 1)
    return [{"line_no": n, "text": t, "page": p} for n, (t, p) in numbered]


def document_row(path: Path, lines: list[str], head: dict, kind: str) -> dict:
    phone = next((m.group(1) for line in lines for m in [_PHONE.search(line)] if m), None)
    return {
        **head,
        "file_name": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "line_count": len(lines),
        "phone": phone,
        "ingested_at": datetime.now(),
        "source_kind": kind,
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
