"""Follow-ups that change one thing of the turn before, written from the documents: a column of the
line just asked (项目支出部分), a share of the figure just stated, one of the items just listed, and a
line of 财政拨款 (never over every fund).

桥口 2025 (预算05表): 行政运行 2011301 人员经费 310.15, 事业运行 2011350 公用经费 14.40 and 119.60 in
all (139.60 over every fund, 事业收入 20.00 beside it), 招商引资 2011308 项目支出 298.40; the
department's 人员经费 578.56, 公用经费 67.20, 项目支出 880.70; 一般公共预算拨款收入 1,496.46 of 总收入
1,546.46 (96.77%); 预算12表 A4黑白打印机 0.50 of 137.60. 江汉 (seed): 其他科学技术管理事务支出 2060199
项目支出 2,469.98, the department's 7,174.22. 普陀 万里 2024: 基本支出 99,706,020, 项目支出 56,505,103 of
156,211,123 (36.17%).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last


@pytest.mark.parametrize(("turns", "figure", "department"), [
    (["行政运行", "人员经费部分"], 310.15, 578.56),
    (["行政运行多少", "人员经费的部分"], 310.15, 578.56),
    (["事业运行", "公用经费部分"], 14.40, 67.20),
    (["招商引资", "项目支出部分"], 298.40, 880.70),
])
def test_a_column_part_of_the_line_just_asked(qiaokou_bot: Any, turns: list[str], figure: float,
                                             department: float) -> None:
    stated = [v.value for v in _last(qiaokou_bot, turns).values]
    assert figure in stated and department not in stated, stated


def test_a_column_part_in_the_seed(bot: Any) -> None:
    stated = [v.value for v in _last(bot, ["其他科学技术管理事务支出", "项目支出部分"]).values]
    assert 2469.98 in stated and 7174.22 not in stated, stated


def test_a_column_part_after_a_total_is_the_departments(qiaokou_bot: Any) -> None:
    stated = [v.value for v in _last(qiaokou_bot, ["基本支出多少", "人员经费部分"]).values]
    assert stated == [578.56], stated


@pytest.mark.parametrize("last", ["占比", "占比呢", "占多少"])
def test_the_share_of_an_income_source_just_stated(qiaokou_bot: Any, last: str) -> None:
    answer = _last(qiaokou_bot, ["一般公共预算拨款收入", last])
    assert [v.value for v in answer.values][:1] == [96.77], answer.text  # of 总收入, never 100%


def test_a_column_beside_the_one_before_is_no_part_of_it(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["基本支出", "项目支出呢", "项目支出占比"])
    assert [v.value for v in answer.values][:1] == [36.17], answer.text  # never 56.67 (of 基本支出)


@pytest.mark.parametrize("last", ["打印机多少钱", "打印机呢", "那个打印机多少钱"])
def test_one_of_the_items_just_listed(qiaokou_bot: Any, last: str) -> None:
    answer = _last(qiaokou_bot, ["政府采购买了什么", last])
    assert [v.value for v in answer.values][:1] == [0.5], answer.text  # A4黑白打印机, never 137.60


@pytest.mark.parametrize(("turns", "figure", "every_fund"), [
    (["财政拨款的事业运行多少"], 119.60, 139.60),
    (["财政拨款的事业运行多少", "用元说"], 1196000.0, 1396000.0),
    (["财政拨款里一般公共服务支出多少"], 1333.25, 1353.25),
])
def test_a_line_of_grants_is_never_every_funds(qiaokou_bot: Any, turns: list[str], figure: float,
                                              every_fund: float) -> None:
    stated = [v.value for v in _last(qiaokou_bot, turns).values]
    assert figure in stated and every_fund not in stated, stated
