"""The lexicon: every word the assistant understands that is not a name from the document.

Held as data in knowledge/lexicon/*.toml. Each file is one category (its file name: function,
operation, measure, field, set, time, docpart, unit); inside it, each key is a value of that
category and lists the words that say it:

    # operation.toml
    share = ["占比", "比例", …]
    sum = ["加起来", "合计", …]

`colloquial.toml` is different: a table `[map]` from a colloquial word to the word the document
uses (人头费 = 人员经费), applied before entity matching by the normaliser.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.errors import KnowledgeError
from assistant.settings import SETTINGS


@dataclass(frozen=True)
class Lexicon:
    # word -> (category, value); one word has one meaning (a clash is a data error, see load).
    words: dict[str, tuple[str, str]] = field(default_factory=dict)
    colloquial: dict[str, str] = field(default_factory=dict)
    longest: int = 1  # the longest word, so the tagger knows how far to look

    def category(self, word: str) -> str | None:
        hit = self.words.get(word)
        return hit[0] if hit else None

    def of(self, category: str, value: str | None = None) -> tuple[str, ...]:
        """The words of a category (and value), longest first (indexed once: rules ask often)."""
        return _index(self).get((category, value), ())


_INDEXES: dict[int, dict[tuple[str, str | None], tuple[str, ...]]] = {}


def _index(lex: Lexicon) -> dict[tuple[str, str | None], tuple[str, ...]]:
    found = _INDEXES.get(id(lex))
    if found is None:
        groups: dict[tuple[str, str | None], list[str]] = {}
        for w, (c, v) in lex.words.items():
            groups.setdefault((c, v), []).append(w)
            groups.setdefault((c, None), []).append(w)
        found = {k: tuple(sorted(ws, key=len, reverse=True)) for k, ws in groups.items()}
        _INDEXES[id(lex)] = found
    return found


class LexiconError(KnowledgeError):
    """A word listed twice with different meanings: the data must say which one it is."""


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path.name}: {exc}") from exc


def build_lexicon(folder: Path) -> Lexicon:
    words: dict[str, tuple[str, str]] = {}
    colloquial: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        data = _read(path)
        if path.stem == "colloquial":
            colloquial.update({str(k): str(v) for k, v in data.get("map", {}).items()})
            continue
        for value, listed in data.items():
            if not isinstance(listed, list):
                continue
            for w in listed:
                w = str(w).lower()
                meaning = (path.stem, str(value))
                if w in words and words[w] != meaning:
                    raise LexiconError(f"{w!r} is both {words[w]} and {meaning} ({path.name})")
                words[w] = meaning
    longest = max((len(w) for w in [*words, *colloquial]), default=1)
    return Lexicon(words=words, colloquial=colloquial, longest=longest)


@lru_cache(maxsize=4)
def load_lexicon(folder: Path | None = None) -> Lexicon:
    return build_lexicon(folder or SETTINGS.knowledge_dir / "lexicon")
