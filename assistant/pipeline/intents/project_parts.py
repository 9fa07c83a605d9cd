"""The parts of one project (预算15表 form): its 支出明细 lines and its 资产配置及采购计划.

A question names a project (or one of its lines) and asks about what is inside it: one line by a
piece of its name (…里“先投后股”那块安排多少), a figure of that line named by the words of its
测算依据 (服务费的财政预算评审金额), the line's share of the project, the lines that make up the
project (由哪几部分构成) or a line's own parts (那25万是怎么构成的), the largest / smallest lines,
how many there are, the lines other than one (除了服务费还有别的吗), the asset plan.

`detect` sees no database: it claims a question that names a project or line and either asks one
of these operations or carries words nothing else understood (a line's name). `answer` looks
the lines up; when the question names no line of that project it says so without a figure, and
the other readings are tried (steps.respond).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Runner
from assistant.pipeline.intents.forms_assets import assets_answer
from assistant.pipeline.intents.forms_common import asks_actuals, asks_who, not_found, run
from assistant.pipeline.intents.forms_projects import stash
from assistant.pipeline.intents.project_followup import (
    answer_follow,
    follow_intent,
    follow_kind,
)
from assistant.pipeline.intents.project_lines import blank_project, named_lines, read_as, unnamed_rest, unread
from assistant.pipeline.intents.project_parts_answer import (
    no_line,
    which_line,
)
from assistant.pipeline.intents.project_parts_ops import (
    INTENT,
    OPERATIONS,
    asked_ops,
    form_of,
    named_after,
    operate,
    ops_asked,
    outside_names,
    previous_lines,
)

# Measures that ask a field of the form (its leader, its phone …), never a part of it …
FIELDS = frozenset({"leader", "phone", "code", "unit_name", "category", "frequency", "person",
                    "weight", "organisation", "function", "vehicle", "income", "sme", "micro",
                    "party", "set.table", "set.procurement", "unknown"})
# … and measures that may also be words of a line's name (事中绩效评价费, 技术合同登记奖励): the
# reading is then only tried after the field readings
SOFT_FIELDS = frozenset({"target", "period", "usage", "source", "result", "quantity", "price",
                         "personnel", "public", "basic", "project", "contract", "basis"})
# words that put the question inside the project ('…里最大的', '…的明细中')
INSIDE = ("里", "中", "内", "明细", "细项", "条目", "哪项", "哪一项", "哪几项", "几项")
COUNT_INSIDE = ("支出", "笔", "条")  # '…有几笔支出': its lines
CONFIDENT = "strong"
PARTIAL = "named"  # a project named by part of its name (forms_parts)
SOFT = "plausible"  # below the field readings, above the fallback floor (steps.FALLBACK_CONFIDENCE)
PLAN_WORDS = ("资产", "采购")


class ProjectPartsHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        if asks_actuals(q.raw) or asks_who(q.text, firms_only=True):
            return None  # 哪6家企业: whom a line pays is the line's 测算依据 (form_detail), no part of it
        ops, measures, left = ops_asked(q.text, matches)
        if "unknown" not in measures:
            follow = follow_intent(q, list(matches), conv, INTENT, ops, measures)
            if follow is not None:
                return follow
        if measures & FIELDS:
            return None
        reckoned = "calculation" in measures or "测算" in q.text  # 测算依据 is a line's, not a field
        soft = measures & SOFT_FIELDS - ({"basis"} if reckoned else set())
        if left and soft == {"contract"}:
            soft = set()  # '…里电子政务网络的合同金额': a contract of the line named (its 测算依据)
        projects = [m for m in matches if m.kind == "project"]
        details = [m for m in matches if m.kind == "detail"]
        wanted = ops & set(OPERATIONS) | ({"plan"} if "plan" in measures else set())
        if "calculation" in measures:
            wanted.add("breakdown")
        if "测算" in q.text:
            wanted.add("basis")  # the 测算依据 of the project's lines (立项依据 is a field of the form)
        if soft:
            wanted -= {"rank", "count"}  # 几个绩效指标, 哪个指标最高: the form's fields, not its lines
        if "rank" in wanted or "count" in wanted:
            ends = [m.span[1] for m in projects if m.span]
            after = q.text[max(ends):] if ends else q.text.partition("项目")[2]
            after = after[2:] if after.startswith("项目") else after  # the rest of a shortened name
            inside = INSIDE + (COUNT_INSIDE if "count" in wanted else ())
            if not any(w in after for w in inside) or "项目" in after:
                wanted -= {"rank", "count"}  # ranks the project among projects: not ours
        if not projects:
            wanted.discard("share")  # a line's share of what? (a rate its 测算依据 states: form_detail)
        params: dict[str, Any] = {"ops": sorted(wanted), "years": list(q.years), "asked": sorted(ops)}
        rest = outside_names(q.text, details) if details else ""
        if details and not wanted and follow_kind(rest, set(), measures) is not None:
            return None  # a line named in full, asked for its 测算依据 / contract / rate: form_detail
        if projects or details:
            if not wanted and not left and not named_after(details, projects):
                return None  # the project's (or the named line's) own figure: other readings
            params |= stash([*projects, *details], conv, ("project", "detail"))
            params["mentions"] = [q.text[m.span[0]: m.span[1]] for m in projects if m.span]
            return Intent(name=INTENT, params=params, evidence=SOFT if soft else CONFIDENT)
        if wanted - {"except", "share"} and "项目" in q.text:
            # '网络安全运营服务项目的钱由哪几部分构成': a project named by part of its name, which
            # the matcher does not know; answer() takes it only when exactly one form fits
            params |= {"entities": [], "project_text": q.text, "generic_ok": False, "allow_previous": False}
            return Intent(name=INTENT, params=params, evidence=PARTIAL)
        prev = previous_lines(conv)
        if prev is not None and "except" in wanted:
            return Intent(name=INTENT, params=params | {"table_id": prev[0], "prev_lines": prev[1]},
                          evidence=CONFIDENT)
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        params = intent.params
        if [y for y in params.get("years", []) if y != runner.year]:
            return not_found(f"项目支出明细（预算15表）描述的是{runner.year}年的安排。")
        form, which = form_of(q, params, runner)
        if which is not None:
            return which
        if form is None:
            return not_found("没有找到这个项目的绩效目标申报表。")
        ops = set(params.get("ops", ()))
        if params.get("follow"):
            return answer_follow(params, form, q, runner)
        if "plan" in ops and any(w in q.text for w in PLAN_WORDS):
            return assets_answer([form], runner)  # the one asset-plan answer (forms_assets)
        rows = [r for r in run(runner, "forms_details") if r["table_id"] == form["table_id"]]
        project = form["project_name"]
        asked = blank_project(q.text, project, params.get("mentions", ()))
        lines = named_lines(asked, rows, project)
        if not lines:
            # the normaliser writes 第一 as 第1; a line's name is printed as the user typed it
            printed = blank_project(q.raw, project, params.get("mentions", ()))
            lines = named_lines(printed, rows, project)
            asked = printed if lines else asked
        if not lines and unread(asked):
            return no_line(form)  # the question names something this form has no line for
        if not lines and params.get("prev_lines"):
            lines = [r for r in rows if r["line_no"] in params["prev_lines"]]
        if len(lines) > 1:
            return which_line(lines)
        line = lines[0] if lines else None
        if line is not None:
            # '先投后股' holds 后 (a rank word): only words outside the line's name are operations
            outside = unnamed_rest(asked, line, project)
            ops &= asked_ops(outside) | {"plan"}
        found = operate(params, q, runner, form, rows, asked, line, ops)
        return read_as(found, asked, line, project) if line is not None else found


__all__ = ["ProjectPartsHandler"]
