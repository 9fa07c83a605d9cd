"""Loaders for the knowledge/*.toml data files (synonyms, fillers, intent keywords, …).

Everything a linguist may want to tune lives in those files, not in code. They are read once per
process (`load_knowledge` is cached) and handed around as one frozen object.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from assistant.settings import SETTINGS


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex that matches any of the words, longest first (so 请问一下 beats 请问)."""
    return _compiled(frozenset(w for w in words if w))


@lru_cache(maxsize=256)
def _compiled(words: frozenset[str]) -> re.Pattern[str] | None:
    # the same few word lists are asked for on every question: escape and compile them once
    items = sorted(words, key=lambda w: (-len(w), w))
    if not items:
        return None
    return re.compile("|".join(re.escape(w) for w in items))


@dataclass(frozen=True)
class Knowledge:
    fillers: tuple[str, ...] = ()
    final_particles: tuple[str, ...] = ()
    leading: tuple[str, ...] = ()  # removed at the start of a question only (里面项目支出多少)
    switched: tuple[str, ...] = ()  # 换成X呢: removed at the start when X is no unit (换成元 converts)
    openers: tuple[str, ...] = ()  # removed at the start before a pause (另外问一下，…)
    introductions: tuple[str, ...] = ()  # a clause at the start that says who asks (我是新来的，…)
    scope_sets: tuple[str, ...] = ()  # 几个项目里: the set looked inside (normalise.toml [set_scope])
    scope_after: tuple[str, ...] = ()
    time_words: dict[str, int] = field(default_factory=dict)
    time_keep: tuple[str, ...] = ()
    classifiers: tuple[str, ...] = ()
    ordinal_prefixes: tuple[str, ...] = ()
    keep_before: tuple[str, ...] = ()
    keep_after: tuple[str, ...] = ()
    one_words: tuple[str, ...] = ()
    unit_words: dict[str, str] = field(default_factory=dict)
    english: dict[str, str] = field(default_factory=dict)
    replace: dict[str, str] = field(default_factory=dict)
    bare: dict[str, str] = field(default_factory=dict)
    opening: dict[str, str] = field(default_factory=dict)  # said first: the whole question's words
    expand: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bound: tuple[str, ...] = ()  # words a fragment may not cut (synonyms.toml [bound])
    name_tails: tuple[str, ...] = ()  # endings of a project's name said without them ([name_tails])
    trailing: tuple[str, ...] = ()  # words said after a name, never part of it ([trailing])
    said_before: tuple[str, ...] = ()  # words said before a name, never its start ([said_before])
    measures: dict[str, str] = field(default_factory=dict)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    sets: dict[str, tuple[str, str]] = field(default_factory=dict)
    kind_words: dict[str, str] = field(default_factory=dict)
    # 货物类 -> "A": the kinds of procurement item, by the letter their 品目 code begins with
    procurement_kinds: dict[str, str] = field(default_factory=dict)
    # what the list rules read as a set of table lines ([line_sets]: measures, ranked_by, listed_by …)
    line_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    refusals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def has(self, group: str, text: str) -> bool:
        """True when `text` contains any keyword of the group in intents.toml [words]."""
        return any(w in text for w in self.words.get(group, ()))

    def first(self, group: str, text: str) -> str | None:
        hits = [w for w in self.words.get(group, ()) if w in text]
        return max(hits, key=len) if hits else None

    def bare_total(self, text: str) -> bool:
        """支出多少 / 今年预算多少 / 今年一共有多少钱: nothing but a year, function words and a word of
        the whole ([words] bare_total, bare_total_whole) — the department's whole budget is asked."""
        core = re.sub(r"\d{4}年度?|[?？。!！\s]|[万亿]?元|万$", "", text)  # 一共多少万元: the unit asked
        for w in sorted(self.words.get("stop", ()), key=len, reverse=True):
            core = core.replace(w, "")
        if not core:  # only a year or a whole said, asking how much (2026年呢 asks nothing new)
            whole = bool(re.search(r"\d{4}年", text)) or self.has("bare_total_whole", text)
            return "多少" in text and whole
        return core in self.words.get("bare_total", ())

    @cached_property
    def replace_pattern(self) -> re.Pattern[str] | None:
        # Targets are included so that an already-correct word (住房公积金) is kept as a whole
        # and its inner key (公积金) is not replaced a second time.
        return _replace_pattern(tuple(sorted(self.replace.items())))


@lru_cache(maxsize=8)
def _replace_pattern(items: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    words = {k for k, _ in items} | {v for _, v in items}
    return _alternation(words)


@lru_cache(maxsize=4)
def load_knowledge(folder: Path | None = None) -> Knowledge:
    folder = Path(folder or SETTINGS.knowledge_dir)
    norm = _read(folder, "normalise.toml")
    syn = _read(folder, "synonyms.toml")
    intents = _read(folder, "intents.toml")
    refusals = _read(folder, "refusals.toml")
    sugg = _read(folder, "suggestions.toml")
    eng = _read(folder, "english.toml")
    numerals = norm.get("numerals", {})
    return Knowledge(
        fillers=tuple(norm.get("fillers", [])),
        final_particles=tuple(norm.get("final_particles", [])),
        leading=tuple(norm.get("leading", [])),
        switched=tuple(norm.get("switched", [])),
        openers=tuple(norm.get("openers", [])),
        introductions=tuple(norm.get("introductions", [])),
        scope_sets=tuple(norm.get("set_scope", {}).get("sets", [])),
        scope_after=tuple(norm.get("set_scope", {}).get("after", [])),
        time_words=dict(norm.get("time_words", {})),
        time_keep=tuple(norm.get("time_keep", {}).get("phrases", [])),
        classifiers=tuple(numerals.get("classifiers", [])),
        ordinal_prefixes=tuple(numerals.get("ordinal_prefixes", [])),
        keep_before=tuple(numerals.get("keep_before", [])),
        keep_after=tuple(numerals.get("keep_after", [])),
        one_words=tuple(numerals.get("one_words", [])),
        unit_words=dict(norm.get("units", {})),
        english={k.lower(): v for k, v in eng.get("phrases", {}).items()},
        # colloquial words of the lexicon say what the document calls a thing (人头费 -> 人员经费)
        replace={**syn.get("replace", {}), **_read(folder / "lexicon", "colloquial.toml").get("map", {})},
        bare=dict(_read(folder / "lexicon", "colloquial.toml").get("bare", {})),
        opening=dict(_read(folder / "lexicon", "colloquial.toml").get("opening", {})),
        expand={k: tuple(v) for k, v in syn.get("expand", {}).items()},
        bound=tuple(syn.get("bound", {}).get("words", [])),
        name_tails=tuple(syn.get("name_tails", {}).get("words", [])),
        trailing=tuple(syn.get("trailing", {}).get("words", [])),
        said_before=tuple(syn.get("said_before", {}).get("words", [])),
        measures=dict(intents.get("measures", {})),
        words={k: tuple(v) for k, v in intents.get("words", {}).items()},
        levels=dict(intents.get("levels", {})),
        sets={k: (v[0], v[1]) for k, v in intents.get("sets", {}).items()},
        kind_words=dict(intents.get("kind_words", {})),
        procurement_kinds=dict(intents.get("procurement_kinds", {})),
        line_sets={k: frozenset(v) for k, v in intents.get("line_sets", {}).items()},
        refusals={k: tuple(v) for k, v in refusals.items() if isinstance(v, list)},
        suggestions={k: tuple(v) for k, v in sugg.get("by_intent", {}).items()},
    )
