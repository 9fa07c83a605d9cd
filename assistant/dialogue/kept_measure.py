"""人员经费一共多少 → 本级和招商服务中心分别是多少: units compared or listed after a question of a
column (人员经费, 一般公共预算, 项目支出) are asked that column, as 那本级呢 would be — never their whole
budgets. The column words are the ones the turn before said (its measure tags), in the order said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.query.model import Query
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

KEPT_OPS = frozenset({"each", "sum", "diff", "ratio", "most"})


def measure_kept(query: Query | None, env: Env) -> Query | None:
    last = env.conv.last
    if query is None or query.op not in KEPT_OPS or query.from_context or not query.subjects or last is None \
            or last.status != "answered":
        return query
    lex = load_lexicon()
    said = [t.text for t in tag(last.question, (), lex) if t.kind == "measure"]
    if not said or any(e.kind == "unit" for e in last.entities):
        return query  # 本级人员经费 → 本级和中心…: the turn before was of a unit; its measure is its own
    from assistant.pipeline.normalise import normalise

    subjects = []
    for s in query.subjects:
        q = normalise(s.text, env.k, env.runner.year)
        found = [m for m in env.index.match(q) if m.score >= 100]
        # 本级: no name of its own, but every line whose name holds it is a unit
        found = found or [m for ms in env.index.fragments(q, []).values() for m in ms]
        if not found or any(m.kind != "unit" for m in found) \
                or any(t.kind == "measure" for t in tag(s.text, (), lex)):
            return query  # a thing of its own, or a unit said with its column: read as said
        subjects.append(s.model_copy(update={"text": f"{s.text}{''.join(said)}"}))
    return query.model_copy(update={"subjects": tuple(subjects)})
