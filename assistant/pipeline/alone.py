"""单独: a part asked on its own is answered only by a figure of that part.

新春第一会的特邀专家费用单独是多少 / 赴外招商考察里粤港澳大湾区单独花多少 / 专精特新认定单独是多少: the
document prints one figure for the line (or for the part together with another: 各级企业技术中心及专精
特新认定), never the part's own. That figure answers another question; the reply says the part is not
printed separately and states no number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

ALONE = re.compile(r"单独|单列|分开列")
SCOPE = re.compile(r"里面|里头|里边|当中|之中|[里中的]")  # the whole the part is said inside
ASKING_TAIL = re.compile(r"(?:有没有|是不是|是否|有无|有|是|的)+$")
JOINED = "及和与、"
PART_MIN = 2


def withheld(state: State, env: Env) -> State:
    answer, q = state.answer, state.question
    if answer is None or answer.status != "answered" or not answer.values or q is None:
        return state
    m = ALONE.search(q.text)
    if m is None:
        return state
    said = ASKING_TAIL.sub("", SCOPE.split(q.text[: m.start()])[-1])
    parts = [p for p in re.split(f"[{JOINED}]", said) if len(p) >= PART_MIN]
    labels = [v.label or "" for v in answer.values]
    if not parts or all(any(_alone_in(p, label) for label in labels) for p in parts):
        return state
    return state.model_copy(update={"answer": Answer(
        status="unanswerable", citations=answer.citations,
        text=f"文件没有单独列出“{said}”的数（只有它所在的一项或几项合在一起的数），为免答非所问，这里不给出数字。")})


def _alone_in(part: str, label: str) -> bool:
    """The label names the part, not joined to another thing (各级企业技术中心及专精特新认定)."""
    at = label.find(part)
    if at < 0:
        return False
    end = at + len(part)
    return not ((at > 0 and label[at - 1] in JOINED) or (end < len(label) and label[end] in JOINED))
