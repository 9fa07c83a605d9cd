"""Figures the narrative states (第三/四部分): year-on-year changes, 机关运行经费, 政府采购
(货物/服务), 购买服务, 委托业务费, 房屋面积, vehicles, “三公”经费 — and the prior-year total
reconstructed as current − change when a form prints it two ways. Year-on-year questions
without a subject and prior years derived from a change or '持平' are in narrative_change;
the wording of one fact in narrative_say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assistant import fmt
from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Row, Runner
from assistant.pipeline.checks import bought_not_asked, held_count
from assistant.pipeline.intents.forms_common import (
    answered,
    asks_actuals,
    contains_any,
    last_intent,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.narrative_change import (
    is_bare_change,
    prior_derived,
    rate_derived,
    years_total,
)
from assistant.pipeline.intents.narrative_common import (
    CANONICAL_TOTAL,
    TOTAL_SYNONYMS,
    current_total,
    is_total_question,
    prior_total,
    topic_rows,
)
from assistant.pipeline.intents.narrative_say import empty_table, paragraphs, say, section_sum, unchanged
from assistant.pipeline.intents.narrative_statement import (
    REASON_SAID,
    USE_SAID,
    also_named,
    listed_parts,
    reason,
    same_paragraph,
)
from assistant.pipeline.intents.tables_common import has_any, knowledge
from assistant.pipeline.normalise import canon

INTENT = "narrative_fact"
# Topics every department's 第三/四部分 reports under the same names (the disclosure template).
TOPICS = (
    "机关运行经费",
    "政府采购",
    "购买服务",
    "委托业务费",
    "房屋面积",
    "面积",
    "公务用车",
    "执法执勤用车",
    "特种专业技术用车",
    "用车",
    "车辆",
    "三公",
    "公务接待",
    "因公出国",
    "出国",
    "货物类",
    "服务类",
    "工程类",
    "国有资产",
    "预算绩效",
    "预留",  # 面向中小企业预留的采购金额: the 政府采购 statement's reserved share
)
# Totals the tables answer too: the narrative is the source only for their change and prior year.
TOTAL_TOPICS = ("收支总预算", "收入预算", "支出预算", "财政拨款收支", *TOTAL_SYNONYMS)

CHANGE = (
    "多了",
    "少了",
    "增加",
    "减少",
    "变化",
    "增减",
    "同比",
    "比上年",
    "较上年",
    "上升",
    "下降",
    "增长了多少",
    "变动",
    "增长多少",
    "涨了",
    "降了",
    "多多少",
    "少多少",
    "新增的",  # 新增的三公经费: how much more than the year before (新增 alone is a project category)
    "新增了",
    "新增多少",
    "多花",
    "少花",
    "变了",  # 跟去年比变了多少
    "差了多少",
)
# '增长多少' / '变化多少' may mean the amount or the percentage: both are given.
BOTH = ("增长多少", "增长了多少", "变化多少", "变化情况", "变动情况", "同比", "多多少", "少多少")
COUNT_ASK = (
    "次数", "几次", "多少次", "几家", "多少家", "几个", "多少个", "几项", "多少项", "人数", "多少人", "几人"
)
MONEY_NOUN = re.compile(r"^目?[\u4e00-\u9fff]{0,4}?(?:资金|金额|经费|钱)")


def _asks_count(text: str) -> bool:
    """多少个 / 几项 asks how many — but 多少项目预算资金 asks money: the count word begins a noun
    of money (…项目预算资金), with no pause before it (有几项，金额多少 asks both)."""
    return any(w in text and not MONEY_NOUN.search(text[text.find(w) + len(w):]) for w in COUNT_ASK)


RATE = ("增幅", "增长率", "幅度", "百分之几", "多少%", "降幅", "增长多少%", "涨幅", "几个点", "增长几")
WHY = (
    "为什么",
    "原因",
    "为何",
    "怎么会",
    "用于",
    "主要包括",
    "包括哪些",
    "都有哪些",
    "截至",
    "什么时候",
    "哪些",
)
EXPLAIN = ("为什么", "原因", "为何", "为啥", "怎么会")
# Counts the narrative states about a topic no table holds ('编报绩效目标的项目共25个').
COUNT_TOPICS = ("绩效目标",)
YEAR_SAID = re.compile(r"\d{4}年度?")
NOT_SAID = ("没有", "未", "不", "没", "以外", "之外", "除了")  # the projects a topic's figure is not of
STRONG_NAME = 95.0  # a narrative subject named this exactly is the subject of a count question
# Qualifier word groups (knowledge/intents.toml) that narrow a topic to the part of it they name.
QUALIFIERS = ("proc_micro", "proc_sme")
DEFINE = ("反映什么", "是什么意思", "什么意思", "指什么", "指的是", "名词解释", "含义", "定义", "是指")
ASKED_IN_UNIT = re.compile(r"(多少|几)(?:万元|亿元|元)")
CONFLICT = ("还是", "哪个对", "哪个准", "不一致", "对不上", "到底")
PART_SAID = re.compile(r"第[一二三四五1-5]部分")  # 第四部分中的公务接待费: the narrative's own figure


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
        if named and not _asks_count(text) and not contains_any(text, NOT_SAID):  # 没有编报…的: the rest
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
        if narr and asks_change:
            # a catalogue 'narrative' name alone (人员经费, 项目支出) is a table question unless it
            # asks for a change, which only the narrative states
            return Intent(name=INTENT, params=params | {"kind": "fact"}, evidence="likely")
        named = [m.name for m in matches if m.kind in ("summary", "term")]
        if named and asks_change:
            # '财政拨款收入比上年增加多少': a total line of the tables states no change; the
            # narrative may (when it does not, the table handlers answer the amount)
            return Intent(name=INTENT, params=params | {"kind": "fact", "names": named}, evidence="plausible")
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
        if prev is not None and not _other_topic(text, prev.params) and (
                len(text) <= 8 or (contains_any(text, RATE + CHANGE + WHY) and is_bare_change(own))):
            return Intent(
                name=INTENT,
                params=dict(prev.params)
                | {"text": prev.params.get("text", "") + text, "years": list(q.years)},
                evidence="likely",
            )
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        # '1 辆一般公务用车的燃料费' counts vehicles for a cost: no vehicle count of a 费
        facts = _facts_in_question_words(runner)
        if not facts:
            return not_found("本文件的说明部分没有可引用的数字。")
        if intent.params.get("kind") == "conflict":
            return prior_total(intent.params, facts, runner)
        if intent.params.get("kind") == "years_total":
            return years_total(intent.params, facts, runner)
        return _fact(intent.params, facts, runner)


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


# what the department holds (房屋, 车辆: the 国有资产占用 statement), never a part of a budget figure
AS_OF_MEASURES = ("area", "count")  # holdings stated as of a date (房屋面积, 车辆)
HOLDINGS = ("房屋面积", "面积", "公务用车", "执法执勤用车", "特种专业技术用车", "用车", "车辆", "国有资产")


QUESTION_WORDS = "narr_facts/question_words"  # where the read facts are kept with the document's rows


def _facts_in_question_words(runner: Runner) -> list[Row]:
    """The narrative's facts, subjects said in the question's words (公务车购置及运行费 is
    公务用车购置及运行费 asked). The document's own data: read once per open document."""
    rows = run(runner, "narr_facts")  # (a cached read) listed among this answer's queries every time
    kept = getattr(runner, "document_rows", None)
    if kept is not None and QUESTION_WORDS in kept:
        return kept[QUESTION_WORDS]
    k = knowledge()
    facts = [
        {**r, "subject": canon(str(r["subject"]), k)}
        for r in rows
        if not (r["unit"] == "辆" and str(r["subject"]).endswith("费"))  # 1 辆…的燃料费: no count of a 费
    ]
    if kept is not None:
        kept[QUESTION_WORDS] = facts
    return facts


