"""Figures the narrative states (第三/四部分): year-on-year changes, 机关运行经费, 政府采购
(货物/服务), 购买服务, 委托业务费, 房屋面积, vehicles, “三公”经费 — and the prior-year total
reconstructed as current − change when a form prints it two ways. Year-on-year questions
without a subject and prior years derived from a change or '持平' are in narrative_change;
the wording of one fact in narrative_say. This module reads the question; the words it reads by
are in narrative_fact_words, the rows in narrative_fact_rows and the answer in narrative_fact_answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Runner
from assistant.pipeline.intents.forms_common import (
    asks_actuals,
    contains_any,
    last_intent,
    not_found,
)
from assistant.pipeline.intents.narrative_change import (
    is_bare_change,
    years_total,
)
from assistant.pipeline.intents.narrative_common import is_total_question
from assistant.pipeline.intents.narrative_fact_answer import fact_answer
from assistant.pipeline.intents.narrative_fact_rows import facts_in_question_words
from assistant.pipeline.intents.narrative_fact_words import (
    ASKED_IN_UNIT,
    CHANGE,
    CONFLICT,
    COUNT_ASK,
    COUNT_TOPICS,
    DEFINE,
    HOLDINGS,
    NOT_SAID,
    PART_SAID,
    QUALIFIERS,
    QUANTITY_ASK,
    RATE,
    STRONG_NAME,
    TOPICS,
    TOTAL_TOPICS,
    WHY,
    YEAR_SAID,
    asks_count,
)
from assistant.pipeline.intents.narrative_totals import prior_total
from assistant.pipeline.intents.tables_common import has_any

INTENT = "narrative_fact"
AS_OF_STAMP = re.compile(r"截[至止]到?\s*((?:19|20)\d{2})\s*年")
TABLE_LINES = frozenset({"function", "economic", "project", "procurement", "detail", "summary", "unit",
                         "table"})


class NarrativeFactHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        # 收入预算多少万元: the unit asked is the question's unit_request, no word of the fact
        text = ASKED_IN_UNIT.sub(r"\1", q.text) if q.unit_request else q.text
        narr = [m for m in matches if m.kind == "narrative"]
        params: dict[str, Any] = {
            "text": text,
            "years": list(q.years),
            "numbers": list(q.numbers),
            "names": [m.name for m in narr],
        }
        if (stamp := AS_OF_STAMP.search(q.raw)) is not None:
            params["as_of"] = int(stamp.group(1))  # 截至2023年底 (taken out of the text): holdings of then
        close = [a for a in q.numbers for b in q.numbers if a != b and abs(a - b) < 1]
        if close and contains_any(q.raw, CONFLICT):
            return Intent(name=INTENT, params=params | {"kind": "conflict"}, evidence="certain")
        topic = contains_any(text, TOPICS)
        params["topic"] = next((t for t in TOPICS if t in text), None)
        if contains_any(text, DEFINE) and not contains_any(text, WHY[:3]):
            return None  # '因公出国（境）费反映什么' is a 第五部分 definition, not a figure
        if asks_actuals(q.raw):
            return None
        year = DOCUMENT_YEAR.get()
        earlier = bool(q.years) and year is not None and all(y < year for y in q.years)
        # 一般公共预算拨款支出2024年预算: the year said inside the subject's words is no word of it
        if contains_any(YEAR_SAID.sub("", text), TOTAL_TOPICS) and not topic:
            relative_past = contains_any(q.raw, ("去年", "上年", "前年"))
            asks_change = contains_any(text, RATE + CHANGE)
            # a prior year's total is only derivable here (current − change from the narrative).
            # An explicit year may be the budget year or a prior one (detect cannot tell): a bare
            # total question is answered here either way, the current year citing 预算01表 too.
            bare = is_total_question(text)
            if len(set(q.years)) > 1 and is_total_question(re.sub(r"和|与|及|、|分别|各", "", text)):
                # '2025年和2026年的总预算分别是多少': each year from its own source
                return Intent(name=INTENT, params=params | {"kind": "years_total"}, evidence="certain")
            # 2024年财政拨款收入预算: a year before the budget's, which only the 说明 can work back
            evidence = (
                "certain" if asks_change or (relative_past and bare) else "strong" if q.years and bare
                else "likely" if _named_before(q, narr) or earlier else "last_resort"
            )
            return Intent(name=INTENT, params=params | {"kind": "fact"}, evidence=evidence)
        if contains_any(text, ("占", "比例", "比重", "加起来", "合计")) and not contains_any(
            text, RATE + CHANGE
        ):
            topic = topic and not narr  # '人员经费占总预算的比例' is a table share
        asks_change = contains_any(text, RATE + CHANGE)
        if topic:
            lines = [m for m in matches if m.kind in ("function", "economic") and m.score >= 95]
            # 三公经费里公务接待费: a topic said beside the line's own name scopes it to the narrative
            beside = any(t in text and not any(m.span and t in text[m.span[0]: m.span[1]] for m in lines)
                         for t in TOPICS) or bool(PART_SAID.search(text))
            evidence = "strong" if asks_change or not lines or beside else "likely"
            return Intent(name=INTENT, params=params | {"kind": "fact"}, evidence=evidence)
        counted = next((t for t in COUNT_TOPICS if t in text), None)
        named = [m.name for m in narr if counted and counted in m.name]
        if named and not asks_count(text) and not contains_any(text, NOT_SAID):  # 没有编报…的: the rest
            # 绩效目标涉及的项目资金多少: the money of the projects the narrative counts, as it states it
            return Intent(name=INTENT, params=params | {"kind": "fact", "topic": counted, "names": named},
                          evidence="strong")
        if contains_any(text, COUNT_ASK):
            # '编报绩效目标的项目有多少个': a count the narrative states (the table counter finds no
            # table to count and hands over)
            strong = [m.name for m in narr if m.score >= STRONG_NAME]
            counted = next((t for t in COUNT_TOPICS if t in text), None)
            if strong or counted:
                extra = {"kind": "fact", "topic": counted} | ({"names": strong} if strong else {})
                return Intent(name=INTENT, params=params | extra, evidence="strong" if strong else "weak")
        said = [m for m in matches if m.kind in ("narrative", "summary")]  # (a total line of the tables too)
        if _named_before(q, said) and not asks_change and not topic:
            # 2022年财政拨款收入: a subject the 说明 names in full, of a year before the budget's — only
            # the 说明 works it back (this year's figure less the change it states)
            from assistant.plan.columns import column

            # a total line or a column of the tables (公用经费): the tables' year note when not worked back
            line = any(m.kind == "summary" or column(m.name) is not None for m in said)
            return Intent(name=INTENT, params=params | {"kind": "fact", "line": line}, evidence="likely")
        if narr and asks_change:
            # a catalogue 'narrative' name alone (人员经费, 项目支出) is a table question unless it
            # asks for a change, which only the narrative states
            return Intent(name=INTENT, params=params | {"kind": "fact"}, evidence="likely")
        named = [m.name for m in matches if m.kind in ("summary", "term")]
        if named and asks_change:
            # '财政拨款收入比上年增加多少': a total line of the tables states no change; the
            # narrative may (when it does not, the table handlers answer the amount)
            return Intent(name=INTENT, params=params | {"kind": "fact", "names": named}, evidence="plausible")
        full = _said_alone(q, narr)
        if full and not any(m.kind in TABLE_LINES for m in matches) and contains_any(text, QUANTITY_ASK):
            # 固定资产多少 / 在建工程账面多少万元: a subject only the 说明 states, named in full (below every
            # reading of a table's line, which a catalogue name such as 人员经费 is too)
            return Intent(name=INTENT, params=params | {"kind": "fact", "names": full}, evidence="plausible")
        prev = last_intent(conv, (INTENT,))
        if asks_change and prev is None and not narr and is_bare_change(text) and \
                (not conv.turns or BUDGET_WORD in text or _about_the_total(conv.turns[-1])):
            # '今年预算比去年多多少' / '增幅多少': a change of nothing named is the whole budget's —
            # but a bare '减少多少' inside a conversation is about what was asked, never the total
            return Intent(name=INTENT, params=params | {"kind": "fact", "total": True}, evidence="strong")
        if contains_any(text, RATE) or (contains_any(text, ("同比", "比上年", "较上年")) and "预算" in text):
            alone = not conv.turns or BUDGET_WORD in text or _about_the_total(conv.turns[-1])
            return Intent(name=INTENT, params=params | {"kind": "fact", "alone": alone}, evidence="likely")
        # a follow-up that names a thing of its own (一般公共预算比2024年增加多少) is asked as such,
        # never glued to the question before
        own = re.sub(r"为什么|为何|原因|是什么|怎么|呢", "", text)
        reserved = any(has_any(text, g) for g in QUALIFIERS)  # 其中给小微企业的占多少: the same statement
        if prev is not None and not _other_topic(text, prev.params) and (
                len(text) <= 8 or reserved
                or (contains_any(text, RATE + CHANGE + WHY) and is_bare_change(own))):
            return Intent(
                name=INTENT,
                params=dict(prev.params)
                | {"text": prev.params.get("text", "") + text, "years": list(q.years)},
                evidence="likely",
            )
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        # '1 辆一般公务用车的燃料费' counts vehicles for a cost: no vehicle count of a 费
        facts = facts_in_question_words(runner)
        if not facts:
            return not_found("本文件的说明部分没有可引用的数字。")
        if intent.params.get("kind") == "conflict":
            return prior_total(intent.params, facts, runner)
        if intent.params.get("kind") == "years_total":
            return years_total(intent.params, facts, runner)
        return fact_answer(intent.params, facts, runner)


def _other_topic(text: str, before: dict[str, Any]) -> bool:
    """公务用车几辆 → 那房屋呢: the follow-up names another topic (or its first word: 房屋 of 房屋面积),
    so it is asked on its own, never glued to the question before."""
    from assistant.tag import names_a_thing

    said = re.sub(r"^那|呢$|[?？]", "", text)
    topic = next((t for t in TOPICS if t in said or (len(said) >= 2 and t.startswith(said))), None)
    if topic is None:  # 车: a thing of its own, said too short to be a topic's first word
        return names_a_thing(said, str(before.get("text", "")))
    # 政府采购 → 货物呢 / 三公 → 公务接待呢 ask a part of the same statement: glued as before
    return topic != before.get("topic") and (topic in HOLDINGS or before.get("topic") in HOLDINGS)


BUDGET_WORD = "预算"  # 今年预算比去年多多少: the budget itself named


def _about_the_total(turn: Any) -> bool:
    """The turn before asked the whole budget (总预算/收支总预算), so a bare change is its change."""
    intent, query = turn.intent, turn.query
    return (query is not None and query.op == "total") or (
        intent is not None and bool(intent.params.get("total")))


def _named_before(q: Question, narr: Sequence[Match]) -> bool:
    """财政拨款支出预算去年是多少: a subject the 说明 names in full, asked of a year before the budget's
    — only the 说明 can work it back (this year's figure less the change it states)."""
    year = DOCUMENT_YEAR.get()
    return year is not None and bool(q.years) and all(y < year for y in q.years) \
        and any(m.score >= STRONG_NAME for m in narr)


def _said_alone(q: Question, narr: Sequence[Match]) -> list[str]:
    """固定资产多少 / 在建工程账面多少万元: subjects only the 说明 states, each named in full, with no fund,
    column or set said beside them (项目支出 is a column of the tables; 国有资本经营预算预算支出 and
    项目支出里政府性基金那部分 ask another figure). The gate still judges every other word."""
    from assistant.plan.columns import column
    from assistant.tag import load_lexicon, tag

    lex = load_lexicon()
    full = [m for m in narr if m.score >= STRONG_NAME and m.span and column(m.alias) is None
            and column(m.name) is None]
    tags = tag(q.text, full, lex)
    inside = lambda t: any(m.span[0] <= t.start and t.end <= m.span[1] for m in full)  # noqa: E731
    other = any((t.kind == "set" or (t.kind == "measure" and t.value in NARROWING)) and not inside(t)
                for t in tags)
    return [m.name for m in full] if full and not other else []


# measure words that say which figure besides the subject's own (a fund, a column, a unit's share)
NARROWING = frozenset({"fund", "income", "basic", "project", "personnel", "public", "sme", "micro",
                       "spending_kind", "category", "organisation", "plan"})
