"""The years a question names: 2024年, the knowledge's time words (今年, 去年, 上年度), and a year
said with two digits (24年预算, 25年度) — read as 2024 / 2025, the way officials write them."""

from __future__ import annotations

import re

from assistant.pipeline.knowledge import Knowledge, _alternation

# A year, unless it is part of a document number (江招组[2017]1号, 江政【2025】4号).
YEAR = re.compile(r"(?<![\d.\[〔【(（])((?:19|20)\d{2})(?=年|\D|$)(?![\d.万元\]〕】)）])")
# 24年 / 25年度: two digits of this century's budgets; never a length of time (近10年, 前2年, 20年来,
# 30年以内) nor part of a longer figure
SHORT_YEAR = re.compile(r"(?<![\d.,近这前后第过几每头满])(1[5-9]|2\d|3[0-5])"
                        r"(?=年度?(?!来|以来|内|以内|之内|间|左右))")


# 截至2023年8月底: the day a statement of holdings (国有资产) is dated — no year a figure is asked of
DATE_STAMP = re.compile(r"(?:截至|截止到?)(?:(?:(?:19|20)?\d{2}年)?\d{1,2}月(?:底|末|份|\d{1,2}[日号])?"
                        r"|(?:19|20)?\d{2}年(?:底|末))[,，]?")


def resolve_time(text: str, k: Knowledge, year: int) -> tuple[str, list[int]]:
    """The text with every time word said as its year, and the years in the order said."""
    years: list[int] = []
    text = SHORT_YEAR.sub(r"20\1", DATE_STAMP.sub("", text))
    pattern = _alternation(k.time_words.keys())
    if pattern is not None:
        def repl(m: re.Match[str]) -> str:
            if any(text.startswith(p, m.start()) for p in k.time_keep):
                return m.group(0)  # part of a name (上年结转结余)
            resolved = year + int(k.time_words[m.group(0)])
            years.append(resolved)
            suffix = "年度" if m.group(0).endswith("年度") else "年"
            return f"{resolved}{suffix}"

        text = pattern.sub(repl, text)
    for m in YEAR.finditer(text):
        value = int(m.group(1))
        if value not in years:
            years.append(value)
    return text, years
