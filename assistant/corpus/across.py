"""Questions across documents: a series over one department's years, the difference between two of
its years, a ranking of the departments of one year.

Each figure is answered by its own document's answering context (the same pipeline, matching in
that document's catalogue), from a sub-question holding only the subject asked about
("三公经费是多少"); the figures are then brought to one unit (元/万元/亿元) before they are compared,
and each keeps its own citation, titled with its document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.corpus.names import Doc
from assistant.models import Answer, Citation, TableData, Value

MONEY = {"元": 1.0, "万元": 1e4, "亿元": 1e8}
SHOW_UNIT = "万元"  # money compared across documents is shown in 万元 (the unit most tables use)
_YEAR = re.compile(r"(?:比|和|与|跟|较)?(?:19|20)\d{2}\s*年度?")

Ask = Callable[[Doc, str], Answer]  # answer one sub-question from one document


@dataclass(frozen=True)
class Op:
    kind: str  # series | diff | rank
    subject: str
    least: bool = False


@dataclass(frozen=True)
class Figure:
    doc: Doc
    value: float  # in `unit`
    unit: str
    citation: Citation | None
    sql: tuple[str, ...]


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def subject_of(text: str, rules: dict[str, Any]) -> str:
    text = _YEAR.sub("", text)
    words = [*rules.get("series_words", []), *rules.get("rank_words", []), *rules.get("diff_words", []),
             *rules.get("least_words", []), *rules.get("strip_words", [])]
    for w in sorted(set(words), key=len, reverse=True):
        text = text.replace(w, "")
    return re.sub(r"[\s,，、!！.]+", "", text)


def detect(text: str, years: tuple[int, ...], rules: dict[str, Any]) -> Op | None:
    """The operation a question asks for across documents, or None (one document answers)."""
    subject = subject_of(text, rules)
    if not subject:
        return None
    least = _has(text, rules.get("least_words", []))
    if _has(text, rules.get("rank_words", [])):
        return Op("rank", subject, least)
    if len(set(years)) >= 2 and _has(text, rules.get("diff_words", [])):
        return Op("diff", subject)
    if _has(text, rules.get("series_words", [])) and not _has(text, rules.get("compare_words", [])):
        return Op("series", subject)
    return None


def _figure(doc: Doc, answer: Answer) -> Figure | None:
    if answer.status != "answered" or not answer.values or not answer.citations:
        return None  # a figure without its citation is not stated
    v = answer.values[0]
    cite = answer.citations[0].model_copy(update={"title": f"{doc.label}·{answer.citations[0].title}"})
    value, unit = v.value, v.unit
    if unit in MONEY:  # one unit before any comparison
        value, unit = round(value * MONEY[unit] / MONEY[SHOW_UNIT], 2), SHOW_UNIT
    return Figure(doc, value, unit, cite, tuple(answer.sql))


def _fmt(value: float, unit: str) -> str:
    return f"{value:,.2f}{unit}" if unit in MONEY else f"{value:g}{unit}"


def gather(docs: list[Doc], subject: str, ask: Ask) -> tuple[list[Figure], list[Doc]]:
    figures, missing = [], []
    for doc in docs:
        fig = _figure(doc, ask(doc, f"{subject}是多少"))
        (figures.append(fig) if fig is not None else missing.append(doc))
    units = {f.unit for f in figures}
    if len(units) > 1:  # different kinds of quantity cannot be compared: keep the commonest
        common = max(units, key=lambda u: sum(f.unit == u for f in figures))
        missing += [f.doc for f in figures if f.unit != common]
        figures = [f for f in figures if f.unit == common]
    return figures, missing


def _answer(text: str, figures: list[Figure], values: list[Value], columns: list[str],
            rows: list[list[Any]]) -> Answer:
    return Answer(
        status="answered", text=text, values=values,
        citations=[f.citation for f in figures if f.citation is not None],
        sql=[s for f in figures for s in f.sql],
        table=TableData(columns=columns, rows=rows, chart=True),
    )


def _gaps(missing: list[Doc], what: Callable[[Doc], str]) -> str:
    return f"（{'、'.join(what(d) for d in missing)}未能给出这一数字。）" if missing else ""


def series(dept: str, docs: list[Doc], op: Op, ask: Ask) -> Answer:
    figures, missing = gather(docs, op.subject, ask)
    if len(figures) < 2:
        return _none(f"{dept}各年度的{op.subject}", missing)
    unit = figures[0].unit
    parts = [f"{f.doc.year}年{_fmt(f.value, unit)}" for f in figures]
    first, last = figures[0], figures[-1]
    change = round(last.value - first.value, 2)
    trend = "持平" if change == 0 else f"{'增加' if change > 0 else '减少'}{_fmt(abs(change), unit)}"
    text = (f"{dept}{op.subject}：{'；'.join(parts)}。{first.doc.year}—{last.doc.year}年{trend}。"
            f"{_gaps(missing, lambda d: f'{d.year}年')}")
    values = [Value(value=f.value, unit=unit, label=f"{f.doc.year}年{op.subject}") for f in figures]
    rows = [[f"{f.doc.year}年", f.value] for f in figures]
    return _answer(text, figures, values, ["年度", f"{op.subject}（{unit}）"], rows)


def diff(dept: str, docs: list[Doc], op: Op, ask: Ask) -> Answer:
    figures, missing = gather(sorted(docs, key=lambda d: d.year), op.subject, ask)
    if len(figures) != 2:
        return _none(f"{dept}这两年的{op.subject}", missing)
    early, late = figures
    unit, change = early.unit, round(late.value - early.value, 2)
    how = "持平" if change == 0 else f"{'多' if change > 0 else '少'}{_fmt(abs(change), unit)}"
    word = "增加" if change >= 0 else "减少"  # the figure is the size of the change, its sign a word
    text = (f"{dept}{late.doc.year}年{op.subject}{_fmt(late.value, unit)}，{early.doc.year}年"
            f"{_fmt(early.value, unit)}，{late.doc.year}年比{early.doc.year}年{how}。")
    label = f"{late.doc.year}年比{early.doc.year}年{op.subject}{word}"
    values = [Value(value=abs(change), unit=unit, label=label),
              Value(value=late.value, unit=unit, label=f"{late.doc.year}年{op.subject}"),
              Value(value=early.value, unit=unit, label=f"{early.doc.year}年{op.subject}")]
    rows = [[f"{f.doc.year}年", f.value] for f in figures]
    return _answer(text, figures, values, ["年度", f"{op.subject}（{unit}）"], rows)


def rank(year: int, docs: list[Doc], op: Op, ask: Ask) -> Answer:
    figures, missing = gather(docs, op.subject, ask)
    if not figures:
        return _none(f"{year}年各部门的{op.subject}", missing)
    figures.sort(key=lambda f: f.value, reverse=not op.least)
    unit, top = figures[0].unit, figures[0]
    word = "最少" if op.least else "最多"
    order = "；".join(f"{n}. {f.doc.department} {_fmt(f.value, unit)}" for n, f in enumerate(figures, 1))
    text = (f"{year}年{op.subject}{word}的是{top.doc.department}（{_fmt(top.value, unit)}）。"
            f"共{len(figures)}个部门：{order}。{_gaps(missing, lambda d: d.department)}")
    values = [Value(value=f.value, unit=unit, label=f"{f.doc.department}{op.subject}") for f in figures]
    rows = [[f.doc.department, f.value] for f in figures]
    return _answer(text, figures, values, ["部门", f"{op.subject}（{unit}）"], rows)


def _none(what: str, missing: list[Doc]) -> Answer:
    held = "、".join(d.label for d in missing)
    return Answer(status="unanswerable",
                  text=f"抱歉，无法比较{what}：{held or '相关文件'}中没有找到可比较的数字。")
