"""The answer to a narrative-fact reading: the statement of the measure asked, of the year asked,
with the parts, reason and empty table that go with it — or a refusal saying what is not printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assistant import fmt
from assistant.models import Answer
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.checks import bought_not_asked, held_count, year_note
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    not_found,
    safe_cite,
    value,
)
from assistant.pipeline.intents.narrative_change import (
    is_bare_change,
    prior_derived,
    rate_derived,
)
from assistant.pipeline.intents.narrative_common import CANONICAL_TOTAL, is_total_question, topic_rows
from assistant.pipeline.intents.narrative_fact_rows import (
    amount_beside,
    changed_as_its_part,
    side_total,
    whole_of,
    without_owner,
)
from assistant.pipeline.intents.narrative_fact_words import (
    AS_OF_MEASURES,
    BOTH,
    CHANGE,
    EXPLAIN,
    QUALIFIERS,
    RATE,
    WHY,
    amount_too,
    measures_asked,
    other_noun,
)
from assistant.pipeline.intents.narrative_say import (
    empty_table,
    paragraphs,
    reserved_share,
    say,
    section_sum,
    unchanged,
)
from assistant.pipeline.intents.narrative_statement import (
    REASON_SAID,
    USE_SAID,
    also_named,
    listed_parts,
    reason,
    same_paragraph,
)
from assistant.pipeline.intents.narrative_totals import current_total, prior_total
from assistant.pipeline.intents.tables_common import has_any, knowledge

ALL_SAID = ("总额", "总预算", "全部", "政府采购", "采购总", "整个")  # the whole 政府采购, said after 占
AS_OF_SAID = re.compile(r"截[至止]|年底|年末")  # a date said: the holdings of that date are asked


def fact_answer(params: dict[str, Any], facts: Sequence[Row], runner: Runner) -> Answer:
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
    sided = side_total(text, facts, runner)
    if sided and (is_total_question(text) or is_total_question(without_owner(text, sided[0]))):
        text = without_owner(text, sided[0])  # the department's name asks nothing narrower
        rows = sided  # 收入预算一共多少: the statement of that side ('…办公室收入预算9,101.68万元')
    if not rows and is_total_question(text):
        # a balanced budget: the bare 支出预算 / 收入预算 is the 收支总预算 the narrative states
        rows = topic_rows(params | {"text": CANONICAL_TOTAL}, facts)
    if not rows:
        return not_found("预算说明部分没有写这一项。", ["机关运行经费是多少？", "政府采购预算多少？"])
    rows = [*rows, *changed_as_its_part(rows, facts)]
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
        whole = whole_of(topic, facts, runner)
        if "share" in measures_asked(text):  # the part is the reservation said last (…其中小微企业的占多少)
            at = {g: max(text.rfind(w) for w in knowledge().words.get(g, ())) for g in asked}
            last = max(asked, key=lambda g: at[g])
            of_all = contains_any(text.split("占")[-1], ALL_SAID)  # 占总额多少: of the whole 政府采购
            return reserved_share(last, parts[asked.index(last)], facts, whole, runner, of_all)
    measures = measures_asked(text)
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
    if "count" in measures and picked and other_noun(picked, text):
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
    if "count" in measures and picked and amount_too(text):
        # '项目有几个，涉及多少资金': the amount the same statement gives beside the count
        beside = amount_beside(picked[0], same_paragraph(picked[0], facts, runner))
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
        if params.get("line"):  # a line of the tables, asked of a year they do not hold
            return not_found(year_note(asked_years, runner.year), [f"{subject}是多少？"])
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
    # 截至2023年底的固定资产 where the 说明 states holdings as of 2022 (a date before the budget's year)
    said_years = [int(params["as_of"])] if params.get("as_of") else \
        [int(y) for y in params.get("years", [])] if AS_OF_SAID.search(text) else []
    earlier = [r for r in picked if r["measure"] == "amount" and r["year"] is not None
               and r["year"] < runner.year]
    dated += [r for r in earlier if said_years and len(earlier) == len(picked)]
    if (asked := asked_years or said_years) and dated and not any(r["year"] in asked for r in dated):
        # 2023年的房屋面积: the 说明 states holdings as of one date only — never that date's for another
        return not_found(f"预算说明只写了截至{dated[0]['year']}年底的{dated[0]['subject']}，"
                         f"没有{asked[0]}年的数字。", [f"{dated[0]['subject']}是多少？"])
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
        tips(subject, rows),
    )



def tips(subject: str, rows: Sequence[Row]) -> list[str]:
    """Follow-ups the narrative can answer: a change only when one is stated for the subject."""
    tips = [f"{subject}比上年变化多少？"] if any(r["measure"] == "change" for r in rows) else []
    return [*tips, "机关运行经费比上年增加多少？", "“三公”经费安排了多少？"]
