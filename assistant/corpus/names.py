"""The department/year index of the corpus: which documents a question names.

Built from the `documents` table and `knowledge/corpus.toml`: every department's full name and the
short names its rules derive, each mapped to the departments it may stand for (two departments
may share a short name: the chooser then asks which). Matching is on the question text only —
the document's own catalogue is consulted afterwards, by that document's answering context.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.settings import SETTINGS


@dataclass(frozen=True)
class Doc:
    doc_id: str
    department: str
    year: int
    unit: str
    file_name: str

    @property
    def label(self) -> str:
        return f"{self.department}{self.year}年部门预算"


@dataclass(frozen=True)
class Mention:
    """A stretch of the question naming one or more departments (several: ambiguous)."""

    start: int
    end: int
    text: str
    departments: tuple[str, ...]


@lru_cache(maxsize=2)
def corpus_rules(folder: Path | None = None) -> dict[str, Any]:
    path = Path(folder or SETTINGS.knowledge_dir) / "corpus.toml"
    with path.open("rb") as f:
        return tomllib.load(f)


def short_names(full: str, rules: dict[str, Any]) -> set[str]:
    """The full name and every name the alias rules derive from it (closure), usable ones only."""
    compiled = [(re.compile(p), r) for p, r in rules.get("alias_rules", [])]
    names, todo = {full}, [full]
    while todo:
        name = todo.pop()
        for pattern, repl in compiled:
            new = pattern.sub(repl, name, count=1)
            if new != name and new and new not in names:
                names.add(new)
                todo.append(new)
    generic = set(rules.get("generic", []))
    least = int(rules.get("min_alias_chars", 3))
    return {n for n in names if len(n) >= least and n not in generic} | {full}


def also_named(paragraphs: list[dict[str, Any]], rules: dict[str, Any] | None = None) -> list[str]:
    """Other names the department works under, as its narrative says them (加挂 A、B 牌子)."""
    rules = rules if rules is not None else corpus_rules()
    split = re.compile(rules.get("also_named_separator", "、"))
    found: list[str] = []
    for pattern in rules.get("also_named", []):
        for p in paragraphs:
            text = re.sub(r"\s+", "", str(p.get("text") or ""))  # a name broken over two lines
            for m in re.finditer(pattern, text):
                found += [n for n in split.split(m.group(1)) if len(n) >= 3 and n not in found]
    return found


def _abbreviates(short: str, name: str) -> bool:
    """经信科创局 (科技局) shortens 经济信息化和科技创新局: ending alike, every character in order."""
    if len(short) < 3 or len(short) >= len(name) or short[-1] != name[-1]:
        return False
    it = iter(name)
    return all(ch in it for ch in short)


@dataclass
class NameIndex:
    docs: list[Doc]
    aliases: dict[str, set[str]] = field(default_factory=dict)  # name -> departments
    rules: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: list[dict[str, Any]], rules: dict[str, Any] | None = None) -> NameIndex:
        rules = rules if rules is not None else corpus_rules()
        docs = [Doc(r["doc_id"], r["department"], int(r["year"]), r["unit"], r["file_name"]) for r in rows]
        aliases: dict[str, set[str]] = defaultdict(set)
        for dept in {d.department for d in docs}:
            for name in short_names(dept, rules):
                aliases[name].add(dept)
        return cls(docs, dict(aliases), rules)

    # ---- look-ups ----------------------------------------------------------------------------
    def departments(self) -> list[str]:
        return sorted({d.department for d in self.docs})

    def of(self, department: str) -> list[Doc]:
        return sorted((d for d in self.docs if d.department == department), key=lambda d: d.year)

    def in_year(self, year: int) -> list[Doc]:
        return sorted((d for d in self.docs if d.year == year), key=lambda d: d.department)

    def get(self, doc_id: str) -> Doc | None:
        return next((d for d in self.docs if d.doc_id == doc_id), None)

    def find(self, department: str, year: int) -> Doc | None:
        return next((d for d in self.docs if d.department == department and d.year == year), None)

    def mentions(self, text: str) -> list[Mention]:
        """Departments named in text: longest names first, non-overlapping, then abbreviations."""
        found: list[Mention] = []
        taken = [False] * len(text)
        for name in sorted(self.aliases, key=len, reverse=True):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(taken[start:end]):
                    depts = tuple(sorted(self.aliases[name]))
                    # 区政府办公室 starts with its level: the area's name stands right before it
                    levels = self.rules.get("region_levels", [])
                    before = text[: start + 1] if name[0] in levels else text[:start]
                    region = self._foreign_region(before, depts)
                    if region:  # 江岸区 + 经济信息化和科技创新局: the same office of another area
                        start = len(before) - len(region)
                        depts = ()
                    found.append(Mention(start, end, text[start:end], depts))
                    taken[start:end] = [True] * (end - start)
                start = text.find(name, end)
        for m in self._org_words(text):
            if any(taken[m.start():m.end()]):
                continue
            start, word, depts = self._abbreviation(m.start(), m.group(0))
            if word in self.rules.get("generic", []):
                continue
            found.append(Mention(start, m.end(), word, depts))
            taken[start:m.end()] = [True] * (m.end() - start)
        return sorted(found, key=lambda m: m.start)

    def _abbreviation(self, start: int, word: str) -> tuple[int, str, tuple[str, ...]]:
        """The longest tail of an organisation-like word that abbreviates a department's name
        (与经信科创局 → 经信科创局); the whole word, naming no department, when none does."""
        for i in range(max(0, len(word) - 2)):
            tail = word[i:]
            depts = sorted({d for n, ds in self.aliases.items() for d in ds if _abbreviates(tail, n)})
            if depts:
                return start + i, tail, tuple(depts)
        return start, word, ()

    def _foreign_region(self, before: str, depts: tuple[str, ...]) -> str:
        """The area named right before a short name when none of its departments is in that area."""
        levels = self.rules.get("region_levels", [])
        if not before or before[-1] not in levels:
            return ""
        for size in (3, 4):
            region = before[-size:]
            if len(region) == size and any(region in d for d in depts):
                return ""
        return before[-3:]

    def _org_words(self, text: str) -> list[re.Match[str]]:
        endings = sorted(self.rules.get("org_endings", []), key=len, reverse=True)
        if not endings:
            return []
        pattern = re.compile(rf"[\u4e00-\u9fff]{{2,10}}?(?:{'|'.join(map(re.escape, endings))})")
        return list(pattern.finditer(text))

    def listing(self, department: str | None = None) -> str:
        """What the corpus holds, for an honest reply: 部门（年度、年度）；…"""
        depts = [department] if department else self.departments()
        parts = [f"{d}（{'、'.join(str(doc.year) for doc in self.of(d))}年）" for d in depts]
        return "；".join(parts)
