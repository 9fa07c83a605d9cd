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
import tomllib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.models import Answer, Candidate, Match
from assistant.pipeline.match import MONEY_KINDS
from assistant.query.cover import leftovers
from assistant.settings import SETTINGS
from assistant.tag import Tag, load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

NAMED_KINDS = frozenset({"project", "procurement", "detail"})
SCOPE_WORDS = ("里", "中", "的", "内")  # 科技研究开发资金里…: the container a named line is read in
NAME_RUN_MIN = 4  # a run this long of one of the document's names is a name, not a common word
TAILS = ("", "项目", "费用", "经费", "资金", "支出")  # what a name may add after the words a question gives
SHARED_MIN = 2  # a run of the question this long found in a name or cited line counts as consumed
TERM_RUN_MIN = 3  # … and this long when found in any of the document's own names
NAME_MAX = 40  # organisation "names" longer than this are paragraphs (职能概述), not names
NUMERALS = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
QUOTED = re.compile(r"“[^”]*”|（[^）]*）|「[^」]*」")


@lru_cache(maxsize=1)
def operations() -> dict[str, dict[str, Any]]:
    with (SETTINGS.knowledge_dir / "operations.toml").open("rb") as f:
        return tomllib.load(f)


FRAGMENT_MIN_LEN = 3
FRAGMENT_SHARE = 0.5  # a mention covering less of the name than this is a piece of it (数据中心)


KIND_WORDS = {"project": ("项目",), "function": ("支出", "科目"), "economic": ("费", "支出", "科目"),
              "detail": ("费", "经费", "奖励")}


def _fragment(m: Match, text: str, env: Env) -> bool:
    """A short piece of a long name, unless the knowledge declares the piece (养老 stands for the
    养老支出 lines) or the question says what kind of thing it is (网安项目: a project)."""
    covered = m.span[1] - m.span[0]
    if m.score >= 100 or covered >= FRAGMENT_SHARE * len(m.name):
        return False
    if m.alias in env.k.expand:
        return False
    after = text[m.span[1]: m.span[1] + 2]
    if any(after.startswith(w) for w in KIND_WORDS.get(m.kind, ())):
        return False
    piece = text[m.span[0]: m.span[1]].lower()
    if len(piece) < FRAGMENT_MIN_LEN:
        return True  # 数据, 中心: two characters of a long name are a common word, not a name
    owners = {e.name for e in env.index.names if piece in e.key}
    owners |= {o for o in env.facts.get("organisations", ()) if len(o) <= NAME_MAX and piece in o.lower()}
    # 养老保险缴费 names one line (or lines named after one, 基本养老保险缴费 and …缴费支出);
    # 数据中心 is part of several unrelated names
    return not any(all(o in other for other in owners) for o in owners)


def _used_matches(state: State) -> list[Match]:
    found = list(state.matches)
    if state.intent is not None:
        for d in state.intent.params.get("matches") or []:
            if isinstance(d, dict):
                try:
                    found.append(Match(**d))
                except (TypeError, ValueError):
                    continue
        for d in state.intent.params.get("entities") or []:  # what a handler resolved itself
            if isinstance(d, dict) and d.get("name"):
                found.append(Match(entity_id=str(d.get("id") or ""), kind=str(d.get("kind") or ""),
                                   name=str(d["name"]), alias=str(d.get("alias") or d["name"]),
                                   score=float(d.get("score") or 0)))
    return found


def _shared_runs(text: str, sources: list[str], kind: str) -> list[Tag]:
    """Runs of the question (≥ SHARED_MIN characters) that stand verbatim in one of the sources:
    from every position the longest such run, so that overlapping runs leave no orphan."""
    low, out = text.lower(), []
    blob = "\n".join(s.lower() for s in sources if s)
    reach = 0
    for i in range(len(low) - SHARED_MIN + 1):
        j = i + SHARED_MIN
        if low[i:j] not in blob:
            continue
        while j < len(low) and low[i: j + 1] in blob:
            j += 1
        if j > reach:
            out.append(Tag(kind=kind, value=low[i:j], start=i, end=j, text=text[i:j]))
            reach = j
    return out


