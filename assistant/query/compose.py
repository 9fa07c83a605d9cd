"""Compose the answer of a composed query: how it was read, every figure, its working, citations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, TableData
from assistant.models import Value as Stated
from assistant.ops.arith import fmt
from assistant.query.model import BACK_COMPUTED, Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env
    from assistant.plan.planned import Planned


MAX_STATED_PARTS = 6  # beyond this the parts are listed in the table, not as separate stated figures
TABLE_MIN_PARTS = 3


def _show(v: float, unit: str) -> str:
    return f"{fmt(v)}{'' if unit in ('%', '倍') else ' '}{unit}"


def _when(label: str, year: int | None, document_year: int) -> str:
    return "" if year in (None, document_year) or str(year) in label else f"（{year}年）"


def answer_for(query: Query, planned: Planned, env: Env, asked_unit: str | None = None) -> Answer:
    """The composed answer; a money result is also said in the unit asked (增加了多少万元 over
    figures printed in 元), the document's own unit kept first."""
    from assistant.pipeline.intents.tables_common import unit_conversion

    parts = "；".join(f"{p.label}{_when(p.label, p.year, env.runner.year)}"
                     f"{BACK_COMPUTED if p.derived else ''} {_show(p.amount, p.unit)}" for p in planned.parts)
    if planned.result is None:  # a series: the figures themselves are the answer
        lines = [f"按“{planned.reading}”理解：{parts}。"]
        values = []
    else:
        said, converted = unit_conversion(planned.result, asked_unit, planned.reading, planned.unit)
        head = f"按“{planned.reading}”理解：{_show(planned.result, planned.unit)}{said}。"
        # a figure said again (金额多少 after a ranking picked it) has nothing worked out to show
        lines = [head, f"其中：{parts}。", f"计算：{planned.working}。"] if planned.working else [head]
        values = [Stated(value=planned.result, unit=planned.unit, label=planned.reading), *converted]
    for label, figure, unit, working in planned.extra:
        lines.append(f"{label} {_show(figure, unit)}（{working}）。")
        values.append(Stated(value=figure, unit=unit, label=label))
    if len(planned.parts) <= MAX_STATED_PARTS or planned.result is None:
        # (a figure worked back is said as such: 2024年支出预算（倒推）)
        values += [Stated(value=p.amount, unit=p.unit, label=p.label + (BACK_COMPUTED if p.derived else ""))
                   for p in planned.parts]
    # the parts as a table too (chart and CSV in the app); many parts are given there and in the
    # text, while `values` keeps the result itself
    table = TableData(columns=["项目", f"金额（{planned.parts[0].unit}）"],
                      rows=[[p.label, p.amount] for p in planned.parts], chart=True) \
        if len(planned.parts) >= TABLE_MIN_PARTS else None
    citations: list[Citation] = [c for p in planned.parts for c in p.citations]
    lead = 0 if planned.result is None else 1 + len(planned.extra)
    return Answer(status="answered", text="\n".join(lines), values=values, citations=citations, table=table,
                  lead=lead)


def fields_answer(query: Query, env: Env) -> Answer | None:
    """X 的 F1 和 F2: each field read as its own question about X; all must be answered."""
    from assistant.plan.values import ask

    owner, *fields = query.subjects
    parts = []
    for f in fields:
        state = ask(f"{owner.text}的{f.text}", env)
        if state.answer is None or state.answer.status != "answered":
            return None
        parts.append(state.answer)
    return Answer(status="answered", text="\n".join(p.text for p in parts),
                  values=[v for p in parts for v in p.values],
                  citations=[c for p in parts for c in p.citations])


LISTINGS = ("{x}有哪些", "{x}的支出明细", "{x}包括哪些")
UNIT_IN_HEADER = ("亿元", "万元", "元")


INSIDE = "其中"
LISTED_ASK = re.compile(r"(?:一共|总共|共)?(?:有|是)?(?:多少个|几个|几项|多少项|哪些|哪几个|哪几项|哪几款)"
                        r"(?:科目|项目|品目)?[?？]?$")


