"""Which performance indicators one form (a 预算15表 project form, or 预算14表) sets: their names
with this year's value as printed, by 一级指标. The 年度 table is listed (it carries 预计当年实现);
a form with only a 长期 table lists that one.
"""

from __future__ import annotations

import re

from assistant.models import Answer
from assistant.pipeline.base import Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite

LIST_RE = re.compile(r"指标.{0,4}(?:有哪些|有什么|是哪些|都有啥|都是什么|有啥|列一下|列出来)"
                     r"|(?:哪些|什么)(?:绩效)?指标")
SHOWN = 40  # indicators named in one answer (预算14表 sets about fifty per table)


def asks_list(text: str) -> bool:
    return LIST_RE.search(text) is not None


def list_indicators(table_id: str, label: str, runner: Runner) -> Answer:
    rows = run(runner, "forms_indicators", table_id=table_id)
    if not rows:
        return not_found(f"{label}没有填写绩效指标。")
    horizon = "年度" if any(r["horizon"] == "年度" for r in rows) else "长期"
    rows = [r for r in rows if r["horizon"] == horizon]
    values = {v["indicator_id"]: v["raw"] for v in run(runner, "forms_indicator_values", table_id=table_id)
              if v["year_label"] == "当年"}
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for r in rows:
        name = str(r["name"])
        if name in seen:
            continue
        seen.add(name)
        raw = values.get(r["indicator_id"])
        groups.setdefault(str(r["level1"] or "其他"), []).append(f"{name}（{raw}）" if raw else name)
    shown = 0
    lines = []
    for level, names in groups.items():
        take = names[: max(SHOWN - shown, 0)]
        shown += len(take)
        if take:
            lines.append(f"{level}：" + "、".join(take))
    more = f"\n另有 {len(seen) - shown} 个指标未列出。" if len(seen) > shown else ""
    text = f"{label}的{horizon}绩效指标共 {len(seen)} 个（括号内为当年指标值）：\n" + "\n".join(lines) + more
    return answered(text, (), [safe_cite(runner, table_id, f"{label} {horizon}绩效指标", rows[0]["line_no"])],
                    [f"{label}有几个绩效指标？", f"{label}的年度目标有哪些？"])


__all__ = ["asks_list", "list_indicators"]
