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
    own = text.replace("其他", "").replace("其它", "")  # 其他 holds 他 but points at no one
    verb = text.replace("负责人", "")  # 负责人 is the field; 负责 the verb of the person
    if not (contains_any(own, PRONOUNS) and contains_any(verb, ASKS_PROJECTS) and contains_any(text, OTHER)):
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


OTHERS = ("其他项目", "其它项目", "别的项目", "其余项目", "另外几个项目", "剩下的项目")


def other_projects(raw: str, conv: Conversation, intent_name: str) -> bool:
    """其他项目的负责人是谁 after a field answer: the same field of every other form."""
    prev = conv.last.intent if conv.last and conv.last.status == "answered" else None
    return prev is not None and prev.name == intent_name and contains_any(raw, OTHERS)


def field_of_others(field: str, column: str | None, params: dict[str, Any], q: Question,
                    runner: Runner) -> Answer:
    asked, _ = locate_forms(q, params | {"allow_previous": False}, runner)
    skip = {f["table_id"] for f in asked[:1]}
    fields = run(runner, "forms_form_fields")
    others = [f for f in run(runner, "forms_project_forms") if f["table_id"] not in skip]
    if not others:
        return not_found("没有其他项目的绩效目标申报表。")
    parts, cites = [], []
    for f in others:
        row = next((r for r in fields if r["table_id"] == f["table_id"] and r["field"] == field), None)
        said = (f.get(column) if column else None) or (row["value"] if row else "")
        parts.append(f"{f['project_name']}（{f['table_id']}）：{said or '未填写'}")
        cites.append(safe_cite(runner, f["table_id"], f"{f['project_name']} {field}",
                               row["line_no"] if row else f["line_start"]))
    head = f"除{asked[0]['project_name']}外，" if asked else ""
    return answered(f"{head}其他 {len(others)} 个项目的{field}：" + "；".join(parts) + "。", (), cites,
                    [f"{others[0]['project_name']}的联系电话是多少？"])


__all__ = ["field_of_others", "other_projects", "others_of", "refers_back"]
