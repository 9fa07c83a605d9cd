"""Goals and performance indicators of 预算14表 (部门整体) and of each 预算15表 form.

Scope: a project named (or carried from the last turn) means its 预算15表 form; 整体绩效/部门
or nothing means 预算14表, falling back to the forms when 预算14表 lacks the indicator.
Values: 长期 tables print one value, 年度 tables 前年/上年/预计当年实现 (+ 指标分值权重).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import (
    asks_actuals,
    best_rows,
    contains_any,
    goal_ref,
    last_intent,
    not_found,
    run,
)
from assistant.pipeline.intents.forms_goals import goals
from assistant.pipeline.intents.forms_indicator_change import asks_change, with_change
from assistant.pipeline.intents.forms_indicator_count import asks_count, count_indicators
from assistant.pipeline.intents.forms_indicator_list import asks_list, list_indicators
from assistant.pipeline.intents.forms_indicator_say import SCOPE14, TABLE14, across, indicator_answer, scope
from assistant.pipeline.intents.forms_indicators_any import (
    phrase,
    rows_with,
)
from assistant.pipeline.intents.forms_projects import stash
from assistant.query.evidence import by_match

INTENT = "perf_indicator"
INDICATOR_WORDS = (
    "指标",
    "权重",
    "分值",
    "满意度",
    "目标值",
    "要求多少",
    "目标是多少",
    "达到多少",
    "完成率",
    "及时率",
    "准确率",
    "合格率",
    "控制率",
    "增长率",
    "次数",
    "指标值",
)
# endings of indicator names, never part of a project's name
GOAL_WORDS = ("是什么", "有哪些", "内容", "说的什么", "写的什么", "目标是")
MONEY_WORDS = ("经费", "费用", "资金", "预算", "钱", "万元", "金额", "拨款")
MONEY_UNITS = frozenset({"亿元", "万元", "元"})
SHORT_FOLLOW_UP = 8  # characters left besides matched names: '权重呢', '分值是多少'
SAME_FIT = 1.0  # fuzzy scores this close (name-length bonus) are the same indicator


class IndicatorHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw):
            return None  # execution data is not in a budget document
        text = q.text
        indicators = [m for m in matches if m.kind == "indicator"]
        horizon, goal_no = goal_ref(text)
        params: dict[str, Any] = stash(matches, conv, ("project",)) | {
            "horizon": horizon,
            "goal_no": goal_no,
            "years": list(q.years),
            "indicators": list(dict.fromkeys(m.name for m in indicators)),
            "weight": contains_any(text, ("权重", "分值")),
            "basis": contains_any(text, ("确定依据", "指标值依据", "依据是什么")),
            # the words that named the indicator, for a follow-up that only says '权重呢'
            "asked": text,
        }
        if asks_count(text) and (params["entities"] or contains_any(text, SCOPE14)):
            # '科技研究开发资金有几个绩效指标': the form's indicators counted
            return Intent(name=INTENT, params=params | {"count": True}, evidence="strong")
        if asks_list(text) and not indicators and (params["entities"] or contains_any(text, SCOPE14)):
            # '科技研究开发资金的绩效指标有哪些': the form's indicators listed
            return Intent(name=INTENT, params=params | {"list": True}, evidence="strong")
        if indicators:
            best = max(m.score for m in indicators)
            strong = horizon is not None or contains_any(text, INDICATOR_WORDS) or contains_any(text, SCOPE14)
            bare = text  # the money words of a matched name (消费促进活动经费) do not count
            for m in matches:
                if m.span and m.kind in ("project", "indicator"):
                    bare = bare[: m.span[0]] + " " * (m.span[1] - m.span[0]) + bare[m.span[1]:]
            if not strong and contains_any(bare, MONEY_WORDS):
                return None  # '安全生产检查经费多少' asks for money, not the 检查次数 indicator
            exact = any(m.score >= 99 for m in indicators)
            # '某项目活动带动消费额目标': an exact indicator beside the project it belongs to is
            # what is asked; the project only says whose (above the project's own amount, `likely`)
            beside = exact and any(
                m.kind == "project" and m.span and i.span and m.span[1] <= i.span[0]
                for m in matches for i in indicators if i.score >= 99)
            return Intent(
                name=INTENT,
                params=params,
                evidence=by_match("strong" if strong or beside else "plausible" if exact else "last_resort",
                                  best),
            )
        if horizon is not None:
            goals_only = not contains_any(text, INDICATOR_WORDS) or contains_any(
                text, ("目标有哪些", "目标是什么")
            )
            return Intent(name=INTENT, params=params | {"goals": goals_only}, evidence="named")
        if contains_any(text, ("绩效目标", "总目标")) and contains_any(text, GOAL_WORDS):
            return Intent(name=INTENT, params=params | {"goals": True}, evidence="likely")
        prev = last_intent(conv, (INTENT,))
        short = len(_unnamed(text, matches)) <= SHORT_FOLLOW_UP
        if (
            prev is not None
            and (params["weight"] or params["basis"])
            and (prev.params.get("indicators") or short)
        ):
            # '权重呢' after an indicator: the follow-up rewrite may keep only the project (or
            # nothing, when the indicator was found by its words), so it comes from the last intent
            update = {
                "weight": params["weight"],
                "basis": params["basis"],
                "years": list(q.years),
                "follow": True,
            }
            return Intent(name=INTENT, params=dict(prev.params) | update, evidence="strong")
        if contains_any(text, ("权重", "分值", "指标值", "绩效指标")) and any(
            m.kind == "project" for m in matches
        ):
            return Intent(name=INTENT, params=params | {"goals": False}, evidence="likely")
        if prev is not None and (q.years or len(text) <= 8) and not any(m.score >= 90 for m in matches):
            # '上年呢' after an indicator: the same indicator, another year column
            update = {"years": list(q.years), "follow": True}
            return Intent(name=INTENT, params=dict(prev.params) | update, evidence="named")
        if contains_any(text, ("指标",)) and contains_any(text, (*SCOPE14, "绩效")):
            return Intent(name=INTENT, params=params | {"goals": False}, evidence="plausible")
        if contains_any(text, INDICATOR_WORDS) and not contains_any(_unnamed(text, matches), MONEY_WORDS):
            # '满意度多少': no catalogue name, but indicator words; answer() finds the rows whose
            # names hold them (a project named in part, too: '网络安全运营服务的满意度')
            named = bool(params["entities"]) or contains_any(text, SCOPE14)
            return Intent(name=INTENT, params=params | {"goals": False},
                          evidence="named" if named else "likely")
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        p = intent.params
        if asks_change(q.text) and not (p.get("count") or p.get("list") or p.get("weight") or p.get("goals")):
            # 比上年多几场: both years' values, and their difference
            both = {"years": [runner.year - 1, runner.year]}
            return with_change(self._answer(intent.model_copy(update={"params": p | both}), q, runner))
        if asks_actuals(q.raw):  # 去年实际增长了多少: a target is no result
            return not_found("绩效目标表只列各年的目标值（指标值），没有实际完成的数字。")
        made = self._answer(intent, q, runner)
        money = q.unit_request in MONEY_UNITS
        if money and made.values and not any(v.unit in MONEY_UNITS for v in made.values):
            # 社会消费品零售总额能达到多少亿: a target said as a rate is no amount of money
            return not_found("文件没有写这一金额；绩效目标表中与之相关的指标不是金额（如增长率），"
                             "不能当作金额回答。")
        return made

    def _answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        p = intent.params
        if p.get("follow") and p.get("asked"):
            q = q.model_copy(update={"text": p["asked"]})  # the indicator the last answer was about
        tables, scoped, names = scope(q, p, runner)
        if p.get("count") or p.get("list"):
            table = tables[0] if scoped else TABLE14
            label = names[0] if names and table != TABLE14 else "部门整体绩效目标表"
            if p.get("list"):
                return list_indicators(table, f"{label}（{table}）", runner)
            return count_indicators(table, f"{label}（{table}）", p.get("years", []), runner)
        if p.get("goals"):
            return goals(p, tables, runner)
        names += [e["alias"] for e in p.get("entities", [])] + [e["name"] for e in p.get("entities", [])]
        words = phrase(q, names)
        # no form or goal named: the indicator may stand under several forms (answered below)
        anywhere = not scoped and not p.get("horizon") and not p.get("goal_no")
        found: list[tuple[float, Row]] = []
        for table_id in tables:
            rows = run(runner, "forms_indicators", table_id=table_id)
            if p.get("horizon"):
                rows = [r for r in rows if r["horizon"] == p["horizon"]]
            if p.get("goal_no"):
                rows = [r for r in rows if r["goal_no"] == p["goal_no"]]
            scored = best_rows(q.text, rows, "name", 80.0, p.get("indicators", []))
            if not p.get("indicators") and rows_with(words, rows):
                # '满意度多少': every indicator whose name holds the asked words fits equally
                # (and better than a name that only shares the project's words)
                scored = [(80.0, r) for r in rows_with(words, rows)]
            if scored and not anywhere:
                top = scored[0][0]
                hits = [r for s, r in scored if s >= top - 0.5]
                return indicator_answer(hits, p, table_id, runner)
            found += scored
        if found:
            top = max(s for s, _ in found)
            hits = [r for s, r in found if s >= top - SAME_FIT]
            if len({(r["table_id"], r["horizon"], r["goal_no"]) for r in hits}) == 1:
                return indicator_answer(hits, p, hits[0]["table_id"], runner)
            return across(hits, p, runner)
        if p.get("horizon") and not p.get("indicators"):
            return goals(p, tables, runner)
        return not_found("绩效目标表中没有找到这个指标。", ["部门整体绩效的长期目标有哪些？"])


def _unnamed(text: str, matches: Sequence[Match]) -> str:
    """The question without the names it matched ('科技研究与开发资金' holds the money word 资金)."""
    spans = sorted((m.span for m in matches if m.span), reverse=True)
    for start, end in spans:  # the printed words, which normalisation may have changed
        text = text[:start] + " " + text[end:]
    for m in sorted(matches, key=lambda m: len(m.alias), reverse=True):
        text = text.replace(m.alias, " ").replace(m.name, " ")
    return text


