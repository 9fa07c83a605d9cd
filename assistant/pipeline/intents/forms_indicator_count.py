"""How many performance indicators one form (a 预算15表 project form, or 预算14表) sets.

A form's indicators are the document year's; its value columns (前年/上年) are no list of
indicators of those years, so a count for another year is declined, never the document year's
count given as that year's.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.models import Answer
from assistant.pipeline.base import Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value

# the count must be of the indicators: '奖励企业数量上年指标是多少' asks for one indicator's value
COUNT_RE = re.compile(r"(?:几|多少)[个项条]?(?:绩效)?指标|指标(?:的)?(?:个数|总数)|指标有(?:几|多少)[个项条]")
LISTED = 12  # indicator names shown in one answer; the rest are counted only


def asks_count(text: str) -> bool:
    return COUNT_RE.search(text) is not None


def count_indicators(table_id: str, label: str, years: list[int], runner: Runner) -> Answer:
    other = [y for y in dict.fromkeys(years) if y != runner.year]
    if other:
        return not_found(
            f"{label}的绩效指标是{runner.year}年申报的，表中没有{other[0]}年的指标清单"
            f"（“前年/上年”栏只是同一指标往年的指标值），因此无法回答{other[0]}年有几个指标。",
            [f"{label}有几个绩效指标？"],
        )
    rows = run(runner, "forms_indicators", table_id=table_id)
    if not rows:
        return not_found(f"{label}没有填写绩效指标。")
    # the 长期 and 年度 tables usually repeat the same indicators: count each table and the names
    horizons = Counter(str(r["horizon"]) for r in rows)
    distinct = list(dict.fromkeys(str(r["name"]) for r in rows))
    parts = "、".join(f"{h}目标表 {n} 个" for h, n in horizons.items())
    # by 一级指标 (产出/效益/满意度 …) for one table; the rows of a single table are distinct
    levels = "、".join(f"{k} {n} 个" for k, n in Counter(str(r["level1"] or "其他") for r in rows).items())
    names = "、".join(distinct[:LISTED]) + (
        f"等（另有 {len(distinct) - LISTED} 个）" if len(distinct) > LISTED else ""
    )
    text = f"{label}列有绩效指标：{parts}"
    text += f"（两表共 {len(distinct)} 个不同名称的指标）" if len(horizons) > 1 else f"（{levels}）"
    text += f"：{names}。"
    vals = [value(n, "个", f"{label} {h}目标 绩效指标个数") for h, n in horizons.items()]
    if len(horizons) > 1 and len(distinct) not in horizons.values():
        vals.append(value(len(distinct), "个", f"{label} 不同名称的绩效指标"))
    cites = [safe_cite(runner, table_id, f"{label} 绩效指标", rows[0]["line_no"])]
    return answered(text, vals, cites, [f"{label}的年度目标有哪些？"])


__all__ = ["asks_count", "count_indicators"]