SIDES = ("收入预算", "支出预算")
# what names a part of a side's total (财政拨款支出预算, 政府性基金拨款支出预算), not the side itself
SOURCE_WORDS = ("拨款", "基金", "资本", "经营")


def _side_total(text: str, facts: Sequence[Row], runner: Runner) -> list[Row]:
    """The first statement of the side asked (收入预算 / 支出预算) this year, the department's own
    name before it allowed; never a part of it named by its source of funds."""
    side = next((w for w in SIDES if w in text), None)
    if side is None or all(w in text for w in SIDES):
        return []
    if any(w in text[: text.find(side)] for w in SOURCE_WORDS):
        return []  # 一般公共预算拨款支出预算: the part of the side that source pays, not the side
    found = [
        r for r in facts
        if r["measure"] == "amount" and r["year"] == runner.year and str(r["subject"]).endswith(side)
        and not any(w in str(r["subject"])[: -len(side)] for w in SOURCE_WORDS)
    ]
    return found[:1]


def _changed_as_its_part(rows: Sequence[Row], facts: Sequence[Row]) -> list[Row]:
    """支出预算37,151.47万元，其中：财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元: a side
    printed with no change of its own whose one part is all of it (the same amount, the same
    statement) changed as that part did — the part's change, said as the part's, for the side.
    A change against last year's 执行数 is another base: never taken for the budget's."""
    out: list[Row] = []
    for whole in (r for r in rows if r["measure"] == "amount" and str(r["subject"]).endswith(SIDES)):
        if any(r["measure"] == "change" and r["subject"] == whole["subject"] for r in facts):
            continue
        side = next(w for w in SIDES if str(whole["subject"]).endswith(w))[:2]  # 收入 / 支出
        parts = [r for r in facts if r["measure"] == "amount" and r["subject"] != whole["subject"]
                 and r["value"] == whole["value"] and r["year"] == whole["year"] and side in str(r["subject"])
                 and 0 <= r["line_no"] - whole["line_no"] <= 1]
        for part in parts[:1]:
            change = next((r for r in facts if r["measure"] == "change" and r["subject"] == part["subject"]
                           and 0 <= r["line_no"] - part["line_no"] <= 1
                           and "执行数" not in str(r["sentence"])), None)
            if change is not None:
                # said for the side, the sentence quoted naming the part it was printed of
                said = f"其中：{part['sentence']}，{change['sentence']}".replace("，，", "，")
                out.append({**change, "subject": whole["subject"], "via": part["subject"], "sentence": said})
    return out