def _cited_text(answer: Answer, env: Env) -> list[str]:
    lines: list[str] = []
    for c in answer.citations[:8]:
        if c.line:
            lines += [r["text"] for r in env.runner.run("source_lines", start=c.line, end=c.line)]
    return lines


UNIT_WORDS = ("亿元", "万元", "元")


def _missed(tags: tuple[Tag, ...], answer: Answer, intent: str | None, q_text: str,
            named: list[str]) -> str | None:
    """The first word whose rule (knowledge/operations.toml) the answer does not meet."""
    units = {v.unit for v in answer.values}
    rules = operations()
    own_words = QUOTED.sub("", answer.text)  # what the answer says, not what it quotes
    counting = any(t.kind == "operation" and t.value == "count" for t in tags)
    rows = [str(r[0]) for r in answer.table.rows] if answer.table else []
    for t in tags:
        rule = rules.get(f"{t.kind}.{t.value}")
        if rule is None or rule.get("text_only"):
            continue
        if intent in rule.get("skip_intents", ()):
            continue
        said = any(w in own_words for w in rule.get("text", ())) or (
            "or_min_values" in rule and len(answer.values) >= rule["or_min_values"]
            and any(f"{o.kind}.{o.value}" == rule.get("or_with") for o in tags))
        if rule.get("count_is_number"):
            n = NUMERALS.get(t.text[-1]) or NUMERALS.get(t.text[1:2])
            parts = len(answer.values) or len(rows)  # a ranking's table lists all, its figures the asked
            if n is not None and parts != n and n not in {v.value for v in answer.values}:
                return t.text
            continue
        if (not counting and units and units <= set(rule.get("not_only_units_unless_count", ()))):
            return t.text
        if rule.get("not_self") and any(r in named for r in rows):
            return t.text  # the parts listed include the thing itself: they are its siblings
        if "intents" in rule and intent not in rule["intents"]:
            return t.text
        if rule.get("no_figures"):
            return t.text
        if "units" in rule and not units & set(rule["units"]) and not said:
            return t.text
        if "text" in rule and "units" not in rule and not said:
            return t.text
        if "not_only_units" in rule and units and units <= set(rule["not_only_units"]):
            return t.text
        money = {v.unit for v in answer.values} <= set(UNIT_WORDS)
        if answer.table is None and money and len(answer.values) < rule.get("min_values", 0):
            return t.text
        if len(answer.values) > rule.get("max_values", 10**6):
            return t.text
        if "named" in rule and not any(w in answer.text for w in rule["named"]):
            return t.text
        if rule.get("units_asked"):
            asked = next((u for u in UNIT_WORDS if u in q_text), None)
            if asked and asked not in units:
                return t.text
    return None


def _unnamed(state: State, answer: Answer, tags: tuple[Tag, ...]) -> str | None:
    """An entity the question names that the answer never speaks of: the figure is another one's."""
    text = answer.text.lower() + "".join(c.row.lower() for c in answer.citations)
    if not any(t.kind == "operation" and t.value in ("share", "ratio") for t in tags):
        return None  # only a share or a multiple has a second entity (the whole) to get wrong
    for m in state.matches:
        if m.span is None or m.kind not in MONEY_KINDS:
            continue
        words = {state.question.text[m.span[0]: m.span[1]].lower(), m.name.lower(), m.alias.lower()}
        if not any(w and w in text for w in words):
            return state.question.text[m.span[0]: m.span[1]]
    return None


def _named_not_used(q_text: str, used: list[Match], answer: Answer, terms: list[str],
                    spoken: list[str], lexical: tuple[Tag, ...], own: str) -> str | None:
    """A name of the document the question gives (网络安全运营服务, part of a project's name) must be
    what the reading used: one of its entities, or the one thing the answer speaks of. A list that
    merely includes it (all projects) or an answer that never names it is about something else."""
    names = " ".join(f"{m.name} {m.alias}" for m in used).lower()
    plain = bytearray(len(q_text))  # characters that are general vocabulary, not a name
    for t in (*lexical, *_shared_runs(q_text, [own], "own")):
        plain[t.start: t.end] = b"\x01" * (t.end - t.start)
    for run in _shared_runs(q_text, terms, "term"):
        if run.end - run.start < NAME_RUN_MIN or run.value in names or run.value in own:
            continue
        if sum(plain[run.start: run.end]) * 2 >= run.end - run.start:
            continue  # mostly vocabulary (支出合计, 经济分类): not a name of one thing
        if answer.table is None and any(run.value in w.lower() for w in spoken):
            continue  # the one thing the answer speaks of (its text, its cited rows and forms)
        return run.text
    return None


