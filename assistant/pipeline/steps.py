"""The question pipeline, declared as an ordered tuple of steps (like sqlglot's optimizer RULES).

Each step is a small function `step(state, env) -> state` over a frozen `State`. A step that
produces an answer (a refusal, a clarifying question, the handler's answer) ends the lookup
part; the steps marked `always` (compose) still run. `service.Assistant.ask` runs STEPS, times
each one into the answer's trace, and is the one place an exception becomes a calm reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline import checks
from assistant.pipeline import compose as compose_mod
from assistant.pipeline import context as context_mod
from assistant.pipeline import resolve as resolve_mod
from assistant.pipeline import screen as screen_mod
from assistant.pipeline.apposition import name_said_with_de, name_then_kind
from assistant.pipeline.area import class_of_area
from assistant.pipeline.base import Conversation, Handler
from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.intents.tables_common import named_tables
from assistant.pipeline.knowledge import Knowledge
from assistant.pipeline.match import EntityIndex
from assistant.pipeline.normalise import normalise as normalise_text
from assistant.pipeline.own_name import own_name_dropped
from assistant.pipeline.standalone import opening_words
from assistant.query.evidence import at_least, readings
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
    judged: tuple[Any, ...] = ()  # query/choose.Judged: each reading tried and its verdict
    covered: bool = False  # the coverage gate has judged this answer (query/choose.py)
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
    # a subject's figure, read once per question: the plan asks about a part and a whole more than
    # once (plan/values.value_of); shared with the sub-questions' copies of this Env
    values: dict[tuple[str, int | None], Any] = field(default_factory=dict)
    # the composed question as a whole (query/understand.py), for what one subject cannot say alone:
    # 本级和中心的一般公共预算支出差多少 reads both units in that fund
    composed: str = ""
    # a rule left a question to the context step (商务局本级 → 项目有几个: whose projects?) and reads it
    # again once the conversation completed it (query/count.py)
    deferred: bool = False
    after_context: bool = False
    # the question a rule answers apart, as typed (基本支出部分呢: its 呢 says it follows a turn)
    asked: Question | None = None


def normalise(state: State, env: Env) -> State:
    q = normalise_text(state.raw, env.k, env.runner.year)
    dropped = own_name_dropped(q, env)
    if dropped.text != q.text:  # 这个局的钱主要花在哪: said first once the department's name is gone
        dropped = dropped.model_copy(update={"text": opening_words(dropped.text, env.k)})
    q = name_said_with_de(name_then_kind(class_of_area(dropped, env)), env)
    return state.model_copy(update={"question": q})


def screen(state: State, env: Env) -> State:
    answer = screen_mod.screen(state.question, env)
    return state.model_copy(update={"answer": answer}) if answer else state


def context(state: State, env: Env) -> State:
    from assistant.dialogue.after_refusal import nothing_answered, place_after_refusal, refused_scope
    from assistant.dialogue.columns import fund_after_line, its_line
    from assistant.dialogue.no_column import project_for_a_column
    from assistant.dialogue.not_a_part import not_a_part

    if (said := its_line(state.question, env)) is not None:  # 它的一般公共预算: the line just asked's
        state = state.model_copy(update={"question": said})
    # 公用经费 → 那某项目呢: no such column; 区府办的差旅费 (refused) → 那培训费呢: the same scope
    asked_back = (project_for_a_column(state.question, env) or refused_scope(state.question, env)
                  or fund_after_line(state.question, env)  # 行政运行多少 → 一般公共预算多少: whose?
                  or not_a_part(state.question, env)  # 商品和服务支出 → 其中基本工资呢
                  or nothing_answered(state.question, env)  # (refused) → (refused) → 中心呢
                  or place_after_refusal(state.question, env))  # (refused) → 第二多的是哪类
    if asked_back is not None:
        return state.model_copy(update={"answer": asked_back})
    token = context_mod.RECOMPOSE.set(False)
    try:
        q, source, answer = context_mod.resolve(state.question, env)
        slotted = context_mod.RECOMPOSE.get()
    finally:
        context_mod.RECOMPOSE.reset(token)
    if q is not None and source is not None and _operations_lost(state.question, q):
        q, source = state.question, None  # 其中…占多少比例 → …预留政府采购额: never the share dropped
    last = env.conv.last
    if q is not None and q.unit_request is None and last is not None and last.unit \
            and last.status == "answered" and context_mod.is_followup(state.question, env):
        q = q.model_copy(update={"unit_request": last.unit})  # 多少万元 → 住房公积金呢: in 万元 too
    new = state.model_copy(update={"question": q, "rewritten_from": source, "answer": answer})
    if (source is not None or env.deferred) and answer is None and q is not None and not slotted:
        from assistant.query.understand import whole

        # 主要用于什么 → 住房公积金主要用于什么: read as typed in full
        new = whole(new, replace(env, after_context=True))
        if new.answer is not None:
            return new
    if slotted and answer is None and q is not None and env.depth == 0:
        # 基本支出占多少 → 项目支出呢 read as 项目支出占多少: a composed question is understood as
        # such, like one typed in full (the conversation already supplied what it lacked)
        return understand(new.model_copy(update={"query": None}), replace(env, conv=Conversation()))
    return new


# what a figure is made of (a share, a multiple, a difference): lost, the figure is another one's
ASKED_OPERATIONS = frozenset({"share", "ratio", "change", "except"})  # (哪个多 hides in 哪个多少钱)


def _operations_lost(said: Question | None, filled: Question) -> bool:
    """A follow-up filled in from the turn before that no longer asks what it asked (占多少比例 gone)."""
    from assistant.tag import load_lexicon, tag

    if said is None:
        return False
    asked = lambda t: {x.value for x in tag(t, (), load_lexicon()) if x.kind == "operation"}  # noqa: E731
    return bool((asked(said.text) - asked(filled.text)) & ASKED_OPERATIONS)


def understand(state: State, env: Env) -> State:
    from assistant.query.understand import understand as run

    return run(state, env)


def match(state: State, env: Env) -> State:
    matches = env.index.match(state.question)
    fragments = env.index.fragments(state.question, matches)
    matches = resolve_mod.shortened(state.question, matches, fragments)
    matches = [m for m in matches if not _residual_for_named(m, state.question)]
    fragments = {k: v for k, v in fragments.items() if not any(m.alias == k for m in matches)}
    return state.model_copy(update={
        "matches": tuple(matches),
        "fragments": {k: tuple(v) for k, v in fragments.items()},
    })


RESIDUAL = ("其他", "其它")  # 其他社会保障缴费: the lines not named elsewhere, never the named one


def _residual_for_named(m: Match, q: Question | None) -> bool:
    """社会保障缴费 is not 其他社会保障缴费: a residual line read from words that do not say 其他."""
    if q is None or m.score >= 100 or not m.name.startswith(RESIDUAL) or m.span is None:
        return False
    return not any(w in q.text for w in (*RESIDUAL, "其余", "别的"))


def intent(state: State, env: Env) -> State:
    q = state.question
    ranked, answer = resolve_mod.choose(q, list(state.matches), state.fragments, env)
    asked = checks.quantity_asked(q.text) if q is not None else None
    if not ranked and asked and (answer is None or answer.status == "unanswerable"):
        return state.model_copy(update={"answer": checks.quantity_answer(
            q, env, *asked, tables=named_tables(state.matches))})
    if not ranked:
        return state.model_copy(update={"answer": answer})
    ranked = _prefer_asked_operation(q, _continue_reading(q, ranked, env))
    (handler, chosen), rest = ranked[0], tuple(ranked[1:])
    return state.model_copy(update={"intent": chosen, "handler": handler, "alternatives": rest})


Ranked = list[tuple[str, Intent]]


def _continue_reading(q: Question | None, ranked: Ranked, env: Env) -> Ranked:
    """公务接待费呢 after 因公出国（境）费是多少: a follow-up that names another thing keeps the
    reading just given (the same part of the document), when that reading can read it too."""
    last = env.conv.last
    if q is None or last is None or last.intent is None or last.status != "answered" or len(ranked) < 2:
        return ranked
    if not context_mod.is_followup(q, env):
        return ranked
    same = [r for r in ranked[1:] if r[0] == last.intent.name]
    if not same or not at_least(same[0][1].evidence, readings().fallback_floor):
        return ranked
    # marked like a reading the operation asked for: the conversation, not a guess, chose it
    lifted = (same[0][0], same[0][1].model_copy(update={
        "evidence": ranked[0][1].evidence, "params": same[0][1].params | {PREFERRED: True}}))
    return [lifted, *[r for r in ranked if r is not same[0]]]


def _prefer_asked_operation(q: Question | None, ranked: list[tuple[str, Intent]]) -> list[tuple[str, Intent]]:
    """The operation the question asks for (哪些 → a breakdown, 最多 → a ranking) decides among
    readings at or above the fallback floor before their evidence levels do
    (knowledge/operations.toml: prefer_intents)."""
    if q is None or len(ranked) < 2:
        return ranked
    from assistant.query.gate import operations
    from assistant.tag import load_lexicon, tag

    wanted: list[str] = []
    for t in tag(q.text, (), load_lexicon()):
        rule = operations().get(f"{t.kind}.{t.value}", {})
        # only a single-figure reading is displaced (or the preferred reading is already first)
        if ranked[0][0] in (*rule.get("over_intents", ()), *rule.get("prefer_intents", ())):
            wanted += rule.get("prefer_intents", [])
    if not wanted:
        return ranked
    floor = readings().fallback_floor
    plausible = [r for r in ranked if r[0] in wanted and at_least(r[1].evidence, floor)]
    if not plausible:
        return ranked
    # the preferred readings take the strongest level there is, so they are judged first, and
    # they are marked: the operation word decides between them and the readings it displaces
    top = ranked[0][1].evidence
    lifted = [(name, i.model_copy(update={"evidence": top, "params": i.params | {PREFERRED: True}}))
              for name, i in plausible]
    return lifted + [r for r in ranked if r not in plausible]


PREFERRED = "_preferred_by_operation"


def respond(state: State, env: Env) -> State:
    """Judge the readings level by level and keep the first complete one (query/choose.py)."""
    from assistant.query.choose import choose

    return choose(state, env)


def cover(state: State, env: Env) -> State:
    """Every content character must be understood before a figure is stated (query/cover.py);
    a reading the choice already judged keeps the gate's verdict."""
    from assistant.pipeline.alone import withheld
    from assistant.query.gate import check

    return withheld(state if state.covered else check(state, env), env)


def compose(state: State, env: Env) -> State:
    return state.model_copy(update={"answer": compose_mod.finish(state, env)})


Step = Callable[[State, Env], State]

STEPS: tuple[Step, ...] = (normalise, screen, understand, context, match, intent, respond, cover, compose)
ALWAYS: frozenset[str] = frozenset({"cover", "compose"})
