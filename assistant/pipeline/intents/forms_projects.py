"""Which 预算15表 form (project) a question is about.

`detect` only sees the matcher's entities, `answer` only sees the Runner, so detect stashes the
project entities in the intent params (`stash`) and answer resolves them against the forms:
first through the catalogue (the entity's alias printed on a 预算15表-N line), then by fuzzy name,
then by the person named in the question (负责人), finally by the previous turn's form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import fuzzy_in, norm, run

# Catalogue kinds that name a project (a 预算15表 form) or something printed on one.
PROJECT_KINDS = ("project", "detail", "procurement")
# Fuzzy name score for a project name found in the question without the catalogue's help.
NAME_MIN = 80.0
FORM_PREFIX = "预算15表"
# Characters a question must share in one run with a project name to mean it ('大数据中心').
FRAGMENT_MIN = 5


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
    return run(runner, "forms_entity_aliases", entity_id=entity_id)


def resolve_forms(q: Question, params: dict[str, Any], runner: Runner) -> list[Row]:
    """The forms the question most likely means, best first; [] when none is named."""
    forms = run(runner, "forms_project_forms")
    if not forms:
        return []
    by_table = {f["table_id"]: f for f in forms}
    explicit = params.get("table_id")
    if explicit in by_table:
        return [by_table[explicit]]
    # the form named by its table id ('预算15表-2的负责人')
    printed = re.search(r"15表\s*[-—－]\s*(\d+)", q.text)
    if printed and f"{FORM_PREFIX}-{printed.group(1)}" in by_table:
        return [by_table[f"{FORM_PREFIX}-{printed.group(1)}"]]
    # 1. the question names a project: in the text (fuzzy) or through a catalogue entity
    named = _by_name(q.text, forms)
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
    if named and not params.get("from_context"):
        # a name in this question wins over a project carried from the previous turn
        return named + [p for p in picked if p not in named]
    if picked:
        return picked
    if named:
        return named
    # 2. a person: '孟晗、李卉的联系电话'
    people = [f for f in forms if _person_in(q.text, f.get("leader"))]
    if people:
        return people
    # 3. a distinctive part of one project's name: '大数据中心的负责人'
    partial = _by_fragment(q.text, forms)
    if len(partial) == 1:
        return partial
    # 3. the previous turn's form
    prev = params.get("prev_table_id")
    if prev in by_table and params.get("allow_previous", True):
        return [by_table[prev]]
    return []


def _by_name(text: str, forms: Sequence[Row]) -> list[Row]:
    scored = [(fuzzy_in(f["project_name"], text), f) for f in forms]
    scored = [p for p in scored if p[0] >= NAME_MIN]
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return [f for s, f in scored if s >= top - 1]


def _by_fragment(text: str, forms: Sequence[Row]) -> list[Row]:
    """Forms whose name shares a run of at least FRAGMENT_MIN characters with the question."""
    t = norm(text)
    out = []
    for f in forms:
        name = norm(f["project_name"])
        m = SequenceMatcher(None, t, name, autojunk=False).find_longest_match(0, len(t), 0, len(name))
        if m.size >= FRAGMENT_MIN:
            out.append(f)
    return out


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
