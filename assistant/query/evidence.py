"""The kinds of evidence a reading can have, strongest first (knowledge/readings.toml).

A handler's `detect` names a level instead of a number; the choice (query/choose.py) compares
levels by their declared order and never by arithmetic on them.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from assistant.settings import SETTINGS


class Level(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    label: str  # what the trace shows a user (Chinese)
    help: str


class Readings(BaseModel):
    model_config = ConfigDict(frozen=True)

    levels: tuple[Level, ...]
    drop_below: tuple[float, ...]
    fallback_floor: str
    min_level: str

    def rank(self, name: str) -> int:
        """0 for the strongest level; unknown names are a bug of the handler that named them."""
        for i, level in enumerate(self.levels):
            if level.name == name:
                return i
        raise KeyError(f"unknown evidence level {name!r} (knowledge/readings.toml)")

    def label(self, name: str) -> str:
        return self.levels[self.rank(name)].label


@lru_cache(maxsize=1)
def readings() -> Readings:
    raw = tomllib.loads((SETTINGS.knowledge_dir / "readings.toml").read_text(encoding="utf-8"))
    found = Readings(
        levels=tuple(Level(**d) for d in raw["level"]),
        drop_below=tuple(raw["match"]["drop_below"]),
        fallback_floor=raw["choice"]["fallback_floor"],
        min_level=raw["choice"]["min_level"],
    )
    found.rank(found.fallback_floor), found.rank(found.min_level)  # both must be declared levels
    return found


LEVELS: tuple[str, ...] = ("certain", "strong", "named", "likely", "plausible", "weak", "last_resort")
"""The names handlers may use (checked against the data file by tests/test_readings.py)."""


def by_match(level: str, score: float) -> str:
    """The level of a reading resting on a catalogue match of this score (100 = the exact name)."""
    r = readings()
    drops = sum(1 for bound in r.drop_below if score < bound)
    return r.levels[min(r.rank(level) + drops, len(r.levels) - 1)].name


def at_least(level: str, floor: str) -> bool:
    r = readings()
    return r.rank(level) <= r.rank(floor)


def evidence_label(name: str) -> str:
    """What the trace shows a user for a level (its Chinese label); an unknown name as it is."""
    try:
        return readings().label(name)
    except KeyError:
        return name