_LEADING_NAME = re.compile(r"^([\u4e00-\u9fff]{3,}?)(?=(?:19|20)\d{2}年|的|收入预算|支出预算)")


def _without_owner(text: str, row: Row) -> str:
    """'区政府办公室2025年的收入预算' → '2025年的收入预算' when the name before it shortens the
    department the statement names ('上海市普陀区人民政府办公室收入预算'): every character in
    order, ending alike."""
    subject = str(row["subject"])
    owner = next((subject[: -len(w)] for w in SIDES if subject.endswith(w)), "")
    m = _LEADING_NAME.match(text)
    if not owner or m is None:
        return text
    name = m.group(1)
    it = iter(owner)
    if name[-1] == owner[-1] and all(ch in it for ch in name):
        return text[len(name):]
    return text


MONEY_ASK = ("资金", "钱", "金额", "经费", "预算", "万元", "元")
QUANTITY_ASK = ("多少", "几何")


def _amount_too(text: str) -> bool:
    """A clause of its own asks an amount beside the count ('有几个，涉及多少资金')."""
    clauses = [c for c in re.split(r"[,，;；、?？!！。]", text) if c]
    return len(clauses) > 1 and any(
        (contains_any(c, MONEY_ASK) or BARE_HOW_MUCH.fullmatch(c)) and contains_any(c, QUANTITY_ASK)
        and not contains_any(c, COUNT_ASK)
        for c in clauses[1:]
    )


# 有几个、涉及多少(万元): a clause asking how much of nothing else (its unit taken as the one asked)
BARE_HOW_MUCH = re.compile(r"(?:涉及|是|有|共|一共|总共|合计|共计)*多少")


