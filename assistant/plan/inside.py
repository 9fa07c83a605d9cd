"""Whether a part can be shown to lie inside a whole, from how the document prints them: codes of
one classification, a table's 合计 line, one narrative section, a project's own form. A share is
stated only when one of these holds (plan/whole.py settles the wholes it reads by construction)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Match
from assistant.plan.siblings import CODED
from assistant.query.model import Value

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def not_within(part: Match, whole: Match) -> bool:
    """住房公积金 (30113) 占 商品和服务支出 (302): two coded lines of one classification, the
    first not under the second — no part of it."""
    return bool(part.kind == whole.kind and part.kind in CODED and part.code and whole.code
                and part.code != whole.code and not part.code.startswith(whole.code))


def contains(part: tuple[Value, list[Match]], whole: tuple[Value, list[Match]], env: Env) -> bool:
    """Whether the part can be shown to lie inside the whole: a coded line under a coded line of
    its classification; a line or a 合计 cell of the table whose total the whole is; a 测算依据
    line of the project's own form. (A whole that is a column or the whole budget is settled
    before: plan/whole.settle.)"""
    pairs = [(a, b) for a in part[1] for b in whole[1]
             if a.kind == b.kind and a.kind in CODED and a.code and b.code]
    if pairs:  # 住房公积金 (2210201 and 30113) in 住房改革支出 (22102): within by one classification
        return any(not not_within(a, b) for a, b in pairs)
    tables = {c.table for c in part[0].citations}
    if any(m.kind == "table" and m.code in tables for m in whole[1]):
        return True  # 面向小微企业的采购 (the 合计 line's column) in 政府采购 (that table's total)
    if any(c.table in tables and TOTAL_ROW.search(c.row or "") for c in whole[0].citations):
        return True
    if _section_total(part[0], whole[0]) or _subsection_total(part[0], whole[0], env) \
            or _said_within(part[0], whole[0], env):
        return True
    projects = {m.name for m in whole[1] if m.kind == "project"}
    # a line of the project's own form (its 支出明细 / 测算依据) is part of that project
    return bool(projects) and any(
        e.kind == "project" and e.name in projects and e.table_id in tables for e in env.index.entries)


TOTAL_ROW = re.compile(r"合计|总计")
WITHIN = "其中"


def _said_within(part: Value, whole: Value, env: Env) -> bool:
    """中小企业预留 1,928.48 万元，其中预留给小微企业 1,349.94 万元: one sentence of the narrative
    states the part after 其中, following the whole's figure."""
    lines = {(c.table, c.line) for c in whole.citations if not c.table.startswith("预算")}
    said = [c for c in part.citations if (c.table, c.line) in lines]
    if not said or part.amount >= whole.amount:
        return False
    paragraphs = [p for p in env.runner.run("narr_paragraphs") if p["part"] == said[0].table
                  and p["line_start"] <= said[0].line]
    if not paragraphs:
        return False
    text = str(max(paragraphs, key=lambda p: p["line_start"])["text"])
    at = [_figure_at(text, v.amount) for v in (whole, part)]
    return at[0] >= 0 and at[1] > at[0] and WITHIN in text[at[0]: at[1]]


def _figure_at(text: str, amount: float) -> int:
    return min((i for i in (text.find(f"{amount:,.2f}"), text.find(f"{amount:.2f}")) if i >= 0), default=-1)
SECTION_TOTALS = ("项目总预算", "总预算", "合计", "总计")  # how a section prints the total of its parts


def _section_total(part: Value, whole: Value) -> bool:
    """服务类 in 政府采购预算: both stated in one section of the narrative (三、政府采购预算情况),
    the whole being the figure the section is about — the others are its parts."""
    for a in part.citations:
        for b in whole.citations:
            if a.table != b.table or " " not in (a.row or "") or " " not in (b.row or ""):
                continue
            section, label = b.row.split(" ", 1)
            about = re.sub(r"[“”\"'‘’]", "", section)  # 一、2025年“三公”经费预算情况说明
            core = re.sub(r"(?:预算数|预算|合计|总额|总计|支出)+$", "", label) or label  # 三公经费预算数
            # …or the section's own total (项目总预算 of 生命健康专项…情况说明, its parts after it)
            total = label in SECTION_TOTALS
            if a.row.split(" ", 1)[0] == section and (core in about or total) and part.amount <= whole.amount:
                return True
    return False


def _subsection_total(part: Value, whole: Value, env: Env) -> bool:
    """公务接待费 in 三公经费: the part stated under a subsection （二）公务接待费 of the section the
    whole is about (二、2025年一般公共预算“三公”经费预算情况) — its path in the narrative says so."""
    for b in whole.citations:
        if " " not in (b.row or ""):
            continue
        section, label = b.row.split(" ", 1)
        core = re.sub(r"(?:预算数|预算|合计|总额|总计|支出)+$", "", label) or label
        if core not in re.sub(r"[“”\"'‘’]", "", section) or part.amount > whole.amount:
            continue
        for a in part.citations:
            if a.table != b.table or a.line <= b.line:
                continue
            paths = {str(r["section"]) for r in env.runner.run("narr_facts") if r["line_no"] == a.line}
            if any(p.startswith(f"{section} / ") for p in paths):
                return True
    return False


CLASSIFIED = ("function", "economic")  # the classifications whose codes nest (301 holds 30101)


def scope_first(found: list[tuple[Value, list[Match]]], env: Env) -> bool:
    """发工资的钱，基本工资和津贴补贴加起来: the first thing said holds every other one — it says where
    the parts are, and adding it to them would count them twice."""
    heads = [m for m in found[0][1] if m.kind in CLASSIFIED and m.code] if len(found) >= 3 else []
    # (by the classification's codes only: projects of one table hold none of each other)
    return bool(heads) and all(any(a.kind == b.kind and a.code and a.code != b.code and not not_within(a, b)
                                   for a in f[1] for b in heads) for f in found[1:])
