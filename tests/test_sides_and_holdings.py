"""Wordings from fresh79: 它 as the other of two figures just stated; a side of the budget worked back
for a year before; 持平 said in the sentence after the figure; 多了还是少了; 排第N / 第N的是哪个;
every quarter of a project's plan; holdings only the 说明 states, as of the date it states them."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

from assistant.ingest.facts import extract_facts

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # the two just stated (政府采购预算, 工程类): the whole named is one, so 它 is the other
    ("putuo-wanli-2023", "政府采购里工程类多少万元|占采购总额多少比例", [66.27]),
    ("putuo-wanli-2024", "政府采购里工程类多少|占采购总额百分之几", [49.08]),
    ("putuo-wanli-2023", "政府采购中服务类是多少|它占政府采购总额多少", [32.53]),
    ("putuo-wanli-2025", "政府采购里货物多少|占整个采购预算的比重", [1.19]),
    # '公务接待费1.35万元。比2022年预算持平': the sentence after the figure says it is unchanged
    ("putuo-wanli-2023", "三公里面的公务接待费多少万元|2022年呢", [1.35]),
    ("putuo-wanli-2023", "上一年的接待费多少钱", [1.35]),
    ("putuo-wanli-2023", "2022年公务接待费预算是多少", [1.35]),
    # the 收入预算 statement, its one source's change on the next line
    ("putuo-wanli-2024", "今年收入预算多少|那23年预算是多少", [16497.86]),
    ("putuo-wanli-2023", "2022年收入预算是多少", [15076.61]),
    ("putuo-qzfb-2025", "去年的收入预算是多少", [11491.20]),
    ("putuo-wanli-2023", "2022年财政拨款收入是多少", [15076.61]),
    ("putuo-wanli-2023", "财政拨款收入比上年增加多少万元|那2022年的预算是多少", [15076.61]),
    # the worked-back year's change is the printed one, in its unit (never 元 minus rounded 万元)
    ("putuo-qzfb-2025", "财政拨款收入比上年少了多少|用元说", [23895200.0]),
    ("putuo-wanli-2023", "支出最少的是哪个功能类，多少元", [100000.0]),
    ("putuo-wanli-2023", "哪个功能类支出最少", [100000.0]),
    ("putuo-swk-2025", "商品和服务支出里面哪项最多|排第二的呢", [284480.0]),
    ("putuo-swk-2025", "商品和服务支出里面哪项最多|排在第四的是哪个", [194962.0]),
    ("putuo-swk-2025", "商品和服务支出里面哪项最多|第五的是什么", [180000.0]),
    ("putuo-wanli-2024", "新建工程每个季度用款多少|四个季度加起来", [632.2]),
    ("putuo-wanli-2024", "社区公共服务中心那个新建工程占地多大", [4000.6]),
    ("putuo-wanli-2024", "新建工程占地面积有多少平方米", [4000.6]),
    ("putuo-wanli-2023", "在建工程账面多少万元", [12277.73]),
    ("putuo-wanli-2023", "固定资产账面价值是多少", [3149.52]),
    ("putuo-wanli-2023", "截至2022年底固定资产多少", [3149.52]),
    ("putuo-wanli-2023", "无形资产有多少", [234.37]),
    ("putuo-wanli-2023", "办公用房租金多少", [1990014.0]),
    ("putuo-wanli-2023", "街道租房子办公的租金预算多少元", [1990014.0]),
    # 整治行动、病媒消杀 said with 和 / 及
    ("putuo-wanli-2023", "社区环境整治那个项目，整治行动和病媒消杀至少要搞几次", [12.0]),
    ("putuo-wanli-2023", "整治行动及病媒消杀的指标是多少", [12.0]),
    # 多了还是少了 → 多了多少: the change just stated, said again (a rate asked is the rate)
    ("putuo-wanli-2024", "今年三公经费比去年多了还是少了|多了多少", [25.0]),
    ("putuo-wanli-2024", "今年打算新买几辆车", [1.0]),
    ("putuo-wanli-2024", "新购置几辆车", [1.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, float]] = [
    # holdings as of 2022-12-31 are not those of the end of 2023
    ("putuo-wanli-2023", "截至2023年底街道的固定资产有多少万元", 3149.52),
    ("putuo-wanli-2023", "2023年底固定资产多少", 3149.52),
    ("putuo-qzfb-2025", "财政拨款收入比上年少了多少|用元说", 23895224.65),
    # a share over the whole budget is of neither figure just stated
    ("putuo-wanli-2025", "政府采购里货物多少|占总支出多少", 1.19),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


def test_reason_of_a_change_worked_out(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["财政拨款收入比去年减少多少？", "为什么？"])
    assert answer.status == "answered" and "项目调整" in answer.text, answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("今年预算比去年多了还是少了", [1593.58]),
    ("今年的钱比去年多还是少", [1593.58]),
    ("和去年比预算涨了还是降了", [1593.58]),
    ("2024年的收入是多少", [5511.89]),
    ("前年的收入是多少", [5511.89]),
    ("武汉政务用户授权多少钱|按多少人算的", [3000.0]),
    ("武汉政务用户授权数是按多少人算的", [3000.0]),
    ("办公楼多少平米", [914.43]),
    ("机关运行经费比去年多了多少|增长了百分之几", [12.36]),
    ("机关运行经费比去年多了多少|增加了多少", [7.02]),
])
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


@pytest.mark.parametrize(("question", "never"), [
    ("2025年项目支出多少", 6372.11),  # a part of the year's spending, never all of it
    ("政府性基金预算支出多少|国有资本经营预算呢", 7965.69),  # another fund, never the whole budget
])
def test_seed_never(bot: Any, question: str, never: float) -> None:
    answer = _last(bot, question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


def test_holdings_paragraph_dated_by_its_opening() -> None:
    text = "截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋14609.83平方米。"
    facts = {f["subject"]: f["year"] for f in extract_facts(text, 2023, "五、国有资产占有情况")}
    assert facts["固定资产"] == 2022 and facts["房屋"] == 2022, facts


# fresh80: figures stated for a question other than the one asked, each now the one asked or none
FRESH80_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-qzfb-2025", "区府办财政拨款收入比上年少了多少万元|那2024年的预算大概是多少万元", [11491.2]),
    ("putuo-wanli-2025", "三公经费比去年少了多少万元|那2024年是多少万元", [47.91]),
    ("putuo-qzfb-2025", "差旅费多少|会议费和培训费呢，三项加起来", [90000.0]),
    ("putuo-qzfb-2025", "差旅费多少|会议费呢|培训费呢|三项加起来", [90000.0]),
    ("putuo-wanli-2025", "宣传事务和组织事务哪个钱多，多多少元", [31000.0]),
    ("putuo-wanli-2025", "宣传事务和组织事务哪个钱多", [31000.0]),
    ("putuo-wanli-2025", "商品和服务支出里办公费多少|第二大的是哪项，多少", [1143816.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), FRESH80_GOOD)
def test_fresh80_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


@pytest.mark.parametrize(("question", "figures"), [
    ("招商推介会一场花多少钱", [7.5]),
    ("招商推介会一场的费用是多少", [7.5]),
    ("招商推介会一次多少钱", [7.5]),
])
def test_rate_of_one_asked(qiaokou_bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, figures) and not any(abs(v.value - 60.0) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize(("question", "never"), [
    ("消费促进活动经费多少|其中广告宣传投放多少|去年这个项目多少", 25.0),  # the year said stays said
    ("本级的项目支出一共多少，含政府性基金|只算一般公共预算呢|中心呢", 263.2),  # after two refusals
])
def test_qiaokou_never(qiaokou_bot: Any, question: str, never: float) -> None:
    answer = _last(qiaokou_bot, question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


def test_same_question_of_another_thing_after_one_refusal(bot: Any) -> None:
    answer = _last(bot, ["电视费多少", "办公费呢"])
    assert _states(answer, [0.58]), answer.text


@pytest.mark.parametrize(("question", "figures"), [
    # a place in the printed order of a set named (never its order by amount)
    ("项目支出预算表里第二个项目叫啥，多少钱", [117.3]),
    ("项目支出里第一个项目是什么", [75.15]),
    ("项目支出表里最后一个项目是什么", [1681.38]),
    ("商品和服务支出里第二项是哪个", [0.5]),
    ("项目支出预算表里第二个项目叫啥，多少钱|最后一个呢", [1681.38]),
    ("项目支出预算表里有哪些项目|第二个呢|最后一个呢", [1681.38]),
    ("项目支出里第二大的项目是哪个", [1681.38]),
])
def test_place_in_printed_order(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_no_such_place(bot: Any) -> None:
    answer = _last(bot, ["项目支出表里第9个项目"])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize(("question", "figures"), [
    ("房屋面积多少平方米", [14609.83]),
    ("水电合计多少", [852500.0]),
    ("水费多少元|电费呢|水电合计换成万元", [85.25]),
    ("水电费一共多少元", [852500.0]),
])
def test_wanli23_words(putuo_bots: Any, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


# fresh81/82: a whole said as the statement the part was cited under; the other of two stated, named
# short; a mean over a count the 说明 states; the projects a part explains, added up; a level said after
# a line; the count of what was just listed; a second clause that asks 什么
FRESH82_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2025", "工程类采购多少万元|占采购总额的比例", [78.42]),
    ("putuo-wanli-2025", "中小企业预留多少|其中小微企业呢|小微占中小企业预留的比例", [70.0]),
    ("putuo-wanli-2025", "编报绩效目标的项目平均每个涉及资金多少万元", [180.12]),
    ("putuo-qzfb-2025", "编报绩效目标的项目平均每个涉及资金多少万元", [602.36]),
    ("putuo-wanli-2023", "编报绩效目标的项目平均每个涉及资金多少万元", [665.63]),
    ("putuo-swk-2025", "项目经费情况说明里那四个专项一共多少万元", [7221.0]),
    ("putuo-swk-2025", "商贸事务这个款下面哪个项最少，多少元", [2901820.0]),
    ("putuo-swk-2025", "商贸事务下面有哪些项|一共几个", [4.0]),
    ("putuo-qzfb-2025", "公车运行费今年有没有", [0.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), FRESH82_GOOD)
def test_fresh82_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


FRESH82_NEVER: list[tuple[str, str, float]] = [
    ("putuo-swk-2025", "项目经费情况说明里那四个专项一共多少万元", 35168.4),
    ("putuo-swk-2025", "商贸事务这个款下面哪个项最少，多少元", 21601733.0),
    ("putuo-wanli-2025", "城乡社区支出有多少|占全部支出的比例是多少", 100.0),  # never X over itself
]


@pytest.mark.parametrize(("stem", "question", "never"), FRESH82_NEVER)
def test_fresh82_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


@pytest.mark.parametrize(("question", "figures"), [
    ("政府采购中货物类金额多少，买了什么", [8.64, 2.16]),
    ("科学技术支出多少|占全部支出的比例", [97.1]),
    ("网络安全运营服务项目服务费多少|占这个项目多少", [99.14]),
])
def test_seed_fresh82(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


# fresh83: the year a follow-up says replaces the year before; both years said are compared; the place
# in a list just given; the column named now is the part; a whole of the units is no sum of two figures
@pytest.mark.parametrize(("question", "figures"), [
    ("科技研究与开发资金今年安排多少钱|这个项目2025年是多少", [4700.0]),
    ("科技研究与开发资金今年安排多少钱|这个项目2025年是多少|2024年呢？|2026年比2025年少了多少", [200.0]),
    ("项目支出都有哪些项目|第二个项目多少钱", [117.3]),
    ("项目支出都有哪些项目|第二个项目多少钱|第三个呢|最后一个呢", [1681.38]),
    ("哪个项目钱最多|第二个呢", [1681.38]),
    ("政府采购预算总共多少|其中面向中小企业的有多少|面向小微企业的占采购总额百分之多少", [40.01]),
    ("政府采购预算总共多少|其中面向中小企业的有多少|占比多少", [60.0]),
])
def test_seed_fresh83(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_units_whole_is_no_sum_of_two(qiaokou_bot: Any) -> None:
    turns = ["招商服务中心的收入预算一共多少", "其中事业收入多少", "本级的政府性基金收入呢",
             "两家单位的收入合计是多少"]
    answer = _last(qiaokou_bot, turns)
    assert not any(abs(v.value - 50.0) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize(("stem", "question", "figures"), [
    ("putuo-swk-2025", "项目支出占全部支出的比例是多少，保留两位小数", [94.66]),
    ("putuo-swk-2025", "基本支出多少万元|项目支出是它的多少倍", [17.73]),
    ("putuo-swk-2025", "项级科目一共有多少个|其中超过1000万元的有几个", [3.0]),
])
def test_fresh82_more(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


# fresh84: 其中 says the whole is the column just asked; a reserved part of 政府采购 in the reservation it
# is stated under; the items a count listed; a place among the 款 of the line named
@pytest.mark.parametrize(("question", "figures"), [
    ("政府采购面向中小企业多少|其中面向小微企业的占多少比例", [66.68]),
    ("政府采购面向小微企业的多少|占面向中小企业的比例", [66.68]),
    ("大数据中心运维费用采购了几项|第三个多少钱", [571.55]),
])
def test_seed_fresh84(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_items_summed_never_their_quantities(bot: Any) -> None:
    answer = _last(bot, ["大数据中心运维费用那几条采购加起来多少"])
    assert not any(v.unit == "" for v in answer.values), answer.text


@pytest.mark.parametrize(("stem", "question", "figures"), [
    ("putuo-wanli-2025", "面向中小企业预留多少|其中给小微企业的占多少比例", [70.0]),
    ("putuo-wanli-2023", "预留给中小企业的采购预算多少|其中小微企业的占多少比例", [70.0]),
    ("putuo-wanli-2025", "城乡社区环境卫生在城乡社区支出的几个款里排第几", [3.0]),
    ("putuo-swk-2025", "哪个专项最贵", [2921.0]),
    ("putuo-swk-2025", "哪个专项钱最少", [1170.0]),
])
def test_putuo_fresh84(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_follow_up_filled_in_keeps_its_share(putuo_bots: Any) -> None:
    """A follow-up filled in from the turn before never loses what it asks (its share): the amount of the
    part is no answer to 其中…占多少比例."""
    turns = ["面向中小企业预留了多少采购额", "其中给小微企业的占多少比例"]
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    shared = any(v.unit == "%" for v in answer.values)
    assert shared or not any(abs(v.value - 1349.94) < TOL for v in answer.values), answer.text
