"""Wholes that budget documents split in a fixed way (knowledge/splits.toml): the rule that reads
"X 由哪两部分构成 / X 包括哪些" as that split, and the table itself for other steps (除了A，X还有多少)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from assistant.query.model import Query, Subject
from assistant.settings import SETTINGS
from assistant.tag import Lexicon


@lru_cache(maxsize=1)
def _split_table() -> tuple[dict, ...]:
    with (SETTINGS.knowledge_dir / "splits.toml").open("rb") as f:
        return tuple(tomllib.load(f).get("split", []))


def _splits() -> dict[str, tuple[str, ...]]:
    return {s["whole"]: tuple(s["parts"]) for s in _split_table()}


def part_names(whole: str, part: str) -> tuple[str, ...]:
    """A part's declared name and the other names documents print it by (splits.toml aliases)."""
    for s in _split_table():
        if s["whole"] == whole:
            return (part, *s.get("aliases", {}).get(part, ()))
    return (part,)


def split_rule(text: str, lex: Lexicon) -> Query | None:
    """X 由哪两部分构成 / X 分成哪两块: a whole split in a fixed way, when the number of parts asked
    is the number it has (knowledge/splits.toml)."""
    from assistant.query.subjects import ORIGINAL

    original = ORIGINAL.get() or text  # the whole is a name: read it unmasked
    verbs = "由|分成|分为|包括|包含"
    for split in _split_table():
        whole, parts = split["whole"], tuple(split["parts"])
        m = re.search(rf"^{re.escape(whole)}(?:{verbs})?[哪那]?([两二三四])个?(?:部分|块|项|类)", original)
        asks = r"(?:哪些|什么|哪几[部项块类]分?)(?:内容|方面|部分)?$"
        bare = split.get("unnumbered") and re.search(rf"^{re.escape(whole)}的?(?:主要)?(?:{verbs}){asks}",
                                                     original)
        if (m and {"两": 2, "二": 2, "三": 3, "四": 4}[m.group(1)] == len(parts)) or bare:
            return Query(op="split", subjects=tuple(Subject(text=p, span=(0, 0)) for p in parts),
                         rule=f"{whole}由哪几部分构成")
    return None
