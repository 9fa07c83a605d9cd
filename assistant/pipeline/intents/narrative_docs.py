"""Text answers about the document itself: 第五部分 definitions and function-code descriptions,
the table list and what one table is, 第一部分 (主要职能, 预算单位构成), and the audit findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    fuzzy_in,
    norm,
    not_found,
    run,
    safe_cite,
)
from assistant.pipeline.intents.narrative_about import (
    asks_count,
    asks_duties,
    asks_money,
    asks_reason,
    asks_units,
    names_only,
)
from assistant.pipeline.intents.narrative_contents import asks_contents, contents
from assistant.pipeline.intents.narrative_part_one import part_one
from assistant.pipeline.intents.narrative_tables import audit_summary, empty_table, table_info, tables_list
from assistant.pipeline.intents.tables_common import has_any
from assistant.query.evidence import by_match

INTENT = "document_text"
DEFINE = (
    "是什么意思",
    "什么意思",
    "指什么",
    "指的是",
    "反映什么",
    "反映的是",
    "什么是",
    "含义",
    "定义",
    "名词解释",
    "包括哪些",
    "包含哪些",
    "是指",
    "怎么理解",
    "是啥",
    "核算什么",
    "用来干什么",
    "代表什么",
    "是什么",
)
TABLE_LIST = (
    "哪些表",
    "哪几张表",
    "几张表",
    "多少张表",
    "哪些报表",
    "公开了哪些",
    "报表目录",
    "有哪些表格",
    "哪些是空表",
    "空表",
)
UNITS = (
    "预算单位构成",
    "单位构成",
    "下属单位",
    "二级单位",
    "几家单位",
    "哪些单位组成",
    "下属事业单位",
    "由哪些单位",
)
DUTIES = ("主要职能", "职能", "职责", "负责什么", "管什么")
CODE_MEANING = (
    "反映什么",
    "反映的是",
    "什么意思",
    "代表什么",
    "含义",
    "指什么",
    "核算什么",
    "是什么科目",
    "科目说明",
    "用来干什么",
    "是干什么的",
)
AUDIT = (
    "对不上",
    "不一致",
    "矛盾",
    "核查",
    "数据问题",
    "有没有错",
    "勾稽",
    "差异",
    "有问题",
    "不相符",
    "出入",
)
EMPTY_ASK = ("有没有", "有支出吗", "有吗", "是否有", "有没", "为什么是空", "为什么没有", "有无")
# Tables of this layout that are often printed empty (the disclosure template always has them).
EMPTY_SUBJECTS = ("政府性基金", "国有资本经营", "三公", "购买服务预算表", "收入预算总表")
LINE_KINDS = frozenset({"function", "economic", "project", "procurement", "detail", "indicator"})
PROJECT_CODE = re.compile(r"\d{6,}[A-Z]\d{6,}")
TABLE_ID = re.compile(r"(?:预算\s*0?(\d{1,2})\s*表|表\s*(\d{1,2})(?!\d))")


class DocumentHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        text = q.text
        terms = [m for m in matches if m.kind == "term"]
        params: dict[str, Any] = {"text": text, "terms": [m.name for m in terms], "codes": list(q.codes)}
        if contains_any(text, AUDIT) and not q.numbers:
            return Intent(name=INTENT, params=params | {"kind": "audit"}, evidence="named")
        table = TABLE_ID.search(text)
        if contains_any(text, TABLE_LIST):
            return Intent(name=INTENT, params=params | {"kind": "tables"}, evidence="strong")
        if table and contains_any(
            text, ("是什么", "什么表", "是哪张", "讲什么", "有什么", "内容", "空", "为什么没")
        ):
            number = int(table.group(1) or table.group(2))
            return Intent(name=INTENT, params=params | {"kind": "table", "seq": number}, evidence="strong")
        if contains_any(text, EMPTY_SUBJECTS) and contains_any(text, EMPTY_ASK):
            return Intent(name=INTENT, params=params | {"kind": "empty"}, evidence="named")
        # 下面有哪些单位: the department's units — not the lines under a budget line it names
        below = has_any(text, "below") and contains_any(text, ("单位", "机构")) and not any(
            m.kind in LINE_KINDS and m.score >= 90 for m in matches)
        if (contains_any(text, UNITS) or below or asks_units(q, matches)) and not asks_money(q):
            return Intent(name=INTENT, params=params | {"kind": "units"}, evidence="strong")
        plain_duties = contains_any(text, DUTIES) and not any(m.kind == "project" for m in matches)
        if plain_duties or asks_duties(q, matches):
            return Intent(name=INTENT, params=params | {"kind": "duties"}, evidence="likely")
        if asks_contents(text) and not contains_any(text, DEFINE) and any(
                m.kind == "term" and m.score >= 90 for m in matches):
            # 机关运行经费包含什么: what the narrative lists for this year's figure (below the
            # readings of the tables: a line's breakdown answers first where there is one)
            return Intent(name=INTENT, params=params | {"kind": "define"}, evidence="plausible")
        if contains_any(text, DEFINE):
            if q.codes and all(PROJECT_CODE.fullmatch(c) for c in q.codes):
                return None  # 42010326501T000000104是什么项目: the project of that code, not a term
            if q.codes or any(m.kind == "function" for m in matches):
                names = [m.name for m in matches if m.kind == "function"]
                # '2210201反映什么' asks for the 第五部分 description, not the amount
                evidence = "certain" if contains_any(text, CODE_MEANING) else "plausible"
                return Intent(
                    name=INTENT, params=params | {"kind": "code", "names": names}, evidence=evidence
                )
            if terms:
                return Intent(
                    name=INTENT,
                    params=params | {"kind": "define"},
                    evidence=by_match("strong", max(m.score for m in terms)),
                )
            strong_other = any(
                m.kind in ("function", "economic", "project") and m.score >= 90 for m in matches
            )
            return Intent(
                name=INTENT, params=params | {"kind": "define"},
                evidence="last_resort" if strong_other else "plausible",
            )
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        kind = intent.params.get("kind")
        if kind == "audit":
            return audit_summary(runner)
        if kind == "tables":
            return tables_list(runner)
        if kind == "table":
            return table_info(int(intent.params["seq"]), runner)
        if kind in ("units", "duties"):
            found = part_one(kind, runner)
            named = kind == "units" and not asks_count(q)  # 下属单位是哪家: the names, no count
            bare = names_only(q) or asks_reason(q) or named
            return found.model_copy(update={"values": []}) if bare else found
        if kind == "empty":
            found = empty_table(intent.params, runner)
            if found is not None:
                return found
            return not_found("没有找到对应的预算表。")
        if kind == "code":
            found = _code(intent.params, runner)
            if found is not None:
                return found
        return _define(intent.params, runner)


def _define(params: dict[str, Any], runner: Runner) -> Answer:
    text = params.get("text", "")
    listed = contents(text, runner) if asks_contents(text) else None
    if listed is not None:  # what this year's figure covers, as the narrative lists it
        return listed
    rows = run(runner, "narr_glossary")
    best: tuple[float, Row] | None = None
    for r in rows:
        s = fuzzy_in(r["term"], text)
        if any(norm(t) == norm(r["term"]) for t in params.get("terms", [])):
            s = 101.0
        if best is None or s > best[0]:
            best = (s, r)
    if best and best[0] >= 85:
        r = best[1]
        label = "第五部分 名词解释" if r["kind"] == "term" else "第五部分 功能科目说明"
        return answered(
            f"按{label}：{r['term']}——{r['definition']}",
            (),
            [safe_cite(runner, "第五部分", r["term"], r["line_no"])],
            _define_tips(rows, r),
        )
    # a term defined inside another definition: '因公出国（境）费反映单位公务出国…'
    for r in rows:
        for clause in re.split(r"[；;。]", r["definition"]):
            head = re.split(r"反映|是指|指|包括", clause, maxsplit=1)[0]
            head = re.sub(r"^(其中|以及)[，,]?", "", head)
            if len(norm(head)) >= 3 and fuzzy_in(head, text) >= 90:
                return answered(
                    f"按第五部分 名词解释（{r['term']}）：{clause.strip()}。",
                    (),
                    [safe_cite(runner, "第五部分", r["term"], r["line_no"])],
                    _define_tips(rows, r),
                )
    return not_found("第五部分名词解释中没有这个名词。", [f"{r['term']}是什么意思？" for r in rows[:2]])


def _define_tips(rows: Sequence[Row], current: Row) -> list[str]:
    others = [r["term"] for r in rows if r["term"] != current["term"] and r["kind"] == "term"]
    return [f"{t}是什么意思？" for t in others[:2]] + ["本部门公开了哪些预算表？"]


def _code(params: dict[str, Any], runner: Runner) -> Answer | None:
    """'2060404反映什么': the 第五部分 (七) description of the 项 with that code or name."""
    functions = run(runner, "narr_function_rows")
    names = set(params.get("names", []))
    for code in params.get("codes", []):
        names |= {f["name"] for f in functions if f["code"] == code}
    if not names:
        return None
    rows = [r for r in run(runner, "narr_glossary") if r["kind"] == "function_code"]
    scored = sorted(
        ((max(fuzz.ratio(norm(n), norm(r["term"])) for n in names), r) for r in rows),
        key=lambda p: p[0],
        reverse=True,
    )
    if not scored or scored[0][0] < 80:
        return not_found(f"第五部分没有对“{'、'.join(sorted(names))}”这一科目的说明。")
    r = scored[0][1]
    code = next((f["code"] for f in functions if norm(f["name"]) == norm(r["term"])), None)
    head = f"{code} " if code else ""
    return answered(
        f"{head}{r['path'] or r['term']}：{r['definition']}（第五部分 本部门使用的支出功能分类科目）",
        (),
        [safe_cite(runner, "第五部分", r["term"], r["line_no"])],
        [f"{r['term']}安排了多少？", "财政拨款收入是什么意思？"],
    )


