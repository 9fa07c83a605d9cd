"""The narrative's facts as rows, and the rows that belong together: a side's total, a part
printed as the whole of its side, the amount stated beside a count, a topic's whole figure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_common import run
from assistant.pipeline.intents.narrative_fact_words import QUALIFIERS
from assistant.pipeline.intents.tables_common import has_any, knowledge
from assistant.pipeline.normalise import canon

QUESTION_WORDS = "narr_facts/question_words"  # where the read facts are kept with the document's rows


def facts_in_question_words(runner: Runner) -> list[Row]:
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


def side_total(text: str, facts: Sequence[Row], runner: Runner) -> list[Row]:
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


def changed_as_its_part(rows: Sequence[Row], facts: Sequence[Row]) -> list[Row]:
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


def without_owner(text: str, row: Row) -> str:
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


# how the document links an amount to the count before it ('项目11个，涉及项目预算资金6626万元')
LINKED = ("涉及", "金额", "资金", "共计", "合计", "总额")


def whole_of(topic: str, facts: Sequence[Row], runner: Runner) -> Row | None:
    """政府采购预算 830.00万元: this year's amount of the topic with no qualifier of a part."""
    if not topic:
        return None
    return next((r for r in facts if r["measure"] == "amount" and r["year"] == runner.year
                 and str(r["subject"]).startswith(topic)
                 and not any(has_any(str(r["subject"]), g) for g in QUALIFIERS)), None)


def amount_beside(count: Row, statement: Sequence[Row]) -> list[Row]:
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
