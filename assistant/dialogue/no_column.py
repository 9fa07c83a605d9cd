"""公用经费多少 → 那安全生产工作经费呢: a column (人员经费, 公用经费, 基本支出) was asked, and the
follow-up names a project. A project is 项目支出 and has no such column, so its total would answer
another question than the one carried over: it is offered as a suggestion, never stated. The same for
an office named after a line (行政运行 → 那大数据中心呢) that is only a piece of a project's name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Question
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

COLUMNS = frozenset({"public", "personnel", "basic"})  # measures a project's line does not have
ASKED_AFTER = re.compile(r"[呢吗][?？。！!]*$")
LINE_KINDS = frozenset({"function", "economic", "unit"})  # a line or unit named: it has the column
NAMED_KINDS = frozenset({"project", "detail", "procurement", "function", "economic"})


def project_for_a_column(q: Question | None, env: Env) -> Answer | None:
    last = env.conv.last
    if q is None or last is None or last.status != "answered":
        return None
    lex = load_lexicon()
    before = Question(raw=last.question, text=last.question)
    # 聘用人员经费 (a project) is no column; 公用经费 found as a narrative term still is one
    named_before = [m for m in env.index.match(before) if m.span and m.kind in NAMED_KINDS]
    column = next((t.text for t in tag(last.question, named_before, lex)
                   if t.kind == "measure" and t.value in COLUMNS), None)
    said_after = any(q.text.startswith(w) for w in env.k.words.get("followup", ())) \
        or ASKED_AFTER.search(q.raw) is not None
    if not said_after:
        return None
    named = [m for m in env.index.match(q) if m.span is not None]
    pieces: dict[str, tuple] = {}
    if not named:  # 那安全生产呢: a project named by part of its name
        pieces = env.index.fragments(q, [])
        named = [m for found in pieces.values() for m in found]
    from assistant.pipeline.entries import UNIT_KIND_WORDS

    # 行政运行 → 那大数据中心呢: an office's name (…中心), only a piece of a project's name
    office = next((p for p in pieces if p.endswith(UNIT_KIND_WORDS)), None)
    if column is None and office is None:
        return None
    if any(t.kind == "measure" for t in tag(q.text, [m for m in named if m.span], lex)):
        return None  # 那安全生产工作经费的项目支出呢: it says what it asks of the project
    projects = list(dict.fromkeys(m.name for m in named if m.kind == "project"))
    if len(projects) != 1 or any(m.kind in LINE_KINDS for m in named):
        return None
    name = projects[0]
    if column is None:
        return Answer(status="unanswerable", suggestions=[f"{name}是多少"], text=(
            f"文件中“{office}”没有单列预算，这里不给出数字；名称里有“{office}”的是项目“{name}”，"
            "要问这个项目的预算，可以点下面的问题。"))
    return Answer(status="unanswerable", suggestions=[f"{name}是多少"], text=(
        f"上一问问的是{column}；“{name}”是一个项目，列在项目支出中，没有单独的{column}，这里不给出数字。"
        f"要问“{name}”的项目预算，可以点下面的问题。"))
