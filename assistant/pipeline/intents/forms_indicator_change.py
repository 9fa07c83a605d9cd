"""比上年多几场 / 今年比上年多几个 of a performance target: the two years' values the form prints,
and their difference — never the earlier year's value stated as the answer to "how many more"."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.models import Answer
from assistant.pipeline.base import fmt_number
from assistant.pipeline.intents.forms_common import not_found, value

# words that ask how a target changed from the year before (a count or a number of 场, 个, 次 …);
# 最多几个人 / 最多多少人 is the target itself, never a change
CHANGE_ASKED = re.compile(r"比(?:上年|去年|前年|\d{4}年)|(?<!最)(?:多|少)了?(?:几|多少)|差(?:几|多少)|"
                          r"(?:增加|减少)了?(?:几|多少)|增减")
NOW, BEFORE = "当年", "上年"


def asks_change(text: str) -> bool:
    return CHANGE_ASKED.search(text) is not None


def with_change(made: Answer) -> Answer:
    """The answer stating both years' values, with their difference first; or a refusal when the
    form does not print one value of each year for one target."""
    if made.status != "answered":
        return made
    pairs: dict[str, dict[str, tuple[Decimal, str]]] = {}
    for v in made.values:
        name, _, year = v.label.rpartition(" ")
        if year in (NOW, BEFORE) and name:
            pairs.setdefault(name, {})[year] = (Decimal(str(v.value)), v.unit)
    diffs = {(name, ys[NOW][0] - ys[BEFORE][0], ys[NOW][1]) for name, ys in pairs.items()
             if NOW in ys and BEFORE in ys and ys[NOW][1] == ys[BEFORE][1]}
    if len({(d, u) for _, d, u in diffs}) != 1:
        return not_found("绩效目标表没有同时列出这一指标当年和上年的指标值，无法计算比上年多多少。")
    name, diff, unit = next(iter(diffs))
    way = "多" if diff > 0 else "少" if diff < 0 else "持平，相差"
    said = f"当年指标值比上年{way} {fmt_number(abs(diff))} {unit}（计算：当年减上年）。"
    first = value(abs(diff), unit, f"{name} 当年比上年增减")
    return made.model_copy(update={"text": f"{made.text}{said}", "values": [first, *made.values]})


__all__ = ["asks_change", "with_change"]
