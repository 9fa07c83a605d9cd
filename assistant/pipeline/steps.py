"""The question pipeline, declared as an ordered tuple of steps (like sqlglot's optimizer RULES).

Each step is a small function `step(state, env) -> state` over a frozen `State`. A step that
produces an answer (a refusal, a clarifying question, the handler's answer) ends the lookup
part; the steps marked `always` (compose) still run. `service.Assistant.ask` runs STEPS, times
each one into the answer's trace, and is the one place an exception becomes a calm reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline import checks
from assistant.pipeline import compose as compose_mod
from assistant.pipeline import context as context_mod
from assistant.pipeline import resolve as resolve_mod
from assistant.pipeline import screen as screen_mod
from assistant.pipeline.base import Conversation, Handler
from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.intents.average import average_asked
from assistant.pipeline.intents.tables_common import named_tables
from assistant.pipeline.knowledge import Knowledge
from assistant.pipeline.match import MONEY_KINDS, EntityIndex
from assistant.pipeline.normalise import normalise as normalise_text
from assistant.query.model import Query

log = logging.getLogger(__name__)


class State(BaseModel):
    """What the steps hand each other; frozen so a step can only return a new one."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    raw: str
    question: Question | None = None
    rewritten_from: str | None = None  # the previous turn a follow-up was resolved against
    matches: tuple[Match, ...] = ()
    fragments: dict[str, tuple[Match, ...]] = Field(default_factory=dict)
    intent: Intent | None = None
    handler: str | None = None
    alternatives: tuple[tuple[str, Intent], ...] = ()  # the other handlers' intents, best first
    answer: Answer | None = None
    leftovers: tuple[str, ...] = ()  # content the chosen reading did not consume (query/cover.py)
    query: Query | None = None  # the typed reading of a composed question (query/understand.py)


@dataclass
class Env:
    """Everything a step may consult for one question (shared, read-only parts + this runner)."""

    k: Knowledge
    index: EntityIndex
    runner: QueryRunner
    conv: Conversation
    handlers: tuple[Handler, ...]
    facts: dict[str, Any] = field(default_factory=dict)  # department, year, covered years …
    depth: int = 0  # 1 while a subject of a composed question is read (no composition inside)


def normalise(state: State, env: Env) -> State:
    return state.model_copy(update={"question": normalise_text(state.raw, env.k, env.runner.year)})


def screen(state: State, env: Env) -> State:
    answer = screen_mod.screen(state.question, env)
    return state.model_copy(update={"answer": answer}) if answer else state


def context(state: State, env: Env) -> State:
    q, source, answer = context_mod.resolve(state.question, env)
    return state.model_copy(update={"question": q, "rewritten_from": source, "answer": answer})


def understand(state: State, env: Env) -> State:
    from assistant.query.understand import understand as run

    return run(state, env)


def match(state: State, env: Env) -> State:
    matches = env.index.match(state.question)
    fragments = env.index.fragments(state.question, matches)
    matches = resolve_mod.shortened(state.question, matches, fragments)
    fragments = {k: v for k, v in fragments.items() if not any(m.alias == k for m in matches)}
    return state.model_copy(update={
        "matches": tuple(matches),
        "fragments": {k: tuple(v) for k, v in fragments.items()},
    })


def intent(state: State, env: Env) -> State:
    q = state.question
    ranked, answer = resolve_mod.choose(q, list(state.matches), state.fragments, env)
    asked = checks.quantity_asked(q.text) if q is not None else None
    if not ranked and asked and (answer is None or answer.status == "unanswerable"):
        return state.model_copy(update={"answer": checks.quantity_answer(
            q, env, *asked, tables=named_tables(state.matches))})
    if not ranked:
        return state.model_copy(update={"answer": answer})
    ranked = _prefer_asked_operation(q, ranked)
    (handler, chosen), rest = ranked[0], tuple(ranked[1:])
    return state.model_copy(update={"intent": chosen, "handler": handler, "alternatives": rest})


