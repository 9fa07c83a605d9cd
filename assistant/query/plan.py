"""Plan and run a composed query: the values each subject stands for, then the operation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.ops import arith
from assistant.plan.columns import column_values, wholes
from assistant.plan.consistent import rate_printed as _rate_printed
from assistant.plan.consistent import whole_of_the_fund as _whole_of_the_fund
from assistant.plan.heads import column_of_line_before, shared_scope, shared_words
from assistant.plan.inside import contains, not_within, scope_first
from assistant.plan.one_table import columns_of_one_table
from assistant.plan.over_years import over_years
from assistant.plan.planned import Planned
from assistant.plan.rest import SPLIT_TOLERANCE, except_plan
from assistant.plan.summed import summed_share
from assistant.plan.values import value_of
from assistant.plan.whole import (
    NotAPart,
    bare_column,
    column,
    general,
    label,
    settle,
)
from assistant.query.model import Query, Value
from assistant.query.most import pick
from assistant.tag import load_lexicon

if TYPE_CHECKING:
    from assistant.models import Match, Question
    from assistant.pipeline.steps import Env


def _general(text: str) -> bool:
    """A subject said in general words only (总预算, 总支出): which total is meant is the
    single-figure readings' knowledge (the whole budget or one fund), not a composition's —
    except for a share, whose whole plan/whole.py settles."""
    return general(text)


def _column_of_whole(query: Query, n: int) -> str | None:
    """人员经费占科学技术支出: the part is a column (基本支出, 人员经费 …) of the whole's own row —
    科学技术支出人员经费 — not the department's column, which is no part of that line."""
    if query.op != "share" or n != 0 or len(query.subjects) != 2:
        return None
    lex = load_lexicon()
    part, whole = query.subjects
    part = bare_column(part)  # 专项（项目支出）/ 全部基本支出: the column itself
    said = lex.words.get(part.text)
    if said is None or said[0] != "measure" or said[1] not in column_values():
        return None
    bare = whole.text.removeprefix(str(wholes()["columns_fund"]))  # 一般公共预算基本支出: a column too
    if lex.category(whole.text) == "measure" or lex.category(bare) == "measure" or general(whole.text):
        return None  # 人员经费占基本支出 / 占总支出: the department's columns and whole
    return whole.text + part.text


def _values(query: Query, env: Env) -> list[Value] | None:
    if query.given:  # (a share of a figure over itself is none: never 100% of X in X)
        return None if query.op == "share" and len({(v.label, v.amount) for v in query.given}) < 2 \
            else [*query.given]
    years = sorted(set(query.years))
    if len(years) > 1:
        return None  # several years over several subjects: which year goes with which is a guess
    if query.op != "share" and not years and (one := columns_of_one_table(query.subjects, env)):
        query = query.model_copy(update={"subjects": one})
    year = years[0] if years else None
    query = query.model_copy(update={"subjects": shared_scope(query.subjects, query.op)})
    out: list[Value] = []
    kinds: list[bool] = []  # whether each subject's figure is a performance indicator's
    used: list[list[Match]] = []  # the coded lines each subject was read as
    found_all: list[tuple[Value, list[Match]]] = []
    for n, s in enumerate(query.subjects):
        line_column = (column_of_line_before(query.subjects[n - 1].text, s.text)
                       if n and query.op != "share" else None)
        if line_column is not None:  # 行政运行人员经费加公用经费: 行政运行's 公用经费
            s = s.model_copy(update={"text": line_column})
        column = _column_of_whole(query, n)
        found = value_of(column, env, year) if column else value_of(s.text, env, year)
        if column and found is None:
            return None  # the whole's own cell is not printed: never the department's column
        if found is not None:
            kinds.append(any(m.kind == "indicator" for m in found[1]))
            used.append([m for m in found[1] if m.code and m.span])
        if found is None and query.op == "share" and n == 0:
            # 政府采购里面向小微企业占多少: the part is a column of the whole (its 小微企业 column)
            whole = query.subjects[1].text
            found = value_of(whole + s.text, env, year)
            if found is not None:
                found = (found[0].model_copy(update={"label": f"{whole}{s.text}"}), found[1])
        if found is None:  # 运行费 of 购置费和运行费 / 区级 of 区级和市级支持总部经济
            found = shared_words(query.subjects, n, env, year)
        if found is None:
            return None
        found_all.append(found)
        if s.text.isdigit() or s.label:  # a line read by its code (a share's whole) is named by its name
            found = (found[0].model_copy(update={"label": s.label or label(s.text, env)}), found[1])
        out.append(found[0])
    if len(set(kinds)) > 1 and query.op in MIXED_NEVER:
        return None  # 技术合同成交额 (a target) + a budget line: figures of different kinds
    if query.op == "share" and len(used) == 2 and all(used) and not_within(used[0][-1], used[1][-1]):
        a, b = used[0][-1], used[1][-1]  # 住房公积金占商品和服务支出: the part is no line under the whole
        raise NotAPart(f"“{a.name}”（{a.code}）不在“{b.name}”（{b.code}）之下，"
                       "不是它的一部分，无法按“占”计算比例。")
    if query.op == "share" and len(out) == 2 and _read_as_the_whole(out[0], out[1], query):
        said = query.subjects[0].label or query.subjects[0].text
        raise NotAPart(f"“{said}”读到的正是“{out[1].label}”本身的数，没有找到它单独的数，"
                       "为免答非所问，这里不计算比例。")
    if query.op == "share" and len(found_all) == 2 and not _contained_by_reading(query, out[0].label) \
            and not contains(found_all[0], found_all[1], env):
        inner = _read_inside(query, found_all[1], env)
        if inner is not None:  # 公务接待费占三公经费: the part as the whole's own section states it
            out[0], found_all[0] = inner[0], inner
            return out
        # 政府采购里大数据中心运维费用 / 三公经费占机关运行经费: no table shows the one inside the other
        a, b = (s.text for s in query.subjects)
        raise NotAPart(f"文件中没有能说明“{a}”是“{b}”的一部分的数，为免答非所问，这里不计算比例。")
    if query.op == "sum" and scope_first(found_all, env):  # 发工资的钱，基本工资和津贴补贴加起来: X中A、B
        return [out[1].model_copy(update={"label": f"{out[0].label}中{out[1].label}"}), *out[2:]]
    return out


