"""What a question asks besides a line (什么东西, 几批, 哪一类, 其中…占), the units below a
department said short (中心, 招商中心), and follow-ups that change one slot (那中心呢, 扶持资金呢,
第一个…, 换成万元 → B呢) — each a mechanism, tried in several wordings.

Seed figures (jianghan 2026): 总支出 7,965.69; 科学技术支出 7,734.67 (the largest 功能 class);
人员经费 727.65 of 基本支出 791.47 (91.94%); 卫生健康支出 71.95, all of it 行政事业单位医疗;
大数据中心运维费用 788.60 (2025: 644.49, so 144.11 more), its purchases 694.46 (预算12表).
Qiaokou figures (硚口商务局 2025): 招商服务中心 人员经费 143.60, 基本支出 158.00, 项目支出 85.20;
商贸流通企业扶持资金 420.00 (2024: 400.00); 赴外招商考察 15 批次; 复印纸 200 箱 at 0.02;
一般公共预算 行政运行 362.95 and 事业运行 119.60 (243.35 apart); 公务用车运行维护费 3.20 (持平).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

from assistant.pipeline.match_pieces import _inside


@pytest.fixture(scope="module")
def qbot(qiaokou_bot: Any) -> Any:
    return qiaokou_bot  # built once per run (conftest.py)


def _has(answer: Any, figure: float) -> bool:
    return any(abs(f - figure) < TOL for f in _stated(answer))


# --- the seed ------------------------------------------------------------------------------------

SEED_GOOD: list[tuple[list[str], float]] = [
    (["今年一共花多少钱"], 7965.69),
    (["局里一共要花多少钱"], 7965.69),
    (["一年总共要花多少钱"], 7965.69),
    (["支出功能分类中哪一类支出最多"], 7734.67),
    (["功能分类里哪一类最多"], 7734.67),
    (["基本支出多少", "人员经费占多少"], 91.94),
    (["卫生健康支出多少", "其中行政事业单位医疗占多少"], 100.0),
    (["卫生健康支出是多少", "其中行政事业单位医疗占比"], 100.0),
    (["大数据中心运维费用多少", "网络安全运营项目呢", "第一个比去年多了多少"], 144.11),
    (["大数据中心运维费用多少", "网络安全运营项目呢", "第1个比去年涨了多少"], 144.11),
    (["大数据中心运维费用的采购是多少"], 694.46),
    (["大数据中心运维费用里采购多少"], 694.46),
    (["大数据中心运维费用采购了多少"], 694.46),
    (["科学技术支出多少", "那项目呢"], 7174.22),  # a column said short, after a line
    (["科学技术支出是多少", "项目呢"], 7174.22),
]


@pytest.mark.parametrize(("turns", "figure"), SEED_GOOD)
def test_seed_reads(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    assert _has(answer, figure), answer.text


SEED_NO_FIGURE: list[list[str]] = [
    ["培训费安排几期培训？"],  # 安排 holds 排, but no place in a ranking is asked
    ["差旅费安排几批"],
    ["会议费安排几次"],
    ["专用材料费买几样东西"],
    ["办公费买的什么东西"],  # what kind of thing: the budget gives no list of it
    ["办公费买了什么东西"],
    ["大数据中心运维费用什么时候花"],
    ["商品和服务支出里排第一的是哪项"],  # a place asked: never the parent line's own figure
]


@pytest.mark.parametrize("turns", SEED_NO_FIGURE)
def test_seed_states_no_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not _stated(answer), answer.text


@pytest.mark.parametrize("question", ["政府采购买的什么东西", "采购的都是什么东西", "政府采购都买了什么"])
def test_what_was_bought_is_the_list(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and answer.table is not None, answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("哪一类支出最多", 7734.67), ("支出最多的是哪一类", 7734.67), ("哪一类支出最少", 57.9)])
def test_a_class_of_spending_is_of_the_functions(bot: Any, question: str, figure: float) -> None:
    # the 经济分类 divides the 基本支出 alone: only the 功能分类 ranks all spending, and the reply says so
    answer = _last(bot, [question])
    assert answer.status == "answered" and answer.values[0].value == figure and "功能分类" in answer.text


@pytest.mark.parametrize("turns", [["人员经费占比多少"], ["人员经费多少", "那占比呢"], ["公用经费占比多少"]])
def test_two_readings_are_asked(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "clarify", answer.text
    assert len(answer.candidates) == 2 and not answer.values


def test_a_piece_that_cuts_a_word_is_no_fragment() -> None:
    bound = ("邮电", "水电")
    assert not _inside("电费", "邮电费", bound)
    assert not _inside("电费", "水电费", bound)
    assert _inside("接待费", "公务接待费", bound)
    assert _inside("电费", "电费", bound)


# --- the second document (two units, more funds) -------------------------------------------------

QIAOKOU_GOOD: list[tuple[list[str], list[float]]] = [
    (["中心人员经费多少"], [143.60]),
    (["招商中心人员经费多少"], [143.60]),
    (["中心项目支出多少"], [85.20]),
    (["本级人员经费多少", "招商中心呢"], [143.60]),
    (["本级人员经费多少", "中心呢"], [143.60]),
    (["本级人员经费多少", "换成中心呢"], [143.60]),
    (["商务局本级项目支出多少", "招商服务中心呢"], [85.20]),
    (["中心有几个项目"], [2]),
    (["赴外招商考察几批"], [15]),
    (["赴外招商考察多少批次"], [15]),
    (["招商引资专项经费多少", "扶持资金呢"], [420.00]),
    (["招商引资专项经费多少", "扶持资金呢", "去年的呢"], [400.00]),
    (["复印纸买多少箱，单价多少"], [200, 0.02]),
    (["一般公共预算里行政运行比事业运行多多少"], [243.35]),
    (["三公经费多少", "公车运行费呢"], [3.20]),
    (["三公经费多少", "公车运行费呢", "去年的呢"], [3.20]),
    (["哪个单位的人员经费最多"], [434.96]),  # the department's own row is no unit ranked
    (["哪个单位的一般公共预算最多"], [1253.26]),
    # 本级 before a fund is read as the unit (a likeness of 一般公共预算拨款 no longer takes 级):
    # the unit's 项目支出 of 预算06表, then the other unit's
    (["本级一般公共预算项目支出多少"], [765.50]),
    (["本级一般公共预算项目支出多少", "换成中心呢"], [85.20]),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU_GOOD)
def test_second_document_reads(qbot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(qbot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), answer.text


QIAOKOU_NO_FIGURE: list[list[str]] = [
    ["商务中心人员经费多少"],  # no such unit: never the department's figure
    ["中心住房公积金多少"],  # no table divides 住房公积金 by unit
    ["中心的三公经费多少"],
    ["招商引资专项经费多少", "扶贫资金呢", "去年的呢"],  # the turn before named nothing answerable
]


@pytest.mark.parametrize("turns", QIAOKOU_NO_FIGURE)
def test_second_document_states_no_figure(qbot: Any, turns: list[str]) -> None:
    answer = _last(qbot, turns)
    assert not _stated(answer), answer.text


def test_a_unit_asked_for_keeps_holding(qbot: Any) -> None:
    """多少万元 → B呢: the unit the user asked for holds for the next thing named."""
    conv = qbot.new_conversation()
    qbot.ask("行政运行是多少元", conv)
    answer = qbot.ask("事业运行呢", conv)
    assert any(v.unit == "元" for v in answer.values), answer.text
