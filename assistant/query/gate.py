"""The coverage gate: a figure is stated only when the whole question was understood.

Runs after the answer is found. Content of the question is consumed by the entities the reading
used (their whole printed names, so a shortened name counts), the document's own names, lexicon
words, typed figures and the words of the source lines the answer cites. An answer that states
figures while some content was consumed by nothing, or while an operation the question asks for
(share, multiple, count, mean, except) is not what the answer did, answers a different question:
its figures are withheld and the reply says what was understood and what was not.
"""


from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.fmt import MONEY_UNITS
from assistant.models import Answer
from assistant.pipeline.entries import UNIT_KIND_WORDS
from assistant.pipeline.match import MONEY_KINDS
from assistant.pipeline.resolve import UNIT_ENDINGS, _unit_abbreviated
from assistant.query.answered import (
    _followup_repeats,
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
    _clauses_stating,
    _department_runs,
    _form_names,
    _fragment,
    _named_terms,
    _own_text,
    _shared_runs,
    _spoken,
    _used_matches,
)
from assistant.query.cover import leftovers
from assistant.query.names import _ambiguous, _detail_lines, _named_not_used, _reading_ignores, _unnamed
from assistant.query.replies import _not_understood, _which
from assistant.settings import SETTINGS
from assistant.tag import load_lexicon, tag, without_stray_codes

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

__all__ = ["check", "operations"]


def _said(answer: Answer, env: Env, lines: bool = False) -> str:
    """What the answer speaks of: its text, cited rows and labels (and, when asked, the words of
    the source lines it cites — read only when the short form does not settle it)."""
    from assistant.pipeline.normalise import canon

    forms = _form_names(env)
    cited = [f"{c.title} {c.row} {forms.get(c.table, '')}" for c in answer.citations]
    more = _cited_text(answer, env) if lines else []
    labels = [v.label or "" for v in answer.values]
    return canon(" ".join([_own_text(answer), *cited, *more, *labels]), env.k).lower()


def _unspoken_terms(tags: tuple, answer: Answer, env: Env) -> tuple:
    """The document's own names count only where the answer speaks of them too."""
    strict = _line_names(env)
    doubtful = [t for t in tags if t.kind in ("term", "term_run")
                and any(t.value.lower() in n for n in strict)]
    if not doubtful:
        return tags
    said = _said(answer, env)
    doubtful = [t for t in doubtful if t.value.lower() not in said]
    if doubtful:
        said = _said(answer, env, lines=True)
        doubtful = [t for t in doubtful if t.value.lower() not in said]
    return tuple(t for t in tags if t not in doubtful)


STRICT_KINDS = frozenset({"indicator", "project", "detail", "procurement", "economic", "function"})


def _line_names(env) -> tuple[str, ...]:
    """Names of lines and indicators: such a name in the question is a thing the answer must speak of."""
    names = env.facts.get("line_names")
    if names is None:
        names = tuple(e.key.lower() for e in env.index.names if e.kind in STRICT_KINDS)
        env.facts["line_names"] = names
    return names


ORG_RUN_MIN = 4  # characters of a unit's name (大数据中心) that name that unit in a question
ORG_PIECE_MAX = 2  # characters of an office's name that are a piece of it, not the office said
# how the names of units below a department end (its own earlier names end like it: 局, 委 …)
OWN_UNIT = "本级"  # the department's own unit, named by this word alone (本级的项目)
COUNTED = frozenset({"个", "项", "行", "条"})  # the units of a count of lines
# a word that names a unit by its kind (XX中心): said in a question, the answer must be that unit's
UNIT_WORD = re.compile(r"(?:[\u4e00-\u9fff]{2}|^|(?<=[那这该和与及跟、，,\s]))"
                       r"(?:中心|学校|公司|研究所|管理所|服务站|大队|中队)|本部(?![门分])")


def _unit_unspoken(text: str, orgs: list[str], answer: Answer, env: Env,
                   read: tuple[tuple[int, int], ...] = ()) -> str | None:
    """A unit below the department named in the question (大数据中心 of …局大数据中心) that the
    answer never speaks of: the answer is the department's, not the unit's."""
    department = str(env.facts.get("department") or "").lower()
    units = [o for o in orgs if o.lower() != department and o.endswith(UNIT_ENDINGS)]
    runs = [t for t in _shared_runs(text, units, "org")
            if t.end - t.start >= ORG_RUN_MIN and t.value not in department]
    own = OWN_UNIT if OWN_UNIT in text and any(o.endswith(OWN_UNIT) for o in orgs) else None
    said_units = [w.group(0) for w in UNIT_WORD.finditer(text) if w.group(0).lower() not in department
                  and not any(a <= w.start() and w.end() <= b for a, b in read)]  # 大数剧中心: a typo read
    if not runs and own is None and not said_units:
        return None
    # a listing or a count speaks of the unit in its own words: its cited lines print every
    # unit's rows side by side (预算11表 单位 column), so they say nothing of which was asked
    listing = answer.table is not None or any(v.unit in COUNTED for v in answer.values)
    said = _said(answer, env, lines=not listing)
    if own is not None and own not in said:
        return own  # 本级政府购买服务多少: the department's figure is not its own unit's
    for word in said_units:  # 商务中心 / 招商中心: a unit named, by its name or said short
        if word.lower() not in said and not any(
                _unit_abbreviated(word, o.lower()) and o.lower() in said for o in units):
            return word
    return next((t.text for t in runs if t.value not in said), None)


