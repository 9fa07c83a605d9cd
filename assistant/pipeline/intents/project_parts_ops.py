"""The operations over one project's 支出明细 lines (share, except, rank, breakdown, count, basis, a
line's column), which form the question means, and the lines the previous answer cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Match, Question
from assistant.ops import rank
from assistant.pipeline.base import Conversation, Runner
from assistant.pipeline.intents.forms_common import norm, not_found, run
from assistant.pipeline.intents.forms_projects import entity_tables, one_form
from assistant.pipeline.intents.project_followup import (
    follow_kind,
    line_basis,
    line_company,
    line_figures,
)
from assistant.pipeline.intents.project_lines import unnamed_rest, unread
from assistant.pipeline.intents.project_parts_answer import (
    count_lines,
    line_amount,
    line_column,
    line_money_column,
    line_parts,
    line_position,
    line_share,
    list_lines,
    money_column,
    named_figure,
    no_line,
    other_lines,
    rank_lines,
    unclear,
)
from assistant.query.cover import leftovers
from assistant.tag import load_lexicon, tag

INTENT = "project_parts"
# Operations this reading performs over a project's lines (lexicon operation values)
OPERATIONS = ("share", "except", "rank", "breakdown", "count")
# '有多少条' is read as 有多少 + 条 by the lexicon: a count of lines all the same
COUNT_RE = re.compile(r"(?:几|多少)(?:条|项|笔|行)")
NUMERAL = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
TOP_RE = re.compile(r"前\s*(\d+|[一二两三四五六七八九十])|(\d+|[一二两三四五六七八九十])\s*[项条个笔]")
ASC_WORDS = ("最少", "最小", "最低", "最便宜", "最省")


def ops_asked(text: str, matches: Sequence[Match]) -> tuple[set[str], set[str], tuple[str, ...]]:
    """(operations, measures, content left unread) of the question."""
    named = [m for m in matches if m.span]
    tags = tag(text, named, load_lexicon())
    # a word inside a name (大 of 大数据中心) is part of the name, not an operation
    inside = [m.span for m in named if m.span]
    tags = tuple(t for t in tags if t.kind == "entity"
                 or not any(a <= t.start and t.end <= b for a, b in inside))
    ops = {t.value for t in tags if t.kind == "operation"}
    if COUNT_RE.search(text):
        ops.add("count")
    measures = {t.value for t in tags if t.kind == "measure"}
    # a table or the procurement rows named ('在政府采购表里分成哪几项'): rows of another table
    listed = ("table",) if "plan" in measures else ("table", "procurement")  # 采购计划 is the form's
    measures |= {f"set.{t.value}" for t in tags if t.kind == "set" and t.value in listed}
    # a word no budget answers (中标, 品牌): the gate says so, naming it
    measures |= {"unknown" for t in tags if t.kind == "unknown"}
    return ops, measures, leftovers(text, tags)


def operate(params: dict[str, Any], q: Question, runner: Runner, form: dict[str, Any],
             rows: list[dict[str, Any]], asked: str, line: dict[str, Any] | None, ops: set[str]) -> Answer:
    """The operation asked, over the project's lines or the one line named."""
    project = form["project_name"]
    column = money_column(q.text)
    if line is not None and column is not None:
        return line_money_column(line, *column, runner)  # 上级转移支付 / 其他资金 of the line
    rest = unread(unnamed_rest(asked, line, project)) if line else ""
    if rest and ops & set(OPERATIONS):
        # '…按省拨付经费的多少比例给予', '…按月分摊': words this reading does not do
        return unclear(rest, line)
    if "except" in ops:
        return other_lines(form, rows, line, runner) if line else no_line(form)
    if "share" in ops:
        called = next((e["name"] for e in params.get("entities", []) if e["kind"] == "project"), "")
        return line_share(form, rows, line, runner, called) if line else no_line(form)
    place = rank.positional(q.text) if line is None else None
    if place is not None:  # 第二项明细: the line printed there, never the second largest
        if place > len(rows):
            return not_found(f"{project}（{form['table_id']}）共 {len(rows)} 项支出明细，没有第{place}项。")
        return (line_basis if "basis" in ops else line_amount)(rows[place - 1], runner)
    if "rank" in ops and line is not None:
        return line_position(form, rows, line, runner)
    if "rank" in ops:
        summed = "sum" in params.get("asked", ())
        place, descending, count = rank.ordinal(q.text)
        if place > 1:  # 第二大 / 倒数第二: one line at a place, never the first
            return rank_lines(form, rows, 1, not descending, runner, position=place)
        top = max(_top(q.text), count)  # 最多的…第二呢: the first two
        return rank_lines(form, rows, top, any(w in q.text for w in ASC_WORDS), runner, summed)
    if "count" in ops and line is None:
        return count_lines(form, rows, runner)
    if "basis" in ops and ("breakdown" not in ops or line is None):
        head = f"{form['project_name']}（{form['table_id']}）各项支出明细的金额及测算依据："
        return line_basis(line, runner) if line else list_lines(form, rows, runner, head, basis=True)
    if "breakdown" in ops and line is None and len(rows) == 1:
        line = rows[0]  # a one-line form: the parts of that line are the project's parts
    if "breakdown" in ops:
        return line_parts(line, runner) if line else list_lines(form, rows, runner)
    if line is None:
        return no_line(form)
    said = follow_kind(unnamed_rest(asked, line, project), set(), set())
    if said in ("basis", "company"):
        return (line_basis if said == "basis" else line_company)(line, runner)
    if said is not None and said not in ("share", "except", "parts"):
        return line_figures(line, said, unnamed_rest(asked, line, project), runner)
    if rest:
        return named_figure(q.text, line, project, runner) or line_column(line, rest, runner)
    return line_amount(line, runner)


