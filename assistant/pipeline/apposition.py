"""进博会那个专项多少 / 网络安全这个项目多少钱: a piece of a name, then 那个/这个, then the kind of
thing it is (项目, 专项 …) — the demonstrative points at the name just said, not back at a turn, and
is dropped (进博会专项). Said after no name (那个项目多少), it still points back (the context step)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

KINDS = ("专项资金", "专项", "项目", "科目", "经费", "费用")
# a name piece of two characters or more right before it; a time or a count before it is no name
_SAID = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?:那个|这个|那一个|这一个)(?=(?:{'|'.join(KINDS)}))")
# a time, a place word or a word that relates two things before it: nothing is named there
NOT_A_NAME_END = tuple("年月日里中的和与及同跟是问说看占在比给对把为从向了呢吗")


# 刚才那个机关运行经费: a name said again after another topic — the name says which, not the words
# pointing back (dropped when a name follows them; alone they still point back)
_SAID_AGAIN = re.compile(r"(?:(?:刚才|刚刚)(?:说的|问的|提到的|讲的)?|(?:前面|之前)(?:说的|问的|提到的|讲的))"
                         r"(?:那个|这个)?(?!的)(?=[\u4e00-\u9fff]{2})")


# 商贸事务这个款下面哪个项最少: the level the line named is at, said after it — the line, whose lines below
# are asked (the level of those is said after them)
_LEVEL_SAID = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:那个|这个|那一|这一)(?:类|款)"
                         r"(?=下面|下边|底下|下|里面|里|中|的)")


# 日常办公开销，也就是公用经费，有多少元: the words after 也就是 name what the words before it meant
# (in the document's own term); the everyday words are dropped, a year said with them is kept
_RENAMED = re.compile(r"^((?:(?:19|20)\d{2}年度?)*)[^,，]{2,}?[,，]\s*(?:也就是说?|也即|亦即|即|就是)"
                      r"(?=[\u4e00-\u9fff]{2})")


def name_then_kind(q: Question) -> Question:
    text = _RENAMED.sub(r"\1", q.text)
    text = _LEVEL_SAID.sub("", _SAID_AGAIN.sub("", text))
    for m in reversed(list(_SAID.finditer(text))):
        if text[m.start() - 1] in NOT_A_NAME_END:
            continue  # 2025年那个项目 / 里面那个项目: nothing named before it
        text = text[: m.start()] + text[m.end():]
    return q if text == q.text else q.model_copy(update={"text": text})


NAME_WITH_DE_MIN = 4  # characters of a name said with 的 inside it (安全生产的工作经费)


def name_said_with_de(q: Question, env: Env) -> Question:
    """安全生产的工作经费: a name of the document said with 的 between two of its words is that name —
    not a piece of it (工作经费, which several lines end with) after a modifier."""
    text = q.text
    at = text.find("的")
    while 0 < at < len(text) - 1:
        joined = text[:at] + text[at + 1:]
        pair = text[at - 1] + text[at + 1]  # the two words meet here in any name said across 的
        found = next((e.alias for e in env.index.entries if pair in e.alias
                      and len(e.alias) >= NAME_WITH_DE_MIN and "的" not in e.alias
                      and _across(joined, e.alias, at)), None)
        if found is not None:
            text = joined
        at = text.find("的", at + 1)
    return q if text == q.text else q.model_copy(update={"text": text})


def _across(text: str, name: str, at: int) -> bool:
    """The name is said in the text over the place where 的 stood (two words on each side)."""
    start = text.find(name)
    while start >= 0:
        if start + 2 <= at <= start + len(name) - 2:
            return True
        start = text.find(name, start + 1)
    return False
