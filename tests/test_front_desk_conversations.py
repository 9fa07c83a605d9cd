"""Conversations at the front desk (fresh68): a name said again after another topic (刚才那个…),
the department said as 本部门 / 你们局, the change of the whole budget after its total, where the
money mainly goes (said first: the largest 类; after a name: what that name is for), and a count
asked beside its money (有几项，金额多少) still a count."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

SEED_GOOD: list[tuple[str, list[float]]] = [
    ("机关运行经费今年多少|那三公呢|刚才那个机关运行经费去年是多少", [56.8]),
    ("机关运行经费今年多少|那三公呢|前面说的那个机关运行经费多少", [63.82]),
    ("刚刚问的机关运行经费多少", [63.82]),
    ("你们局今年预算总共多少|比去年多了多少", [1593.58]),
    ("今年预算一共多少|比上年增加了多少", [1593.58]),
    ("本部门今年预算多少", [7965.69]),
    ("本单位的差旅费", [1.0]),
    ("钱主要花在哪", [7734.67]),
    ("今年钱主要花在哪个方面", [7734.67]),
    ("钱主要花在哪|占多大比例", [97.1]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


SEED_NEVER: list[tuple[str, float]] = [
    # the words pointing back say which turn only when no name follows: never this year's total
    ("之前的预算是多少", 7965.69),
    ("刚才的预算是多少", 7965.69),
    # after a name, where the money goes is what that name is for — never the largest 类
    ("大数据中心运维费用的钱主要花在哪", 7734.67),
]


@pytest.mark.parametrize(("question", "never"), SEED_NEVER)
def test_seed_never(bot: Any, question: str, never: float) -> None:
    answer = _last(bot, question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2024", "机关运行经费多少|那三公呢|刚才那个机关运行经费比三公多多少", [395.27]),
    ("putuo-wanli-2024", "今年预算一共多少|比去年少了多少", [876.75]),
    ("putuo-qzfb-2025", "今年预算一共多少|比去年少了多少", [2389.52]),
    ("putuo-wanli-2024", "有几个预算单位开展了绩效目标编报？", [2.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NO_FIGURE: list[tuple[str, str]] = [
    # a column asked after a line that was not understood: that line's column — never the department's
    ("putuo-wanli-2025", "城乡社区行政运行的基本支出多少|项目支出呢"),
    ("putuo-wanli-2025", "城乡社区行政运行的基本支出多少|那项目支出呢"),
    # the 说明 plans by quarter: a month's figure is not printed — never the quarter's
    ("putuo-wanli-2023", "社区公共服务中心新建工程第三季度每个月用款多少？"),
    ("putuo-wanli-2023", "社区公共服务中心新建工程第三季度按月分摊是多少"),
]


@pytest.mark.parametrize(("stem", "question"), PUTUO_NO_FIGURE)
def test_putuo_no_figure(putuo_bots: Any, stem: str, question: str) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not answer.values, (question, answer.text)


def test_a_column_after_a_line_understood(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["行政运行的基本支出多少", "项目支出呢"])
    assert _states(answer, [150000.0]), answer.text