def _read_inside(query: Query, whole: tuple[Value, list], env: Env) -> tuple[Value, list] | None:
    """The part read as said inside the whole (三公经费里公务接待费: the 三公 section's figure, not
    the 经济分类 line of that name), when that reading is shown to lie inside the whole."""
    part, said = query.subjects[0].text, query.subjects[1].text
    for name in dict.fromkeys((said, re.sub(r"(?:预算数|预算)$", "", said))):  # 三公经费预算 → 三公经费
        found = value_of(f"{name}里{part}", env)
        if found is not None and found[0].amount != whole[0].amount and contains(found, whole, env) \
                and any(m.kind != "table" for m in found[1]):  # a thing named, not 服务类 for 政府购买服务
            return found[0].model_copy(update={"label": query.subjects[0].label or part}), found[1]
    return None


def _read_as_the_whole(part: Value, whole: Value, query: Query) -> bool:
    """政府采购里货物 read as 政府采购 itself: the same figure from the same printed line is the
    whole again, never a part of it (a part named apart from its whole has its own figure)."""
    lines = {(c.table, c.line) for c in whole.citations}
    return (abs(part.amount - whole.amount) < 1e-9 and bool(lines)
            and any((c.table, c.line) in lines for c in part.citations)
            and query.subjects[0].text != query.subjects[1].text)


def _contained_by_reading(query: Query, part_label: str) -> bool:
    """Wholes that hold the part by how the share was read: the whole budget, a column (the part is
    its cell there), the whole's own cell of a column, or the line the part belongs to."""
    part, whole = query.subjects
    return (general(whole.text) or column(whole.text) is not None or whole.text.isdigit()
            or column(part.text) is not None or part_label.startswith(whole.text)
            or part.text.startswith(whole.text))


MIXED_NEVER = frozenset({"sum", "diff", "ratio", "share", "shares", "percent", "most"})


