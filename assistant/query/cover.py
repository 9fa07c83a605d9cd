"""Coverage: every content character of the question is consumed by something understood.

A content character is a letter, a digit or a CJK character; punctuation and spaces are not.
What is left over is returned as runs of text, so that the reply can name exactly what was not
understood (PRECISE's rule: a question is answered only when every word maps to something).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from assistant.tag.tagger import Tag


def _content(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LN"


def leftovers(text: str, tags: Iterable[Tag]) -> tuple[str, ...]:
    covered = bytearray(len(text))
    for t in tags:
        if t.kind == "unknown":  # knowledge/lexicon/unknown.toml: read whole, never understood
            continue
        covered[t.start: t.end] = b"\x01" * (t.end - t.start)
    for t in tags:
        if t.kind == "unknown":
            covered[t.start: t.end] = b"\x00" * (t.end - t.start)
    runs: list[str] = []
    current = ""
    for i, ch in enumerate(text):
        if not covered[i] and _content(ch):
            current += ch
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return tuple(runs)
