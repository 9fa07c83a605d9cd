"""Which 测算依据 line of a project's form a question asks: the line it names (and any named with it), a
rival named as well (asked which), the listing of every line, and the firms a basis names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz.distance import LCSseq

from assistant.models import Answer, Match, Question
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_common import (
    answered,
    best_rows,
    money,
    norm,
    not_found,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_projects import entity_tables, one_form, resolve_forms
from assistant.pipeline.units import document_unit

# question words removed before comparing what is left with the line labels
ASK_WORDS = re.compile(r"多少钱|是多少|多少|安排了|安排|预算|金额|有多少|[是的了吗呢钱]|[?？!！,，。]")
RIVAL_MIN_FIT = 0.9  # the chosen line carries nearly all the question's words …
RIVAL_MARGIN = 0.05  # … and another line carries as many: ask which


def names_other_thing(matches: Sequence[Match]) -> bool:
    return any(m.kind in ("project", "function", "economic", "indicator") and m.score >= 90 for m in matches)


def also_named(text: str, chosen: Row, rows: Sequence[Row]) -> list[Row]:
    """Other lines the question names besides the chosen one: a follow-up glued to the previous
    entity ('高新技术企业认定奖励瞪羚企业认定奖励') must not be answered with the first name."""
    rest, own = norm(text), norm(chosen["content"])
    # blank out the chosen line's own words (printed whole or partly: 瞪羚企业认定奖励)
    m = SequenceMatcher(None, rest, own, autojunk=False).find_longest_match(0, len(rest), 0, len(own))
    if m.size >= 2:
        rest = rest[: m.a] + "|" + rest[m.a + m.size :]
    out = []
    for r in rows:
        label = norm(r["content"])
        if r is chosen or len(label) < 4:
            continue
        m = SequenceMatcher(None, rest, label, autojunk=False).find_longest_match(0, len(rest), 0, len(label))
        if m.size >= max(4, 0.6 * len(label)):
            out.append(r)
    return out[:4]


def rival_rows(text: str, chosen: Row, rows: Sequence[Row]) -> list[Row]:
    """Other lines the question fits as well as the chosen one ('孵化器奖励' names both the
    认定 and the 建设 line). Fit = share of the question's words found, in order, in the label.
    A label printed whole in the question is never ambiguous."""
    if norm(chosen["content"]) in norm(text):
        return []
    core = norm(ASK_WORDS.sub("", text))
    if len(core) < 2:
        return []

    def fit(r: Row) -> float:
        return LCSseq.similarity(core, norm(r["content"])) / len(core)

    top = fit(chosen)
    if top < RIVAL_MIN_FIT:
        return []
    return [r for r in rows if r is not chosen and fit(r) >= top - RIVAL_MARGIN][:4]


def target(q: Question, params: dict[str, Any], rows: Sequence[Row], runner: Runner) -> Row | None:
    if "table_id" in params and "line_no" in params:
        for r in rows:
            if r["table_id"] == params["table_id"] and r["line_no"] == params["line_no"]:
                return r
    names: list[str] = []
    for ent in params.get("entities", []):
        names += [ent["name"], ent["alias"]]
        for alias in entity_tables(runner, ent["id"]):
            for r in rows:
                if r["table_id"] == alias["table_id"] and r["line_no"] <= alias["line_no"] <= r["line_end"]:
                    return r
    scored = best_rows(q.text, rows, "content", 78.0, names)
    if not scored:
        return None
    forms = {f["table_id"] for f in resolve_forms(q, params | {"allow_previous": False}, runner)}
    top = scored[0][0]
    near = [r for s, r in scored if s >= top - 0.5]
    for r in near:
        if r["table_id"] in forms:
            return r
    return near[0]


def listing(q: Question, params: dict[str, Any], rows: Sequence[Row], runner: Runner) -> Answer:
    form, which = one_form(q, params, runner, "{name}的支出明细有哪些？")
    if which is not None:
        return which
    if form is None:
        return not_found("没有找到这个项目的绩效目标申报表。")
    mine = [r for r in rows if r["table_id"] == form["table_id"]]
    if not mine:
        return answered(
            f"{form['project_name']}（{form['table_id']}）未填写项目支出明细。",
            (),
            [safe_cite(runner, form["table_id"], form["project_name"], form["line_start"])],
        )
    lines = [f"{i}. {r['content']}：{money(r['amount'])}" for i, r in enumerate(mine, 1)]
    total = sum((r["amount"] or Decimal(0)) for r in mine)
    text = (
        f"{form['project_name']}（{form['table_id']}）的项目支出明细共 {len(mine)} 项，"
        f"合计 {money(total)}：\n" + "\n".join(lines)
    )
    vals = [value(r["amount"], document_unit(), r["content"]) for r in mine if r["amount"] is not None]
    vals.append(value(total, document_unit(), "明细合计"))
    cites = [safe_cite(runner, r["table_id"], r["content"], r["line_no"]) for r in mine]
    return answered(text, vals, cites, [f"{mine[0]['content']}的测算依据是什么？"])


_LISTED = re.compile(r"((?:[\u4e00-\u9fa5A-Za-z0-9（）()]{2,30}、)+[\u4e00-\u9fa5A-Za-z0-9（）()]{2,20})\s*"
                     r"(\d+|[一二两三四五六七八九十]+)\s*(?:家|个单位|户)")
SIGNED_WITH = re.compile(r"与([\u4e00-\u9fa5A-Za-z0-9（）()]{2,30}?)签(?:订|署)")  # 与恒生保泰签订了协议
_SMALL = {w: i for i, w in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
_KIND_BEFORE = re.compile(r"^.*(?:企业|公司|单位|机构)")  # 单项冠军企业普创: the kind before the first name


def listed_firms(basis: str) -> list[str]:
    """The names a 测算依据 lists before saying how many there are (普创、通联路桥、华源电力 3 家),
    when the count printed is the number of names listed."""
    for m in _LISTED.finditer(basis):
        names = m.group(1).split("、")
        names[0] = _KIND_BEFORE.sub("", names[0])
        count = int(m.group(2)) if m.group(2).isdigit() else _SMALL.get(m.group(2), 0)
        if count == len(names) and all(len(n) >= 2 for n in names):
            return names
    return []
