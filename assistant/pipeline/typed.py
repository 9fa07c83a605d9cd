"""What the user typed as digits: the codes of lines and projects, and the money figures (in 万元)."""

from __future__ import annotations

import re

_PROJECT_CODE = re.compile(r"\d{6,}[A-Z]\d{6,}")
_ITEM_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{8}(?!\d)")
_CODE = re.compile(r"(?<![\d.,])\d{3,7}(?![\d.,%])")
_FIGURE = re.compile(r"(?<![\dA-Za-z])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|万|元)?")


def typed_codes(text: str, years: list[int]) -> list[str]:
    """Codes the user typed: a project's or an item's, a 科目 code (never a year, a figure or a count)."""
    codes = _PROJECT_CODE.findall(text) + _ITEM_CODE.findall(text)
    for m in _CODE.finditer(text):
        after = text[m.end(): m.end() + 2]
        if int(m.group(0)) in years and (after.startswith("年") or len(m.group(0)) == 4):
            continue
        if after[:1] in ("万", "元", "个", "台", "家", "次", "人", "项", "套", "亿"):
            continue
        if not any(m.group(0) in c for c in codes):
            codes.append(m.group(0))
    return codes


def typed_figures(text: str, codes: list[str], years: list[int]) -> list[float]:
    """Money figures the user typed, in 万元 (123.45万元, 1,234,500元, 678.9)."""
    out: list[float] = []
    for m in _FIGURE.finditer(text):
        whole, frac, unit = m.group(1), m.group(2) or "", m.group(3)
        digits = whole.replace(",", "")
        if not frac and not unit:
            if digits in codes or int(digits) in years or len(digits) < 3 or len(digits) > 7:
                continue
            if text[m.end(): m.end() + 1] in ("年", "个", "台", "家", "次", "项", "人", "月", "日", "号"):
                continue
        if not frac and unit is None and digits in codes:
            continue
        value = float(digits + frac)
        if unit == "元":
            value = value / 10000
        elif unit == "亿元":
            value = value * 10000
        out.append(round(value, 6))
    return out
