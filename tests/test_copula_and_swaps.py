"""A share said with a copula (A 是/相当于 B 的百分之几) and a follow-up that names only another
thing (B呢) after a composed question: the operation asked stays, never B's bare amount.

Figures from the seed document (jianghan 2026): 人员经费 727.65 and 公用经费 63.82 (预算05表 合计),
基本支出 791.47, 项目支出 7,174.22, 总支出 7,965.69; 行政运行 401.31 and 一般行政管理事务 204.24
under 科学技术管理事务 3,234.67; 网络安全运营服务项目 1,681.38 (2026) and 1,767.01 (2025, 申报表
前两年预算), so 85.63 less and 4.85% lower.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

COPULA: list[tuple[str, float]] = [
    # A is no part of B: A over B in per cent all the same
    ("公用经费是人员经费的百分之几", 8.77),
    ("公用经费相当于人员经费的百分之几", 8.77),
    ("公用经费为人员经费的多少比例", 8.77),
    ("基本支出是项目支出的百分之几", 11.03),
    ("基本支出相当于项目支出的百分之多少", 11.03),
    # A is a part of B: the share, with every check a share has
    ("项目支出是总支出的几成", 90.06),
    ("项目支出是总支出的百分之几", 90.06),
    ("项目支出相当于总支出的百分之几", 90.06),
]


@pytest.mark.parametrize(("question", "figure"), COPULA)
def test_a_share_said_with_a_copula(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered", answer.text
    assert abs(_stated(answer)[0] - figure) < TOL, answer.text


SWAPS: list[tuple[list[str], float, float]] = [
    # (turns, the figure asked, the bare amount that must never be the answer)
    (["行政运行多少", "占科学技术管理事务多少", "一般行政管理事务呢"], 6.31, 204.24),
    (["行政运行占科学技术管理事务的比重", "那一般行政管理事务呢"], 6.31, 204.24),
    (["行政运行是多少", "它占科学技术管理事务的比例", "一般行政管理事务的呢"], 6.31, 204.24),
    (["大数据中心运维费用比去年增加多少", "那网络安全运营服务项目呢"], 85.63, -1),
    (["大数据中心运维费用今年比去年涨了多少", "网络安全运营服务项目的呢"], 85.63, -1),
    (["大数据中心运维费用比去年增长百分之几", "网络安全运营服务项目呢"], 4.85, -1),
]


@pytest.mark.parametrize(("turns", "figure", "never"), SWAPS)
def test_another_thing_keeps_the_operation(bot: Any, turns: list[str], figure: float, never: float) -> None:
    answer = _last(bot, turns)
    figures = _stated(answer)
    assert any(abs(f - figure) < TOL for f in figures), answer.text
    if never >= 0:
        assert not any(abs(f - never) < TOL for f in figures[:1]), answer.text


NOT_PRINTED: list[list[str]] = [
    # the first question is refused (no such change printed); the follow-up asks the same of
    # another thing — never that thing's bare amount
    ["科学技术管理事务比去年减少百分之几", "行政运行呢"],
    ["科学技术管理事务比上年下降了百分之多少", "那一般行政管理事务呢"],
    ["科学技术管理事务比去年降了几成", "行政运行的呢"],
]


@pytest.mark.parametrize("turns", NOT_PRINTED)
def test_after_a_refusal_the_same_question_is_asked(bot: Any, turns: list[str]) -> None:
    assert _last(bot, turns[:1]).status != "answered"  # the seed prints no such change
    answer = _last(bot, turns)
    assert not any(abs(f - v) < TOL for f in _stated(answer) for v in (401.31, 204.24)), answer.text


SIBLINGS: list[tuple[list[str], float]] = [
    # part of another line's name (机关事业单位基本养老保险缴费 55.17, 职工基本医疗保险缴费 22.10)
    (["职工基本医疗保险缴费多少", "基本养老保险呢"], 55.17),
    (["职工基本医疗保险缴费是多少", "那基本养老保险的呢"], 55.17),
    (["基本养老保险缴费多少", "基本医疗保险呢"], 22.10),
    (["职工基本医疗保险缴费是多少", "那基本养老保险的呢", "两项合计"], 77.27),
]


@pytest.mark.parametrize(("turns", "figure"), SIBLINGS)
def test_part_of_another_name_is_that_line(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    assert abs(_stated(answer)[0] - figure) < TOL, answer.text


NOTHING_TO_ADD: list[list[str]] = [
    ["基本工资多少", "合计"],  # one figure: nothing to add it to
    ["职业年金缴费多少", "加起来"],  # refused (no such line here): nothing at all
    ["有没有职业年金", "一共多少"],
]


@pytest.mark.parametrize("turns", NOTHING_TO_ADD)
def test_a_sum_of_nothing_states_no_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not _stated(answer), answer.text


WHICH_NOT_HOW_MANY = ["几个项目中第二大的是哪个", "6个项目里最多的是哪个", "几个项目里哪个最少"]


@pytest.mark.parametrize("question", WHICH_NOT_HOW_MANY)
def test_which_is_asked_not_how_many(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered", answer.text
    assert all(v.unit not in ("个", "项") for v in answer.values), answer.text


OTHER_OFFICES: list[tuple[str, str]] = [
    ("教育局的预算多少", "unanswerable"),
    ("江岸区经济信息化和科技创新局的总预算", "unanswerable"),
    ("武汉市财政局给了多少钱", "unanswerable"),
]


@pytest.mark.parametrize(("question", "status"), OTHER_OFFICES)
def test_another_office_is_refused_by_its_own_name(bot: Any, question: str, status: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == status and not _stated(answer), answer.text


WORDINGS: list[tuple[list[str], float]] = [
    # which of two is more: the two compared (住房公积金 61.09, 购房补贴 29.08; 基本工资 120.92, 奖金 260.59)
    (["住房公积金多少", "购房补贴呢", "哪个多"], 32.01),
    (["基本工资多少", "奖金呢", "哪个更多"], 139.67),
    (["基本工资和奖金哪个多"], 139.67),
    (["住房公积金跟购房补贴哪个更大"], 32.01),
    # a ratio said without 的, with 多少倍 or a hedge; 基本经费 is the 基本支出 column
    (["项目支出是基本支出几倍"], 9.06),
    (["项目支出差不多是基本支出的多少倍"], 9.06),
    (["项目经费大概是基本经费的几倍"], 9.06),
]


@pytest.mark.parametrize(("turns", "figure"), WORDINGS)
def test_more_operation_wordings(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    assert abs(_stated(answer)[0] - figure) < TOL, answer.text


def test_a_word_across_two_words_is_not_replaced(bot: Any) -> None:
    # 支出差不多 holds 出差 across two words: never 差旅费
    answer = _last(bot, ["项目支出差不多是基本支出的多少倍"])
    assert "差旅" not in answer.text


PAIR_AFTER_A_MISS: list[list[str]] = [
    # the second thing is not in the seed (福利费, 加班费, 劳务费): no two figures to work on
    ["差旅费多少", "福利费呢", "加起来"],
    ["奖金多少", "加班费呢", "两项一共"],
    ["差旅费多少", "福利费呢", "哪个多"],
    ["会议费多少", "劳务费呢", "比会议费多多少"],
    ["会议费是多少", "那劳务费呢", "两个加起来多少"],
]


@pytest.mark.parametrize("turns", PAIR_AFTER_A_MISS)
def test_no_pair_after_a_turn_without_a_figure(bot: Any, turns: list[str]) -> None:
    assert _last(bot, turns[:2]).status != "answered"  # the premise: the seed has no such line
    assert not _stated(_last(bot, turns)), _last(bot, turns).text


SOURCE_OF_A_LINE = ["行政运行的事业收入多少", "科学技术支出的政府性基金是多少",
                    "住房公积金里的事业收入有多少", "行政运行中的国有资本经营预算多少"]


@pytest.mark.parametrize("question", SOURCE_OF_A_LINE)
def test_a_line_is_not_divided_by_income_source(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert not _stated(answer), answer.text


SUMMED_SHARES: list[tuple[list[str], float]] = [
    # 水费 0.50 + 电费 0.50 over 商品和服务支出 63.82; 奖金 260.59 + 绩效工资 47.14 over 人员经费 727.65
    (["水费和电费加起来占商品和服务支出多少"], 1.57),
    (["水费加电费占商品和服务支出的比重"], 1.57),
    (["奖金和绩效工资合计占人员经费多少"], 42.29),
    (["基本工资、津贴补贴、奖金三项占人员经费的比例"], 67.48),
    (["水费多少", "电费呢", "两项合计占商品和服务支出的比例"], 1.57),
    (["奖金多少", "绩效工资呢", "加起来占人员经费多少"], 42.29),
    (["科技研究开发资金多少", "大数据中心运维费用呢", "两个加起来占项目支出多少"], 73.72),
]


@pytest.mark.parametrize(("turns", "figure"), SUMMED_SHARES)
def test_a_share_of_a_sum_is_one_share(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    assert abs(_stated(answer)[0] - figure) < TOL, answer.text


@pytest.mark.parametrize("question", ["聘用人员经费多少", "聘用人员经费是多少钱", "聘用人员经费安排了多少"])
def test_a_column_word_inside_a_name_is_the_name(bot: Any, question: str) -> None:
    answer = _last(bot, [question])  # the project 聘用人员经费 75.15 (预算11表), not a 人员经费 column
    assert answer.status == "answered" and abs(_stated(answer)[0] - 75.15) < TOL, answer.text


@pytest.mark.parametrize("turns", [["水费多少", "电费呢", "占比多少"], ["水费是多少", "那电费呢", "占多少"]])
def test_a_line_beside_the_one_before_is_no_part_of_it(bot: Any, turns: list[str]) -> None:
    assert not any(abs(f - 100) < TOL for f in _stated(_last(bot, turns)))  # 电费 over 水费 is no share


RANK_SWITCHED: list[tuple[list[str], float]] = [
    (["哪个项目最多", "最少呢"], 11.79),  # 安全生产工作经费 (预算11表)
    (["项目支出最多的是哪个", "最少的呢"], 11.79),
    (["哪个项目花钱最多", "那最少的呢"], 11.79),
]


@pytest.mark.parametrize(("turns", "figure"), RANK_SWITCHED)
def test_the_other_end_of_a_ranking_keeps_its_set(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and abs(_stated(answer)[0] - figure) < TOL, answer.text


MOST_OF_THESE: list[tuple[str, float]] = [
    # only the things named are ranked (公务员医疗补助 49.85 > 行政单位医疗 22.10; 科学技术支出 7,734.67)
    ("行政单位医疗、公务员医疗补助哪个最多", 49.85),
    ("科学技术支出、社会保障和就业支出、卫生健康支出哪个最大", 7734.67),
    ("聘用人员经费、安全生产工作经费、科学事务管理支出哪个最少", 11.79),
    ("基本工资、津贴补贴和奖金中哪个最低", 109.50),
    ("基本工资、津贴补贴、奖金这三项哪个最多", 260.59),
]


@pytest.mark.parametrize(("question", "figure"), MOST_OF_THESE)
def test_the_most_of_the_things_named(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and abs(_stated(answer)[0] - figure) < TOL, answer.text


IN_THE_WHOLE: list[tuple[list[str], float]] = [
    # 津贴补贴 109.50 over 工资福利支出 712.15, the whole said after 在
    (["津贴补贴多少", "在工资福利支出中占比多少"], 15.38),
    (["津贴补贴多少", "在工资福利支出里占多少"], 15.38),
    (["津贴补贴是多少", "那在工资福利支出当中的比重呢"], 15.38),
    # 跟X相比: the figure just stated against X (基本工资 120.92, 奖金 260.59)
    (["基本工资多少", "跟奖金相比呢"], 139.67),
    (["基本工资多少", "和奖金比怎么样"], 139.67),
    (["基本工资是多少", "同奖金相比呢"], 139.67),
]


@pytest.mark.parametrize(("turns", "figure"), IN_THE_WHOLE)
def test_follow_ups_that_name_the_other_figure(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and abs(_stated(answer)[0] - figure) < TOL, answer.text


@pytest.mark.parametrize("turns", [["住房公积金多少", "提租补贴呢", "购房补贴呢", "加起来"],
                                   ["住房公积金多少", "提租补贴呢", "购房补贴呢", "一共多少"],
                                   ["基本工资多少", "津贴补贴呢", "奖金呢", "加起来占人员经费多少"]])
def test_three_figures_and_a_sum_unsaid_ask_which(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not _stated(answer), answer.text  # never the last two guessed


@pytest.mark.parametrize(("turns", "figure"), [
    (["住房公积金多少", "提租补贴呢", "购房补贴呢", "三项加起来"], 101.17),
    (["基本工资多少", "津贴补贴呢", "奖金呢", "三项加起来占人员经费多少"], 67.48),
    (["基本工资多少", "津贴补贴呢", "奖金呢", "两项加起来占人员经费多少"], 50.86),
])
def test_a_count_said_picks_the_figures(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and abs(_stated(answer)[0] - figure) < TOL, answer.text


@pytest.mark.parametrize("question", ["台式计算机多少钱一台", "台式计算机一台多少钱", "台式计算机每台多少钱"])
def test_a_price_per_piece_is_the_unit_price(bot: Any, question: str) -> None:
    answer = _last(bot, [question])  # 台式计算机 单价 0.56 (预算12表), never the 3.36 of 6 台
    assert answer.status == "answered" and abs(_stated(answer)[0] - 0.56) < TOL, answer.text


@pytest.mark.parametrize("turns", [["办公费多少", "取暖费呢", "办公费呢", "加起来"],
                                   ["差旅费多少", "暖气费呢", "差旅费呢", "两项一共"]])
def test_a_line_is_never_added_to_itself(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not _stated(answer), answer.text
