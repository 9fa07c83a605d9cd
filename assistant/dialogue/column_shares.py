"""A column of a total the turn before stated (面向中小企业, 面向小微企业; 基本支出, 人员经费): which
figure a follow-up's share is of, and whether it names a column no figure before it is of."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.stated import MONEY, value
from assistant.query.model import Value

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn

TOTAL_LABEL = re.compile(r"合计|总计")


def column_in_total(turn: Turn) -> tuple[Value, Value] | None:
    """A turn that gave a total and its columns, asked for one column (其中面向小微企业的呢)."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    totals = [r for r in money if TOTAL_LABEL.search(str(r["label"]))]
    asked = [r for r in money if r not in totals and str(r["label"]) in turn.question]
    if len(totals) != 1 or len(asked) != 1 or float(asked[0]["amount"]) > float(totals[0]["amount"]):
        return None
    return value(asked[0]), value(totals[0])


def named_whole(text: str, turn: Turn, pair: tuple[Value, Value]) -> tuple[Value, Value]:
    """占面向中小企业的比例: the other column of the turn named as the whole, else the total."""
    named = [r for r in turn.results if r["unit"] in MONEY and str(r["label"]) in text
             and str(r["label"]) != pair[0].label and float(r["amount"]) >= pair[0].amount]
    return (pair[0], value(named[0])) if len(named) == 1 else pair


def named_part(text: str, turn: Turn, pair: tuple[Value, Value]) -> tuple[Value, Value]:
    """面向小微企业的占采购总额百分之多少 after 面向中小企业的有多少: the column named now is the part,
    never the one asked before (the total stays the whole)."""
    said = text.split("占")[0]  # (a column said after 占 is the whole: named_whole)
    money = [r for r in turn.results if r["unit"] in MONEY and not TOTAL_LABEL.search(str(r["label"]))]
    named = [r for r in money if str(r["label"]) != pair[0].label and _core_label(str(r["label"])) in said]
    return (value(named[0]), pair[1]) if len(named) == 1 else pair


def other_column_in_it(text: str, turn: Turn) -> tuple[Value, Value] | None:
    """它 is the column the turn before asked; the column named now (小微 of 面向小微企业) is the part."""
    asked = column_in_total(turn)
    if asked is None or "它" not in text:
        return None
    money = [r for r in turn.results if r["unit"] in MONEY and not TOTAL_LABEL.search(str(r["label"]))]
    named = [r for r in money if str(r["label"]) != asked[0].label and _core_label(str(r["label"])) in text]
    if len(named) != 1 or float(named[0]["amount"]) > asked[0].amount:
        return None
    return value(named[0]), asked[0]


COLUMN_VALUES = frozenset({"sme", "micro", "basic", "project", "personnel", "public"})


def column_not_given(tags: tuple, given: tuple[Value, ...]) -> bool:
    """A column the follow-up names (小微, 人员经费) that no figure before it is of."""
    named = [t.text for t in tags if t.kind == "measure" and t.value in COLUMN_VALUES]
    return any(not any(w in v.label or _core_label(w) in v.label for v in given) for w in named)


def _core_label(label: str) -> str:
    """面向小微企业 → 小微: the words that tell one column from another."""
    return label.removeprefix("面向").removesuffix("企业") or label