def plan(query: Query, q: Question | None, env: Env) -> Planned | None:
    if query.op == "except":
        return except_plan(query, env)
    if query.op == "share" and query.also:  # A和B加起来占C多少
        return summed_share(query, env, plan)
    if query.op in ("change", "series") and not query.given:
        return over_years(query, env, plan)
    settled = settle(query, env)
    if settled is None:
        return None
    query = settled
    values = _values(query, env)
    if not values:
        return None
    names = [v.label for v in values]
    if query.op == "split":
        figure, working = arith.total(values)
        whole = query.rule.removesuffix("由哪几部分构成")
        stated = value_of(whole, env)
        if stated is not None and abs(stated[0].amount - figure) > SPLIT_TOLERANCE:
            return None  # the parts do not add up to this document's own figure: not its split
        return Planned(parts=tuple(values), result=figure, unit=values[0].unit, working=working,
                       reading=f"{whole}由{'、'.join(names)}构成")
    if query.op == "shares" and len(values) >= 3:
        *parts, whole = values
        found = [(p, *arith.share(p, whole)) for p in parts]
        if big := next((p.label for p, f, _ in found if f > 100), None):  # 三公经费里基本支出…各占多少
            raise NotAPart(f"“{big}”比“{whole.label}”还大，不是它的一部分，无法按“占”计算比例。")
        return Planned(parts=tuple(values), result=None, unit="%", working="",
                       reading=f"{'、'.join(p.label for p in parts)}各占{whole.label}的比例",
                       extra=tuple((f"{p.label}占{whole.label}", f, "%", w) for p, f, w in found))
    if query.op == "most" and len(values) >= 2:  # A、B、C哪个最多: the end asked, of these only
        tops, end = pick(arith.alike(values), query.rule)
        working = "；".join(f"{v.label} {arith.fmt(v.amount)} {v.unit}" for v in values)
        said = "、".join(v.label for v in tops) + ("并列" if len(tops) > 1 else "")  # a tie is said
        return Planned(parts=tuple(values), result=tops[0].amount, unit=tops[0].unit, working=working,
                       reading=f"{'、'.join(names)}中{end}的是{said}")
    if query.op == "each" and len(values) >= 2:
        working = "；".join(f"{v.label} {arith.fmt(v.amount)} {v.unit}" for v in values)
        return Planned(parts=tuple(values), result=None, unit=values[0].unit, working=working,
                       reading=f"{'、'.join(names)}各自的数")
    if query.op == "sum" and len(values) >= 2:
        figure, working = arith.total(values)
        return Planned(parts=tuple(values), result=figure, unit=values[0].unit, working=working,
                       reading=f"{'、'.join(names)}的合计")
    if query.op in ("ratio", "share", "diff", "change", "percent") and len(values) == 2:
        a, b = arith.at_worked_back_precision(*values) if query.op == "change" else values
        if query.op == "percent":  # A是B的百分之几 with A no part of B: A over B, in per cent
            figure, working = arith.share(a, b)
            return Planned(parts=(a, b), result=figure, unit="%", working=working,
                           reading=f"{a.label}相当于{b.label}的百分之几")
        if query.op == "ratio":
            figure, working = arith.ratio(a, b)
            return Planned(parts=(a, b), result=figure, unit="倍", working=working,
                           reading=f"{a.label}是{b.label}的几倍")
        if query.op == "share":
            b = _whole_of_the_fund(a, b, env)
            figure, working = arith.share(a, b)
            if figure > 100:  # 占 asks for a part of a whole: a "part" larger than it is another line
                raise NotAPart(f"“{a.label}”比“{b.label}”还大，不是它的一部分，无法按“占”计算比例。")
            return Planned(parts=(a, b), result=figure, unit="%", working=working,
                           reading=f"{a.label}占{b.label}的比例")
        if query.op == "change" and (a.derived or b.derived) and _rate_printed(a, b, env):
            # a year worked back from the printed change: its own sentence (增加, printed rate) answers
            return None
        figure, working = arith.difference(a, b)
        # a change is said as its size and its direction (减少 161.04), never as a signed figure
        if query.op == "change":  # one line over two years: it rose or fell
            way = "增加" if figure > 0 else "减少" if figure < 0 else "持平"
            working += f"，即{way} {arith.fmt(abs(figure))}" if figure else "，即持平"
        else:  # two lines: one is more or less than the other
            way = "多" if figure > 0 else "少"
            working += f"，即{a.label}比{b.label}{way} {arith.fmt(abs(figure))}" if figure else "，即两者相等"
        figure = abs(figure)
        extra = ()
        if query.op == "change":
            r = arith.rate(a, b)
            if r is not None:
                extra = ((f"{'增长' if r[0] >= 0 else '下降'}幅度", abs(r[0]), "%", r[1]),)
            reading = f"{a.label}比{b.label}{way}多少"
        else:
            reading = f"{a.label}比{b.label}{way}多少" if figure else f"{a.label}和{b.label}相差多少"
        return Planned(parts=(a, b), result=figure, unit=arith.alike([a, b])[0].unit, working=working,
                       reading=reading, extra=extra)
    if query.op == "convert" and len(values) == 1 and query.unit:
        v0 = values[0]
        v = arith.convert(v0, query.unit)
        shown = _as_printed(v)  # 1,837.3632 万元 is said as a budget prints it: 1,837.36 万元
        near = f" ≈ {arith.fmt(shown.amount)} {v.unit}" if shown.amount != v.amount else ""
        same = v0.unit == v.unit  # 金额多少 after a ranking, 用万元说 of 万元: said again, nothing worked out
        return Planned(parts=(v0,), result=shown.amount, unit=v.unit, reading=f"{v0.label}的金额" if same else
                       f"{v0.label}换算为{query.unit}", working="" if same else
                       f"{arith.fmt(v0.amount)} {v0.unit} = {arith.fmt(v.amount)} {v.unit}{near}")
    if query.op == "convert" and query.unit:  # several figures just stated: each said again
        said = tuple(_as_printed(arith.convert(v, query.unit)) for v in values)
        working = "；".join(f"{v.label} {arith.fmt(v.amount)} {v.unit} = {arith.fmt(c.amount)} {c.unit}"
                           for v, c in zip(values, said, strict=True))
        return Planned(parts=said, result=None, unit=query.unit, working=working,
                       reading=f"{'、'.join(names)}换算为{query.unit}")
    return None


PRINTED_DECIMALS = {"元": 2, "万元": 2}  # how budgets print sums of money (亿元 keeps its precision)


def _as_printed(v: Value) -> Value:
    places = PRINTED_DECIMALS.get(v.unit)
    return v if places is None else v.model_copy(update={"amount": round(v.amount, places)})
