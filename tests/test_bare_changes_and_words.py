"""Wordings from fresh96 (an officer's briefing, a wrong-figure hunter): a change asked with no year
compared (A涨了多少, A今年增加了多少) is the year's over the year before — never the year against
itself; 2025年A增加了多少 is 2025's change; A和B分别是 asks each figure; 价值 asks money; 收了多少钱 is
the income; 几个科室 counts the 内设机构."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

from assistant.query.change import change
from assistant.tag import load_lexicon

READ: list[tuple[str, tuple[int, int] | None]] = [
    ("大数据中心运维费涨了多少", (0, -1)),
    ("科学事务管理支出2026年涨了多少", (2026, 2025)),
    ("人员经费减少了多少钱", (0, -1)),
    ("人员经费比2025年减少了多少", (0, 2025)),
    ("2025年和2026年人员经费分别多少", None),
]


@pytest.mark.parametrize(("question", "years"), READ)
def test_a_change_with_no_year_compared(question: str, years: tuple[int, int] | None) -> None:
    query = change(question, load_lexicon())
    assert (query.years if query is not None else None) == years, question


SEED_GOOD: list[tuple[list[str], list[float]]] = [
    (["大数据中心运维费涨了多少"], [144.11]),
    (["科学事务管理支出今年涨了多少"], [79.67]),
    (["科学事务管理支出今年增加了多少"], [79.67]),
    (["大数据中心运维费今年增加了多少"], [144.11]),
    (["大数据中心运维费2026年涨了多少"], [144.11]),
]


@pytest.mark.parametrize(("turns", "figures"), SEED_GOOD)
def test_seed_changes(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert _states(answer, figures), (turns, answer.text)
    assert not any(abs(v.value) < TOL for v in answer.values[:1]), answer.text  # never a year over itself


def test_an_earlier_year_changed_is_not_this_years_change(bot: Any) -> None:
    answer = _last(bot, ["2025年大数据中心运维费增加了多少"])
    assert not _states(answer, [144.11]), answer.text  # 2026's change is not 2025's


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2023", "基本支出里人员经费和公用经费分别是", [84024865.0, 15381432.0]),
    ("putuo-wanli-2023", "工资福利支出和商品和服务支出分别为", [83847385.0, 15381432.0]),
    ("putuo-wanli-2023", "无形资产价值多少", [234.37]),
    ("putuo-wanli-2023", "无形资产总价值是多少", [234.37]),
    ("putuo-wanli-2023", "万里街道2023年一共收了多少预算钱", [164978640.0]),
    ("putuo-wanli-2023", "今年一共收了多少钱", [164978640.0]),
    ("putuo-swk-2025", "设了几个科室", [9.0]),
    ("putuo-swk-2025", "一共有多少个处室", [9.0]),
    ("putuo-swk-2025", "机关内设了几个科室", [9.0]),
    ("putuo-qzfb-2025", "财政拨款收入减少了多少|少了几成", [20.79]),
    ("putuo-qzfb-2025", "财政拨款收入减少了多少|降幅是多少", [20.79]),
]


def test_a_thing_asked_after_a_change_is_its_figure(bot: Any) -> None:
    answer = _last(bot, ["机关运行经费多少", "增长了多少", "科学技术支出多少"])
    assert _states(answer, [7734.67]), answer.text


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


FRESH97: list[tuple[str, str, list[float]]] = [
    # 也就是 / 即: the words after it name what the everyday words meant
    ("putuo-qzfb-2025", "日常办公开销，也就是公用经费，有多少元", [2132777.54]),
    ("putuo-qzfb-2025", "办公那块的钱，即公用经费是多少", [2132777.54]),
    ("putuo-qzfb-2025", "政府办养人的钱一共多少？", [22473997.81]),
    ("putuo-qzfb-2025", "养人花的钱多少", [22473997.81]),
    # 占总数: the whole said in general words is the budget's
    ("putuo-qzfb-2025", "一般公共服务支出占了总数的百分之多少？", [90.2]),
    ("putuo-qzfb-2025", "一般公共服务支出占全部的比例", [90.2]),
    # a whole said first, then its parts added: the whole scopes them, never a third summand
    ("putuo-qzfb-2025", "发工资的钱，基本工资和津贴补贴加起来多少元", [12112559.0]),
    ("putuo-qzfb-2025", "工资福利支出，基本工资和津贴补贴加起来多少", [12112559.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), FRESH97)
def test_fresh97(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_three_things_listed_are_all_added(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["办公费、印刷费和邮电费加起来多少"])
    assert _states(answer, [309400.0]), answer.text


WHOLE_REASON: list[tuple[str, str]] = [
    ("putuo-qzfb-2025", "政府办预算为啥比去年少了？"),
    ("putuo-qzfb-2025", "今年的钱为什么比去年少"),
    ("putuo-wanli-2025", "预算为什么增加了"),
]


@pytest.mark.parametrize(("stem", "question"), WHOLE_REASON)
def test_the_whole_budgets_reason(putuo_bots: Any, stem: str, question: str) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert answer.status == "answered" and "项目调整" in answer.text, answer.text


RATE_OF_ONE: list[tuple[str, list[float]]] = [
    ("老字号扶持一家给多少钱", [10.0]),
    ("老字号品牌保护扶持每家多少", [10.0]),
]


@pytest.mark.parametrize(("question", "figures"), RATE_OF_ONE)
def test_rate_of_one(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, figures) and not _states(answer, [60.0]), answer.text


WANLI25: list[tuple[str, list[float]]] = [
    ("公务用车购置费减幅是多少", [40.0]),
    ("公务用车购置费下降幅度多少", [40.0]),
    ("城乡社区管理事务行政运行里面，项目支出那一列是多少", [150000.0]),
    ("基本支出跟项目支出差了多少钱（元）", [12915941.0]),
    ("支出类别里面第二多的是哪个", [16091895.0]),
    ("各类支出里面第二多的是哪个", [16091895.0]),
    # 其中 in one sentence of the 说明 says the part lies inside the whole
    ("小微企业预留占中小企业预留的比例", [70.0]),
    ("预留给小微企业的占中小企业预留额的比例", [70.0]),
    ("小微企业预留是中小企业预留的百分之几", [70.0]),
]


@pytest.mark.parametrize(("question", "figures"), WANLI25)
def test_wanli25(putuo_bots: Any, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


AFTER_A_FIGURE: list[tuple[str, list[str], list[float]]] = [
    # 跟C比差多少 after a sum: the sum just stated against C's own figure (dialogue/than_last.py)
    ("putuo-wanli-2023", ["宣传事务和组织事务加起来多少钱", "跟统战事务比差多少"], [1568900.0]),
    ("putuo-wanli-2023", ["宣传事务和组织事务加起来多少钱", "比统战事务多多少"], [1568900.0]),
    ("putuo-wanli-2023", ["宣传事务和组织事务加起来多少钱", "和统战事务差多少"], [1568900.0]),
    ("putuo-swk-2025", ["行政运行和事业运行加起来多少", "跟其他商贸事务支出比差多少"], [7526733.0]),
    ("putuo-wanli-2023", ["一共有几辆车，执法执勤车几辆"], [7.0, 4.0]),
]


@pytest.mark.parametrize(("stem", "turns", "figures"), AFTER_A_FIGURE)
def test_after_a_figure(putuo_bots: Any, stem: str, turns: list[str], figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], turns)
    assert _states(answer, figures), (turns, answer.text)


def test_a_year_compared_is_no_thing(bot: Any) -> None:
    answer = _last(bot, ["大数据中心运维费多少", "比2025年多多少"])
    assert _states(answer, [144.11]), answer.text


ONE_BREATH: list[tuple[str, list[float]]] = [
    # 多了还是少了，差多少: the change stated says by how much; never a figure of both clauses read as one
    ("总预算比去年多还是少？差多少", [121.66]),
    ("今年预算比去年多了还是少了，差多少", [121.66]),
    ("商务局今年预算跟去年比是多了还是少了，差多少？", [121.66]),
]


@pytest.mark.parametrize(("question", "figures"), ONE_BREATH)
def test_one_breath(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, figures) and not _states(answer, [1424.8]), answer.text
