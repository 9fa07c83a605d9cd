"""The intent step: resolve generic words, ask the handlers, keep the most confident.

A bare generic word (补助, 养老, 运行费) matched no entity; the matcher listed every entity whose
name contains it. One entity, or one that is the parent of all the others, is taken as meant;
otherwise the assistant asks which one (a wrong figure is worse than a question).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Intent, Match, Question
from assistant.pipeline.match import MONEY_KINDS
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

MIN_CONFIDENCE = 0.3


def _ancestor(cands: list[Match]) -> Match | None:
    """The candidate whose code is a prefix of every other candidate's code (养老 -> 20805)."""
    if any(not c.code for c in cands):
        return None
    for c in sorted(cands, key=lambda m: len(m.code or "")):
        if all((o.code or "").startswith(c.code or "") for o in cands):
            return c
    return None


def _distinct(cands: tuple[Match, ...]) -> list[Match]:
    seen: dict[str, Match] = {}
    for c in cands:
        seen.setdefault(c.name, c)
    return list(seen.values())


def _from_fragments(q: Question, matches: list[Match], fragments: dict[str, tuple[Match, ...]],
                    env: Env) -> tuple[list[Match], Answer | None]:
    if any(m.kind in MONEY_KINDS for m in matches) or not fragments:
        return matches, None
    piece, cands = max(fragments.items(), key=lambda kv: len(kv[0]))
    distinct = _distinct(cands)
    if len(distinct) == 1:
        return matches + [distinct[0]], None
    parent = _ancestor(distinct)
    if parent is not None:
        return matches + [parent], None
    shown = distinct[: SETTINGS.max_candidates]
    candidates = [Candidate(label=c.name, question=q.text.replace(piece, c.name, 1)) for c in shown]
    more = f"等{len(distinct)}项" if len(distinct) > len(shown) else ""
    text = (f"“{piece}”在预算中对应好几项：{'、'.join(c.label for c in shown)}{more}。"
            "请问您问的是哪一项？")
    return matches, Answer(status="clarify", text=text, candidates=candidates)


def choose(q: Question | None, matches: list[Match], fragments: dict[str, tuple[Match, ...]],
           env: Env) -> tuple[Intent | None, str | None, Answer | None]:
    if q is None:
        return None, None, None
    best: tuple[float, int, Intent, str] | None = None
    for order, handler in enumerate(env.handlers):
        intent = handler.detect(q, matches, env.conv)
        if intent is not None and (best is None or intent.confidence > best[0]):
            best = (intent.confidence, order, intent, handler.name)
    needs_entity = best is None or best[0] < 0.75
    if needs_entity:
        widened, clarify = _from_fragments(q, matches, fragments, env)
        if clarify is not None:
            return None, None, clarify
        if len(widened) > len(matches):
            return choose(q, widened, {}, env)
    if best is None or best[0] < MIN_CONFIDENCE:
        from assistant.pipeline.screen import covers

        return None, None, Answer(
            status="unanswerable",
            text=f"抱歉，没有在文件中找到与“{q.text}”对应的内容。{covers(env)}",
        )
    return best[2], best[3], None
