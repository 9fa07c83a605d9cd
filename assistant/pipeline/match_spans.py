"""How a hit's span in the question is judged: a unit's short name read inside more of its name, a
likeness scored over windows as long as the name, a span trimmed to the name's own characters, and
a hit inside (or weaker than) a longer kept one."""

from __future__ import annotations

from rapidfuzz import fuzz

from assistant.pipeline.entries import Entry


def said_longer(hit: tuple[float, Entry, tuple[int, int] | None],
                 found: list[tuple[float, Entry, tuple[int, int] | None]], floor: float, text: str) -> bool:
    """中心 of 招商服务中心呢: a unit's kind word read where more of its name is said around it —
    the longer reading of the same unit stands (its span is the words the question used)."""
    _, e, span = hit
    if e.alias_kind != "short" or span is None:
        return False
    if e.kind == "unit" and span[0] >= 2 and text[span[0] - 2: span[0]] in e.name.lower():
        return True  # 招商服务中心: more of the unit's name is said, read from the fragments as before
    return any(o[1].entity_id == e.entity_id and o[2] is not None and o[2] != span and o[0] >= floor
               and o[2][0] <= span[0] and span[1] <= o[2][1] for o in found)


def window_score(target: str, query: str, start: int, end: int) -> float:
    """partial_ratio also scores windows shorter than the alias (会议培训 vs 会议培训次数
    = 86); score full-length windows only, so a shared prefix is not taken for the whole name."""
    n = len(target)
    if len(query) <= n:
        return fuzz.ratio(target, query)
    starts = {max(0, min(start, len(query) - n)), max(0, min(end - n, len(query) - n))}
    return max(fuzz.ratio(target, query[s: s + n]) for s in starts)


def trimmed(span: tuple[int, int], text: str, key: str) -> tuple[int, int]:
    """招商服务中心一般公共预算: a likeness aligned over 心一般公共预算 holds 心, no character of
    一般公共预算拨款 — the span begins and ends with the name's own characters, so the unit's
    name before it keeps its last character."""
    start, end = span
    while start < end and text[start] not in key:
        start += 1
    while end > start and text[end - 1] not in key:
        end -= 1
    return (start, end) if end > start else span


def shadowed(span: tuple[int, int], length: int, score: float,
              kept: tuple[float, Entry, tuple[int, int] | None], entry_kind: str = "") -> bool:
    """A match inside a longer kept match is part of that name (养老保险缴费 in …缴费支出)."""
    k_score, k_entry, k_span = kept
    if k_span is None:
        return False
    if entry_kind == "table" and k_entry.kind in ("term", "narrative", "indicator"):
        return False  # a table's name inside a glossary term still names the table
    inside = k_span[0] <= span[0] and span[1] <= k_span[1]
    if not inside:
        overlap = min(span[1], k_span[1]) - max(span[0], k_span[0])
        # A weaker overlapping match competes for the same words: drop it.
        return overlap > 0 and score < k_score
    return len(k_entry.key) > length or score < k_score
