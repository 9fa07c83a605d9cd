"""A line's figure in one source of funds: a unit's income by source (预算02表), the column of the fund
asked, a function line over every fund (the 支出总表), or the money carried over (结转) set apart."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import Match
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.tables_common import (
    DEFAULT_MEASURES,
    pick,
    rows_for,
)
from assistant.plan.columns import columns_fund
from assistant.query.total import GRANTS

INCOME_TABLE = "预算02表"  # 收入预算总表: each unit's income by source


def unit_income(runner: Runner, m: Match, text: str,
                source: str | None = None) -> tuple[tuple[str, list], str] | None:
    """A unit's 收入 (by source where one is named: 事业收入, 政府性基金预算) from the income
    table; None when the question is not about income or the table has no such unit line. A source
    named as a line of its own (招商服务中心的事业收入 / 一般公共预算拨款) is that unit's column of it."""
    if m.kind != "unit" or ("收入" not in text and source is None) or "支出" in text:
        return None
    table_id, rows = rows_for(runner, m, (INCOME_TABLE,))
    if not rows:
        return None
    columns = {r["measure"] for r in rows if r["measure"] not in DEFAULT_MEASURES}
    said = source or text
    named = [c for c in columns for stem in (c, c.removesuffix("预算")) if len(stem) >= 4 and stem in said]
    column = max(named, key=len) if named else "合计"
    if source is not None and not any(r["measure"] == column and r["amount"] is not None for r in rows):
        return None  # a source the table has no figure of for the unit: never its whole income
    return (table_id, rows), column


SOURCE_KINDS = frozenset({"summary"})  # a line of the summary tables that is a source of income


def whole_asked(text: str) -> bool:
    """事业收入也算上: every source together is asked (knowledge/wholes.toml every_source_said)."""
    from assistant.plan.columns import wholes

    return any(w in text for w in wholes()["every_source_said"])


def unit_source(ents: list[Match], text: str) -> tuple[Match, Match] | None:
    """招商服务中心事业收入多少: one unit and one source of income said together (unit, source)."""
    units = [m for m in ents if m.kind == "unit"]
    sources = [m for m in ents if m.kind in SOURCE_KINDS]
    if len(ents) != 2 or len(units) != 1 or len(sources) != 1 or whole_asked(text):
        return None
    return units[0], sources[0]


def unit_column_whole(runner: Runner, m: Match, measure: str | None,
                       text: str) -> tuple[str, list[Row], str, str] | None:
    """A unit's 项目支出 with no fund said: its line of the table wholly inside that column
    (knowledge/wholes.toml [within]: 预算11表 is 项目支出), whose 合计 is every fund; the unit's
    column in a one-fund table (预算06表) is only part of it. (table, rows, 合计, the column)."""
    from assistant.plan.columns import column, wholes

    said = column(measure) if measure else None
    if m.kind != "unit" or said is None or columns_fund() in text:
        return None
    fund = None if whole_asked(text) else _fund_said(text)  # 政府性基金的也算上: every fund
    for table_id, inside in wholes()["within"].items():
        if inside == said:
            found, rows = rows_for(runner, m, (table_id,))
            if rows and fund is not None:
                # 商务局本级政府性基金项目支出: that fund's column of the unit's line, or nothing (never
                # the line's 合计 of every fund)
                cols = {r["measure"] for r in rows if fund in r["measure"] and r["amount"] is not None}
                return (found, rows, cols.pop(), f"{fund}{measure}") if len(cols) == 1 else None
            if rows and pick(rows, "合计") is not None:
                return found, rows, "合计", measure or ""
    return None


def _fund_said(text: str) -> str | None:
    """The one fund the question names (lexicon measure.fund), its longest word."""
    from assistant.tag import said_as

    said = {t.text for t in said_as(text, "measure", "fund")}
    return max(said, key=len) if len(said) == 1 else None


def fund_of(runner: Runner, m: Match, table_id: str, text: str) -> str:
    """预算06表 is 一般公共预算 only: a unit's column read there is said as that fund's column."""
    fund = columns_fund()
    return fund if m.kind == "unit" and fund in runner.title(table_id) and fund not in text else ""


ALL_FUNDS = "预算03表"  # the 支出总表: a function line over every fund (the seed role)


def every_fund(runner: Runner, m: Match, measure: str | None, text: str, table_id: str,
                rows: list[Row]) -> tuple[str, list[Row]]:
    """事业运行多少 with no fund said: where the 一般公共预算 table's figure for the line differs from
    the 支出总表's (other funds, 事业收入), the line over every fund is the answer; where they agree
    the 一般公共预算 table stays the citation."""
    unfunded = columns_fund() not in text
    if m.kind == "unit" and measure in (None, "合计") and table_id != INCOME_TABLE and unfunded:
        # 招商服务中心多少钱: the unit's line of the 收入预算总表 holds every source of its money
        found, every = rows_for(runner, m, (INCOME_TABLE,))
        mine, theirs = pick(rows, measure), pick(every, "合计")
        differ = mine is not None and theirs is not None and mine["amount"] != theirs["amount"]
        return (found, every) if differ else (table_id, rows)
    # 财政拨款的事业运行: never the line over every fund (事业收入 is no 财政拨款)
    granted = GRANTS in text
    if m.kind != "function" or table_id == ALL_FUNDS or columns_fund() in text or granted \
            or not _other_funds(runner):
        return table_id, rows
    found, every = rows_for(runner, m, (ALL_FUNDS,))
    mine, theirs = pick(rows, measure), pick(every, measure)
    if mine is None or theirs is None or mine["amount"] == theirs["amount"]:
        return table_id, rows
    return found, every


def _other_funds(runner: Runner) -> bool:
    """The budget has money besides 一般公共预算 (the two tables' 合计 differ): only then can a
    line's two figures differ. Read once per document (the template names only the document)."""
    totals = {}
    for r in runner.run("li_fund_totals"):
        totals.setdefault(r["table_id"], r["amount"])
    return len(totals) < 2 or len(set(totals.values())) > 1


def fund_column(runner: Runner, m: Match, tables: Sequence[str]) -> tuple[str, list[Row], str] | None:
    """招商引资专项经费的一般公共预算: words of one fund's tables said of a project those tables do not
    list — the column of that fund in the project's own row (本年拨款/一般公共预算), when every
    table named is that fund's and the row has exactly one such column of this year's money."""
    table_id, rows = rows_for(runner, m)
    titles = [runner.title(t) for t in tables]
    columns = {str(r["measure"]) for r in rows if r.get("measure")}
    said = [c for c in columns if all(c.split("/")[-1] in t for t in titles)
            and not any(w in c for w in CARRIED_OVER)]
    return (table_id, rows, said[0]) if rows and len(said) == 1 else None


CARRIED_OVER = ("结转", "结余")  # last year's money carried over: not this year's fund


def column_said(measure: str) -> str:
    """本年拨款/一般公共预算 (a column under its group's heading) as said: 一般公共预算（本年拨款）."""
    group, _, column = measure.rpartition("/")
    return f"{column}（{group}）" if group else measure
