"""Mechanisms found by the fresh55 testers, each in several wordings, good and bad:

- a line read only in one fund's table of a column (工资福利支出 in the 一般公共预算基本支出表) over
  that column is put over the fund's own column, never over every fund's (plan/consistent.py);
- a follow-up naming a column with a unit (其中项目支出多少万) asks that column of the line just
  asked, never the line converted (dialogue/followup.py, dialogue/slots.py);
- 政府购买服务 lists the services table, never the procurement items or the project table, and a
  table named by its number is that table (query/breakdown.py); an item of a list just given, said
  with 那部分, is the list's figure (dialogue/picked.py);
- a prior year's total of one source (财政拨款) is that source's row of 预算14表.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("turns", "figure"), [
    (["工资福利支出", "占基本支出多少"], 85.72),  # 553.56 / 645.76 (the fund's 基本支出)
    (["工资福利支出占基本支出的比例"], 85.72),
    (["工资福利在基本支出里占百分之几"], 85.72),
    (["住房公积金多少", "占基本支出多少"], 5.88),  # printed in the every-fund tables too: 39.12 / 665.76
])
def test_a_share_over_a_column_keeps_one_fund(qiaokou_bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and figure in stated(answer), answer.text


@pytest.mark.parametrize(("second", "figure"), [
    ("其中项目支出多少万", 11.0),
    ("项目支出部分多少", 110000.0),
    ("基本支出是多少万元", 1191.95),
])
def test_a_column_of_the_line_just_asked(putuo_bots: Any, second: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["行政运行经费多少万元", second])
    assert answer.status == "answered" and figure in stated(answer), answer.text
    assert 1202.95 not in stated(answer), answer.text  # never the line itself, converted


def test_the_line_converted_is_still_a_conversion(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["行政运行多少", "换成万元"])
    assert 1202.95 in stated(answer), answer.text


@pytest.mark.parametrize("question", ["政府购买服务包括哪些", "政府购买服务都买了什么",
                                      "购买服务具体是哪几项", "预算13表有哪些项目"])
def test_services_bought_are_the_services_table(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert sorted(stated(answer)) == [46.8, 60.0], answer.text


@pytest.mark.parametrize("question", ["政府购买服务包括哪些", "政府购买服务都买了什么", "预算13表有哪些项目"])
def test_no_services_table_rows_no_other_list(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert 4500.0 not in stated(answer) and 1681.38 not in stated(answer), answer.text  # 预算11/12表's


@pytest.mark.parametrize(("third", "figure"), [
    ("招商引资专项经费那部分多少", 60.0),
    ("招商引资专项经费这块是多少钱", 60.0),
    ("电子商务公共服务平台运维费那笔多少", 46.8),
    ("招商引资专项经费多少", 260.0),  # the project itself, asked without pointing into the list
])
def test_an_item_of_the_list_just_given(qiaokou_bot: Any, third: str, figure: float) -> None:
    answer = _last(qiaokou_bot, ["政府购买服务多少", "包括哪些", third])
    assert stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["财政拨款收支总预算", "去年呢"], 1405.3),
    (["财政拨款总共多少", "2023年呢"], 1312.5),
    (["收支总预算", "去年呢"], 1424.8),  # every source: the total
])
def test_a_prior_year_of_one_source(qiaokou_bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert figure in stated(answer), answer.text
    if "财政拨款" in turns[0]:
        assert 1424.8 not in stated(answer), answer.text


@pytest.mark.parametrize("question", ["公益性岗位补贴跟2022年执行数比怎么变的",
                                      "公益性岗位补贴和2022年执行数相比变动多大",
                                      "公益性岗位补贴比2022年执行数涨了还是降了"])
def test_a_change_over_the_executed_figure(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], [question])
    assert 4.83 in stated(answer) and 32.22 in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["城乡社区支出多少", "下面最少的款是哪个"], 2191300.0),  # of the line just answered
    (["一般公共服务支出多少", "哪个款最多"], 1106000.0),
    (["哪类支出最多", "第二呢"], 16091895.0),  # 功能分类, said so
    (["支出最少的是哪一类"], 100000.0),
])
def test_a_ranking_of_classes(putuo_bots: Any, turns: list[str], figure: float) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert answer.status == "answered" and stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize(("second", "figure"), [
    ("那支出这边比2024年预算增加多少", 24491.71),  # the other side, asked its own question
    ("支出方面比去年增加了多少", 24491.71),
])
def test_the_other_side_of_the_account(putuo_bots: Any, second: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], ["财政拨款收入比2024年预算执行数增加多少？", second])
    assert stated(answer)[0] == figure and 24558.18 not in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["工资福利支出多少", "人员经费多少"], 18120593.0),  # wholly in the column: the department's
    (["商品和服务支出多少", "公用经费是多少"], 1710062.0),
    (["商品和服务支出多少", "其中公用经费是多少"], 1632062.0),  # 其中: the cell, as asked
])
def test_a_column_after_a_class_wholly_in_it(putuo_bots: Any, turns: list[str], figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], turns)
    assert stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize("question", ["项目上的钱总共多少", "项目的钱一共多少", "花在项目上的钱有多少"])
def test_the_projects_money_is_the_project_column(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert stated(answer) == [7174.22], answer.text


@pytest.mark.parametrize("question", ["科技研发资金要奖励多少家企业", "科技研究与开发资金奖励几家企业"])
def test_many_lines_figures_are_no_one_answer(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "clarify" and not answer.values, answer.text
    assert any("奖励企业数量" in c.label for c in answer.candidates)  # the target, offered
