"""除了 A: the rest of A's set (its siblings, or the rest of a whole split in a fixed way), within
a scope said or the line just asked about."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Match
from assistant.ops import arith
from assistant.plan.planned import Planned
from assistant.plan.siblings import siblings
from assistant.plan.values import value_of
from assistant.plan.whole import NotAPart
from assistant.query.model import LESS_THE_LAST, Query, Value

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

MAX_PARTS = 24  # a 除了 over more siblings than this is a listing, not a sum to state
DISAGREE_MIN = 0.005  # a printed total and the sum of its lines differ by more than rounding


SPLIT_TOLERANCE = 0.011  # 万元: the parts of a declared split add up to the whole but for rounding


def _split_rest(query: Query, env: Env) -> Planned | None:
    """除了人员经费，基本支出还有多少: a whole split in a fixed way (splits.toml), less one part."""
    from assistant.query.split import _splits, part_names

    said = _unquoted(query.subjects[1].text) if len(query.subjects) > 1 else _whole_just_asked(env)
    if said is None:
        return None
    part, whole = PART_TAIL.sub("", query.subjects[0].text), said
    parts = _splits().get(whole, ())
    # 公务用车 / 购置费 (of 公务用车购置及运行维护费): a part said by the start or end of its name
    said = [p for p in parts if p == part or (len(part) >= PART_PREFIX_MIN and (p.startswith(part)
                                                                            or p.endswith(part)))]
    if len(said) != 1:
        return None
    typed, part = part, said[0]
    # the part by its declared name, else as typed (a document prints 公务用车购置及运行费)
    # …read inside the whole first (三公经费里的公务接待费: the 说明's, not the 经济分类 line of that name)
    names = (*(f"{whole}里的{n}" for n in part_names(whole, part)), *part_names(whole, part), typed)
    found = [value_of(whole, env), _first_value(names, env)]
    if found[0] is None or found[1] is None or found[0][0].unit != found[1][0].unit:
        return None
    minuend, subtrahend = (f[0].model_copy(update={"label": n})
                           for f, n in zip(found, (whole, part), strict=True))
    figure, working = arith.difference(minuend, subtrahend)
    extra = []
    others = [p for p in parts if p != part]
    lead = "即" if len(others) == 1 else "其中"  # one part remains: it is the rest; several add up to it
    for other in others:  # the part that remains, as the document prints it
        v = _first_value(part_names(whole, other), env)
        if v is not None:
            extra.append((f"{lead}{other}", v[0].amount, v[0].unit, f"{whole}中的{other}"))
    return Planned(parts=(minuend, subtrahend), result=figure, unit=minuend.unit, working=working,
                   reading=f"{whole}除{part}外其余部分", extra=tuple(extra))


def _whole_just_asked(env: Env) -> str | None:
    """三公经费预算多少 → 去掉公务接待费呢: the split whole the question before asked (its longest)."""
    from assistant.query.split import _splits

    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    asked = _unquoted(last.question)
    wholes = [w for w in _splits() if w in asked]
    return max(wholes, key=len) if wholes else None


def _first_value(names: tuple[str, ...], env: Env) -> tuple | None:
    return next((v for v in (value_of(n, env) for n in names) if v is not None), None)


PART_PREFIX_MIN = 2  # characters of a part's name that say it (公务用车, 出国)
PART_TAIL = re.compile(r"(?:的|那|这)?(?:部分|块|一块|钱)$")  # 出国的部分 / 公务用车那块: the part itself


def _unquoted(text: str) -> str:
    """“三公”经费 is 三公经费: the quotes a document prints around a term are no part of it."""
    return text.replace("“", "").replace("”", "").replace('"', "")


def except_plan(query: Query, env: Env) -> Planned | None:
    if (split := _split_rest(query, env)) is not None:
        return split
    if query.rule == LESS_THE_LAST and _line_just_asked(env) is None:
        return None  # 去掉A呢 with no whole or line asked before: the rest of what is not said
    found = value_of(query.subjects[0].text, env)
    if found is None and len(query.subjects) > 1:
        # 城乡社区管理事务的项目支出里除了一般行政管理事务: a name of seven 项, the one under the scope
        line = query.subjects[1].text
        col = _column_said(line)
        line = line.replace(col, "").rstrip("的") if col else line
        found = _under_the_scope(line, query.subjects[0].text, env)
    if found is None:
        return None
    _, used = found
    named = [m for m in used if m.kind in ("function", "economic", "project")]
    if not named:
        return None
    within, whole_value = None, None
    if len(query.subjects) > 1:
        scope = value_of(query.subjects[1].text, env)
        if scope is None:
            return None
        whole_value = scope[0]
        within = next((m for m in scope[1] if m.kind == named[0].kind), None)
        if within is not None and (col := _column_said(query.subjects[1].text)) is not None:
            # 社会保障和就业支出的基本支出中去掉养老支出: that column of the whole less the part's cell
            # in it (the siblings' whole figures would be every column's)
            return _less_in_column(query.subjects[1].text, named[0], within, col, whole_value, env)
        if within is None and (under := _named_under(named[0], scope[1], env)) is not None:
            found, named, within = under  # 工资福利支出去掉住房公积金: 30113 under 301, not 2210201
        if within is None and not _holds_the_set(query.subjects[1].text, named[0].kind):
            return _less_its_cell(query.subjects[1].text, query.subjects[0].text, scope[0], env)
    elif (said := _line_just_asked(env)) is not None and named[0].code != said.code:
        # 社会保障和就业支出多少 / 除了基本养老保险缴费，其他的呢: the rest of the line just asked
        under = [m for m in used if m.kind == said.kind and m.code and said.code
                 and m.code.startswith(said.code) and m.code != said.code]
        if under:
            named, within = under, said
        elif named[0].kind != said.kind:
            raise NotAPart(f"“{query.subjects[0].text}”不在刚才问的“{said.name}”之下，"
                           "没有明白“其他”是指哪些，请说明是哪一类里除去它。")
    group, scope = siblings(named[0], env, within), ""
    if (group is None or len(group) > MAX_PARTS) and whole_value is not None and not query.also:
        # 商品和服务支出除掉福利费剩下的: too many lines to list — the whole less the one, shown so
        return _less_one(whole_value, within.name if within is not None else "", named[0].name, found[0])
    if group is None or len(group) > MAX_PARTS:
        return None
    if within is None and named[0].kind == "project" and (unit := _unit_just_asked(env)) is not None:
        # 本级项目支出多少 → 除了夜间经济其他的呢: the rest of that unit's projects, not every unit's
        own = _projects_of(unit, env)
        if named[0].name not in own:
            raise NotAPart(f"“{named[0].name}”不是刚才问的“{unit}”的项目，没有明白“其他”是指哪些，"
                           "请说明是哪个单位的项目里除去它。")
        group, scope = [m for m in group if m.name in own], f"{unit}的项目中"
    left_out = [named[0]]
    for s in query.also:  # 除了A和B: each further thing is one of the same siblings
        other = value_of(s.text, env)
        same = [m for m in (other[1] if other else []) if m.kind == named[0].kind]
        if not same or not any(m.entity_id == same[0].entity_id for m in group):
            return None
        left_out.append(same[0])
    rest = [m for m in group if m.entity_id not in {x.entity_id for x in left_out}]
    parts = []
    for m in rest:
        # 公务接待费 named alone may be the 三公 paragraph's too: the sibling is its coded line
        # (一般行政管理事务 is the name of seven 项: its code alone says which one)
        coded = (value_of(f"{m.code}{m.name}", env) or value_of(m.code, env)) if m.code else None
        v = value_of(m.name, env) or coded
        if v is None:
            return None
        parts.append(v[0].model_copy(update={"label": m.name}))
    figure, working = arith.total(parts)
    excluded = "、".join(m.name for m in left_out)
    whole = f"{within.name}中" if within is not None else scope  # the whole said is restated
    printed = _as_printed(whole_value, found[0], figure, within) if len(left_out) == 1 else ()
    return Planned(parts=tuple(parts), result=figure, unit=parts[0].unit, working=working,
                   reading=f"{whole}除{excluded}外其余{len(parts)}项的合计", extra=printed)


def _as_printed(whole: Value | None, part: Value, figure: float, within: Match | None) -> tuple:
    """The whole's printed total less the part, where the document's own lines do not add up to
    that total (城乡社区管理事务 94,995,790 over 项 adding to 94,995,789): both are said, never one
    chosen in silence."""
    if whole is None or within is None or whole.unit != part.unit or abs(whole.amount - part.amount
                                                                            - figure) < DISAGREE_MIN:
        return ()
    minuend = whole.model_copy(update={"label": within.name})
    rest, working = arith.difference(minuend, part)
    return ((f"按“{within.name}”的合计减去“{part.label}”计算（文件中该合计与各项之和不一致）", rest,
             whole.unit, working),)


def _less_one(whole: Value, name: str, part: str, value: Value) -> Planned | None:
    """The whole less the one line left out (it lies in the whole: a line of the same kind under it)."""
    if not name or value.unit != whole.unit or value.amount > whole.amount:
        return None
    minuend = whole.model_copy(update={"label": name})
    subtrahend = value.model_copy(update={"label": part})
    figure, working = arith.difference(minuend, subtrahend)
    return Planned(parts=(minuend, subtrahend), result=figure, unit=whole.unit, working=working,
                   reading=f"{name}中除{part}外其余各项的合计")


def _under_the_scope(line: str, part: str, env: Env) -> tuple | None:
    """The part's value and its one match under the scope's line (a name of several 项), or None."""
    found = value_of(f"{line}的{part}", env)
    if found is None:
        return None
    heads = [m for m in found[1] if m.name == line and m.code]
    under = [m for m in found[1] if heads and m.name == part and m.code and m.code != heads[0].code
             and m.code.startswith(heads[0].code)]
    return (found[0], under) if len(under) == 1 else None


def _column_said(scope: str) -> str | None:
    """The budget column (基本支出, 项目支出 …) a scope says beside its line, as it is said."""
    from assistant.plan.columns import wholes
    from assistant.tag import load_lexicon, tag

    said = [t.text for t in tag(scope, (), load_lexicon())
            if t.kind == "measure" and t.value in wholes()["columns"] and t.text != scope]
    return said[0] if len(said) == 1 else None


def _less_in_column(scope: str, part: Match, within: Match | None, col: str, total: Value,
                    env: Env) -> Planned | None:
    """The scope's column less the part's cell in that column, the part lying under the scope's line."""
    if within is None or not (part.code and within.code and part.code.startswith(within.code)
                              and part.code != within.code):
        return None
    # (一般行政管理事务 names seven 项: its code says which)
    cell = value_of(f"{part.name}的{col}", env) or value_of(f"{part.code}的{col}", env)
    if cell is None or cell[0].unit != total.unit or cell[0].amount > total.amount:
        return None
    minuend = total.model_copy(update={"label": f"{within.name}（{col}）"})
    subtrahend = cell[0].model_copy(update={"label": f"{part.name}（{col}）"})
    figure, working = arith.difference(minuend, subtrahend)
    return Planned(parts=(minuend, subtrahend), result=figure, unit=total.unit, working=working,
                   reading=f"{within.name}的{col}中除{part.name}外其余部分")


