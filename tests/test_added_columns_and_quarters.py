"""Wordings from fresh73/74 (journalists, clerks, committee members): 加上A和B after a figure adds to
it; units listed after a column's question are asked that column; both ends of a ranking; quarters
said together (一二季度, 上半年) are those quarters only; a line of the 基本支出 table is its 基本支出;
a figure set against last year's executed figure states the change; 多大 asks in a first clause."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-qzfb-2025", "区政府办基本工资预算多少元|加上津贴补贴和绩效工资一共多少", [14448557.0]),
    ("putuo-qzfb-2025", "基本工资多少|再加上津贴补贴、绩效工资，总共是多少钱", [14448557.0]),
    ("putuo-qzfb-2025", "基本工资是多少|加上津贴补贴和绩效工资合计多少", [14448557.0]),
    ("putuo-qzfb-2025", "基本支出里的办公费是多少", [259400.0]),
    ("putuo-qzfb-2025", "办公费的基本支出", [259400.0]),
    ("putuo-qzfb-2025", "基本支出中的公务接待费多少元", [185000.0]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程一二季度用款计划合计", [206.62]),
    ("putuo-wanli-2023", "新建工程上半年用款计划是多少", [206.62]),
    ("putuo-wanli-2023", "新建工程3、4季度用款计划加起来", [203.38]),
    ("putuo-wanli-2023", "新建工程前三个季度一共用款多少", [393.22]),
    ("putuo-wanli-2023", "新建工程第一季度用款计划|上半年呢", [206.62]),
    ("putuo-wanli-2023", "按功能分类的类级科目，哪一类最多，哪一类最少", [121319878.0, 100000.0]),
    ("putuo-wanli-2023", "类级科目里最多和最少的分别是哪个", [121319878.0, 100000.0]),
    ("putuo-wanli-2023", "购房补贴多少|比去年执行数呢", [1.96, 6.27]),
    ("putuo-wanli-2023", "城乡社区管理事务的行政运行今年安排多少|跟去年执行数比呢", [31.84, 858.44]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, float]] = [
    # the two quarters said, never all four
    ("putuo-wanli-2023", "社区公共服务中心新建工程一二季度用款计划合计", 410.0),
    # one line of the table asked: never the table's lines listed (基本工资 first among them)
    ("putuo-qzfb-2025", "日常开支明细表里的公务接待费是多少", 2540192.0),
    ("putuo-qzfb-2025", "基本支出明细里的公务接待费", 2540192.0),
    # 加上 adds to the figure before: never the two named alone
    ("putuo-qzfb-2025", "区政府办基本工资预算多少元|加上津贴补贴和绩效工资一共多少", 11908365.0),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


QIAOKOU_GOOD: list[tuple[str, list[float]]] = [
    ("人员经费一共多少|本级和招商服务中心分别是多少", [434.96, 143.6]),
    ("人员经费一共多少|本级和招商服务中心各多少", [434.96, 143.6]),
    ("人员经费一共多少|本级比招商服务中心多多少", [291.36]),
    ("一般公共预算项目支出多少|本级和招商服务中心各是多少", [765.5, 85.2]),
    ("商务局25年收支总盘子多大？比24年预算多了多少", [1546.46, 121.66]),
    ("总盘子多大，比去年涨了多少", [1546.46, 121.66]),
]


@pytest.mark.parametrize(("question", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


QIAOKOU_NEVER: list[tuple[str, float]] = [
    # units after a question of 人员经费: never their whole budgets
    ("人员经费一共多少|本级和招商服务中心分别是多少", 1283.26),
]


@pytest.mark.parametrize(("question", "never"), QIAOKOU_NEVER)
def test_qiaokou_never(qiaokou_bot: Any, question: str, never: float) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


@pytest.mark.parametrize("question", ["哪个项目钱最多，哪个最少", "项目支出里哪个项目最多哪个最少"])
def test_seed_both_ends(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert _states(answer, [4500.0, 11.79]), (question, answer.text)


QUARTERS: list[tuple[str, str]] = [
    ("新建工程一二季度用款计划合计", "新建工程第一季度和第二季度用款计划合计"),
    ("新建工程1、2季度用款", "新建工程第1季度和第2季度用款"),
    ("第三、四季度", "第三季度和第四季度"),
    ("上半年用款计划是多少", "第一季度和第二季度用款计划合计是多少"),
    ("前两个季度一共用款多少", "第一季度和第二季度一共用款多少"),
    # one quarter, a year, a number: left as said
    ("第一季度用款", "第一季度用款"),
    ("2024季度", "2024季度"),
    ("十二季度", "十二季度"),
    ("上半年", "上半年"),
]


@pytest.mark.parametrize(("said", "read"), QUARTERS)
def test_quarters_said_together_are_named_each(said: str, read: str) -> None:
    from assistant.pipeline.normalise import _quarters

    assert _quarters(said) == read
