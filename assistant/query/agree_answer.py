"""The answer of a cross-check (query/agree.py): each side's figures read, added, compared.

Each thing is read as its own single-figure question (plan/values.py), so a figure is found
exactly as it would be alone, with its citation. The answer states every figure read and says
whether the sides agree (within the rounding of the coarser unit printed) or by how much they
differ. A thing that gives no single figure, or both sides read as the one printed figure, leaves
the question to the other readings: nothing is compared with a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant import fmt
from assistant.models import Answer
from assistant.models import Value as Stated
from assistant.ops.arith import TO_YUAN, convert
from assistant.query.agree import FIGURE, IT
from assistant.query.model import Query, Subject

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env
    from assistant.query.model import Value

TAIL_MAX = Decimal("0.005")  # half a cent of the coarser unit printed: a rounding tail, no difference


def agree_answer(query: Query, env: Env) -> Answer | None:
    query = _generic_scoped(query, env)
    if query is None:
        return None  # 项目预算 beside a thing not named whole: whose budget it is would be a guess
    left, right = _resolve(query.subjects, query.also, env), _resolve(query.also, query.subjects, env)
    if left is None and right is not None:  # (政府采购货物、工程、服务 read: 采购总额 in their scope)
        left = _resolve(query.subjects, _as_read(query.also, right), env)
    if right is None and left is not None:
        right = _resolve(query.also, _as_read(query.subjects, left), env)
    if left is None or right is None:
        return None  # a thing with no single figure: compared with nothing
    if any(_total_unsaid(sub, side) for sub, side in ((query.subjects, left), (query.also, right))):
        return None  # X和一般公共预算支出表里金额: a table's total row read for words naming no total
    sides = [left, right]
    cited = [{(c.table, c.line) for v in side for c in v.citations} for side in sides]
    if cited[0] and cited[0] == cited[1]:
        return None  # both sides read the one printed figure: no cross-check was made
    units = [v.unit for side in sides for v in side]
    if any(u not in TO_YUAN for u in units):
        return None  # counts and rates are not cross-checked here
    unit = max(units, key=lambda u: TO_YUAN[u])  # the coarser unit: the rounding both sides share
    totals = [sum((Decimal(str(convert(v, unit).amount)) for v in side), Decimal(0)) for side in sides]
    names = [_named(side) for side in sides]
    gap = totals[0] - totals[1]
    same = abs(gap) <= TAIL_MAX
    lines = [f"按“{names[0]}与{names[1]}是否一致”理解：" + ("两者一致。" if same else
             f"两者不一致，相差 {fmt.amount(abs(gap))} {unit}。")]
    values: list[Stated] = []
    for side, total, name in zip(sides, totals, names, strict=True):
        shown = "；".join(f"{v.label} {fmt.amount(v.amount)} {v.unit}" for v in side)
        lines.append(f"{shown}。" if len(side) == 1 else f"{shown}，合计 {fmt.amount(total)} {unit}。")
        values += [Stated(value=v.amount, unit=v.unit, label=v.label) for v in side]
        if len(side) > 1:
            values.append(Stated(value=float(total), unit=unit, label=f"{name}合计"))
    if not same:
        values.append(Stated(value=float(abs(gap)), unit=unit, label=f"{names[0]}与{names[1]}之差"))
    citations = [c for side in sides for v in side for c in v.citations]
    return Answer(status="answered", text="\n".join(lines), values=values, citations=citations)


def _resolve(subjects: tuple[Subject, ...], other: tuple[Subject, ...], env: Env) -> list[Value] | None:
    """Each thing of a side, read alone or with the head of the thing before it (货物、工程); a thing
    said in the words of the other side's scope (采购总额 beside 政府采购货物) read in that scope."""
    scope = _scope(other, env)
    found: list[Value] = []
    for n in range(len(subjects)):
        said = tuple(s.model_copy(update={"text": v.label}) for s, v in zip(subjects[:n], found, strict=True))
        value = _value((*said, *subjects[n:]), n, env)
        tries = [m for m in [_merged(scope, subjects[n].text)] if m]
        tries += [p for s in other for p in _part_of(s.text, subjects[n].text)]
        for text in tries:
            if value is None:
                value = _value((*said, subjects[n].model_copy(update={"text": text})), n, env)
        if value is None:
            return None
        found.append(value)
    return found


def _part_of(name: str, said: str) -> list[str]:
    """购置费 of 公务用车购置及运行费: the other side's name with its own part said in full
    (公务用车购置费, 公务用车运行费; the part joined before 及 taken off) — never that name itself."""
    at = name.find(said[:2]) if len(said) >= 2 else -1
    if at <= 0:
        return []
    head = name[:at]
    heads = [head] if head[-1] not in JOINED else [head[:-1 - k] for k in range(1, PARALLEL_MAX + 1)]
    return [h + said for h in heads if len(h) >= 2 and h + said != name]


JOINED = "及和与、"
PARALLEL_MAX = 4  # characters of the part said before 及 (购置 of 购置及运行费)


