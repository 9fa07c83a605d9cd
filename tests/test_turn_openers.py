"""How a speaker turns to the next question (另外问一下，… / 好的。…) is no part of it, and a use asked
after a line (主要用来干什么) is that line's (fresh50).

Seed (jianghan 2026): 预算05表 住房公积金 61.09, 一般行政管理事务 204.24; 第三部分 机关运行经费 63.82;
预算07表 差旅费 1.00; the 说明 says what each 项 is used for.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("question", "figure"), [
    ("另外问一下，住房公积金多少", 61.09),
    ("换个问题，机关运行经费多少", 63.82),
    ("好的。差旅费多少", 1.00),
    ("对了，差旅费多少", 1.00),
    ("OK，住房公积金是多少", 61.09),
    ("嗯，另外，住房公积金多少", 61.09),
])
def test_an_opener_before_a_pause_is_dropped(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, ["大数据中心运维费用多少", question])
    assert stated(answer) == [figure], answer.text


@pytest.mark.parametrize("question", ["好住房公积金多少", "另外住房公积金多少"])
def test_an_opener_without_a_pause_is_read_as_said(bot: Any, question: str) -> None:
    from assistant.pipeline.knowledge import load_knowledge
    from assistant.pipeline.normalise import normalise

    assert normalise(question, load_knowledge(), 2026).text.startswith(question[:2])


@pytest.mark.parametrize("use", ["主要用来干什么", "具体用在哪", "主要干嘛用"])
def test_a_use_asked_after_a_line_is_that_lines(bot: Any, use: str) -> None:
    answer = _last(bot, ["一般行政管理事务多少", use])
    assert answer.status == "answered" and stated(answer) == [204.24] and "主要" in answer.text, answer.text


def test_a_figure_asked_in_yuan_is_the_one_printed_in_yuan(putuo_bots: Any) -> None:
    # 城管执法: the 说明 says 652.27 万元, the table prints 6,522,681.00 元 — never 6,522,700 converted
    answer = _last(putuo_bots["putuo-wanli-2025"], ["城管执法多少元", "主要用来干什么"])
    assert 6522681.0 in stated(answer) and 6522700.0 not in stated(answer), answer.text


def test_a_conversion_from_rounded_wan_yuan_is_said_as_one(bot: Any) -> None:
    answer = _last(bot, ["机关运行经费多少元"])  # 63.82 万元, printed nowhere in 元
    assert "约" in answer.text and "折算" in answer.text, answer.text


@pytest.mark.parametrize("turns", [
    ["一般公共预算拨款收入里上级拨了多少"],
    ["安全生产工作经费多少", "上级拨了多少"],
    ["科技研究开发资金多少", "上级给了多少钱"],
])
def test_who_gave_the_money_is_not_asked_of_the_figure_before(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)  # the budget prints no 上级 share of these (上级补助收入 is blank)
    assert not stated(answer), answer.text


def test_a_count_of_a_year_the_basis_does_not_count(bot: Any) -> None:
    # 高新技术企业认定奖励: 2023年109家、2024年99家、预计2025年130家 — none of 2026
    assert not stated(_last(bot, ["高新技术企业认定奖励2026年有多少家企业"]))
    assert 109.0 in stated(_last(bot, ["高新技术企业认定奖励有多少家企业"]))