# how the document links an amount to the count before it ('项目11个，涉及项目预算资金6626万元')
LINKED = ("涉及", "金额", "资金", "共计", "合计", "总额")


def _whole_of(topic: str, facts: Sequence[Row], runner: Runner) -> Row | None:
    """政府采购预算 830.00万元: this year's amount of the topic with no qualifier of a part."""
    if not topic:
        return None
    return next((r for r in facts if r["measure"] == "amount" and r["year"] == runner.year
                 and str(r["subject"]).startswith(topic)
                 and not any(has_any(str(r["subject"]), g) for g in QUALIFIERS)), None)


def _amount_beside(count: Row, statement: Sequence[Row]) -> list[Row]:
    """The amount stated of the thing counted: its own ('在建工程1项12277.73万元'), else the one
    linked to the count in the next clause ('项目11个，涉及项目预算资金6626万元'); never another
    line's amount of the same paragraph (固定资产 beside 无形资产, 流动资产 beside 车辆)."""
    own = [r for r in statement if r["measure"] == "amount" and r["subject"] == count["subject"]
           and r["line_no"] == count["line_no"]]
    if own:
        return own[:1]
    linked = [r for r in statement if r["measure"] == "amount"
              and 0 <= r["line_no"] - count["line_no"] <= 1
              and str(r["sentence"]).lstrip("，,；; ").startswith(LINKED)]
    return linked[:1] if len(linked) == 1 else []


BUDGET_WORD = "预算"  # 今年预算比去年多多少: the budget itself named


def _about_the_total(turn: Any) -> bool:
    """The turn before asked the whole budget (总预算/收支总预算), so a bare change is its change."""
    intent, query = turn.intent, turn.query
    return (query is not None and query.op == "total") or (
        intent is not None and bool(intent.params.get("total")))


def _measures(text: str) -> list[str]:
    wanted = []
    if contains_any(text, CHANGE):
        wanted.append("change")
    if contains_any(text, RATE):
        wanted.append("rate")
    if contains_any(text, ("占比", "占多少", "比重", "占总")):
        wanted.append("share")
    # '几辆车 / 有没有执法执勤用车' count vehicles; '公务用车运行维护费' is money
    if "辆" in text or ("车" in text and contains_any(text, ("有没有", "有无", "几", "数量", "多少台"))):
        wanted.append("count")
    elif _asks_count(text):
        # '公务接待次数' asks how many, not how much: a money figure is no answer to it
        wanted.append("count")
    if "面积" in text:
        wanted.append("area")
    return wanted or ["amount"]


