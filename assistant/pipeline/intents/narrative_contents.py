"""'今年的机关运行经费主要包括哪些内容': this year's figure and what the narrative says it covers
('2026 年机关运行经费 63.82 万元…主要包括：办公费、印刷费…'), before the 第五部分 definition of
the term (which says what such spending may include in general, not this year's).

A subject qualifies when the narrative states its amount for the document year in a sentence
that lists its contents (主要包括 / 主要用于 / 具体包括).
"""

from __future__ import annotations

import re

from assistant.models import Answer
from assistant.pipeline.base import Runner, fmt_amount
from assistant.pipeline.intents.forms_common import answered, contains_any, norm, run, safe_cite, value

LISTS = re.compile(r"(?:主要|具体)(?:包括|用于|包含)[:：]?")
# what asks for the contents of a figure, and what asks for the meaning of a word instead
ASKS_CONTENTS = ("包括", "包含", "内容", "用于", "用在", "构成", "组成", "哪些方面", "花在")
ASKS_MEANING = ("什么意思", "含义", "定义", "是指", "指什么", "指的是", "名词解释", "怎么理解")
SUBJECT_MIN = 3


def asks_contents(text: str) -> bool:
    return contains_any(text, ASKS_CONTENTS) and not contains_any(text, ASKS_MEANING)


def contents(text: str, runner: Runner) -> Answer | None:
    """The narrative's own list of what this year's figure of the subject covers, else None."""
    asked = norm(text)
    paras = run(runner, "narr_paragraphs")
    found, listed = None, ""
    for f in run(runner, "narr_facts"):
        subject = norm(f["subject"])
        this_year = f["measure"] == "amount" and f["year"] == runner.year
        if not this_year or len(subject) < SUBJECT_MIN or subject not in asked:
            continue
        para = next((p for p in paras if p["part"] == f["part"]
                     and p["line_start"] <= f["line_no"] <= p["line_end"]), None)
        hit = LISTS.search(para["text"]) if para else None
        if hit and (found is None or len(subject) > len(norm(found["subject"]))):
            found, listed = f, para["text"][hit.start():].strip()  # type: ignore[index]
    if found is None:
        return None
    amount = f"{fmt_amount(found['value'])} {found['unit']}"
    section = str(found["section"]).split(" / ")[-1]
    text_out = (f"{found['subject']}{runner.year}年为 {amount}，{listed}"
                f"（{found['part']}“{section}”）")
    return answered(
        text_out,
        [value(found["value"], found["unit"], f"{found['subject']} {runner.year}年")],
        [safe_cite(runner, found["part"], f"{section} {found['subject']}", found["line_no"])],
        [f"{found['subject']}是什么意思？", f"{found['subject']}比上年增加多少？"],
    )


__all__ = ["asks_contents", "contents"]
