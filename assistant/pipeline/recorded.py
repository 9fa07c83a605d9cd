"""What a finished question leaves behind: the figures its answer stated (what a follow-up computes
with), the entities a reading chose from fragments, and what the trace shows of each step."""

from __future__ import annotations

from typing import Any

from assistant.models import Answer, Match
from assistant.pipeline import steps as pipeline
from assistant.pipeline.base import Turn

SELF_LABELLED = frozenset({"rank", "count", "list", "total"})


def results_of(state: pipeline.State, answer: Answer, year: int) -> list[dict[str, Any]]:
    """The figures an answer stated, with the year they are of and their citations."""
    if answer.status != "answered":
        return []
    q = state.question
    years = sorted(set(q.years)) if q is not None else []
    when = years[0] if len(years) == 1 else year
    # a composed question's figure is of the subject said; a line picked from a set (a ranking) or a
    # count is named by the answer itself
    subject = state.query.subjects[0].text if state.query is not None and state.query.subjects \
        and state.query.op not in SELF_LABELLED else None
    cites = [c.model_dump() for c in answer.citations]
    # a figure in 元 said again in 万元 (pipeline/compose.py) is no figure of its own to compute with
    restated = {f"{v.label}（万元）" for v in answer.values if v.unit == "元"}
    values = [v for v in answer.values if not (v.unit == "万元" and v.label in restated)]
    # a composed answer's result comes first (answer.lead figures), its parts after it
    return [{"label": subject if subject and len(values) == 1 else v.label, "amount": v.value,
             "unit": v.unit, "year": when, "citations": cites, "lead": not answer.lead or i < answer.lead}
            for i, v in enumerate(values)]


def step_detail(step: str, state: pipeline.State, env: pipeline.Env) -> Any:
    """What the training mode shows for each step."""
    q = state.question
    if step == "normalise" and q is not None:
        return {"text": q.text, "years": list(q.years), "codes": list(q.codes),
                "numbers": list(q.numbers), "unit": q.unit_request}
    if step == "context":
        return {"resolved": q.text if q else None, "from": state.rewritten_from}
    if step == "match":
        return {"matches": [f"{m.name}[{m.kind}] {m.score:g}" for m in state.matches],
                "fragments": {k: [m.name for m in v] for k, v in state.fragments.items()}}
    if step == "intent":
        return {"handler": state.handler, "intent": state.intent.model_dump() if state.intent else None}
    if step == "respond":
        return {"readings": [f"{j.handler}[{j.evidence}] {j.verdict}" for j in state.judged],
                "queries": [{"template": e.template, "params": e.params, "rows": e.rows,
                             "ms": round(e.ms, 3), **({"served": "document rows"} if e.served else {})}
                            for e in env.runner.executed]}
    if step == "cover":
        return {"leftovers": list(state.leftovers)}
    if step == "understand" and state.query is not None:
        qy = state.query
        return {"op": qy.op, "rule": qy.rule, "subjects": [s.text for s in qy.subjects],
                "years": list(qy.years), "from_context": qy.from_context,
                "given": [f"{v.label} {v.amount:g} {v.unit}" for v in qy.given]}
    if step in ("screen", "compose") and state.answer is not None:
        return {"status": state.answer.status}
    return None


# a unit is said by part of its name (招商服务中心) and asked about column by column after; other
# kinds read from fragments leave the follow-up to name its own thing (那职工医疗保险呢)
STASHED_KINDS = frozenset({"unit"})


def turn_entities(state: pipeline.State) -> list[Match]:
    """The entities an answer was about, for the turns after it: a reading may keep fewer than were
    matched, or one it chose from the fragments (电商平台运维费 of 电子商务公共服务平台运维费)."""
    entities = list(state.matches)
    named = state.intent.params.get("entities") if state.intent is not None else None
    if isinstance(named, list) and named:
        ids = {e.get("id") if isinstance(e, dict) else e for e in named}
        entities = ([m for m in entities if m.entity_id in ids] or stashed(state, ids)
                    or [_named(e) for e in named if isinstance(e, dict) and e.get("id") and e.get("name")]
                    or entities)
    return entities


def _named(entity: dict) -> Match:
    """An entity as a reading keeps it in its params (id, kind, name, alias, score)."""
    return Match(entity_id=str(entity["id"]), kind=str(entity.get("kind", "")), name=str(entity["name"]),
                 alias=str(entity.get("alias") or entity["name"]), score=float(entity.get("score", 0)),
                 code=entity.get("code"))


def stashed(state: pipeline.State, ids: set) -> list[Match]:
    """The entities a reading chose from the fragments (招商服务中心 of 武汉市…招商服务中心): not among
    the exact matches, kept in its params — what a follow-up (其中项目支出呢) is about."""
    kept = state.intent.params.get("matches") if state.intent is not None else None
    out = []
    for m in kept if isinstance(kept, list) else ():
        if isinstance(m, dict) and m.get("entity_id") in ids and m.get("kind") in STASHED_KINDS:
            out.append(Match.model_validate(m))
    return out


def turn_of(state: pipeline.State, answer: Answer, year: int) -> Turn:
    """What a later question may refer back to in this answered (or asked-back) question: the same
    record whether the user asked it or it was the first clause of a question said in one breath."""
    q = state.question
    return Turn(
        question=q.text if q else state.raw,
        intent=state.intent,
        entities=turn_entities(state),
        items=[str(r[0]) for r in answer.table.rows] if answer.table else [],
        years=list(q.years) if q else [],
        status=answer.status,
        options=[(c.label, c.question) for c in answer.candidates] if answer.status == "clarify" else [],
        results=results_of(state, answer, year),
        unit=(state.query.unit if state.query is not None and state.query.op == "convert" else None)
        or (q.unit_request if q else None),
        query=state.query,
    )
