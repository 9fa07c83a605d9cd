"""The budget's total as the 说明 states it: this year's (with the tables' 收入/支出总计 beside it) and a
year before's, worked back from the change the 说明 prints, with what 预算14表 prints for that year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.narrative_common import topic_rows, total_text
from assistant.query.model import BACK_COMPUTED


def base_year(r: Row, runner: Runner) -> int:
    """The year a change is measured against: '比 2025 年预算增加' -> 2025 (else the prior year)."""
    m = re.search(r"(?:比|较|与)\s*(\d{4})\s*年", str(r.get("sentence") or ""))
    return int(m.group(1)) if m else runner.year - 1


def current_total(rows: Sequence[Row], runner: Runner) -> Answer | None:
    """This year's total as the narrative states it, with 预算01表's 收入总计/支出总计 beside it."""
    fact = next((r for r in rows if r["measure"] == "amount" and r["year"] == runner.year), None)
    if fact is None:
        return None
    totals = run(runner, "narr_grand_totals")
    text = f"{runner.year}年{fact['subject']} {fmt_number(fact['value'])} {fact['unit']}（{fact['part']}）。"
    cites = [safe_cite(runner, fact["part"], fact["subject"], fact["line_no"])]
    if totals:
        # each figure in the unit printed where it stands (a table in 元 beside a narrative in 万元)
        unit = fact["unit"]
        listing = "、".join(f"{t['name']} {fmt_number(t['amount'])} {t.get('unit') or unit}" for t in totals)
        text += f"{totals[0]['table_id']}（收支预算总表）：{listing}。"
        cites += [safe_cite(runner, t["table_id"], t["name"], t["line_no"]) for t in totals]
    vals = [value(fact["value"], fact["unit"], f"{runner.year}年{fact['subject']}")]
    side = next((w[:2] for w in ("收入预算", "支出预算") if str(fact["subject"]).endswith(w)), None)
    same = [t for t in totals if side and str(t["name"]).startswith(side)]
    if len(same) == 1:
        # 收入预算 asked: the table's 收入总计 is that figure as printed to the cent (the text
        # gives the narrative's rounded 万元 beside it); one figure, not the same sum twice
        vals = [value(same[0]["amount"], same[0].get("unit") or fact["unit"], str(same[0]["name"]))]
    return answered(text, vals, cites, ["收支总预算比上年增加多少？", "去年总预算是多少？"])


def _whole_source_change(amount: Row | None, facts: Sequence[Row]) -> Row | None:
    """收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元: the total's
    change is not said, but the one source that is the whole of it (the same sum, the same sentence)
    has its change — the total's."""
    if amount is None:
        return None
    same = (amount["line_no"], amount["value"], amount["unit"])
    whole = [f for f in facts if f["measure"] == "amount" and f["subject"] != amount["subject"]
             and (f["line_no"], f["value"], f["unit"]) == same]
    # (its change may wrap onto the next line: …财政拨款收入16497.86万元，比2022年⏎预算增加…)
    changes = [f for f in facts if f["measure"] == "change" and f["line_no"] - amount["line_no"] in (0, 1)
               and any(f["subject"] == w["subject"] for w in whole)]
    return changes[0] if len(changes) == 1 else None


def _side_of(amount: Row) -> str:
    """收入 / 支出 when the statement is of one side of the budget, else nothing."""
    return next((w[:2] for w in ("收入预算", "支出预算") if str(amount["subject"]).endswith(w)), "")


ROUNDING_GAP = Decimal("0.1")  # 万元 a worked-back total may differ from the printed one by rounding


