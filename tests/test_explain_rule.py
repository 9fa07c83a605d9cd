"""为什么 / 原因 as a rule (query/explain.py), not a handler's reading: the reason the document states,
from a project's form, the narrative's statement of a line, or the narrative's reason sentence — and
为什么 after a figure asks the reason of that thing (read from the turn before, not rewritten text).
A question that also asks a figure is left to the readings that state it; 每个科室 / 每辆车 ask a
figure for one of something, which no line's total answers."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import states as _states

from assistant.query.explain import explain
from assistant.tag import load_lexicon

READ: list[tuple[str, bool]] = [
    ("今年预算为什么比去年多了", True),
    ("大数据中心运维费用为什么增加", True),
    ("为啥涨了", True),
    ("增加的原因是什么", True),
    ("增加了多少？为什么", False),  # a figure is asked too: the readings that state it answer
    ("科技研究与开发资金安排了多少", False),
    ("为什么增加了几个项目", False),
    ("收入预算总表为什么没有", False),  # whether a table is printed: the table rule's
]


@pytest.mark.parametrize(("question", "read"), READ)
def test_the_rule_reads_a_reason_asked(question: str, read: bool) -> None:
    query = explain(question, load_lexicon())
    assert (query is not None and query.op == "explain") is read, question


SEED: list[tuple[list[str], str]] = [
    (["今年预算为什么比去年多了"], "项目支出经费增加"),
    (["收支总预算为啥增加"], "项目支出经费增加"),
    (["大数据中心运维费今年为什么增加"], "过维保期"),
    (["大数据中心运维费用多少", "为什么增加"], "过维保期"),
    (["大数据中心运维费多少", "为啥涨了"], "过维保期"),
    (["今年总预算多少", "为什么增加了"], "项目支出经费增加"),
    (["收支总预算多少", "涨了的原因是什么"], "项目支出经费增加"),
]


@pytest.mark.parametrize(("turns", "said"), SEED)
def test_seed_reasons(bot: Any, turns: list[str], said: str) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and said in answer.text, (turns, answer.text)
    assert answer.citations, answer.text


PUTUO: list[tuple[str, list[str], str, list[float]]] = [
    ("putuo-swk-2025", ["因公出国经费为什么是0"], "区外办", [0.0]),
    ("putuo-swk-2025", ["出国经费为什么是零"], "区外办", []),
    ("putuo-wanli-2025", ["公务用车购置费为什么比去年少"], "类型不同", []),
    ("putuo-wanli-2025", ["财政拨款收入多少万元", "为什么增加"], "项目调整", []),
    ("putuo-wanli-2024", ["公务用车购置费为什么增加"], "购置公务用车", [25.0]),
    ("putuo-wanli-2024", ["公务用车购置费多少", "为啥增加了"], "购置公务用车", []),
]


@pytest.mark.parametrize(("stem", "turns", "said", "figures"), PUTUO)
def test_putuo_reasons(putuo_bots: Any, stem: str, turns: list[str], said: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], turns)
    assert answer.status == "answered" and said in answer.text, (turns, answer.text)
    assert _states(answer, figures), (turns, answer.text)


def test_reason_and_change_said_in_one_breath(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["招商引资专项经费比去年增加多少，为什么"])
    assert _states(answer, [20.0]), answer.text


PER_ONE: list[tuple[str, str]] = [
    ("putuo-swk-2025", "办公费每个科室多少"),
    ("putuo-swk-2025", "办公费每个处室分多少钱"),
    ("putuo-wanli-2023", "公务用车运行费每辆车一年多少钱"),
    ("putuo-wanli-2023", "公务用车运行维护费每一辆车多少钱"),
    ("putuo-wanli-2023", "每个居民区分到多少工作经费"),
]


@pytest.mark.parametrize(("stem", "question"), PER_ONE)
def test_a_figure_for_one_is_no_total(putuo_bots: Any, stem: str, question: str) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert answer.status != "answered" or not answer.values, (question, answer.text)


def test_no_procurement_table_no_price_said(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], ["各类工作经费的单价是多少"])
    assert "预算12表" not in answer.text and not answer.values, answer.text
