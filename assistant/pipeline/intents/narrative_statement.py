"""What else one narrative statement says, for the fact answers: the other rows of its paragraph
(a change printed on the next line), the parts a '其中：' statement lists after it, amounts of
the same statement the question also names, and the paragraph giving the reason (为什么).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_common import contains_any, run
from assistant.pipeline.intents.narrative_say import paragraphs

# '三公经费怎么构成的': the parts a '其中：' statement lists in the paragraphs after it.
PARTS_ASK = ("构成", "组成", "怎么分", "由哪些", "包括哪些", "各多少", "各是多少", "分别")


# how a statement gives its reason in its own words (…主要是厉行节约、压减接待开支), and its use
REASON_SAID = re.compile(r"原因|主要(?:是|为|系)(?!用于)|由于|因为|鉴于")
USE_SAID = re.compile(r"用于")
REASON_KEY = 4  # leading characters of the subject a reason paragraph must mention (财政拨款…)


def reason(runner: Runner, fact: Row, shown: Sequence[Row]) -> Row | None:
    """A paragraph of the same section giving the reason ('…增加的主要原因是项目调整')."""
    key = str(fact["subject"])[:REASON_KEY]
    for p in run(runner, "narr_paragraphs"):
        same = p["part"] == fact["part"] and p["section"] == shown[0]["section"] and p not in shown
        if same and "原因" in p["text"] and key in p["text"]:
            return p
    return None


def same_paragraph(fact: Row, rows: Sequence[Row], runner: Runner) -> list[Row]:
    """The rows stated in the paragraph that states `fact`."""
    para = paragraphs(runner, fact)[:1]
    if not para:
        return []
    a, b = para[0]["line_start"], para[0]["line_end"]
    return [r for r in rows if r["part"] == fact["part"] and a <= r["line_no"] <= b]


def also_named(text: str, group: Sequence[Row], picked: Sequence[Row]) -> list[Row]:
    """Other amounts of the same statement the question names ('…一共多少，货物和服务各多少')."""
    out = []
    for r in group:
        core = str(r["subject"]).removesuffix("类")
        if r not in picked and r["measure"] == "amount" and len(core) >= 2 and core in text:
            out.append(r)
    return out


def listed_parts(text: str, picked: Sequence[Row], facts: Sequence[Row], runner: Runner) -> list[Row]:
    """'怎么构成': this year's amounts of the paragraphs a '其中：' statement announces."""
    if not picked or not contains_any(text, PARTS_ASK):
        return []
    paras = paragraphs(runner, picked[0])[1:]
    spans = [(p["line_start"], p["line_end"]) for p in paras]
    return [
        r
        for r in facts
        if r not in picked
        and r["part"] == picked[0]["part"]
        and r["measure"] == "amount"
        and r["year"] == runner.year
        and any(a <= r["line_no"] <= b for a, b in spans)
    ]


__all__ = ["also_named", "listed_parts", "reason", "same_paragraph"]
