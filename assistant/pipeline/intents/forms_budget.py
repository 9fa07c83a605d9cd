"""A project's budget by year (预算15表 项目前两年预算及当年预算变动情况), the difference between
two years, and the form's 资金来源.

The form prints its own history in prose; ingest parsed one figure per year into
`form_budget_history`. The current year falls back to the form's 项目当年预算.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Row, Runner
from assistant.pipeline.intents.form_budget_figures import (
    budget_diff,
    clip,
    current_budget,
    form_name,
    funding_of,
    money_unit,
)
from assistant.pipeline.intents.forms_common import (
    answered,
    asks_actuals,
    clarify,
    contains_any,
    last_intent,
    money,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_projects import PARTIAL, ask_which, locate_forms, stash
from assistant.pipeline.intents.forms_share import asks_share, other_year_share
from assistant.query.evidence import at_least

INTENT = "form_budget"
DIFF_WORDS = (
    "比",
    "相比",
    "较",
    "差多少",
    "差了",
    "多了",
    "少了",
    "增加了",
    "减少了",
    "变化",
    "变动",
    "增减",
    "增长了",
)
COMPARED_WITH = ("比", "较", "相比", "跟", "和", "与", "同")  # a year compared with is said, not changed
EXACT = 100.0  # a project named in full (its name or a catalogue alias), not by a fragment of it
BUDGET_WORDS = ("预算", "多少", "安排", "金额", "资金")
FUNDING_WORDS = ("资金来源", "来源于", "钱从哪", "哪来的钱", "资金从哪")
HISTORY_WORDS = ("前两年", "近两年", "前2年", "近2年", "历年", "每年", "逐年", "预算变动", "变动情况")
FORM_WORDS = ("申报表", "绩效目标表", "15表", "绩效表")
THIS_PROJECT = ("这个项目", "该项目", "此项目", "这项目", "这一项目")
# The intents whose answers are about one project's budget: a follow-up may continue them.
PROJECT_INTENTS = (INTENT, "amount", "form_field", "form_detail", "project_amount", "lookup")


class FormBudgetHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw):
            return None  # execution data is not in a budget document
        params = stash(matches, conv, ("project",))
        has_project = bool(params["entities"])
        in_text = any(m.kind == "project" for m in matches)
        if contains_any(q.text, FUNDING_WORDS):
            return Intent(
                name=INTENT, params=params | {"kind": "funding"},
                evidence="named" if has_project else "plausible",
            )
        if contains_any(q.text, HISTORY_WORDS) and has_project and contains_any(q.text, BUDGET_WORDS):
            return Intent(
                name=INTENT, params=params | {"kind": "year", "years": [], "history": True}, evidence="named"
            )
        if not q.years and not contains_any(q.raw, ("去年", "前年", "上年")):
            # 就业援助基地补贴多少钱 where no project table prints it (the Shanghai layout): its form's
            # 年度资金申请总额, read only after the tables' readings find nothing
            this_year = has_project and in_text and contains_any(q.text, (*BUDGET_WORDS, "钱"))
            # …and nothing else is asked of it (第三多的 / 一年维护 / 一般公共预算拨款: other readings')
            now = DOCUMENT_YEAR.get()
            if not (this_year and now and _only_asks_its_money(q.text, matches)):
                return None
            return Intent(name=INTENT, params=params | {"kind": "year", "years": [now], "unlisted": True},
                          evidence="weak")
        if "指标" in q.text:
            return None  # '2025年…资金有几个绩效指标' asks for indicators, not the budget
        if asks_share(q.text):
            year = DOCUMENT_YEAR.get()
            if not any(y != year for y in q.years) or not has_project:
                return None  # this year's share is the table handlers' (预算11表 over its total)
            # '去年…占项目支出的比例' is a share of that year ('比例' is no comparison)
            params |= {"kind": "share", "years": list(q.years)}
            return Intent(name=INTENT, params=params, evidence="strong")
        diff = contains_any(q.text, DIFF_WORDS)
        if not (diff or contains_any(q.text, BUDGET_WORDS) or len(q.text) <= 8):
            return None
        params |= {"kind": "diff" if diff else "year", "years": list(q.years)}
        subject = _previous_year(conv, q) if diff else None
        if subject is not None:
            # '比前年多多少' right after '…2025年预算多少': the 2025 figure is compared, not 今年's
            params["subject_year"] = subject
        if not has_project:
            if contains_any(q.text, THIS_PROJECT):
                return Intent(name=INTENT, params=params, evidence="likely")  # answer() asks which project
            return None
        # a follow-up ('2025年呢', '比2025年少了多少') continues the project of the last turn
        follow = not in_text and last_intent(conv, PROJECT_INTENTS) is not None
        evidence = "named" if (diff or follow) else "plausible"
        if (
            not diff
            and contains_any(q.raw, ("今年", "本年", "当年"))
            and not contains_any(q.text, FORM_WORDS)
        ):
            evidence = "weak"  # this year's budget is the 预算11表 figure: the table handlers answer it
        if contains_any(q.text, FORM_WORDS):
            # '申报表上的当年预算': the form's own figure
            evidence = evidence if at_least(evidence, "named") else "named"
        if _is_overall(q.text):
            return None
        return Intent(name=INTENT, params=params, evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        params = intent.params
        forms, how = locate_forms(q, params, runner)
        if how == PARTIAL and len(forms) > 1:
            year = (params.get("years") or [runner.year - 1])[0]
            funding = params.get("kind") == "funding"
            ask = "{name}的资金来源是什么？" if funding else "{name}" + f"{year}年预算多少？"
            return ask_which(forms, ask)
        if params.get("unlisted"):  # the project table's, or a part of it asked: not the form's total
            named = how == "named" or (how == PARTIAL and len(forms) == 1)
            exact = [e["name"] for e in params.get("entities", []) if e.get("score", 0) >= EXACT]
            names = [f["project_name"] for f in forms[:1]] + [e["name"] for e in params.get("entities", [])]
            listed = next((row for n in names for row in _listed(n, runner)), None)
            if listed is not None and listed["name"] in exact:  # 大数据中心运维费用这个项目一共多少
                return _from_table(listed, runner)  # the project table's own row, the name said in full
            if not named or listed is not None:
                return not_found("表中没有找到这一项的金额。")
        history = run(runner, "forms_history")
        if not forms:
            years = [y for y in params.get("years", []) if y != runner.year] or [runner.year - 1]
            names = sorted({form_name(runner, r["table_id"]) for r in history if r["year"] in years})
            names = [n for n in names if n] or [f["project_name"] for f in run(runner, "forms_project_forms")]
            return clarify(
                f"请问您问的是哪个项目？以下项目的申报表写有 {years[0]} 年预算：",
                [(n, f"{n}{years[0]}年预算多少？") for n in names],
            )
        form = forms[0]
        if params.get("kind") == "funding":
            return funding_of(form, runner)
        mine = {r["year"]: r for r in history if r["table_id"] == form["table_id"]}
        current = current_budget(form, mine, runner)
        years = [y for y in params.get("years", []) if isinstance(y, int)] or [runner.year - 1]
        if params.get("history"):
            years = sorted(mine) or [runner.year - 2, runner.year - 1]
            if runner.year not in years:
                years.append(runner.year)
        if params.get("kind") == "share":
            year = next(y for y in years if y != runner.year)
            return other_year_share(form, mine, year, q.text, runner)
        tid, pname = form["table_id"], form["project_name"]
        tips = [f"{pname}的资金来源是什么？", f"{pname}的支出明细有哪些？", f"{pname}的负责人是谁？"]
        if params.get("kind") == "diff":
            subject_year = params.get("subject_year") or runner.year
            if len(years) == 1 and not contains_any(q.text, COMPARED_WITH):
                subject_year = years[0]  # 2025年X增加了多少: 2025's change, over the year before it
            # 今年增加了多少: the year said is the one that changed, compared with the year before it
            other = next((y for y in years if y != subject_year), subject_year - 1)
            if subject_year != runner.year:
                row = mine.get(subject_year)
                current = (row["amount"], row["line_no"], "申报表“前两年预算变动情况”") if row else None
            return budget_diff(form, mine.get(other), other, current, runner, tips, subject_year)
        parts, vals, cites = [], [], []
        for y in years[:3]:
            row = mine.get(y)
            if y == runner.year and current is not None:
                amt, line, src = current
                parts.append(f"{pname}{y}年预算 {money(amt, money_unit(runner))}（{src}）。")
                vals.append(value(amt, money_unit(runner), f"{pname} {y}年预算"))
                cites.append(safe_cite(runner, tid, f"{pname} {src}", line))
            elif row is not None:
                parts.append(
                    f"{pname}{y}年预算 {money(row['amount'], money_unit(runner))}"
                    f"（申报表“前两年预算及当年预算变动情况”："
                    f"{clip(row['text'])}）。"
                )
                vals.append(value(row["amount"], money_unit(runner), f"{pname} {y}年预算"))
                cites.append(safe_cite(runner, tid, f"{pname} 前两年预算变动 {y}年", row["line_no"]))
            else:
                given = "、".join(str(k) for k in sorted(mine)) or "无"
                parts.append(f"{pname}的申报表（{tid}）没有写 {y} 年的预算数（写有年份：{given}）。")
        if not vals:
            return not_found("".join(parts), tips)
        return answered("".join(parts), vals, cites, tips)


def _previous_year(conv: Conversation, q: Question) -> int | None:
    """The year of the figure the previous turn gave, when this question compares it with
    one other year only ('比前年多多少'); None otherwise (then 今年 is compared)."""
    prev = last_intent(conv, (INTENT,))
    if prev is None or prev.params.get("kind") != "year" or prev.params.get("history"):
        return None
    before = [y for y in prev.params.get("years", []) if isinstance(y, int)]
    asked = list(dict.fromkeys(q.years))
    if len(before) != 1 or len(asked) != 1 or before[0] == asked[0]:
        return None
    return before[0]


def _listed(name: str, runner: Runner) -> list[Row]:
    """The project's 合计 row of the project table: where it is listed, its figure is that table's."""
    from assistant.plan.sets import KIND_TABLE

    rows = run(runner, "li_by_name", table_id=KIND_TABLE["project"], name=name)
    return [r for r in rows if r["measure"] == "合计" and r["amount"] is not None][:1]


def _from_table(row: Row, runner: Runner) -> Answer:
    unit = row.get("unit") or money_unit(runner)
    cite = safe_cite(runner, row["table_id"], row["name"], row["line_no"])
    return answered(f"{runner.year}年“{row['name']}”项目预算为 {money(row['amount'], unit)}"
                    f"（{row['table_id']}，第{row['line_no']}行）。",
                    [value(row["amount"], unit, str(row["name"]))], [cite],
                    [f"{row['name']}的支出明细有哪些？", f"{row['name']}的负责人是谁？"])


ITS_MONEY = re.compile(r"^(?:这个|该)?(?:项目)?的?(?:今年|本年|当年)?(?:一共|总共|共)?(?:的)?"
                       r"(?:预算|资金总额|资金|金额|经费)?(?:是|有|为|安排了?|申请了?|要|花)?(?:多少钱?|几)"
                       r"(?:万元|元)?[呢吗?？。]*$")


def _only_asks_its_money(text: str, matches: Sequence[Match]) -> bool:
    """就业援助基地补贴(项目)(的资金总额)多少(钱): the project's money, and nothing more, is asked."""
    kept = [True] * len(text)
    for m in matches:
        if m.kind == "project" and m.span:
            kept[m.span[0]:m.span[1]] = [False] * (m.span[1] - m.span[0])
    text = "".join(ch for ch, keep in zip(text, kept, strict=True) if keep)
    return not _is_overall(text) and ITS_MONEY.match(text.strip()) is not None


def _is_overall(text: str) -> bool:
    return contains_any(text, ("整体绩效", "总预算", "收支总", "部门预算", "部门总体"))


