"""A reply to a clarifying question: 第一个 / naming an option picks it; 上年呢 asks the same choice
again for that year."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core
from assistant.dialogue.unreferred import _ORDINAL
from assistant.models import Answer, Candidate, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


def picked_option(q: Question, env: Env, rewrite: Callable[[Question, str, Env], Question]
                  ) -> tuple[Question | None, str | None, Answer | None] | None:
    """The turn before asked which one (a clarify): 第一个 / naming an option picks it; 上年呢
    asks the same choice again for that year (with nothing answered yet there is no other
    context, and a guess could state the wrong line's figure)."""
    latest = env.conv.last
    if latest is None or latest.status != "clarify" or not latest.options:
        return None
    text = q.text
    m = _ORDINAL.search(text) or re.search(r"第([一二三四五六七八九])(?:个|项|种)?", text)
    if m and not _core(_ORDINAL.sub("", text), env).strip("一二三四五六七八九个项种"):
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else "一二三四五六七八九".index(raw) + 1
        if 0 < n <= len(latest.options):
            return rewrite(q, latest.options[n - 1][1], env), latest.question, None
    core = _core(text, env)
    named = [o for o in latest.options if core and (core in o[0] or o[0] in text)]
    if len(named) == 1:
        label, question = named[0]
        return rewrite(q, question if core in label else text, env), latest.question, None
    if q.years and not core:
        year = f"{q.years[0]}年"
        cands = [Candidate(label=label, question=_YEAR.sub(year, question, count=1)
                           if _YEAR.search(question) else f"{year}{question}")
                 for label, question in latest.options]
        listing = "、".join(c.label for c in cands)
        return q, None, Answer(status="clarify", candidates=cands,
                               text=f"上一个问题还没有确定指哪一项。请问{year}的是哪一个：{listing}？")
    return None
