"""An indicator question that names no form ('满意度多少', '预算控制率是多少').

The same indicator (or indicators sharing the asked words: 基层站所满意度, 服务对象满意度 …)
is printed under several goals of 预算14表 and of the 预算15表 forms. When every one of them
carries the same value it is stated once with where it stands; when the values differ the
assistant asks which form/goal is meant (each option names it) — picking one would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from assistant.models import Answer, Question
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_common import answered, clarify, norm, run

TABLE14 = "预算14表"
# Words of an indicator question that are not part of the indicator's name.
ASK = re.compile(
    r"(?:几|多少)(?:分钟|小时|天|个月)|(?:19|20)\d{2}年度?|(?:长期|年度)(?:绩效)?目标\s*[0-9一二三四五六七八九十]*|指标分值权重|指标值确定依据|"
    r"确定依据|指标值|目标值|绩效指标|指标|权重|分值|要求|达到|至少|不低于|不少于|不超过|不高于|以内|之内|以上|以下|预计当年实现|预计|当年|上年|前年|今年|去年|本年|"
    r"是多少|多少|是什么|什么|是|的|吗|呢|了|有|几|要|为|各|整体绩效|部门整体|绩效|项目"
)
PHRASE_MIN = 2
NOT_FILLED = "未填写"  # what a row says of a column it leaves blank
MAX_OPTIONS = 6
MAX_LISTED = 12  # places named in a same-value answer


def phrase(q: Question, names: Sequence[str]) -> str:
    """What is left of the question once question words and the names in `names` (a project
    the question names, even in part) are taken out: '网络安全运营服务的满意度' -> '满意度'."""
    text = q.text
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    text = norm(ASK.sub(" ", text))
    for name in names:
        while True:
            m = SequenceMatcher(None, text, norm(name), autojunk=False).find_longest_match(
                0, len(text), 0, len(norm(name))
            )
            if m.size < PHRASE_MIN:
                break
            text = text[: m.a] + text[m.a + m.size :]
    return text


def rows_with(words: str, rows: Sequence[Row]) -> list[Row]:
    """Indicator rows whose name contains the asked words ('满意度' -> every 满意度 indicator)."""
    if len(words) < PHRASE_MIN:
        return []
    return [r for r in rows if words in norm(r["name"])]


def where(r: Row, projects: dict[str, str]) -> str:
    if r["table_id"] == TABLE14:
        return f"部门整体绩效目标表{r['horizon']}目标{r['goal_no']}"
    name = projects.get(r["table_id"], "")
    return f"{r['table_id']}（{name}）{r['horizon']}目标{r['goal_no']}"


def _ask_back(r: Row, p: dict[str, Any], projects: dict[str, str]) -> str:
    """A question that names this one row's form and goal, so picking it answers it."""
    scope = "部门整体绩效" if r["table_id"] == TABLE14 else projects.get(r["table_id"], r["table_id"])
    what = "指标分值权重是多少" if p.get("weight") else "指标值是多少"
    years = "".join(f"{y}年" for y in p.get("years", [])[:1])
    return f"{scope}的{r['horizon']}目标{r['goal_no']}中{r['name']}{years}的{what}？"


def across_forms(
    hits: list[Row], stated: list[tuple[Row, str, list, list]], p: dict[str, Any], runner: Runner
) -> Answer:
    """One answer for the same figure everywhere, else a clarifying question."""
    projects = {f["table_id"]: f["project_name"] for f in run(runner, "forms_project_forms")}
    with_figures = [s for s in stated if s[2]]
    if with_figures:
        # a 长期 row has no 上年 column, a row without weight no weight: they do not carry it —
        # but a row that prints a word (等保三级) says something else than a figure elsewhere
        stated = [s for s in stated if s[2] or NOT_FILLED not in s[1]]
        hits = [s[0] for s in stated]
    # the same figures agree whatever the print (80 亿元 / ≥80 亿元): each place is quoted as printed;
    # words (效果显著) agree when printed alike
    keys = {tuple((v.value, v.unit) for v in vals) if vals else ("text", _key(desc, []))
            for _, desc, vals, _ in stated}
    with_figures = with_figures or stated
    what = "指标分值权重" if p.get("weight") else "指标值"
    if len(stated) == 1:
        r, desc, vals, cs = stated[0]
        return answered(f"{where(r, projects)}“{r['name']}”{desc}。", vals, cs, [_ask_back(r, p, projects)])
    if len(keys) == 1 and len(with_figures) == len(stated):
        more = f"等（共 {len(stated)} 处）" if len(stated) > MAX_LISTED else ""
        if len({_key(desc, []) for _, desc, _, _ in stated}) == 1:
            places = "；".join(f"{where(r, projects)}“{r['name']}”" for r, _, _, _ in stated[:MAX_LISTED])
            if len(stated[0][2]) > 1:  # several year columns: each column said once
                text = f"以下 {len(stated)} 处的{what}相同（{stated[0][1].lstrip('的')}）：{places}{more}。"
            else:
                text = f"以下 {len(stated)} 处的{what}均为 {_said(stated[0][1])}：{places}{more}。"
        else:
            places = "；".join(f"{where(r, projects)}“{r['name']}”{desc.lstrip('的')}"
                               for r, desc, _, _ in stated[:MAX_LISTED])
            text = f"以下 {len(stated)} 处的{what}数值一致：{places}{more}。"
        cites = [c for _, _, _, cs in stated for c in cs]
        first = stated[0][0]
        return answered(
            text,
            stated[0][2],
            cites,
            [_ask_back(first, p | {"weight": True}, projects), "部门整体绩效的长期目标有哪些？"],
        )
    shown = hits[:MAX_OPTIONS]
    listing = "；".join(f"{where(r, projects)}“{r['name']}”" for r in shown)
    more = f"等 {len(hits)} 处" if len(hits) > len(shown) else ""
    return clarify(
        f"有多个绩效目标列有这一指标，且{what}不尽相同：{listing}{more}。请问您问的是哪个项目（或部门整体）的哪个目标？",
        [(f"{where(r, projects)}：{r['name']}", _ask_back(r, p, projects)) for r in shown],
    )


# words only the 年度 tables' columns answer (前年/上年/预计当年实现): a 长期 row prints one value
YEARLY = ("预计", "当年实现", "上年", "前年", "今年", "去年")


Stated = tuple[Row, str, list, list]  # (row, what the form says, its figures, its citations)


def yearly_columns(stated: list[Stated], yearly: bool) -> list[Stated]:
    """Where year columns are asked (上年是多少，今年预计多少), the rows that print them: the 年度
    rows, and among them those that carry a figure for every column asked."""
    if not yearly:
        return stated
    annual = [s for s in stated if s[0]["horizon"] == "年度" and s[2]] or stated
    most = max((len(s[2]) for s in annual), default=0)
    return [s for s in annual if len(s[2]) == most] or annual


def _said(desc: str) -> str:
    return desc.split("为 ")[-1].strip()


# the same comparison printed several ways ('≧95%', '≥ 95%', '$\geq 95\%$')
_SAME = str.maketrans({"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "％": "%"})


def _key(desc: str, vals: list) -> tuple:
    raw = re.sub(r"\s|\$|\\", "", _said(desc).translate(_SAME)).replace("geq", "≥").replace("leq", "≤")
    return (*(v.value for v in vals), raw)


__all__ = ["YEARLY", "across_forms", "phrase", "rows_with", "where", "yearly_columns"]
