"""Shared by the narrative handlers: which stated facts a question is about, the year a change
is measured against, and the prior-year total (current − change) with the 预算14表 totals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.pipeline.base import Row
from assistant.pipeline.intents.forms_common import fuzzy_in, norm

# Names users give the whole budget; the narrative calls it 收支总预算.
TOTAL_SYNONYMS = ("预算总额", "总预算", "预算总盘子", "总盘子", "部门预算总额", "收支总额", "预算规模",
                  "总支出", "总收入", "预算总共", "预算一共")
CANONICAL_TOTAL = "收支总预算"
TOPIC_FIT = 60  # how well a subject holding the question's topic word must fit the question


# What may surround the total in a bare total question ('2025年部门预算总额是多少').
_TOTAL_FILLER = re.compile(
    r"\d{4}年度?|去年|上年|前年|今年|本年|部门|本部门|单位|全部|整个|的|是|有|共|总共|一共|多少|多大|"
    r"金额|规模|到底|为|呢|吗|[?？!！,，。\s]"
)


def is_total_question(text: str) -> bool:
    """The question asks for the whole budget and nothing narrower ('基本支出预算' is narrower)."""
    rest = _TOTAL_FILLER.sub("", total_text(text))
    return rest in (CANONICAL_TOTAL, "收入预算", "支出预算", "财政拨款收支总预算", "预算", "总预算")


def total_text(text: str) -> str:
    """'去年预算总额多少' -> '去年收支总预算多少' (收入预算/支出预算 are left alone)."""
    if "收入预算" in text or "支出预算" in text or CANONICAL_TOTAL in text:
        return text
    for word in sorted(TOTAL_SYNONYMS, key=len, reverse=True):
        if word in text:
            return text.replace(word, CANONICAL_TOTAL, 1)
    return text


def score(row: Row, text: str, names: Sequence[str]) -> float:
    subject = str(row["subject"])
    s = fuzzy_in(subject, text)
    last = str(row["section"]).split(" / ")[-1]
    s = max(s, fuzzy_in(last, text) * 0.85)
    for n in names:
        if norm(n) == norm(subject):
            s = max(s, 101.0)
    return s + min(len(norm(subject)), 20) / 100.0


GENERIC_TAIL = "的费用经费支出"  # what is left of a subject once its topic is taken out, when it says nothing


def _undistinguished(facts: Sequence[Row], topic: str, text: str) -> list[Row] | None:
    """公务用车费用 with both 公务用车购置费 and 公务用车运行维护费 printed: the question names neither
    part, so picking the closer-scoring one would state the figure of one part as the whole's;
    every such line is given instead."""
    amounts = [r for r in facts if r["measure"] == "amount" and topic in str(r["subject"])]
    subjects = list(dict.fromkeys(str(r["subject"]) for r in amounts))
    if len(subjects) < 2:
        return None
    rests = [s.replace(topic, "").strip(GENERIC_TAIL) for s in subjects]
    # 运行费 names 运行维护费 by its first word: one part is named, so not every part is given
    if any(rest and (rest in text or rest[:2] in text) for rest in rests) or any(s in text for s in subjects):
        return None
    return amounts


def topic_rows(params: dict[str, Any], facts: Sequence[Row]) -> list[Row]:
    text, names = total_text(params.get("text", "")), params.get("names", [])
    # 2024年三公经费安排多少: the year asked is a slot of its own (params["years"]), not words of
    # the subject — left in, it dilutes the fit of a subject said in full
    text = re.sub(r"(?:19|20)\d{2}年度?", "", text) or text
    scored = sorted(((score(r, text, names), r) for r in facts), key=lambda p: p[0], reverse=True)
    scored = [p for p in scored if p[0] >= 75]
    topic = params.get("topic")
    if topic:
        # the disclosure's own topic word decides the subject: '三公经费' is not 公用经费
        named = [p for p in scored if topic in str(p[1]["subject"]) or topic in str(p[1]["section"])]
        if not named:
            # '政府采购同比变化': the subject is printed longer (政府采购预算支出) than fuzzy allows
            # (half the printed name at least: '张三公司' holds 三公 but is no 三公经费)
            named = [
                (s, r)
                for s, r in ((score(r, text, names), r) for r in facts)
                if topic in str(r["subject"]) and s >= TOPIC_FIT
            ]
        scored = sorted(named, key=lambda p: p[0], reverse=True) or scored
        if scored and (several := _undistinguished(facts, topic, text)) is not None:
            return several
        item = _item_of_topic([(0, r) for r in facts if topic in str(r["section"])], topic, text)
        if item:  # 三公经费里运行费多少: the item of the topic the rest names, never the topic's total
            return item
    if not scored:
        return []
    top = scored[0][0]
    best_subject = scored[0][1]["subject"]
    kept = _inside_longer([r for s, r in scored if s >= top - 1 or r["subject"] == best_subject], text)
    return _whole_before_parts(kept, facts, text) or kept


SOURCE_WORDS = ("拨款", "基金", "资本经营")  # words of a source of funds said before a side
SOURCE_SPAN = 4  # characters before a subject that may name its source (财政拨款支出预算)


def _inside_longer(kept: list[Row], text: str) -> list[Row]:
    """一般公共预算拨款支出预算: 支出预算 is said only as the end of 一般公共预算拨款支出 and its 预算 —
    a subject whose words in the question lie across a longer subject said there is not asked."""
    said = {str(r["subject"]): (at, at + len(str(r["subject"]))) for r in kept
            if (at := text.find(str(r["subject"]))) >= 0}
    dropped = {a for a, (s1, e1) in said.items() for b, (s2, e2) in said.items()
               if len(b) > len(a) and s1 < e2 and s2 < e1}
    # 财政拨款支出预算 when only 支出预算 is printed: the part one source pays is not the side
    dropped |= {a for a, (s1, _) in said.items()
                if any(w in text[max(0, s1 - SOURCE_SPAN): s1] and w not in a for w in SOURCE_WORDS)}
    kept = [r for r in kept if str(r["subject"]) not in dropped]
    return kept


PART_MARK = "其中"  # '建筑面积约为13459平方米，其中地上…，地下…': what follows are parts of the figure before


def _whole_before_parts(kept: list[Row], facts: Sequence[Row], text: str) -> list[Row]:
    """建筑面积多少 fits 地上建筑面积 and 地下建筑面积 best, but the statement gives their whole just
    before them (…建筑面积约为13459平方米，其中地上…): the whole is what was asked, not its parts —
    unless the question says which part (建筑面积 → 地下呢): then that part."""
    subjects = {str(r["subject"]) for r in kept}
    if len(subjects) < 2 or not any(str(r["sentence"]).startswith(PART_MARK) for r in kept):
        return []
    core = min(subjects, key=len)
    while core and not all(s.endswith(core) for s in subjects):
        core = core[1:]  # the longest ending every subject shares (建筑面积)
    if len(core) < 2:
        return []
    said = [r for r in kept if len(str(r["subject"])) > len(core) and str(r["subject"])[: -len(core)] in text]
    if said:
        return said
    first = min(r["line_no"] for r in kept)
    wholes = [r for r in facts if str(r["subject"]).endswith(core) and str(r["subject"]) not in subjects
              and first - 1 <= r["line_no"] <= first and not str(r["sentence"]).startswith(PART_MARK)]
    return wholes[:1]


ITEM_MIN = 3  # characters of an item's name that name it beside its topic (运行费)


def _item_of_topic(scored: list, topic: str, text: str) -> list[Row]:
    """The one item of the topic's statements whose name ends in a run of the question left over
    once the topic is said (三公经费里运行费 → 公务用车运行费); [] when none or several fit."""
    rest = text.replace(topic, " ")
    items = {}
    for _, r in scored:
        subject = str(r["subject"])
        if r["measure"] != "amount" or topic in subject:
            continue
        for n in range(len(subject), ITEM_MIN - 1, -1):
            if subject[-n:] in rest:
                items.setdefault(subject, []).append(r)
                break
    if not items:  # 公车运行费 of 公务用车运行维护费: the word said, inside the one item's name
        core = rest.strip().strip(GENERIC_TAIL)
        for _, r in scored:
            subject = str(r["subject"])
            if r["measure"] == "amount" and topic not in subject.replace(topic, "", 1) and len(core) >= 2 \
                    and core in subject.replace(topic, "", 1):
                items.setdefault(subject, []).append(r)
    if len(items) > 1:  # 运行费 is 公务用车运行费 itself, not the joined 公务用车购置及运行费
        items = {k: v for k, v in items.items() if not any(j in k for j in JOINERS)}
    return next(iter(items.values())) if len(items) == 1 else []


JOINERS = ("及", "和", "与")


