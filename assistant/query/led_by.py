"""王传福负责的两个项目一共多少钱 / 大数据中心执行的项目加起来多少: the projects whose 绩效目标申报表
names that person (项目负责人) or that unit (实施单位), each project's own budget added up.

The set is read from the forms, never guessed from the words: the person or unit must be one a form
names, the number said (两个) must be the number of its forms, and every project's figure is read
from the budget tables as any named project's is. Otherwise this is no such question, and nothing
here states a figure — never the whole budget's, never one project's for all of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Question
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_RUN = r"(?:负责|牵头|主管|执行|实施|承担|承办)的"
_ASKED = re.compile(rf"^(?P<who>.+?){_RUN}(?:(?P<n>\d+)个|几个|这些|所有|全部)?项目(?:支出)?(?:的)?"
                    r"(?:预算|资金|经费|金额)?(?:数)?(?:一共|总共|合计|加起来|加在一起|共计|总计|共)?"
                    r"(?:是|有|要|安排了?)?多少(?:钱|万元)?$")
RUN_BY = re.compile(_RUN)
RULE = "X负责的项目加起来"
_LISTED = re.compile(r"[、，,；;\s]+")


def led_by(q: Question, env: Env) -> Query | None:
    from assistant.plan.values import value_of

    m = _ASKED.search(q.text)
    if m is None:
        return None
    who = m.group("who").removeprefix("那").strip("的")
    forms = [f for f in env.runner.run("forms_project_forms") if _names(f, who)]
    if len(forms) < 2 or (m.group("n") and int(m.group("n")) != len(forms)):
        return None  # one project is a question of its own; a count said that the forms do not give
    found = [value_of(str(f["project_name"]), env) for f in forms]
    if any(f is None for f in found):
        return None
    return Query(op="sum", given=tuple(f[0] for f in found if f is not None), rule=RULE)


def whose(q: Question, env: Env) -> bool:
    """办公室执行的项目 / 王传福负责的: a set said by who runs it or a person the forms name — never
    the whole budget or a whole column (query/total.py)."""
    from assistant.pipeline.people import known_person

    return bool(RUN_BY.search(q.text) or known_person(q.text, env.facts.get("people", ())))


def _names(form: dict, who: str) -> bool:
    """The form names this person as 项目负责人, or this unit as 实施单位 (said whole, or by the
    end of its name: 大数据中心 of …科技创新局大数据中心)."""
    people = [p for p in _LISTED.split(str(form.get("leader") or "")) if p]
    units = [u for u in _LISTED.split(str(form.get("exec_unit") or "")) if u]
    return who in people or any(len(who) >= 3 and u.endswith(who) for u in units)


__all__ = ["led_by", "whose"]
