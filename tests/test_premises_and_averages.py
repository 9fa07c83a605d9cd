"""Wordings from fresh75/76: a question on a premise the user states first; 它 as the whole of a
ratio; 按X来看; shares never above the whole; the mean of a counted statement's money; holdings of
one date never given for another year; a share of a whole named after two figures; the money's
destination asked once the department's name is dropped; 手里有多少钱."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2024", "三公经费比2023年预算增加了25万元，那么2023年三公经费预算是多少？", [22.91]),
    ("putuo-wanli-2024", "社会保障和就业支出多少|城乡社区支出是它的几倍", [6.09]),
    ("putuo-wanli-2024", "按支出功能类来看，金额第二大的是哪一类，多少钱？", [19604064.0]),
    ("putuo-wanli-2024", "基本支出是多少|那项目支出呢，在总支出里占百分之几", [36.17]),
    ("putuo-wanli-2024", "基本支出是多少|项目支出多少|占总支出百分之几", [36.17]),
    ("putuo-swk-2025", "绩效目标项目有几个|平均每个项目涉及资金多少万元", [455.26]),
    ("putuo-qzfb-2025", "绩效目标编报了几个项目|平均每个项目多少万元", [602.36]),
    ("putuo-wanli-2025", "编报绩效目标的项目有几个|平均每个项目多少钱", [180.12]),
    ("putuo-wanli-2023", "街道的钱大头都花在什么地方", [121319878.0]),
    ("putuo-wanli-2023", "街道的钱大头都花在什么地方|第二多的呢", [27073236.0]),
    ("putuo-wanli-2025", "街道手里今年有多少钱", [189767551.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, float]] = [
    # 基本支出 is no part of 三公经费: no share above the whole
    ("putuo-qzfb-2025", "三公经费里基本支出和项目支出各占多少", 283.65),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


@pytest.mark.parametrize("question", ["2023年商务局房屋面积", "2023年房子多大", "2023年有几辆公务用车"])
def test_holdings_of_another_year_state_nothing(qiaokou_bot: Any, question: str) -> None:
    """Holdings are printed as of 2024-12-31: never given for 2023."""
    answer = _last(qiaokou_bot, [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("这个局的钱主要花在哪一块上", [7734.67]),
    ("我们局的钱都花在什么地方", [7734.67]),
    ("经科局今年手里一共有多少钱啊", [7965.69]),
    ("科技研发资金里面哪一项花钱最多|第二多的呢", [770.0]),
    ("科技研发资金里面哪一项花钱最多|第二多的呢|第三呢", [500.0]),
])
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_share_of_a_named_whole_is_never_the_sum_of_the_two_before(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["基本支出是多少", "项目支出多少", "占总支出百分之几"])
    assert answer.values and answer.values[0].unit == "%" and "合计" not in answer.text, answer.text


QIAOKOU_GOOD: list[tuple[str, list[float]]] = [
    ("招商推介会每场预算多少钱", [7.5]),
    ("招商推介会每场要花多少", [7.5]),
    ("招商推介会一场多少钱", [7.5]),
    ("今年我们局收支总预算是多少|比上年增加多少|增长率呢", [8.54]),
    ("三公经费总共多少|比上年减少多少|下降幅度呢", [5.0]),
    ("一般公共预算拨款支出安排了多少|比2024年预算增加了多少", [106.46]),
    ("一般公共预算拨款支出安排了多少|比上年预算多了多少", [106.46]),
    ("项目支出占多大比重", [56.95]),
    ("基本支出和项目支出各是多少|项目支出占多大比重", [56.95]),
]


@pytest.mark.parametrize(("question", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_per_session_is_never_the_line_total(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["招商推介会每场预算多少钱"])
    assert not any(abs(v.value - 60.0) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize("question", ["有多少个项目报了绩效目标", "报绩效目标的项目有几个"])
def test_reported_targets_counted(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert _states(answer, [25.0]), (question, answer.text)


def test_a_bare_year_after_unanswered_turns_states_nothing(qiaokou_bot: Any) -> None:
    """政府性基金拨款多少 (asked back) → 比上年多了多少 → 那去年是多少: no answered turn to follow —
    never the whole budget's year before (1,424.80)."""
    answer = _last(qiaokou_bot, ["政府性基金拨款多少", "比上年多了多少", "那去年是多少"])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize(("question", "figures", "never"), [
    ("招商引资专项经费多少|前年呢|这两年一共涨了多少", [40.0], 480.0),
    ("招商引资专项经费多少|前年呢|一共增加了多少", [40.0], 480.0),
])
def test_total_rise_is_a_change(qiaokou_bot: Any, question: str, figures: list[float], never: float) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert _states(answer, figures), answer.text
    assert not any(abs(v.value - never) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize(("question", "figures", "never"), [
    ("基本支出的商品和服务支出里面哪一项最多", [483840.0], 9572367.0),
    ("区府办今年财政拨款多少|那2024年预算是多少", [11491.2], None),
])
def test_qzfb_scope_and_budget(putuo_bots: Any, question: str, figures: list[float],
                               never: float | None) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], question.split("|"))
    assert _states(answer, figures), (question, answer.text)
    assert never is None or not any(abs(v.value - never) < TOL for v in answer.values), answer.text
