"""Text shown to users: Markdown escaping, mobile-number masking, figure formatting.

Everything that came from the user or the document goes through `md` before it reaches
`st.markdown`/`st.caption`, so "<script>" or "**x**" is shown literally, never interpreted.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.models import Citation, Value
from assistant.pipeline.base import fmt_amount, fmt_number

# 11-digit mainland mobile numbers (13x … 19x); 8-digit landlines such as 85626957 never match.
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
# Characters Markdown (and Streamlit's extensions: :color[...], :emoji:, $latex$) give meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~$:=-])")
_MONEY_UNITS = frozenset({"元", "万元", "亿元"})


def mask_mobile(text: str) -> str:
    """17771821284 -> 177****1284; office landlines stay as printed."""
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def md(text: object, *, mask: bool = False) -> str:
    """Escape user/document text for Markdown so it renders literally (optionally masked)."""
    raw = "" if text is None else str(text)
    if mask:
        raw = mask_mobile(raw)
    # Escape specials; keep the text's own line breaks (Markdown would join the lines).
    return _MD_SPECIAL.sub(r"\\\1", raw).replace("\r\n", "\n").replace("\n", "  \n")


def plain(text: object, *, mask: bool = False) -> str:
    """Text for widgets that never interpret Markdown (code blocks, dataframes, metric values)."""
    raw = "" if text is None else str(text)
    return mask_mobile(raw) if mask else raw


def mask_cell(value: Any, *, mask: bool) -> Any:
    """Mask string cells of a table; numbers are left for the dataframe to format."""
    return mask_mobile(value) if mask and isinstance(value, str) else value


def figure(value: Value) -> str:
    """The figure as the document prints it: 7,965.69 万元, 25.01 %, 6 次."""
    number = fmt_amount(value.value) if value.unit in _MONEY_UNITS else fmt_number(value.value)
    return f"{number} {value.unit}".strip()


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
        out.append(f"{head}{page} · 第{'、'.join(str(n) for n in sorted(lines))}行")
    return out


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
