"""Wordings from fresh86–90 (trainees computing, reviewers cross-checking, wrong-figure hunters):
heads joined before one shared tail (市级和区级支持总部经济, 行政和事业单位医疗); 的几项明细加起来 asks the
items' sum, never their number; 每块多少 asks each part; a follow-up after a clause keeps the thing
named short; a 测算依据 asked states the figures it prints; 增长了多少百分比 is a change's rate, never a
share; a part asked 单独 that the document prints only inside a line states no figure; a party said
with what it is given (给单项冠军企业的奖励) is the line named after it; 人员工资 is asked back."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-swk-2025", "区级和市级支持总部经济一共多少", [2368.0]),
    ("putuo-swk-2025", "贸易高质量发展专项里市级和区级支持总部经济加起来多少", [2368.0]),
    ("putuo-swk-2025", "贸易高质量发展专项里区级与市级支持总部经济分别多少", [1106.0, 1262.0]),
    ("putuo-swk-2025", "区级、市级支持总部经济各多少", [1106.0, 1262.0]),
    ("putuo-wanli-2025", "行政和事业单位医疗一共多少", [3016973.0]),
    ("putuo-wanli-2025", "行政单位医疗和事业单位医疗加起来", [3016973.0]),
    ("putuo-wanli-2024", "公益性岗位补贴多少万|增长了多少百分比", [8.12]),
    ("putuo-wanli-2024", "公益性岗位补贴增幅是多少", [8.12]),
    ("putuo-wanli-2024", "公益性岗位补贴涨幅多大", [8.12]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


QIAOKOU_GOOD: list[tuple[str, list[float]]] = [
    ("电商平台运维费的几项明细加起来是不是等于46.8万", [46.8]),
    ("电商平台运维费的几条明细一共多少钱", [32.0, 10.8, 4.0, 46.8]),
    ("招商引资专项经费具体怎么花的，每块多少", [60.0, 45.0, 120.0, 15.0, 20.0]),
    ("招商引资专项经费每部分多少钱", [60.0, 45.0, 120.0, 15.0, 20.0]),
    ("招商引资专项经费分成几块，每一块多少", [60.0, 45.0, 120.0, 15.0, 20.0]),
    ("电商平台运维费的明细有几项，一共多少钱", [3.0, 46.8]),
    ("电商平台运维费的明细有几项|一共多少钱", [46.8]),
    ("商贸企业稳规奖励的测算依据是什么", [60.0, 2.0, 30.0]),
    ("赴外招商考察的测算依据是什么", [45.0, 15.0, 3.0]),
    ("跟2023年比，2025年收入合计增长了多少百分比", [16.23]),
    ("2025年财政拨款比2024年多了多少", [121.16, 8.62]),
]


@pytest.mark.parametrize(("question", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


SEED_GOOD: list[tuple[str, list[float]]] = [
    ("科研开发资金里给单项冠军企业的奖励安排了多少？", [150.0]),
    ("给单项冠军企业的奖励是多少", [150.0]),
    ("单项冠军奖励给了普创多少", [50.0]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


NO_FIGURE: list[tuple[str, str]] = [
    ("", "新春第一会的特邀专家费用单独是多少"),
    ("qiaokou", "赴外招商考察里粤港澳大湾区单独花多少万"),
    ("putuo-swk-2025", "科技创新专项里专精特新认定单独是多少万"),
    ("", "人员工资安排了多少"),
    ("", "人员工资是多少"),
]


@pytest.mark.parametrize(("stem", "question"), NO_FIGURE)
def test_no_figure(bot: Any, qiaokou_bot: Any, putuo_bots: Any, stem: str, question: str) -> None:
    asked = bot if not stem else qiaokou_bot if stem == "qiaokou" else putuo_bots[stem]
    answer = _last(asked, question.split("|"))
    assert answer.status != "answered" or not answer.values, (question, answer.text)


def test_wages_asked_back(bot: Any) -> None:
    answer = _last(bot, ["人员工资安排了多少"])
    labels = {c.label for c in answer.candidates}
    assert answer.status == "clarify" and {"基本工资", "劳务派遣人员工资"} <= labels


NEVER: list[tuple[str, str, float]] = [
    ("putuo-wanli-2024", "公益性岗位补贴多少万|增长了多少百分比", 100.0),
    ("putuo-wanli-2024", "公益性岗位补贴多少万|涨了多少百分比", 100.0),
]


@pytest.mark.parametrize(("stem", "question", "never"), NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


def test_clause_keeps_the_thing_named_short(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["电商平台运维费的明细有几项，一共多少钱"])
    assert not any(abs(v.value - 1546.46) < TOL for v in answer.values), answer.text


def test_reason_after_a_change_is_the_change(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["电商平台运维费多少", "比上年多多少", "为什么"])
    assert "立项依据" not in answer.text and "变动" in answer.text, answer.text


AGREE: list[tuple[str, str, list[float], str]] = [
    ("qiaokou", "三公经费合计是不是等于公务接待费加上公务用车运行费", [5.7, 2.5, 3.2], "两者一致"),
    ("qiaokou", "公务接待费和公务用车运行费加起来等不等于三公经费", [5.7, 2.5, 3.2], "两者一致"),
    ("qiaokou", "公务接待费和公务用车运行费加起来和三公经费一样吗", [5.7, 2.5, 3.2], "两者一致"),
    ("qiaokou", "电商平台运维费的几项明细加起来是不是等于46.8万", [46.8], "两者一致"),
    # the document's own tables disagree (预算03表 139.60, 预算05表 119.60): both stated, the gap too
    ("qiaokou", "支出总表里事业运行的金额和一般公共预算支出表里的事业运行一样吗", [139.6, 119.6, 20.0],
     "不一致"),
    ("qiaokou", "人员经费和公用经费加起来跟基本支出对得上吗", [578.56, 67.2, 665.76], "不一致"),
    ("putuo-wanli-2024", "基本支出合计等不等于人员经费加公用经费", [99706020.0], "两者一致"),
    ("putuo-wanli-2025", "政府采购货物、工程、服务三项加起来是不是等于采购总额，总额多少万元", [4821.2],
     "两者一致"),
    ("putuo-wanli-2025", "住房公积金多少元|和经济分类表里的住房公积金一样吗", [3846732.0], "两者一致"),
    ("putuo-wanli-2023", "人员经费是否等于301工资福利支出加303对个人和家庭的补助？加总多少元", [84024865.0],
     "两者一致"),
]


@pytest.mark.parametrize(("stem", "question", "figures", "verdict"), AGREE)
def test_cross_checks(qiaokou_bot: Any, putuo_bots: Any, stem: str, question: str, figures: list[float],
                      verdict: str) -> None:
    asked = qiaokou_bot if stem == "qiaokou" else putuo_bots[stem]
    answer = _last(asked, question.split("|"))
    assert _states(answer, figures) and verdict in answer.text, (question, answer.text)


def test_a_cross_check_never_reads_one_figure_twice(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["三公经费和三公经费一样吗"])
    assert "两者一致" not in answer.text, answer.text


def test_a_single_figure_never_answers_a_cross_check(qiaokou_bot: Any) -> None:
    """两者一致 is the answer's to say: a reading that states one side only consumes no 一样吗."""
    answer = _last(qiaokou_bot, ["招商服务中心的一般公共预算和它的收入一样吗"])
    assert answer.status != "answered" or "一致" in answer.text, answer.text


