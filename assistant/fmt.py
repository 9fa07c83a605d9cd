"""How figures and labels are printed — one place for the pipeline's text and the app.

The document's tables print money as 7,965.69 (thousands separators, two decimals) while its
prose writes 7965.69; a reader should meet one style everywhere (card, text, table, CSV), so
every money figure is printed the tables' way. Measure names stored in the database
(`narrative_facts.measure`: amount, change, rate …) are data keys, never shown: `measure_label`
turns them into the Chinese a reader expects.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MONEY_UNITS = frozenset({"元", "万元", "亿元"})

# narrative_facts.measure -> the words a reader sees after the subject (by sign where it matters)
_MEASURES: dict[str, tuple[str, str, str]] = {  # (positive, negative, zero/unknown)
    "amount": ("", "", ""),
    "change": ("增加额", "减少额", "增减额"),
    "rate": ("增长率", "下降率", "增减率"),
    "share": ("占比", "占比", "占比"),
    "count": ("数量", "数量", "数量"),
    "area": ("面积", "面积", "面积"),
}
_TRAILING_MEASURE = re.compile(rf"\s*\b({'|'.join(_MEASURES)})\s*$")

# A figure in prose followed by a money unit of the tables (万元/亿元). Plain 元 is left alone:
# prose quotes prices such as "1200元/人" that the document never prints as 1,200.00.
_MONEY_IN_TEXT = re.compile(r"(?<![\d.,０-９A-Za-z])(-?\d[\d,]*(?:\.\d+)?)(\s*)(万元|亿元)")
# Any other figure with decimals and four or more integer digits (169010.64 in an audit message,
# 7174.22÷7965.69 in a worked share): separators added, decimals kept. Codes, years and phone
# numbers have no decimal point and are never touched.
_LONG_DECIMAL = re.compile(r"(?<![\d.,０-９A-Za-z])(\d{4,15})(\.\d+)(?![\d.])")


def amount(value: Decimal | float | int | None) -> str:
    """Money as the document's tables print it: 7,965.69 (无 when the cell is empty)."""
    if value is None:
        return "无"
    return f"{float(value):,.2f}"


def number(value: Decimal | float | int) -> str:
    """Counts and percentages without trailing zeros (25.01, 6, 95)."""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def figure(value: Decimal | float | int, unit: str) -> str:
    """A figure with its unit: 7,965.69 万元, 25.01 %, 6 次."""
    text = amount(value) if unit in MONEY_UNITS else number(value)
    return f"{text} {unit}".strip()


MAX_DIGITS = 15  # longer figures are not amounts of a budget (and float would round them)


def _money(match: re.Match[str]) -> str:
    raw = match.group(1).replace(",", "")
    if len(raw.lstrip("-").split(".")[0]) > MAX_DIGITS:
        return match.group(0)
    try:
        value = Decimal(raw)
        if value != value.quantize(Decimal("0.01")):
            return match.group(0)  # more decimals than the tables print: leave the document's figure
    except InvalidOperation:
        return match.group(0)
    return f"{amount(value)}{match.group(2)}{match.group(3)}"


def money_in_text(text: str) -> str:
    """Figures in a sentence printed as the tables print them: 7965.69 万元 -> 7,965.69 万元,
    4500 万元 -> 4,500.00 万元, 169010.64 -> 169,010.64."""
    text = _MONEY_IN_TEXT.sub(_money, text)
    return _LONG_DECIMAL.sub(lambda m: f"{int(m.group(1)):,}{m.group(2)}", text)


def measure_label(subject: str, measure: str, value: Decimal | float | int | None = None) -> str:
    """三公经费预算 + amount -> 三公经费预算; 收支总预算 + change (+) -> 收支总预算增加额."""
    words = _MEASURES.get(measure)
    if words is None:
        return subject
    sign = 0 if value is None else (Decimal(str(value)) > 0) - (Decimal(str(value)) < 0)
    suffix = words[0] if sign > 0 else words[1] if sign < 0 else words[2]
    return f"{subject}{suffix}"


def display_label(label: str) -> str:
    """A value label as shown: a trailing stored measure key ("… amount") becomes Chinese."""
    found = _TRAILING_MEASURE.search(label)
    if found is None:
        return label
    return measure_label(label[: found.start()].rstrip(), found.group(1))
