"""Tables named in a question: a table's name shortened by leaving words out (政府购买服务预算 for
政府向社会力量购买服务预算), or a run of its title typed with the word 表 after it (基本支出表)."""

from __future__ import annotations

import re

from assistant.pipeline.entries import Entry
from assistant.pipeline.match_pieces import abbreviates

ABBREV_MIN_LEN, ABBREV_SCORE = 6, 85.0  # a table name shortened by leaving words out
TABLE_WORD_MIN, TABLE_WORD_MAX_GAP = 4, 5  # 基本支出表: ≥4 title characters, then 表


class TableNames:
    """The tables of the catalogue, by name and by printed title."""

    def __init__(self, names: list[Entry]) -> None:
        self._tables = [e for e in names if e.kind == "table" and len(e.key) >= ABBREV_MIN_LEN + 2]
        # Each table once with its printed title (year, qualifier and quotes left out, 表 kept).
        titled: dict[str, tuple[Entry, str]] = {}
        for e in names:
            if e.kind == "table" and e.code not in titled:
                # a trailing (分功能科目) qualifies the title; an inner (绩效目标) is part of it
                title = re.sub(r"^\s*\d{4}\s*年|[（(][^()（）]*[）)]\s*$|[“”\"\s()（）]", "", e.name).lower()
                titled[e.code or ""] = (e, title)
        self._titles = [t for t in titled.values() if t[1].endswith("表")]

    def found(self, text: str) -> list[tuple[float, Entry, tuple[int, int]]]:
        """政府购买服务预算 for 政府向社会力量购买服务预算: a stretch of the question that starts and
        ends like a table's name and whose characters all appear in it, in order."""
        out = []
        for e in self._tables:
            first, last = e.key[0], e.key[-1]
            for i in (i for i, ch in enumerate(text) if ch == first):
                for j in range(len(text) - 1, i + ABBREV_MIN_LEN - 2, -1):
                    if text[j] == last and abbreviates(text[i: j + 1], e.key):
                        out.append((ABBREV_SCORE, e, (i, j + 1)))
                        break
        out.extend(self._word_names(text))
        return out

    def _word_names(self, text: str) -> list[tuple[float, Entry, tuple[int, int]]]:
        """基本支出表 / 项目支出表: a run of the title typed with the word 表 after it. The word 表
        is what makes 基本支出 a table here rather than a column, so the run (≥4 characters)
        must sit contiguously in a title ending in 表; the fewer title characters skipped
        before 表 the better (项目支出表 is 项目支出预算表 before 项目支出(绩效目标)申报表)."""
        out = []
        for j in (j for j, ch in enumerate(text) if ch == "表" and j >= TABLE_WORD_MIN):
            best: dict[str, tuple[float, Entry, tuple[int, int]]] = {}
            for e, title in self._titles:
                for i in range(0, j - TABLE_WORD_MIN + 1):  # longest run first
                    run = text[i:j]
                    pos = title.rfind(run)
                    if pos < 0:
                        continue
                    gap = len(title) - 1 - (pos + len(run))
                    score = ABBREV_SCORE - min(gap, TABLE_WORD_MAX_GAP)
                    if e.code not in best or best[e.code][0] < score:
                        best[e.code or ""] = (score, e, (i, j + 1))
                    break
            out.extend(best.values())
        return out