def _form_names(env: Env) -> dict[str, str]:
    """Each project form's table id → its project (read once per Assistant: it never changes)."""
    forms = env.facts.get("forms")
    if forms is None:
        forms = {r["table_id"]: r["project_name"] for r in env.runner.run("forms_project_forms")}
        env.facts["forms"] = forms
    return forms


def _named_terms(env: Env) -> list[str]:
    """Names of single things (projects, purchases, detail lines): a part of one names that thing."""
    named = env.facts.get("named_terms")
    if named is None:
        named = [e.key for kind in sorted(NAMED_KINDS) for e in env.index.kinds(kind)]
        env.facts["named_terms"] = named  # per Assistant: the catalogue does not change
    return named


def _ambiguous(q_text: str, used: list[Match], terms: list[str]) -> tuple[str, list[str]] | None:
    """A shortened name that ends several names (绩效评价费 of three detail lines): the figure of
    one of them would be a guess, so the question is which one is meant."""
    exact = {m.alias.lower() for m in used} | {m.name.lower() for m in used}
    for run in _shared_runs(q_text, terms, "term"):
        if run.end - run.start < NAME_RUN_MIN or run.value in exact:
            continue
        owners = sorted({t for t in terms if any(t.endswith(run.value + tail) for tail in TAILS)})
        if len(owners) >= 2:
            return run.text, owners
    return None


def _detail_lines(q_text: str, used: list[Match], env: Env) -> tuple[str, list[str]] | None:
    """A detail line named by part of its name (绩效评价费) while other lines' 测算依据 state their
    own figure for the same words: which line is meant is a guess, so ask."""
    for m in used:
        if m.kind != "detail" or m.alias.lower() == m.name.lower() or m.alias.lower() not in q_text.lower():
            continue
        priced = re.compile(re.escape(m.alias) + r"[^，。；,;\d]{0,4}\d")  # the words, then a figure
        lines = env.runner.run("forms_details_mentioning", phrase=m.alias)
        owners = list(dict.fromkeys(r["content"] for r in lines
                                    if priced.search(f"{r['content']} {r['basis'] or ''}")))
        if len(owners) >= 2:
            return m.alias, owners
    return None


def _reading_ignores(state: State) -> str | None:
    """The reading says which entities it used; a money line the question names that it left
    out (the detail line of 大数据中心运维费用中电子政务网络相关费用) makes it another question."""
    if state.intent is None:
        return None
    declared = state.intent.params.get("entities") or []
    ids = {d.get("id") if isinstance(d, dict) else d for d in declared}
    if not ids:
        return None
    kept = [m.span for m in state.matches if m.entity_id in ids and m.span]
    kept_names = [m.name for m in state.matches if m.entity_id in ids]
    for m in state.matches:
        if m.span is None or m.kind not in NAMED_KINDS or m.entity_id in ids or m.score < 100:
            continue
        if any(m.name in k or k in m.name for k in kept_names):
            continue
        after = state.question.text[m.span[1]: m.span[1] + 2]
        if after[:1] in SCOPE_WORDS and any(m.span[1] <= a for a, _ in kept):
            continue  # 科技研究开发资金里，单项冠军奖励: the container the named line is read in
        if any(a <= m.span[0] and m.span[1] <= b for a, b in kept):
            continue  # inside a name the reading used (行政运行 inside 一般行政管理事务的行政运行)
        return state.question.text[m.span[0]: m.span[1]]
    return None


