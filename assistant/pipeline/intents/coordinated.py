"""市级和区级支持总部经济: heads joined by 和/、/及 that share the words after the last one.

A statement of a part names one thing (市级支持总部经济, 区级支持总部经济); a question names two of
them at once, saying their common tail once. Each head said before a conjunction, whose own name is
that head and the tail of a name the question says whole, names that statement too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CONJUNCTION = re.compile(r"[和、及与跟]|以及")
TAIL_MIN = 2  # characters two names share at their end to be said once (支持总部经济)
HEAD_MIN = 2  # characters of a head said alone before the conjunction (市级)


def shared_tail(rest: str, said: Sequence[str], names: Sequence[str]) -> list[str]:
    """The names in `names`, not said whole, whose head the question says before a conjunction that
    leads, within the same run of words, to one of the names `said` whole with the same tail."""
    found: list[str] = []
    for name in names:
        if name in said or name in rest:
            continue
        if any(_joined_to(rest, name[: len(name) - tail], whole)
               for whole in said for tail in range(common_tail(name, whole), TAIL_MIN - 1, -1)
               if len(name) - tail >= HEAD_MIN and not whole.startswith(name[: len(name) - tail])):
            found.append(name)
    return found


def _joined_to(rest: str, head: str, whole: str) -> bool:
    """`head`, then a conjunction, then (soon after) `whole` in the question."""
    at = rest.find(head)
    while at >= 0:
        after = rest[at + len(head):]
        joined = CONJUNCTION.match(after)
        if joined is not None and whole in after[: joined.end() + 2 * len(whole)]:
            return True
        at = rest.find(head, at + 1)
    return False


def common_tail(a: str, b: str) -> int:
    """How many characters the two end with in common."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
