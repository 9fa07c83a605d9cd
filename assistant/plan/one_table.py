"""A column of the budget read with its whole from one table's 合计 line (项目支出占总支出, 基本支出
和项目支出各多少): never one fund's column over another fund's total."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.plan.columns import column, wholes
from assistant.plan.inside import TOTAL_ROW
from assistant.plan.values import value_of
from assistant.query.model import Subject
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def of_one_table(part: Subject, said: Subject | None, env: Env) -> tuple[Subject, Subject] | None:
    """A column of the budget over the whole budget: both from one table's 合计 line — the table of
    every fund for a bare column (项目支出占总支出), the fund's own table for a column said with its
    fund (一般公共预算的项目支出占比), so a column is never divided by another fund's total."""
    name = said.text if said is not None else str(wholes()["general"])
    if column(part.text) in wholes()["all_funds_columns"]:
        table = str(wholes()["all_funds_table"])
        cell, total = value_of(table + part.text, env), value_of(table + TOTAL_WORD, env)
        if cell is None or total is None:
            return None
        return (Subject(text=table + part.text, span=part.span, label=part.text),
                Subject(text=table + TOTAL_WORD, span=said.span if said else part.span, label=name))
    if said is not None:
        return None
    found = value_of(part.text, env)
    rows = [c for c in (found[0].citations if found else ()) if TOTAL_ROW.search(c.row or "")]
    if len(rows) != 1 or not any(column(w) for w in measure_words(part.text)):
        return None
    table = rows[0].table
    if value_of(table + TOTAL_WORD, env) is None:
        return None
    return (part.model_copy(update={"label": part.label or part.text}),
            Subject(text=table + TOTAL_WORD, span=part.span, label=f"{rows[0].title or table}合计"))


TOTAL_WORD = "合计"


def columns_of_one_table(subjects: tuple[Subject, ...], env: Env) -> tuple[Subject, ...] | None:
    """基本支出和项目支出各多少 / 人员经费加公用经费: columns of the budget said bare are read from one
    table's 合计 line — the table of every fund where it prints them all — so no two figures come
    from different funds' totals."""
    if len(subjects) < 2 or any(column(s.text) not in wholes()["all_funds_columns"] for s in subjects):
        return None
    table = str(wholes()["all_funds_table"])
    if any(value_of(table + s.text, env) is None for s in subjects):
        return None
    return tuple(Subject(text=table + s.text, span=s.span, label=s.text) for s in subjects)


def measure_words(text: str) -> list[str]:
    return [t.text for t in tag(text, (), load_lexicon()) if t.kind == "measure"]
