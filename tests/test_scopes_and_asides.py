"""Wordings from fresh102 and fresh103 (an official in a conversation, kiosk visitors, an auditor,
wrong-figure hunters), each reworded three ways or more: a column said with a scope keeps the rest
to that column (社会保障和就业支出的基本支出中去掉养老支出); a name quoted in a project's 测算依据
beside a figure of its own is no part of the project's total (成熟企业的支持资金 is never its 500); a
speaker's introduction before the question (我是新来的，…); 不属于 / 不算 as 除了; a sibling named
like six others summed by its code; N大类 as the 类 set; 养老方面 as 养老; 该专项 as the scope said
before; 分单位表 as a table of units; a classification said (经济分类里的X) is read from its table
or not at all; a count inside one project's form is its own; a column of a 款 less a 项 named like
others; the cars bought and run as a split; a second clause pointing back at the first."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated as _stated
from ask_support import states as _states

SEED_GOOD: list[tuple[list[str], list[float]]] = [
    # a speaker's introduction says who asks, never what is asked
    (["我是新来的，想问下咱们局今年一共能花多少钱？"], [7965.69]),
    (["我是刚来的实习生，问一下今年部门预算总共多少"], [7965.69]),
    (["本人是一名普通市民，今年的预算总共多少"], [7965.69]),
    # a column said with the scope: that column of the whole less the part's cell in it
    (["社会保障和就业支出的基本支出中，除了机关事业单位基本养老保险缴费支出其他还有多少"], [2.73]),
    (["社会保障和就业支出的基本支出去掉机关事业单位基本养老保险缴费支出还剩多少"], [2.73]),
    # 分单位表: the table of units, where a unit's figure is read
    (["分单位表里局本级的人员经费是多少？"], [727.65]),
    (["分单位的表里，局本级的人员经费多少"], [727.65]),
    (["分单位的表里面，局本级人员经费是多少"], [727.65]),
    (["分单位那张表中局本级人员经费是多少"], [727.65]),
    # a project's own sentence names the thing its figure counts
    (["网络安全运营服务要覆盖多少个接入节点"], [465.0]),
]


@pytest.mark.parametrize(("turns", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert _states(answer, figures), (turns, answer.text)


SEED_NEVER: list[tuple[list[str], list[float]]] = [
    # one kind of company's money in a project's 测算依据: never the project's total
    (["创新主体分期培育项目里成熟企业一年支持资金总共多少？"], [500.0]),
    (["创新主体分期培育项目中成长企业的支持资金是多少"], [500.0]),
    (["创新主体分期培育项目初创企业每年支持多少钱"], [500.0]),
]


@pytest.mark.parametrize(("turns", "never"), SEED_NEVER)
def test_seed_never_states(bot: Any, turns: list[str], never: list[float]) -> None:
    answer = _last(bot, turns)
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (turns, answer.text)


QIAOKOU_GOOD: list[tuple[list[str], list[float]]] = [
    (["我是新来的，想问下咱们商务局今年一共能花多少钱呀？"], [1546.46]),
    (["我是刚来的实习生，问一下商务局今年一共能花多少钱"], [1546.46]),
    (["养老方面安排了多少钱"], [91.62]),
    (["养老这方面安排了多少"], [91.62]),
    (["分单位表中招商服务中心的基本支出是多少"], [158.0]),
    # advertising said in everyday words
    (["消费促进活动经费里面打广告花多少钱呀"], [25.0]),
    (["打广告要花多少钱"], [25.0]),
    (["做广告的钱有多少"], [25.0]),
    # the whole said with its fund (the fund whose table prints the lines): the same set
    (["一般公共预算基本支出中除了工资福利支出以外还有多少？"], [92.2]),
    (["一般公共预算基本支出里除了工资福利支出还剩多少"], [92.2]),
    (["一般公共预算的基本支出去掉工资福利支出是多少"], [92.2]),
    # a count inside one project's form: its own 测算依据, never the project table's rows
    (["招商项目落地奖励预计奖励几个项目？"], [6.0]),
    (["招商项目落地奖励打算奖励几个项目"], [6.0]),
    (["招商项目落地奖励有几个项目"], [6.0]),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert _states(answer, figures), (turns, answer.text)


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # the scope's column less the part's cell in that column
    ("putuo-wanli-2025", "社会保障和就业支出的基本支出中，去掉行政事业单位养老支出还剩多少？", [6166222.0]),
    ("putuo-wanli-2025", "社会保障和就业支出的基本支出里除了行政事业单位养老支出其他的合计", [6166222.0]),
    ("putuo-wanli-2025", "社会保障和就业支出基本支出中不算行政事业单位养老支出还有多少", [6166222.0]),
    ("putuo-wanli-2025", "社会保障和就业支出的项目支出中，不算就业补助还有多少", [1753400.0]),
    # 不属于 / 不算 leave a part out as 除了 does
    ("putuo-wanli-2025", "人员经费里不属于工资福利支出的部分是多少？", [275460.0]),
    ("putuo-wanli-2025", "人员经费中不属于工资福利支出的是多少", [275460.0]),
    ("putuo-wanli-2025", "人员经费不属于工资福利支出的部分有多少", [275460.0]),
    ("putuo-wanli-2025", "基本支出里面不属于人员经费的部分是多少", [10827702.0]),
    # a sibling named like six other 项 (一般行政管理事务) is read by its code
    ("putuo-wanli-2025", "城乡社区管理事务除了行政运行还有多少元？", [77108050.0]),
    ("putuo-wanli-2025", "城乡社区管理事务不算行政运行还有多少元？", [77108050.0]),
    ("putuo-wanli-2025", "城乡社区管理事务里，去掉行政运行剩下的是多少", [77108050.0]),
    # N大类: the 类 set, however many it is said to be
    ("putuo-wanli-2023", "八大类支出里哪个最少啊", [100000.0]),
    ("putuo-wanli-2023", "8类支出中哪一个最多", [121319878.0]),
    ("putuo-wanli-2023", "这八类支出里哪个排第二", [27073236.0]),
    # an area word after a piece of a name
    ("putuo-wanli-2023", "养老方面今年安排了多少钱呀", [6851259.0]),
    ("putuo-wanli-2023", "医疗方面安排了多少", [3095732.0]),
    ("putuo-wanli-2023", "我是新来的，想问下咱们万里街道今年一共能花多少钱呀", [164978640.0]),
    # 该专项 / 这个专项 / 此专项: the scope said before
    ("putuo-swk-2025", "商业创新专项里，促消费提质提升占该专项的比重", [56.74]),
    ("putuo-swk-2025", "商业创新专项中促消费提质提升占这个专项多少比例", [56.74]),
    ("putuo-swk-2025", "在商业创新专项里，促消费提质提升占此专项的百分之几", [56.74]),
    # a second clause pointing back at the first clause's thing is asked after it
    ("putuo-swk-2025", "机关运行经费指的是什么？商务委今年这块预算是多少", [171.01]),
    ("putuo-swk-2025", "机关运行经费是什么意思，今年它安排了多少", [171.01]),
    ("putuo-swk-2025", "什么是机关运行经费？这一块今年预算多少钱", [171.01]),
    ("putuo-swk-2025", "机关运行经费是什么意思|今年它安排了多少", [171.01]),
    # a column of a 款 less a 项 whose name six other 项 share: the one under the 款
    ("putuo-wanli-2024", "城乡社区管理事务的项目支出里，除了一般行政管理事务还剩多少", [250000.0]),
    ("putuo-wanli-2024", "城乡社区管理事务的项目支出中，不算一般行政管理事务还有多少", [250000.0]),
    ("putuo-wanli-2024", "城乡社区管理事务项目支出里去掉一般行政管理事务剩多少", [250000.0]),
    # the cars bought and run: a declared split, a part said by the end of its name
    ("putuo-wanli-2024", "公务用车购置及运行费里除去购置费是多少", [21.56]),
    ("putuo-wanli-2024", "公务用车购置及运行费不含购置费是多少", [21.56]),
    ("putuo-wanli-2024", "公务用车购置及运行费扣除购置费后还有多少", [21.56]),
    # 除了A以外是多少
    ("putuo-swk-2025", "基本支出里除了人员经费以外是多少？", [1710062.0]),
    ("putuo-swk-2025", "基本支出中除了人员经费以外是多少", [1710062.0]),
    ("putuo-swk-2025", "基本支出除了人员经费之外是多少", [1710062.0]),
    # a classification said: the line of its table
    ("putuo-qzfb-2025", "经济分类中公务接待费多少钱", [185000.0]),
    ("putuo-qzfb-2025", "经济分类里的公务接待费是多少", [185000.0]),
    # a line's printed total and its lines' sum differ by 1 元: both are said
    ("putuo-wanli-2025", "城乡社区管理事务这一款，除了行政运行以外其他几项一共多少",
     [77108050.0, 77108051.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, list[float]]] = [
    # the 经济分类 said: never the 三公 paragraph's 公务接待费 (no table of the classification says it)
    ("putuo-qzfb-2025", "经济分类里的公务接待费比2024年增加了多少", [0.0, 28.5]),
    ("putuo-qzfb-2025", "经济分类中的公务接待费比上年增加多少", [0.0, 28.5]),
    ("putuo-qzfb-2025", "按经济分类公务接待费比2024年多了多少", [0.0, 28.5]),
    # the whole's every column less the part: never the answer for the 基本支出 said
    ("putuo-wanli-2025", "社会保障和就业支出的基本支出中，去掉行政事业单位养老支出还剩多少？", [8502422.0]),
    ("putuo-wanli-2025", "社会保障和就业支出的基本支出里除了行政事业单位养老支出其他的合计", [8502422.0]),
]


# a reason asked of a figure the same as last year's, or nought: the sentence that gives it, whose
# subject may be named a sentence before (公务接待费1.00万元。与2024年预算持平，主要原因是…)
PUTUO_REASONS: list[tuple[str, str, str]] = [
    ("putuo-swk-2025", "公务接待费为什么和2024年一样", "实际业务需求"),
    ("putuo-swk-2025", "公务接待费为什么和去年持平", "实际业务需求"),
    ("putuo-swk-2025", "公务接待费为什么没有变化", "实际业务需求"),
    ("putuo-swk-2025", "为什么公务接待费跟上年相同", "实际业务需求"),
    ("putuo-swk-2025", "公务用车运行费是零，文件里怎么解释的", "无公务用车"),
    ("putuo-swk-2025", "公务用车运行费为什么是零", "无公务用车"),
]


@pytest.mark.parametrize(("stem", "question", "reason"), PUTUO_REASONS)
def test_putuo_reasons(putuo_bots: Any, stem: str, question: str, reason: str) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert answer.status == "answered" and reason in answer.text, (question, answer.text)


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never_states(putuo_bots: Any, stem: str, question: str, never: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (question, answer.text)
