"""The coverage gate: a figure is stated only when the whole question was understood.

Runs after the answer is found. Content of the question is consumed by the entities the reading
used (their whole printed names, so a shortened name counts), the document's own names, lexicon
words, typed figures and the words of the source lines the answer cites. An answer that states
figures while some content was consumed by nothing, or while an operation the question asks for
(share, multiple, count, mean, except) is not what the answer did, answers a different question:
its figures are withheld and the reply says what was understood and what was not.
"""


from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.pipeline.match import MONEY_KINDS
from assistant.query.answered import (
    _followup_says_nothing,
    _missed,
    _names_asked,
    _only_echo,
    _text_missed,
    _years_missed,
    operations,
)
from assistant.query.consumed import (
    NAME_MAX,
    TERM_RUN_MIN,
    _cited_text,
    _form_names,
    _fragment,
    _named_terms,
    _shared_runs,
    _used_matches,
)
from assistant.query.cover import leftovers
from assistant.query.names import _ambiguous, _detail_lines, _named_not_used, _reading_ignores, _unnamed
from assistant.query.replies import _not_understood, _which
from assistant.settings import SETTINGS
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

__all__ = ["check", "operations"]


def check(state: State, env: Env) -> State:
    answer, q = state.answer, state.question
    if answer is None or q is None or answer.status != "answered":
        return state
    lex = load_lexicon()
    used = _used_matches(state)
    # 数据 is a fragment of 大数据中心运维费用, not a mention of it: a short piece of a long name
    # counts only if something else (the lexicon, a whole name of the document) covers it
    whole = [m.span for m in used if m.span and not _fragment(m, q.text, env)]
    fragments = [m.span for m in used if m.span and _fragment(m, q.text, env)
                 and not any(a < m.span[1] and m.span[0] < b for a, b in whole)]
    used = [m for m in used if not (m.span and m.span in fragments)]
    tags = tag(q.text, used, lex, env.facts.get("terms", ()))
    # what the reading used: its entities' names, the department, and the answer's own words
    names = [n for m in used for n in (m.name, m.alias)]
    orgs = [o for o in env.facts.get("organisations", ()) if len(o) <= NAME_MAX]  # names, not paragraphs
    own = " ".join([str(env.facts.get("department") or ""), *orgs]).lower()
    names += [str(env.facts.get("department") or ""), *orgs, answer.text]
    names += [f"{c.title} {c.row}" for c in answer.citations]
    forms = _form_names(env)  # a cited project form speaks of its project
    names += [forms[c.table] for c in answer.citations if c.table in forms]
    tags += tuple(_shared_runs(q.text, names, "entity"))
    # a run of three characters or more from one of the document's own names (聘用人员 of 聘用人员经费)
    tags += tuple(t for t in _shared_runs(q.text, list(env.facts.get("terms", ())), "term_run")
                  if t.end - t.start >= TERM_RUN_MIN)
    if left_out := [t for t in tags if t.kind in ("entity", "cited", "term_run")
                    and any(a <= t.start and t.end <= b for a, b in fragments)]:
        tags = tuple(t for t in tags if t not in left_out)
    left = leftovers(q.text, tags)
    if left and answer.values:
        cited = [t for t in _shared_runs(q.text, _cited_text(answer, env), "cited")
                 if not any(a <= t.start and t.end <= b for a, b in fragments)]
        left = leftovers(q.text, tags + tuple(cited))
    missed = None
    if answer.values and state.query is None:  # a composed reading consumed its operation words
        intent = state.query.op if state.query else (state.intent.name if state.intent else None)
        named = [m.name for m in used]
        missed = (_missed(tags, answer, intent, q.text, named)
                  or _years_missed(q.years, answer, env.runner.year) or _unnamed(state, answer, tags)
                  or _only_echo(q.numbers, answer, intent, tags) or _reading_ignores(state)
                  or _followup_says_nothing(state, env)
                  or _named_not_used(q.text, used, answer, _named_terms(env), names,
                                     tag(q.text, (), lex), own))
    elif not answer.values and state.query is None and state.intent is not None:
        missed = _text_missed(tags, state.intent.name)
    if missed:
        left = (*left, missed)
    elif answer.values and not left and (names_asked := _names_asked(tags, answer)) is not None:
        return state.model_copy(update={"answer": names_asked})
    elif answer.values and SETTINGS.coverage_mode == "enforce":
        which = _ambiguous(q.text, used, _named_terms(env)) or _detail_lines(q.text, used, env, answer)
        if which is not None:
            return state.model_copy(update={"answer": _which(q.text, *which)})
    if not left:
        return state
    if SETTINGS.coverage_mode != "enforce" or (not answer.values and not missed):
        return state.model_copy(update={"leftovers": left})
    named = tuple(m.name for m in used if m.kind in MONEY_KINDS and m.span)
    reply = _not_understood(left, named, figures=bool(answer.values))
    return state.model_copy(update={"leftovers": left, "answer": reply})