BARE_FOLLOWUP = 6  # characters: 部门 / 那去年呢 / 其中人员经费呢
SLOT_KINDS = frozenset({"operation", "measure", "time", "set", "unit", "number", "code"})


def _followup_says_nothing(state: State, env: Env) -> str | None:
    """A follow-up inherits what it does not say, but it must say something: 部门 / 地方 / 科技
    after 科学技术支出多少 changes no slot, so the earlier figure is not its answer."""
    if state.rewritten_from is None:
        return None
    from assistant.pipeline.normalise import normalise as normalise_text

    own = normalise_text(state.raw, env.k, env.runner.year)
    if len(own.text) > BARE_FOLLOWUP:
        return None  # a follow-up that says this much is checked as the question it became
    named = [m for m in env.index.match(own) if m.span and not _fragment(m, own.text, env)]
    tags = tag(own.text, named, load_lexicon())
    if not any(t.kind in SLOT_KINDS or t.kind == "entity" for t in tags):
        return own.text or state.raw
    return None


def _names_asked(tags: tuple[Tag, ...], answer: Answer) -> Answer | None:
    """A question for names (哪几家企业): the answer's figures are not what was asked. Where its
    text names them it is kept without figures; otherwise nothing is stated."""
    for t in tags:
        rule = operations().get(f"{t.kind}.{t.value}")
        if rule and rule.get("text_only"):
            if any(w in answer.text for w in rule.get("text", ())):
                return answer.model_copy(update={"values": []})
            return _not_understood((t.text,))
    return None


def _only_echo(q_numbers: tuple[float, ...], answer: Answer, intent: str | None,
               tags: tuple[Tag, ...] = ()) -> str | None:
    """Every figure stated is one the user typed (那25万是怎么构成的): nothing was answered —
    unless the question asks how it was worked out (11.79万是怎么测算的: the basis is the answer)."""
    if intent == "reverse" or not q_numbers or not answer.values:
        return None
    if any(t.kind == "measure" and t.value == "basis" for t in tags):
        return None
    typed = {round(n, 2) for n in q_numbers}
    if all(round(v.value, 2) in typed for v in answer.values):
        return "、".join(f"{n:g}" for n in sorted(typed))
    return None


def _years_missed(q_years: tuple[int, ...], answer: Answer, year: int) -> str | None:
    """Several years asked for: each must be spoken of (a series that stops early answers less);
    the document's own year may go unsaid (比2025年增加 is this year's change)."""
    if len(set(q_years)) < 2:
        return None
    missing = [y for y in sorted(set(q_years)) if str(y) not in answer.text and y != year]
    return f"{missing[0]}年" if missing else None


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
    if missed:
        left = (*left, missed)
    elif answer.values and not left and (names_asked := _names_asked(tags, answer)) is not None:
        return state.model_copy(update={"answer": names_asked})
    elif answer.values and SETTINGS.coverage_mode == "enforce":
        which = _ambiguous(q.text, used, _named_terms(env)) or _detail_lines(q.text, used, env)
        if which is not None:
            return state.model_copy(update={"answer": _which(q.text, *which)})
    if not left:
        return state
    if SETTINGS.coverage_mode != "enforce" or not answer.values:
        return state.model_copy(update={"leftovers": left})
    return state.model_copy(update={"leftovers": left, "answer": _not_understood(left)})


def _which(text: str, run: str, owners: list[str]) -> Answer:
    shown = owners[: SETTINGS.max_candidates]
    more = f"等{len(owners)}项" if len(owners) > len(shown) else ""
    return Answer(status="clarify", candidates=[
        Candidate(label=o, question=text.replace(run, o, 1)) for o in shown],
        text=f"“{run}”在预算中对应好几项：{'、'.join(shown)}{more}。请问您问的是哪一项？")


def _not_understood(left: tuple[str, ...]) -> Answer:
    words = "、".join(f"“{w}”" for w in dict.fromkeys(left))
    return Answer(status="unanswerable", text=(
        f"抱歉，问题中的{words}我没有理解，文件中也可能没有这方面的内容。为免答非所问，这里不给出数字。"
        "请换个说法，或直接问文件中列出的项目、科目和金额。"))
