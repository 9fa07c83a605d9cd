"""Choosing among the readings of a question: level by level, the first complete one.

The handlers each read the question their own way and name the evidence their reading has
(knowledge/readings.toml). Nothing is decided by that alone: a reading answers only when it is
*complete* — it runs, states the kind of quantity asked, speaks of the year asked, and the
coverage gate (query/gate.py) finds every word of the question consumed. Readings are judged
level by level, strongest first, in the handlers' declared order within a level; the first
complete reading of the strongest level that has one answers. Two complete readings of one
level that each state a single, different figure are not guessed between: the reply asks.

When no reading is complete, the reply is the first reading the gate would withhold (it says
what was understood and what was not), or the first refusal, or a note on the year or the kind
of quantity asked — never a figure of an incomplete reading.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.models import Answer, Intent, Match, Value
from assistant.ops import arith
from assistant.pipeline import checks
from assistant.pipeline.intents.tables_common import named_tables
from assistant.pipeline.match import MONEY_KINDS
from assistant.query.answered import TOTAL_LABEL, _totalled, operations
from assistant.query.conflict import conflict as _conflict
from assistant.query.conflict import may_conflict as _may_conflict
from assistant.query.evidence import readings
from assistant.query.model import Value as QValue

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

log = logging.getLogger(__name__)


class Judged(BaseModel):
    """One reading and what became of it (shown in the trace)."""

    model_config = ConfigDict(frozen=True)

    handler: str
    evidence: str
    verdict: str  # complete | refused | failed | or the name of the rule that rejected it


Reading = tuple[str, Intent]
Rule = Callable[["State", "Env", Intent, Answer], bool]


def _wrong_kind(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """多少人 answered with money: the figure of another kind of quantity."""
    asked = checks.quantity_asked(state.question.text)
    return bool(asked) and checks.wrong_kind(answer, asked[0])


MONEY_ASKED = re.compile(r"多少钱|花多少|花了多少|要花|花费多少|开销多少|费用多少|经费多少|"
                         r"资金多少|多少资金|金额多少|多少金额|价值(?:是|有|为|一共|总共|共)*多少|"
                         # 公车运行费多少: a 费 asked by 多少 is money, never a count of vehicles
                         r"费(?:用)?(?:是|有|为|一共|总共|共|预算|安排了?)*多少")


def _not_money(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """要花多少钱 answered with vehicles or square metres: a figure of another kind."""
    return bool(answer.values and MONEY_ASKED.search(state.question.text)
                and not any(v.unit in checks.MONEY_UNITS for v in answer.values))


def _other_year(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """Asked about 2025, the figures speak of no 2025: the document year's."""
    other = checks.foreign_years(state.question, env.runner.year)
    if not other or not answer.values or checks.speaks_of(answer.text, other, env.runner.year):
        return False
    # a reading that took the year asked may leave it unsaid — unless it says the document's own
    # year instead (2024年…是多少 answered "2025年…37,151.47")
    return not checks.year_aware(intent, other) or f"{env.runner.year}年" in answer.text


def _gate(state: State, env: Env) -> State:
    """The coverage gate on this reading (run once: the cover step keeps what it found)."""
    from assistant.query.gate import check

    return check(state, env).model_copy(update={"covered": True})


RANKED = r"(?:第\d+|最)(?:大|多|高|小|少|低)"
WHICH_RANKED = re.compile(rf"{RANKED}.{{0,4}}(?:哪|什么)|(?:哪|什么).{{0,6}}{RANKED}")


