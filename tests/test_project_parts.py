"""The parts of one project (预算15表 form): a 支出明细 line named by part of its name inside its
project, a figure of its 测算依据 named by its words, its share, the project's lines, rank /
count / extremes, 除了, a line's own parts, the asset plan — each in several wordings, on the seed
and on the second document of the same layout; and questions that must get no figure.

Expected figures are read from the documents (line numbers in the comments), not from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.ingest.build import ingest_files

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
TOL = 0.005
NET = "江汉区政务体系统一网络安全运营服务项目"


@pytest.fixture(scope="module")
def second_bot(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import Assistant

    db = tmp_path_factory.mktemp("parts") / "qiaokou.duckdb"
    ingest_files([SECOND], db)
    return Assistant.open(db)


def _ask(bot: Any, turns: str) -> Any:
    conv = bot.new_conversation()
    answer = None
    for turn in turns.split(" / "):
        answer = bot.ask(turn, conv)
    return answer


def _has(answer: Any, figure: float) -> bool:
    return any(abs(v.value - figure) <= TOL for v in answer.values)


# (question, figures that must all be stated, text that must appear, source line cited)
SEED_GOOD = [
    # one line by a piece of its name (L709: 先投后股 800 of 科技研究与开发资金 4500)
    ("科技研究与开发资金里“先投后股”项目支持资金安排多少？", [800], [], 709),
    ("科技研究与开发资金里先投后股那笔钱是多少", [800], [], 709),
    ("科技研究与开发资金中的先投后股资金安排了多少钱", [800], [], 709),
    ("科技研究与开发资金先投后股多少", [800], [], 709),
    # a line named after its project (L997: 事中绩效评价费 14.5, not 评审价 15.11 nor 1681.38)
    (f"{NET}的事中绩效评价费是多少？", [14.5], [], 997),
    (f"{NET}事中绩效评价费安排了多少", [14.5], [], 997),
    ("网络安全运营服务项目的事中绩效评价费是多少？", [14.5], [], 997),
    (f"{NET}的服务费是多少？", [1666.88], [], 996),
    (f"{NET}服务费的预算是多少", [1666.88], [], 996),
    ("大数据中心运维费用中空调维修费是多少", [0.5], [], 918),
    # pieces of a line's name around a word of its own (瞪羚企业 + 奖励, not 企业奖励 of another line)
    ("科研开发资金里面瞪羚企业奖励给了多少", [180], ["江汉区瞪羚企业认定奖励"], 692),
    # a line name with a numeral the normaliser rewrites (第一 → 第1, 一号楼 → 1号楼) (L619, L915)
    ("科学事务管理支出里新春第一会要花多少钱", [30], [], 619),
    ("大数据中心运维费用里一号楼设备维修费多少", [2], [], 915),
    ("科学事务管理支出里除了新春第一会还有哪些", [40, 4, 25, 16.8, 1.5], [], 620),
    # a figure of the line's 测算依据 named by its words (L996: 预算评审 1667.12)
    (f"{NET}服务费的财政预算评审金额是多少？", [1667.12], ["评审"], 996),
    (f"{NET}的服务费财政评审是多少", [1667.12], ["评审"], 996),
    ("网络安全运营服务项目服务费的财政预算评审金额是多少？", [1667.12], ["评审"], 996),
    # a money column of the line (本级财政拨款金额 is its amount column)
    ("科技研究与开发资金里先投后股的本级财政拨款是多少", [800], ["本级财政拨款"], 709),
    (f"{NET}服务费的本级财政拨款金额", [1666.88], ["本级财政拨款"], 996),
    # a figure inside a line named in full: its 测算依据 names it (L912 5.55 / 566, L921 3.8, L913 1)
    ("大数据中心运维费用里江汉区电子政务网络相关费用的事中绩效评价费是多少", [5.55], [], 912),
    ("江汉区电子政务网络相关费用中的服务费是多少", [566], [], 912),
    ("江汉区政府门户网站运维服务的网站监测费用预算是多少", [3.8], [], 921),
    ("机关大楼网络及设备运行维护相关费用的绩效评价费", [1], [], 913),
    # share of a line in its project (800 / 4500 = 17.78%)
    ("科技研究与开发资金4500万里，“先投后股”那块占多少比例？", [17.78], [], 709),
    ("科技研究与开发资金中先投后股占比多少", [17.78], [], 709),
    ("先投后股在科技研究与开发资金里占多大比重？", [17.78], [], 709),
    ("科技研究与开发资金里，先投后股项目支持资金占比是多少", [17.78], [], 709),
    ("大数据中心运维费用里电子公文集约化平台运维占多大比例", [8.11], [], 919),
    ("大数据中心运维里空调维修费占比多少", [0.06], [], 918),
    # the lines that make up a project (L996-997)
    (f"{NET}的钱由哪几部分构成？", [1666.88, 14.5], ["服务费", "绩效评价费"], 996),
    (f"{NET}由哪些部分组成", [1666.88, 14.5], ["服务费", "绩效评价费"], 996),
    ("网络安全运营服务项目的钱由哪几部分构成？", [1666.88, 14.5], ["服务费", "绩效评价费"], 997),
    # a line's own parts from its 测算依据 (L623: 8 + 8 + 9 = 25; L921: 18.9 + 0.3 + 3.8 + 0.06)
    ("成果供需对接、科创交流活动经费那25万是怎么构成的？", [8, 8, 9], ["武创荟"], 623),
    ("成果供需对接、科创交流活动经费支出由哪几部分组成", [8, 8, 9], ["武创荟"], 623),
    ("区政府门户网站运维服务那23.06万是怎么算出来的？", [18.9, 0.3, 3.8, 0.06], [], 921),
    ("江汉区政府门户网站运维服务的23.06万元怎么算的", [18.9, 0.3, 3.8, 0.06], [], 921),
    ("大数据中心运维费用里江汉区电子政务网络相关费用是怎么构成的", [566, 5.55], [], 912),
    # rank and extremes over a project's lines (L693 770, L709 800, L716 500; L918 0.5)
    ("科技研究与开发资金里金额最大的前两项是什么？", [800, 770], ["先投后股", "高新技术企业认定奖励"], 709),
    ("科技研究与开发资金里排前三的是哪几项", [800, 770, 500], ["创新主体分期培育"], 709),
    ("大数据中心运维明细里最便宜的是哪项？", [0.5], ["空调"], 918),
    ("大数据中心运维费用的支出明细中金额最小的是哪一项", [0.5], ["空调"], 918),
    ("大数据中心运维费用里哪项花钱最多", [571.55], ["电子政务网络"], 912),
    ("大数据中心运维费用里最便宜的两项是什么", [0.5, 2], ["空调"], 918),
    ("科技研究与开发资金里面花费最多的三项加起来多少", [800, 770, 500, 2070], [], 709),
    ("大数据中心运维费用里最便宜的两项合计多少", [0.5, 2, 2.5], [], 918),
    # where one line stands (L918 0.5 is the smallest of 10; L713 稳规奖励 20 shares place 20 with two others)
    ("大数据中心运维费用中空调维修费排第几", [10], ["第 10 位"], 918),
    ("科技研究与开发资金里先投后股金额排第几", [1], ["第 1 位"], 709),
    ("科技研究与开发资金里稳规奖励排第几", [20], ["并列"], 713),
    # count of lines (L692-719: 24 lines, continued rows counted once; L912-927: 10)
    ("科技研究与开发资金的支出明细一共有多少条？", [24], [], 692),
    ("科技研究与开发资金的支出明细有多少项？", [24], [], 692),
    ("大数据中心运维费用有几条支出明细", [10], [], 912),
    ("大数据中心运维费用的明细有几项", [10], [], 912),
    # the 测算依据 of a project's lines (not the project's total), or of one line
    ("科技研究与开发资金的测算依据是什么", [180, 770, 800], ["瞪羚"], 709),
    ("网络安全运营服务项目的测算依据", [1666.88, 14.5], ["预算评审"], 997),
    ("大数据中心运维费用各项是怎么测算的", [571.55, 0.5], ["财评"], 918),
    ("科技研究与开发资金里先投后股的测算依据是什么", [800], ["江政办【2024】15 号"], 709),
    # the asset plan (L1000: 数量 1, 金额 1666.88 万)
    ("网络安全运营服务项目的资产配置计划是什么？", [1666.88], [], 1000),
    (f"{NET}的资产配置及采购计划", [1666.88], [], 1000),
    (f"{NET}打算采购什么资产", [1666.88], [], 1000),
    # 除了 after a line (L997)
    ("网络安全运营服务项目的服务费是多少？ / 除了服务费还有别的吗？", [14.5], ["绩效评价"], 997),
    (f"{NET}的服务费是多少？ / 除了服务费还有别的吗？", [14.5], ["绩效评价"], 997),
    (f"{NET}的服务费是多少？ / 除了服务费以外还有哪些？", [14.5], ["绩效评价"], 997),
]


@pytest.mark.parametrize(("question", "figures", "words", "line"), SEED_GOOD)
def test_a_part_of_a_project(bot, question: str, figures: list[float], words: list[str], line: int) -> None:
    answer = _ask(bot, question)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)
    for word in words:
        assert word in answer.text, (word, answer.text)
    assert any(c.table.startswith("预算15表") and c.line == line for c in answer.citations), answer.citations


# (question, figure it must never state): a line the project does not have, an operation or a
# word the reading does not do, a year the forms do not describe
@pytest.mark.parametrize(("question", "figure"), [
    # the line's amount is not the figure of a part its 测算依据 names, and the reverse
    ("大数据中心运维费用里江汉区电子政务网络相关费用的事中绩效评价费是多少", 571.55),
    ("江汉区政府门户网站运维服务的网站监测费用预算是多少", 23.06),
    (f"{NET}服务费的财政拨款是多少", 1667.12),
    (f"{NET}服务费的本级财政拨款金额", 1667.12),
    (f"{NET}服务费的预算是多少", 1667.12),
    ("网络安全运营服务项目的服务费预算是多少", 1667.12),
])
def test_not_the_other_figure_of_the_line(bot, question: str, figure: float) -> None:
    assert not _has(_ask(bot, question), figure)


SEED_BAD = [
    ("科技研究与开发资金里空调维修费是多少", 0.5),
    ("大数据中心运维费用里服务器租赁是多少", 788.6),
    ("大数据中心运维费用里先投后股占多少比例", 101.45),
    (f"{NET}的事中绩效评价费是多少？ / 除了电子公文还有别的吗", 1666.88),
    ("科技研究与开发资金里“先投后股”项目支持资金安排多少？ / 除了服务费还有别的吗？", 770),
    ("科技研究与开发资金里最大的前30项是什么", 800),
    ("网络安全运营服务项目服务费的中标单位是谁", 1666.88),
    ("网络安全运营服务项目服务费是什么品牌", 1666.88),
    ("网络安全运营服务项目服务费按月分摊是多少", 1666.88),
    ("网络安全运营服务项目服务费的审计金额是多少", 1667.12),
    ("科技研究与开发资金里先投后股明年安排多少", 800),
    ("科技研究与开发资金2025年的支出明细有几条", 24),
    ("科技研究与开发资金里科技计划项目立项奖励按省拨付经费的多少比例给予？", 1.78),
]


@pytest.mark.parametrize(("question", "figure"), SEED_BAD)
def test_no_figure_for_what_the_project_does_not_have(bot, question: str, figure: float) -> None:
    answer = _ask(bot, question)
    assert not _has(answer, figure), answer.text
    if "不" not in question and answer.status == "answered":
        assert answer.values == [] or all(v.unit != "万元" for v in answer.values), answer.text


@pytest.mark.parametrize("question", [
    "科技研究与开发资金里先投后股的其他资金有多少",
    "网络安全运营服务项目服务费的上级转移支付金额是多少",
    f"{NET}服务费的转移支付是多少",
])
def test_a_blank_money_column_is_said_blank(bot, question: str) -> None:
    # the 上级转移支付金额 and 其他资金 cells of these lines are empty (L709, L996)
    answer = _ask(bot, question)
    assert answer.status == "answered" and not answer.values and "未填列" in answer.text, answer.text


def test_the_top_of_a_tie_is_not_chosen(second_bot) -> None:
    # 老字号品牌保护扶持 and 商贸企业稳规奖励 are both 60 (L580, L582): neither is 'the' smallest
    answer = _ask(second_bot, "商贸流通企业扶持资金里最少的是哪项")
    assert answer.status != "answered" and not answer.values, answer.text


# the same readings on the second document (qiaokou, lines of its 预算15表)
SECOND_GOOD = [
    ("电商公共服务平台运行维护费里平台软件运维服务是怎么构成的", [31.5, 0.5], 641),
    ("电商公共服务平台运行维护费中等保测评服务安排了多少", [4], 645),
    ("招商引资专项经费里金额最大的是哪项", [120], 516),
    ("招商引资专项经费的支出明细一共有几条", [5], 514),
    ("消费促进活动经费里广告宣传占多少比例", [29.24], 699),
    ("商贸流通企业扶持资金里最多的两项是什么", [200, 100], 579),
    ("招商引资专项经费的钱由哪几部分构成", [60, 45, 120, 15, 20], 514),
]


@pytest.mark.parametrize(("question", "figures", "line"), SECOND_GOOD)
def test_a_part_of_a_project_in_another_document(second_bot, question: str, figures: list[float],
                                                 line: int) -> None:
    answer = _ask(second_bot, question)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)
    assert any(c.table.startswith("预算15表") and c.line == line for c in answer.citations), answer.citations


def test_an_empty_asset_plan_states_no_figure(second_bot) -> None:
    answer = _ask(second_bot, "招商引资专项经费的资产配置计划是什么")
    assert not answer.values, answer.text


# follow-ups about the line the previous answer cited (the context names only its project)
FOLLOW_GOOD = [
    ("科技研究与开发资金里先投后股安排多少 / 占比多少", [17.78], [], 709),
    ("科技研究与开发资金里先投后股安排多少 / 那它占这个项目的比例呢", [17.78], [], 709),
    ("大数据中心运维费用里空调维修费是多少 / 占比多少", [0.06], [], 918),
    # another line of the form just answered, named by a piece of its name
    ("网络安全运营服务项目的服务费是多少？ / 那绩效评价费呢", [14.5], [], 997),
    ("大数据中心运维费用里空调维修费是多少 / 那个网站运维服务呢", [23.06], [], 921),
    ("科技研究与开发资金里先投后股安排多少 / 测算依据是什么", [800], ["江政办【2024】15 号"], 709),
    ("网络安全运营服务项目的服务费是多少？ / 测算依据是什么？", [1666.88], ["预算评审"], 996),
    ("科技研究与开发资金里金额最大的前两项是什么？ / 第二个的测算依据呢", [770], ["高新技术企业"], 693),
    ("大数据中心运维费用里电子政务网络相关费用是怎么构成的 / 合同是跟哪家签的", [], ["中国电信"], 912),
    ("大数据中心运维费用里电子政务网络相关费用是多少 / 合同金额是多少", [566, 5.55], [], 912),
    ("科技研究与开发资金里金额最大的前两项是什么？ / 除此之外还有哪些", [500, 180], [], 716),
    ("科技研究与开发资金里金额最大的前两项是什么？ / 第二个占比多少", [17.11], [], 693),
    ("科技研究与开发资金里金额最大的前两项是什么？ / 第二个呢", [770], ["高新技术企业认定奖励"], 693),
    ("大数据中心运维费用里最便宜的两项是什么 / 第一个的测算依据", [0.5], ["精密空调"], 918),
    # several lines answered: the 测算依据 of each of them
    ("科技研究与开发资金里金额最大的前两项是什么？ / 测算依据是什么", [800, 770], ["江政办"], 693),
]


@pytest.mark.parametrize(("turns", "figures", "words", "line"), FOLLOW_GOOD)
def test_a_follow_up_about_the_line_just_answered(bot, turns: str, figures: list[float], words: list[str],
                                                  line: int) -> None:
    answer = _ask(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)
    for word in words:
        assert word in answer.text, (word, answer.text)
    assert any(c.line == line for c in answer.citations), answer.citations


FOLLOW_BAD = [
    # a year the 支出明细 do not describe
    ("科技研究与开发资金里先投后股安排多少 / 去年呢", 800),
    # 第五个 of a two-line answer
    ("科技研究与开发资金里金额最大的前两项是什么？ / 第五个的测算依据呢", 770),
]


@pytest.mark.parametrize(("turns", "figure"), FOLLOW_BAD)
def test_no_figure_for_a_follow_up_that_is_a_guess(bot, turns: str, figure: float) -> None:
    answer = _ask(bot, turns)
    assert not _has(answer, figure), answer.text


# answered readings with a phrase added that asks what the document does not hold: the
# unmutated figure must not come back
MUTATED_BASES = [
    ("科技研究与开发资金里先投后股安排多少", 800),
    ("网络安全运营服务项目的事中绩效评价费是多少", 14.5),
    ("大数据中心运维明细里最便宜的是哪项", 0.5),
    ("科技研究与开发资金里先投后股占多少比例", 17.78),
    ("区政府门户网站运维服务那23.06万是怎么算出来的", 18.9),
    ("科技研究与开发资金的支出明细一共有多少条", 24),
    ("网络安全运营服务项目服务费的财政预算评审金额是多少", 1667.12),
    ("网络安全运营服务项目的资产配置计划是什么", 1666.88),
]
MUTATIONS = ["{q}，是哪家公司中标的", "{q}，什么品牌", "{q}，按月分摊是多少", "{q}，明年呢",
             "{q}，实际花了多少", "{q}，每个季度多少", "{q}，上半年用了多少", "{q}，人均多少"]


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize(("base", "figure"), MUTATED_BASES)
def test_a_mutated_part_question_never_gets_the_unmutated_figure(bot, base: str, figure: float,
                                                                  mutation: str) -> None:
    answer = _ask(bot, mutation.format(q=base))
    assert answer.status != "answered" or not _has(answer, figure), answer.text


@pytest.mark.parametrize(("base", "figure"), MUTATED_BASES)
def test_the_unmutated_part_question_gets_its_figure(bot, base: str, figure: float) -> None:
    answer = _ask(bot, base)
    assert answer.status == "answered" and _has(answer, figure), answer.text