def _less_its_cell(whole: str, part: str, total: Value, env: Env) -> Planned | None:
    """公用经费里除了商品和服务支出还有多少: the column's total less the line's cell in it (what is
    left is not listed line by line: it is the difference, shown as such), else nothing."""
    cell = value_of(f"{part}{whole}", env)
    if cell is None or cell[0].unit != total.unit or cell[0].amount > total.amount:
        return None
    minuend = total.model_copy(update={"label": whole})
    subtrahend = cell[0].model_copy(update={"label": f"{part}（{whole}）"})
    figure, working = arith.difference(minuend, subtrahend)
    return Planned(parts=(minuend, subtrahend), result=figure, unit=total.unit, working=working,
                   reading=f"{whole}除{part}外其余部分")


# the column a kind of line's whole set lies in (基本支出里除了工资福利: the 基本支出 table's classes)
SET_COLUMN = {"economic": "basic", "project": "project"}


def _named_under(part: Match, wholes: list[Match], env: Env) -> tuple[tuple, list[Match], Match] | None:
    """The part's name read as a line under the whole said (住房公积金 is a 功能 line and an 经济分类
    line; after 工资福利支出 it is the one under 301): its value, its match and the whole's."""
    for whole in (m for m in wholes if m.code and m.kind in ("function", "economic")):
        below = [e for e in env.index.entries if e.kind == whole.kind and e.code
                 and e.code.startswith(whole.code) and e.code != whole.code]
        # its own name, else the one line under the whole whose name holds it (职业年金缴费 of
        # 机关事业单位职业年金缴费支出)
        lines = ({e.code for e in below if e.name == part.name}
                 or {e.code for e in below if part.name in e.name})
        if len(lines) != 1:
            continue
        code = lines.pop()
        found = value_of(code, env)  # the code alone names that line (its name names both)
        named = [m for m in (found[1] if found else []) if m.kind == whole.kind and m.code == code]
        if found is not None and named:
            return found, named, whole
    return None


