"""Mechanisms found by the fresh67 batches, each with three wordings: a share said in points (几个点),
a slip of the input method (家起来), a 类 said with a word of an area (城乡社区这一大块), a name then
那个/这个 then its kind (进博会那个专项), 占全部 (of everything; asked back after a figure), the kinds
of 政府采购 standing alone (服务采购 — never the 会展服务 bought), a quarter said without 第, firms
named in a 测算依据, and everyday words."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # a share said in points
    ("putuo-wanli-2025", "社保就业支出占总支出几个点", [8.48]),
    ("putuo-wanli-2025", "社会保障和就业支出占总支出多少个点", [8.48]),
    ("putuo-wanli-2023", "红十字事业占社会保障和就业支出几个百分点", [0.16]),
    # 家 typed for 加
    ("putuo-wanli-2025", "工会经费和福利费家起来多少", [1377566.0]),
    ("putuo-wanli-2025", "工会经费和福利费家在一起多少", [1377566.0]),
    # a 类 said with a word of an area
    ("putuo-wanli-2023", "城乡社区这一大块占总盘子百分之多少", [73.54]),
    ("putuo-wanli-2023", "城乡社区这块占总支出多少", [73.54]),
    ("putuo-wanli-2023", "城乡社区这类支出多少", [121319878.0]),
    ("putuo-wanli-2023", "社会保障和就业这一块多少钱", [27073236.0]),
    # a name, then 那个, then its kind
    ("putuo-swk-2025", "进博会那个专项多少", [153.0]),
    # the kinds of 政府采购 standing alone
    ("putuo-wanli-2025", "工程采购占政府采购预算的比重", [78.42]),
    ("putuo-wanli-2025", "服务采购比货物采购多多少", [925.62]),
    ("putuo-wanli-2025", "货物采购多少", [57.43]),
    # a quarter said without 第
    ("putuo-wanli-2023", "社区公共服务中心新建工程二季度用款计划多少", [180.74]),
    # everyday words
    ("putuo-swk-2025", "招待客人的钱多少万", [10000.0]),
    ("putuo-swk-2025", "接待客人花多少", [10000.0]),
    ("putuo-swk-2025", "机关离退休那项多少万", [1661216.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_everything_after_a_figure_is_asked_back(putuo_bots: Any) -> None:
    """政府采购总额 → 小微企业预留占全部的多少: of everything, or of the figure just stated?"""
    answer = _last(putuo_bots["putuo-wanli-2024"], ["政府采购总额", "小微企业预留的占全部的多少"])
    assert answer.status == "clarify" and len(answer.candidates) == 2, answer.text


SEED_GOOD: list[tuple[str, list[float]]] = [
    ("项目的钱占全部的比例", [90.06]),
    ("项目支出占所有支出的比例", [90.06]),
    ("网络安全这个项目多少钱", [1681.38]),
    ("大数据中心那个项目多少", [788.6]),
    ("楼的面积有多大", [914.43]),
    ("办公楼面积多少平方米", [914.43]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_that_one_with_nothing_named_still_points_back(bot: Any) -> None:
    """那个项目多少 as a first question: nothing was said before it — asked back, no figure."""
    answer = _last(bot, ["那个项目多少"])
    assert answer.status == "clarify" and not answer.values, answer.text


@pytest.mark.parametrize("question", ["招商引资这笔钱是给哪家企业的", "招商引资给了哪家企业"])
def test_firm_signed_with(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and "恒生保泰" in answer.text and not answer.values, answer.text


QIAOKOU: list[tuple[str, list[float] | None]] = [
    # 会展服务采购 is the 会展服务 bought, not the 服务 kind of 政府采购
    ("会展服务采购多少钱", [60.0]),
    ("服务采购比货物采购多多少", [126.0]),
]


@pytest.mark.parametrize(("question", "figures"), QIAOKOU)
def test_qiaokou(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, figures or []), (question, answer.text)


PRIOR_YEAR: list[tuple[str, str, list[float]]] = [
    # the year said inside a subject's words (…支出2024年预算), or a side with its source: worked back
    ("putuo-qzfb-2025", "2024年财政拨款收入预算是多少万元", [11491.2]),
    ("putuo-qzfb-2025", "去年的财政拨款收入预算", [11491.2]),
    ("putuo-qzfb-2025", "上年财政拨款支出预算多少", [11491.2]),
    # a table said by a column its title holds: the line of that table, no column of it
    ("putuo-qzfb-2025", "基本支出经济分类表里的公务接待费是多少元", [185000.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PRIOR_YEAR)
def test_prior_year_and_table_words(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


@pytest.mark.parametrize("question", ["一般公共预算拨款支出2024年预算是多少",
                                      "一般公共预算拨款支出去年预算多少"])
def test_qiaokou_prior_year_inside_the_subject(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, [1390.0]), (question, answer.text)
