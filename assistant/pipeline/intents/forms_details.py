"""预算15表 项目支出明细及依据: one line's amount, its 测算依据, a ratio, the companies named.

The amount column is the budget; the 测算依据 text explains it. When the explanation's figures
cannot add up to the amount we still answer the budgeted amount and say the text disagrees.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner, fmt_number
from assistant.pipeline.intents.form_detail_rows import (
    SIGNED_WITH,
    also_named,
    listed_firms,
    listing,
    names_other_thing,
    rival_rows,
    target,
)
from assistant.pipeline.intents.forms_basis import CONTRACT_WORDS, asked_kind
from assistant.pipeline.intents.forms_basis_answer import (
    FIGURE_KINDS,
    basis_figures,
    form_figures,
    party_anywhere,
    printed_figures,
)
from assistant.pipeline.intents.forms_basis_sum import basis_mismatch
from assistant.pipeline.intents.forms_common import (
    answered,
    asks_actuals,
    asks_who,
    clarify,
    contains_any,
    last_intent,
    money,
    norm,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_projects import one_form, stash
from assistant.pipeline.units import document_unit
from assistant.query.evidence import by_match

INTENT = "form_detail"
ASK_COMPANY = ("公司", "合同", "签给", "签订", "供应商", "中标", "承接", "服务商")
ASK_RATIO = ("比例", "百分之", "%", "几成", "百分比", "比率")
ASK_BASIS = ("依据", "测算", "怎么算", "如何计算", "怎么来", "说明", "用途", "干什么", "做什么", "内容是")
ASK_LIST = ("支出明细", "明细", "花在哪", "用在哪", "具体用途", "哪些支出", "分哪几项", "包括哪些")
PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%")
# '有几个绩效指标' counts the 预算15表 indicators, not figures in the 测算依据 text
INDICATOR_WORDS = ("指标", "绩效目标", "年度目标", "长期目标")
COMPANY_RE = re.compile(
    r"与([\u4e00-\u9fa5（）()A-Za-z0-9]{4,40}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|中心|研究院))"
)


def _kind(text: str) -> str:
    if contains_any(text, ASK_RATIO):
        return "ratio"
    if contains_any(text, CONTRACT_WORDS):
        return "contract"
    if asks_who(text):
        return "who"
    figure = asked_kind(text)  # a count, a rate or one party's share stated in the 测算依据
    if figure is not None:
        return figure
    if contains_any(text, ASK_COMPANY):
        return "company"
    if contains_any(text, ASK_BASIS):
        return "basis"
    return "amount"


class FormDetailHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        found = self._detect(q, matches, conv)
        if found is None:
            return None
        # the asked years go with the intent: answer() declines a year the 明细 do not describe
        return found.model_copy(update={"params": found.params | {"years": list(q.years)}})

    def _detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw):
            return None  # execution data is not in a budget document
        details = [m for m in matches if m.kind == "detail"]
        prev = last_intent(conv, (INTENT,))
        # the line's own name may contain a question word (技术合同登记奖励 has 合同): judge the rest
        asked = q.text
        for m in details:
            for name in sorted({m.alias, m.name}, key=len, reverse=True):
                asked = asked.replace(name, " ")
        said = asked  # (a near match's span may take in words of the question: 1家限上商贸企业奖励)
        for m in details:
            if m.span:
                asked = asked.replace(q.text[m.span[0] : m.span[1]], " ")
        kind = _kind(asked)
        kind = "rate" if kind == "amount" and _kind(said) == "rate" else kind
        if contains_any(q.text, ASK_LIST) and any(m.kind == "project" for m in matches):
            return Intent(
                name=INTENT, params=stash(matches, conv, ("project",)) | {"kind": "list"}, evidence="strong"
            )
        if contains_any(q.text, ASK_LIST) and "项目" in q.text and not details:
            # '网络安全运营服务项目的支出明细': a project named by part of its name, which the
            # matcher does not know; answer() lists it only when exactly that one form fits
            params = {"entities": [], "kind": "list", "allow_previous": False, "project_text": q.text}
            params["generic_ok"] = False  # '项目支出明细' names no project: the 预算11表 breakdown
            return Intent(name=INTENT, params=params, evidence="named")
        if (not details and kind in FIGURE_KINDS and any(m.kind == "project" for m in matches)
                and not contains_any(q.text, INDICATOR_WORDS)):
            # '大数据中心运行维护费的合同金额': the figures of all the project's lines, never the
            # project's budget in their place
            params = stash(matches, conv, ("project",)) | {"kind": kind, "whole_form": True}
            return Intent(name=INTENT, params=params, evidence="strong")
        if not details and prev is None and kind == "party":
            # '给恒生保泰多少': no line named, the party is looked up in every 测算依据
            return Intent(name=INTENT, params={"entities": [], "kind": "party_anywhere"}, evidence="likely")
        if details:
            best = max(details, key=lambda m: m.score)
            rivals = [
                m
                for m in matches
                if m.kind != "detail" and m.score >= best.score and norm(m.name) in norm(best.name)
            ]
            # a detail line named like its whole project ('安全生产工作经费') is the project's
            # question unless the user asks about the line itself
            evidence = "weak" if rivals and kind == "amount" else "strong"
            params: dict[str, Any] = stash([best], conv, ("detail",)) | {"kind": kind}
            return Intent(name=INTENT, params=params, evidence=by_match(evidence, best.score))
        if prev is not None and kind != "amount" and not names_other_thing(matches):
            return Intent(name=INTENT, params=dict(prev.params) | {"kind": kind}, evidence="named")
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        params = intent.params
        other = [y for y in dict.fromkeys(q.years) if y != runner.year]
        if other:
            return _other_year(other[0], runner)
        rows = run(runner, "forms_details")
        if params.get("kind") == "list":
            return listing(q, params, rows, runner)
        if params.get("kind") == "party_anywhere":
            return party_anywhere(rows, q.text, runner)
        if params.get("whole_form"):
            form, which = one_form(q, params, runner, "{name}的支出明细有哪些？")
            if which is not None or form is None:
                return which or not_found("没有找到这个项目的绩效目标申报表。")
            return form_figures(
                form, [r for r in rows if r["table_id"] == form["table_id"]], params["kind"], q.text, runner
            )
        row = target(q, params, rows, runner)
        if row is None:
            return not_found("申报表的支出明细里没有找到这一项。")
        by_line = "line_no" in params
        rivals = [] if by_line else (rival_rows(q.text, row, rows) or also_named(q.text, row, rows))
        if rivals:
            options = [
                (f"{r['content']}（{r['table_id']}）", f"{r['content']}安排了多少？") for r in [row, *rivals]
            ]
            names = "、".join(label for label, _ in options)
            return clarify(f"支出明细中有几项名称相近：{names}。请问您问的是哪一项？", options)
        kind = params.get("kind", "amount")
        label = f"{row['content']}（{row['table_id']}）"
        cites = [safe_cite(runner, row["table_id"], f"项目支出明细 {row['content']}", row["line_no"])]
        basis = (row.get("basis") or "").strip()
        amt = row.get("amount")
        tips = [f"{row['content']}的测算依据是什么？", f"{row['table_id']}项目的负责人是谁？"]
        vals = [value(amt, document_unit(), row["content"])] if amt is not None else []
        if kind in FIGURE_KINDS:
            # the line's own name is no party ('…认定奖励湖北百奥斯获得多少')
            asked = q.text.replace(row["content"], " ")
            return basis_figures(row, kind, asked, cites, tips)
        if kind == "company":
            found = list(dict.fromkeys(COMPANY_RE.findall(basis)))
            if not found:
                # the document does not say: unanswerable, with the text that was searched
                return not_found(f"{label}的测算依据没有写明签约或承接的公司。测算依据原文：{basis}", tips)
            text = f"{label}的测算依据写明合同签约方为：{'、'.join(found)}。原文：{basis}"
            return answered(text, [], cites, tips)
        if kind == "ratio":
            percents = list(dict.fromkeys(PERCENT_RE.findall(basis)))
            if not percents:
                return answered(f"{label}的测算依据没有给出比例。原文：{basis}", [], cites, tips)
            pvals = [value(Decimal(p), "%", f"{row['content']} 比例") for p in percents[:4]]
            listed = "、".join(f"{fmt_number(Decimal(p))}%" for p in percents[:4])
            text = f"按测算依据，{label}的比例为 {listed}。原文：{basis}"
            return answered(text, pvals, cites, tips)
        if kind == "who":
            # 与…公司签订: a party named; 普创、通联路桥、华源电力 3 家: the firms listed by name
            parties = list(dict.fromkeys([*COMPANY_RE.findall(basis), *SIGNED_WITH.findall(basis)])) \
                or listed_firms(basis)
            if not parties:  # which firms: the form says how many and how much, never whom
                return not_found(f"{label}的测算依据没有列出具体的企业或单位名单。"
                                 f"测算依据原文：{basis or '（未填写）'}", tips)
            listed = "、".join(parties)
            return answered(f"{label}的测算依据列出的是：{listed}。原文：{basis}", [], cites, tips)
        if kind == "basis":
            head = f"{label}安排 {money(amt)}。" if amt is not None else f"{label}："
            vals = [*vals, *printed_figures(basis or "", str(row["content"]), vals[0] if vals else None)]
            return answered(f"{head}测算依据及说明：{basis or '（未填写）'}", vals, cites, tips)
        named = _named_figure(q.text, row, runner)
        if named is not None:
            return named  # '…相关费用的事中绩效评价费': a figure its 测算依据 names, not the amount
        text = f"{label}安排本级财政拨款 {money(amt)}。"
        mismatch = basis_mismatch(basis, amt)
        if mismatch is not None:
            parts = "＋".join(fmt_number(x) for x in mismatch)
            total = sum(mismatch, Decimal(0))
            text += (
                f"注意：测算依据中列出的金额 {parts}＝{fmt_number(total)} {document_unit()}，"
                f"与预算金额 {fmt_number(amt)} {document_unit()}对不上，此处以表中预算金额为准。"
            )
            vals += [value(x, document_unit(), "测算依据所列金额") for x in mismatch[:5]]
            vals.append(value(total, document_unit(), "测算依据所列金额之和（与预算金额不符）"))
        elif basis:
            text += f"测算依据：{basis}"
        return answered(text, vals, cites, tips)


def _named_figure(question: str, row: Row, runner: Runner) -> Answer | None:
    """The one figure of the line's 测算依据 that the rest of the question names (project_lines)."""
    from assistant.pipeline.intents.project_parts_answer import named_figure

    forms = {f["table_id"]: f["project_name"] for f in run(runner, "forms_project_forms")}
    return named_figure(question, row, forms.get(row["table_id"], ""), runner)


def _other_year(year: int, runner: Runner) -> Answer:
    """The 支出明细 and their 测算依据 describe the document year only; a project's earlier
    budget is in the form's 预算历史, which the form_budget handler answers."""
    return not_found(
        f"项目支出明细及测算依据（预算15表）描述的是{runner.year}年的安排，没有{year}年的明细；"
        "申报表只在“前两年预算”栏列出项目往年的预算总额。"
    )


