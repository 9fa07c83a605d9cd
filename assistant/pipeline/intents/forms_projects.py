"""Which 预算15表 form (project) a question is about.

`detect` only sees the matcher's entities, `answer` only sees the Runner, so detect stashes the
project entities in the intent params (`stash`) and answer resolves them against the forms:
first through the catalogue (the entity's alias printed on a 预算15表-N line), then by fuzzy name,
then by the person named in the question (负责人), then by a distinctive part of one name
(`forms_parts`), finally by the previous turn's form. `locate_forms` also says which of these
decided, so a handler can ask when a partial name fits several forms equally.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Answer, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import clarify, fuzzy_in, norm, run
from assistant.pipeline.intents.forms_parts import by_part

# Catalogue kinds that name a project (a 预算15表 form) or something printed on one.
PROJECT_KINDS = ("project", "detail", "procurement")
# Fuzzy name score for a project name found in the question without the catalogue's help.
NAME_MIN = 80.0
FORM_PREFIX = "预算15表"
# How a form was found (locate_forms): only PARTIAL may fit several forms equally.
PARTIAL = "partial"
# '去年' -> '2025年' lengthens a question by 3; a glued project name by more
REWRITE_GROWTH = 3


def stash(
    matches: Sequence[Match], conv: Conversation, kinds: Sequence[str] = PROJECT_KINDS
) -> dict[str, Any]:
    """Entity facts answer() needs, plus the form of the previous turn for follow-ups."""
    found = [m for m in matches if m.kind in kinds]
    from_context = False
    if not found:
        turn = conv.last_answered()
        found = [m for m in (turn.entities if turn else []) if m.kind in kinds]
        from_context = bool(found)
    params: dict[str, Any] = {
        "entities": [
            {"id": m.entity_id, "kind": m.kind, "name": m.name, "alias": m.alias, "score": m.score}
            for m in found
        ],
        "from_context": from_context,
    }
    last = conv.last
    if last is not None and last.intent is not None:
        prev_table = last.intent.params.get("table_id")
        if isinstance(prev_table, str) and prev_table.startswith(FORM_PREFIX):
            params["prev_table_id"] = prev_table
    return params


def entity_tables(runner: Runner, entity_id: str) -> list[Row]:
    located = getattr(runner, "locations", None)
    if located is not None:
        return located(entity_id)
    return run(runner, "forms_entity_aliases", entity_id=entity_id)


def resolve_forms(q: Question, params: dict[str, Any], runner: Runner) -> list[Row]:
    """The forms the question most likely means, best first; [] when none is named."""
    return locate_forms(q, params, runner)[0]


def one_form(
    q: Question, params: dict[str, Any], runner: Runner, ask: str
) -> tuple[Row | None, Answer | None]:
    """The one form meant, or a clarifying question when a partial name fits several equally
    (`ask` is the question to offer per candidate, with {name} for the project name)."""
    forms, how = locate_forms(q, params, runner)
    if how == PARTIAL and len(forms) > 1:
        return None, ask_which(forms, ask)
    return (forms[0] if forms else None), None


def ask_which(forms: Sequence[Row], ask: str) -> Answer:
    names = "、".join(f"{f['project_name']}（{f['table_id']}）" for f in forms)
    return clarify(
        f"问题中的项目名称与多个项目都相符：{names}。请问您指的是哪一个？",
        [(f"{f['project_name']}（{f['table_id']}）", ask.format(name=f["project_name"])) for f in forms],
    )


def locate_forms(q: Question, params: dict[str, Any], runner: Runner) -> tuple[list[Row], str]:
    """(forms best first, how they were found); ([], "") when none is named."""
    forms = run(runner, "forms_project_forms")
    if not forms:
        return [], ""
    by_table = {f["table_id"]: f for f in forms}
    explicit = params.get("table_id")
    if explicit in by_table:
        return [by_table[explicit]], "explicit"
    # a follow-up names the project in its own words ('那网络安全运营服务项目呢'): the rewritten
    # question glues it to the previous project, so the handler passes the user's words here
    text = str(params.get("project_text") or q.text)
    # the form named by its table id ('预算15表-2的负责人')
    printed = re.search(r"15表\s*[-—－]\s*(\d+)", text)
    if printed and f"{FORM_PREFIX}-{printed.group(1)}" in by_table:
        return [by_table[f"{FORM_PREFIX}-{printed.group(1)}"]], "explicit"
    if params.get("project_text"):
        named = _by_name(text, forms)
        if named:
            return named, "named"
        part = by_part(text, forms, params.get("mask", ()), params.get("generic_ok", True))
        return part, (PARTIAL if part else "")
    own = _own_words(q, forms, params)
    if own:
        return own, "named"
    # 1. the question names a project: in the text (fuzzy) or through a catalogue entity
    named = _by_name(text, forms)
    picked: list[Row] = []
    for ent in params.get("entities", []):
        for alias in entity_tables(runner, ent["id"]):
            row = by_table.get(alias["table_id"])
            if row is not None and row not in picked and ent["kind"] == "project":
                picked.append(row)
        if ent["kind"] == "project" and not picked:
            scored = sorted(
                (
                    (
                        max(
                            fuzz.ratio(norm(ent["name"]), norm(f["project_name"])),
                            fuzz.ratio(norm(ent["alias"]), norm(f["project_name"])),
                        ),
                        f,
                    )
                    for f in forms
                ),
                key=lambda p: p[0],
                reverse=True,
            )
            if scored and scored[0][0] >= 70:
                picked.append(scored[0][1])
    people = [f for f in forms if _person_in(text, f.get("leader"))]
    if people and params.get("from_context"):
        # 周丽琴的电话 after another project's question: the person named resets the subject
        return people, "person"
    if named and not params.get("from_context"):
        # a name in this question wins over a project carried from the previous turn
        return named + [p for p in picked if p not in named], "named"
    partial = by_part(text, forms, params.get("mask", ()), params.get("generic_ok", True))
    if partial and params.get("from_context"):
        # … and so does part of a name ('网络安全运营服务项目的电话' after another project)
        return partial, PARTIAL
    if picked:
        return picked, "entity"
    if named:
        return named, "named"
    # 2. a person: '孟晗、李卉的联系电话'
    if people:
        return people, "person"
    # 3. a distinctive part of one project's name: '网络安全运营服务项目的负责人'
    if partial:
        return partial, PARTIAL
    # 4. the previous turn's form
    prev = params.get("prev_table_id")
    if prev in by_table and params.get("allow_previous", True):
        return [by_table[prev]], "previous"
    return [], ""


def _own_words(q: Question, forms: Sequence[Row], params: dict[str, Any]) -> list[Row]:
    """The one form the user's own words name when the context step rewrote a follow-up by
    gluing the previous project's name to them ('聘用人员的满意度呢' -> '科技研究开发资金聘用
    人员的满意度'): the rewritten text is then clearly longer than what was typed."""
    if len(norm(q.text)) <= len(norm(q.raw)) + REWRITE_GROWTH:
        return []
    found = _by_name(q.raw, forms) or by_part(q.raw, forms, params.get("mask", ()), generic=False)
    return found if len(found) == 1 else []


