"""Document layouts as data (`knowledge/layouts/*.toml`) and which one a document is.

A layout declares how its title line reads, which tables it prints (recognised by title, each
with the seed table `role` it plays), the unit line and the narrative parts. Adding a layout
means adding a file; the parser named by `parser` is shared code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.ingest.reader import compact, plain

LAYOUT_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "layouts"
DETECT_LINES = 12  # the title and department lines are among the first non-blank lines


@dataclass(frozen=True)
class TableSpec:
    role: str  # the seed table id whose meaning the table carries (预算05表)
    title: str  # printed title without year/department (部门一般公共预算支出功能分类预算表)
    kind: str = "grid"  # grid | two_sided | totals
    core: bool = False  # a document of this layout cannot lack it
    columns: dict[str, str] | None = None  # printed column label -> the label stored


@dataclass(frozen=True)
class PartSpec:
    heading: str  # a heading line ends with this
    part: str  # the seed part whose handlers read it (第一部分 …)
    section: str  # section name in citations; empty: the heading itself
    repeat: bool = False
    catalogue: bool = True  # False: its figures are not catalogue entities (read by its own handler)
    # (words of a level-1 heading inside the part, the seed part its paragraphs belong to)
    sections: tuple[tuple[str, str], ...] = ()
    # A heading whose words before `heading` are one of these (项目经费情况说明) names no project:
    # the project's name is taken from the part's first paragraph by the first of `name_patterns`
    # (regex, group `name`) that matches it.
    unnamed: tuple[str, ...] = ()
    name_patterns: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class FormsSpec:
    """Per-project forms printed one after another (see `[forms]` in a layout file)."""

    title: str  # a form's title line ends with it
    role: str  # the seed table the forms stand for (预算15表): ids role-1, role-2 …
    unit: re.Pattern[str] | None  # the unit printed in a label (项目资金（元）)
    margins: tuple[str, ...]  # block labels in the left margin
    indicator_header: tuple[str, ...]  # words of the indicator grid's header row
    money_columns: tuple[str, ...]  # heads of the money block's columns, left to right
    goals: dict[str, str]  # goal column label -> horizon (长期 | 年度)
    fields: dict[str, str]  # printed label -> form_fields.field


def _forms(data: dict | None) -> FormsSpec | None:
    if not data:
        return None
    return FormsSpec(
        title=data["title"],
        role=data["role"],
        unit=re.compile(data["unit"]) if "unit" in data else None,
        margins=tuple(data.get("margins", ())),
        indicator_header=tuple(data.get("indicator_header", ("一级指标", "三级指标"))),
        money_columns=tuple(data.get("money_columns", ())),
        goals=dict(data.get("goals", {})),
        fields=dict(data.get("fields", {})),
    )


@dataclass(frozen=True)
class SubjectRule:
    pattern: re.Pattern[str]  # full match on a narrative fact's extracted subject
    subject: str  # the subject in the handlers' words (may use \1)
    measure: str | None = None  # only facts of this measure


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    parser: str  # hubei (the seed's own parser) | titled
    title: re.Pattern[str]
    department: re.Pattern[str] | None
    min_tables: int
    unit_line: re.Pattern[str] | None
    note_line: re.Pattern[str] | None
    code_header: str
    code_levels: tuple[str, ...]
    code_widths: tuple[int, ...]  # digits of each level's code part (类 3, 款 2, 项 2)
    tables: tuple[TableSpec, ...]
    parts: tuple[PartSpec, ...]
    subjects: tuple[SubjectRule, ...] = ()
    aliases: tuple[tuple[re.Pattern[str], str], ...] = ()  # (printed name pattern, short alias)
    forms: FormsSpec | None = None

    def subject(self, subject: str, measure: str) -> str:
        for rule in self.subjects:
            if rule.measure not in (None, measure):
                continue
            m = rule.pattern.fullmatch(subject)
            if m:
                return m.expand(rule.subject)
        return subject


def _layout(data: dict) -> Layout:
    detect, text = data.get("detect", {}), data.get("text", {})
    return Layout(
        name=data["name"],
        description=data.get("description", ""),
        parser=data.get("parser", "titled"),
        title=re.compile(detect["title"]),
        department=re.compile(detect["department"]) if "department" in detect else None,
        min_tables=int(detect.get("min_tables", 1)),
        unit_line=re.compile(text["unit_line"]) if "unit_line" in text else None,
        note_line=re.compile(text["note_line"]) if "note_line" in text else None,
        code_header=text.get("code_header", "编码"),
        code_levels=tuple(text.get("code_levels", ("类", "款", "项"))),
        code_widths=tuple(text.get("code_widths", (3, 2, 2))),
        tables=tuple(TableSpec(**t) for t in data.get("tables", [])),
        parts=tuple(
            PartSpec(
                **{
                    **p,
                    "sections": tuple((x["heading"], x["part"]) for x in p.get("sections", [])),
                    "unnamed": tuple(p.get("unnamed", ())),
                    "name_patterns": tuple(re.compile(x) for x in p.get("name_patterns", ())),
                }
            )
            for p in data.get("parts", [])
        ),
        aliases=tuple((re.compile(r["pattern"]), r["alias"]) for r in data.get("aliases", [])),
        forms=_forms(data.get("forms")),
        subjects=tuple(
            SubjectRule(re.compile(r["pattern"]), r["subject"], r.get("measure"))
            for r in data.get("subjects", [])
        ),
    )


@lru_cache(maxsize=4)
def load_layouts(folder: Path = LAYOUT_DIR) -> tuple[Layout, ...]:
    out = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as f:
            out.append(_layout(tomllib.load(f)))
    return tuple(out)


def first_lines(lines: list[str], limit: int = DETECT_LINES) -> list[tuple[int, str]]:
    """(line number, text) of the first non-blank lines."""
    out: list[tuple[int, str]] = []
    for no, line in enumerate(lines, 1):
        if line.strip():
            out.append((no, line))
            if len(out) >= limit:
                break
    return out


def title_match(layout: Layout, lines: list[str]) -> re.Match[str] | None:
    for _, line in first_lines(lines):
        text = line.strip() if line.lstrip().startswith("#") else compact(plain(line))
        m = layout.title.match(text)
        if m:
            return m
    return None


def detect_layout(lines: list[str]) -> Layout | None:
    """The layout whose title line the document starts with and whose tables it prints; the
    titled layouts are tried first (their title lines are the more specific)."""
    from assistant.ingest.titled import find_tables  # the table finder is the titled parser's

    layouts = sorted(load_layouts(), key=lambda lay: lay.parser == "hubei")
    for layout in layouts:
        if title_match(layout, lines) is None:
            continue
        if layout.parser != "titled" or len(find_tables(layout, lines)) >= layout.min_tables:
            return layout
    return None
