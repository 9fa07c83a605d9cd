"""The columns of the budget (基本支出, 项目支出, 人员经费, 公用经费), declared once in
knowledge/wholes.toml, and the word that says one (the lexicon's measure words)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.query.model import Subject
from assistant.settings import SETTINGS
from assistant.tag import load_lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row, Runner


@lru_cache(maxsize=1)
def wholes() -> dict[str, Any]:
    with (SETTINGS.knowledge_dir / "wholes.toml").open("rb") as f:
        return tomllib.load(f)


def column(text: str) -> str | None:
    """The budget column a subject is, said as the lexicon knows it (项目支出 → project)."""
    said = load_lexicon().words.get(text)
    if said is None or said[0] != "measure" or said[1] not in wholes()["columns"]:
        return None
    return str(said[1])


def column_values() -> frozenset[str]:
    """The lexicon measure values that are columns of the budget (basic, project, …)."""
    return frozenset(wholes()["columns"])


def unfunded(said: Subject) -> Subject:
    """一般公共预算公用经费 (as the answer before labelled it): a column printed only in that fund's
    tables, said without the fund — the share's rules read both figures in that table again."""
    fund = str(wholes()["columns_fund"])
    bare = said.text.removeprefix(fund)
    if bare == said.text or column(bare) is None or column(bare) in wholes()["all_funds_columns"]:
        return said  # 一般公共预算项目支出 is not 项目支出: the tables print that column for every fund
    return said.model_copy(update={"text": bare, "label": said.label or said.text})


FUND_TAILS = ("拨款收入", "拨款", "支出", "预算", "收入")


def one_fund(text: str) -> bool:
    """一般公共预算 / 一般公共预算支出 / 一般公共预算拨款(收入): the one fund's whole, however said."""
    fund = str(wholes()["columns_fund"]).removesuffix("预算")
    bare = text
    for tail in FUND_TAILS:
        bare = bare.removesuffix(tail)
    return bare.removesuffix("预算") == fund


def as_fund(said: Subject) -> Subject:
    """A whole said as the fund in any of its words is the fund (its spending and its 拨款 agree)."""
    return said.model_copy(update={"text": str(wholes()["columns_fund"])}) if one_fund(said.text) else said


def columns_fund() -> str:
    """The fund whose own tables print the other columns (knowledge/wholes.toml columns_fund): a
    分单位 table of that fund says so in its title."""
    return str(wholes()["columns_fund"])


def source_said(text: str, measure: str | None) -> str | None:
    """An income source or fund the question says a total is of (事业收入安排的人员经费)."""
    return next((w for w in wholes()["sources"] if w in text and (not measure or w not in measure)), None)


def all_funds_total(runner: Runner, measure: str, text: str,
                    fund_said: bool = False) -> tuple[Row | None, str, str]:
    """项目支出多少 with no fund said: the whole budget's column, every fund (knowledge/wholes.toml:
    the all-funds table and the columns it prints) — never one fund's column as if it were the
    whole; 一般公共预算项目支出 keeps the fund's own table."""
    table_id = wholes()["all_funds_table"]
    if fund_said or columns_fund() in text or column(measure) not in wholes()["all_funds_columns"]:
        return None, table_id, measure
    rows = [r for r in runner.run("li_totals", table_id=table_id) if r["level"] in ("合计", "总计")]
    return next((r for r in rows if r["measure"] == measure), None), table_id, measure