def _holds_the_set(scope: str, kind: str) -> bool:
    """基本支出 / 项目支出 / 支出: a whole said that is the set the line's siblings make up."""
    from assistant.plan.columns import column, columns_fund
    from assistant.plan.whole import general

    # (一般公共预算基本支出: the fund whose table prints the column's lines is the same set)
    said = scope.removeprefix(columns_fund())
    return general(scope) or (kind in SET_COLUMN and column(said) == SET_COLUMN[kind])


def _line_just_asked(env: Env) -> Match | None:
    """The one coded line the last answer was about (the scope a bare 其他 may mean)."""
    last = env.conv.last
    if last is None or last.status != "answered":
        return None
    coded = {m.entity_id: m for m in last.entities if m.code and m.kind in ("function", "economic")}
    return next(iter(coded.values())) if len(coded) == 1 else None


def _unit_just_asked(env: Env) -> str | None:
    """The one unit the last answer was about, and nothing else (本级项目支出多少)."""
    last = env.conv.last
    if last is None or last.status != "answered" or not last.entities:
        return None
    units = {m.name for m in last.entities if m.kind == "unit"}
    return next(iter(units)) if len(units) == 1 and len({m.entity_id for m in last.entities}) == 1 else None


def _projects_of(unit: str, env: Env) -> set[str]:
    """The projects 预算11表 prints under that unit."""
    rows = env.runner.run("li_set", table_id=PROJECT_TABLE, code_kind="project", measure="合计")
    return {str(r["name"]) for r in rows if r.get("extra") == unit}


PROJECT_TABLE = "预算11表"
