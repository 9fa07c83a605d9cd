"""What a follow-up picks: a reply to a clarifying question (第一个 / naming an option picks it;
上年呢 asks the same choice again for that year), and 它 as the one item the last answer picked
out of a set."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core
from assistant.dialogue.unreferred import _ORDINAL
from assistant.models import Answer, Candidate, Match, Question
from assistant.pipeline.base import Turn
from assistant.pipeline.match import MONEY_KINDS
from assistant.pipeline.normalise import canon

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


def answered_item(q: Question, own: list[Match], last: Turn, env: Env) -> str | None:
    """它的负责人是谁 after 最少的是哪个 → 安全生产工作经费; 它的数量 after 最贵的是哪个 → that purchase:
    它 is the one item the last answer picked out of a set (a ranking), which the question before
    did not name."""
    words = sorted(env.k.words.get("deictic", ()), key=len, reverse=True)
    deictic = next((w for w in words if w in q.text), None)
    if deictic is None or env.conv.last is not last or len(last.results) != 1:
        return None
    at = q.text.find(deictic)
    if any(not m.span or m.span[0] <= at for m in own):
        return None  # a name before 它 is what it points to (它占工资福利支出: the name is the whole)
    if env.index.fragments(q, list(own)):
        return None  # 那个网站运维服务呢: 那个 introduces a name of its own, not the item picked
    label = str(last.results[0].get("label") or "")
    # a line of the catalogue (a project, a purchase, a subject …), not a figure's description
    named = {e.key for e in env.index.names if e.kind in MONEY_KINDS}
    if canon(label, env.k).lower() not in named or any(m.name == label or m.alias == label
                                                       for m in last.entities):
        return None
    rest = q.text.replace(deictic + "项目", "").replace(deictic, "").lstrip("的")
    return f"{label}的{rest}" if rest else None