def prior_total(params: dict[str, Any], facts: Sequence[Row], runner: Runner) -> Answer:
    """A prior year's total: current − change from the narrative when the change is measured
    against that year, and whatever 预算14表 prints for it; a rounding gap is explained."""
    text = total_text(params.get("text", ""))
    rows = topic_rows(params | {"text": text}, facts)
    asked = [y for y in params.get("years", []) if y < runner.year]
    amount = next((r for r in rows if r["measure"] == "amount" and r["year"] == runner.year), None)
    if amount is None:
        from assistant.pipeline.intents.narrative_fact_rows import side_total

        # 2023年收入预算: the side's statement, the department's name before it ('…办事处收入预算')
        amount = next(iter(side_total(text, facts, runner)), None)
    change = next((r for r in rows if r["measure"] == "change"), None) or _whole_source_change(amount, facts)
    year = asked[0] if asked else (base_year(change, runner) if change else runner.year - 1)
    out: list[str] = []
    vals, cites = [], []
    prior: Decimal | None = None
    if amount is not None and change is not None and base_year(change, runner) == year \
            and Decimal(str(amount["value"])) >= Decimal(str(change["value"])):  # never below nothing
        prior = Decimal(str(amount["value"])) - Decimal(str(change["value"]))
        word = "增加" if change["value"] >= 0 else "减少"
        u = amount["unit"]
        out.append(
            f"按{amount['part']}，{runner.year}年{amount['subject']} {fmt_number(amount['value'])} {u}，"
            f"比{year}年{word} {fmt_number(abs(change['value']))} {u}，倒推{year}年为 "
            f"{fmt_number(amount['value'])}{'−' if change['value'] >= 0 else '＋'}"
            f"{fmt_number(abs(change['value']))}＝{fmt_number(prior)} {u}。"
        )
        vals += [
            # 收入预算 / 支出预算: the side worked back is named (收入 asks income, never another figure)
            value(prior, amount["unit"], f"{year}年{_side_of(amount)}预算{BACK_COMPUTED}"),
            value(amount["value"], amount["unit"], f"{runner.year}年{_side_of(amount)}预算"),
            value(abs(change["value"]), amount["unit"], f"{_side_of(amount)}预算增减额"),
        ]
        cites += [
            safe_cite(runner, amount["part"], amount["subject"], amount["line_no"]),
            safe_cite(runner, change["part"], f"{change['subject']} 增减", change["line_no"]),
        ]
    totals = [r for r in run(runner, "narr_perf_totals") if r["year"] == year and r["amount"] is not None]
    # 财政拨款收支总预算 → 去年呢: that source's own row, never the total of every source
    sources = [r for r in run(runner, "narr_perf_income") if r["year"] == year and r["amount"] is not None]
    named = [r for r in sources if str(r["item"]) in text]
    source = max(named, key=lambda r: len(str(r["item"])), default=None)
    if source is not None:
        totals = [source]
        if prior is not None and abs(prior - Decimal(str(source["amount"]))) > ROUNDING_GAP:
            out, vals, cites, prior = [], [], [], None  # worked back from every source's total
    if totals:
        listing = "、".join(f"{r['section'][:2]}{r['item']} {fmt_number(r['amount'])} 万元" for r in totals)
        out.append(f"{totals[0]['table_id']}（部门整体绩效目标表）{year}年列印作：{listing}。")
        cites += [
            safe_cite(runner, r["table_id"], f"{r['section']}合计 {year}年", r["line_no"]) for r in totals
        ]
        printed = sorted({Decimal(str(r["amount"])) for r in totals})
        if prior is None:
            vals += [value(p, "万元", f"{year}年合计（表中）") for p in printed]
            if len(printed) > 1:
                out.append("两栏不一致，属金额四舍五入造成的尾差。")
        else:
            off = [p for p in printed if p != prior]
            if off:
                gap = max(abs(p - prior) for p in off)
                out.append(
                    f"其中 {'、'.join(fmt_number(p) for p in off)} 与倒推值只差 {fmt_number(gap)} 万元，"
                    "属金额四舍五入造成的尾差（文末备注亦说明可能存在尾差），"
                    f"应以 {fmt_number(prior)} 万元为准。"
                )
                vals += [value(p, "万元", f"{year}年表中印作") for p in off]
    if not out:
        return not_found(f"文件没有给出{year}年的预算总额，也无法由说明中的增减额推算。")
    return answered(
        "".join(out),
        vals,
        cites,
        ["收入预算同比增加多少？", f"部门整体绩效表{year}年收入合计和支出合计各是多少？"],
    )