def _scope_listed(env: Env) -> str | None:
    """The set the turn before listed or counted, said without its asking words (项级科目)."""
    last = env.conv.last
    if last is None or last.status != "answered" or not last.items:
        return None
    scope = LISTED_ASK.sub("", last.question).strip(" ,，")
    return scope if len(scope) >= 2 else None


def threshold_answer(query: Query, env: Env) -> Answer | None:
    """X 超过 N 的有哪些: X's listing, read as its own question, filtered by the figure."""
    from assistant.dialogue.than_it import with_named_bound
    from assistant.ops.arith import TO_YUAN

    bounded = with_named_bound(query, env)  # 比安全生产工作经费多的项目: that line's figure
    if bounded is None:
        return None
    query = bounded
    scope = query.subjects[0].text
    if scope == INSIDE and (listed := _scope_listed(env)) is not None:
        scope = listed  # 项级科目有多少个 → 其中超过1000万的有几个: of the set just listed
    figure, side, inclusive = query.bound or (0.0, "above", False)
    found = _listing(scope, env)
    if found is None:
        # 基本支出经济分类: the set words qualify the scope; the lines are those of 基本支出
        bare = _without_set_words(scope)
        found = _listing(bare, env) if bare and bare != scope else None
        scope = bare if found is not None else scope
    if found is None:
        return None
    listed, (lines, unit) = found
    if (query.counted or CLASSIFIED.search(scope)) and not LEVEL_SAID.search(scope):
        # 有几个科目 / 超过50万元的经济分类科目有哪些: over the finest lines printed (a level said,
        # 类级/款级, keeps its own lines: 超过300万的类级科目有几个 counts 类, never their 款)
        lines = _leaves(lines, unit, env, {c.table for c in listed.citations})
    if query.unit not in TO_YUAN:
        return None
    limit = figure * float(TO_YUAN[query.unit] / TO_YUAN[unit])  # the bound in the table's unit

    def keep(amount: float) -> bool:
        if side == "equal":
            return abs(amount - limit) < 1e-9
        if side == "above":
            return amount > limit or (inclusive and amount == limit)
        return amount < limit or (inclusive and amount == limit)

    rows = [(name, amount) for name, amount in lines if keep(amount)]
    said = {("above", True): "不低于", ("above", False): "超过", ("below", True): "不超过",
            ("below", False): "低于", ("equal", True): "正好是"}[(side, inclusive)]
    reading = f"{scope}中金额{said}{fmt(figure)} {query.unit}的"
    if not rows:
        return Answer(status="answered", text=f"按“{reading}”理解：没有这样的项目。",
                      citations=listed.citations)
    names = {name for name, _ in rows}
    cites = [c for c in listed.citations if any(n in c.row for n in names)] or listed.citations
    listing = "；".join(f"{name} {_show(amount, unit)}" for name, amount in rows)
    count = [Stated(value=len(rows), unit="项", label="项数")] if query.counted else []
    # 有几项: the count is the answer; the lines counted are shown (text and table), their amounts
    # stated as figures only when the question lists them
    each = [] if query.counted else [Stated(value=a, unit=unit, label=n) for n, a in rows]
    return Answer(status="answered", text=f"按“{reading}”理解：共{len(rows)}项：{listing}。",
                  values=[*count, *each], citations=cites,
                  table=TableData(columns=["名称", f"金额（{unit}）"], rows=[[n, a] for n, a in rows],
                                  chart=True))


CLASSIFIED = re.compile(r"分类|科目")
LEVEL_SAID = re.compile(r"[类款项]级|(?<!分)[类款项]科目|大类|按[类款项]|(?<=支出)类$")


def _listing(scope: str, env: Env) -> tuple[Answer, tuple[list[tuple[str, float]], str]] | None:
    from assistant.plan.values import ask

    for form in LISTINGS:
        listed = ask(form.format(x=scope), env).answer
        if listed is None or listed.status != "answered":
            continue
        items = _items(listed)
        if items is not None and len(items[0]) >= 2:
            return listed, items
    return None


def _without_set_words(scope: str) -> str:
    from assistant.tag import load_lexicon

    for word in load_lexicon().of("set", "subject"):
        scope = scope.replace(word, "")
    return scope.strip(" 的里中按")


