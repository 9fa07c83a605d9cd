"""Text answers about the document itself: 第五部分 definitions and function-code descriptions,
the table list and what one table is, 第一部分 (主要职能, 预算单位构成), and the audit findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    fuzzy_in,
    norm,
    not_found,
    run,
    safe_cite,
    value,
)

INTENT = "document_text"
DEFINE = ("是什么意思", "什么意思", "指什么", "指的是", "反映什么", "反映的是", "什么是", "含义", "定义", "名词解释",
          "包括哪些", "包含哪些", "是指", "怎么理解", "是啥", "核算什么", "用来干什么", "代表什么", "是什么")
TABLE_LIST = ("哪些表", "哪几张表", "几张表", "多少张表", "哪些报表", "公开了哪些", "报表目录", "有哪些表格")
UNITS = ("预算单位构成", "单位构成", "下属单位", "二级单位", "几家单位", "哪些单位组成", "下属事业单位", "由哪些单位")
DUTIES = ("主要职能", "职能", "职责", "负责什么", "管什么")
AUDIT = ("对不上", "不一致", "矛盾", "核查", "数据问题", "有没有错", "勾稽", "差异", "有问题", "不相符", "出入")
EMPTY_ASK = ("有没有", "有支出吗", "有吗", "是否有", "有没", "为什么是空", "为什么没有", "有无")
# Tables of this layout that are often printed empty (the disclosure template always has them).
EMPTY_SUBJECTS = ("政府性基金", "国有资本经营", "三公", "购买服务预算表", "收入预算总表")
AUDIT_SHOWN = 6
TABLE_ID = re.compile(r"(?:预算\s*0?(\d{1,2})\s*表|表\s*(\d{1,2})(?!\d))")


class DocumentHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        text = q.text
        terms = [m for m in matches if m.kind == "term"]
        params: dict[str, Any] = {"text": text, "terms": [m.name for m in terms], "codes": list(q.codes)}
        if contains_any(text, AUDIT) and not q.numbers:
            return Intent(name=INTENT, params=params | {"kind": "audit"}, confidence=0.85)
        table = TABLE_ID.search(text)
        if contains_any(text, TABLE_LIST):
            return Intent(name=INTENT, params=params | {"kind": "tables"}, confidence=0.9)
        if table and contains_any(text, ("是什么", "什么表", "是哪张", "讲什么", "有什么", "内容", "空", "为什么没")):
            number = int(table.group(1) or table.group(2))
            return Intent(name=INTENT, params=params | {"kind": "table", "seq": number}, confidence=0.88)
        if contains_any(text, EMPTY_SUBJECTS) and contains_any(text, EMPTY_ASK):
            return Intent(name=INTENT, params=params | {"kind": "empty"}, confidence=0.86)
        if contains_any(text, UNITS):
            return Intent(name=INTENT, params=params | {"kind": "units"}, confidence=0.88)
        if contains_any(text, DUTIES) and not any(m.kind == "project" for m in matches):
            return Intent(name=INTENT, params=params | {"kind": "duties"}, confidence=0.8)
        if contains_any(text, DEFINE):
            if q.codes or any(m.kind == "function" for m in matches):
                names = [m.name for m in matches if m.kind == "function"]
                return Intent(name=INTENT, params=params | {"kind": "code", "names": names}, confidence=0.8)
            if terms:
                return Intent(name=INTENT, params=params | {"kind": "define"},
                              confidence=0.9 * max(m.score for m in terms) / 100)
            strong_other = any(m.kind in ("function", "economic", "project") and m.score >= 90 for m in matches)
            return Intent(name=INTENT, params=params | {"kind": "define"}, confidence=0.4 if strong_other else 0.7)
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        kind = intent.params.get("kind")
        if kind == "audit":
            return _audit(runner)
        if kind == "tables":
            return _tables(runner)
        if kind == "table":
            return _table(int(intent.params["seq"]), runner)
        if kind in ("units", "duties"):
            return _part_one(kind, runner)
        if kind == "empty":
            found = _empty(intent.params, runner)
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
        return answered(f"按{label}：{r['term']}——{r['definition']}", (),
                        [safe_cite(runner, "第五部分", r["term"], r["line_no"])], _define_tips(rows, r))
    # a term defined inside another definition: '因公出国（境）费反映单位公务出国…'
    for r in rows:
        for clause in re.split(r"[；;。]", r["definition"]):
            head = re.split(r"反映|是指|指|包括", clause, maxsplit=1)[0]
            head = re.sub(r"^(其中|以及)[，,]?", "", head)
            if len(norm(head)) >= 3 and fuzzy_in(head, text) >= 90:
                return answered(f"按第五部分 名词解释（{r['term']}）：{clause.strip()}。", (),
                                [safe_cite(runner, "第五部分", r["term"], r["line_no"])], _define_tips(rows, r))
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
    scored = sorted(((max(fuzz.ratio(norm(n), norm(r["term"])) for n in names), r) for r in rows),
                    key=lambda p: p[0], reverse=True)
    if not scored or scored[0][0] < 80:
        return not_found(f"第五部分没有对“{'、'.join(sorted(names))}”这一科目的说明。")
    r = scored[0][1]
    code = next((f["code"] for f in functions if norm(f["name"]) == norm(r["term"])), None)
    head = f"{code} " if code else ""
    return answered(f"{head}{r['path'] or r['term']}：{r['definition']}（第五部分 本部门使用的支出功能分类科目）", (),
                    [safe_cite(runner, "第五部分", r["term"], r["line_no"])],
                    [f"{r['term']}安排了多少？", "财政拨款收入是什么意思？"])


def _tables(runner: Runner) -> Answer:
    rows = [r for r in run(runner, "narr_tables") if "-" not in r["table_id"]]
    if not rows:
        return not_found("没有读到本文件的报表目录。")
    lines = []
    for r in rows:
        state = "" if r["present"] and r["has_rows"] else "（空表）" if r["present"] else "（未印出）"
        lines.append(f"{r['table_id']} {r['title']}{state}")
    empty = [r["table_id"] for r in rows if not r["has_rows"]]
    text = f"第二部分共公开 {len(rows)} 张预算表：\n" + "\n".join(lines)
    if empty:
        text += f"\n其中 {'、'.join(empty)} 没有数据行。"
    cites = [safe_cite(runner, r["table_id"], r["title"], r["line_start"]) for r in rows if r["line_start"]][:15]
    return answered(text, (), cites, ["预算05表是什么？", "本部门由哪些单位组成？"])


def _table(seq: int, runner: Runner) -> Answer:
    rows = [r for r in run(runner, "narr_tables") if r["seq"] == seq and "-" not in r["table_id"]]
    if not rows:
        return not_found(f"本文件没有第 {seq} 张预算表。")
    r = rows[0]
    state = "有数据" if r["has_rows"] else "为空表，没有数据行" if r["present"] else "目录列出但正文未印出"
    text = f"{r['table_id']}是“{r['title']}”，{state}"
    if r["unit"]:
        text += f"，金额单位为{r['unit']}"
    text += "。"
    if r["note"]:
        text += f"表注：{r['note']}"
    return answered(text, (), [safe_cite(runner, r["table_id"], r["title"], r["line_start"] or 1)],
                    ["本部门公开了哪些预算表？"])


def _part_one(kind: str, runner: Runner) -> Answer:
    paras = [p for p in run(runner, "narr_paragraphs") if p["part"] == "第一部分"]
    words = ("单位构成",) if kind == "units" else ("职能",)
    hits = [p for p in paras if contains_any(p["section"], words)]
    if not hits:
        return not_found("第一部分没有这一节。")
    body = "\n".join(p["text"] for p in hits)
    if len(body) > 1200:
        body = "\n".join(p["text"][:60] + ("…" if len(p["text"]) > 60 else "") for p in hits)
    title = "预算单位构成" if kind == "units" else "主要职能"
    return answered(f"第一部分 基本概况·{title}：\n{body}", (),
                    [safe_cite(runner, "第一部分", title, hits[0]["line_start"])],
                    ["本部门公开了哪些预算表？", "2026年收支总预算是多少？"])


def _audit(runner: Runner) -> Answer:
    rows = run(runner, "narr_audit")
    fails = [r for r in rows if r["status"] == "fail"]
    warns = [r for r in rows if r["status"] != "fail"]
    if not rows:
        return answered("数据核查未发现表内或表间不一致。", (), (), ["本部门公开了哪些预算表？"])
    # findings with two figures first: they are the ones a reader can check at a glance
    pool = sorted(fails or warns, key=lambda r: r["left_value"] is None or r["right_value"] is None)
    shown = pool[:AUDIT_SHOWN]
    kind = "处不一致" if fails else "处提示"
    out = [f"数据核查共发现 {len(fails or warns)} {kind}" + (f"（另有 {len(warns)} 处提示）" if fails and warns else "")
           + "，主要有："]
    vals, cites = [], []
    for i, r in enumerate(shown, 1):
        out.append(f"{i}. {r['message']}")
        if r["left_value"] is not None and r["right_value"] is not None and len(vals) < 8:
            unit = "%" if contains_any(f"{r['message']}", ("率", "%")) else "万元"
            vals += [value(r["left_value"], unit, f"{r['left_table']} {r['left_label'] or ''}"),
                     value(r["right_value"], unit, f"{r['right_table']} {r['right_label'] or ''}")]
        for side in ("left", "right"):
            if r[f"{side}_table"] and r[f"{side}_line"]:
                cites.append(safe_cite(runner, r[f"{side}_table"], r[f"{side}_label"] or r["check_id"],
                                       r[f"{side}_line"]))
    rest = len(pool) - len(shown)
    if rest > 0:
        out.append(f"另有 {rest} 处，详见“数据核查”页。")
    return answered("\n".join(out), vals, cites, ["2025年总预算到底是多少？", "本部门公开了哪些预算表？"])


def _empty(params: dict[str, Any], runner: Runner) -> Answer | None:
    """'国有资本经营预算有支出吗': a printed table without rows answers 'no', with its note."""
    text = params.get("text", "")
    best: tuple[float, Row] | None = None
    for t in run(runner, "narr_tables"):
        core = re.sub(r"^\d{4}\s*年|表$|[（(].*?[)）]", "", t["title"]).replace("支出", "")
        s = fuzzy_in(core, text)
        if best is None or s > best[0]:
            best = (s, t)
    if best is None or best[0] < 80:
        return None
    t = best[1]
    if t["has_rows"]:
        return None  # the table has figures: the table handlers answer the amount
    note = f"表注：{t['note']}" if t["note"] else ""
    state = "为空表，没有任何支出数据" if t["present"] else "在目录中列出但正文未印出"
    return answered(f"没有。{t['table_id']}“{t['title']}”{state}。{note}", (),
                    [safe_cite(runner, t["table_id"], t["title"], t["line_start"] or 1)],
                    ["本部门公开了哪些预算表？", "“三公”经费为什么是0？"])
