"""第一部分 (部门概况) as text: the part shown whole when short, else the sentences of the kind asked
(职能, 机构设置)."""

from __future__ import annotations

import re

from assistant.models import Answer
from assistant.pipeline.base import Runner
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    not_found,
    run,
    safe_cite,
    value,
)

PART_ONE_MAX = 2400  # characters of 第一部分 shown whole (an answer is read by a person)
SENTENCE_MAX = 120


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=。)", text, maxsplit=1)[0]
    return first if len(first) <= SENTENCE_MAX else first[:SENTENCE_MAX] + "…"


def part_one(kind: str, runner: Runner) -> Answer:
    paras = [p for p in run(runner, "narr_paragraphs") if p["part"] == "第一部分"]
    # a Shanghai disclosure lists its units under 机构设置, the seed's under 预算单位构成
    words = ("单位构成", "机构设置") if kind == "units" else ("职能",)
    hits = [p for p in paras if contains_any(p["section"], words)]
    if not hits:
        return not_found("第一部分没有这一节。")
    body = "\n".join(p["text"] for p in hits)
    if len(body) > PART_ONE_MAX:  # each item by its first sentence, so every duty is named
        body = "\n".join(_first_sentence(p["text"]) for p in hits)
    title = "主要职能" if kind != "units" else hits[0]["section"].split(" / ")[-1]
    vals = []
    if kind == "units":
        # '由机关本级及 2 家下属二级事业单位组成': the count, stated once
        spans = [(p["line_start"], p["line_end"]) for p in hits]
        counts = [
            f
            for f in run(runner, "narr_facts")
            if f["part"] == "第一部分"
            and f["measure"] == "count"
            and any(a <= f["line_no"] <= b for a, b in spans)
        ]
        if counts:
            vals = [value(counts[0]["value"], counts[0]["unit"], counts[0]["subject"])]
    return answered(
        f"第一部分 基本概况·{title}：\n{body}",
        vals,
        [safe_cite(runner, "第一部分", title, hits[0]["line_start"])],
        ["本部门公开了哪些预算表？", "收支总预算比上年增加多少？"],
    )
