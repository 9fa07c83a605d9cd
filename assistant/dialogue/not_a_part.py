"""商品和服务支出多少 → 其中基本工资呢: 其中 asks a part of what was just answered. A classified line
whose code is not under the line asked (基本工资 is 301, not 302), or a line that is none of the
三公 parts after 三公经费, is no part of it: its own figure would answer another question, so the
reply says so and offers it as a button."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Match, Question
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

INSIDE = "其中"
CODED = frozenset({"function", "economic"})
EXACT = 100.0


def not_a_part(q: Question | None, env: Env) -> Answer | None:
    last = env.conv.last
    if q is None or last is None or last.status != "answered" or not q.text.startswith(INSIDE):
        return None
    named = [m for m in env.index.match(q) if m.kind in CODED and m.score >= EXACT and m.code]
    if len({m.entity_id for m in named}) != 1:
        return None
    part = named[0]
    before = {m.entity_id: m for m in last.entities if m.kind == part.kind and m.code}
    if len(before) == 1:
        whole = next(iter(before.values()))
        if whole.entity_id == part.entity_id or (part.code or "").startswith(whole.code or ""):
            return None
        return _refused(part, whole.name)
    for whole in _wholes():
        said = next((w for w in whole["names"] if w in last.question), None)
        if said is not None and not any(w in part.name for w in whole["parts"]):
            return _refused(part, said)
    return None


@lru_cache(maxsize=1)
def _wholes() -> list[dict]:
    with (SETTINGS.knowledge_dir / "parts.toml").open("rb") as f:
        return list(tomllib.load(f).get("whole", []))


def _refused(part: Match, whole: str) -> Answer:
    return Answer(status="unanswerable", text=(
        f"“{part.name}”不是“{whole}”的一部分（不在它之下），所以不能按“其中”回答。"
        f"如果要问它本身，可以直接问“{part.name}多少”。"),
        candidates=[Candidate(label=part.name, question=f"{part.name}多少")])
