"""Generated variants of a source document (another department and/or year), for tests and the
corpus benchmark. The figures stay the source's own, so each variant's answers can be checked
against the source's lines; years move together (a 2025 document shifted by one reads 2026 with
2025 comparison columns), so the document stays consistent with itself."""

from __future__ import annotations

import re
from pathlib import Path

_YEAR = re.compile(r"(?<![\d.])(20[0-4]\d)(?=\s*年)")


def variant(text: str, department: str | None = None, shift: int = 0) -> str:
    """`text` with its title's department replaced everywhere by `department` and every year
    written as 'YYYY年' moved by `shift`."""
    title = re.search(r"^#\s*(.+?)\s*\d{4}\s*年", text, re.M)
    if department and title:
        text = text.replace(title.group(1), department)
    if shift:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    return text


def write_variant(source: Path, target: Path, department: str | None = None, shift: int = 0) -> Path:
    target.write_text(variant(source.read_text(encoding="utf-8"), department, shift), encoding="utf-8")
    return target