def _fact(params: dict[str, Any], facts: Sequence[Row], runner: Runner) -> Answer:
    text = params.get("text", "")
    rows = topic_rows(params, facts)
    if has_any(text, "executed"):
        # '比2024年预算执行数增加多少': only a change the document states against 执行数 (the
        # spending side of the same statement may be against the budget: never that one)
        rows = [r for r in rows if r["measure"] != "change" or "执行数" in str(r["sentence"])]
        if not any(r["measure"] == "change" for r in rows):
            return not_found("预算说明中没有写与上年预算执行数相比的这一变化。",
                             ["收支总预算比上年增加多少？"])
    if params.get("total") or (not rows and is_bare_change(text) and contains_any(text, RATE + CHANGE)
                               and params.get("alone", True)):
        rows = topic_rows(params | {"text": CANONICAL_TOTAL, "topic": None}, facts)
        text = f"{text}同比"  # the bare change gets both the amount and the rate
    sided = _side_total(text, facts, runner)
    if sided and (is_total_question(text) or is_total_question(_without_owner(text, sided[0]))):
        text = _without_owner(text, sided[0])  # the department's name asks nothing narrower
        rows = sided  # 收入预算一共多少: the statement of that side ('…办公室收入预算9,101.68万元')
    if not rows and is_total_question(text):
        # a balanced budget: the bare 支出预算 / 收入预算 is the 收支总预算 the narrative states
        rows = topic_rows(params | {"text": CANONICAL_TOTAL}, facts)
    if not rows:
        return not_found("预算说明部分没有写这一项。", ["机关运行经费是多少？", "政府采购预算多少？"])
    rows = [*rows, *_changed_as_its_part(rows, facts)]
    whole: Row | None = None
    if has_any(text, "proc_unlisted_size"):  # 中型企业预留多少: no such part is printed
        return not_found("预算说明只写了面向中小企业预留的金额和其中预留给小型、微型企业的金额，"
                         "没有单列这一类企业的金额。", ["面向中小企业预留多少？", "小微企业预留多少？"])
    asked = [g for g in QUALIFIERS if has_any(text, g)]
    if asked:
        # '面向中小企业预留的政府采购' is that share only: never the whole 政府采购 figure; '…，给小微
        # 企业的呢' asks each part named
        topic = str(params.get("topic") or "")
        parts = [[r for r in facts if has_any(str(r["subject"]), g) and topic in str(r["subject"])]
                 for g in asked]
        if not all(parts):
            return not_found("预算说明中没有写这一部分的金额。", ["政府采购预算多少？"])
        rows = [r for part in parts for r in part]
        whole = _whole_of(topic, facts, runner)
    measures = _measures(text)
    topic = str(params.get("topic") or "")
    if measures == ["amount"] and topic and not any(r["measure"] == "amount" for r in rows):
        # 公车花多少钱: the topic's money statements (公务用车购置费), not its count of vehicles
        said = (topic, topic.replace("用车", "车"))  # 公务车购置及运行费: a topic printed shorter
        rows = [r for r in facts if r["measure"] == "amount" and any(t in str(r["subject"]) for t in said)] \
            or rows
        # …and every one of them when the question names none (公务用车购置费 0 and 运行费 21.56):
        # one part is never stated as the whole
        every = len({str(r["subject"]) for r in rows if r["measure"] == "amount"}) > 1
    else:
        every = False
    past = [y for y in params.get("years", []) if y < runner.year]
    stated = any(r["measure"] == "amount" and r["year"] in past for r in rows)
    if measures == ["amount"] and past and is_total_question(text) and not stated:
        return prior_total(params, facts, runner)  # the prior-year total, derived
    if measures == ["amount"] and not past and is_total_question(text):
        current = current_total(rows, runner)
        if current is not None:
            return current
    priced = [r for r in rows if r["measure"] == "amount"]
    # 公车花多少钱: money asked is the first statement of an amount, never a count of vehicles before it
    first_line = min(r["line_no"] for r in (priced if measures == ["amount"] and priced else rows))
    # the same figures are often repeated in later sections: keep the first statement of each
    group = rows if every else [r for r in rows if r["line_no"] == first_line] or rows
    picked = [r for r in group if r["measure"] in measures]
    if not picked and measures != ["amount"]:
        # '收入37,151.47万元，比2024年增加24,558.18万元' wraps: the change is on the next line
        group = same_paragraph(group[0], rows, runner) or group
        picked = [r for r in group if r["measure"] in measures]
    if "count" in measures and not picked:
        picked = [r for r in rows if r["measure"] == "count"]
    if "rate" in measures and picked and not any(r["measure"] == "rate" for r in picked):
        derived = rate_derived(group, runner)  # 增长百分之几 where only the change is printed: worked out
        if derived is not None:
            return derived
    if "count" in measures and picked and _other_noun(picked, text):
        # 几个预算单位 beside 编报绩效目标的项目49个: 个 counts anything, so the thing counted must be said
        return not_found(f"预算说明中没有直接给出这一数量；写明的是{picked[0]['subject']} "
                         f"{fmt.number(picked[0]['value'])} {picked[0]['unit']}。", [])
    if "count" in measures and picked and bought_not_asked(picked, text):
        held = [r for r in facts if r["measure"] == "count" and r["unit"] == picked[0]["unit"]
                and held_count(r)]
        if not held:  # 公务用车有几辆 where only the year's purchase is printed: not what is held
            return not_found(f"预算说明只写了{picked[0]['subject']} {fmt.number(picked[0]['value'])} "
                             f"{picked[0]['unit']}，没有写现有数量。", [f"{picked[0]['subject']}多少？"])
        picked = held[:1]
    unpriced = False
    if "count" in measures and picked and _amount_too(text):
        # '项目有几个，涉及多少资金': the amount the same statement gives beside the count
        beside = _amount_beside(picked[0], same_paragraph(picked[0], facts, runner))
        picked += beside
        unpriced = not beside
    asked_years = [y for y in params.get("years", []) if y != runner.year]
    # (a change's row carries the year it is against: it is no amount of that year)
    if measures == ["amount"] and asked_years and not any(
            r["year"] in asked_years and r["measure"] == "amount" for r in rows):
        # the amount the question names (公务用车购置费, not 公务用车购置及运行费 beside it) and the
        # change stated with it, also when the line wraps before the change
        said = [r for r in group if r["measure"] == "amount" and str(r["subject"]) in text] or group
        near = [r for r in rows if r["measure"] == "change" and r not in said
                and any(0 <= r["line_no"] - a["line_no"] <= 1 for a in said)]
        flat = prior_derived(said + near, params, runner)
        if flat is not None:
            return flat
        subject = group[0]["subject"]
        return not_found(f"预算说明中没有{asked_years[0]}年的{subject}数字。", [f"{subject}是多少？"])
    if not picked and measures != ["amount"]:
        subject = group[0]["subject"]
        if "change" in measures or "rate" in measures:
            flat = unchanged(group[0], runner)
            if flat is not None:
                return flat
        if measures == ["rate"]:  # only the change is printed: its rate over last year's figure
            derived = rate_derived(same_paragraph(group[0], rows, runner) or group, runner)
            if derived is not None:
                return derived
        # the narrative states no such share/change for this subject: say so, never substitute
        return not_found(f"预算说明中没有直接给出{subject}的这一数字。", [f"{subject}是多少？"])
    if not picked:
        picked = [r for r in group if r["measure"] == "amount"][:1] or group[:1]
    dated = [r for r in picked if r["year"] is not None and r["measure"] in AS_OF_MEASURES]
    if asked_years and dated and not any(r["year"] in asked_years for r in dated):
        # 2023年的房屋面积: the 说明 states holdings as of one date only — never that date's for another
        return not_found(f"预算说明只写了截至{dated[0]['year']}年底的{dated[0]['subject']}，"
                         f"没有{asked_years[0]}年的数字。", [f"{dated[0]['subject']}是多少？"])
    if measures == ["amount"]:
        statement = same_paragraph(picked[0], facts, runner) if picked else []
        picked += also_named(text, statement, picked) + listed_parts(text, picked, facts, runner)
    years = [y for y in params.get("years", []) if y != runner.year]
    if measures == ["amount"]:
        # one statement often gives this year and the comparison year: answer the year asked
        wanted = years or [runner.year]
        same_year = [r for r in picked if r["year"] in wanted]
        picked = same_year or picked
    # a change question also gets the rate when the text gives one, and vice versa only if asked
    if "change" in measures and not any(r["measure"] == "rate" for r in picked):
        picked += [r for r in group if r["measure"] == "rate" and contains_any(text, RATE + BOTH)]
    if "rate" in measures and not any(r["measure"] == "rate" for r in picked) and contains_any(text, RATE):
        # 同比下降百分之多少 where only the change is printed: its rate, worked out beside it
        derived = rate_derived(same_paragraph(group[0], rows, runner) or group, runner)
        if derived is not None:
            return derived
    out, vals, cites = [], [], []
    if whole is not None:
        # the parts asked are parts of this whole: named for the reader (its figure is not asked)
        out.append(f"{whole['subject']} {fmt.number(whole['value'])} {whole['unit']}，其中：")
    for r in picked[:6]:
        out.append(say(r, runner))
        if r["measure"] == "change" and "执行数" in str(r["sentence"]):
            # measured against last year's execution, not its budget: the reader sees which
            out.append(f"（原文：{str(r['sentence']).rstrip('；;。，,')}。）")
        vals.append(
            value(
                r["value"] if r["measure"] not in ("change", "rate") else abs(Decimal(str(r["value"]))),
                r["unit"],
                fmt.measure_label(r["subject"], r["measure"], r["value"]),
            )
        )
        cites.append(
            safe_cite(runner, r["part"], f"{r['section'].split(' / ')[-1]} {r['subject']}", r["line_no"])
        )
    summed = section_sum(picked, list(facts), text) if measures == ["amount"] else None
    if summed is not None:  # 公务用车购置及运行维护费: the section's parts, added up
        sentence, parts, total, name = summed
        out.append(sentence)
        vals.insert(0, value(total, parts[0]["unit"], f"{name}合计"))
        for r in (r for r in parts if r not in picked):
            vals.append(value(r["value"], r["unit"], r["subject"]))
            cites.append(safe_cite(runner, r["part"], f"{r['section'].split(' / ')[-1]} {r['subject']}",
                                   r["line_no"]))
    paras = paragraphs(runner, picked[0])
    zero = all(Decimal(str(r["value"])) == 0 for r in picked)
    if paras and (zero or contains_any(text, WHY)):
        head = paras[0]["section"]
        out.append(
            "原文："
            + "".join(
                p["text"] if p["section"] == head else f"{p['section'].split(' / ')[-1]}：{p['text']}"
                for p in paras
            )
        )
    if paras and contains_any(text, WHY):
        why = reason(runner, picked[0], paras)
        if why is not None:
            out.append(f"原因：{why['text']}")
            cites.append(safe_cite(runner, why["part"], why["section"], why["line_start"]))
        elif contains_any(text, EXPLAIN) and not any(REASON_SAID.search(p["text"]) for p in paras):
            # 为什么 asked: the figures are not the reason (and what the money is for is no reason either)
            used = any(USE_SAID.search(p["text"]) for p in paras)
            out.append("（文件没有写明原因，只写了用途。）" if used else "（文件没有写明原因。）")
    if zero and picked[0]["part"] == "第四部分":
        empty = empty_table(runner, "三公")
        if empty is not None:
            out.append(f"{empty['table_id']}“{empty['title']}”为空表，与此一致。")
            cites.append(safe_cite(runner, empty["table_id"], empty["title"], empty["line_start"]))
    if unpriced:
        out.append(f"（文件没有写{picked[0]['subject']}的金额。）")  # the money asked is not stated
    subject = picked[0]["subject"]
    return answered(
        "".join(out),
        vals,
        cites,
        _tips(subject, rows),
    )


