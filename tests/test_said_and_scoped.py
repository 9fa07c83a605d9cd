"""Session 12 mechanisms, each in several wordings, written from the documents:

- a year said with two digits (25年预算, 24年多少) is that year — never the document's own year;
- a government or a ministry (普陀区人民政府, 上海市人民政府, 民政部, 商务部, 科技部) or the city's office
  of the department's kind (武汉市商务局 beside 硚口区商务局) is another body: refused, no figure;
  the department's own short name (区府办的差旅费) is the department;
- how many units a budget covers is read from its words: the list after 具体包括 (万里: 本部 and 5
  below, 6 in all), else 由机关本级及 N 家下属… (N + 1; 下属 N); a count asked of one thing
  (机关运行经费涉及几家单位) from the sentence that names it;
- 占比 after 第二个呢 (a ranking's second line): of the whole the ranking was asked within; 第二呢 after a
  share of a ranking's first line: the ranking's second line;
- 比它多的项级科目有几个: the lines past the figure just stated; 在项级科目里排第几: among every line of
  that level;
- 地下呢 after 建筑面积: never the same figure again; 项目一共多少钱: every project together (项目支出);
  里面项目支出多少 after a line: that line's 项目支出; 占它…: the unit said first.

Seed (jianghan 2026, 万元): 安全生产工作经费 2025 10.4; 科学事务管理支出 2024 198.67; 科技研究与开发资金
2025 4,700; 住房保障支出 101.17; 项目支出 7,174.22; 网络安全运营服务 1,681.38 (23.44% of 项目支出); 基本工资
120.92 of 工资福利支出 712.15 (16.98%); 行政运行 401.31, 3rd of 11 项 lines, 2 above it.
万里 2025 (元): 城管执法 6,522,681, 6th of 33 项 lines (5 above, 27 below). 万里 2023: 项目支出 65,572,343.
区府办 2025 (元): 行政运行 项目支出 110,000; 差旅费 50,000. Qiaokou (万元): 招商服务中心 人员经费 143.60 of
its 一般公共预算 243.20 (59.05%).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated


def _has(answer: Any, figures: tuple[float, ...]) -> bool:
    said = _stated(answer)
    return answer.status == "answered" and all(any(abs(f - x) < TOL for x in said) for f in figures)


SEED: list[tuple[list[str], tuple[float, ...]]] = [
    (["安全生产工作经费多少", "25年预算多少"], (10.4,)),
    (["科学事务管理支出24年多少"], (198.67,)),
    (["科技研发资金25年预算"], (4700.0,)),
    (["有几家单位"], (3.0,)),
    (["本部门包括几家单位"], (3.0,)),
    (["有几个下属单位"], (2.0,)),
    (["三公经费涉及几家单位"], (3.0,)),
    (["最多的类级科目是哪个", "占比", "第二呢"], (101.17,)),
    (["项目支出哪个最多", "第二个呢", "占比"], (23.44,)),
    (["工资福利支出里哪个最多", "第二呢", "占比"], (16.98,)),
    (["行政运行多少", "比它多的项级科目有几个"], (2.0,)),
    (["行政运行多少", "比它少的项级科目有几个"], (8.0,)),
    (["行政运行在项级科目里排第几"], (3.0,)),
    (["行政运行在所有项级科目中排第几"], (3.0,)),
    (["项目一共多少钱"], (7174.22,)),
    (["所有项目加起来多少"], (7174.22,)),
    (["基本支出多少", "里面人员经费多少"], (727.65,)),
]


@pytest.mark.parametrize(("turns", "figures"), SEED)
def test_seed(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(bot, turns)
    assert _has(answer, figures), answer.text


PUTUO: list[tuple[str, list[str], tuple[float, ...]]] = [
    ("putuo-wanli-2025", ["有几家单位"], (6.0,)),
    ("putuo-wanli-2025", ["单位有几家"], (6.0,)),
    ("putuo-wanli-2025", ["下属有几家单位"], (5.0,)),
    ("putuo-wanli-2025", ["机关运行经费涉及几家单位"], (2.0,)),
    ("putuo-wanli-2025", ["城管执法多少", "比它多的项级科目有几个"], (5.0,)),
    ("putuo-wanli-2025", ["城管执法多少", "比它少的项级科目有几个"], (27.0,)),
    ("putuo-wanli-2025", ["城管执法在项级科目里排第几"], (6.0,)),
    ("putuo-wanli-2023", ["项目一共多少钱"], (65572343.0,)),
    ("putuo-qzfb-2025", ["区府办行政运行多少？", "里面项目支出多少？"], (110000.0,)),
    ("putuo-qzfb-2025", ["区府办的差旅费"], (50000.0,)),
    ("putuo-qzfb-2025", ["下属有几家单位"], (1.0,)),
]


@pytest.mark.parametrize(("stem", "turns", "figures"), PUTUO)
def test_putuo(putuo_bots: Any, stem: str, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(putuo_bots[stem], turns)
    assert _has(answer, figures), answer.text


QIAOKOU: list[tuple[list[str], tuple[float, ...]]] = [
    (["有几家单位"], (2.0,)),
    (["本部门包括几家单位"], (2.0,)),
    (["下属有几家单位"], (1.0,)),
    (["招商服务中心的人员经费占它一般公共预算支出的比例"], (59.05,)),
    (["招商服务中心的人员经费占其一般公共预算支出的比例"], (59.05,)),
    (["商务部门的三公经费"], (5.70,)),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU)
def test_qiaokou(qiaokou_bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert _has(answer, figures), answer.text


@pytest.mark.parametrize(("stem", "question"), [
    ("putuo-wanli-2025", "普陀区人民政府的总预算"),
    ("putuo-wanli-2025", "上海市人民政府的三公经费"),
    ("putuo-wanli-2025", "民政部的三公经费"),
    ("putuo-wanli-2025", "普陀区政府的三公经费"),
    ("putuo-wanli-2023", "上海市人民政府的三公经费"),
])
def test_another_body_is_refused_putuo(putuo_bots: Any, stem: str, question: str) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize("question", ["武汉市商务局的三公经费", "武汉市商务局的招商引资专项经费",
                                      "商务部的三公经费"])
def test_another_body_is_refused_qiaokou(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text


def test_a_ministry_is_refused_seed(bot: Any) -> None:
    answer = _last(bot, ["科技部的三公经费"])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize("turns", [["建筑面积多少", "地下呢"], ["建筑面积多少", "地上呢"]])
def test_a_narrowing_followup_never_repeats_the_figure(putuo_bots: Any, turns: list[str]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert 13459.0 not in _stated(answer), answer.text


@pytest.mark.parametrize("question", ["政府性基金安排的科技研究开发资金多少？",
                                      "国有资本经营预算安排的差旅费是多少", "政府性基金的聘用人员经费有没有"])
def test_a_line_of_an_empty_fund_has_nothing_from_it(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and not answer.values and answer.text.startswith("没有"), answer.text


@pytest.mark.parametrize("question", ["近3年的总预算分别是多少", "2025年的总预算"])
def test_four_digit_years_and_counts_of_years_are_unchanged(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert _has(answer, (6372.11,)), answer.text


@pytest.mark.parametrize("turns", [["行政运行多少", "一般公共预算多少"],
                                   ["2060404是什么", "一般公共预算是多少"]])
def test_a_fund_asked_after_a_line_is_asked_back(bot: Any, turns: list[str]) -> None:
    """The line's part from that fund, or the department's whole of it: both offered, no figure."""
    answer = _last(bot, turns)
    assert answer.status == "clarify" and not answer.values and len(answer.candidates) == 2, answer.text


def test_within_a_fund_after_a_line_is_the_lines(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["事业运行多少", "其中一般公共预算是多少"])
    assert _has(answer, (119.6,)), answer.text


@pytest.mark.parametrize("turns", [["住房公积金多少", "它的一般公共预算拨款呢"],
                                   ["2060404是什么", "它的一般公共预算是多少"]])
def test_it_said_first_is_the_line_before(bot: Any, turns: list[str]) -> None:
    assert 7965.69 not in _stated(_last(bot, turns))
