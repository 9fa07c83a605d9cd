"""Follow-ups about the 支出明细 line the project-parts reading just answered.

'科技研究与开发资金里先投后股安排多少' → '测算依据是什么' / '占比多少' / '合同是跟哪家签的' /
'第二个的测算依据呢' (after a ranking): the context step glues the previous *project* to the
follow-up, but the subject is the line the previous answer cited. The line is taken from that
answer's citations (one 预算15表 form; one line, or the N-th of a ranking), never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_basis import asked_kind
from assistant.pipeline.intents.forms_basis_answer import basis_figures
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    money,
    norm,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_details import COMPANY_RE
from assistant.pipeline.intents.project_lines import named_lines, read_as, unread
from assistant.pipeline.intents.project_parts_answer import (
    line_amount,
    line_parts,
    line_share,
    list_lines,
    no_line,
    other_lines,
    which_line,
)

FORM_PREFIX = "预算15表-"
ORDINAL = re.compile(r"第\s*(\d+|[一二三四五六])\s*(?:个|项|条|名)?")
NUMERAL = dict(zip("一二三四五六", (1, 2, 3, 4, 5, 6), strict=True))
COMPANY_WORDS = ("公司", "跟谁签", "和谁签", "签给", "签的", "签订", "供应商", "承接", "哪家")
BASIS_WORDS = ("依据", "测算", "怎么定", "说明", "用途", "干什么", "做什么")
FOLLOW_EVIDENCE = "certain"  # the user's own words name nothing: the line just answered is meant


def cited_lines(conv: Conversation, intent_name: str) -> tuple[str, list[int]] | None:
    """(form, lines in the order cited) of the previous answer when this reading gave it."""
    turn = conv.last
    if turn is None or turn.status != "answered" or turn.intent is None or turn.intent.name != intent_name:
        return None
    lines: list[int] = []
    tables = set()
    for r in turn.results:
        for c in r.get("citations", []):
            if str(c.get("table", "")).startswith(FORM_PREFIX) and c.get("line"):
                tables.add(c["table"])
                if int(c["line"]) not in lines:
                    lines.append(int(c["line"]))
    return (tables.pop(), lines) if len(tables) == 1 and lines else None


def follow_kind(raw: str, ops: set[str], measures: set[str]) -> str | None:
    """What the follow-up asks of the line, from the user's own words."""
    if "share" in ops:
        return "share"
    if "except" in ops:
        return "except"
    if "calculation" in measures or "breakdown" in ops:
        return "parts"
    figure = asked_kind(raw)
    if figure is not None:
        return figure
    if contains_any(raw, COMPANY_WORDS):
        return "company"
    if "basis" in measures or contains_any(raw, BASIS_WORDS):
        return "basis"
    return None


def follow_intent(q: Question, matches: list[Match], conv: Conversation, intent_name: str,
                  ops: set[str], measures: set[str]) -> Intent | None:
    """The follow-up reading, when the previous answer was about lines of one form and the
    user's own words name no project or line of their own."""
    prev = cited_lines(conv, intent_name)
    if prev is None:
        return None
    named = [m for m in matches if m.span and q.text[m.span[0]: m.span[1]] in q.raw]
    m = ORDINAL.search(q.raw)
    kind = follow_kind(q.raw, ops - {"rank"}, measures) or ("amount" if m is not None else None)
    if named:
        if kind is not None or ops or measures or any(n.kind != "detail" for n in named):
            return None  # the user names something of their own: not a bare follow-up
        # '那绩效评价费呢': another line, looked for first in the form just answered
        kind, m = "line", None
    if kind is None:
        return None  # '第二个呢' asks the N-th line's amount; anything else is not about the line
    table, lines = prev
    if m is not None:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMERAL[m.group(1)]
        if not 0 < n <= len(lines):
            return None
        lines = [lines[n - 1]]
    if len(lines) != 1 and kind not in ("except", "basis", "line"):
        return None  # several lines were answered: which one is meant is a guess
    params: dict[str, Any] = {"ops": [kind], "years": list(q.years), "table_id": table,
                              "prev_lines": lines, "follow": kind, "entities": [],
                              # the project as the follow-up's context names it (for a share)
                              "called": next((m.name for m in matches if m.kind == "project"), "")}
    return Intent(name=intent_name, params=params, evidence=FOLLOW_EVIDENCE)