def _leaves(lines: list[tuple[str, float]], unit: str, env: Env, tables: set[str]) -> list[tuple[str, float]]:
    """Each line replaced by its own lines where it has some in the same table (301 工资福利支出 →
    30101 …); a project's lines in its own form are parts of it, not more projects."""
    out: list[tuple[str, float]] = []
    for name, amount in lines:
        found = _listing(name, env)
        below = found[1] if found is not None else None
        same_table = found is not None and {c.table for c in found[0].citations} <= tables
        if below is not None and same_table and below[1] == unit and below[0] \
                and name not in {n for n, _ in below[0]} and not _own_text(name, found[0]):
            out += below[0]
        else:
            out.append((name, amount))
    return out


def _own_text(name: str, listed: Answer) -> bool:
    """The parts were read out of the line's own text (专精特新企业梯度培育's 测算依据: 50 + 20 + 20
    + 10), every citation that line itself: a working of its amount, not lines printed below it."""
    cites = listed.citations
    return bool(cites) and all(c.row == name or c.row.endswith(f" {name}") for c in cites)


def _items(listed: Answer) -> tuple[list[tuple[str, float]], str] | None:
    """The lines of a listing answer: its table, else its stated figures (a total line left out)."""
    if listed.table is not None:
        header = " ".join(listed.table.columns)
        unit = next((u for u in UNIT_IN_HEADER if u in header), None)
        rows = [(str(r[0]), float(r[1])) for r in listed.table.rows if r[1] is not None]
        return (rows, unit) if unit else None
    money = [v for v in listed.values if v.unit in UNIT_IN_HEADER and "合计" not in v.label]
    if not money or len({v.unit for v in money}) != 1:
        return None
    return _top_level([(v.label, v.value) for v in money]), money[0].unit


CENT = 0.005
PARTS_MIN = 2  # one line equal to the next is a repeat, not a subtotal
WHOLE_WORD = re.compile(r"预算数?$|合计|总计|总额")
STEM = 2  # a subtotal and its parts begin with the same words (公务用车购置及运行费 → 公务用车购置费)


def _top_level(lines: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Stated lines one level deep: a line the next ones add up to (公务用车购置及运行费 = 购置费 +
    运行费) keeps its place and its parts go; a first line all the others add up to (三公经费预算数)
    is the whole, not one more item. Sentences carry no levels, only their arithmetic says them."""
    named = _named_parts(lines)
    out: list[tuple[str, float]] = []
    i = 0
    while i < len(lines):
        if i not in named:
            out.append(lines[i])
        i += 1 + _parts_after(lines, i)
    nonzero = [a for _, a in out[1:] if abs(a) > CENT]
    said_whole = bool(WHOLE_WORD.search(out[0][0])) if out else False
    if out and (len(nonzero) >= PARTS_MIN or said_whole) and len(out) > PARTS_MIN \
            and abs(out[0][1] - sum(a for _, a in out[1:])) < CENT:
        return out[1:]
    return out


def _named_parts(lines: list[tuple[str, float]]) -> set[int]:
    """0.00 = 0.00 + 0.00 says nothing: the parts of a zero subtotal are the zero lines written in
    its own words (公务用车购置费 and 公务用车运行费 of 公务用车购置及运行费), wherever they stand."""
    parts: set[int] = set()
    for name, amount in lines:
        if abs(amount) > CENT:
            continue
        inside = {j for j, (part, figure) in enumerate(lines)
                  if abs(figure) <= CENT and part != name and set(part) <= set(name)}
        if len(inside) >= PARTS_MIN:
            parts |= inside
    return parts


def _parts_after(lines: list[tuple[str, float]], i: int) -> int:
    """How many of the lines after line i add up to it (0 when it is no subtotal)."""
    name, amount = lines[i]
    if amount <= CENT:
        return 0
    total = 0.0
    for j in range(i + 1, len(lines)):
        if lines[j][0][:STEM] != name[:STEM]:
            return 0
        total += lines[j][1]
        if j - i >= PARTS_MIN and abs(total - amount) < CENT:
            return j - i
    return 0
