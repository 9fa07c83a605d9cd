"""The understanding step for composed questions: tag → parse → plan → operate → compose.

A question that a composition rule (query/parse.py) reads completely — 除了 A 其他合计, A 是 B
的几倍, A 占 B 的比例, A 比 B 多多少, A、B 加起来 — or a follow-up that computes over the
conversation's results (dialogue/followup.py) is answered here from the values of its subjects.
Anything else (or a subject without exactly one figure) falls through to the single-figure
readings, untouched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.columns import of_the_line_before
from assistant.dialogue.followup import followup
from assistant.dialogue.kept_measure import measure_kept
from assistant.dialogue.picked import PICKED_AMOUNT, amount_of_picked, listed_part
from assistant.dialogue.than_it import than_it
from assistant.dialogue.than_last import than_last
from assistant.dialogue.units import it_stated, its_unit
from assistant.dialogue.which_sum import count_of_listed, which_sum
from assistant.models import Answer, Candidate, Match, Question
from assistant.ops.arith import OperationError
from assistant.plan.whole import Ambiguous, NotAPart
from assistant.query.apart import ANSWERED_APART
from assistant.query.average import average_answer
from assistant.query.compose import answer_for
from assistant.query.cover import leftovers
from assistant.query.led_by import led_by
from assistant.query.model import Query
from assistant.query.parse import RULES, WHOLE_RULES, parse_at
from assistant.query.plan import plan
from assistant.query.premise import premised
from assistant.query.share import COPULA_IT_RULE, COPULA_RULE
from assistant.tag import Lexicon, load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State
    from assistant.plan.planned import Planned


WITHIN_SAID = "其中"


def understand(state: State, env: Env) -> State:
    q = state.question
    if q is None:
        return state
    lex = load_lexicon()
    if env.depth > 0:  # a subject of a composed question: no composition inside, but a code is a code
        return _whole(state, q, env, lex)
    clauses = premised(q, env) or _clauses(q, env, lex)
    if clauses is not None:  # each clause was judged whole on its own, as its own question
        return state.model_copy(update={"answer": clauses, "covered": True})
    asked = which_sum(q, env, lex) or count_of_listed(q, env, lex)  # 加起来 after three / 一共几个
    if asked is not None:
        return state.model_copy(update={"answer": asked})
    names = tuple(m.span for m in env.index.match(q) if m.span is not None and m.score >= 100)
    found = parse_at(q.text, lex, names)
    query: Query | None = (followup(q, env, lex) or than_it(q, env) or than_last(q, env)
                           or amount_of_picked(q, env) or led_by(q, env)
                           or listed_part(q, env) or (found[1] if found else None))
    after = found[0] + 1 if found is not None and query is found[1] else None  # the rules after its
    if query is None:
        return state
    query = of_the_line_before(query, env) or query  # 行政运行 → 基本支出和项目支出分别多少
    query = measure_kept(its_unit(query, env), env)  # 占它的一般公共预算: the unit just asked about's
    query = it_stated(query, env) if query is not None else None  # 是公用经费的几倍: 它 is the last figure
    if query is None:
        return state
    # the question and the two turns before it: 本级一般公共预算 → 中心呢 → 本级比中心多多少 keeps
    # the fund the conversation is about (plan/values.py)
    env.composed = "".join([*(t.question for t in env.conv.turns[-2:]), q.text])
    if not query.given and query.op not in ("change", "series"):
        query = query.model_copy(update={"years": tuple(q.years)})  # the question's years hold for all
    if query.op == "average":  # answered as a mean or declined: never a total stated as a mean
        return state.model_copy(update={"answer": average_answer(query, env), "query": query})
    if query.op in ANSWERED_APART:  # answered whole by their own module, or left to the readings
        return _apart_then(state, q, query, env, names, RULES, after)
    try:
        planned = plan(query, q, env)
    except Ambiguous as two:  # 一般公共服务支出的基本支出占多少: of the line or of the column
        return state.model_copy(update={"answer": Answer(
            status="clarify", text=str(two),
            candidates=[Candidate(label=label, question=asked) for label, asked in two.options]),
            "query": query})
    except NotAPart as refused:  # 住房公积金占项目支出: the reason, and no figure
        query, planned = _as_percent(query, q, env)
        if planned is None and q.text.startswith(WITHIN_SAID) and query.op == "share":
            return state  # 其中给小微企业的占多少: a part the 说明 states of what was just asked
        if planned is None:
            return state.model_copy(update={"answer": Answer(status="unanswerable", text=str(refused)),
                                            "query": query})
    except OperationError:
        return _own_part(state, q, env, names, after)
    if planned is None:  # 群众体育比2022年执行数增加多少: no two figures, but a part of the document says it
        return _own_part(state, q, env, names, after)
    # the unit asked, in this question or kept from the turn before (多少万元 → 去年呢 → 差多少)
    last = env.conv.last
    asked_unit = q.unit_request or (last.unit if last is not None and query.from_context else None)
    answer: Answer = answer_for(query, planned, env, asked_unit)
    return state.model_copy(update={"answer": answer, "query": query})




def whole(state: State, env: Env) -> State:
    """A question of its own shape (2060404是什么, 住房公积金主要用于什么), as the context step
    completed it from the turn before (主要用于什么 → 住房公积金主要用于什么)."""
    q = state.question
    return _whole(state, q, env, load_lexicon()) if q is not None and state.answer is None else state


def _whole(state: State, q: Question, env: Env, lex: Lexicon) -> State:
    names = tuple(m.span for m in env.index.match(q) if m.span is not None and m.score >= 100)
    found = parse_at(q.text, lex, names, WHOLE_RULES)
    return _apart_then(state, q, found[1], env, names, WHOLE_RULES, found[0] + 1) if found else state


def _apart_then(state: State, q: Question, query: Query, env: Env, names: tuple[tuple[int, int], ...],
                rules: tuple, after: int | None) -> State:
    """The query answered apart; where its answer finds nothing (本局总预算 is no table's name),
    the next rule's reading of the question answered apart is tried, in the rules' order."""
    made = _apart(state, q, query, env)
    while made.answer is None and after is not None:
        found = parse_at(q.text, load_lexicon(), names, rules, after)
        if found is None:
            break
        after, nxt = found[0] + 1, found[1]
        if nxt.op in ANSWERED_APART:
            made = _apart(state, q, nxt.model_copy(update={"years": tuple(q.years)}), env)
    return made


def _apart(state: State, q: Question, query: Query, env: Env) -> State:
    """A question answered whole by its own module. A list of lines (a count, a ranking, a breakdown)
    is judged by the coverage gate as a reading is: withheld, it is no answer, and the question is
    left to the readings (and read again once the context step has completed it)."""
    from assistant.query.gate import AS_READING, check

    env.asked = q
    made = ANSWERED_APART[query.op](query, env)
    if made is None:
        # 工资福利里哪项最少 / 商务局本级 → 项目有几个: the context step may complete the question
        # (the total rule says itself when it waits for the context step: most questions it reads
        # are no total at all, and reading them again after that step would cost every question)
        env.deferred = env.deferred or (query.op in AS_READING and query.op not in DEFERS_ITSELF
                                        and env.depth == 0)
        return state
    found = state.model_copy(update={"answer": made, "query": query, "matches": _named(query, q, env, made),
                                     "question": _unit_kept(q, env)})
    if query.op not in AS_READING:
        return found
    if made.status != "answered":  # 说明里一共介绍了几个专项: a refusal of words not all understood is
        return state if leftovers(q.text, tag(q.text, env.index.match(q), load_lexicon())) else found
        # the readings' to answer (the 说明 may); a refusal of a question read whole stands
    judged = check(found, env)
    if judged.answer is None or judged.answer.status != "answered":
        env.deferred = env.deferred or env.depth == 0  # 工资福利里哪项最少: a name the context completes
        return state
    return judged.model_copy(update={"covered": True})


DEFERS_ITSELF = frozenset({"total"})


def _unit_kept(q: Question, env: Env) -> Question:
    """多少万元 → 去年执行数呢 (answered here, before the context step): the unit asked still holds
    for the turns after it, as the context step keeps it for the follow-ups it completes."""
    from assistant.pipeline.context import is_followup

    last = env.conv.last
    if q.unit_request is not None or last is None or not last.unit or last.status != "answered":
        return q
    return q.model_copy(update={"unit_request": last.unit}) if is_followup(q, env) else q


# rules that read a part of the document of their own, tried when a composition finds no figures
OWN_PARTS = frozenset({"executed"})


def _own_part(state: State, q: Question, env: Env, names: tuple[tuple[int, int], ...],
              after: int | None) -> State:
    found = parse_at(q.text, load_lexicon(), names, RULES, after) if after is not None else None
    while found is not None and found[1].op not in OWN_PARTS:
        found = parse_at(q.text, load_lexicon(), names, RULES, found[0] + 1)
    return _apart(state, q, found[1].model_copy(update={"years": tuple(q.years)}), env) if found else state


def _named(query: Query, q: Question, env: Env, made: Answer) -> tuple[Match, ...]:
    """The lines the subjects name in full: what the answer was about, for the turn after it
    (2060404是什么 → 安排了多少); with no subjects, the lines named that the answer speaks of
    (城管执法2022年执行数多少 → 那行政运行呢)."""
    from assistant.pipeline.match import KIND_PRIORITY

    spans = [s.span for s in query.subjects]
    named = [m for m in env.index.match(q) if m.score >= 100 and m.span is not None
             and (any(a <= m.span[0] and m.span[1] <= b for a, b in spans)
                  or (not spans and m.name in made.text))]
    # one line per span: a project and its form's detail line of the same name are one thing
    rank = {k: i for i, k in enumerate(KIND_PRIORITY)}
    best: dict[tuple[int, int] | None, Match] = {}
    for m in sorted(named, key=lambda m: rank.get(m.kind, len(rank))):
        best.setdefault(m.span, m)
    return tuple(best.values())


def _as_percent(query: Query, q: Question, env: Env) -> tuple[Query, Planned | None]:
    """三公经费是机关运行经费的百分之几: said with 是/相当于, a share of a thing that is no part of
    the other is still asked — the one figure over the other, in per cent."""
    if query.rule == COPULA_IT_RULE and len(query.subjects) == 1:  # 职业年金是它的百分之几
        from assistant.plan.unsaid import _last_said
        from assistant.query.model import Subject

        if (last := _last_said(env)) is not None:
            query = query.model_copy(update={"subjects": (*query.subjects, Subject(text=last, span=(0, 0)))})
    if query.rule not in (COPULA_RULE, COPULA_IT_RULE) or len(query.subjects) != 2:
        return query, None
    percent = query.model_copy(update={"op": "percent"})
    try:
        return percent, plan(percent, q, env)
    except OperationError:
        return query, None


def _bare_name(text: str, env: Env, lex: Lexicon) -> bool:
    """A clause that is nothing but a name the catalogue knows (培训费): said as a follow-up."""
    from assistant.pipeline.normalise import normalise

    q = normalise(text, env.k, env.runner.year)
    found = [m for m in env.index.match(q) if m.score >= 100]
    return bool(found) and not leftovers(q.text, tag(q.text, found, lex))


# (一共多少比去年少多少: a pause the normalised text lost, before a comparison with a year)
CLAUSE_BREAK = re.compile(r"[,，;；?？]+|(?<=多少)(?=(?:比|较|跟|和|与)(?:上年|去年|\d{4}年|今年)"
                          r"\w*(?:多|少|增|减|涨|降))")
BY_HOW_MUCH = re.compile(r"(?:差|相差|多|少|差了|多了|少了)(?:多少|几)(?:钱|万元|元)?")
CHANGED = re.compile(r"增加|减少|持平")
# a clause that is a question
ASKING = re.compile(r"多少|多大|多高|多长|多久|几|什么|啥|哪|吗|呢|怎么|为什么|是否|有没有|还是")
POINTS_BACK = re.compile(r"这块|那块|这一块|这部分|这项|这笔|这个|该项|它|其")  # at the first clause's thing


def _clauses(q: Question, env: Env, lex: Lexicon) -> Answer | None:
    """A 2025 年是多少，今年涨了多少: a question and a follow-up said in one breath. The first clause
    is asked, the second asked after it in the same conversation; both must be answered."""
    parts = [p for p in CLAUSE_BREAK.split(q.text) if p.strip()]
    said = [p for p in CLAUSE_BREAK.split(q.raw) if p.strip()]
    # 培训费呢，三项加起来: a first clause said as a follow-up asks too
    follows = len(said) == 2 and bool(env.conv.turns) and (
        said[0].rstrip("?？!！。 ").endswith("呢") or _bare_name(parts[0], env, lex))  # 培训费，三项合计
    if len(parts) != 2 or (env.conv.turns and env.depth) or not (ASKING.search(parts[0]) or follows):
        return None  # 科技研究与开发资金的明细里，哪一项最多: the first part asks nothing of its own
    second = parts[1]
    tags = tag(second, (), lex)
    # 网络安全运营服务费多少，绩效评价费呢: a second thing asked the same way, said as a follow-up
    asked_after = len(said) == 2 and said[1].rstrip("?？!！。 ").endswith("呢")
    asked_after = asked_after or second.startswith("其中")  # 有几辆车，其中一般公务用车几辆: of the first
    # …or only asks its figure (是什么科目，安排了多少): the thing the first clause named
    asks = any(t.kind == "operation" for t in tags) or any(w in second for w in ("多少", "几", "什么", "哪"))
    if not asks and not asked_after:
        return None  # the second clause asks nothing: one question said with a pause
    # 一共有几辆车，执法执勤用车几辆: a second clause naming a thing of its own is a question of its own,
    # unless it points back at the first (机关运行经费指的是什么？今年这块预算是多少)
    bare = re.sub(r"(?:19|20)\d{2}年度?", "", second)  # 比2023年多多少: a year is no name of its own
    own = not asked_after and not POINTS_BACK.search(second) and bool(leftovers(bare, tag(bare, (), lex)))
    from assistant.pipeline.base import Conversation
    from assistant.pipeline.recorded import turn_of
    from assistant.plan.values import ask

    # 科学事务管理支出呢，三项加起来: the first clause may follow the turns before, the second counts them
    conv = Conversation(turns=list(env.conv.turns))
    first = ask(parts[0], env, conv, compose=True)
    if first.answer is None or first.answer.status != "answered":
        return None  # 2060404是什么科目，安排了多少: a first clause answered in words is asked after too
    if BY_HOW_MUCH.fullmatch(second) and first.answer.values and CHANGED.search(first.answer.text):
        return first.answer  # 比去年多了还是少了，差多少: the change stated says by how much
    conv.turns.append(turn_of(first, first.answer, env.runner.year))
    then = ask(second, env, Conversation() if own else conv, compose=True)
    retried = own and "几" in second and (then.answer is None or then.answer.status != "answered")
    if retried:
        then = ask(second, env, conv, compose=True)  # 一共多少，按几个项目算的: of the first after all
    if then.answer is None or then.answer.status != "answered":
        return None
    if then.answer.text == first.answer.text:
        return first.answer  # one statement answers both clauses: said once
    if retried and {(v.label, v.value) for v in then.answer.values} <= \
            {(v.label, v.value) for v in first.answer.values}:
        return None  # the first figure said again answers nothing asked after it
    a, b = first.answer, then.answer
    if then.query is not None and then.query.rule == PICKED_AMOUNT:
        return None  # 最少的是哪个，多少钱: the ranking states its figure, nothing is said twice
    # 有几项，哪项最多: the list a 第二呢 after it counts in is the ranking's
    again = {(v.label, v.value, v.unit) for v in a.values}  # (加起来 after a list: its parts once)
    return Answer(status="answered", text=f"{a.text}\n{b.text}",
                  values=[*a.values, *(v for v in b.values if (v.label, v.value, v.unit) not in again)],
                  citations=[*a.citations, *b.citations], table=b.table or a.table)

