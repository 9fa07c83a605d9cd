"""A source file → its numbered lines (text or PDF), and the `documents`/`source_lines` rows
every layout writes alike."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

from assistant.ingest.reader import read_source

_PHONE = re.compile(r"咨询电话\s*[:：]?\s*([0-9][0-9\-－ ]{4,}[0-9])")


def read_lines(path: Path) -> tuple[list[str], list[int] | None, str]:
    """Lines of a source (text or PDF), the PDF page of each line, and the source kind."""
    from assistant.ingest.pdfread import is_pdf, read_pdf

    if path.suffix.lower() == ".pdf" or is_pdf(path):
        pdf = read_pdf(path)
        return pdf.lines, pdf.pages, "pdf"
    return read_source(path), None, "text"


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
