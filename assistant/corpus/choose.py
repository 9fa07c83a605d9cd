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


def strip_mentions(text: str, mentions: list[Mention]) -> str:
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        text = text[: m.start] + text[m.end :]
    text = text.lstrip("的之")
    return text.replace("的的", "的") or text


def _not_held(index: NameIndex, what: str) -> Answer:
    return Answer(status="unanswerable",
                  text=f"抱歉，资料库中没有{what}的预算文件。现有：{index.listing()}。")


def _clarify(index: NameIndex, mention: Mention, text: str, year: int | None) -> Answer:
    cands = []
    for dept in mention.departments[: SETTINGS.max_candidates]:
        years = [d.year for d in index.of(dept) if year is None or d.year == year]
        label = f"{dept}（{'、'.join(map(str, years))}年）"
        cands.append(Candidate(label=label, question=text[: mention.start] + dept + text[mention.end :]))
    listing = "、".join(c.label for c in cands)
    return Answer(status="clarify", text=f"“{mention.text}”可指多个部门，请问您指的是哪一个：{listing}？",
                  candidates=cands)


def choose(index: NameIndex, text: str, years: tuple[int, ...], current: Doc,
           covered: Callable[[Doc], set[int]], inside: Callable[[str], bool]) -> Choice:
    """`covered(doc)`: the years a document has figures for; `inside(word)`: a name in the current
    document's own catalogue contains word (then it is not a department)."""
    mentions = [m for m in index.mentions(text) if m.departments or not inside(m.text)]
    unknown = [m for m in mentions if not m.departments]
    if unknown:
        return Choice(None, text, None, True, _not_held(index, f"“{unknown[0].text}”"))
    depts = list(dict.fromkeys(d for m in mentions for d in m.departments))
    rest = strip_mentions(text, mentions)
    year = years[0] if len(years) == 1 else None
    if len(depts) > 1:
        # A shared short name: the year may settle it (only one of them has that year).
        holding = [d for d in depts if year is None or index.find(d, year) is not None]
        if len(holding) == 1:
            depts = holding
        else:
            shared = next((m for m in mentions if len(m.departments) > 1), mentions[0])
            return Choice(None, text, None, True, _clarify(index, shared, text, year))
    dept = depts[0] if depts else current.department
    named = bool(depts) or year is not None
    if year is None:
        if depts and dept != current.department:
            return Choice(index.of(dept)[-1], rest, dept, True)  # the latest year of that department
        return Choice(current, rest, dept, named)
    doc = index.find(dept, year)
    if doc is not None:
        return Choice(doc, rest, dept, True)
    # No document of that year: a document of the department that prints that year's figures
    # (the previous year's column) answers; otherwise say what the corpus holds.
    holders = [d for d in index.of(dept) if year in covered(d)]
    if holders:
        pick = current if current in holders else holders[-1]
        return Choice(pick, rest, dept, True)
    return Choice(None, text, dept, True, Answer(
        status="unanswerable",
        text=f"抱歉，资料库中没有{dept}{year}年的预算文件。该部门现有：{index.listing(dept)}。"))
