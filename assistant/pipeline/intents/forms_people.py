"""'他还负责别的项目吗' after '<项目>的负责人是谁': the other forms whose 项目负责人 is that person.

The person is the 项目负责人 of the form the previous turn answered about (read again from the
form, never from the wording of the earlier answer); a pronoun (他/她/这个人) stands for them.
"""

from __future__ import annotations

from typing import Any

from assistant.models import Answer, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import answered, contains_any, not_found, run, safe_cite
from assistant.pipeline.intents.forms_projects import locate_forms, norm_split

PRONOUNS = ("他", "她", "此人", "这个人", "这人", "这位", "该负责人", "这个负责人", "同一个人", "同一人")
ASKS_PROJECTS = ("负责", "管")
OTHER = ("别的", "其他", "其它", "还", "另外", "哪些", "哪几个", "几个")
LEADER_FIELD = "项目负责人"


def refers_back(text: str, conv: Conversation, intent_name: str) -> dict[str, Any] | None:
    """Params for the person the last answer named, when the question points at them."""
    prev = conv.last.intent if conv.last and conv.last.status == "answered" else None
    if prev is None or prev.name != intent_name:
        return None
    if not (contains_any(text, PRONOUNS) and contains_any(text, ASKS_PROJECTS) and contains_any(text, OTHER)):
        return None
    if prev.params.get("field") != LEADER_FIELD and prev.params.get("kind") != "by_person_back":
        return None
    return {"entities": prev.params.get("entities", []), "kind": "by_person_back",
            "table_id": prev.params.get("table_id"), "from_context": True}


def others_of(q: Question, params: dict[str, Any], runner: Runner) -> Answer:
    forms, _ = locate_forms(q, params | {"allow_previous": False}, runner)
    if not forms:
        return not_found("没有找到上一个问题所说的项目申报表，请说出这个人的姓名再问。")
    fields = run(runner, "forms_form_fields")
    every = run(runner, "forms_project_forms")
    asked = {f["table_id"] for f in forms[:1]}
    people = [n for n in norm_split(forms[0].get("leader") or "") if len(n) >= 2]
    if not people:
        return not_found(f"{forms[0]['project_name']}的申报表未填写项目负责人。")
    mine = [f for f in every if any(p in (f.get("leader") or "") for p in people)]
    others = [f for f in mine if f["table_id"] not in asked]
    who = "、".join(people)
    cites = [safe_cite(runner, f["table_id"], f"{f['project_name']} {LEADER_FIELD}", _line(fields, f))
             for f in mine]
    first, tid = forms[0]["project_name"], forms[0]["table_id"]
    if not others:
        return answered(f"项目绩效目标申报表中，{who}只是{first}（{tid}）的项目负责人，"
                        "没有负责其他项目。", (), cites, [f"{first}的联系电话是多少？"])
    listing = "、".join(f"{f['project_name']}（{f['table_id']}）" for f in others)
    text = (f"项目绩效目标申报表中，{who}除{first}（{tid}）外，"
            f"还是以下 {len(others)} 个项目的项目负责人：{listing}。")
    return answered(text, (), cites, [f"{others[0]['project_name']}的联系电话是多少？"])


def _line(fields: list[Row], form: Row) -> int:
    row = next((r for r in fields if r["table_id"] == form["table_id"] and r["field"] == LEADER_FIELD), None)
    return int(row["line_no"]) if row else int(form["line_start"])


__all__ = ["others_of", "refers_back"]