def line_basis(line: Row, runner: Runner) -> Answer:
    cite = safe_cite(runner, line["table_id"], f"项目支出明细 {line['content']}", line["line_no"])
    amount = line.get("amount")
    vals = [value(amount, "万元", line["content"])] if amount is not None else []
    text = (f"{line['content']}（{line['table_id']}）安排 {money(amount)}。"
            f"测算依据及说明：{(line.get('basis') or '（未填写）').strip(' ：:')}")
    return answered(text, vals, [cite], [f"{line['content']}的测算依据是什么？"])


def line_company(line: Row, runner: Runner) -> Answer:
    cite = safe_cite(runner, line["table_id"], f"项目支出明细 {line['content']}", line["line_no"])
    basis = line.get("basis") or ""
    found = list(dict.fromkeys(COMPANY_RE.findall(basis)))
    label = f"{line['content']}（{line['table_id']}）"
    if not found:
        return not_found(f"{label}的测算依据没有写明签约或承接的公司。测算依据原文：{basis or '（未填写）'}")
    return answered(f"{label}的测算依据写明合同签约方为：{'、'.join(found)}。原文：{basis}", [], [cite])


def line_figures(line: Row, kind: str, question: str, runner: Runner) -> Answer:
    cite = safe_cite(runner, line["table_id"], f"项目支出明细 {line['content']}", line["line_no"])
    return basis_figures(line, kind, question, [cite], [f"{line['content']}的测算依据是什么？"])


def answer_follow(params: dict[str, Any], form: dict[str, Any], q: Question, runner: Runner) -> Answer:
    """A follow-up about the line(s) the previous answer cited (project_followup)."""
    rows = [r for r in run(runner, "forms_details") if r["table_id"] == form["table_id"]]
    if params["follow"] == "line":
        asked = norm(q.raw)
        found = named_lines(asked, rows, form["project_name"])
        if len(found) > 1:
            return which_line(found)
        return read_as(line_amount(found[0], runner), asked, found[0], form["project_name"]) if found \
            else no_line(form)
    cited = [r for n in params.get("prev_lines", []) for r in rows if r["line_no"] <= n <= r["line_end"]]
    said = norm(q.raw)
    own = [p for p in unread(said).split("|") if len(p) >= 2]
    if own:
        # the user's own words name a line ('除了服务费…'): that line of this form, or none
        found = named_lines(said, rows, form["project_name"])
        if len(found) == 1:
            cited = found
        elif found or not all(any(p in norm(f"{r['content']}{r.get('basis') or ''}") for r in cited)
                              for p in own):
            return which_line(found) if found else no_line(form)
    if not cited:
        return no_line(form)
    line, kind = cited[0], params["follow"]
    if kind == "except" and len(cited) == 1:
        return other_lines(form, rows, line, runner)
    if kind == "except":
        head = f"除上述 {len(cited)} 项外，{form['project_name']}（{form['table_id']}）的支出明细还有："
        return list_lines(form, [r for r in rows if r not in cited], runner, head)
    if kind == "share":
        return line_share(form, rows, line, runner, params.get("called", ""))
    if kind == "parts":
        return line_parts(line, runner)
    if kind == "company":
        return line_company(line, runner)
    if kind == "basis" and len(cited) > 1:
        head = f"{form['project_name']}（{form['table_id']}）上述 {len(cited)} 项支出明细的金额及测算依据："
        return list_lines(form, cited, runner, head, basis=True)
    if kind == "basis":
        return line_basis(line, runner)
    if kind == "amount":
        return line_basis(line, runner)  # the N-th line of a ranking: its amount and what it is for
    return line_figures(line, kind, q.raw, runner)


__all__ = ["answer_follow", "cited_lines", "follow_intent", "follow_kind", "line_basis", "line_company",
           "line_figures"]
