"""Follow-ups that change what is asked about: another unit (本级人员经费多少 → 那中心呢 / 换成中心呢),
the same question of it — the measure, year and fund said before still hold; another project
named by the end of its name (扶持资金呢)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core, _strip
from assistant.models import Match, Question
from assistant.pipeline.base import Turn
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

SWITCH_WORDS = ("换成", "换到", "改成", "换", "改为")  # 换成中心呢: the unit is swapped, nothing else


def unit_swapped(text: str, prev: str, own: list[Match], last: Turn, env: Env) -> str | None:
    """The question before, of the unit the follow-up names (in place of the unit it named, or
    ahead of it when it named none — the department's figure becomes the unit's)."""
    units = [m for m in own if m.kind == "unit"]
    if len(units) != 1 or len({m.entity_id for m in own}) != 1:
        return None
    unit = units[0]
    said = text[unit.span[0]: unit.span[1]] if unit.span else unit.alias
    rest = _strip(text, (said, unit.alias, *SWITCH_WORDS)).lstrip("的")
    if _core(rest, env):  # 中心的项目呢: another column of it too, else something of its own
        from assistant.dialogue.slots import _switch_measure

        prev = _switch_measure(rest, prev, [], env) or ""
        if not prev:
            return None
    before = [e for e in last.entities if e.kind == "unit" and e.span]
    if any(e.entity_id == unit.entity_id for e in before):
        return None
    if before:
        start, end = before[0].span  # type: ignore[misc]
        return prev[:start] + unit.name + prev[end:]
    # 住房公积金多少 → 中心的呢: the line of that unit, asked in full (no table divides it so:
    # the reading says that, never the unit's whole figure)
    return f"{unit.name}的{prev}"


def unit_kept(text: str, own: list[Match], last: Turn, env: Env) -> str | None:
    """招商服务中心 → 一般公共预算多少: a fund named right after one unit is that unit's fund (as
    行政运行 → 基本支出多少 is that line's column), never the department's whole fund."""
    ids = {m.entity_id for m in last.entities}
    # (a source of income named, 一般公共预算拨款呢 / 事业收入呢: the unit's, as its income row prints it)
    sources = {m.span for m in own if _source(m, env)}
    if len(ids) != 1 or last.entities[0].kind != "unit" or not own or any(
            m.kind != "table" and m.span not in sources for m in own):
        return None
    keep = [True] * len(text)
    for m in own:  # the words the table was found by (一般公共预算 of 一般公共预算支出)
        a, b = m.span or (0, 0)
        keep[a:b] = [False] * (b - a)
    rest = "".join(ch for ch, kept in zip(text, keep, strict=True) if kept)
    if _core(rest, env) or last.entities[0].name in text:
        return None
    return f"{last.entities[0].name}{scoped(last.question, text)}"


def _source(m: Match, env: Env) -> bool:
    """A summary line that names a fund or a source of income (一般公共预算拨款, 事业收入)."""
    from assistant.tag import said_as

    return m.kind == "summary" and any(t.start == 0 for t in said_as(m.name, "measure", "fund"))


ASKED_TAIL = re.compile(r"(?:是|有|为)?(?:多少|几)?(?:钱|万元|元)?[呢吗]?[?？。]*$")


def scoped(prev: str, text: str) -> str:
    """The follow-up said with the column before it and the fund after it (招商服务中心 + 基本支出 +
    一般公共预算, as 预算06表 prints a unit's fund by column), whichever of them it does not say."""
    kept = carried_scope(prev, text)
    fund = next((f for f in _funds() if kept.startswith(f)), "")
    return f"{kept.removeprefix(fund)}{ASKED_TAIL.sub('', text.removeprefix('其中'))}{fund}多少"


def _funds() -> tuple[str, ...]:
    from assistant.plan.columns import columns_fund, wholes

    return (columns_fund(), *wholes()["sources"])


def carried_scope(prev: str, text: str) -> str:
    """商务局本级一般公共预算多少 → 项目支出呢: the fund said before holds for the column asked now
    (一般公共预算项目支出); 招商服务中心项目支出多少 → 其中一般公共预算: the column said before holds
    for the fund asked now — unless the follow-up says one of its own kind."""
    from assistant.plan.columns import column
    from assistant.tag import load_lexicon, tag

    funds = _funds()
    kept = "" if any(f in text for f in funds) else next((f for f in funds if f in prev), "")
    said = [t.text for t in tag(text, (), load_lexicon()) if column(t.text) is not None]
    cols = [t.text for t in tag(prev, (), load_lexicon()) if column(t.text) is not None]
    if not said and len(set(cols)) == 1:
        kept += cols[0]
    return kept


def fund_of_column(text: str, own: list[Match], last: Turn, env: Env) -> str | None:
    """基本支出多少 → 其中一般公共预算多少: the fund's share of the column just asked (一般公共预算
    基本支出), never the fund's whole spending."""
    from assistant.plan.columns import column
    from assistant.tag import load_lexicon, tag

    if not text.startswith("其中") or not own or any(m.kind not in ("table", "summary") for m in own):
        return None  # a fund's table, or its 拨款 line of the summary tables
    cols = {t.text for t in tag(last.question, (), load_lexicon()) if column(t.text) is not None}
    spans = sorted({m.span for m in own if m.span})
    if len(cols) != 1 or len(spans) != 1:
        return None
    a, b = spans[0]
    if _core(text[:a].removeprefix("其中") + text[b:], env):
        return None  # something besides the fund is named
    fund = text[max(a, len("其中")):b]
    return f"{fund}{cols.pop()}{text[b:]}"


TAIL_MIN = 4  # characters of a project's name, said from its end, that may name it (扶持资金)


def project_by_tail(named: str, env: Env) -> str | None:
    """扶持资金呢 after a project's question: the one project of the catalogue whose name ends so
    (商贸流通企业扶持资金); None when none or several do."""
    if len(named) < TAIL_MIN:
        return None
    names = {e.name for e in env.index.kinds("project") if e.name.endswith(named)}
    return next(iter(names)) if len(names) == 1 else None


PART_MIN, PART_MAX = 2, 4  # characters of a part said alone in place of a parallel one


def parallel_part(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """公务用车运行费多少 → 购置费呢: the part said replaces the part of the same length and ending in
    the question before (运行费 → 购置费), when that names a line the document has."""
    from assistant.models import Question

    word = re.sub(r"^(?:那么|那)|的?呢?[?？。!！\s]*$", "", text)
    if own or not PART_MIN <= len(word) <= PART_MAX or word in prev:
        return None
    n = len(word)
    for at in range(len(prev) - n, 0, -1):
        if prev[at + n - 1] != word[-1] or prev[at: at + n] == word:
            continue
        new = prev[:at] + word + prev[at + n:]
        named = [m for m in env.index.match(Question(text=new, raw=new)) if m.score >= 100 and m.span]
        if any(m.span[0] < at + n and at < m.span[1] and m.span[1] - m.span[0] > n for m in named):
            return new
        return None
    return None


def self_contained(q: Question, env: Env) -> bool:
    """Questions about the whole budget or a whole set need no entity from before."""
    k = env.k
    if k.has("share", q.text) and not any(w in q.text.split("占")[0] for w in k.measures):
        return False  # 占总预算的比例: the share of what was asked before
    if k.has("total", q.text):
        return True
    from assistant.tag import load_lexicon

    if load_lexicon().words.get(_core(q.text, env)) in ABOUT_DEPARTMENT:
        return True  # 主要职能是什么 / 机构设置呢: about the department itself, not a follow-up
    has_set = any(s in q.text for s in k.sets)
    groups = ("count", "ranking", "ranking_max", "ranking_min", "breakdown")
    return has_set and any(k.has(g, q.text) for g in groups) and not _projects_of_a_unit(q, env)


def _projects_of_a_unit(q: Question, env: Env) -> bool:
    """招商服务中心 → 有几个项目 / 项目有哪些: the projects of the unit just asked about, as when
    said in one question (招商服务中心有几个项目), never every project of the department."""
    last = env.conv.last
    if last is None or last.status != "answered" or not last.entities:
        return False
    one_unit = len({m.entity_id for m in last.entities}) == 1 and last.entities[0].kind == "unit"
    projects = [w for w, (_, kind) in env.k.sets.items() if kind == "project"]
    return one_unit and any(w in q.text for w in projects)


ABOUT_DEPARTMENT = frozenset({("measure", "function"), ("measure", "organisation")})


OF_IT = re.compile(r"^(?:它的|该单位的|这个单位的)")  # 占它的一般公共预算: the thing just asked about's


def its_unit(query: Query, env: Env) -> Query | None:
    """招商服务中心项目支出多少 → 占它的一般公共预算多少: 它 is the unit the question before named —
    the whole is that unit's 一般公共预算, never the department's."""
    owner = _owner_said_first(query, env)
    if owner is not None:
        return owner
    last = env.conv.last_answered()
    units = [m.name for m in last.entities if m.kind == "unit"] if last is not None else []
    said = [s for s in query.subjects if OF_IT.match(s.text)]
    if not said:
        return query
    if len(set(units)) != 1:
        return None  # whose? no unit said before: not read as a composed question
    subjects = tuple(s.model_copy(update={"text": OF_IT.sub(f"{units[0]}的", s.text)}) if s in said else s
                     for s in query.subjects)
    return query.model_copy(update={"subjects": subjects})


OF_ITS = re.compile(r"^(?:其|它的?)(?=\S)")  # 招商服务中心的公用经费占其基本支出: 其 is the unit said first


def _owner_said_first(query: Query, env: Env) -> Query | None:
    """A later subject said with 其 belongs to the unit the first subject begins with; with no such
    unit there is no owner to read it by (None: the query is read as it is)."""
    from assistant.models import Question

    if len(query.subjects) < 2 or not any(OF_ITS.match(s.text) for s in query.subjects[1:]):
        return None
    first = query.subjects[0].text
    units = [m for m in env.index.match(Question(raw=first, text=first))
             if m.kind == "unit" and m.span is not None and m.span[0] == 0]
    if len({m.entity_id for m in units}) != 1:
        return None
    owner = first[: units[0].span[1] if units[0].span else 0]
    subjects = tuple(s.model_copy(update={"text": OF_ITS.sub(f"{owner}的", s.text)})
                     if i and OF_ITS.match(s.text) else s for i, s in enumerate(query.subjects))
    return query.model_copy(update={"subjects": subjects})


def it_stated(query: Query, env: Env) -> Query | None:
    """行政运行多少 → 是公用经费的几倍: 它 is the one thing the last answer stated a figure for; with
    no such figure the question is not read as a composed one (None)."""
    from assistant.plan.unsaid import _last_said

    pointed = [i for i, s in enumerate(query.subjects) if s.text in POINTING_WORDS]
    if query.op not in POINTED_OPS or len(pointed) != 1 or len(query.subjects) != 2:
        return query  # (购房补贴比它多多少: 它 is one of two things compared)
    said = _last_said(env)
    if said is None:
        return None
    at = pointed[0]
    if said == query.subjects[1 - at].text:
        return None  # 它 is the other thing itself: nothing to compare it with
    subjects = list(query.subjects)
    subjects[at] = subjects[at].model_copy(update={"text": said})
    return query.model_copy(update={"subjects": tuple(subjects)})


POINTING_WORDS = frozenset({"它", "它的", "这个", "这项", "这一项", "该项", "这笔"})
POINTED_OPS = frozenset({"ratio", "diff", "sum"})


def child_of_column(text: str, own: list[Match], last: Turn) -> str | None:
    """城乡社区支出项目支出多少 → 其中城乡社区管理事务: the line under it, in the column asked before
    (城乡社区管理事务项目支出) — never that line's whole figure."""
    if not text.startswith("其中") or len({m.entity_id for m in own}) != 1 or last.status != "answered":
        return None
    child = own[0]
    parents = [e for e in last.entities if e.code and child.code and e.kind == child.kind
               and child.code != e.code and child.code.startswith(e.code)]
    scope = carried_scope(last.question, text)
    return f"{child.name}{scope}" if parents and scope else None
