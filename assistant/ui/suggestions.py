"""Suggested questions for the first screen, read from the `[welcome]` section of
`knowledge/suggestions.toml` (the pipeline reads its `[by_intent]` follow-ups from the same file):

    [welcome]
    "机关干部" = ["…", "…"]          # audience = questions, in file order

`[[welcome]]` entries with `audience` and `questions` keys are accepted too. Questions may name
{project}, {function}, {economic} or {form}: `fill` puts in the document's own names, so the
examples fit whichever document is loaded; a question whose placeholder has no value is dropped.
"""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from typing import Any

from assistant.models import Answer

Groups = list[tuple[str, list[str]]]


def _questions(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(q) for q in value if isinstance(q, str) and q.strip()]
    return []


def load(path: Path) -> Groups:
    """(audience, questions) groups in file order; empty when the file is missing or broken."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    groups: Groups = []
    raw = data.get("welcome", {})
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict):
                name = str(item.get("audience") or item.get("title") or item.get("name") or "")
                qs = _questions(item.get("questions"))
                if qs:
                    groups.append((name, qs))
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(value, dict):
                name = str(value.get("audience") or value.get("title") or key)
                qs = _questions(value.get("questions"))
            else:
                name, qs = key, _questions(value)
            if qs:
                groups.append((name, qs))
    return groups


def kiosk_audiences(path: Path) -> set[str]:
    """The audiences whose questions the public kiosk shows (`[kiosk] audiences = [...]`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return set()
    kiosk = data.get("kiosk", {})
    return set(_questions(kiosk.get("audiences"))) if isinstance(kiosk, dict) else set()


def fill(groups: Groups, names: dict[str, str]) -> Groups:
    """Questions with their {placeholders} filled from `names`; unfillable ones are dropped."""
    out: Groups = []
    for audience, questions in groups:
        filled = []
        for q in questions:
            fields = {f for _, f, _, _ in string.Formatter().parse(q) if f}
            if fields <= names.keys():
                filled.append(q.format_map(names))
        if filled:
            out.append((audience, filled))
    return out


_NOISE = re.compile(r"[\s？?！!。，,、“”\"'：:]+")


def _same(a: str, b: str) -> bool:
    return _NOISE.sub("", a) == _NOISE.sub("", b)


def follow_ups(bot: Any, conv: Any, question: str, answer: Answer, extra: list[str],
               limit: int = 3) -> list[str]:
    """The follow-ups worth offering under `answer`: the package's suggestions, then `extra`
    (the welcome questions), keeping only those that differ from the question just asked, get an
    answer in this conversation (tried on a copy of it) and state something this answer did not."""
    out: list[str] = []
    for text in [*answer.suggestions, *extra]:
        if len(out) >= limit:
            break
        if _same(text, question) or any(_same(text, o) for o in out):
            continue
        trial = bot.ask(text, conv.model_copy(deep=True))
        if trial.status != "answered" or trial.text == answer.text:
            continue
        said = {(round(v.value, 2), v.unit) for v in answer.values}
        if trial.values and {(round(v.value, 2), v.unit) for v in trial.values} <= said:
            continue  # the same figures again: a repeat of what was just answered
        out.append(text)
    return out
