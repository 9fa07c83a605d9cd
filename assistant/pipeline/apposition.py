"""进博会那个专项多少 / 网络安全这个项目多少钱: a piece of a name, then 那个/这个, then the kind of
thing it is (项目, 专项 …) — the demonstrative points at the name just said, not back at a turn, and
is dropped (进博会专项). Said after no name (那个项目多少), it still points back (the context step)."""

from __future__ import annotations

import re

from assistant.models import Question

KINDS = ("专项资金", "专项", "项目", "科目", "经费", "费用")
# a name piece of two characters or more right before it; a time or a count before it is no name
_SAID = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?:那个|这个|那一个|这一个)(?=(?:{'|'.join(KINDS)}))")
# a time, a place word or a word that relates two things before it: nothing is named there
NOT_A_NAME_END = tuple("年月日里中的和与及同跟是问说看占在比给对把为从向了呢吗")


# 刚才那个机关运行经费: a name said again after another topic — the name says which, not the words
# pointing back (dropped when a name follows them; alone they still point back)
_SAID_AGAIN = re.compile(r"(?:(?:刚才|刚刚)(?:说的|问的|提到的|讲的)?|(?:前面|之前)(?:说的|问的|提到的|讲的))"
                         r"(?:那个|这个)?(?!的)(?=[\u4e00-\u9fff]{2})")


def name_then_kind(q: Question) -> Question:
    text = _SAID_AGAIN.sub("", q.text)
    for m in reversed(list(_SAID.finditer(text))):
        if text[m.start() - 1] in NOT_A_NAME_END:
            continue  # 2025年那个项目 / 里面那个项目: nothing named before it
        text = text[: m.start()] + text[m.end():]
    return q if text == q.text else q.model_copy(update={"text": text})
