"""Wordings from fresh99 (an official computing, kiosk visitors, trainees, a wrong-figure hunter),
each reworded: 除了A，哪一项最多 ranks without A; X负责/执行的项目加起来 adds the projects whose forms
name X — never the whole budget; a column said before A和B scopes both; 第二个呢 keeps the listing
read (never a ranking by amount); 它占多少 after a unit's figure; a class said after its whole (政府采购
预算里货物) is the class; a reading whose label the question says answers over one it does not."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated as _stated
from ask_support import states as _states

from assistant.ingest.facts import extract_facts

SEED_GOOD: list[tuple[list[str], list[float]]] = [
    # a ranking with one line left out: the next largest, never the one left out
    (["公用经费里面，除了其他商品和服务支出，哪一项最多？"], [13.01]),
    (["公用经费中除了其他商品和服务支出以外哪一项最多"], [13.01]),
    (["除了其他商品和服务支出，公用经费里哪项最多"], [13.01]),
    (["除了科技研究开发资金，哪个项目最多"], [1681.38]),
    # the projects a person or a unit runs, by their forms
    (["王传福负责的两个项目一共多少钱？"], [2469.98]),
    (["王传福负责的项目加起来多少"], [2469.98]),
    (["大数据中心执行的两个项目加起来多少？"], [2469.98]),
    (["区经科局办公室执行的项目合计多少？"], [192.45]),
    (["周丽琴负责的项目预算加起来是多少？"], [192.45]),
    # a column said before two lines joined: both are read in that column
    (["人员经费中科学技术支出和社会保障和就业支出合计多少？"], [554.53]),
    (["基本支出中行政运行和其他科学技术管理事务支出合计？"], [560.45]),
    (["基本支出里面行政运行和其他科学技术管理事务支出加起来多少"], [560.45]),
    # everyday words for the whole 政府采购
    (["网络安全运营服务那笔采购占全部采购预算的几成"], [70.51]),
    (["网络安全运营服务采购占采购总预算多少"], [70.51]),
    (["科技那块多少"], [7734.67]),
    # the last years said one by one, averaged over the years
    (["科技研究与开发资金24、25、26三年平均每年多少"], [4630.67]),
    (["科技研究与开发资金2024、2025、2026三年平均每年多少"], [4630.67]),
    (["科技的钱有多少"], [7734.67]),
]


@pytest.mark.parametrize(("turns", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert _states(answer, figures), (turns, answer.text)


SEED_NO_SUCH_FIGURE: list[tuple[list[str], list[float]]] = [
    # the thing left out is no line of the set ranked: no ranking stated
    (["除了张三，哪个项目最多"], [4500.0]),
    # a count the forms do not give, or a unit no form names: never the whole budget or 项目支出
    (["王传福负责的三个项目一共多少钱"], [7965.69, 2469.98]),
    (["综合科执行的项目一共多少"], [7174.22, 7965.69]),
    # the other largest lines are not the one left out
    (["公用经费里面，除了其他商品和服务支出，哪一项最多？"], [28.97]),
    # years that are not the last three, or 每年 with no years: never the last three, never per line
    (["科技研究与开发资金23、24、25三年平均每年多少"], [4630.67, 187.5]),
    (["科技研究开发资金平均每年多少"], [187.5]),
    # names that begin with 科技 are names of their own, never the 类
    (["科技项目审计咨询费用安排了多少？"], [7734.67]),
]


@pytest.mark.parametrize(("turns", "never"), SEED_NO_SUCH_FIGURE)
def test_seed_never_states(bot: Any, turns: list[str], never: list[float]) -> None:
    answer = _last(bot, turns)
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (turns, answer.text)


QIAOKOU_GOOD: list[tuple[list[str], list[float]]] = [
    (["采购表第一个买的是啥 多少钱", "第二个呢"], [0.50]),
    (["采购表里第一个是什么，多少钱", "那第三个呢"], [60.0]),
    (["招商服务中心一年多少钱", "它占多少"], [17.02]),
    (["招商服务中心预算多少", "它占总支出多少"], [17.02]),
    (["三公一共多少 比去年少多少"], [5.70, 0.30]),
    (["三公经费多少，比去年少多少"], [5.70, 0.30]),
    (["招商项目落地奖励一共多少，按几个项目算的"], [120.0, 6.0]),
    (["车的费用多少"], [3.20]),
    (["买货物的钱多少"], [5.80]),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert _states(answer, figures), (turns, answer.text)


def test_the_second_of_a_listing_is_never_the_second_largest(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["采购表第一个买的是啥 多少钱", "第二个呢"])
    assert not _states(answer, [46.80]), answer.text


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2023", "养车要花多少", [215600.0, 21.56]),
    # a class said after its whole is the class (货物 0, 工程 0, 服务 34), never the whole thrice
    ("putuo-qzfb-2025", "政府采购预算里货物、工程、服务各是多少？", [0.0, 0.0, 34.0]),
    ("putuo-qzfb-2025", "政府采购预算里服务和货物加起来多少", [34.0]),
    ("putuo-wanli-2024", "政府采购预算里货物和服务两类合计多少", [846.57]),
    ("putuo-wanli-2024", "政府采购里货物和服务加起来多少", [846.57]),
    # 事业单位 said: the count of 事业单位, not of every 预算单位
    ("putuo-wanli-2025", "本部门包括几家事业单位？", [4.0]),
    ("putuo-wanli-2023", "街道下面有几家事业单位？", [4.0]),
    # two readings that state one figure (21.56 万元 = 215,600 元): nothing to ask
    ("putuo-wanli-2023", "公务用车运行费安排了多少？", [21.56]),
    # 换成 another line: the question before, of it
    ("putuo-wanli-2025", "红十字事业一般行政管理事务多少？|换成市场监督管理事务呢？", [135300.0]),
    ("putuo-swk-2025", "科技那块多少|它占总支出多少", [4.63]),
    ("putuo-swk-2025", "扶持中小企业的钱有多少", [293810000.0]),
    # a column said before two lines joined scopes both (in 元)
    ("putuo-wanli-2025", "项目支出中社会保障和就业支出与卫生健康支出合计多少？", [2536200.0]),
    ("putuo-wanli-2025", "基本支出中城乡社区支出和住房保障支出合计？", [84569078.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_the_class_is_never_its_whole(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["政府采购预算里货物、工程、服务各是多少？"])
    assert sorted(_stated(answer)) == [0.0, 0.0, 34.0], answer.text


@pytest.mark.parametrize(("text", "subject"), [
    ("共有车辆0辆；单价100万元（含）以上设备（不含车辆）0台（套）。",
     "单价100万元（含）以上设备（不含车辆）"),
    ("部门预算安排购置单价50万元以上通用设备2台。", "购置单价50万元以上通用设备"),
])
def test_a_figure_bounding_a_subject_is_part_of_it(text: str, subject: str) -> None:
    # (台 or 台（套）/ 台/套: one unit of things counted)
    counts = [f for f in extract_facts(text, 2025, "五、国有资产占有使用情况") if f["unit"].startswith("台")]
    assert [f["subject"] for f in counts] == [subject]