ASKED = re.compile(r"多少|几")  # the words that ask for a figure


# a money figure stated in an answer's words (按月分摊是多少 answered with the project's 800.00 万元 and
# its 测算依据: words not understood, so not even in the text)
_UNITS = "|".join(sorted(MONEY_UNITS, key=len, reverse=True))  # 万元 before 元
MONEY_SAID = re.compile(rf"\d[\d,]*(?:\.\d+)?\s*(?:{_UNITS})")


# the query's operation -> the name the words' rules (knowledge/operations.toml) know its reading by
AS_READING = {"count": "count", "rank": "ranking", "list": "breakdown", "total": "total",
              "executed": "narrative_executed", "special": "narrative_project"}


def check(state: State, env: Env) -> State:
    answer, q = state.answer, state.question
    if answer is None or q is None or answer.status != "answered":
        return state
    lex = load_lexicon()
    every = _used_matches(state)
    used = _spoken(every, state, env)
    # a line named but not spoken of by the answer: nothing else may consume its words either
    unspoken = [m.span for m in every if m.span and m not in used]
    # 数据 is a fragment of 大数据中心运维费用, not a mention of it: a short piece of a long name
    # counts only if something else (the lexicon, a whole name of the document) covers it
    whole = [m.span for m in used if m.span and not _fragment(m, q.text, env)]
    fragments = [m.span for m in used if m.span and _fragment(m, q.text, env)
                 and not any(a < m.span[1] and m.span[0] < b for a, b in whole)]
    silent = [s for s in unspoken if not any(a < s[1] and s[0] < b for a, b in whole)]
    fragments += silent
    used = [m for m in used if not (m.span and m.span in fragments)]
    tags = tag(q.text, used, lex, env.facts.get("terms", ()))
    tags = without_stray_codes(tags, q.codes)
    # what the reading used: its entities' names, the department, and the answer's own words
    names = [n for m in used for n in (m.name, m.alias)]
    orgs = [o for o in env.facts.get("organisations", ()) if len(o) <= NAME_MAX]  # names, not paragraphs
    own = " ".join([str(env.facts.get("department") or ""), *orgs]).lower()
    names += [str(env.facts.get("department") or ""), *orgs, _own_text(answer)]
    names += [f"{c.title} {c.row}" for c in answer.citations]
    forms = _form_names(env)  # a cited project form speaks of its project
    names += [forms[c.table] for c in answer.citations if c.table in forms]
    units = [o for o in orgs if o != env.facts.get("department")]
    tags += tuple(_shared_runs(q.text, [n for n in names if n not in units], "entity"))
    # 招商差旅费: two characters of a unit's name (招商服务中心) said right before a line's name
    # say no unit — they narrow that line, which the document does not divide so
    starts = {m.span[0] for m in used if m.span and m.kind in ("economic", "function")}
    tags += tuple(t for t in _shared_runs(q.text, units, "entity") if t.end - t.start > ORG_PIECE_MAX
                  or t.end not in starts or t.text.endswith(UNIT_KIND_WORDS))
    tags += tuple(_department_runs(q.text, str(env.facts.get("department") or "")))
    # a run of three characters or more from one of the document's own names (聘用人员 of 聘用人员经费)
    tags += tuple(t for t in _shared_runs(q.text, list(env.facts.get("terms", ())), "term_run")
                  if t.end - t.start >= TERM_RUN_MIN)
    if left_out := [t for t in tags if (t.kind in ("entity", "cited", "term_run")
                    and any(a <= t.start and t.end <= b for a, b in fragments))
                    or (t.kind == "term" and any(a <= t.start and t.end <= b for a, b in silent))]:
        tags = tuple(t for t in tags if t not in left_out)
    if answer.values and SETTINGS.coverage_mode == "enforce":
        tags = _unspoken_terms(tags, answer, env)
    left = leftovers(q.text, tags)
    if left and answer.values:
        stating = _clauses_stating(_cited_text(answer, env), [v.value for v in answer.values])
        cited = [t for t in _shared_runs(q.text, stating, "cited")
                 if not any(a <= t.start and t.end <= b for a, b in fragments)]
        left = leftovers(q.text, tags + tuple(cited))
    read = tuple(m.span for m in used if m.span)
    if answer.values and (unit := _unit_unspoken(q.text, orgs, answer, env, read)) is not None:
        left = (*left, unit)  # 大数据中心的房屋面积: the department's figure is no unit's
    if answer.values and state.query is None and (code := _code_unread(q.codes, used)) is not None:
        left = (*left, code)  # 科学技术管理事务2101: a code typed that no line read is not understood
    missed = None
    # a composed reading consumed its operation words; a count or a ranking of lines is judged as the
    # readings are (哪三类最多 answered with one line: the 三 was not used)
    # (a line at a place of a listing is one figure of it, named by the answer: no reading's rules)
    as_reading = state.query is None or (state.query.op in AS_READING and state.query.place is None)
    if answer.values and as_reading:
        intent = AS_READING[state.query.op] if state.query else (state.intent.name if state.intent else None)
        named = [m.name for m in used]
        # 除了A，哪一项最多: the ranking left A out, so its 除了 is understood
        judged = tuple(t for t in tags if not (state.query and state.query.also and t.kind == "operation"
                                               and t.value == "except"))
        bare = tag(q.text, (), lex)  # the question's words alone, read once for the checks below
        judged += _funds_in_terms(judged, bare)
        missed = (_missed(judged, answer, intent, q.text, named)
                  or _years_missed(q.years, answer, env.runner.year) or _unnamed(state, answer, tags)
                  or _only_echo(q.numbers, answer, intent, tags) or _reading_ignores(state)
                  or _followup_says_nothing(state, env) or _followup_repeats(state, env, answer)
                  or _classification_unread(q.text, answer, env)
                  or _name_not_used(q.text, used, answer, env, names, bare, own))
    elif not answer.values and state.query is None and state.intent is not None:
        missed = _text_missed(tags, state.intent.name, answer.text)
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
    # a follow-up (rewritten, or naming nothing of its own) answered in words that state a figure: the
    # figure before, for a demand not understood
    follows = env.conv.last is not None and (state.rewritten_from is not None or not state.matches)
    quoted = not answer.values and follows and bool(MONEY_SAID.search(answer.text))
    if SETTINGS.coverage_mode != "enforce" or (not answer.values and not missed and not quoted):
        return state.model_copy(update={"leftovers": left})
    named = tuple(m.name for m in used if m.kind in MONEY_KINDS and m.span)
    reply = _not_understood(left, named, figures=bool(answer.values) or quoted)
    return state.model_copy(update={"leftovers": left, "answer": reply})


