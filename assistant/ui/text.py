"""Text shown to users: Markdown escaping, personal-number masking, document markup as text.

Everything that came from the user or the document goes through `md` before it reaches
`st.markdown`/`st.caption`, so "<script>", "**x**" or "www.example.com" is shown literally —
never interpreted, never turned into a link. Source lines go through `source_text` first, so
the document's own `<b>`/checkbox markup reads as text.
"""

from __future__ import annotations

import re
from typing import Any

from assistant import fmt
from assistant.models import Citation, Value

# Full-width digits and signs read as ASCII for matching; one character each, so match positions
# in the translated text are positions in the original.
_HALF = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "＋": "+", "－": "-", "　": " ",
                       "Ｘ": "X", "ｘ": "x"})
# Mainland mobiles (13x … 19x), bare or grouped 3-4-4 with spaces or hyphens, with or without
# +86 / 0086. A digit just before or after means it is part of a longer code, not a phone.
_MOBILE = re.compile(r"(?<![\d])(?:(?:\+|00)86[ -]?)?(1[3-9]\d)([ -]?)(\d{4})([ -]?)(\d{4})(?![\d])")
# 18-character resident ID: area, birth date, sequence, check digit.
_ID_CARD = re.compile(
    r"(?<![\dA-Za-z])(\d{4})(\d{2}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(\d{3}[\dXx])(?![\dA-Za-z])"
)
# Every ASCII punctuation character: CommonMark lets each be escaped, and escaping them all
# leaves nothing Markdown, Streamlit's extensions (:color[...], $latex$) or GFM autolinks
# (www., http://, a@b.c) could act on.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GFM autolinks www.x, http(s)://x and a@b.c even when escaped; an invisible word joiner (U+2060)
# inside each trigger leaves the text as it reads but gives the parser nothing to link.
_LINK_TRIGGER = re.compile(r"(?i)(\bwww(?=\.)|\b(?:https?|ftp|mailto)(?=:)|(?=@))")
_JOINER = "\u2060"
_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b[^>]*/?>", re.IGNORECASE)
_CHECKBOX = re.compile(r"<input\b[^>]*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def mask_personal(text: str) -> str:
    """Mobile and ID numbers masked (177****1284, 4201**********1234); landlines stay."""
    ascii_text = text.translate(_HALF)
    spans: list[tuple[int, int, str]] = []
    for m in _MOBILE.finditer(ascii_text):
        head = m.group(0)[: m.start(1) - m.start(0)]
        spans.append((m.start(), m.end(), f"{head}{m.group(1)}{m.group(2)}****{m.group(4)}{m.group(5)}"))
    for m in _ID_CARD.finditer(ascii_text):
        if not any(a < m.end() and m.start() < b for a, b, _ in spans):
            spans.append((m.start(), m.end(), f"{m.group(1)}{'*' * len(m.group(2))}{m.group(3).upper()}"))
    for start, end, masked in sorted(spans, reverse=True):
        text = text[:start] + masked + text[end:]
    return text


mask_mobile = mask_personal  # the older name, kept for callers outside the UI


def source_text(text: str) -> str:
    """A source line as a person reads it: bold/paragraph tags dropped, checkboxes as ☑/☐."""
    text = _CHECKED.sub("☑", text)
    text = _CHECKBOX.sub("☐", text)
    return _TAG.sub("", text)


def md(text: object, *, mask: bool = False) -> str:
    """Escape user/document text for Markdown so it renders literally (optionally masked)."""
    raw = "" if text is None else str(text)
    if mask:
        raw = mask_personal(raw)
    raw = _LINK_TRIGGER.sub(lambda m: m.group(1) + _JOINER, raw)
    # Escape specials; keep the text's own line breaks (Markdown would join the lines).
    return _MD_SPECIAL.sub(r"\\\1", raw).replace("\r\n", "\n").replace("\n", "  \n")


def plain(text: object, *, mask: bool = False) -> str:
    """Text for widgets that never interpret Markdown (code blocks, dataframes, metric values)."""
    raw = "" if text is None else str(text)
    return mask_personal(raw) if mask else raw


def mask_cell(value: Any, *, mask: bool) -> Any:
    """Mask string cells of a table; numbers are left for the dataframe to format."""
    return mask_personal(value) if mask and isinstance(value, str) else value


def figure(value: Value) -> str:
    """The figure as the document prints it: 7,965.69 万元, 25.01 %, 6 次."""
    return fmt.figure(value.value, value.unit)


def chips(citations: list[Citation]) -> list[str]:
    """One chip per cited table, lines listed in order: 预算11表 · 2026年项目支出预算表 · 第386、389行."""
    groups: dict[tuple[str, str], list[int]] = {}
    pages: dict[tuple[str, str], set[int]] = {}
    for c in citations:
        lines = groups.setdefault((c.table, c.title), [])
        if c.line not in lines:
            lines.append(c.line)
        if c.page is not None:  # a PDF source: the page a reader turns to
            pages.setdefault((c.table, c.title), set()).add(c.page)
    out = []
    for (table, title), lines in groups.items():
        on = pages.get((table, title))
        first = min(on) if on else None
        head = chip(Citation(table=table, title=title, row="", line=0, page=first)).split(" · 第")[0]
        page = f" · 第{'、'.join(str(p) for p in sorted(on))}页" if on else ""
        out.append(f"{head}{page} · 第{_runs(sorted(lines))}行")
    return out


def _runs(numbers: list[int]) -> str:
    """386、389、692–719: three or more consecutive lines shown as a range."""
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}–{numbers[j]}")
        else:
            parts.extend(str(n) for n in numbers[i : j + 1])
        i = j + 1
    return "、".join(parts)


def chip(citation: Citation) -> str:
    """预算05表 · 2026年一般公共预算支出表（分功能科目） · 第273行"""
    # a PDF source is cited by its own title and page (the table id is the role it plays here)
    by_title = citation.page is not None and bool(citation.title)
    parts = [] if by_title else [citation.table]
    if citation.title and citation.title != citation.table:
        parts.append(citation.title)
    if citation.page is not None:
        parts.append(f"第{citation.page}页")
    parts.append(f"第{citation.line}行")
    return " · ".join(parts)