def _prefer_asked_operation(q: Question | None, ranked: list[tuple[str, Intent]]) -> list[tuple[str, Intent]]:
    """The operation the question asks for (哪些 → a breakdown, 最多 → a ranking) decides among
    plausible readings before their confidences do (knowledge/operations.toml: prefer_intents)."""
    if q is None or len(ranked) < 2:
        return ranked
    from assistant.query.gate import operations
    from assistant.tag import load_lexicon, tag

    wanted: list[str] = []
    for t in tag(q.text, (), load_lexicon()):
        rule = operations().get(f"{t.kind}.{t.value}", {})
        if ranked[0][0] in rule.get("over_intents", ()):  # only a single-figure reading is displaced
            wanted += rule.get("prefer_intents", [])
    if not wanted:
        return ranked
    plausible = [r for r in ranked if r[0] in wanted and r[1].confidence >= FALLBACK_CONFIDENCE]
    return plausible + [r for r in ranked if r not in plausible] if plausible else ranked


# A handler that finds nothing after all hands over to the next plausible one (at most this
# many times, and only to intents at least this confident).
FALLBACKS, FALLBACK_CONFIDENCE = 2, 0.5


def respond(state: State, env: Env) -> State:
    tries = [(state.handler, state.intent)]
    tries += [alt for alt in state.alternatives if alt[1].confidence >= FALLBACK_CONFIDENCE][:FALLBACKS]
    first: Answer | None = None
    q = state.question
    asked = checks.quantity_asked(q.text) if q is not None else None
    other_years = checks.foreign_years(q, env.runner.year) if q is not None else []
    averaging = q is not None and average_asked(q, state.matches)
    if averaging:  # only the mean (or its decline) answers 平均: never the total it is taken of
        tries = [t for t in tries if t[0] == "average"] or tries
    held: State | None = None
    for n, (name, chosen) in enumerate(tries):
        handler = next(h for h in env.handlers if h.name == name)
        try:
            answer = handler.answer(chosen, state.question, env.runner)
        except Exception:
            if n == len(tries) - 1 and first is None:
                raise  # nothing else to try: the service turns it into a calm reply
            log.exception("handler %s failed on %r", name, state.raw)
            continue
        if asked and checks.wrong_kind(answer, asked[0]):
            continue  # 多少人 answered with money: the figure of another kind of quantity
        if (other_years and answer.values and not checks.year_aware(chosen, other_years)
                and not checks.speaks_of(answer.text, other_years, env.runner.year)):
            continue  # asked about 2025, the figures speak of no 2025: the document year's
        if answer.status != "unanswerable":
            found = state.model_copy(update={"answer": answer, "handler": name, "intent": chosen})
            if n < len(tries) - 1 and answer.values and _withheld(found, env):
                held = held or found  # the gate would withhold it: a later reading may use all words
                continue
            return found
        first = first or answer
    if held is not None:
        return held
    if other_years and first is None:
        return state.model_copy(update={"answer": Answer(
            status="unanswerable", text=checks.year_note(other_years, env.runner.year))})
    if asked and q is not None:
        named = [Match(**d) for d in (state.intent.params.get("matches") or [])] if state.intent else []
        money = [m.name for m in [*named, *state.matches] if m.kind in MONEY_KINDS]
        return state.model_copy(update={"answer": checks.quantity_answer(
            q, env, *asked, about=money[0] if money else None, tables=named_tables(state.matches))})
    return state.model_copy(update={"answer": first})


def _withheld(state: State, env: Env) -> bool:
    """The coverage gate would withhold this reading's figures (another question was answered)."""
    from assistant.query.gate import check

    judged = check(state, env).answer
    return judged is not None and judged.status != "answered"


def cover(state: State, env: Env) -> State:
    """Every content character must be understood before a figure is stated (query/cover.py)."""
    from assistant.query.gate import check

    return check(state, env)


def compose(state: State, env: Env) -> State:
    return state.model_copy(update={"answer": compose_mod.finish(state, env)})


Step = Callable[[State, Env], State]

STEPS: tuple[Step, ...] = (normalise, screen, understand, context, match, intent, respond, cover, compose)
ALWAYS: frozenset[str] = frozenset({"cover", "compose"})
