"""X 的 F1 和 F2: two header fields of one project's form (负责人和电话), each read on its own."""

from __future__ import annotations

import re

from assistant.query.model import Query, Subject
from assistant.tag import Lexicon

FIELD_VALUES = ("leader", "phone", "code", "unit_name", "category", "period", "basis", "source", "approval")


# 依据哪个编制文件立项: 依据 (basis) and 编制文件 (approval) ask for the same field of a form
SAME_FIELD = {"approval": "basis"}


def fields(text: str, lex: Lexicon) -> Query | None:
    """X 的 F1 和 F2 | X F1 是谁？F2 多少 — two fields of one thing, each read on its own."""
    from assistant.query.subjects import _alt, _subject

    words = _alt(tuple(w for v in FIELD_VALUES for w in lex.of("measure", v)))
    found = list(re.finditer(words, text))
    if len(found) < 2:
        return None
    first = found[0]
    owner = _subject(text, 0, first.start())
    if owner is None:
        return None
    asked: list[Subject] = []
    kinds: set[str] = set()
    for f in found:
        kind = lex.words.get(f.group().lower(), ("", ""))[1]
        kind = SAME_FIELD.get(kind, kind)
        # 立项…依据 / 一次性…还是常年 say one field twice: two fields are two different kinds
        if kind not in kinds and not any(f.group() in g.text or g.text in f.group() for g in asked):
            asked.append(Subject(text=f.group(), span=f.span()))
            kinds.add(kind)
    if len(asked) < 2:
        return None
    return Query(op="fields", subjects=(owner, *asked), rule="X的F1和F2")
