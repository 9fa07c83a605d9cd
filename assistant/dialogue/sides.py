"""The other side of an account (收入 <-> 支出) asked after a question about one side."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core
from assistant.models import Match

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

SIDE_TAIL = re.compile(r"^(?:这边|那边|这块|那块|方面|这一块|部分)?的?")


def switch_side(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """那支出呢 / 那支出这边比2024年预算增加多少 after 财政拨款收入比去年增加了多少: the other side of
    the account (收入 <-> 支出), asked the same or its own question; a side word inside a column name
    (项目支出) is that column, not a side."""
    sides = env.k.words.get("sides", ())
    asked = [w for w in sides if w in text]
    if own or len(asked) != 1 or _core(text[: text.find(asked[0])], env):
        return None
    rest = SIDE_TAIL.sub("", text[text.find(asked[0]) + len(asked[0]):], count=1)
    inside = {i for w in env.k.measures for at in range(len(prev)) if prev.startswith(w, at)
              for i in range(at, at + len(w))}
    other = [(at, w) for w in sides if w != asked[0] for at in range(len(prev))
             if prev.startswith(w, at) and at not in inside]
    if asked[0] in prev or len(other) != 1:
        return None
    at, old = other[0]
    return prev[:at] + asked[0] + (rest if _core(rest, env) else prev[at + len(old):])
