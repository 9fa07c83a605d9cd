"""Which document a question is about — or a reply when the corpus cannot say.

Order: a department named in the question (full name, derived short name, abbreviation) and/or a
year picks the document; without either, the conversation's current document answers. A
department or year the corpus does not hold gets an honest reply listing what it holds (no
figure); a name two departments share gets a clarifying question with both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.corpus.names import Doc, Mention, NameIndex
from assistant.models import Answer, Candidate
from assistant.settings import SETTINGS


@dataclass(frozen=True)
class Choice:
    doc: Doc | None  # the document to answer from (None with a reply)
    text: str  # the question without the department's name (the document is chosen already)
    department: str | None  # the department the question is about (named or current)
    named: bool  # the department or year was named in this question
    reply: Answer | None = None
    unknown: str | None = None  # an organisation no document is of (the current document may know it)
    fallback: Doc | None = None  # chosen by year only: the current document, should that one not answer
    several: tuple[str, ...] = ()  # departments named together to be compared (each unambiguous)


def strip_mentions(text: str, mentions: list[Mention], by: str = "") -> str:
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        text = text[: m.start] + by + text[m.end :]
    text = text.lstrip("的之")
    return text.replace("的的", "的") or text


def _compares(text: str, rules: dict) -> bool:
    return any(w in text for w in [*rules.get("pair_words", []), *rules.get("rank_words", [])])


def _drop_joiners(text: str, rules: dict) -> str:
    """和/与 left between the names taken out: 万里街道和商务委的… → …"""
    for j in rules.get("joiners", []):
        text = text.lstrip(j)
    return text.lstrip("的之")


def not_held(index: NameIndex, what: str) -> Answer:
    return Answer(status="unanswerable",
                  text=f"抱歉，资料库中没有{what}的预算文件。现有：{index.listing()}。")


def _clarify(index: NameIndex, mentions: list[Mention], text: str, year: int | None) -> Answer:
    shared = next((m for m in mentions if len(m.departments) > 1), None)
    rest = strip_mentions(text, mentions)
    cands = []
    for dept in (shared.departments if shared else tuple(d for m in mentions for d in m.departments)):
        years = [d.year for d in index.of(dept) if year is None or d.year == year]
        label = f"{dept}（{'、'.join(map(str, years))}年）"
        cands.append(Candidate(label=label, question=dept + rest))
    cands = cands[: SETTINGS.max_candidates]
    listing = "、".join(c.label for c in cands)
    said = f"“{shared.text}”可指多个部门" if shared else "问题提到了多个部门"
    return Answer(status="clarify", text=f"{said}，请问您指的是哪一个：{listing}？", candidates=cands)


def choose(index: NameIndex, text: str, years: tuple[int, ...], current: Doc,
           covered: Callable[[Doc], set[int]], rules: dict) -> Choice:
    """`covered(doc)`: the years a document has figures for."""
    mentions = index.mentions(text)
    unknown = next((m.text for m in mentions if not m.departments), None)
    mentions = [m for m in mentions if m.departments]
    depts = list(dict.fromkeys(d for m in mentions for d in m.departments))
    rest = strip_mentions(text, mentions)
    year = years[0] if len(years) == 1 else None
    if len(depts) > 1:
        # A shared short name: the year may settle it (only one of them has that year).
        if all(len(m.departments) == 1 for m in mentions) and _compares(rest, rules):
            return Choice(None, _drop_joiners(rest, rules), None, True, several=tuple(depts))
        holding = [d for d in depts if year is None or index.find(d, year) is not None]
        if len(holding) != 1:
            return Choice(None, text, None, True, _clarify(index, mentions, text, year))
        depts = holding
    if unknown and not depts:
        return Choice(current, text, current.department, False, unknown=unknown)
    dept = depts[0] if depts else current.department
    # The department's own reference document: the current one, or the latest of the one named.
    base = current if dept == current.department else index.of(dept)[-1]
    named = bool(depts)
    if year is None or year == base.year:
        return Choice(base, rest, dept, named or year is not None)
    in_base = year in covered(base)
    if in_base and any(w in text for w in rules.get("compare_words", [])):
        return Choice(base, rest, dept, named)  # 比上年: the document compares itself
    doc = index.find(dept, year)
    if doc is not None:
        return Choice(doc, rest, dept, True, fallback=base if in_base else None)
    # No document of that year: a document of the department that prints that year's figures
    # (the previous year's column) answers; otherwise say what the corpus holds.
    if in_base:
        return Choice(base, rest, dept, True)
    holders = [d for d in index.of(dept) if year in covered(d)]
    if holders:
        return Choice(holders[-1], rest, dept, True)
    return Choice(None, text, dept, True, Answer(
        status="unanswerable",
        text=f"抱歉，资料库中没有{dept}{year}年的预算文件。该部门现有：{index.listing(dept)}。"))
