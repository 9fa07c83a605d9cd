"""Years said in a follow-up, a line picked by a ranking, a line said under a parent (fresh49/50).

Seed (jianghan 2026): 预算15表-2 科技研究开发资金 2024年 4,692, 2025年 4,700, 2026年 4,500 (预算11表);
预算15表-1 科学事务管理支出 117.30, its smallest detail 其他科学技术支出 1.50.
商务委 2025 (published PDF): 财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元 (so 12,659.76
in 2024); 一般公共预算拨款支出预算 the same.
万里 2023 (published PDF, in 元): 行政运行 2120101 18,373,632 is printed under 城乡社区管理事务 only.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("turns", "figure"), [
    (["科技研究与开发资金", "2024年到2025年涨了多少"], 8.0),
    (["科技研究与开发资金", "去年是多少", "前年到去年增加多少"], 8.0),
    (["科技研究与开发资金", "从前年到今年减少了多少"], 192.0),
    (["科技研究与开发资金", "比去年少了多少"], 200.0),
])
def test_the_years_a_follow_up_says_are_the_years_compared(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize(("turns", "figure", "whole"), [
    (["科学事务管理支出里最少的一项", "金额多少"], 1.50, 117.30),
    (["科学事务管理支出里哪一项最少", "是多少"], 1.50, 117.30),
    (["项目支出里最多的是哪个", "多少钱"], 4500.0, 7174.22),
])
def test_the_amount_of_the_line_a_ranking_picked(bot: Any, turns: list[str], figure: float,
                                                 whole: float) -> None:
    answer = _last(bot, turns)
    assert stated(answer)[:1] == [figure] and whole not in stated(answer), answer.text


def test_a_ranking_asked_with_its_amount_says_the_figure_once(bot: Any) -> None:
    answer = _last(bot, ["项目里最少的是哪个，多少钱"])
    assert answer.text.count("11.79") == 1, answer.text


@pytest.mark.parametrize("turns", [
    ["财政拨款支出预算去年是多少"],
    ["上年财政拨款支出预算"],
    ["2024年财政拨款支出预算多少"],
    ["财政拨款支出预算多少", "那去年呢"],
])
def test_last_years_figure_worked_back_from_the_change_printed(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], turns)
    assert answer.status == "answered" and 12659.76 in stated(answer), answer.text


def test_a_thing_asked_of_a_year_after_a_change_is_not_the_change(putuo_bots: Any) -> None:
    turns = ["财政拨款支出预算比2024年增加多少", "一般公共预算拨款支出去年是多少"]
    answer = _last(putuo_bots["putuo-swk-2025"], turns)
    assert 24491.71 not in stated(answer), answer.text


@pytest.mark.parametrize("question", [
    "万里街道一般公共服务支出里的行政运行多少",
    "一般公共服务支出的行政运行是多少",
    "一般公共服务支出中行政运行安排了多少钱",
])
def test_a_line_under_a_parent_it_is_not_printed_under(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], [question])
    assert not stated(answer) and "城乡社区管理事务" in answer.text, answer.text


@pytest.mark.parametrize("question", ["城乡社区管理事务的行政运行多少", "城乡社区支出里的行政运行多少"])
def test_a_line_under_its_own_parent_is_answered(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], [question])
    assert stated(answer) == [18373632.0], answer.text


@pytest.mark.parametrize("question", [
    "商贸流通企业扶持资金三年预算加起来是多少",
    "商贸流通企业扶持资金近三年的预算一共多少",
    "商贸流通企业扶持资金这三年金额合计",
])
def test_three_years_summed_with_a_measure_word(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])  # 预算15表-2: 380 + 400 + 420
    assert stated(answer)[:1] == [1200.0], answer.text


@pytest.mark.parametrize("question", ["科技研究与开发资金的合同金额是多少", "科技研究与开发资金合同额多少"])
def test_a_bar_a_firm_must_reach_is_no_contract_sum(bot: Any, question: str) -> None:
    # 技术合同成交额累计 1.00 亿元以上 is a condition of an award, not a contract of the project
    answer = _last(bot, [question])
    assert not stated(answer), answer.text


def test_a_contract_sum_printed_is_still_stated(bot: Any) -> None:
    answer = _last(bot, ["大数据中心运维费用的合同金额"])
    assert 566.0 in stated(answer), answer.text


@pytest.mark.parametrize("question", [
    "科技项目审计咨询费用里专家咨询审查费是多少",
    "科技项目审计咨询费用中专家咨询审查的费用多少",
])
def test_a_piece_of_a_lines_basis_named_in_its_own_words(bot: Any, question: str) -> None:
    answer = _last(bot, [question])  # 专家咨询、审查等费用 20 万元, of the line's 40
    assert stated(answer) == [20.0], answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("生命健康专项里支持企业规模化发展多少", 870.0),
    ("生命健康专项里规模化发展多少", 870.0),
    ("生命健康专项中国际化发展多少钱", 50.0),
])
def test_a_part_of_a_special_fund_by_its_name(putuo_bots: Any, question: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert stated(answer) == [figure], answer.text


@pytest.mark.parametrize("question", ["生命健康专项里支持企业数字化发展多少", "生命健康专项里第2项多少"])
def test_a_part_the_fund_does_not_print_is_not_its_parts_or_total(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert not stated(answer), answer.text
