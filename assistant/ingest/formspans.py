"""Where the performance forms sit in a document: the 预算14表 span and each 预算15表 form's
span, found by their titles (and the 预算NN表 label printed above a title, when there is one).
"""

from __future__ import annotations

import re

from assistant.ingest.formcells import nospace

_TITLE_14 = re.compile(r"部门.{0,6}整体绩效目标.{0,4}申报表")
_TITLE_15 = re.compile(r"项目支出.{0,6}绩效目标.{0,4}申报表")
_LABEL = re.compile(r"^预算\s*(1[45])\s*表\s*(?:[-—–]\s*(\d+))?$")
_NOT_TITLE = re.compile(r"^(?:[-*]\s|\d+[、.]|[一二三四五六七八九十]+、|表\s*\d)")


def title_kind(line: str) -> str | None:
    """The form a title line opens ("14" or "15"); None for any other line."""
    text = line.strip().lstrip("#").strip()
    if not text or len(text) > 60 or _NOT_TITLE.match(text):
        return None
    if _TITLE_14.search(nospace(text)):
        return "14"
    if _TITLE_15.search(nospace(text)):
        return "15"
    return None


def find_spans(lines: list[str]) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """(预算14表 span, [预算15表 form spans]) as 1-based inclusive line ranges. A span starts
    at its 预算NN表 label when one directly precedes the title, and ends before the next
    form or the next markdown heading that is not a form title."""
    starts: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        kind = title_kind(line)
        if not kind:
            continue
        start = i
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and _LABEL.match(lines[j].strip()):
            start = j
        starts.append((kind, start))
    spans: list[tuple[str, int, int]] = []
    for n, (kind, start) in enumerate(starts):
        stop = starts[n + 1][1] if n + 1 < len(starts) else len(lines)
        end = start + 1
        while end < stop and not (lines[end].startswith("#") and not title_kind(lines[end])):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        spans.append((kind, start + 1, end))
    form14 = next(((s, e) for k, s, e in spans if k == "14"), None)
    return form14, [(s, e) for k, s, e in spans if k == "15"]


def form_label(lines: list[str], start: int) -> int | None:
    """The N of a printed '预算 15 表-N' label at the start of a span, if any."""
    m = _LABEL.match(lines[start - 1].strip())
    return int(m.group(2)) if m and m.group(2) else None
