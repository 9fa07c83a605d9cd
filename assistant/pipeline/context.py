"""Follow-up questions, resolved against the conversation by rewriting them into full questions.
"那去年呢" after "<某项目>今年预算多少" becomes "<某项目><上一年>年预算多少", then read as any question
(the trace shows it). Kinds: another year, another measure or field of one entity (其中人员经费呢, 电话呢),
item N of the last list (第二个呢), share/difference of the last figure (占比多少, 比2025年多了多少),
a new entity of the same kind (公务员医疗补助占多少), another column (其中人员经费呢 -> 公用经费呢 keeps
基本支出), the last two answers together (两者合计, 差多少); 这个项目 with nothing before it is asked back.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import TYPE_CHECKING

from assistant.dialogue.after_refusal import keep_declined_year
from assistant.dialogue.columns import wholly_in_column
from assistant.dialogue.composed import (
    _COMPARED,
    _change_of_total,
    _in_the_whole,
    _nth_by_amount,
    _rate_of_a_change,
    _scoped_it,
    _sum_share,
    _sum_with,
    _swap_part,
    _switch_fund,
    _switch_rank,
    _umbrella_sum,
)
from assistant.dialogue.followup import COMPARED_ONLY
from assistant.dialogue.picked import answered_item as _answered_item
from assistant.dialogue.picked import listed, listing_turn, no_such_item, nth_named, picked_option, shown
from assistant.dialogue.picked import nth_of_ranking as _nth_again
from assistant.dialogue.sibling import sibling
from assistant.dialogue.sides import joined_part, switch_kind, switch_side
from assistant.dialogue.slots import (
    OWN_NAME_MIN,
    _column_kept,
    _column_of_a_sum,
    _core,
    _own_name,
    _pair,
    _short_own,
    _switch_column,
    _switch_measure,
    _switch_parallel,
    _switch_period,
    headless_or_thing,
)
from assistant.dialogue.units import (
    carried_scope,
    child_of_column,
    fund_of_column,
    parallel_part,
    project_by_tail,
    scoped,
    self_contained,
    unit_kept,
    unit_swapped,
)
from assistant.dialogue.unreferred import (
    _MEANINGFUL,
    _ORDINAL,
    _bare_after_a_miss,
    _no_context,
    _nothing_to_add,
    _pair_after_a_miss,
    _projects,
    ordinal_rest,
)
from assistant.models import Answer, Match, Question
from assistant.pipeline.base import Turn
from assistant.pipeline.intents.forms_parts import by_part
from assistant.pipeline.normalise import normalise
from assistant.pipeline.people import known_person, unknown_person

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
INSIDE = "其中"  # 其中X呢: X is a part of what was just asked, never another thing of its kind
_ASKING_TAIL = re.compile(r"(?:一共|总共|合计|共计|总计|共)?(?:是|有|为)?(?:多少|几)(?:钱|万元|元)?[呢吗]?[?？。]*$")  # noqa: E501
# …呢 / 项目支出部分 (the part of what was just asked; 第三部分 is a part of the document)
_TRAILING_PARTICLE = re.compile(r"(?:[呢吧啊呀]|(?<![第一二三四五六七八九十\d])部分)\s*[?？!！。.]*\s*$")


# set when a follow-up was filled in from its slots into a question that may be a composed one
# (the understanding step reads it again: pipeline/steps.context); a glued follow-up is not
RECOMPOSE: ContextVar[bool] = ContextVar("RECOMPOSE", default=False)


def _recompose(q: Question, text: str, env: Env) -> Question:
    RECOMPOSE.set(True)
    return _rewrite(q, text, env)


def _rewrite(q: Question, text: str, env: Env) -> Question:
    new = normalise(text, env.k, env.runner.year)
    if len(q.years) == 1 and q.years[0] not in new.years:  # 去年这个项目多少: the year said stays said
        new = normalise(f"{q.years[0]}年" + _YEAR.sub("", text), env.k, env.runner.year)
    last = env.conv.last  # 换成万元 → 购房补贴呢: the unit asked for holds until another is said
    unit = new.unit_request or (last.unit if last is not None and last.status == "answered" else None)
    return new.model_copy(update={"raw": q.raw, "unit_request": unit})


FIGURE_ASKED = re.compile(r"多少|几")
# a question asked of a thing or in words (哪个项目钱最多 / 是什么意思 → 它去年多少 asks its figure,
# no year switched in the question before)
WORDS_ASKED = re.compile(r"哪|是什么|什么意思|指的是|指什么|含义|定义|为什么|为啥|干什么|用途|用于")
_LAST_ITEM = re.compile(r"最后(?:一|1)?(?:个|项|名|条|笔)|倒数第(?:一|1)(?:个|项|名)?")


def is_followup(q: Question, env: Env) -> bool:
    """The question reads as a follow-up (那…/…呢/a few words): for the steps after this one."""
    return not self_contained(q, env) and _is_followup(q, [], env)


def _is_followup(q: Question, own: list[Match], env: Env) -> bool:
    words = env.k.words
    marker = any(q.text.startswith(w) for w in words.get("followup", ()))
    return marker or bool(_TRAILING_PARTICLE.search(q.raw)) or len(_core(q.text, env)) <= 4


SWAPPABLE = frozenset({"project"})  # the kinds a follow-up's own name replaces


def resolve(q: Question | None, env: Env) -> tuple[Question | None, str | None, Answer | None]:
    new, source, answer = _resolve(q, env)
    if q is not None and new is not None and source is not None and not q.years:
        new = keep_declined_year(new, q, env, _rewrite)
    return new, source, answer


def _resolve(q: Question | None, env: Env) -> tuple[Question | None, str | None, Answer | None]:
    if q is None:
        return q, None, None
    picked = picked_option(q, env, _rewrite)
    if picked is not None:
        return picked
    if not _MEANINGFUL.search(q.text):
        return q, None, None  # '<b>', '😀': no word or number to carry a follow-up
    people = env.facts.get("people", ())
    if known_person(q.text, people) or unknown_person(q.text, people, _projects(env)):
        return q, None, None  # 周丽琴的电话 / 张伟的电话: a named person resets the subject
    # A measure word (人员经费, 公用经费) is a column of the previous line, not a new entity.
    own = [m for m in env.index.match(q) if m.alias not in env.k.measures]
    if not own and (short := _short_own(q, env)):
        # 住房保障呢 / 聘用人员的满意度呢: read with the line's whole name, as if typed in full
        q = _rewrite(q, q.text.replace(short[0].alias, short[0].name, 1), env)
        own = [m for m in env.index.match(q) if m.alias not in env.k.measures]
    if (missed := _pair_after_a_miss(q, own, env) or _bare_after_a_miss(q, own, env)) is not None:
        return q, None, missed
    latest = env.conv.last
    if latest is not None and latest.status == "unanswerable" \
            and (swapped := _swap_part(q.text, latest.question, own, env, raw=q.raw)) is not None:
        # 住房公积金比去年减少百分之几 (not printed) → 购房补贴呢: the same question of the new
        # thing, never its bare amount
        return _recompose(q, swapped, env), latest.question, None
    answered = [t for t in env.conv.turns if t.status == "answered"]
    last: Turn | None = answered[-1] if answered else None
    if last is None:
        return q, None, _no_context(q, own, env)
    prev, text = last.question, q.text
    m, lister = _ORDINAL.search(text), listing_turn(answered) or last  # 第二个呢: a rank, or item N of a list
    if m and not own and not ordinal_rest(text, env).strip("大多高小少低"):
        n = int(m.group(1))
        was = _ORDINAL.search(prev)  # (its 个 kept: 第2 alone is a rank by amount)
        again = f"{prev[:was.start(1)]}{n}{prev[was.end(1):]}" if was else _nth_again(n, lister)
        if again is not None:  # 第二个呢 → 第三个呢 / 最多的项级科目 → 第二呢: the ranking at place N
            return _rewrite(q, again, env), prev, None
        if (ranked := _nth_by_amount(text[m.end():], n, lister)) is not None:  # 第二大呢: by amount
            return _rewrite(q, f"{ranked}多少", env), prev, None
        items = listed(lister)  # a list's rows, or the figures it stated one by one (its total aside)
        if 0 < n <= len(items):
            return _rewrite(q, f"{items[n - 1]}多少", env), prev, None
        if items and n > len(items):  # 第九个 of eight: never the list's total instead
            return q, None, no_such_item(n, len(items))
    if (nth := nth_named(q, own, env)) is not None:  # 第一个比去年多了多少: the first thing asked
        return _recompose(q, nth, env), prev, None
    if _LAST_ITEM.search(text) and not own and lister.items and not _core(_LAST_ITEM.sub("", text), env):
        return _rewrite(q, f"{shown(lister)[-1]}多少", env), prev, None  # 最后一项呢
    if not own and (ranked := _switch_rank(text, prev, env)) is not None:  # 最多 → 最少呢
        return _rewrite(q, ranked, env), prev, None
    if (period := _switch_period(text, prev, own, env)) is not None:  # 第二季度呢
        return _rewrite(q, period, env), prev, None
    # 那去年呢 / 2025年呢: the same question for another year.
    if q.years and not own and COMPARED_ONLY.fullmatch(text.rstrip("?？。 ")):
        # 比上年呢: the change over that year, as the document states it (never that year's figure)
        bare = not re.search(r"[多少增减涨降长化]", text)  # 比上年呢 / 和去年比: how it changed, asked
        said = f"比{q.years[0]}年增减多少" if bare else text
        return _rewrite(q, f"{_ASKING_TAIL.sub('', _YEAR.sub('', prev))}{said}", env), prev, None
    if q.years and not own and not _core(text, env) and not (FIGURE_ASKED.search(text) and
                                                         WORDS_ASKED.search(prev)):
        year = f"{q.years[0]}年"  # (今年它安排了多少 after 是什么意思: a figure asked, no year switched)
        compared = _COMPARED.search(prev)
        if compared and compared.group(1).strip():
            # 机关运行经费比去年增加多少 → 那去年是多少: that year's figure of the thing compared,
            # never the comparison again
            new = f"{year}{_YEAR.sub('', compared.group(1)).strip()}是多少"
        else:
            new = _YEAR.sub(year, prev, count=1) if _YEAR.search(prev) else f"{year}{prev}"
        return _rewrite(q, new, env), prev, None
    if (rate := _rate_of_a_change(text, prev, own, env)) is not None:  # X比去年增加多少 → 增长百分之几
        return _recompose(q, rate, env), prev, None  # (before the slots: 下降幅度 names no new thing)
    # 一般公共预算呢 after 政府性基金项目支出多少; 其中基本支出呢 after A和B加起来; 其中城乡社区支出呢
    slot = (_umbrella_sum(text, answered) or _sum_share(text, answered) or _sum_with(text, last)
            or _scoped_it(text, last) or _change_of_total(text, last, own)
            or joined_part(text, prev, own, env) or _in_the_whole(text, last, own)
            or _switch_fund(text, prev, env) or switch_kind(text, prev, own, env)
            or _swap_part(text, prev, own, env, last, q.raw)
            or _column_of_a_sum(text, prev, own, env)
            or _column_kept(text, prev, own, last, env) or unit_swapped(text, prev, own, last, env)
            or parallel_part(text, prev, own, env) or unit_kept(text, own, last, env)
            or child_of_column(text, own, last)
            or fund_of_column(text, own, last, env))
    if slot is not None:
        return _recompose(q, slot, env), prev, None
    if not last.entities and (switched := _switch_measure(text, prev, own, env)) is not None:
        # 基本支出占多少 → 项目支出呢: a composed answer keeps no entity, but its question's column
        # is what the follow-up replaces (the operation stays)
        return _recompose(q, switched, env), prev, None
    picked_item = _answered_item(q, own, last, env)
    if picked_item is not None:
        return _rewrite(q, picked_item, env), prev, None
    with_entities = env.conv.last_answered()
    if with_entities is None:
        return q, None, _no_context(q, own, env)
    if not own and env.k.has("self_refs", text):
        return q, None, None  # 本部门有几辆车: about the department, not the last entity
    last, prev = with_entities, with_entities.question
    names = list(dict.fromkeys(m.name for m in last.entities))
    if not own and wholly_in_column(text, last, env):  # 工资福利支出 → 人员经费多少: the department's
        return q, prev, None
    # 其中人员经费呢 / 公用经费呢: another column of the line asked before.
    switched = (_switch_measure(text, prev, own, env) or _switch_column(text, prev, own, env)
                or switch_side(text, prev, own, env) or _switch_parallel(text, prev, own, env))
    if switched is not None:
        return _rewrite(q, switched, env), prev, None
    # 两者合计 / 加起来多少 / 差多少: the figures of the last two answers.
    pair = _pair(text, own, env)
    if pair is not None:
        return _rewrite(q, pair, env), prev, None
    if (alone := _nothing_to_add(text, own, env)) is not None:
        return q, None, alone
    # 公务员医疗补助占多少 after 卫生健康支出多少: the share within the previous entity.
    explicit_whole = any(w in text for w in ("总", *env.k.measures))
    if own and env.k.has("share", text) and len(own) == 1 and own[0].name not in names and not explicit_whole:
        return _rewrite(q, f"{own[0].name}占{names[0]}多少", env), prev, None
    # 一般行政管理事务呢 after 行政运行人员经费多少: same question, new entity of the same kind.
    if own and len(own) == 1 and not _core(text.replace(own[0].alias, ""), env):
        same = sorted((e for e in last.entities if e.kind == own[0].kind and e.span),  # its level's first
                      key=lambda e: abs(len(e.code or "") - len(own[0].code or "")))
        if same and _TRAILING_PARTICLE.search(q.raw):
            s, e = same[0].span
            return _rewrite(q, prev[:s] + own[0].name + prev[e:], env), prev, None
    # 其中人员经费呢 / 电话呢 / 占比多少 / 比2025年多了多少: same entity, something else about it.
    if not own and not self_contained(q, env) and _is_followup(q, own, env):
        body = text
        for w in sorted(env.k.words.get("followup", ()), key=len, reverse=True):
            if body.startswith(w):
                body = body[len(w):]
                break
        named = _own_name(body, env)
        projects = sorted((e for e in last.entities if e.span and e.kind in SWAPPABLE),
                          key=lambda e: e.span or (0, 0))
        if named and projects:
            # 那网络安全运营服务项目呢 after a project's question: it names another project (not
            # recognised exactly); gluing the old name in front would make one long name of
            # two. Ask the old question about the new name instead. (Form detail lines stay
            # glued: their many similar names make the glued question clarify, the safe end.)
            s, e = projects[0].span  # type: ignore[misc]
            # 聘用人员的满意度呢: what the old question asked besides its name is not part of it
            for said in (_core(prev[e:], env), _core(prev[:s], env)):
                named = named.replace(said, "") if said else named
            # the forms' own rule for a project named in part; only one project may fit
            fits = by_part(named, [{"project_name": n} for n in _projects(env)], generic=False)
            full = fits[0]["project_name"] if len(fits) == 1 else project_by_tail(named, env)
            # 扶持资金呢: the one project ending so (其中…: a part of the project, never another)
            if len(named) >= OWN_NAME_MIN and full and not text.startswith(INSIDE):
                return _rewrite(q, prev[:s] + full + prev[e:], env), prev, None
        if (other := sibling(named or _core(body, env), q, last, prev, env)) is not None:
            return _rewrite(q, other, env), prev, None
        if headless_or_thing(body, names, prev):  # 事业单位医疗呢 after 行政事业单位医疗, 车呢
            return q, None, None
        said = _YEAR.search(prev)
        year = said.group() if said and not q.years and not _YEAR.search(body) else ""
        inside = "里" if text.startswith(INSIDE) else ""  # 其中X呢: X inside what was asked
        # 本级一般公共预算多少 → 项目支出呢: of that fund still (a fund inside a name is the name's)
        said = scoped(rest, body) if carried_scope(rest := "".join(prev.split(names[0])), body) else body
        # 前年到去年增加多少: a change between two years said, read as the composed question it is
        glue = _recompose if len(set(q.years)) > 1 else _rewrite
        return glue(q, f"{year}{'和'.join(names[:2])}{inside}{said}", env), prev, None
    return q, None, None
