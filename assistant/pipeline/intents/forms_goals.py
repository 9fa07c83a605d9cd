"""The goals (长期/年度 目标N) of 预算14表 and of each 预算15表 form, as printed, with a few of
the indicators under a single goal so the user can ask on."""

from __future__ import annotations

from typing import Any

from assistant.models import Answer
from assistant.pipeline.base import Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite

TABLE14 = "预算14表"


def goals(p: dict[str, Any], tables: list[str], runner: Runner) -> Answer:
    rows = run(runner, "forms_goals")
    for table_id in tables:
        # 长期 before 年度, as the forms print them
        mine = sorted(
            (r for r in rows if r["table_id"] == table_id),
            key=lambda r: (r["horizon"] != "长期", r["goal_no"]),
        )
        if p.get("horizon"):
            mine = [r for r in mine if r["horizon"] == p["horizon"]]
        if p.get("goal_no"):
            mine = [r for r in mine if r["goal_no"] == p["goal_no"]]
        if not mine:
            continue
        where = "部门整体绩效目标表" if table_id == TABLE14 else f"{table_id}"
        text = f"{where}的绩效目标：\n" + "\n".join(
            f"{r['horizon']}目标{r['goal_no']}：{r['text']}" for r in mine[:12]
        )
        cites = [
            safe_cite(runner, r["table_id"], f"{r['horizon']}目标{r['goal_no']}", r["line_no"])
            for r in mine[:12]
        ]
        inds = run(runner, "forms_indicators", table_id=table_id)
        sample = [
            i["name"]
            for i in inds
            if i["horizon"] == mine[0]["horizon"] and i["goal_no"] == mine[0]["goal_no"]
        ][:3]
        if len(mine) == 1 and sample:
            text += f"\n该目标下的指标包括：{'、'.join(sample)}等。"
        return answered(
            text, (), cites, [f"{s}要求多少？" for s in sample[:2]] or ["部门的年度工作任务有哪些？"]
        )
    return not_found("绩效目标表中没有找到这个目标。")
