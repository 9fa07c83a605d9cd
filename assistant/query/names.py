"""Names in the question against the reading: a named line must be the one used, a shortened
name that ends several names is asked about, a container (X里) is not a second subject."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from assistant.models import Answer, Match
from assistant.pipeline.match import MONEY_KINDS
from assistant.pipeline.resolve import said_before
from assistant.query.consumed import NAMED_KINDS, _shared_runs
from assistant.tag import Tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

SCOPE_WORDS = ("里", "中", "的", "内")  # 科技研究开发资金里…: the container a named line is read in

NAME_RUN_MIN = 4  # a run this long of one of the document's names is a name, not a common word

TAILS = ("", "项目", "费用", "经费", "资金", "支出")  # what a name may add after the words a question gives

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
    # NFKC: the terms are said with ASCII brackets once normalised, the names print full-width ones
    names = unicodedata.normalize("NFKC", " ".join(f"{m.name} {m.alias}" for m in used)).lower()
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

def _ambiguous(q_text: str, used: list[Match], terms: list[str]) -> tuple[str, list[str]] | None:
    """A shortened name that ends several names (绩效评价费 of three detail lines): the figure of
    one of them would be a guess, so the question is which one is meant."""
    exact = {m.alias.lower() for m in used} | {m.name.lower() for m in used}
    for run in _shared_runs(q_text, terms, "term"):
        if run.end - run.start < NAME_RUN_MIN or run.value in exact:
            continue
        owners = sorted({t for t in terms if any(t.endswith(run.value + tail) for tail in TAILS)})
        if (picked := said_before(q_text, run.text, owners)) is not None and picked.lower() in exact:
            continue  # 高新认定奖励: 高新 says which of the …认定奖励 lines, the one the reading used
        if len(owners) >= 2:
            return run.text, owners
    return None

def _detail_lines(q_text: str, used: list[Match], env: Env,
                  answer: Answer | None = None) -> tuple[str, list[str]] | None:
    """A detail line named by part of its name (绩效评价费) while other lines' 测算依据 state their
    own figure for the same words: which line is meant is a guess, so ask — unless the question
    names the project too and the answer stays inside that one form (网络安全运营服务项目的服务费)."""
    scope = _one_form(used, answer, env)
    for m in used:
        if m.kind != "detail" or m.alias.lower() == m.name.lower() or m.alias.lower() not in q_text.lower():
            continue
        priced = re.compile(re.escape(m.alias) + r"[^，。；,;\d]{0,4}\d")  # the words, then a figure
        lines = env.runner.run("forms_details_mentioning", phrase=m.alias)
        lines = [r for r in lines if scope is None or r["table_id"] == scope]
        owners = list(dict.fromkeys(r["content"] for r in lines
                                    if priced.search(f"{r['content']} {r['basis'] or ''}")))
        if len(owners) >= 2:
            return m.alias, owners
    return None

def _one_form(used: list[Match], answer: Answer | None, env: Env) -> str | None:
    """The one 预算15表 form an answer cites throughout, when it is the form of a project the
    question names (the catalogue prints that project on it), else None."""
    if answer is None or not answer.citations:
        return None
    tables = {c.table for c in answer.citations}
    one = tables.pop() if len(tables) == 1 else ""
    if not one.startswith("预算15表-"):
        return None
    for m in used:
        if m.kind == "project" and any(r["table_id"] == one for r in
                                       _located(env, m.entity_id)):
            return one
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


def _located(env: Env, entity_id: str) -> list:
    """Where an entity is printed: from the catalogue read at open when the runner has it."""
    located = getattr(env.runner, "locations", None)
    return located(entity_id) if located is not None else env.runner.run("forms_entity_aliases",
                                                                           entity_id=entity_id)
