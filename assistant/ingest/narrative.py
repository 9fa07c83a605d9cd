"""Narrative parts (第一/三/四/五部分) → `paragraphs`, `narrative_facts`, `glossary`.

Headings are recognised by their numbering style (一、 → level 1, （一） → 2, 1、 → 3), not by the
markdown '#' count, which the PDF rendering applies inconsistently. A paragraph the renderer
broke over a blank line (no closing punctuation, next line not numbered) is joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.facts import extract_facts
from assistant.ingest.reader import MAX_NAME_CHARS, compact, plain

NARRATIVE_PARTS = ("第一部分", "第三部分", "第四部分", "第五部分")
HEADING_MAX_CHARS = 40  # an unmarked numbered line longer than this is a paragraph, not a heading

_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+\s*[、.．]"), 3),
)
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．])")
_SENTENCE_END = ("。", "；", ";", "！", "？", "：", ":", ".", "”")
_TERM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*([^：:]{1,30}?)\s*[：:]\s*(.+)$")
# Bounded runs (MAX_NAME_CHARS): nested lazy runs over a long line backtrack polynomially.
_CODE_PATH = re.compile(
    rf"^\d+\s*[、.．]\s*(.{{1,{MAX_NAME_CHARS}}}?[（(]类[）)].{{0,{MAX_NAME_CHARS}}}?[（(]款[）)]"
    rf"(.{{1,{MAX_NAME_CHARS}}}?)[（(]项[）)])\s*(.*)$"
)


@dataclass
class Paragraph:
    part: str
    section: str
    text: str
    line_start: int
    line_end: int
    offsets: list[tuple[int, int]] = field(default_factory=list)  # (char offset, line_no) per joined line

    def line_at(self, offset: int) -> int:
        return max((no for off, no in self.offsets if off <= offset), default=self.line_start)


def _heading_level(line: str) -> int | None:
    """Level of a heading line, or None for body text."""
    marked = line.lstrip().startswith("#")
    text = compact(plain(line))
    if not text or "\t" in line:
        return None
    for pattern, level in _LEVELS:
        if pattern.match(text):
            if marked or (len(text) <= HEADING_MAX_CHARS and not re.search(r"[。：:；，、]", text)):
                return level
            return None
    return 1 if marked else None


def paragraphs(lines: list[str], parts: dict[str, tuple[int, int]]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for part in NARRATIVE_PARTS:
        if part not in parts:
            continue
        start, end = parts[part]
        part_title = re.sub(r"^第[一二三四五六七八九十]+部分", "", compact(plain(lines[start - 1]))) or part
        path: dict[int, str] = {}
        pending: Paragraph | None = None
        for no in range(start + 1, end + 1):
            raw = lines[no - 1]
            text = plain(raw).replace("\t", " ").strip()
            if not text:
                continue
            level = _heading_level(raw)
            if level is not None:
                pending = None
                path = {k: v for k, v in path.items() if k < level}
                path[level] = compact(text)
                continue
            section = " / ".join(path[k] for k in sorted(path)) or part_title
            if pending and not pending.text.endswith(_SENTENCE_END) and not _NUMBERED.match(compact(text)):
                pending.offsets.append((len(pending.text), no))
                pending.text += text  # the renderer broke one paragraph over a blank line
                pending.line_end = no
                continue
            pending = Paragraph(part, section, text, no, no, [(0, no)])
            out.append(pending)
    return out


def glossary(paras: list[Paragraph]) -> list[dict]:
    """第五部分 terms （一）… and the function-code descriptions ('…（类）…（款）X（项）反映…')."""
    out: list[dict] = []
    for p in paras:
        if p.part != "第五部分":
            continue
        text = compact(p.text)
        m = _CODE_PATH.match(text)
        if m:
            out.append(
                {
                    "term": compact(m.group(2)),
                    "definition": m.group(3) or text,
                    "kind": "function_code",
                    "path": m.group(1),
                    "line_no": p.line_start,
                }
            )
            continue
        m = _TERM.match(text)
        if m:
            out.append(
                {
                    "term": m.group(2),
                    "definition": m.group(3),
                    "kind": "term",
                    "path": None,
                    "line_no": p.line_start,
                }
            )
    return out


def extract(lines: list[str], parts: dict[str, tuple[int, int]], year: int) -> dict[str, list[dict]]:
    paras = paragraphs(lines, parts)
    facts = []
    for p in paras:
        for fact in extract_facts(p.text, year, p.section):
            line_no = p.line_at(fact.pop("offset"))
            facts.append({"part": p.part, "section": p.section, **fact, "line_no": line_no})
    return {"paragraphs": paragraph_rows(paras), "narrative_facts": facts, "glossary": glossary(paras)}


def paragraph_rows(paras: list[Paragraph]) -> list[dict]:
    """The `paragraphs` rows of any layout's narrative."""
    return [{"part": p.part, "section": p.section, "text": p.text, "line_start": p.line_start,
             "line_end": p.line_end} for p in paras]
