"""Mechanisms found by the fresh66 batches, each with three wordings: the whole budget of the year
before worked back from the 说明 (asked, or 那去年呢 after this year's), the parts one answer listed
added up, an average of the money just stated over the count stated before it, firms asked by name
(never a line's figures instead), a project's column of one fund, the department's own name before a
word of its whole, and a part of a side named by its source (never the side's figure)."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # the whole budget of the year before: this year's less the change the 说明 prints
    ("putuo-qzfb-2025", "今年预算一共多少钱|那去年呢", [11491.2]),
    ("putuo-qzfb-2025", "去年预算一共多少钱", [11491.2]),
    ("putuo-qzfb-2025", "区府办上一年预算总共多少", [11491.2]),
    ("putuo-wanli-2024", "今年预算一共多少钱|那去年呢", [16497.86]),
    # …and the two years compared after it (one figure said in 元 and in 万元 is one figure)
    ("putuo-qzfb-2025", "今年预算一共多少钱|那去年呢|差多少", [2389.52]),
    ("putuo-wanli-2024", "今年预算一共多少钱|那去年呢|降了百分之几", [5.31]),
    # the parts one answer listed, added up
    ("putuo-wanli-2024", "社区公共服务中心新建工程每个季度用款计划多少|全年加起来呢", [632.2]),
    ("putuo-wanli-2024", "社区公共服务中心新建工程每个季度用款计划多少|加起来呢", [632.2]),
    ("putuo-wanli-2024", "社区公共服务中心新建工程每个季度用款计划多少|合计多少", [632.2]),
    # the money just stated over the count stated before it, both of the same thing
    ("putuo-wanli-2024", "街道编报绩效目标的项目几个|涉及多少资金|平均每个项目多少万", [112.7]),
    ("putuo-qzfb-2025", "编报绩效目标的项目有几个|涉及多少钱|平均一个项目多少", [602.36]),
    ("putuo-qzfb-2025", "编报绩效目标的项目有几个|涉及多少资金|那平均下来每个多少钱", [602.36]),
    # the department's own name before a word of its whole is that whole's
    ("putuo-qzfb-2025", "一般公共服务支出占区府办总支出的百分比", [90.2]),
    ("putuo-qzfb-2025", "一般公共服务支出在区府办全部支出里占多少", [90.2]),
    ("putuo-qzfb-2025", "区府办一般公共服务支出占区府办总支出的比重", [90.2]),
    # a project of the 说明 said short, a part of a joint item said alone
    ("putuo-swk-2025", "贸易专项里市级支持总部经济的钱", [1262.0]),
    ("putuo-swk-2025", "贸易专项一共多少", [2921.0]),
    ("putuo-swk-2025", "科技创新专项里专精特新认定给了多少", [1720.0]),
    # everyday words
    ("putuo-swk-2025", "事业单位的医保缴费是多少", [249862.0]),
    ("putuo-swk-2025", "行政单位的医保缴费多少", [631941.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, float | None]] = [
    # another city's office of the same kind is another body, wherever its name stands: no figure
    ("putuo-qzfb-2025", "上海市黄浦区人民政府办公室的总支出", None),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float | None) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    if never is None:
        assert not answer.values, (question, answer.text)
    else:
        assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


@pytest.mark.parametrize("question", ["区府办支出总额多少|比去年少多少|下降了百分之几",
                                      "区府办支出总额多少|比去年少多少|降了百分之多少"])
def test_rate_after_a_change_says_what_was_worked_back(putuo_bots: Any, question: str) -> None:
    """The rate of the change just given; the year before's total the document does not print is
    said as worked back wherever it is stated (never as a printed figure)."""
    answer = _last(putuo_bots["putuo-qzfb-2025"], question.split("|"))
    assert _states(answer, [20.79]), (question, answer.text)
    back = [v for v in answer.values if abs(v.value - 11491.2) < TOL]
    assert all(v.label.endswith("（倒推）") for v in back), answer.values
    assert not back or "（倒推） 11,491.20" in answer.text


QIAOKOU_GOOD: list[tuple[str, list[float]]] = [
    # a project's column of one fund (the 一般公共预算 tables do not list projects)
    ("招商引资专项经费里一般公共预算出多少", [260.0]),
    ("招商引资专项经费的一般公共预算是多少", [260.0]),
    ("消费促进活动经费一般公共预算安排了多少", [85.5]),
    # the part of a side one source pays, worked back from its own statement
    ("2024年一般公共预算拨款支出预算是多少", [1390.0]),
    # vehicles counted by 台
    ("商务局有几台公车", [1.0]),
    ("公车有几台", [1.0]),
    ("有几台公务用车", [1.0]),
    # 单纯 says the line itself
    ("单纯的办公费是多少", [8.2]),
    ("仅仅办公费这一项是多少", [8.2]),
]


@pytest.mark.parametrize(("question", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


QIAOKOU_NO_FIGURE: list[str] = [
    # which firms: the 测算依据 says how many and how much, never whom — no figure
    "老字号扶持的是哪6家企业",
    "老字号扶持了哪些企业",
    "老字号那60万给哪两家企业",
    # a fund column left blank pays nothing: said so, with no figure
    "招商引资专项经费里政府性基金预算安排多少",
    # 财政拨款支出预算 is not printed: never the whole 支出预算 instead
    "2024年财政拨款支出预算多少",
    # another city's office of the same kind
    "武汉市商务局的总预算",
]


@pytest.mark.parametrize("question", QIAOKOU_NO_FIGURE)
def test_qiaokou_no_figure(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert not answer.values, (question, answer.text)


def test_firms_listed_by_name(bot: Any) -> None:
    """The 测算依据 names the firms before their count: they are the answer, with no figure."""
    answer = _last(bot, ["单项冠军奖励给了哪3家企业"])
    assert answer.status == "answered" and not answer.values
    assert all(name in answer.text for name in ("普创", "通联路桥", "华源电力")), answer.text
