"""Shared helpers of the table intents: which table answers which kind, rows of an entity,
the measure (column) a question asks for, money formatting and citations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.models import Citation, Match, Question, Value
from assistant.pipeline.base import Row, Runner, cite, fmt_amount, fmt_number
from assistant.pipeline.knowledge import Knowledge, load_knowledge
from assistant.pipeline.units import FACTORS, convert, current_unit
from assistant.settings import SETTINGS

# The most specific table first: 功能科目 amounts -> 预算05表, economic -> 预算07表, projects ->
# 预算11表; 预算01/04表 carry the 类 lines and the income side.
PREFERRED: dict[str, tuple[str, ...]] = {
    "function": ("预算05表", "预算03表", "预算01表", "预算04表"),
    "economic": ("预算07表",),
    "project": ("预算11表",),
    "unit": ("预算06表", "预算11表"),
    "summary": ("预算01表", "预算04表"),
}
TABLE_KINDS = frozenset(PREFERRED)
DEFAULT_MEASURES = ("合计", "预算数")
TABLE_WORD = re.compile(r"(?:预算)?总?表")
# Columns that are part of another column (人员经费 + 公用经费 = 基本支出).
PARENT_MEASURE = {"人员经费": "基本支出", "公用经费": "基本支出"}


def knowledge() -> Knowledge:
    return load_knowledge()


def table_matches(matches: Sequence[Match], q: Question | None = None) -> list[Match]:
    """Entities with rows in line_items, one per span: 住房公积金 is both a 功能科目 and an
    经济科目; the kind listed first in PREFERRED wins unless the question names the
    classification (住房公积金在经济分类里 -> economic)."""
    order = list(PREFERRED)
    if q is not None:
        k = knowledge()
        named = [kind for word, kind in k.kind_words.items() if word in q.text]
        if named:
            order.remove(named[0])
            order.insert(0, named[0])
    out: list[Match] = []
    for m in matches:
        if m.kind not in TABLE_KINDS:
            continue
        same = next((o for o in out if o.span == m.span and o.span is not None), None)
        if same is None:
            out.append(m)
        elif order.index(m.kind) < order.index(same.kind):
            out[out.index(same)] = m
    return out


def measures_of(q: Question, k: Knowledge | None = None, matches: Sequence[Match] = ()) -> list[str]:
    """The columns asked for, in the order asked; a measure word inside a matched name
    (聘用人员经费) does not count."""
    k = k or knowledge()
    text = q.text
    for m in matches:
        if m.span and m.kind not in ("narrative", "term") and m.alias not in k.measures:
            start, end = m.span
            while end < len(q.text) and q.text[start: end + 1] in m.name:
                end += 1  # 聘用人员经费 read by its alias 聘用: the rest of the name said is the name too
            text = text[:start] + " " * (end - start) + text[end:]
    found: list[tuple[int, str]] = []
    for word in sorted(k.measures, key=len, reverse=True):
        for at in [i for i in range(len(text)) if text.startswith(word, i)]:
            if TABLE_WORD.match(text, at + len(word)):
                continue  # 基本支出表 / 项目支出预算表 names a table, not its column
            if not any(s <= at < s + n for s, n in ((p, len(w)) for p, w in found)):
                found.append((at, word))
    out: list[str] = []
    for _, word in sorted(found):
        if k.measures[word] not in out:
            out.append(k.measures[word])
    # 基本支出人员经费 / 基本支出中的公用经费: the column inside 基本支出 is the one asked for.
    return [m for m in out if not any(PARENT_MEASURE.get(o) == m for o in out)]


def measure_of(q: Question, k: Knowledge | None = None, matches: Sequence[Match] = ()) -> str | None:
    found = measures_of(q, k, matches)
    return found[0] if found else None


def named_tables(matches: Sequence[Match]) -> list[str]:
    """The line-item tables the question names (预算07表, 基本支出表), best first."""
    tables = sorted((m for m in matches if m.kind == "table" and ":rows:" in m.entity_id),
                    key=lambda m: (-m.score, m.code or ""))
    # the best-scored name only: 项目支出表 is 预算11表 (项目支出预算表) before 预算15表
    top = tables[0].score if tables else 0
    return list(dict.fromkeys(m.code for m in tables if m.code and m.score >= top))


def rows_for(runner: Runner, m: Match, tables: Sequence[str] | None = None) -> tuple[str, list[Row]]:
    """The rows (all columns) of an entity in the first table that has it."""
    for table_id in tables or PREFERRED.get(m.kind, ()):
        rows: list[Row] = []
        if m.code and m.kind != "summary":
            rows = runner.run("li_by_code", table_id=table_id, code=m.code)
        if not rows:
            rows = runner.run("li_by_name", table_id=table_id, name=m.name)
        if rows:
            return table_id, rows
    return "", []


def pick(rows: Sequence[Row], measure: str | None) -> Row | None:
    wanted = (measure,) if measure else DEFAULT_MEASURES
    for w in wanted:
        for r in rows:
            if r["measure"] == w:
                return r
    if measure is None and rows:
        return rows[0]
    return None


def money(value: Decimal | float | None, unit: str | None = None) -> str:
    return f"{fmt_amount(value)} {unit or current_unit()}"


def value(amount: Decimal | float, label: str, unit: str | None = None) -> Value:
    """unit None: the money unit of the rows read; "" is a plain count (采购数量), never money."""
    return Value(value=round(float(amount), 2), unit=current_unit() if unit is None else unit, label=label)


def percent(part: Decimal | float, whole: Decimal | float) -> float:
    return round(100.0 * float(part) / float(whole), 2)


def pct(v: float) -> str:
    return f"{fmt_number(v)}%"


def row_label(row: Row) -> str:
    code = row.get("code")
    name = row.get("name") or row.get("item_name") or ""
    return f"{code} {name}" if code and row.get("code_kind") in ("function", "economic") else name


def cite_row(runner: Runner, table_id: str, row: Row) -> Citation:
    return cite(runner, table_id, row_label(row), int(row["line_no"]))


def approx_note(m: Match) -> str:
    """Say how a near-miss was read, so a typo never silently becomes another item."""
    return f"（按“{m.name}”理解）" if m.score < SETTINGS.match_threshold else ""


def year_label(runner: Runner) -> str:
    return f"{runner.year}年"


def unit_conversion(
    amount: Decimal | float, unit_request: str | None, label: str, unit: str | None = None
) -> tuple[str, list[Value]]:
    """'多少元' -> also state the figure in the unit asked (and keep the one the document prints):
    '371,514,655.00 元，即 37,151.47 万元'."""
    unit = unit or current_unit()
    if not unit_request or unit_request == unit or unit_request not in FACTORS or unit not in FACTORS:
        return "", []
    converted = convert(amount, unit, unit_request)
    if unit_request == "元":
        return f"，即 {converted:,.0f} 元", [value(converted, label, "元")]
    if unit_request == "亿元":
        yi = round(converted, 6)
        return f"，即 {fmt_number(yi)} 亿元", [Value(value=yi, unit="亿元", label=label)]
    return f"，即 {converted:,.2f} {unit_request}", [value(converted, label, unit_request)]


def has_any(text: str, group: str, k: Knowledge | None = None) -> bool:
    return (k or knowledge()).has(group, text)


def stash(ms: Sequence[Match]) -> dict[str, object]:
    """What answer() needs of the matches (it only sees the intent): ids and the matches."""
    return {"entities": [m.entity_id for m in ms], "matches": [m.model_dump() for m in ms]}


def unstash(params: dict[str, object]) -> list[Match]:
    return [Match(**d) for d in params.get("matches", [])]  # type: ignore[union-attr]


def longest_run(a: str, b: str) -> int:
    """The length of the longest run of `a` that `b` contains."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best
