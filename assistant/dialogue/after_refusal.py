"""区府办的公务接待费 (refused: the document has no such office) → 那差旅费呢: a follow-up asks the
same way as the question before, so what made that one unanswerable (another office, a unit the
tables do not divide by, a year or a qualifier the document does not have) holds for this one too.
The department's own figure would answer another question: none is stated, and the question
without the words carried over is offered to ask in full."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Question

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn
    from assistant.pipeline.steps import Env

TIME_WORDS = re.compile(r"(?:去|今|前|上|明|后)年|\d{4}年度?")
# an office, a section or a unit named (区府办, 综合调研科, 城市运行管理中心): the scope refused
OFFICE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:办公室|办|室|科|处|中心|局|委|队|所|站|街道)"
                    r"(?=的|$|[\u4e00-\u9fff])")
ASKED_AFTER = re.compile(r"[呢吗][?？。！!]*$")
JOINED = ("加上", "再加上", "和", "跟", "还有")  # 加上水费呢: the sum with the thing refused before
ASKING = re.compile(r"^(?:那么|那|还有|再加上|加上|和|跟)|(?:是多少|多少钱|多少|呢|吗)?[?？。！!]*$")


def refused_scope(q: Question | None, env: Env) -> Answer | None:
    last = env.conv.last
    if q is None or last is None or not ((last.status == "unanswerable" and _scoped(last, env))
                                         or _not_divided(last)):
        return None
    followup = any(q.text.startswith(w) for w in (*env.k.words.get("followup", ()), *JOINED))
    if not followup or not ASKED_AFTER.search(q.raw):
        return None  # 那…呢 / 加上…呢: said after the question before, in its scope
    core = ASKING.sub("", ASKING.sub("", q.raw.strip()))
    if len(TIME_WORDS.sub("", core)) < 2:
        return None  # 那去年呢: a year asked again, no thing of its own
    return Answer(status="unanswerable", suggestions=[f"{core}是多少"], text=(
        f"上一问“{last.question}”文件中没有相应的数，“{q.raw.strip()}”按同样的范围也无法回答，这里不给出数字。"
        f"如果问的是全部门的{core}，可以点下面的问题。"))


def _not_divided(last: Turn) -> bool:
    """区府办的公务接待费 → 最接近的是：公务接待费？ — a line offered without the words said before it
    (the document does not divide it so): those words are the scope the user keeps."""
    if last.status != "clarify" or len(last.options) != 1:
        return False
    label = last.options[0][0]
    at = last.question.find(label)
    return at > 0 and len(last.question[:at].rstrip("的")) >= 2


def _scoped(last: Turn, env: Env) -> bool:
    """The refused question named an office of its own or a year the document does not hold: a
    scope, not a word the assistant missed."""
    years = set(env.facts.get("years", ()))
    if any(y not in years for y in last.years):
        return True
    own = [str(env.facts.get("department") or ""), *env.facts.get("also_named", ()),
           *env.facts.get("organisations", ())]  # its own units are no other scope
    return any(not any(m.group(0) in o for o in own) for m in OFFICE.finditer(last.question))
