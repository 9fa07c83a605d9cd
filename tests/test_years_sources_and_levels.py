"""Wordings from fresh100 (an official computing, kiosk visitors, trainees, a wrong-figure hunter),
each reworded three ways or more: the years said one by one or as a range, added up (never a
change between the first and the last); a level said (类级 / 支出类) keeps its own lines in a
threshold count; a unit's source of income (its column of the income table), asked or followed up
with 其中 / 呢; a fund said inside one of the document's terms (财政拨款收入) must be what the answer
speaks of; A去掉B where B is a line under A; the words before a piece several names share pick one;
N个专项 after a list names what each thing is; 台/套 is one unit of a count."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated as _stated
from ask_support import states as _states

from assistant.ingest.facts import extract_facts

SEED_GOOD: list[tuple[list[str], list[float]]] = [
    # the years of a project's form, said one by one: added up
    (["科技研究与开发资金2024、2025、2026三年加起来多少"], [13892.0]),
    (["科技研究与开发资金2024年到2026年一共多少"], [13892.0]),
    (["2024到2026年科技研究与开发资金合计多少"], [13892.0]),
    (["科技研究与开发资金2024和2026年加起来是多少"], [9192.0]),
    # a line under the whole taken out: the rest of the whole
    (["工资福利支出去掉住房公积金还剩多少？"], [651.06]),
    (["工资福利支出除了住房公积金还有多少"], [651.06]),
    (["工资福利支出扣除住房公积金后是多少"], [651.06]),
    (["工资福利支出去掉住房公积金之后还有多少"], [651.06]),
    (["住房保障支出不算住房公积金的话是多少"], [40.08]),
    (["住房保障支出不含住房公积金是多少"], [40.08]),
    (["工资福利支出多少", "去掉住房公积金呢"], [651.06]),
    # the words said before a shared piece of several names pick the one
    (["高新企业认定奖励给多少钱"], [770.0]),
    (["高新认定奖励多少"], [770.0]),
    (["瞪羚认定奖励多少"], [180.0]),
    (["孵化器认定奖励多少"], [20.0]),
    # a sibling said short after a line of the 三公 paragraph
    (["因公出国多少", "接待呢"], [0.0]),
    # a figure the project's own sentence states, the project named in part
    (["网络安全运营服务要覆盖多少个接入节点"], [465.0]),
    (["网络安全运营服务项目接入节点多少个"], [465.0]),
    # the procurement table's quantity, added up in any words
    (["政府采购预算表里的采购数量加起来一共多少？"], [812.0]),
    (["政府采购预算表的采购数量合计"], [812.0]),
]


@pytest.mark.parametrize(("turns", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    assert _states(answer, figures), (turns, answer.text)


SEED_NEVER: list[tuple[list[str], list[float]]] = [
    # a count said that is not the years said: no sum of other years
    (["科技研究与开发资金2024到2026两年一共多少"], [13892.0, 9192.0]),
    # 认定奖励 alone is any of six lines: asked, never one guessed
    (["认定奖励多少"], [770.0, 180.0, 20.0]),
    # 一共 over a range of years is a sum, never the change between the first and the last
    (["科技研究与开发资金2024年到2026年一共多少"], [192.0]),
]


@pytest.mark.parametrize(("turns", "never"), SEED_NEVER)
def test_seed_never_states(bot: Any, turns: list[str], never: list[float]) -> None:
    answer = _last(bot, turns)
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (turns, answer.text)


QIAOKOU_GOOD: list[tuple[list[str], list[float]]] = [
    (["商贸流通企业扶持资金2023、2024、2025三年预算加起来多少"], [1200.0]),
    (["商贸流通企业扶持资金2023年到2025年一共多少"], [1200.0]),
    (["2023到2025年商贸流通企业扶持资金合计多少"], [1200.0]),
    (["商贸流通企业扶持资金2023和2025年加起来是多少"], [800.0]),
    # a unit's source of income: its column of the income table
    (["招商服务中心事业收入多少"], [20.0]),
    (["招商服务中心的一般公共预算拨款多少"], [243.20]),
    (["商务局本级政府性基金收入多少"], [30.0]),
    (["招商服务中心总共收入多少？", "其中一般公共预算拨款多少"], [243.20]),
    (["招商服务中心总共收入多少？", "其中事业收入多少"], [20.0]),
    (["招商服务中心总共收入多少？", "那一般公共预算拨款呢"], [243.20]),
    (["招商服务中心总共收入多少？", "事业收入呢"], [20.0]),
    # after a unit's column the column holds (其中 a fund of its 项目支出)
    (["招商服务中心项目支出多少", "其中一般公共预算"], [85.20]),
    # a unit's column of one fund: that fund's cell of its project line
    (["商务局本级政府性基金项目支出多少"], [30.0]),
    (["商务局本级项目支出中政府性基金多少"], [30.0]),
    (["商务局本级项目支出中一般公共预算多少", "换成政府性基金呢"], [30.0]),
    # a level said as the set of a threshold: the lines of that level
    (["一般公共预算支出里超过120万元的项级科目有几个"], [3.0]),
    (["收支总表里支出超过30万元的类有几个"], [4.0]),
    # 去掉A呢 after a split whole: the rest of it
    (["三公经费预算多少", "去掉公务接待费呢"], [3.20]),
    (["三公经费预算多少", "不算公务用车的话是多少"], [2.50]),
    (["三公经费多少", "扣除公务接待费呢"], [3.20]),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU_GOOD)
def test_qiaokou_good(qiaokou_bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert _states(answer, figures), (turns, answer.text)


QIAOKOU_NEVER: list[tuple[list[str], list[float]]] = [
    # the department's source after a unit's income (the wrong figure fresh100 found)
    (["招商服务中心总共收入多少？", "其中一般公共预算拨款多少"], [1496.46]),
    # 财政拨款收入 of a unit is not its whole income (事业收入 20 is in 263.20)
    (["招商服务中心财政拨款收入多少"], [263.20]),
    # 一共 over the years: never the change 420 − 380
    (["商贸流通企业扶持资金2023年到2025年一共多少"], [40.0]),
    # a source the unit has no figure of: never its whole income
    (["商务局本级事业收入多少"], [1283.26]),
    # one fund's column of a unit's project line: never the line's 合计 of every fund
    (["商务局本级项目支出中一般公共预算多少", "换成政府性基金呢"], [795.50]),
    (["商务局本级政府性基金项目支出多少"], [795.50]),
    # 去掉A呢 with nothing asked before: no rest of a whole guessed
    (["去掉公务接待费呢"], [64.70]),
]


@pytest.mark.parametrize(("turns", "never"), QIAOKOU_NEVER)
def test_qiaokou_never_states(qiaokou_bot: Any, turns: list[str], never: list[float]) -> None:
    answer = _last(qiaokou_bot, turns)
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (turns, answer.text)


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # a level said keeps its own lines: 5 类 above 300 万, never their 7 款
    ("putuo-wanli-2025", "超过300万元的类级科目有几个", [5.0]),
    ("putuo-wanli-2025", "超过300万元的支出类有几个?", [5.0]),
    ("putuo-wanli-2025", "超过300万的支出大类有几个", [5.0]),
    ("putuo-wanli-2025", "哪几类支出超过300万元", [3296600.0]),
    ("putuo-wanli-2023", "行政事业单位养老支出去掉职业年金缴费后是多少？", [4644987.0]),
    ("putuo-wanli-2023", "行政事业单位养老支出扣掉职业年金缴费支出还剩多少", [4644987.0]),
    ("putuo-wanli-2023", "专用设备有多少台套？", [818.0]),
    ("putuo-wanli-2023", "专用设备有多少台", [818.0]),
    ("putuo-swk-2025", "科技创新、生命健康、商业创新、贸易高质量发展四个专项加起来多少钱？", [7221.0]),
    ("putuo-swk-2025", "科技创新、生命健康两个专项一共多少", [2890.0]),
    ("putuo-swk-2025", "科目编码2011301对应哪一项，预算多少？", [9389913.0]),
    ("putuo-swk-2025", "功能科目代码为2011301的预算是多少", [9389913.0]),
    ("putuo-swk-2025", "公务接待费为什么安排1万元", [1.0]),
    ("putuo-swk-2025", "公务接待费安排1万元的原因是什么", [1.0]),
    ("putuo-swk-2025", "为什么公务接待费安排了1.00万元", [1.0]),
    ("putuo-wanli-2024", "预留给小型和微型企业的政府采购项目预算是多少", [465.49]),
    ("putuo-wanli-2024", "给小型和微型企业预留了多少采购预算", [465.49]),
    ("putuo-wanli-2024", "一般公共服务支出下面超过50万元的款有几个", [2.0]),
    ("putuo-wanli-2024", "支出超过1000万元的类有几个", [2.0]),
    ("putuo-wanli-2024", "商品和服务支出中超过50万元的款有几个", [7.0]),
    ("putuo-wanli-2024", "政府采购预算除了工程之外还有多少", [846.57]),
    ("putuo-wanli-2024", "政府采购预算去掉工程是多少", [846.57]),
    ("putuo-wanli-2024", "住房保障支出去掉住房公积金是多少", [5378900.0]),
    ("putuo-swk-2025", "住房保障支出不含住房公积金是多少", [1488000.0]),
    ("putuo-qzfb-2025", "采购里货物多少", [0.0]),
    ("putuo-qzfb-2025", "采购里面服务类多少", [34.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, list[float]]] = [
    # 7 款 lines above 300 万 are not the 类 asked
    ("putuo-wanli-2025", "超过300万元的类级科目有几个", [7.0]),
    # 城乡社区支出类 is that 类, its 款 counted
    ("putuo-wanli-2025", "212城乡社区支出类下有几个款", [9.0, 5.0]),
    # 专用设备 818 台/套: never the 0 of the 单价100万元以上 ones
    ("putuo-wanli-2023", "专用设备多少台/套", [0.0]),
    # three 专项 said for two names: which is not said
    ("putuo-swk-2025", "科技创新、生命健康三个专项一共多少", [2890.0]),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never_states(putuo_bots: Any, stem: str, question: str, never: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v - n) < 0.005 for v in _stated(answer) for n in never), (question, answer.text)


def test_a_count_in_sets_of_items_has_one_unit() -> None:
    text = "单价50万元以上通用设备0台/套；专用设备818台/套（其中：单价100万元以上专用设备0台/套）。"
    counts = {f["subject"]: f["value"] for f in extract_facts(text, 2022, "国有资产占有使用情况")
              if f["unit"] == "台/套"}
    assert counts.get("专用设备") == 818
    assert not any(s.startswith("/") for s in counts)


@pytest.mark.parametrize("follow", ["按月分摊是多少", "按月分摊的话每月多少", "那每个月摊多少"])
def test_a_demand_not_understood_gets_no_figure_even_in_words(bot: Any, follow: str) -> None:
    """先投后股 800 万元 → 按月分摊: nothing in the document divides it by month, so no answer states
    800 again — not as a figure, and not inside the words that quote the project's form."""
    answer = _last(bot, ["科技研究与开发资金里先投后股安排多少", follow])
    assert "800" not in answer.text and not _stated(answer), answer.text
