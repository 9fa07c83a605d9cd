"""The other side of an account (收入 <-> 支出), or another kind of procurement (货物 <-> 服务),
asked after a question about one."""

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


def switch_kind(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """服务呢 after 政府采购货物预算多少: the same question of another kind of procurement."""
    kinds = tuple(env.k.procurement_kinds)
    asked = [k for k in kinds if k in text]
    before = [k for k in kinds if k in prev]
    if own or len(asked) != 1 or len(before) != 1 or asked == before:
        return None
    if _core(text.replace(asked[0], "").replace("类", ""), env):
        return None  # more than the kind is said
    return prev.replace(before[0], asked[0], 1)


JOINED = re.compile(r"([\u4e00-\u9fff]{2,})及([\u4e00-\u9fff]+费)")  # 公务用车购置及运行(维护)费


def joined_part(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """其中购置费 after 公务用车购置及运行费多少: one part of a name joined by 及 (公务用车购置费),
    said with the head the two parts share — when the document names that part."""
    from assistant.pipeline.normalise import normalise

    m = JOINED.search(prev)
    word = _core(text.removeprefix("其中"), env)
    if m is None or len(word) < 2 or (not text.startswith("其中") and own):
        return None
    left = m.group(1)
    at = left.rfind(word.removesuffix("费")) if word.endswith("费") else -1
    if at <= 0:
        return None
    part = left[:at] + word  # 公务用车 + 购置费
    found = env.index.match(normalise(part, env.k, env.runner.year))
    if not any(x.score >= 100 and x.name in part and len(x.name) >= len(part) - 1 for x in found):
        return None
    return prev[: m.start()] + part + prev[m.end():]
