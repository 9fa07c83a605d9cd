"""城乡社区这一大块占总盘子多少: a 类 of spending said by its name without 支出 and a word of an area
(这块, 这一大块, 这一类, 方面) is that 类 — not every line whose name begins with the same words
(城乡社区管理事务, 城乡社区环境卫生 …), which a bare piece of a name would be asked back among."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

AREA = re.compile(r"这一大块|那一大块|这一块|那一块|这块|那块|这一大类|这一类|这类|那一类|这方面|那方面|方面")
CLASS_CODE_DIGITS = 3  # a 类 of the 功能分类 (201, 212): the level the area words speak of
CLASS_TAIL = "支出"


def class_of_area(q: Question, env: Env) -> Question:
    text = q.text
    if AREA.search(text) is None:
        return q
    stems = env.facts.get("class_stems")
    if stems is None:  # the document's 类 names without 支出, read once per open document
        stems = sorted({e.name[: -len(CLASS_TAIL)] for e in env.index.kinds("function")
                        if e.code and len(e.code) == CLASS_CODE_DIGITS and e.name.endswith(CLASS_TAIL)},
                       key=len, reverse=True)
        env.facts["class_stems"] = stems
    for m in reversed(list(AREA.finditer(text))):
        before = text[: m.start()].rstrip("的")
        stem = next((s for s in stems if len(s) >= 2 and before.endswith(s)), None)
        if stem is not None:
            after = text[m.end():]  # 城乡社区这类支出: its 支出 said after the area word
            text = f"{before}{'' if after.startswith(CLASS_TAIL) else CLASS_TAIL}{after}"
    return q if text == q.text else q.model_copy(update={"text": text})
