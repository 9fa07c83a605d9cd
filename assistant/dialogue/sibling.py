"""A follow-up that names another line of the kind just asked (职业年金缴费多少 → 基本养老保险呢,
因公出国多少 → 接待呢): the question before, asked of that line."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from assistant.models import Question
from assistant.pipeline.base import Turn

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

NAME_TAIL = 1  # characters a name may add after the words it was found by (费 → 费用)
OWN_PIECE_MIN = 3  # characters of a name that are read as that name by the catalogue itself
ALIKE = frozenset({"narrative", "economic", "function"})  # lines of money, printed or told


def sibling(named: str, q: Question, last: Turn, prev: str, env: Env) -> str | None:
    """职业年金缴费多少 → 基本养老保险呢: the follow-up says part of the name of another line of the
    same kind (机关事业单位基本养老保险缴费), so the question before is asked of it — never the two
    names glued into one that names nothing."""
    cands = env.index.fragments(q, []).get(named.lower(), []) if named else []
    kinds = {c.kind for c in cands}
    same = [e for e in last.entities if e.kind in kinds and e.span]
    if not same and len({c.name for c in cands}) == 1 and kinds <= ALIKE and len(named) < OWN_PIECE_MIN:
        # 三公经费里因公出国多少 → 接待呢: the 说明's 因公出国, the table's 公务接待费: lines of one kind
        same = [e for e in last.entities if e.kind in ALIKE and e.span][-1:]
    if not same or any(same[0].name in c.name or c.name in same[0].name for c in cands):
        return None  # 运转类 of 人员类…: the line just asked is among them — a part of it, not another
    s, e = same[0].span
    said, name = (unicodedata.normalize("NFKC", w) for w in (prev[s:e], same[0].name))
    if prev[s:e] not in (same[0].alias, same[0].name) and not (
            name.startswith(said) and len(name) - len(said) <= NAME_TAIL):
        return None  # (因公出国(境)费 of the question before, printed 因公出国（境）费用: the same name;
        # 江汉区电子政务网络 of …网络相关费用 is only a part of it)
    # 因公出国多少 → 接待呢: a short piece of one name only is said as that name (接待 alone names nothing)
    whole = {c.name for c in cands}
    return prev[:s] + (whole.pop() if len(whole) == 1 and len(named) < OWN_PIECE_MIN else named) + prev[e:]
