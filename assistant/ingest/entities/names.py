"""Name helpers shared by entity matching and the audit: cleaning, normalising, similarity."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

# A name pair scoring at least this merges on the name alone: it admits reordered characters
# (科学事务管理 / 科学管理事务) and a trailing word (聘用人员 / 聘用人员工作), and stays above
# unrelated names of one department, which share words like 江汉区 or 服务 (they score < 70).
NAME_ALONE_MIN = 80.0
# With an equal amount or an equal 功能科目 as evidence a weaker name similarity suffices.
NAME_WITH_EVIDENCE_MIN = 50.0
# Two amounts are "equal" evidence when they differ by no more than this (万元, printed to 0.01).
AMOUNT_EQUAL = Decimal("0.005")
# partial_ratio ("is one name inside the other") only for names at least this long: short names
# are inside too many others.
PARTIAL_MIN_CHARS = 4
# Suffixes that vary freely between tables for the same item; stripped repeatedly.
NAME_SUFFIXES = ("支出", "费用", "经费", "项目", "资金", "费")
# Connective characters printed or dropped at will (研究与开发 / 研究开发).
NAME_FILLERS = re.compile(r"[的与和及、\s\u3000]")
_PUNCT = str.maketrans("（）【】［］：，", "()[][]:,")
# The helpers are pure and called on the same few hundred names many thousand times per document.
CACHE_SIZE = 1 << 16
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=CACHE_SIZE)
def clean(name: str) -> str:
    """Printed label without spaces (PDF line breaks put spaces inside names)."""
    return _SPACE.sub("", name or "")


@lru_cache(maxsize=CACHE_SIZE)
def normalise(name: str) -> str:
    """The comparable core of a name: half-width brackets, fillers and free suffixes removed."""
    text = NAME_FILLERS.sub("", clean(name).translate(_PUNCT))
    changed = True
    while changed:
        changed = False
        for suffix in NAME_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, changed = text[: -len(suffix)], True
    return text


@lru_cache(maxsize=CACHE_SIZE)
def similarity(a: str, b: str) -> float:
    """0..100 on normalised names: plain ratio, character-token sort (reordered characters) and,
    for long enough names, containment."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    scores = [fuzz.ratio(na, nb), fuzz.token_sort_ratio(" ".join(na), " ".join(nb))]
    if min(len(na), len(nb)) >= PARTIAL_MIN_CHARS:
        scores.append(fuzz.partial_ratio(na, nb))
    return float(max(scores))


def amounts_equal(a: Decimal | float | None, b: Decimal | float | None) -> bool:
    return a is not None and b is not None and abs(Decimal(str(a)) - Decimal(str(b))) <= AMOUNT_EQUAL
