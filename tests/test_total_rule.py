"""The total rule of the understanding step (query/total.py), and the fixes that came with it,
written from the documents.

Seed (jianghan 2026): 预算01表 支出总计 7,965.69; 预算03表 合计 基本支出 791.47, 项目支出 7,174.22;
预算05表 人员经费 727.65, 公用经费 63.82; 行政运行's 人员经费 (桥口 2011301) 310.15. 桥口 2025: 支出总计
1,546.46, 基本支出 (every fund) 665.76, 政府性基金 30.00. 普陀 商务委 2025: 收入预算总表 合计 371,514,655.00
元; 区府办 2025: 基本支出 24,606,775.35 元, 说明: 财政拨款收入 9,101.68 万元, 比2024年预算减少 2,389.52 万元.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last

from assistant.query.total import total
from assistant.tag import load_lexicon


@pytest.mark.parametrize("question", [
    "总预算多少", "今年一共多少钱", "人员经费多少", "基本支出表合计", "收入合计", "项目支出安排了多少",
])
def test_the_rule_reads_a_total(question: str) -> None:
    query = total(question, load_lexicon())
    assert query is not None and query.op == "total", question


@pytest.mark.parametrize("question", ["行政运行是什么", "主要职能", "联系电话", "为什么增加"])
def test_the_rule_leaves_what_asks_no_figure(question: str) -> None:
    assert total(question, load_lexicon()) is None, question


@pytest.mark.parametrize(("turns", "figure"), [
    (["今年这个局一共能花多少钱？"], 7965.69),
    (["收支总预算多少"], 7965.69),
    (["开会前帮我核一下，经信科创局2026年收支总预算是多少？"], 7965.69),
    (["基本支出一共多少"], 791.47),
    (["项目支出多少"], 7174.22),
    (["人头费多少"], 727.65),
    (["公用经费多少"], 63.82),
    (["人员经费多少", "那公用经费呢"], 63.82),
])
def test_a_total_of_the_whole_budget(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and figure in [v.value for v in answer.values], answer.text
    assert answer.citations, "the table's total line is cited"


@pytest.mark.parametrize(("turns", "figure"), [
    (["今年总支出多少"], 1546.46),
    (["基本支出多少"], 665.76),
    (["政府性基金预算支出多少"], 30.0),
    (["基本支出多少", "占多少"], 43.05),  # of the whole budget, the figure just stated as the part
    (["人员经费加公用经费"], 645.76),  # a sum of two columns, never one of them
])
def test_a_total_in_the_second_document(qiaokou_bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and figure in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("turns", "not_stated"), [
    (["行政运行多少", "那人员经费呢"], 578.56),  # 行政运行's 人员经费 (310.15), never the department's
    (["下属单位的人员经费分别多少"], 578.56),  # each unit's, never the whole's
])
def test_what_is_not_the_whole_budgets_total(qiaokou_bot: Any, turns: list[str], not_stated: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert not_stated not in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("question", "not_stated"), [
    ("运转类项目支出多少", 7174.22),  # a part the 整体绩效 form divides 项目支出 into
    ("整体绩效申报表里人员类项目支出多少", 7174.22),
    ("2024年特定目标类项目支出多少", 7174.22),  # another year: never this year's column
    ("政府采购预算总额", 7965.69),  # a topic's own total
])
def test_a_part_or_another_year_is_not_the_column(bot: Any, question: str, not_stated: float) -> None:
    answer = _last(bot, [question])
    assert not_stated not in [v.value for v in answer.values], answer.text


def test_a_total_named_by_its_table_in_a_published_pdf(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], ["收入合计"])
    assert answer.status == "answered" and 371514655.0 in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize("turns", [
    ["城市运行管理中心的人员经费多少", "那公用经费呢"],  # refused for the unit: still the unit's
])
def test_a_follow_up_after_a_refusal_keeps_its_scope(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert 10827702.0 not in [v.value for v in answer.values], answer.text  # the department's 公用经费


@pytest.mark.parametrize(("question", "rate"), [
    ("财政拨款收入比上年下降了百分之几", 20.79),  # 2,389.52 ÷ (9,101.68 + 2,389.52)
    ("财政拨款收入同比下降百分之多少", 20.79),
    ("财政拨款收入下降幅度是多少", 20.79),
    ("财政拨款支出预算降幅是多少", 20.79),
])
def test_the_rate_of_a_printed_change(putuo_bots: Any, question: str, rate: float) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], [question])
    assert answer.status == "answered" and rate in [v.value for v in answer.values], answer.text
    assert "11,491.20" in answer.text, "the year before, worked back, is shown"


@pytest.mark.parametrize(("turns", "figures"), [
    (["人员经费", "比公用经费多多少万元"], {20341220.27, 2034.12}),  # printed in 元, asked in 万元
    (["项目支出", "比基本支出多多少万元"], {41803224.65, 4180.32}),
])
def test_a_computed_difference_is_also_said_in_the_unit_asked(putuo_bots: Any, turns: list[str],
                                                               figures: set[float]) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], turns)
    assert figures <= {v.value for v in answer.values}, answer.text


@pytest.mark.parametrize("last", ["用元说", "换成元", "换算成元"])
def test_a_computed_change_converted(bot: Any, last: str) -> None:
    answer = _last(bot, ["机关运行经费多少", "那去年呢", "涨了多少", last])
    assert [v.value for v in answer.values][:1] == [70200.0], answer.text  # 7.02 万元, not 2025's 56.80


@pytest.mark.parametrize("question", ["政府采购总共多少个（数量合计）", "政府采购一共多少个，按数量算"])
def test_a_quantity_said_is_the_quantity(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert [v.value for v in answer.values] == [812.0], answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("生命健康专项支持企业国际化发展多少", [50.0]),  # '…50.00万，合计1170.00万': the total is no item's
    ("商业创新专项中支持商业综合服务能力提升多少", [80.0]),
    ("生命健康专项一共多少", [1170.0]),
    ("贸易高质量发展专项总共多少", [2921.0]),
])
def test_a_special_funds_items_and_total(putuo_bots: Any, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert [v.value for v in answer.values] == figures, answer.text


@pytest.mark.parametrize("question", ["财政拨款安排的基本支出是多少", "财政拨款的人员经费多少"])
def test_a_column_of_grants_no_table_prints(qiaokou_bot: Any, question: str) -> None:
    # 桥口: 财政拨款 1,526.46 holds 政府性基金 30.00 beside 一般公共预算 1,496.46; 基本支出 665.76 holds
    # 事业收入 20.00 — neither is 财政拨款's 基本支出, and no table prints that
    answer = _last(qiaokou_bot, [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text


def test_a_column_of_grants_that_are_one_fund(bot: Any) -> None:
    # seed: every 财政拨款 is 一般公共预算 (预算04表 总计 = 预算05表 合计 7,965.69)
    answer = _last(bot, ["财政拨款的人员经费多少"])
    assert [v.value for v in answer.values] == [727.65], answer.text


def test_a_year_worked_back_below_nothing_is_not_stated(putuo_bots: Any) -> None:
    # 万里 2023: '政府性基金拨款支出预算0万元，比2022年增加1421.25万元' — a slip of the text
    answer = _last(putuo_bots["putuo-wanli-2023"], ["2022年政府性基金拨款支出预算是多少"])
    assert not [v for v in answer.values if v.value < 0], answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["公务用车购置费多少", "那去年呢"], 25.0),  # 15 万元, 比2024年预算减少 10 万元
    (["2024年公务用车购置费是多少"], 25.0),
])
def test_a_prior_year_worked_back_from_the_narrative(putuo_bots: Any, turns: list[str],
                                                     figure: float) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert figure in [v.value for v in answer.values], answer.text


def test_a_conversion_is_said_as_a_budget_prints_it(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["行政运行多少", "用万元说"])
    assert all(round(v.value, 2) == v.value for v in answer.values if v.unit == "万元"), answer.text


@pytest.mark.parametrize(("question", "said"), [
    ("生命健康专项的实施周期", "2025.1.1-2025.12.31"),
    ("生命健康专项实施周期多长", "2025.1.1-2025.12.31"),
])
def test_a_heading_of_a_projects_section(putuo_bots: Any, question: str, said: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert answer.status == "answered" and said in answer.text and not answer.values, answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("社区公共服务中心新建工程建筑面积多少平方米", {13459.0}),  # 规划建筑面积, with its 地上/地下 parts
    ("社区公共服务中心新建工程今年一共用款计划多少", {60.0}),
])
def test_a_quantity_of_a_projects_section(putuo_bots: Any, question: str, figures: set[float]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], [question])
    assert figures <= {v.value for v in answer.values}, answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("三公经费里除了出国费其他加起来", 28.5),  # 867.50 − 839.00
    ("三公经费里除了公务用车，其他加起来多少", 867.5),  # 公务用车购置及运行费 0
    ("除了因公出国（境）费，三公经费还有多少", 28.5),
])
def test_the_rest_of_the_three_public_expenses(putuo_bots: Any, question: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], [question])
    assert [v.value for v in answer.values][:1] == [figure], answer.text


@pytest.mark.parametrize("question", ["招商服务中心买了哪些东西", "招商服务中心买的什么",
                                      "招商服务中心采购了哪些东西"])
def test_what_a_unit_buys(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])  # 信息系统运行维护服务 46.80 + 便携式计算机 1.30
    assert [v.value for v in answer.values][:1] == [48.1] and answer.table is not None, answer.text


@pytest.mark.parametrize("question", ["办公设备购置买了多少钱", "办公费买的什么东西？"])
def test_a_spending_line_said_with_buying_is_no_buyer(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], [question])
    assert "政府采购预算表" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["车的钱有多少", "车辆的钱安排了多少"])
def test_the_money_for_cars(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], [question])  # 公务用车购置及运行费 36.56, never 8 辆
    stated = [v.value for v in answer.values]
    assert 36.56 in stated and all(v.unit != "辆" for v in answer.values), answer.text
