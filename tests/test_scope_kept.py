"""What a question or the turn before said of the scope, kept for what is asked next (fresh49).

桥口 2025: 预算14表 prints 支出合计 2023年 1,330.50 and 2024年 1,424.80 (the 说明: 2025年
1,546.46, 比2024年增加 121.66); 预算11表: 商务局本级 projects 招商引资专项经费 260.00,
商贸流通企业扶持资金 420.00, 消费促进活动经费 85.50, 夜间经济消费场景建设补助 30.00 (795.50 in all);
招商服务中心 projects 电子商务公共服务平台运维费 46.80, 招商服务中心聘用人员经费 38.40.
万里 2024 (published PDF, in 元): 城乡社区管理事务 21201 94,450,003; its 行政运行 16,603,248 and
一般行政管理事务 17,591,003 (一般行政管理事务 is printed under many 款); the 说明:
下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为443.18万元.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize("turns", [
    ["2023年总预算多少", "2024年呢", "增长了多少"],
    ["去年总预算多少", "前年呢", "增加了多少"],
    ["2024年总预算是多少", "2023年的呢", "多了多少"],
])
def test_a_year_worked_back_is_the_figure_that_turn_stated(qiaokou_bot: Any, turns: list[str]) -> None:
    # 2024年呢 is answered by working back from 2025 and its printed change: 2024 over 2023 is 94.30,
    # never 2025's printed change over 2024 (121.66)
    answer = _last(qiaokou_bot, turns)
    assert 94.30 in stated(answer) and 121.66 not in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["商务局本级项目支出多少", "除了夜间经济其他的呢"], 765.50),
    (["本级的项目一共多少钱", "除去招商引资专项经费，剩下的加起来"], 535.50),
    (["商务局本级的项目支出是多少", "不算消费促进活动经费的话，其余的呢"], 710.00),
])
def test_the_rest_of_a_units_projects(qiaokou_bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and stated(answer)[0] == figure, answer.text
    assert 46.80 not in stated(answer)  # the other unit's project is no part of the rest


def test_a_project_of_another_unit_than_the_one_asked_is_not_guessed(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["招商服务中心项目支出多少", "除了夜间经济其他的呢"])
    assert answer.status != "answered" and not stated(answer), answer.text


@pytest.mark.parametrize("question", [
    "城乡社区管理事务的行政运行和一般行政管理事务合计多少万元",
    "城乡社区管理事务里行政运行和一般行政管理事务加起来多少",
    "城乡社区管理事务下面的行政运行跟一般行政管理事务一共多少钱",
])
def test_the_line_said_first_scopes_the_next(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], [question])
    figures = stated(answer)
    assert answer.status == "answered" and 34194251.0 in figures, answer.text
    assert 128644254.0 not in figures  # never the 款 added to its own 项


@pytest.mark.parametrize("turns", [
    ["机关运行经费是多少", "是几家单位的"],
    ["机关运行经费多少", "这笔钱是几个单位用的"],
    ["机关运行经费是几家单位的"],
])
def test_the_units_a_figure_covers(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], turns)
    assert stated(answer) == [2.0], answer.text  # 1家机关和1家参公事业单位, not the department's units


def test_the_units_of_a_line_the_document_does_not_count_are_not_stated(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["办公费多少", "它是几家单位的"])
    assert not stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["差旅费", "会议费呢", "培训费呢，三项加起来"], 3.00),
    (["聘用人员经费", "安全生产工作经费呢", "科学事务管理支出呢，三项加起来"], 204.24),
])
def test_a_follow_up_and_a_sum_in_one_breath(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert figure in stated(answer), answer.text


def test_several_to_add_are_added(putuo_bots: Any) -> None:
    turns = ["一般公共服务支出多少", "公共安全呢", "教育呢，三项加起来"]
    assert 4815700.0 in stated(_last(putuo_bots["putuo-wanli-2024"], turns))


def test_several_to_add_are_never_one_figure(putuo_bots: Any) -> None:
    # one figure said, 三项加起来: no three figures to add, so no answer — never 教育's alone
    answer = _last(putuo_bots["putuo-wanli-2024"], ["一般公共服务支出多少", "教育呢，三项加起来"])
    assert not stated(answer), answer.text


@pytest.mark.parametrize(("last", "figure"), [
    ("项目支出是基本支出的几倍", 17.73), ("基本支出是项目支出的几倍", 0.06), ("后者是前者的几倍", 17.73),
])
def test_a_ratio_of_the_two_just_given_in_the_order_named(putuo_bots: Any, last: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], ["基本支出多少", "项目支出呢", last])
    assert stated(answer)[:1] == [figure], answer.text


def test_a_class_said_short_after_a_class(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["一般公共服务支出多少", "公共安全呢"])
    assert stated(answer) == [1633000.0], answer.text


def test_units_of_nothing_stated_are_not_the_departments(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["绩效目标涉及项目资金多少", "是几家单位的"])
    assert 5.0 not in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    # 2,540,192 of 基本支出 24,606,775.35, never of 工资福利支出
    (["基本支出多少", "基本工资占它多少"], 10.32),
    (["基本支出是多少", "基本工资占它的比例"], 10.32),
])
def test_it_is_the_column_just_stated(putuo_bots: Any, turns: list[str], figure: float) -> None:
    assert stated(_last(putuo_bots["putuo-qzfb-2025"], turns))[:1] == [figure]


def test_a_part_not_in_the_column_just_stated_is_not_a_share_of_it(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["项目支出多少", "基本工资占它多少"])
    assert not stated(answer), answer.text
