"""Shares and sums read as queries (query/parse.py → plan/whole.py → ops): the whole a share is
of, said or not, and a share stated only when the part is shown to lie inside the whole.

Cases written from the seed document (jianghan 2026): 行政运行 (2060101) 401.31 under 科学技术管理
事务 (20601) 3,234.67; 项目支出 7,174.22 of 总支出 7,965.69; 住房公积金 (2210201) has no 项目支出
cell; 水费 0.50 and 电费 0.50 (预算07表).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

GOOD: list[tuple[str, list[float]]] = [
    # a whole not said: the line the part belongs to (its 款)
    ("行政运行占多少", [12.41]),
    ("行政运行的占比", [12.41]),
    ("行政运行占比是多少", [12.41]),
    # a column over the whole budget, said or not
    ("基本支出占比", [9.94]),
    ("项目支出占比是多少", [90.06]),
    ("项目支出占总支出比重", [90.06]),
    # a column said with general words is that column
    ("科技研究与开发资金占全部项目支出的百分之多少？", [62.72]),
    ("科技研究与开发资金占整个项目支出的比重", [62.72]),
    ("项目支出里科技研究开发资金占多大比例", [62.72]),
    # a column of a line, the whole said first
    ("基本支出里人员经费占多大比例？", [91.94]),
    ("科学技术支出里基本支出占比", [7.25]),
    # a 测算依据 line in its own project
    ("大数据中心运维费用里，电子政务网络相关费用占这个项目的比例是多少", [72.48]),
    # 它: the thing just asked about
    ("项目支出一共多少？|其中大数据中心运维呢？|它占项目支出多少？", [10.99]),
    ("卫生健康支出多少|占总预算的比例", [0.9]),
    ("卫生健康支出多少|占总支出多少", [0.9]),
    ("卫生健康支出是多少|占总预算百分之几", [0.9]),
    # a difference asked in 万元
    ("项目支出比基本支出多多少万元", [6382.75]),
    # a column named after a figure: that figure's column, in it
    ("政府采购预算多少|小微企业的占多少", [40.01]),
    ("政府采购预算多少|面向中小企业的占比是多少", [60.0]),
    ("政府采购总额是多少？|其中面向小微企业的占比呢？", [40.01]),
    ("行政运行多少|人员经费占多少", [84.78]),
    ("行政运行多少|人员经费的占比呢", [84.78]),
    ("行政运行是多少|其中人员经费占比多少", [84.78]),
    # 前者/后者: the two figures just said, in the order the question names them
    ("高新技术企业认定奖励多少|瞪羚企业认定奖励呢|前者是后者的几倍", [4.28]),
    ("高新技术企业认定奖励多少|瞪羚企业认定奖励呢|后者是前者的几倍", [0.23]),
    ("高新技术企业认定奖励是多少|瞪羚企业认定奖励呢|前者是后者几倍", [4.28]),
    # 加 between the things said is the sum
    ("水电费一年预算多少？", [1.0]),
    ("水费加电费多少", [1.0]),
    ("水费和电费一共多少", [1.0]),
    # 平均: the mean of the set's lines, as a query (query/average.py)
    ("项目支出平均每个项目多少", [1195.7, 7174.22]),
    ("6个项目平均下来每个项目多少钱？", [1195.7]),
    ("项目平均多少钱", [1195.7]),
    ("大数据中心运维费用的支出明细平均每项多少", [78.86]),
    ("经济科目平均每款多少钱", [34.41]),
    # a bare column after a line's column is that line's
    ("行政运行人员经费加公用经费", [401.31]),
    # a column said with an aside or a general word is the line's own cell of it
    ("科技支出里头专项（项目支出）占了多少比例？", [92.75]),
    ("科学技术支出里全部项目支出占多少", [92.75]),
    ("科学技术支出中项目支出占比", [92.75]),
    # a change asked as a percentage: its rate ((788.60 − 644.49) ÷ 644.49)
    ("大数据中心运维费今年比去年涨了百分之几？", [22.36]),
    ("大数据中心运维费用比2025年增长了百分之多少", [22.36]),
    ("大数据中心运维费用2026年比2025年增长百分之几", [22.36]),
    # lines of a set past a figure, however the list is asked for
    ("工资福利支出里不到50万的是哪些科目？", [47.14, 22.10]),
    ("工资福利支出里低于50万的有哪几项", [47.14, 22.10]),
    ("工资福利支出中少于50万的是哪几个", [47.14, 22.10]),
]


@pytest.mark.parametrize(("question", "figures"), GOOD)
def test_shares_and_sums(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert any(abs(v - figure) <= TOL for v in _stated(answer)), (figure, answer.text)


NO_FIGURE: list[tuple[str, float | None]] = [
    # 住房公积金 has no 项目支出: never its total over 项目支出 (0.85%)
    ("住房公积金占项目支出的比例多少", 0.85),
    ("项目支出里住房公积金占多少", 0.85),
    ("住房公积金在项目支出中的占比", 0.85),
    # lines of different classifications, or of different 类: no part of each other
    ("奖金占社会保障和就业支出多少", None),
    ("卫生健康支出多少|占一般公共服务支出的比例呢", None),
    # a bound on another column (单价) is never applied to the amounts (7 品目 over 1万 in amount)
    ("政府采购里单价超过1万元的品目有几个？", 7.0),
    ("政府采购里单价在1万元以上的有哪些", 7.0),
    ("单价超过1万的采购品目有几个", 7.0),
    # 今年比它多多少 after a past year's figure: a difference or nothing, never this year's figure
    ("2024年整体支出合计多少？|今年比它多多少？", 7965.69),
    # 平均 with nothing to average over, or per person: never a total stated as a mean
    ("平均每个月花多少", None),
    ("人均经费是多少", None),
    ("每人平均多少钱", None),
    # money left unspent is execution, which a budget does not state
    ("今年的预算还剩多少", None),
    ("项目支出还剩多少没花", None),
    # 它 with nothing said before
    ("它占工资福利支出的比例", None),
    # a performance target (家, 人) and money are never added, nor is one of them the answer
    ("瞪羚企业数量目标和科技研究与开发资金加起来一共多少？", None),
    ("聘用职工人数加上聘用人员经费一共是多少？", None),
    ("瞪羚企业数量和科技研究开发资金一共多少", None),
    # 除了 after a line was asked: the rest of that line, or no figure — never the rest of the
    # economic class the name also reads as (656.98)
    ("社会保障和就业支出多少？|除了基本养老保险缴费，其他的呢？", 656.98),
    ("社会保障和就业支出多少|除了基本养老保险缴费剩下的加起来多少", 656.98),
    ("社会保障和就业支出是多少|除去基本养老保险缴费其他的一共多少", 656.98),
    # 一般公共预算项目支出 is not the 一般公共预算基本支出表 (791.47) read from nearly its title:
    # never 791.47 twice
    ("一般公共预算项目支出加基本支出一共多少", 1582.94),
]


@pytest.mark.parametrize(("question", "never"), NO_FIGURE)
def test_no_share_of_a_whole_it_is_not_in(bot: Any, question: str, never: float | None) -> None:
    answer = _last(bot, question.split("|"))
    stated = _stated(answer)
    if never is None:
        assert answer.status != "answered" or not answer.values, answer.text
    else:
        assert not any(abs(v - never) <= TOL for v in stated), answer.text


def test_the_table_read_from_nearly_its_title_is_not_another_column(bot: Any) -> None:
    answer = bot.ask("一般公共预算项目支出是多少")
    assert all(abs(v - 791.47) > TOL for v in _stated(answer)), answer.text


@pytest.mark.parametrize("turns", [
    ["聘用人员经费今年多少？", "比去年涨了多少？"],
    ["聘用人员经费多少", "比2025年增加了多少"],
    ["聘用人员经费2026年是多少", "比去年多了多少"],
])
def test_a_change_from_the_year_said_after_bi_rises(bot: Any, turns: list[str]) -> None:
    """73.00 (2025) → 75.15 (2026): 比去年 makes last year the base, so the change is a rise."""
    answer = _last(bot, turns)
    assert any(abs(v - 2.15) <= TOL for v in _stated(answer)), answer.text
    assert "增加" in answer.text and "减少" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["提租补贴是干嘛的？", "购房补贴是干啥的", "行政运行这笔钱干嘛的"])
def test_what_a_line_is_for_is_its_use_not_its_amount(bot: Any, question: str) -> None:
    """是干嘛的 asks what a line is for: 第三部分's sentence on its use, not the bare amount."""
    answer = bot.ask(question)
    assert answer.status == "answered", answer.text
    assert "第三部分" in [c.table for c in answer.citations], answer.text