def _name_not_used(text: str, used: list, answer: Answer, env: Env, names: list[str], bare: tuple,
                   own: str) -> str | None:
    """A name of the document said and not used — unless the source line the answer cites names it
    (网络安全运营服务要覆盖多少个接入节点: the project's own sentence states the figure)."""
    said = (text, used, answer, _named_terms(env))
    run = _named_not_used(*said, names, bare, own)
    # (only one figure asked and stated: a line that names the thing beside several figures, or a
    # question asking two, is no proof that the one stated is the one asked)
    if run is None or len(answer.values) != 1 or answer.table is not None or len(ASKED.findall(text)) != 1:
        return run
    stating = _clauses_stating(_cited_text(answer, env), [answer.values[0].value])
    return _named_not_used(*said, [*names, *stating], bare, own)


# a classification said (经济分类里的公务接待费): the answer must be read from a table of its lines
CLASSIFIED = {"经济分类": "economic", "功能分类": "function"}


def _classification_unread(text: str, answer: Answer, env: Env) -> str | None:
    """经济分类里的公务接待费比2024年增加了多少: the 三公 paragraph's 公务接待费 is not the line of
    the 经济分类 said, whose table the answer would cite."""
    for word, kind in CLASSIFIED.items():
        if word in text:
            # (a part of the narrative naming the line is no table of the classification)
            tables = {e.table_id for e in env.index.entries
                      if e.kind == kind and e.table_id and not e.table_id.endswith("部分")}
            if not any(c.table in tables for c in answer.citations):
                return word
    return None


def _funds_in_terms(tags: tuple, bare: tuple) -> tuple:
    """招商服务中心财政拨款收入多少: 财政拨款收入 is one of the document's own terms, read whole, but
    the fund it names must still be what the answer speaks of (never the unit's 收入合计)."""
    terms = [t for t in tags if t.kind == "term"]  # (a term that is the fund word itself keeps its reading)
    return tuple(t for t in bare if t.kind == "measure" and t.value == "fund"
                 and any(o.start <= t.start and t.end <= o.end and o.end - o.start > t.end - t.start
                         for o in terms)
                 and not any(o.kind == "measure" and (o.start, o.end) == (t.start, t.end) for o in tags))


def _code_unread(codes: tuple[str, ...], used: list) -> str | None:
    """A budget code the user typed that none of the lines read has: the figure stated is another
    line's (the code may name a line the document does not print)."""
    read = {m.code for m in used if m.code}
    return next((c for c in codes if c not in read), None)
