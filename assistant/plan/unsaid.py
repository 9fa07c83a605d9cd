"""The whole of a share the question leaves unsaid: the thing just asked about when the part lies
under it (in either classification, or by name and figure), the thing the part is stated under
(政府采购货物类 → 政府采购), the part's parent line, else the whole budget."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Match
from assistant.plan.columns import wholes
from assistant.plan.siblings import CODED, parent_code
from assistant.plan.values import MONEY, value_of
from assistant.query.model import Value
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def _coded(part: str, env: Env) -> Match | None:
    found = value_of(part, env)
    coded = [m for m in (found[1] if found else []) if m.kind in CODED and m.code]
    # 那住房公积金呢 (the 功能 line 2210201) → 占比呢: the line the last answer stated, never its
    # namesake in the other classification (经济 30113)
    last = env.conv.last_answered()
    stated = {(e.kind, e.code) for e in (last.entities if last is not None else ()) if e.code}
    return ([m for m in coded if (m.kind, m.code) in stated] or coded or [None])[-1]


def _column_of(part: str, env: Env) -> str | None:
    """政府采购面向中小企业占比: a column word said after a thing (面向中小企业 of 政府采购) makes the
    part that thing's column, and the whole that thing — when the thing's own figure is larger."""
    tags = tag(part, (), load_lexicon())
    if len(tags) >= 2 and tags[-1].kind == "measure" and tags[-1].end == len(part):
        head = part[: tags[-1].start].rstrip("的")
        found, whole = value_of(part, env), value_of(head, env)
        if len(head) >= 2 and found is not None and whole is not None and whole[0].amount > found[0].amount:
            return head
    # 政府采购货物类占多少: a thing said first (政府采购) whose statement the part is stated under
    from assistant.plan.inside import contains

    found = value_of(part, env)
    for t in (t for t in tags if t.kind == "set" and t.start == 0 and 2 <= t.end < len(part)):
        whole = value_of(part[: t.end], env)
        if found is not None and whole is not None and whole[0].amount > found[0].amount \
                and contains(found, whole, env):
            return part[: t.end]
    return None


def _named_under(part: str, found: tuple, last: object, env: Env) -> str | None:
    """社会保障和就业支出多少 → 基本养老保险缴费占它多少: the part read as an 经济 line (30108) is
    printed under the thing just asked as a 功能 line of its name (2080505 …缴费支出). The whole is
    that thing when one line under it bears the part's name and the same figure — so the share is
    the same whichever of the two is read."""
    amount = found[0].amount
    for e in getattr(last, "entities", ()):
        if e.kind not in CODED or not e.code:
            continue
        under = [x for x in env.index.kinds(e.kind)
                 if x.code and x.code != e.code and x.code.startswith(e.code)
                 and any(m.name in x.name for m in found[1] if m.kind in CODED)]
        names = {x.code for x in under}
        if len(names) == 1:
            line = value_of(under[0].code or "", env)
            if line is not None and abs(line[0].amount - amount) < SAME_FIGURE:
                return e.code
    return None


SAME_FIGURE = 0.005  # two readings of one part agree to the printed cent


def _by_code(code: str, kind: str, env: Env) -> Match | None:
    return next((e.to_match(100.0, None) for e in env.index.kinds(kind) if e.code == code), None)


def _unsaid(part: str, env: Env) -> str:
    """The whole of a share the question does not name, as a subject to read."""
    line = _coded(part, env)
    if line is None or line.code is None:
        return _column_of(part, env) or str(wholes()["general"])
    last = env.conv.last_answered()
    found = value_of(part, env)
    # 住房保障支出多少 → 住房公积金占它多少: any reading of the part (功能 2210201 beside 经济
    # 30113) that lies under the thing just asked about makes that thing the whole
    for reading in [m for m in (found[1] if found else []) if m.kind in CODED and m.code]:
        for e in last.entities if last is not None else ():
            if e.kind == reading.kind and e.code and e.code != reading.code and \
                    str(reading.code).startswith(e.code):
                return e.code  # the thing just asked about, which the part lies under
    named = _named_under(part, found, last, env) if found is not None and last is not None else None
    if named is not None:
        return named
    said = _last_said(env)
    if said and last is not None and not any(e.kind in CODED for e in last.entities):
        # 三公经费多少 → 公务接待费占它多少: the figure just stated (no coded line) is the whole;
        # the plan shows the part inside it or says why not — never another line's parent instead
        return said
    parent = parent_code(line.code)
    if parent and _by_code(parent, line.kind, env) is not None:
        return parent
    return str(wholes()["general"])


def _last_said(env: Env) -> str | None:
    """What 它 stands for: the one thing the last answer stated a figure for (a unit's figure with
    one fund's part of it beside is that unit's: dialogue/stated.py)."""
    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    from assistant.dialogue.stated import single

    said = single(last)
    return said.label if said is not None else None


def other_than_whole(whole: str, env: Env) -> Value | None:
    """政府采购里工程类多少 (政府采购预算 830、工程类 550) → 占采购总额多少: the last answer stated two
    figures and the whole named now is one of them — read as that figure, or said in words of its
    label and of no other — so 它 is the other, the smaller. Never a guess between the two."""
    from assistant.dialogue.stated import value as stated_value
    from assistant.pipeline.intents.tables_common import longest_run

    last = env.conv.last
    if last is None or last.status != "answered" or len(last.results) != 2:
        return None
    money = [r for r in last.results if r.get("unit") in MONEY]
    if len(money) != 2:
        return None
    found = value_of(whole, env)
    if found is not None:
        same = [r for r in money
                if r["unit"] == found[0].unit and abs(float(r["amount"]) - found[0].amount) < SAME]
    else:
        same = [r for r in money if longest_run(whole, str(r["label"])) >= NAMED_RUN]
    if len(same) != 1:
        return None
    other = next(r for r in money if r is not same[0])
    if float(other["amount"]) > float(same[0]["amount"]):
        return None  # no part of it
    return stated_value(other)


def both_stated(part: str, whole: str, env: Env) -> tuple[Value, Value] | None:
    """面向中小企业预留 → 其中小微企业呢 (小微 1,349.94、中小企业 1,928.48) → 小微占中小企业预留的比例: a
    part said short that reads as no line, in words of one of the two figures just stated, the whole
    the other — the two as stated."""
    from assistant.pipeline.intents.tables_common import longest_run

    other = other_than_whole(whole, env)
    if other is None or longest_run(part, other.label) < NAMED_RUN:
        return None
    stated = _the_other(other, env)
    return (other, stated) if stated is not None else None


def stated_whole(whole: str, env: Env) -> Value | None:
    """The figure of the whole named, as the last answer stated it (see other_than_whole)."""
    other = other_than_whole(whole, env)
    return _the_other(other, env) if other is not None else None


def _the_other(other: Value, env: Env) -> Value | None:
    """Of the two figures the last answer stated, the one that is not `other`."""
    from assistant.dialogue.stated import value as stated_value

    last = env.conv.last
    if last is None:
        return None
    return next((stated_value(r) for r in last.results if stated_value(r) != other), None)


SAME = 0.005  # half a cent of the printed unit: the whole read now is the figure stated before
NAMED_RUN = 2  # characters of a figure's label the whole is said in (采购总额 of 政府采购预算)


CLASS_WORD = "类"  # 工程 of 工程类: a statement's classes (货物类, 工程类, 服务类) said bare


def stated_in_last(part: str, env: Env) -> tuple[str, str] | None:
    """政府采购预算多少 → 货物类占多少 / 工程占多少: the thing just asked, whose statement holds the part
    (a class said without its 类) — (what was asked, the part as the statement says it)."""
    from assistant.plan.inside import contains

    prior = _last_said(env)
    if prior is None:
        return None
    said_as = part
    found = value_of(part, env)
    if found is None and not part.endswith(CLASS_WORD):
        said_as, found = part + CLASS_WORD, value_of(part + CLASS_WORD, env)
    whole = value_of(prior, env)
    if found is None or whole is None or whole[0].amount <= found[0].amount:
        return None
    return (prior, said_as) if contains(found, whole, env) else None


def stated_under(whole: str, part: str, env: Env) -> str | None:
    """工程类采购多少 (cited under 政府采购预算) → 占采购总额的比例: a whole said in words no line reads,
    but in words of the statement the figure just stated was cited under — that statement."""
    from assistant.pipeline.intents.tables_common import longest_run

    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    # 三、政府采购预算情况 工程类: the section's subject is one of the words it was cited under too
    said = {SECTION_WORDS.sub("", w) for r in last.results for c in r.get("citations") or []
            for w in str(c.get("row") or "").split(" ")}
    core = GENERIC_WORDS.sub("", whole)  # 采购 of 采购总额: the words that say which statement
    fits = [w for w in said if len(w) >= 2 and w != part and longest_run(core, w) >= NAMED_RUN
            and value_of(w, env)]
    return fits[0] if len(fits) == 1 else None


GENERIC_WORDS = re.compile(r"总额|总计|合计|全部|所有|整个|总|支出|经费|费用|资金|预算|金额|收入")


SECTION_WORDS = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]|(?:的)?(?:情况|说明)$")