GENERIC_UNITS = ("个", "项", "家")  # classifiers that do not tell what is counted (辆 says vehicles)
NOUN_HEAD = 2  # the last characters of a counted subject that name the thing (…的项目 → 项目)


COUNTED_NOUN = re.compile(r"(?:几|多少)(?:个|项|家)([\u4e00-\u9fff]{2})")  # 几个预算单位: what 个 counts


def _other_noun(picked: list[Row], text: str) -> bool:
    said = COUNTED_NOUN.search(text)
    for r in picked:
        head = str(r["subject"])[-NOUN_HEAD:]
        if r["unit"] not in GENERIC_UNITS:
            return False
        if (said.group(1) in str(r["subject"])) if said else (head in text):
            return False
    return True


def _tips(subject: str, rows: Sequence[Row]) -> list[str]:
    """Follow-ups the narrative can answer: a change only when one is stated for the subject."""
    tips = [f"{subject}比上年变化多少？"] if any(r["measure"] == "change" for r in rows) else []
    return [*tips, "机关运行经费比上年增加多少？", "“三公”经费安排了多少？"]


def _named_before(q: Question, narr: Sequence[Match]) -> bool:
    """财政拨款支出预算去年是多少: a subject the 说明 names in full, asked of a year before the budget's
    — only the 说明 can work it back (this year's figure less the change it states)."""
    year = DOCUMENT_YEAR.get()
    return year is not None and bool(q.years) and all(y < year for y in q.years) \
        and any(m.score >= STRONG_NAME for m in narr)