def asked_ops(text: str) -> set[str]:
    """The operations of this reading that `text` asks for."""
    ops, measures, _ = ops_asked(text, ())
    wanted = ops & set(OPERATIONS)
    if "calculation" in measures:
        wanted.add("breakdown")
    if "测算" in text:
        wanted.add("basis")
    return wanted


def outside_names(text: str, named: Sequence[Match]) -> str:
    """The question without the names the matcher found ('|' in their place)."""
    for m in sorted((m for m in named if m.span), key=lambda m: -m.span[0]):  # type: ignore[index]
        text = text[: m.span[0]] + "|" + text[m.span[1]:]  # type: ignore[index]
    return text


def named_after(details: Sequence[Match], projects: Sequence[Match]) -> bool:
    """A line named after its project (…运营服务项目事中绩效评价费) asked with the project: the
    line reading (form_detail) takes the project for a rival name, so this reading answers."""
    return any(norm(p.name) in norm(d.name) for d in details for p in projects)


def previous_lines(conv: Conversation) -> tuple[str, list[int]] | None:
    """The form and lines the previous answer cited when it was about 支出明细 lines."""
    turn = conv.last
    if turn is None or turn.status != "answered" or turn.intent is None:
        return None
    if turn.intent.name not in (INTENT, "form_detail"):
        return None
    cites = [c for r in turn.results for c in r.get("citations", [])]
    tables = {c["table"] for c in cites if str(c.get("table", "")).startswith("预算15表-")}
    if len(tables) != 1:
        return None
    return tables.pop(), sorted({int(c["line"]) for c in cites if c.get("line")})


def form_of(
    q: Question, params: dict[str, Any], runner: Runner
) -> tuple[dict[str, Any] | None, Answer | None]:
    forms = run(runner, "forms_project_forms")
    if params.get("table_id"):
        return next((f for f in forms if f["table_id"] == params["table_id"]), None), None
    ents = params.get("entities", [])
    if params.get("project_text") or any(e["kind"] == "project" for e in ents):
        return one_form(q, params | {"allow_previous": False}, runner, "{name}的支出明细有哪些？")
    for ent in ents:  # a line named in full: its own form
        for alias in entity_tables(runner, ent["id"]):
            form = next((f for f in forms if f["table_id"] == alias["table_id"]), None)
            if form is not None:
                return form, None
    return None, None


def _top(text: str) -> int:
    m = TOP_RE.search(text)
    if m is None:
        return 1
    token = m.group(1) or m.group(2)
    return int(token) if token.isdigit() else NUMERAL[token]
