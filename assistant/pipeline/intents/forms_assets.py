"""预算15表 项目资产配置计划及采购计划: the 品名 / 数量 / 金额 rows a project form lists (or that
it lists none). The amount is printed as text in the form's unit (1666.88 万): its figure is
stated in that unit."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, run, safe_cite, value

FIELD = "项目资产配置计划"
_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(万元|万|元)?\s*$")


def assets_answer(forms: Sequence[Row], runner: Runner) -> Answer:
    rows = run(runner, "forms_assets")
    unit = getattr(runner, "unit", None) or "万元"
    parts, vals, cites = [], [], []
    for form in forms[:4]:
        tid, pname = form["table_id"], form["project_name"]
        mine = [r for r in rows if r["table_id"] == tid]
        if not mine:
            parts.append(f"{pname}（{tid}）的项目资产配置计划及采购计划为空（未列品名）。")
            cites.append(safe_cite(runner, tid, f"{pname} 项目资产配置计划及采购计划", form["line_start"]))
            continue
        items = []
        for r in mine:
            m = _AMOUNT.match(str(r["amount"] or ""))
            qty = f"数量 {fmt_number(r['quantity'])}" if r["quantity"] is not None else "数量未填"
            items.append(f"{r['name']}，{qty}，金额 {r['amount'] or '未填'}")
            if m:
                amount_unit = {"万": "万元", None: unit}.get(m.group(2), m.group(2))
                vals.append(value(float(m.group(1)), amount_unit, f"{pname} 资产配置 {r['name']}"))
            cites.append(safe_cite(runner, tid, f"{pname} 资产配置 {r['name']}", r["line_no"]))
        parts.append(f"{pname}（{tid}）的项目资产配置计划及采购计划：" + "；".join(items) + "。")
    first = forms[0]["project_name"]
    return answered("\n".join(parts), vals, cites, [f"{first}的支出明细有哪些？", f"{first}的负责人是谁？"])


__all__ = ["FIELD", "assets_answer"]
