"""Wrong-figure paths found by the fresh10/fresh11 batches (questions written afresh from the
documents), each closed by a mechanism and asked in the testers' words and in rewordings of ours:

- a place after the first among a project's 支出明细 (大数据中心运维费: 571.55 > 63.95 > 58.96 …,
  L912–925) is that place, never the largest;
- 哪项最多？第二呢 asks two places: both are stated, never only the second
  (预算07表 商品和服务支出: 其他商品和服务支出 28.97 > 其他交通费用 13.01 > 专用材料费 8.62);
- a change whose earlier year is worked back from the printed 增加 (政府采购 2,384.46 万元, 较2025年
  增加 2,383.05 万元, 增加 99.99%, L1137) is answered by the document's sentence: its printed rate,
  never a rate computed over the worked-back year (169,010.64%).
Good cases must state the figures; each has a figure it must never state.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated


def _has(answer: Any, figure: float) -> bool:
    return any(abs(v - figure) <= TOL for v in _stated(answer))


CASES: list[tuple[list[str], list[float], float]] = [
    # (turns, figures the last answer states, a figure it must never state)
    (["大数据中心运维费明细里金额第二大的是哪项"], [63.95], 571.55),  # f10j-40
    (["大数据中心运维费用的明细中第二多的是哪一项"], [63.95], 571.55),
    (["大数据中心运维经费明细里排第三的是什么"], [58.96], 571.55),
    (["大数据中心运维费明细里最多的是哪项，第二多的呢"], [571.55, 63.95], 58.96),
    (["商品和服务支出里哪一项最多？第二多的是哪项？"], [28.97, 13.01], 8.62),  # f11w-18 (our document)
    (["商品和服务支出里最多的是哪项，第二呢"], [28.97, 13.01], 8.62),
    (["商品和服务支出哪个最多 第二多的是哪个"], [28.97, 13.01], 8.62),
    (["政府采购预算比上年增长了百分之多少"], [99.99], 169010.64),  # f10j-21
    (["政府采购预算比2025年增长了百分之几"], [99.99], 169010.64),
    (["政府采购预算比上年增长多少，增幅多少"], [2383.05, 99.99], 169010.64),
]


@pytest.mark.parametrize(("turns", "figures", "never"), CASES)
def test_place_and_printed_change(bot: Any, turns: list[str], figures: list[float], never: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)
    assert not _has(answer, never), answer.text


SECOND_ONLY: list[list[str]] = [
    # one place asked: the one place, not the top two
    ["商品和服务支出里第二多的是哪项"],
    ["商品和服务支出里哪个最多", "第二多的呢"],
]


@pytest.mark.parametrize("turns", SECOND_ONLY)
def test_one_place_asked_is_one_place(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    assert _has(answer, 13.01) and not _has(answer, 28.97), answer.text


# --- everyday words and elisions (fresh10/fresh11 refusals where the document prints the figure) ---

WORDS: list[tuple[list[str], list[float]]] = [
    # 份额 of a procurement column is its amount (预算12表: 中小企业 1,430.68, 小微企业 953.98, L401)
    (["政府采购里头留给中小企业的份额总共多少"], [1430.68]),  # f10j-15
    (["政府采购给中小企业留的份额是多少"], [1430.68]),
    (["中小企业在政府采购里的份额有多少"], [1430.68]),
    # B 的 with A's head left out: 面向中小企业的[采购额]
    (["面向小微企业的采购额比面向中小企业的少多少"], [476.70]),  # f10j-38
    (["面向中小企业的采购额比面向小微企业的多多少"], [476.70]),
    # the whole said before 除了 without 里, and 除了A，B其他的
    (["工资福利支出除了奖金，其他的合计多少"], [451.56]),  # f10j-30 (712.15 − 260.59)
    (["工资福利支出除奖金外其他的加起来多少"], [451.56]),
    (["除了奖金以外，工资福利支出其他的一共多少"], [451.56]),
    (["除了奖金，工资福利支出还剩多少"], [451.56]),
    # 养老 / 看病 (行政事业单位养老支出 57.90, 卫生健康支出 71.95, L204/L208), two sum words in a row
    (["养老和看病这两块加起来一共多少钱"], [129.85]),  # f10j-26
    (["看病和养老加起来多少"], [129.85]),
    (["看病的钱一共多少"], [71.95]),
    # 高企 is 高新技术企业 (认定奖励 770, L693)
    (["高企认定奖励今年安排多少"], [770.0]),  # f10j-20
    (["高企认定的奖励有多少钱"], [770.0]),
    # 定的: the target a form set (技术合同成交额 上年 150 亿元, L755)
    (["科技研究与开发资金绩效指标里技术合同成交额上年定的是多少"], [150.0]),  # f10j-17
    (["技术合同成交额上年定为多少"], [150.0]),
    # A比B多出来多少
    (["基本支出比项目支出多出来多少"], [6382.75]),  # said as 少 when it is less
]


@pytest.mark.parametrize(("turns", "figures"), WORDS)
def test_everyday_words(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)


@pytest.mark.parametrize("question", ["科技研究与开发资金是哪几个科室在执行",
                                      "科技研究与开发资金由哪些科室负责执行",
                                      "科技研究与开发资金谁来执行"])
def test_who_carries_out_a_project(bot: Any, question: str) -> None:  # f10j-70 (L673)
    answer = _last(bot, [question])
    assert answer.status == "answered" and "产业创新科" in answer.text, answer.text


@pytest.mark.parametrize("question", ["网络安全运营服务项目今年为什么比去年少了",  # f10j-68 (L986)
                                      "网络安全运营服务项目为啥比上年减少",
                                      "网络安全运营服务项目比去年少了是什么原因"])
def test_a_change_is_explained_under_the_later_year(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and "设计费" in answer.text, answer.text


def test_a_generic_party_is_no_name_in_a_basis(bot: Any) -> None:
    """给职工交的养老保险: 职工 is nobody named in a 测算依据; the line 机关事业单位基本养老保险缴费
    answers."""
    answer = _last(bot, ["给职工交的养老保险多少钱"])
    assert answer.status == "answered" and _has(answer, 55.17), answer.text


MORE_WORDS: list[tuple[list[str], list[float]]] = [
    # fresh12: 涨了百分之几 after a figure is its printed rate (机关运行经费 增加 12.36%, L1133)
    (["机关运行经费多少", "涨了百分之几"], [12.36]),
    (["机关运行经费多少", "涨了百分之多少"], [12.36]),
    (["机关运行经费比去年涨了百分之几"], [12.36]),
    # 车子 / 房子 (运行维护费 0.00, L1177; 房屋面积 914.43, L1149)
    (["今年车子的运行维护费给了多少"], [0.0]),
    (["局里房子一共多少平方米"], [914.43]),
    (["房子面积有多大"], [914.43]),
    # 单笔: each line is compared with the bound (预算12表: 1,681.38 and 571.55, L407/L410)
    (["政府采购里单笔采购金额超过100万元的有哪些"], [1681.38, 571.55]),
    (["政府采购中单笔超过100万的是哪些"], [1681.38, 571.55]),
]


@pytest.mark.parametrize(("turns", "figures"), MORE_WORDS)
def test_more_everyday_words(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)


@pytest.mark.parametrize("question", ["公车运行费多少", "公车运行费是多少钱", "公务用车运行费有多少"])
def test_a_fee_is_never_a_count_of_vehicles(bot: Any, question: str) -> None:
    """公车运行费多少 once stated 0 from 一般公务用车 0 辆: a 费 asked is money, a count is no answer."""
    answer = _last(bot, [question])
    assert all(v.unit != "辆" for v in answer.values), answer.text


# fresh13: two classes of one narrative statement (政府采购 货物类 8.64, 服务类 2,375.84, L1137),
# the second said without the head the first carries (政府采购服务 … 货物)
PARTS_OF_A_STATEMENT: list[tuple[str, float]] = [
    ("政府采购服务比货物多多少", 2367.20),
    ("政府采购服务类比货物类多多少", 2367.20),
    ("政府采购里服务是货物的几倍", 274.98),
]


@pytest.mark.parametrize(("question", "figure"), PARTS_OF_A_STATEMENT)
def test_classes_of_one_statement(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and _has(answer, figure), answer.text


# A column said inside the column it lies in (knowledge/wholes.toml: 人员经费/公用经费 in 基本支出):
# 一般公共预算基本支出里的人员经费 is the 一般公共预算 人员经费 (预算05表 合计: 727.65 / 63.82).
EACH_INSIDE: list[str] = [
    "一般公共预算基本支出里，人员经费、公用经费分别多少",
    "一般公共预算基本支出中人员经费和公用经费各是多少",
    "基本支出里人员经费、公用经费各多少",
]


@pytest.mark.parametrize("question", EACH_INSIDE)
def test_columns_inside_a_column(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered", answer.text
    assert _has(answer, 727.65) and _has(answer, 63.82), answer.text


# fresh15 (wrong-figure hunt): the whole of a share asked after a figure is that figure when the
# part lies under it in either classification (住房公积金: 功能 2210201 under 221 住房保障支出
# 101.17 → 60.38%; 经济 30108 养老保险缴费 printed as 2080505 under 208 社会保障和就业支出 57.90 →
# 95.28%); a column said after a thing is that thing's column (政府采购面向中小企业 → 60.00%)
SHARE_OF_WHAT_WAS_ASKED: list[tuple[list[str], float, float]] = [
    (["住房保障支出多少", "住房公积金占它多少"], 60.38, 8.58),
    (["住房保障支出多少", "住房公积金占比多少"], 60.38, 8.58),
    (["住房保障支出是多少", "那住房公积金占它的比例呢"], 60.38, 8.58),
    (["社会保障和就业支出多少", "基本养老保险缴费占它多少"], 95.28, 7.75),
    (["政府采购面向中小企业占比"], 60.00, 17.96),
]


@pytest.mark.parametrize(("turns", "figure", "never"), SHARE_OF_WHAT_WAS_ASKED)
def test_share_of_what_was_asked(bot: Any, turns: list[str], figure: float, never: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and _has(answer, figure), answer.text
    assert not _has(answer, never), answer.text


# 那去年是多少 after a change asks that year's figure, never the change again (机关运行经费
# 2025 年预算 56.80, L1133)
LAST_YEAR_AFTER_A_CHANGE: list[list[str]] = [
    ["机关运行经费比去年增加多少", "那去年是多少"],
    ["今年机关运行经费比去年增加多少", "那去年的呢"],
    ["机关运行经费比上年多了多少", "上年是多少"],
]


@pytest.mark.parametrize("turns", LAST_YEAR_AFTER_A_CHANGE)
def test_last_year_after_a_change(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and _has(answer, 56.80), answer.text
    assert not _has(answer, 7.02), answer.text


# 2026年 is a year, never 三年 (the 6年 of 2026年 read as a series once); 的金额 asks each figure;
# 三公经费里运行费 names the item of the topic; 近三年一共 adds the years (4,692 + 4,700 + 4,500)
MISC: list[tuple[list[str], list[float]]] = [
    (["2026年基本支出和项目支出的金额分别是多少"], [791.47, 7174.22]),
    (["基本支出和项目支出的预算各是多少"], [791.47, 7174.22]),
    (["科技研究开发资金近三年一共多少"], [13892.0]),
    (["科技研究开发资金三年合计多少"], [13892.0]),
    (["津贴补贴多少", "和基本工资加起来"], [230.42]),
    (["津贴补贴多少", "加上基本工资呢"], [230.42]),
    (["基本支出占总支出多少", "项目支出呢"], [90.06]),
]


@pytest.mark.parametrize(("turns", "figures"), MISC)
def test_more_mechanisms(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)


# fresh19: the word said of the two figures just stated adds them (行政单位医疗 22.10 + 公务员医疗补助
# 49.85); a share's follow-up keeps the whole the conversation gave it (提租补贴 11.00 / 住房保障支出 101.17)
FOLLOWED: list[tuple[list[str], float]] = [
    (["行政单位医疗多少", "公务员医疗补助呢", "医疗一共多少"], 71.95),
    (["行政单位医疗多少", "公务员医疗补助呢", "医疗加起来多少"], 71.95),
    (["住房保障支出多少", "其中住房公积金占多少", "提租补贴呢"], 10.87),
]


@pytest.mark.parametrize(("turns", "figure"), FOLLOWED)
def test_follow_ups_that_compose(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and _has(answer, figure), answer.text


def test_a_follow_up_never_repeats_the_figure_just_given(bot: Any) -> None:
    """那运行费呢 after 公务接待费: the glued reading answered 公务接待费 again. A follow-up naming a
    thing of its own never gets exactly the figures (and cells) just stated; another line of the
    same amount does (会议费 1.00 → 培训费呢 1.00 → 两项合计 2.00)."""
    again = _last(bot, ["公务接待费多少", "那运行费呢"])
    first = _last(bot, ["公务接待费多少"])
    same = [v.value for v in again.values] == [v.value for v in first.values]
    assert not (again.status == "answered" and same and again.citations == first.citations), again.text
    summed = _last(bot, ["会议费预算多少？", "培训费呢？", "两项合计？"])
    assert summed.status == "answered" and _has(summed, 2.0), summed.text
