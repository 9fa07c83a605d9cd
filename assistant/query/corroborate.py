"""A computed share the narrative states too: cite where the document says it.

基本支出占多少 is computed from the tables (791.47 ÷ 7,965.69 = 9.94%); 第三部分 prints the same
share beside the same line ("基本支出 791.47 万元，占 9.94%"). When a stated percentage of the
answer equals a share the narrative gives for a line the answer speaks of, that sentence is cited
too, so the reader sees the document's own figure and not only our arithmetic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Answer, Citation

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