def _by_name(text: str, forms: Sequence[Row]) -> list[Row]:
    scored = [(fuzzy_in(f["project_name"], text), f) for f in forms]
    scored = [p for p in scored if p[0] >= NAME_MIN]
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return [f for s, f in scored if s >= top - 1]


def _person_in(text: str, leader: str | None) -> bool:
    if not leader:
        return False
    names = [n for n in norm_split(leader) if len(n) >= 2]
    return any(n in text for n in names)


def norm_split(text: str) -> list[str]:
    for sep in "，,、/ ；;":
        text = text.replace(sep, "|")
    return [t.strip() for t in text.split("|") if t.strip()]


def project_list(runner: Runner) -> list[str]:
    return [f["project_name"] for f in run(runner, "forms_project_forms")]


def eleven_row(runner: Runner, project_name: str) -> Row | None:
    """The 预算11表 row of a project (its code there and its amount), by fuzzy name."""
    rows = [r for r in run(runner, "forms_project_rows") if r.get("code")]
    best: tuple[float, Row] | None = None
    for r in rows:
        s = fuzz.ratio(norm(r["name"]), norm(project_name))
        s = max(s, fuzz.token_sort_ratio(" ".join(norm(r["name"])), " ".join(norm(project_name))))
        if best is None or s > best[0] or (s == best[0] and r.get("measure") == "合计"):
            best = (s, r)
    return best[1] if best and best[0] >= 75 else None
