"""An indicator's answer: each indicator found, its value of the year asked (当年/上年/前年), where the
form prints it, and the same indicator across several forms stated side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Question
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    contains_any,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_indicators_any import (
    YEARLY,
    across_forms,
    yearly_columns,
)
from assistant.pipeline.intents.forms_projects import PARTIAL, locate_forms

TABLE14 = "预算14表"
SCOPE14 = ("整体绩效", "部门整体", "部门绩效", "14表", "部门的")
RATE_WORDS = ("满意度", "控制率", "及时率", "准确率", "合格率", "完成率", "增长率", "整改率", "次数")
MAX_HITS = 4  # same-named indicators listed in one answer
YEAR_LABELS = {0: "当年", -1: "上年", -2: "前年"}


def across(hits: list[Row], p: dict[str, Any], runner: Runner) -> Answer:
    values = [
        v
        for t in dict.fromkeys(r["table_id"] for r in hits)
        for v in run(runner, "forms_indicator_values", table_id=t)
    ]
    labels = _year_label(p.get("years", []), runner)
    if p.get("years") and not any((y - runner.year) in YEAR_LABELS for y in p["years"]):
        return not_found(f"绩效指标只列前年、上年和当年的指标值，没有 {p['years'][0]} 年的。")
    if p.get("weight") and any(r["weight"] is not None for r in hits):
        hits = [r for r in hits if r["weight"] is not None]  # only 年度 tables print weights
    stated = [_state(r, values, labels, p, runner) for r in hits]
    stated = yearly_columns(stated, bool(p.get("years")) or contains_any(str(p.get("asked") or ""), YEARLY))
    return across_forms([s[0] for s in stated], stated, p, runner)


def scope(q: Question, p: dict[str, Any], runner: Runner) -> tuple[list[str], bool, list[str]]:
    """(tables to search, best first; whether the question names a form or 预算14表; the
    names of the forms it names)."""
    # the indicator's own words must not count as a partial project name ('网络安全培训')
    mask = [*p.get("indicators", []), *RATE_WORDS]
    forms, how = locate_forms(q, p | {"allow_previous": False, "mask": mask}, runner)
    named = [f["table_id"] for f in forms]
    if how == PARTIAL and len(forms) > 1:
        # a partial name that fits several forms: search those, as if no form were named, so
        # differing values are asked about rather than taken from the first form
        return named, False, [f["project_name"] for f in forms]
    everything = [TABLE14, *[f["table_id"] for f in run(runner, "forms_project_forms")]]
    names = [f["project_name"] for f in forms]
    if contains_any(q.text, SCOPE14):
        return everything, True, names
    if not named:
        return everything, False, names
    return [*named, TABLE14], True, names


def _year_label(years: Sequence[int], runner: Runner) -> list[str]:
    labels = [YEAR_LABELS[y - runner.year] for y in years if (y - runner.year) in YEAR_LABELS]
    return labels or ["当年"]


def _where(r: Row) -> str:
    where = "部门整体绩效目标表" if r["table_id"] == TABLE14 else f"{r['table_id']}项目绩效目标表"
    return f"{where}{r['horizon']}目标{r['goal_no']}"


def indicator_answer(hits: list[Row], p: dict[str, Any], table_id: str, runner: Runner) -> Answer:
    values = run(runner, "forms_indicator_values", table_id=table_id)
    labels = _year_label(p.get("years", []), runner)
    if p.get("years") and not any((y - runner.year) in YEAR_LABELS for y in p["years"]):
        return not_found(f"绩效指标只列前年、上年和当年的指标值，没有 {p['years'][0]} 年的。")
    if p.get("weight") and any(r["weight"] is not None for r in hits):
        hits = [r for r in hits if r["weight"] is not None]  # only 年度 tables print weights
    stated = [_state(r, values, labels, p, runner) for r in hits[:MAX_HITS]]
    stated = yearly_columns(stated, bool(p.get("years")) or contains_any(str(p.get("asked") or ""), YEARLY))
    hits = [s[0] for s in stated] + hits[MAX_HITS:]
    first = hits[0]
    keys = {(*(v.value for v in vs), desc.split("为 ")[-1].replace(" ", "")) for _, desc, vs, _ in stated}
    if len(stated) > 1 and len(keys) == 1 and stated[0][2]:
        # the same indicator under several goals with the same figure: say it once
        raws = "、".join(dict.fromkeys(d.split("为 ")[-1].replace(" ", "") for _, d, _, _ in stated))
        what = "指标分值权重" if p.get("weight") else "指标值"
        if len({r["name"] for r in hits}) == 1:
            where = "、".join(_where(r) for r, _, _, _ in stated)
            text = f"“{first['name']}”在{where}中的{what}均为 {raws}。"
        else:  # same figure under different names (长期 服务对象满意度 / 年度 单位职工满意度)
            where = "、".join(f"{_where(r)}“{r['name']}”" for r, _, _, _ in stated)
            text = f"{where}的{what}均为 {raws}。"
        vals = stated[0][2]
    else:
        text = "".join(
            f"{_where(r)}中“{r['name']}”（{r['level1'] or ''}/{r['level2'] or ''}）{desc}。"
            for r, desc, _, _ in stated
        )
        vals = [v for _, _, vs, _ in stated for v in vs]
    if len(hits) > MAX_HITS:
        text += f"另有 {len(hits) - MAX_HITS} 处同名指标未列出。"
    cites = [c for _, _, _, cs in stated for c in cs]
    return answered(
        text,
        vals,
        cites,
        [f"{first['name']}的指标分值权重是多少？", f"{first['horizon']}目标{first['goal_no']}还有哪些指标？"],
    )


def _state(
    r: Row, values: Sequence[Row], labels: list[str], p: dict[str, Any], runner: Runner
) -> tuple[Row, str, list, list]:
    """(row, what the form says about it, its figures, its citations) for one indicator row."""
    row_label = f"{r['horizon']}目标{r['goal_no']} {r['name']}"
    if p.get("weight"):
        cites = [safe_cite(runner, r["table_id"], row_label, r["line_no"])]
        if r["weight"] is None:
            return r, "未填写指标分值权重", [], cites
        return (
            r,
            f"的指标分值权重为 {fmt_number(r['weight'])}",
            [value(r["weight"], "分", f"{r['name']} 权重")],
            cites,
        )
    if p.get("basis"):
        return (
            r,
            f"的指标值确定依据为：{r['basis'] or '未填写'}",
            [],
            [safe_cite(runner, r["table_id"], row_label, r["line_no"])],
        )
    mine = {v["year_label"]: v for v in values if v["indicator_id"] == r["indicator_id"]}
    explicit = bool(p.get("years"))
    asked = [lab for lab in labels if lab in mine]
    if not asked and explicit:
        # the year asked for is a blank cell: say so, never substitute another year's value
        return (
            r,
            f"的{'、'.join(labels)}栏未填写指标值",
            [],
            [safe_cite(runner, r["table_id"], row_label, r["line_no"])],
        )
    asked = asked or (["当年"] if "当年" in mine else list(mine)[:1])
    if not asked:
        return r, "未填写指标值", [], [safe_cite(runner, r["table_id"], row_label, r["line_no"])]
    parts, vals, cites = [], [], []
    for lab in asked:
        v = mine[lab]
        if r["horizon"] == "年度":
            col = "预计当年实现" if lab == "当年" else lab
            parts.append(f"{col}（{v['year']}年）为 {v['raw']}")
        else:
            parts.append(f"指标值为 {v['raw']}")
        if v["num"] is not None:
            vals.append(value(v["num"], v["num_unit"] or "", f"{r['name']} {lab}"))
        cites.append(safe_cite(runner, r["table_id"], row_label, v["line_no"]))
    return r, "，".join(parts), vals, cites
