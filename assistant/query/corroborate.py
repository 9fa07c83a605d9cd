"""A figure the document states in two places: cite both.

基本支出占多少 is computed from the tables (791.47 ÷ 7,965.69 = 9.94%); 第三部分 prints the same
share beside the same line ("基本支出 791.47 万元，占 9.94%"). When a stated percentage of the
answer equals a share the narrative gives for a line the answer speaks of, that sentence is cited
too, so the reader sees the document's own figure and not only our arithmetic.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, Value
from assistant.pipeline.units import FACTORS, convert, document_unit

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

TOLERANCE = 0.005  # percentages are printed to two decimals


def corroborate(answer: Answer, env: Env) -> Answer:
    shares = [v for v in answer.values if v.unit == "%"]
    if answer.status != "answered" or not shares:
        return answer
    facts = [r for r in env.runner.run("narr_facts") if r["measure"] == "share" and r["value"] is not None]
    said = answer.text + " ".join(v.label or "" for v in answer.values)
    extra: list[Citation] = []
    for v in shares:
        for r in facts:
            subject = str(r["subject"] or "")
            if len(subject) >= 2 and subject in said and abs(float(r["value"]) - v.value) <= TOLERANCE:
                extra.append(Citation(table=str(r["part"]), title=str(r["section"] or r["part"]),
                                      row=subject, line=int(r["line_no"])))
    if not extra:
        return answer
    note = "；".join(f"{c.table}亦载明{c.row}占比" for c in extra[:2])
    return answer.model_copy(update={"citations": [*answer.citations, *extra],
                                     "text": f"{answer.text}（{note}，第{extra[0].line}行）"})


NARRATIVE = re.compile(r"^第[一二三四五六七八九十\d]+部分$")


def in_the_tables(answer: Answer, env: Env) -> Answer:
    """公务接待费 1.35 万元 from the 三公 paragraph, and a table in 元 prints the same line as 13,500:
    the answer says both, each cited, so a reader of either finds the figure they hold."""
    money = [v for v in answer.values if v.unit in FACTORS]
    unit = document_unit()
    if answer.status != "answered" or len(answer.values) != 1 or len(money) != 1 or not answer.citations:
        return answer
    if not all(NARRATIVE.match(c.table) for c in answer.citations):
        return _in_the_narrative(answer, money[0], env)
    if unit == money[0].unit or unit not in FACTORS:
        return answer
    v = money[0]
    amount = convert(v.value, v.unit, unit)
    rows = [r for r in env.runner.run("li_by_amount", amount=amount)
            if r["unit"] == unit and len(v.label or "") >= 2 and r["name"] == v.label]
    if not rows:
        return answer
    r = rows[0]
    title = env.runner.title(r["table_id"])
    cited = Citation(table=str(r["table_id"]), title=title, row=str(r["name"]), line=int(r["line_no"]))
    said = f"{amount:,.2f} {unit}"
    return answer.model_copy(update={
        "values": [*answer.values, Value(value=amount, unit=unit, label=f"{v.label}（{title}）")],
        "citations": [*answer.citations, cited],
        "text": f"{answer.text.rstrip()}\n《{title}》列为 {said}（第{r['line_no']}行）。"})


NARRATIVE_UNIT = "万元"  # the unit a narrative states its totals in, beside tables in 元


def _in_the_narrative(answer: Answer, v: Value, env: Env) -> Answer:
    """商务委今年预算多少 → 371,514,655 元 (the total of a table in 元): the 编制说明 says the same
    total as 37,151.47 万元 — said too, with its sentence cited."""
    total = any(TOTAL_WORDS.search(f"{c.row} {v.label}") for c in answer.citations)
    if v.unit == NARRATIVE_UNIT or v.value < TOTAL_MIN or not total:
        return answer  # a line's figure equal to some sentence's is a coincidence, not its twin
    said = round(convert(v.value, v.unit, NARRATIVE_UNIT), 2)
    rows = [r for r in env.runner.run("narr_facts") if r["measure"] == "amount"
            and r["unit"] == NARRATIVE_UNIT and r["value"] is not None
            and abs(float(r["value"]) - said) < TOLERANCE]
    if not rows:
        return answer
    r = rows[0]
    cited = Citation(table=str(r["part"]), title=str(r["section"] or r["part"]), row=str(r["subject"]),
                     line=int(r["line_no"]))
    twin = Value(value=said, unit=NARRATIVE_UNIT, label=f"{r['subject']}（{r['part']}）")
    line = f"{r['part']}写作 {said:,.2f} {NARRATIVE_UNIT}（第{r['line_no']}行）。"
    return answer.model_copy(update={"values": [*answer.values, twin],
                                     "citations": [*answer.citations, cited],
                                     "text": f"{answer.text.rstrip()}\n{line}"})


TOTAL_WORDS = re.compile(r"总计|总预算|总额")  # the whole budget, not a column's 合计
TOTAL_MIN = 100000  # 元: a figure this large said in 万元 too is one sum, not a coincidence of digits
