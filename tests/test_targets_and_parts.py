"""Mechanisms found by the fresh56/57 testers, each in several wordings, good and bad:

- a target's change over the year before is the difference of the two values the form prints,
  never the earlier value (forms_indicator_change.py); 最多几个人 is the target itself;
- a target that is a rate answers no amount of money; a count answers no 哪年/什么时候 unless it
  gives the date it is as of (knowledge/operations.toml measure.period);
- the money of the projects the narrative counts under 绩效目标 (涉及项目预算资金), but never the
  projects it does not count (没有编报);
- 这几项 points back, it counts nothing; a count said "in" the 编制说明 is not of a table's rows;
- 占面向中小企业的比例 after the 小微 column is over the column named, not the total;
- 政府购买服务合计 → 其中X那块: X's row of the services table.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("turns", "figure"), [
    (["整体绩效里促消费活动场次今年目标多少", "比上年多几场"], 3.0),
    (["促消费活动场次比去年多多少"], 3.0),
    (["新签约亿元以上项目数量目标", "上年呢", "今年比上年多几个"], 2.0),
])
def test_a_targets_change(qiaokou_bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize("question", ["聘用职工最多几个人", "聘用职工最多多少人"])
def test_at_most_is_the_target_itself(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert 12.0 in stated(answer) and 0.0 not in stated(answer), answer.text


@pytest.mark.parametrize("turns", [
    ["社会消费品零售总额今年预计能达到多少亿"],
    ["一般公务用车有1辆", "这辆车是哪年购置的、还能用几年"],
])
def test_no_figure_for_what_is_not_printed(qiaokou_bot: Any, turns: list[str]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert not stated(answer), answer.text


def test_a_count_with_its_date_answers_when(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["车辆数是截至哪天的"])
    assert answer.status == "answered" and "8月31日" in answer.text, answer.text


@pytest.mark.parametrize("question", ["绩效目标涉及的项目资金多少", "编报绩效目标的项目涉及多少资金",
                                      "编报了绩效目标的项目涉及多少预算资金"])
def test_the_money_of_the_projects_with_targets(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert stated(answer) == [11381.6], answer.text


def test_not_the_projects_without_targets(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["区政府办公室项目支出里没有编报绩效目标的金额是多少万元"])
    assert 6626.0 not in stated(answer), answer.text


def test_these_items_count_nothing(bot: Any) -> None:
    answer = _last(bot, ["大数据中心运维费用在采购表里有几个品目", "这几项采购加起来多少"])
    assert 8.0 not in stated(answer), answer.text  # never the count of every procurement item


def test_a_count_in_the_notes_is_not_of_the_table(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["编制说明里一共列了几个支出科目"])
    assert 20.0 not in stated(answer), answer.text


@pytest.mark.parametrize(("second", "figure"), [("占面向中小企业的比例", 66.68), ("占比多少", 40.01)])
def test_a_column_over_the_column_named(bot: Any, second: str, figure: float) -> None:
    answer = _last(bot, ["政府采购面向小微企业的多少", second])
    assert stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize(("second", "figure"), [("其中招商引资专项经费那块多少", 60.0),
                                                ("电子商务公共服务平台运维费那部分呢", 46.8)])
def test_a_project_inside_the_services_total(qiaokou_bot: Any, second: str, figure: float) -> None:
    answer = _last(qiaokou_bot, ["政府购买服务合计多少", second])
    assert stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize("question", ["工资福利支出中，除了基本工资以外的合计",
                                      "除去基本工资，工资福利支出其余几项合计多少",
                                      "工资福利支出中除了基本工资其他几项合计多少"])
def test_the_rest_of_a_line_said_several_ways(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert stated(answer)[0] == 591.23, answer.text


@pytest.mark.parametrize("question", ["工资福利支出里除开奖金还有多少", "除了奖金以外的工资福利支出合计多少"])
def test_the_rest_without_the_bonus(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert stated(answer)[0] == 451.56, answer.text


def test_a_column_less_a_lines_cell(putuo_bots: Any) -> None:
    # 公用经费 is no set of economic classes: what is left is the column less the line's cell in it
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["公用经费里除了商品和服务支出还有多少"])
    assert stated(answer)[0] == 200000.0, answer.text


@pytest.mark.parametrize(("question", "figure"), [("就业援助基地补贴多少钱", 6351000.0),
                                                  ("各类工作经费项目申请了多少钱", 7595500.0),
                                                  ("社区环境整治和建设经费是多少", 4563800.0)])
def test_a_project_only_its_form_prints(putuo_bots: Any, question: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], [question])
    assert stated(answer) == [figure], answer.text


@pytest.mark.parametrize("turns", [["科技研究与开发资金里哪项钱最多？", "第三多的呢？"],
                                   ["大数据中心运维费用里有几项明细", "最后一项多少"]])
def test_a_part_of_a_listed_project_is_not_its_total(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert 4500.0 not in stated(answer) and 788.6 not in stated(answer), answer.text


@pytest.mark.parametrize("second", ["一批次多少钱", "一批次要多少钱"])
def test_a_rate_said_as_one_batch(qiaokou_bot: Any, second: str) -> None:
    answer = _last(qiaokou_bot, ["赴外招商考察多少钱", second])
    assert stated(answer)[0] == 3.0, answer.text


def test_all_projects_money_is_the_project_column(bot: Any) -> None:
    answer = _last(bot, ["网络安全运营服务项目在全部项目钱里占几成"])
    assert stated(answer)[0] == 23.44, answer.text


@pytest.mark.parametrize("turns", [["差旅费", "会议费", "培训费，三项合计"],
                                   ["差旅费", "会议费", "培训费呢，三项加起来"]])
def test_a_name_then_three_added(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], turns)
    assert 90000.0 in stated(answer), answer.text


def test_three_added_is_never_one_figure(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["培训费，三项合计"])
    assert stated(answer) != [30000.0], answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["政府采购货物预算多少", "服务呢"], 983.05),  # another kind of procurement, the same question
    (["政府采购预算", "货物呢", "服务呢", "货物和服务加起来"], 1040.48),  # the kinds named, not their whole
])
def test_kinds_of_procurement(putuo_bots: Any, turns: list[str], figure: float) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert figure in stated(answer) and 5861.68 not in stated(answer), answer.text


@pytest.mark.parametrize("turns", [["政府采购工程多少", "货物呢", "加起来"],
                                   ["城管执法预算多少", "和城乡社区管理事务的行政运行加起来呢"]])
def test_never_a_whole_added_to_its_part(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    whole_added = (5804.25, 4878.63, 8659.35, 119406210.0)  # the 4,821.20 total (or the 款) added in
    assert not set(whole_added) & set(stated(answer)), answer.text


def test_it_said_with_a_copula_is_the_figure_just_stated(putuo_bots: Any) -> None:
    turns = ["机关事业单位基本养老保险缴费支出多少", "职业年金是它的百分之几"]
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert stated(answer)[0] == 50.0, answer.text


@pytest.mark.parametrize("second", ["其中购置费", "其中购置费呢"])
def test_one_part_of_a_joined_name(putuo_bots: Any, second: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["公务用车购置及运行费多少", second])
    assert stated(answer) == [15.0], answer.text


def test_a_target_is_no_actual_result(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["去年社会消费品零售总额实际增长了多少"])
    assert not stated(answer), answer.text


@pytest.mark.parametrize("third", ["两项加起来", "这两个加起来"])
def test_two_turns_added_leave_their_shared_total_out(putuo_bots: Any, third: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["政府采购货物多少", "服务呢", third])
    assert stated(answer)[0] == 1040.48, answer.text
