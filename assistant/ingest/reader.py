"""Source text → lines and cells.

The source is a text rendering of a PDF: tables are tab-separated, cells may carry stray HTML
(<b>, <p>, <input checked>), labels may have spaces inside words ("其他科学技术管理事务 支出").
Everything here is layout-agnostic; the catalogue and table parsers decide what a line means.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from assistant.errors import IngestError
from assistant.settings import SETTINGS

_TAG = re.compile(r"<[^>]*>")
_CHECKED = re.compile(r"<input[^>]*\bchecked\b[^>]*>", re.IGNORECASE)
_UNCHECKED = re.compile(r"<input[^>]*>", re.IGNORECASE)
_MARKDOWN_EDGE = re.compile(r"^[#\-*\s]+|[*\s]+$")
_AMOUNT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
_SPACES = re.compile(r"[\s\u3000]+")
# The pure string helpers below are called on the same lines and cells many times per document.
CACHE_SIZE = 1 << 14
# Longest name (科目, project, path segment) the text patterns look for. Patterns bound their
# name runs by it so that matching stays linear in the length of a line.
MAX_NAME_CHARS = 80

CHECKED_MARK = "☑"
UNCHECKED_MARK = "☐"


def read_source(path: Path) -> list[str]:
    """Lines of a source file (no line terminators); refuses binary and undecodable input and
    files or lines over the size limits of `assistant.settings`."""
    name = path.name
    limit = SETTINGS.max_source_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(
                name, None, f"不超过 {limit:,} 字节的文件（此文件 {size:,} 字节）",
                f"a file of at most {limit:,} bytes (this one has {size:,})",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(name, None, "可读取的文本文件", "a readable text file") from exc
    if not data.strip():
        raise IngestError(name, None, "非空的预算文档", "a non-empty budget document")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IngestError(name, line, "UTF-8 文本（发现二进制内容）", "UTF-8 text (found binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(name, line, "UTF-8 编码的文本", "UTF-8 encoded text") from exc
    # Split on newlines only: str.splitlines() also splits on form feeds and U+2028, which
    # would shift every line number we cite against what an editor shows.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    longest = SETTINGS.max_line_chars
    for no, line in enumerate(lines, 1):
        if len(line) > longest:
            raise IngestError(
                name, no, f"每行不超过 {longest:,} 个字符（此行 {len(line):,} 个）",
                f"lines of at most {longest:,} characters (this one has {len(line):,})",
            )
    return lines


@lru_cache(maxsize=CACHE_SIZE)
def strip_html(text: str, *, checkboxes: bool = False) -> str:
    """Remove HTML tags; with `checkboxes`, <input> boxes become ☑ / ☐ so ticks survive."""
    if checkboxes:
        text = _CHECKED.sub(CHECKED_MARK, text)
        text = _UNCHECKED.sub(UNCHECKED_MARK, text)
    return _TAG.sub("", text)


@lru_cache(maxsize=CACHE_SIZE)
def clean_cell(text: str) -> str:
    """A cell as printed, without HTML and surrounding whitespace."""
    return strip_html(text).strip()


def cells(line: str) -> list[str]:
    """Tab-separated cells of a table line, HTML removed, whitespace trimmed (empty cells kept)."""
    return [clean_cell(c) for c in line.split("\t")]


def nonempty(row: list[str]) -> list[str]:
    return [c for c in row if c]


@lru_cache(maxsize=CACHE_SIZE)
def compact(text: str) -> str:
    """Remove every whitespace character: 'PDF spacing' is not meaningful in Chinese labels."""
    return _SPACES.sub("", strip_html(text))


@lru_cache(maxsize=CACHE_SIZE)
def plain(line: str) -> str:
    """A line without HTML, markdown heading/list/bold markers and outer whitespace."""
    return _MARKDOWN_EDGE.sub("", strip_html(line).replace("**", "")).strip()


def is_blank(line: str) -> bool:
    return not strip_html(line).strip(" \t\u3000-")


def parse_amount(text: str) -> Decimal | None:
    """'7,965.69' → Decimal('7965.69'); a blank cell → None. Raises ValueError on other text."""
    s = compact(text)
    if not s:
        return None
    if not _AMOUNT.fullmatch(s):
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guarantees a number
        raise ValueError(f"not an amount: {text!r}") from exc


def is_amount(text: str) -> bool:
    s = compact(text)
    return bool(s) and bool(_AMOUNT.fullmatch(s))