def _generic_scoped(query: Query, env: Env) -> Query | None:
    """A side of generic words only (项目预算, 采购总额) beside a side that names things is theirs:
    read in the words those things share (政府采购 of 政府采购货物、工程) or the one thing named."""
    generic = [all(_generic(s.text) for s in side) for side in (query.subjects, query.also)]
    if generic[0] == generic[1]:
        return query  # (基本支出 and 人员经费加公用经费: the department's, both)
    vague, named = (query.subjects, query.also) if generic[0] else (query.also, query.subjects)
    if all(_generic(s.text, DEPARTMENT_KINDS) for s in named):
        return query  # (支出合计 beside 基本支出加项目支出: the department's columns, both sides)
    read = _resolve(named, (), env)
    scope = (_scope(_as_read(named, read), env) if read else "") or _scope(named, env)
    merged = [_merged(scope, s.text) for s in vague] if scope else [None]
    if not all(merged):
        return None
    scoped = tuple(s.model_copy(update={"text": m}) for s, m in zip(vague, merged, strict=True))
    return query.model_copy(update={"subjects": scoped} if generic[0] else {"also": scoped})


def _total_unsaid(subjects: tuple[Subject, ...], values: list[Value]) -> bool:
    rows = [c.row or "" for v in values for c in v.citations]
    return any(TOTAL_ROW.search(r) for r in rows) \
        and not any(TOTAL_SAID.search(TABLE_SAID.sub("", s.text)) for s in subjects)


TOTAL_ROW = re.compile(r"^(?:合计|总计)")  # a table's own total row (合计·基本支出)
TABLE_SAID = re.compile(r"[\u4e00-\u9fff（）()]*表(?:里面|里|中|上)?的?")  # where, not what
TOTAL_SAID = re.compile(r"合计|总计|总|全部|一共|支出|收入|经费|采购|[他它]")


def _as_read(side: tuple[Subject, ...], values: list[Value]) -> tuple[Subject, ...]:
    return tuple(s.model_copy(update={"text": v.label}) for s, v in zip(side, values, strict=True))


def _scope(side: tuple[Subject, ...], env: Env) -> str:
    """The words a side's things share at their start (政府采购 of 政府采购货物、工程), or the one line
    it names (网络安全运营服务项目)."""
    from assistant.models import Question

    texts = [s.text for s in side if s.text != IT and not FIGURE.fullmatch(s.text)]
    head = texts[0] if len(texts) > 1 else ""
    for t in texts[1:]:
        while head and not t.startswith(head):
            head = head[:-1]
    if len(head) >= SCOPE_MIN:
        return head
    named = [m for t in texts for m in env.index.match(Question(raw=t, text=t)) if m.score >= NAMED_FIT]
    return named[0].name if len({m.name for m in named}) == 1 else ""


SCOPE_MIN = 2  # characters a side's things share that scope the other side
NAMED_FIT = 100.0


def _merged(scope: str, said: str) -> str | None:
    """政府采购 + 采购总额 → 政府采购总额: the words the two share said once (none shared: no reading)."""
    k = max((k for k in range(1, len(said) + 1) if scope.endswith(said[:k])), default=0)
    return scope + said[k:] if k else None


def _generic(said: str, kinds: frozenset[str] | None = None) -> bool:
    """项目预算 / 合计 / 预算: words of the lexicon only, naming no thing of the document."""
    from assistant.query.cover import leftovers
    from assistant.tag import load_lexicon, tag

    tags = tag(said, (), load_lexicon())
    return said != IT and bool(tags) and not leftovers(said, tags) \
        and all(t.kind in (kinds or GENERIC_KINDS) or (t.kind, t.value) == VAGUE_MEASURE for t in tags)


GENERIC_KINDS = frozenset({"set", "operation", "function"})
DEPARTMENT_KINDS = frozenset({*GENERIC_KINDS, "measure"})  # the department's own columns and totals
VAGUE_MEASURE = ("measure", "amount")  # 预算 / 金额 say no column (人员经费 and 基本支出 are columns)


def _value(subjects: tuple[Subject, ...], n: int, env: Env) -> Value | None:
    """The figure of one thing of a side: a figure said (46.8万), 它 (the one just stated), or the
    thing read alone — or with the head of the thing before it (货物、工程、服务: 政府采购工程)."""
    from assistant.plan.heads import shared_words
    from assistant.plan.unsaid import _last_said
    from assistant.plan.values import value_of
    from assistant.query.model import Value

    said = subjects[n].text
    if (figure := FIGURE.fullmatch(said)) is not None:
        if figure.group(2) is None:
            return None  # a bare number says no unit: nothing to compare it with
        unit = "万元" if figure.group(2) == "万" else figure.group(2)
        return Value(label=f"所说的{said}", amount=float(figure.group(1)), unit=unit)
    if said == IT:
        said = _last_said(env) or ""
    found = value_of(said, env) if said else None
    if found is None and n > 0:
        found = shared_words(subjects, n, env, None)
    if found is None and len(subjects) == 1:
        return _total_of(said, env)  # 电商平台运维费的明细加起来: the total of what the thing lists
    return found[0] if found is not None else None


def _total_of(said: str, env: Env) -> Value | None:
    """The total an answer listing the thing's parts states (its one figure labelled 合计)."""
    from assistant.plan.values import TOTAL_LABEL, ask
    from assistant.query.model import Value

    answer = ask(f"{said}加起来多少", env).answer
    if answer is None or answer.status != "answered":
        return None
    totals = [v for v in answer.values if (v.label or "").endswith(TOTAL_LABEL)]
    if len(totals) != 1 or totals[0].unit not in TO_YUAN:
        return None
    return Value(label=totals[0].label or said, amount=totals[0].value, unit=totals[0].unit,
                 citations=tuple(answer.citations))


def _named(side: list[Value]) -> str:
    return side[0].label if len(side) == 1 else "、".join(v.label for v in side)
