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
KIND_WORD = {"function": "功能分类", "economic": "经济分类"}


def not_a_part(q: Question | None, env: Env) -> Answer | None:
    last = env.conv.last
    if q is None or last is None or last.status != "answered" or not q.text.startswith(INSIDE):
        return None
    named = [m for m in env.index.match(q) if m.kind in CODED and m.score >= EXACT and m.code]
    if not named:
        return _no_line_under(q, last.entities, env)
    if len({m.entity_id for m in named}) != 1:
        return None
    part = named[0]
    other = {m.entity_id: m for m in last.entities if m.kind in CODED and m.kind != part.kind and m.code}
    if len(other) == 1 and not any(m.kind == part.kind for m in last.entities):
        # 住房保障支出 → 其中离休费呢: a 功能科目 asked, an 经济科目 named; no table of the budget
        # divides the one by the other, so no part of it can be stated
        whole = next(iter(other.values()))
        return Answer(status="unanswerable", text=(
            f"“{whole.name}”是按{KIND_WORD[whole.kind]}列示的，文件没有把它按{KIND_WORD[part.kind]}"
            f"（如“{part.name}”）再分列，所以不能回答其中的“{part.name}”是多少。"
            f"如果要问“{part.name}”本身，可以直接问。"),
            candidates=[Candidate(label=part.name, question=f"{part.name}多少")])
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


def _no_line_under(q: Question, entities: list[Match], env: Env) -> Answer | None:
    """卫生健康支出 → 其中养老保险呢: a word that names only lines under other parents (208…, 301…)
    names no part of the line asked."""
    wholes = {m.entity_id: m for m in entities if m.kind in CODED and m.code}
    if len(wholes) != 1:
        return None
    whole = next(iter(wholes.values()))
    for piece, cands in env.index.fragments(q, []).items():
        if cands and all(c.kind in CODED and c.code for c in cands) and not any(
                c.kind == whole.kind and (c.code or "").startswith(whole.code or "") for c in cands):
            return Answer(status="unanswerable", text=(
                f"“{piece}”对应的{'、'.join(dict.fromkeys(c.name for c in cands))}都不在“{whole.name}”之下，"
                f"不是它的一部分，所以不能按“其中”回答。"),
                candidates=[Candidate(label=c.name, question=f"{c.name}多少") for c in cands[:3]])
    return None