def _count_for_which(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """几个专项中第二大的是哪个 answered "共 4 个项目": which one is asked, never how many there are."""
    return bool(answer.values and WHICH_RANKED.search(state.question.text)
                and all(v.unit in ("个", "项") for v in answer.values))


def _other_code(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """30217公务接待费多少 answered from the “三公” paragraph: a code said names one line of a
    classification table, and a reading that neither prints that code nor cites that line speaks of
    another figure (in some documents the two differ)."""
    q = state.question
    if q is None or not q.codes or not answer.values:
        return False
    lines = [e for e in env.index.entries if e.code and e.code in q.codes]
    if not lines:
        return False  # a code no line of the document has: the readings say so themselves
    text = answer.text.replace(" ", "")
    # the tables the document lists (a paragraph that names the same line by its code is none)
    tables = {r["table_id"] for r in env.runner.run("report_tables")}
    printed = {(e.table_id, e.name) for e in lines if e.table_id in tables}
    return not any(e.code in text for e in lines) and not any(
        (c.table, name) in printed for c in answer.citations for name in {e.name for e in lines}
        if name in (c.row or ""))


CLASSIFIED = {"经济分类": "economic", "功能分类": "function"}


def _other_classification(state: State, env: Env, intent: Intent, answer: Answer) -> bool:
    """经济分类里的公务接待费: the classification said is where the figure is read — a line of it,
    which the answer names by its code — never a paragraph that names the same thing."""
    q = state.question
    said = [kind for word, kind in CLASSIFIED.items() if q is not None and word in q.text]
    if len(said) != 1 or len(answer.values) != 1 or not any(m.kind == said[0] for m in state.matches):
        return False  # no line of that classification named (经济分类里哪一类最多): a ranking's own
    text = answer.text.replace(" ", "")
    return not any(e.code and f"{e.code}" in text for e in env.index.kinds(said[0]))


REJECT: tuple[tuple[str, Rule], ...] = (
    ("other_code", _other_code),
    ("other_classification", _other_classification),
    ("wrong_kind", _wrong_kind),
    ("count_for_which", _count_for_which),
    ("not_money", _not_money),
    ("other_year", _other_year),
)
"""A reading's answer is rejected by the first rule that holds (cheapest first); a reading none
rejects is then "withheld" when the coverage gate finds words of the question it did not use."""


DATED = re.compile(r"(?:19|20)\d{2}年")
POINTED_BACK = re.compile(r"[这那](?:两|2|二|几|些)|它们|两者|二者|两项|两个")


def _summed(found: State, env: Env) -> State | None:
    """A reading that listed the parts (四个季度的用款计划) where 一共 was asked: their total, if
    that is all the gate missed. Parts of one unit and of one year only (never two years added)."""
    answer, q = found.answer, found.question
    if POINTED_BACK.search(found.raw):
        return None  # 这两个加起来: the figures of the turns before, not the parts this reading lists
    money = [v for v in answer.values if v.unit in checks.MONEY_UNITS]
    sum_words = operations()["operation.sum"]["only_words"]  # 一共, 合计 … (knowledge/operations.toml)
    if (len(money) < 2 or len(money) != len(answer.values) or len({v.unit for v in money}) > 1
            or not any(w in q.text for w in sum_words) or any(DATED.search(v.label) for v in money)
            or len({v.label for v in money}) < len(money) or any(TOTAL_LABEL.search(v.label) for v in money)):
        return None  # a total among them: columns of one line (合计, 中小企业, 小微企业), not parts
    if any(a != b and b.startswith(a) for a in (v.label for v in money) for b in (v.label for v in money)):
        return None  # 事业运行 and 事业运行一般公共预算: a whole and its part, never two things to add
    codes = {m.code for m in found.matches if m.code}
    if any(a != b and b.startswith(a) for a in codes for b in codes):
        return None  # 城乡社区管理事务的行政运行: a line and one under it, never added up
    money = _named_in(money, q.text)  # 货物和服务加起来: the figures of the things named, not their whole
    if money is None:
        return None
    parts = [QValue(label=v.label, amount=v.value, unit=v.unit) for v in money]
    figure, working = arith.total(parts)
    unit = money[0].unit
    labels = [v.label for v in money]
    head = _shared_start(labels)
    head = head[: head.rfind(" ") + 1]  # what all the labels share, up to a whole word
    said = (f"{head.strip()}的" if head.strip() else "") + "、".join(x[len(head):] for x in labels)
    text = (f"按“{said}的合计”理解：{arith.fmt(figure)} {unit}。"
            f"\n计算：{working}。\n{answer.text}")
    total = Value(value=figure, unit=unit, label="合计")
    summed = found.model_copy(update={"answer": answer.model_copy(update={
        "text": text, "values": [total, *answer.values]})})
    gated = _gate(summed, env)
    return gated if gated.answer is not None and gated.answer.status == "answered" else None


def _named_in(money: list[Value], text: str) -> list[Value] | None:
    """The figures of the things the question names side by side (货物和服务), when it names them;
    otherwise all, unless one is larger than all the others together (a whole stated beside its
    parts, 政府采购预算 beside 货物类: never added to them)."""
    if all(v.label in text for v in money):
        return money  # 住房公积金提租补贴购房补贴合计: each one named
    said = [p for p in re.split(r"和|与|及|、|加上", text.split("加")[0]) if len(p) >= NAME_MIN]
    named = [v for v in money if any(p[-NAME_MIN:] in v.label or v.label.rstrip("类") in p for p in said)]
    if len(said) >= 2:
        return named if len(named) >= 2 else None
    biggest = max(v.value for v in money)
    return None if biggest > sum(v.value for v in money) - biggest else money


NAME_MIN = 2  # characters of a thing named that say which figure is its


def _shared_start(labels: list[str]) -> str:
    first = labels[0]
    n = next((i for i, ch in enumerate(first) if any(len(x) <= i or x[i] != ch for x in labels)), len(first))
    return first[:n]


def _levels(state: State, env: Env) -> list[list[Reading]]:
    """The readings grouped by evidence level, strongest first; a level below the fallback floor
    only when it is the strongest there is."""
    found: list[Reading] = [(state.handler, state.intent), *state.alternatives]
    r = readings()
    floor = r.rank(r.fallback_floor)
    groups: dict[int, list[Reading]] = {}
    for reading in found:
        groups.setdefault(r.rank(reading[1].evidence), []).append(reading)
    ranks = sorted(groups)
    return [groups[k] for k in ranks if k <= floor or k == ranks[0]]


def choose(state: State, env: Env) -> State:
    judged: list[Judged] = []
    first: Answer | None = None
    held: State | None = None
    failures = 0
    for group in _levels(state, env):
        complete: list[State] = []
        for name, intent in group:
            if complete and not _may_conflict(complete[0]):
                break  # only one figure against another can conflict: a list or a text stands
            handler = next(h for h in env.handlers if h.name == name)
            try:
                answer = handler.answer(intent, state.question, env.runner)
            except Exception:
                log.exception("handler %s failed on %r", name, state.raw)
                failures += 1
                judged.append(Judged(handler=name, evidence=intent.evidence, verdict="failed"))
                continue
            if answer.status == "unanswerable":
                first = first or answer
                judged.append(Judged(handler=name, evidence=intent.evidence, verdict="refused"))
                continue
            found = state.model_copy(update={"answer": answer, "handler": name, "intent": intent})
            verdict = next((rule for rule, holds in REJECT if holds(found, env, intent, answer)), None)
            gated = _gate(found, env) if verdict is None else None
            if gated is not None and gated.answer is not None and gated.answer.status != "answered":
                verdict = "withheld"
            judged.append(Judged(handler=name, evidence=intent.evidence, verdict=verdict or "complete"))
            if verdict == "withheld" and (summed := _summed(found, env)) is not None:
                complete.append(summed)  # 四个季度…一共多少: the reading's own parts, added up
                judged[-1] = judged[-1].model_copy(update={"verdict": "complete (summed)"})
            elif verdict == "withheld":
                held = held or gated  # the gate's own reply: what was understood, what was not
            elif verdict is None and gated is not None:
                # 合计 said as a name of the document still asks to add the parts listed up
                complete.append(_summed(found, env) or gated if not _totalled(answer) else gated)
        if complete:
            chosen = complete[0].model_copy(update={"judged": tuple(judged)})
            conflict = _conflict(complete)
            return chosen.model_copy(update={"answer": conflict}) if conflict else chosen
    if failures == len(judged) and failures:
        raise RuntimeError("every reading failed")  # the service turns it into a calm reply
    if held is not None:
        return held.model_copy(update={"judged": tuple(judged)})
    return state.model_copy(update={"answer": _nothing_complete(state, env, first),
                                    "judged": tuple(judged)})


def _nothing_complete(state: State, env: Env, first: Answer | None) -> Answer | None:
    q = state.question
    other_years = checks.foreign_years(q, env.runner.year)
    if other_years and first is None:
        return Answer(status="unanswerable", text=checks.year_note(other_years, env.runner.year))
    asked = checks.quantity_asked(q.text)
    if asked:
        named = [Match(**d) for d in (state.intent.params.get("matches") or [])] if state.intent else []
        money = [m.name for m in [*named, *state.matches] if m.kind in MONEY_KINDS]
        return checks.quantity_answer(q, env, *asked, about=money[0] if money else None,
                                      tables=named_tables(state.matches))
    if first is None and MONEY_ASKED.search(q.text):
        # every reading stated something other than money (vehicles, square metres)
        return Answer(status="unanswerable", text=f"文件中没有找到“{q.text}”所问的金额，因此不给出数字。")
    return first or Answer(status="unanswerable", text=f"抱歉，文件中没有找到能回答“{q.text}”的内容。")