MORE_PUTUO: list[tuple[str, str, list[float]]] = [
    ("putuo-qzfb-2025", "除了公务接待费，三公经费其他加起来多少", [839.0]),
    ("putuo-qzfb-2025", "三公经费除了出国的部分以外还有多少万元", [28.5]),
    ("putuo-wanli-2025", "除了公务用车以外，三公经费里剩下的是多少万元", [1.35]),
    ("putuo-wanli-2023", "住房保障支出是不是就是公积金加购房补贴？", [8960694.0, 6783494.0, 2177200.0]),
    ("putuo-wanli-2024", "公务用车购置及运行费=购置费+运行费吗", [46.56, 25.0, 21.56]),
    ("putuo-swk-2025", "商业创新专项的钱分成哪几块？|第二块是多少万？", [120.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), MORE_PUTUO)
def test_more_putuo(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_a_bracket_says_whose_the_figure_is(bot: Any) -> None:
    """招商引资兑现资金 60 万（恒生保泰落户奖励第二年）: this year's 60 is the party's (beside the 200
    agreed)."""
    assert _states(_last(bot, ["今年给恒生保泰兑现多少"]), [60.0])


@pytest.mark.parametrize("question", ["日常办公经费也就是公用经费有多少", "公用经费也就是日常办公经费是多少"])
def test_another_name_is_no_cross_check(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert "一致" not in answer.text, answer.text


def test_one_thing_in_two_tables(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["事业运行在支出总表和一般公共预算支出表里金额一样吗？"])
    assert _states(answer, [139.6, 119.6, 20.0]) and "不一致" in answer.text, answer.text


def test_a_table_total_is_no_side_said_by_the_table_alone(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["事业运行和一般公共预算支出表里金额一样吗"])
    assert not any(abs(v.value - 1356.86) < TOL for v in answer.values), answer.text


def test_second_largest_after_names_only(qiaokou_bot: Any) -> None:
    """项目支出有几个项目 lists names, no figures: 第二多的 ranks the set, never the 2nd one listed."""
    assert _states(_last(qiaokou_bot, ["项目支出有几个项目？", "第二多的是哪个？"]), [260.0])


def test_an_amount_after_a_thing_not_found_is_not_the_whole_budget(putuo_bots: Any) -> None:
    turns = ["区政府督查及建议提案工作业务经费是干什么的", "预算安排了多少钱"]
    answer = _last(putuo_bots["putuo-qzfb-2025"], turns)
    assert answer.status != "answered" or not answer.values, answer.text


SOURCES: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2024", "财务收支预算总表里的一般公共服务支出跟收入预算总表里的一样吗？", [2932700.0]),
    ("putuo-wanli-2023", "住房公积金在功能分类表和经济分类表里数一样吗？多少元", [3526694.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), SOURCES)
def test_one_thing_said_in_two_sources(putuo_bots: Any, stem: str, question: str,
                                       figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert _states(answer, figures) and "两者一致" in answer.text, answer.text


def test_a_thing_listed_inside_a_line_has_no_figure_of_its_own(bot: Any) -> None:
    """新春第一会的特邀专家费: the 测算依据 lists it inside the meeting's 30 万元, no figure of its own."""
    for question in ("新春第一会的特邀专家费是多少？", "新春第一会特邀专家费用多少钱",
                     "新春第一会的宣传片制作费多少钱"):
        answer = _last(bot, [question])
        assert answer.status != "answered" or not answer.values, answer.text
        assert "30.00" not in answer.text, answer.text  # (no figure of another question, even in words)


@pytest.mark.parametrize("question", ["2026年江汉区全区科技支出总额是多少？", "全区的一般公共预算多少"])
def test_a_wider_area_is_not_the_department(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text


def test_a_place_after_a_refusal_is_not_in_another_list(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], ["政府采购分哪几类？", "第二多的是哪类？"])
    assert answer.status != "answered" or not any(abs(v.value - 27073236.0) < TOL for v in answer.values)
