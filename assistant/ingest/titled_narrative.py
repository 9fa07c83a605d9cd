"""Narrative parts of a titled layout → `paragraphs`, `narrative_facts`, `glossary`.

Each part found by its heading is stored under the seed part its layout declares (主要职能 and
机构设置 → 第一部分, 编制说明 and 其他相关情况说明 → 第三部分, 名词解释 → 第五部分), with the
section path starting at the part's own name, so the seed's narrative handlers read it. Headings
inside a part and joined lines follow the seed's narrative rules.
"""

from __future__ import annotations

import re

from assistant.ingest.facts import extract_facts
from assistant.ingest.layouts import Layout
from assistant.ingest.narrative import _SENTENCE_END, Paragraph, glossary, paragraph_rows
from assistant.ingest.reader import compact, plain
from assistant.ingest.titled import FoundPart

_TERM_NUMBER = re.compile(
    r"^([（(][一二三四五六七八九十]+[）)])[、.．]\s*"
)  # （一）、基本支出 → （一）基本支出
# Numbering styles by level. '180.00万' and '2025.1.1' are figures, not numbering.
_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d{1,2}\s*(?:、|[.．](?!\d))"), 3),
)
_ASIDE = re.compile(r"[（(][^（()）\d]{0,12}[，,][^（()）\d]{0,12}[）)]")
HEADING_MAX = 30  # characters after the numbering
_BODY_PUNCT = re.compile(r"[。：:；;，,]")


def _numbered(text: str) -> re.Match[str] | None:
    return next((m for pattern, _ in _LEVELS if (m := pattern.match(text))), None)


def _heading_level(text: str) -> int | None:
    """'一、项目概述' → 1; a numbered line that reads as a sentence is body text."""
    for pattern, level in _LEVELS:
        m = pattern.match(text)
        if m:
            rest = text[m.end() :]
            if rest and len(rest) <= HEADING_MAX and not _BODY_PUNCT.search(rest):
                return level
            return None
    return None


def _section_name(found: FoundPart, department: str) -> str:
    if found.spec.section:
        return found.spec.section
    return found.heading.removeprefix(department) or found.heading


def _project_name(found: FoundPart, root: str, paras: list[Paragraph]) -> str | None:
    """The project a part's own text names when its heading does not ('项目经费情况说明' whose
    first paragraph reads '由…建设的X新建工程，位于…'): the first of the layout's patterns that
    matches the part's first paragraph."""
    spec = found.spec
    if not paras or not spec.name_patterns or root.removesuffix(spec.heading) not in spec.unnamed:
        return None
    text = compact(paras[0].text)
    for pattern in spec.name_patterns:
        m = pattern.search(text)
        if m and m.group("name"):
            return m.group("name")
    return None


def _named_root(found: FoundPart, root: str, paras: list[Paragraph]) -> None:
    """Sections of an unnamed project's part renamed as a heading naming it would read
    (X经费情况说明), so its figures are reached through the project's name."""
    name = _project_name(found, root, paras)
    if name is None:
        return
    named = name + found.spec.heading
    for p in paras:
        p.section = named + p.section[len(root) :]


def paragraphs(lines: list[str], parts: list[FoundPart], department: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for found in parts:
        first = len(out)
        root = _section_name(found, department)
        path: dict[int, str] = {}
        part = found.spec.part
        pending: Paragraph | None = None
        for no in range(found.line + 1, found.end + 1):
            raw = lines[no - 1]
            if "\t" in raw:
                pending = None
                continue
            text = _TERM_NUMBER.sub(r"\1", plain(raw).strip())
            if not text:
                continue
            level = _heading_level(compact(text))
            if level is not None:
                pending = None
                path = {k: v for k, v in path.items() if k < level}
                path[level] = compact(text)
                if level == 1:
                    part = next((p for words, p in found.spec.sections if words in text), found.spec.part)
                continue
            section = " / ".join([root, *(path[k] for k in sorted(path))])
            if pending and not pending.text.endswith(_SENTENCE_END) and not _numbered(compact(text)):
                pending.offsets.append((len(pending.text), no))
                pending.text += text  # the PDF wrapped one paragraph over several lines
                pending.line_end = no
                continue
            pending = Paragraph(part, section, text, no, no, [(0, no)])
            out.append(pending)
        _named_root(found, root, out[first:])
    return out


def extract(
    layout: Layout, lines: list[str], parts: list[FoundPart], year: int, department: str
) -> dict[str, list[dict]]:
    paras = paragraphs(lines, parts, department)
    facts = []
    for p in paras:
        # an aside in brackets ('比2022年（上一年度，下同）预算增加') would split the clause:
        # blanked, same length, so offsets still map to lines
        text = _ASIDE.sub(lambda m: " " * len(m.group(0)), p.text)
        for fact in extract_facts(text, year, p.section):
            line_no = p.line_at(fact.pop("offset"))
            fact["subject"] = layout.subject(fact["subject"], fact["measure"])
            facts.append({"part": p.part, "section": p.section, **fact, "line_no": line_no})
    return {
        "paragraphs": paragraph_rows(paras),
        "narrative_facts": facts,
        # a term printed in quotes (“三公”经费) is looked up without them
        "glossary": [g | {"term": g["term"].replace("“", "").replace("”", "")} for g in glossary(paras)],
    }
