"""The parts of one project (预算15表 form): its 支出明细 lines and its 资产配置及采购计划.

A question names a project (or one of its lines) and asks about what is inside it: one line by a
piece of its name (…里“先投后股”那块安排多少), a figure of that line named by the words of its
测算依据 (服务费的财政预算评审金额), the line's share of the project, the lines that make up the
project (由哪几部分构成) or a line's own parts (那25万是怎么构成的), the largest / smallest lines,
how many there are, the lines other than one (除了服务费还有别的吗), the asset plan.

`detect` sees no database: it claims a question that names a project or line and either asks one
of these operations or carries words nothing else understood (a line's name). `answer` looks
the lines up; when the question names no line of that project it says so without a figure, and
the other readings are tried (steps.respond).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.ops import rank
from assistant.pipeline.base import Conversation, Runner
from assistant.pipeline.intents.forms_assets import assets_answer
from assistant.pipeline.intents.forms_common import asks_actuals, asks_who, norm, not_found, run
from assistant.pipeline.intents.forms_projects import entity_tables, one_form, stash
from assistant.pipeline.intents.project_followup import (
    answer_follow,
    follow_intent,
    follow_kind,
    line_basis,
    line_company,
    line_figures,
)
from assistant.pipeline.intents.project_lines import blank_project, named_lines, read_as, unnamed_rest, unread
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
    which_line,
)
from assistant.query.cover import leftovers
from assistant.tag import load_lexicon, tag

INTENT = "project_parts"
# Operations this reading performs over a project's lines (lexicon operation values)
OPERATIONS = ("share", "except", "rank", "breakdown", "count")
# Measures that ask a field of the form (its leader, its phone …), never a part of it …
FIELDS = frozenset({"leader", "phone", "code", "unit_name", "category", "frequency", "person",
                    "weight", "organisation", "function", "vehicle", "income", "sme", "micro",
                    "party", "set.table", "set.procurement", "unknown"})
# … and measures that may also be words of a line's name (事中绩效评价费, 技术合同登记奖励): the
# reading is then only tried after the field readings
SOFT_FIELDS = frozenset({"target", "period", "usage", "source", "result", "quantity", "price",
                         "personnel", "public", "basic", "project", "contract", "basis"})
# '有多少条' is read as 有多少 + 条 by the lexicon: a count of lines all the same
COUNT_RE = re.compile(r"(?:几|多少)(?:条|项|笔|行)")
# words that put the question inside the project ('…里最大的', '…的明细中')
INSIDE = ("里", "中", "内", "明细", "细项", "条目", "哪项", "哪一项", "哪几项", "几项")
COUNT_INSIDE = ("支出", "笔", "条")  # '…有几笔支出': its lines
NUMERAL = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
TOP_RE = re.compile(r"前\s*(\d+|[一二两三四五六七八九十])|(\d+|[一二两三四五六七八九十])\s*[项条个笔]")
ASC_WORDS = ("最少", "最小", "最低", "最便宜", "最省")
CONFIDENT = "strong"
PARTIAL = "named"  # a project named by part of its name (forms_parts)
SOFT = "plausible"  # below the field readings, above the fallback floor (steps.FALLBACK_CONFIDENCE)
PLAN_WORDS = ("资产", "采购")


def _ops(text: str, matches: Sequence[Match]) -> tuple[set[str], set[str], tuple[str, ...]]:
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


class ProjectPartsHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw) or asks_who(q.text, firms_only=True):
            return None  # 哪6家企业: whom a line pays is the line's 测算依据 (form_detail), no part of it
        ops, measures, left = _ops(q.text, matches)
        if "unknown" not in measures:
            follow = follow_intent(q, list(matches), conv, INTENT, ops, measures)
            if follow is not None:
                return follow
        if measures & FIELDS:
            return None
        reckoned = "calculation" in measures or "测算" in q.text  # 测算依据 is a line's, not a field
        soft = measures & SOFT_FIELDS - ({"basis"} if reckoned else set())
        if left and soft == {"contract"}:
            soft = set()  # '…里电子政务网络的合同金额': a contract of the line named (its 测算依据)
        projects = [m for m in matches if m.kind == "project"]
        details = [m for m in matches if m.kind == "detail"]
        wanted = ops & set(OPERATIONS) | ({"plan"} if "plan" in measures else set())
        if "calculation" in measures:
            wanted.add("breakdown")
        if "测算" in q.text:
            wanted.add("basis")  # the 测算依据 of the project's lines (立项依据 is a field of the form)
        if soft:
            wanted -= {"rank", "count"}  # 几个绩效指标, 哪个指标最高: the form's fields, not its lines
        if "rank" in wanted or "count" in wanted:
            ends = [m.span[1] for m in projects if m.span]
            after = q.text[max(ends):] if ends else q.text.partition("项目")[2]
            after = after[2:] if after.startswith("项目") else after  # the rest of a shortened name
            inside = INSIDE + (COUNT_INSIDE if "count" in wanted else ())
            if not any(w in after for w in inside) or "项目" in after:
                wanted -= {"rank", "count"}  # ranks the project among projects: not ours
        if not projects:
            wanted.discard("share")  # a line's share of what? (a rate its 测算依据 states: form_detail)
        params: dict[str, Any] = {"ops": sorted(wanted), "years": list(q.years), "asked": sorted(ops)}
        if details and not wanted and follow_kind(_outside(q.text, details), set(), measures) is not None:
            return None  # a line named in full, asked for its 测算依据 / contract / rate: form_detail
        if projects or details:
            if not wanted and not left and not _named_after(details, projects):
                return None  # the project's (or the named line's) own figure: other readings
            params |= stash([*projects, *details], conv, ("project", "detail"))
            params["mentions"] = [q.text[m.span[0]: m.span[1]] for m in projects if m.span]
            return Intent(name=INTENT, params=params, evidence=SOFT if soft else CONFIDENT)
        if wanted - {"except", "share"} and "项目" in q.text:
            # '网络安全运营服务项目的钱由哪几部分构成': a project named by part of its name, which
            # the matcher does not know; answer() takes it only when exactly one form fits
            params |= {"entities": [], "project_text": q.text, "generic_ok": False, "allow_previous": False}
            return Intent(name=INTENT, params=params, evidence=PARTIAL)
        prev = _previous(conv)
        if prev is not None and "except" in wanted:
            return Intent(name=INTENT, params=params | {"table_id": prev[0], "prev_lines": prev[1]},
                          evidence=CONFIDENT)
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        params = intent.params
        if [y for y in params.get("years", []) if y != runner.year]:
            return not_found(f"项目支出明细（预算15表）描述的是{runner.year}年的安排。")
        form, which = _form(q, params, runner)
        if which is not None:
            return which
        if form is None:
            return not_found("没有找到这个项目的绩效目标申报表。")
        ops = set(params.get("ops", ()))
        if params.get("follow"):
            return answer_follow(params, form, q, runner)
        if "plan" in ops and any(w in q.text for w in PLAN_WORDS):
            return assets_answer([form], runner)  # the one asset-plan answer (forms_assets)
        rows = [r for r in run(runner, "forms_details") if r["table_id"] == form["table_id"]]
        project = form["project_name"]
        asked = blank_project(q.text, project, params.get("mentions", ()))
        lines = named_lines(asked, rows, project)
        if not lines:
            # the normaliser writes 第一 as 第1; a line's name is printed as the user typed it
            printed = blank_project(q.raw, project, params.get("mentions", ()))
            lines = named_lines(printed, rows, project)
            asked = printed if lines else asked
        if not lines and unread(asked):
            return no_line(form)  # the question names something this form has no line for
        if not lines and params.get("prev_lines"):
            lines = [r for r in rows if r["line_no"] in params["prev_lines"]]
        if len(lines) > 1:
            return which_line(lines)
        line = lines[0] if lines else None
        if line is not None:
            # '先投后股' holds 后 (a rank word): only words outside the line's name are operations
            outside = unnamed_rest(asked, line, project)
            ops &= _asked_ops(outside) | {"plan"}
        found = _operate(params, q, runner, form, rows, asked, line, ops)
        return read_as(found, asked, line, project) if line is not None else found


def _operate(params: dict[str, Any], q: Question, runner: Runner, form: dict[str, Any],
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


def _asked_ops(text: str) -> set[str]:
    """The operations of this reading that `text` asks for."""
    ops, measures, _ = _ops(text, ())
    wanted = ops & set(OPERATIONS)
    if "calculation" in measures:
        wanted.add("breakdown")
    if "测算" in text:
        wanted.add("basis")
    return wanted


def _outside(text: str, named: Sequence[Match]) -> str:
    """The question without the names the matcher found ('|' in their place)."""
    for m in sorted((m for m in named if m.span), key=lambda m: -m.span[0]):  # type: ignore[index]
        text = text[: m.span[0]] + "|" + text[m.span[1]:]  # type: ignore[index]
    return text


def _named_after(details: Sequence[Match], projects: Sequence[Match]) -> bool:
    """A line named after its project (…运营服务项目事中绩效评价费) asked with the project: the
    line reading (form_detail) takes the project for a rival name, so this reading answers."""
    return any(norm(p.name) in norm(d.name) for d in details for p in projects)


def _previous(conv: Conversation) -> tuple[str, list[int]] | None:
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


def _form(q: Question, params: dict[str, Any], runner: Runner) -> tuple[dict[str, Any] | None, Answer | None]:
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


__all__ = ["ProjectPartsHandler"]
