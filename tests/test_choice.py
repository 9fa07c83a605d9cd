"""How a reading is chosen (query/choose.py, knowledge/readings.toml) and the mechanisms found by
questions written afresh from the documents (issue 12): each in several wordings of our own, and
the wordings that must NOT get a figure. Figures read by hand from the seed document
(tests/fixtures via conftest) and from ../shared/sources/putuo (skipped without that folder)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

from assistant.models import Answer, Intent, Value
from assistant.query.evidence import LEVELS, at_least, by_match, readings

ROOT = Path(__file__).resolve().parent.parent
PUTUO = ROOT.parent / "shared" / "sources" / "putuo"




def _has(answer: Any, figure: float) -> bool:
    return any(abs(v - figure) <= TOL for v in _stated(answer))


# --- the evidence levels are data, and every handler names a declared one -------------------


def test_levels_are_declared_once_in_order() -> None:
    r = readings()
    assert tuple(level.name for level in r.levels) == LEVELS
    assert all(level.label and level.help for level in r.levels)
    assert r.rank(r.fallback_floor) <= r.rank(r.min_level)


def test_every_level_a_handler_names_is_declared() -> None:
    named = set()
    for path in (ROOT / "assistant" / "pipeline" / "intents").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'evidence\s*=\s*"([a-z_]+)"', text))
        named |= set(re.findall(r'by_match\("([a-z_]+)"', text))
        assert "confidence" not in text, f"{path.name} still speaks of a confidence"
    assert named and named <= set(LEVELS), named - set(LEVELS)


def test_a_fuzzy_match_weakens_a_reading() -> None:
    assert by_match("strong", 100) == "strong"
    assert by_match("strong", 95) == "named"
    assert by_match("strong", 85) == "likely"
    assert by_match("last_resort", 60) == "last_resort"  # never below the weakest level
    assert at_least("certain", "weak") and not at_least("last_resort", "weak")


# --- two complete readings that each state one different figure: ask ---------------------------


def _complete(value: float, label: str, preferred: bool = False, unit: str = "万元") -> Any:
    from assistant.pipeline.steps import PREFERRED, State

    params = {PREFERRED: True} if preferred else {}
    figure = Value(value=value, unit=unit, label=label)
    return State(raw="q", intent=Intent(name="x", params=params),
                 answer=Answer(status="answered", text="t", values=[figure]))


@pytest.mark.parametrize(
    ("figures", "preferred", "asks"),
    [
        ([(1.0, "甲"), (2.0, "乙")], False, True),  # two different figures: a guess either way
        ([(1.0, "甲"), (1.0, "甲")], False, False),  # the same figure read twice: no question
        ([(1.0, "甲"), (2.0, "乙")], True, False),  # the operation asked (最便宜) chose the first
        ([(1.0, "甲")], False, False),
    ],
)
def test_conflicting_complete_readings(figures: list[tuple[float, str]], preferred: bool, asks: bool) -> None:
    from assistant.query.conflict import conflict as _conflict

    states = [_complete(v, label, preferred and i == 0) for i, (v, label) in enumerate(figures)]
    reply = _conflict(states)
    assert (reply is not None) == asks
    if reply is not None:
        assert reply.status == "clarify" and not reply.values
        assert [c.label for c in reply.candidates] == ["甲", "乙"]


@pytest.mark.parametrize(("a", "b", "asks"), [
    ((10000.0, "元"), (1.0, "万元"), False),  # one figure printed in two units: no question
    ((185000.0, "元"), (28.5, "万元"), True),  # 公务接待费 of two tables: two figures
    ((1.0, "万元"), (10000.0, "元"), False),
])
def test_a_figure_in_two_units_is_no_conflict(a: tuple[float, str], b: tuple[float, str], asks: bool) -> None:
    from assistant.query.conflict import conflict as _conflict

    states = [_complete(a[0], "公务接待费", unit=a[1]), _complete(b[0], "公务接待费", unit=b[1])]
    assert (_conflict(states) is not None) == asks


def test_the_trace_lists_each_reading_judged(bot: Any) -> None:
    answer = _last(bot, ["行政运行是多少"])
    judged = next(s.detail for s in answer.trace.steps if s.step == "respond")["readings"]
    assert judged and judged[0].startswith("amount[") and judged[0].endswith("complete")


def test_a_ranking_is_understood_before_the_readings(bot: Any) -> None:
    answer = _last(bot, ["几个项目里钱第二多的是哪个"])  # query/ranking.py: the rule, in the trace
    understood = next(s.detail for s in answer.trace.steps if s.step == "understand")
    assert understood["op"] == "rank" and 1681.38 in [v.value for v in answer.values]


# --- the seed document --------------------------------------------------------------------------

SEED_GOOD: list[tuple[str, list[float]]] = [
    # 几个项目里: the set looked inside, not a count of it
    ("几个项目里钱第二多的是哪个", [1681.38]),
    ("几个项目中哪个最少", [11.79]),
    ("几个项目当中金额最大的是哪个", [4500.0]),
    ("有几个项目", [6.0]),  # …while a count is still a count
    ("一共有几个项目", [6.0]),
    # A和B分别多少: each figure, never their total
    ("人员经费和公用经费分别是多少", [727.65, 63.82]),
    ("基本工资和奖金各多少", [120.92, 260.59]),
    ("住房公积金、购房补贴分别多少钱", [61.09, 29.08]),
    # a list counted by 这三样/这3项 is added up
    ("基本工资、津贴补贴、奖金这三样合计多少钱", [491.01]),
    ("基本工资、津贴补贴和奖金这3项一共多少", [491.01]),
    ("基本工资、奖金这两样一共多少钱", [381.51]),
    # 占了多少钱 asks how much money, not a share
    ("工资福利支出里面基本工资占了多少钱", [120.92]),
    ("工资福利支出里基本工资占用多少钱", [120.92]),
    # one example before 这些的 illustrates the word after it
    ("买文具纸张这些的办公费有多少", [0.58]),
    ("打印纸这类的办公费多少", [0.58]),
    # 这一大类 is the class just named
    ("看病医疗这一大类一共多少钱", [71.95]),
    # an economic line said without its final 费
    ("买专用材料要花多少钱", [8.62]),
    ("专用材料预算", [8.62]),
    # a name said right before 这个/那个 is what it points to
    ("新春第一会那个大会预算多少", [30.0]),
    ("大数据中心运维费用这个项目一共多少", [788.6]),
    # 办公用房面积 is the document's 房屋面积
    ("局里办公用房面积有多大", [914.43]),
    # a total the answer names (采购金额合计) is the total: its columns are never added up
    ("纳入政府采购的钱总共有多少", [2384.46]),
    ("政府采购一共多少钱", [2384.46]),
    # 部门总支出 is the whole budget
    ("人员经费占部门总支出多少", [9.13]),
    # 增长了百分之几 asks for the rate of the change
    ("今年收支总预算比2025年增长了百分之几", [25.01]),
    ("收支总预算比去年增长百分之多少", [25.01]),
    ("机关运行经费比去年增加了百分之几", [12.36]),
    # X里/中 + a column (基本支出, 人员经费 …): X's own cell over X, never the department's column
    ("科学技术支出里基本支出占比", [7.25]),
    ("科学技术支出中人员经费占比", [6.46]),
    ("人员经费占科学技术支出多少", [6.46]),
    ("基本支出占科学技术支出的比例", [7.25]),
    # a follow-up share after a column was asked: that column in the total given with it
    ("政府采购多少|面向小微企业的呢|占比多少", [40.01]),
    ("政府采购合计多少|其中面向中小企业的呢|它占合计的比例呢", [60.0]),
    ("政府采购预算多少|其中面向中小企业的呢|占多大比重", [60.0]),
    ("政府采购预算多少|其中面向中小企业的呢|它占采购总额的百分之几", [60.0]),
    # another column named now, in the column just asked (它)
    ("政府采购预算多少|其中面向中小企业的呢|小微占它多少", [66.68]),
    ("政府采购预算多少|其中面向中小企业的呢|其中小微的占它多少", [66.68]),
    # 它 inside one sentence is the line just named there
    ("行政运行的人员经费占它的比例", [84.78]),
    ("行政运行里人员经费占它多少", [84.78]),
    # the last item of a list
    ("商品和服务支出有哪些|最后一项呢", [28.97]),
    ("商品和服务支出有哪些|最后一个多少", [28.97]),
    # everyday words: 来着
    ("单位发奖金的预算是多少来着", [260.59]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_wordings(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)


SEED_NO_FIGURE: list[tuple[str, float | None]] = [
    # 占 is a part of a whole: 项目支出 (7,174.22) is no part of 基本支出 (791.47)
    ("项目支出占基本支出的比例", None),
    ("项目支出占基本支出多少", None),
    # 每个月 is a part of the year (no monthly figure in the document), never a unit price
    ("基本工资每个月发多少", None),
    ("每个月的人员经费多少", None),
    # 采购总额 is the total of something named: never guessed as the whole budget (29.93%), and
    # a change over years (增长 99.99%) is no share
    ("政府采购预算多少|它占采购总额的百分之几", 99.99),
    # 占 asks for a part of a whole: a line under another parent is no part of it
    ("住房公积金占商品和服务支出多少比例", None),
    ("公务员医疗补助占社会保障和就业支出多少", None),
    # a residual line (其他社会保障缴费) is never the line named without 其他
    ("社会保障缴费多少", 1.29),
    ("社会保障缴费预算是多少", 1.29),
    # an ordinal past the end of a list: never the list's total
    ("政府采购有哪些品目|第九个多少钱", 2384.46),
    # a unit below the department named, a department-wide fact found: not the unit's figure
    ("大数据中心的房屋面积是多少", 914.43),
    ("科技创新促进中心的房屋面积有多大", 914.43),
    # a question about the department itself is no follow-up of the figure before
    ("三公经费多少|主要职能是什么", 0.0),
    # a count never says which line is second
    ("有几个项目排第二", 6.0),
]


@pytest.mark.parametrize(("question", "never"), SEED_NO_FIGURE)
def test_seed_wordings_without_a_figure(bot: Any, question: str, never: float | None) -> None:
    answer = _last(bot, question.split("|"))
    assert not any(v > 100 for v in _stated(answer) if v != never), answer.text  # no share over 100%
    if never is None:
        assert answer.status != "answered" or not answer.values, answer.text
    else:
        assert not _has(answer, never), answer.text


# --- documents of the other layout: homonyms, shared heads, years of four digits ---------------


@pytest.fixture(scope="module")
def pbots(putuo_bots: Any) -> Any:
    return putuo_bots  # each PDF ingested once per run (conftest.py)


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # a follow-up word standing in for a part of the line just asked (dialogue/slots.py
    # _switch_parallel): one of a joined name, or a part as long and ending alike
    ("putuo-wanli-2024", "公务用车购置及运行费2024年安排了多少？|购置费是多少？", [25.0]),
    ("putuo-wanli-2024", "公务用车购置及运行费多少|那运行费呢", [21.56]),
    ("putuo-wanli-2024", "公务用车购置及运行费多少|购置费呢|运行费呢", [21.56]),
    ("putuo-wanli-2024", "行政单位医疗多少|事业单位的呢", [1601424.0]),
    ("putuo-wanli-2024", "行政单位医疗是多少|那事业单位呢", [1601424.0]),
    ("putuo-wanli-2024", "行政单位医疗安排了多少|事业单位呢", [1601424.0]),
    # 去掉/扣除 A 还剩多少 after a line: the rest of that line (3,216,973 − 3,016,973), not money unspent
    # 三公 said beside a line's name: the 三公 part's figure, not the 基本支出 economic line's
    ("putuo-qzfb-2025", "三公经费里公务接待费多少？", [28.5]),
    ("putuo-qzfb-2025", "三公经费中的公务接待费是多少", [28.5]),
    ("putuo-qzfb-2025", "第四部分中的公务接待费是多少", [28.5]),
    # a part and the whole one narrative section is about (一、2025年“三公”经费预算情况说明)
    ("putuo-qzfb-2025", "因公出国（境）费在三公经费里占多大比例？", [96.71]),
    ("putuo-qzfb-2025", "公务接待费占三公经费的比例", [3.29]),
    ("putuo-qzfb-2025", "三公经费中因公出国费的占比", [96.71]),
    ("putuo-wanli-2024", "卫生健康支出多少|去掉行政事业单位医疗还剩多少", [200000.0]),
    ("putuo-wanli-2024", "卫生健康支出多少|除了行政事业单位医疗，还剩多少", [200000.0]),
    ("putuo-wanli-2024", "卫生健康支出多少|扣除行政事业单位医疗以后还剩多少", [200000.0]),
    # a line of one name under several parents: the parent named settles it
    ("putuo-wanli-2024", "宣传事务的一般行政管理事务是多少", [1106000.0]),
    ("putuo-wanli-2024", "宣传事务一般行政管理事务多少钱", [1106000.0]),
    # a second thing said by its own words shares the first one's head
    ("putuo-wanli-2024", "公务用车购置费和运行费分别是多少？", [25.0, 21.56]),
    ("putuo-wanli-2024", "公务用车购置费和运行费各多少钱", [25.0, 21.56]),
    ("putuo-wanli-2024", "公务用车购置费、运行费分别是多少", [25.0, 21.56]),
    # X中A和B各多少: both inside X
    ("putuo-wanli-2024", "社会保障和就业支出中基本支出和项目支出各占多少钱", [13368164.0, 6235900.0]),
    ("putuo-wanli-2024", "社会保障和就业支出里基本支出和项目支出分别是多少", [13368164.0, 6235900.0]),
    # 3年 inside 2023年 is part of the year, not a series of three years
    ("putuo-wanli-2023", "2023年机关运行经费预算", [786.09]),
    ("putuo-wanli-2023", "2023年万里街道支出预算总额是多少？", [164978640.0]),
    ("putuo-wanli-2023", "跟2022年相比财政拨款收入增加了多少", [1421.25]),
    # an exact name holding 和 is one line, never split into two
    ("putuo-wanli-2023", "其他社会保障和就业支出占社会保障和就业支出的百分比", [49.17]),
    # 占了多少钱 of a row: the column of that row
    ("putuo-qzfb-2025", "行政运行里面项目支出占了多少钱？", [110000.0]),
    ("putuo-qzfb-2025", "行政运行里项目支出占多少钱", [110000.0]),
    # everyday words: 出国出境, 花得最多
    ("putuo-qzfb-2025", "出国出境的费用安排了多少？", [839.0]),
    ("putuo-qzfb-2025", "商品和服务支出里哪一项花得最多？", [483840.0]),
    ("putuo-qzfb-2025", "商品和服务支出中哪项用得最多", [483840.0]),
    # two questions in one sentence: each its own figure
    ("putuo-wanli-2024", "今年基本支出多少，项目支出多少？", [99706020.0, 56505103.0]),
    ("putuo-wanli-2024", "基本支出是多少，项目支出是多少", [99706020.0, 56505103.0]),
    ("putuo-wanli-2024", "城管执法安排了多少，群众体育安排了多少", [6043390.0, 200000.0]),
    # 除了A和B: both left out of the rest (社会保障和就业支出 is one name, never split)
    ("putuo-wanli-2023", "除了城乡社区支出和社会保障和就业支出，其他支出加起来多少？", [16585526.0]),
    ("putuo-wanli-2023", "除了城乡社区支出、社会保障和就业支出以外，其余几类合计多少", [16585526.0]),
    # a parent named before its child says which child: the child's figure, in an operation too
    ("putuo-wanli-2023", "城乡社区管理事务的行政运行是多少", [18373632.0]),
    ("putuo-wanli-2023", "城乡社区管理事务的行政运行是城管执法的几倍？", [2.66]),
    ("putuo-wanli-2023", "城乡社区管理事务里的行政运行是城管执法的多少倍", [2.66]),
    # 一共 over the parts a reading lists: their total, and the parts (the gate checks it)
    ("putuo-wanli-2023", "社区公共服务中心新建工程全年四个季度用款计划一共多少？", [410.0, 25.88]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程四个季度的用款计划加起来一共多少？", [410.0]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程各季度用款计划合计多少", [410.0]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程第三季度的用款计划是多少", [186.6]),
    # 第二季度呢: the same plan for another part of the year (a plan, never "execution data")
    ("putuo-wanli-2023", "社区公共服务中心新建工程第一季度用款计划多少|第二季度呢", [180.74]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程第一季度用款计划多少|第二季度呢|那第三季度呢", [186.6]),
    ("putuo-wanli-2023", "社区公共服务中心新建工程第四季度的用款计划|第1季度呢", [25.88]),
    # X里 + a column, and a column's share of one line (wanli-2024)
    ("putuo-wanli-2024", "城乡社区管理事务里项目支出占比", [18.89]),
    ("putuo-wanli-2024", "城乡社区支出里基本支出占比多少", [64.17]),
    ("putuo-wanli-2024", "基本支出里社会保障和就业支出占比", [13.41]),
    # the department's own name said first only says whose budget
    ("putuo-wanli-2024", "万里街道三公经费合计多少", [47.91]),
    ("putuo-wanli-2024", "万里街道的三公经费是多少", [47.91]),
    # a project form of this layout: its figures in the form's own unit
    ("putuo-wanli-2023", "就业援助基地补贴2023年预算多少", [6351000.0]),
    # a follow-up naming another thing keeps the part of the document just read (三公 narrative)
    ("putuo-qzfb-2025", "因公出国（境）费是多少？|公务接待费呢？", [28.5]),
    ("putuo-qzfb-2025", "因公出国（境）费是多少？|公务接待费呢？|两者差多少？", [810.5]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_wordings(pbots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(pbots[stem], question.split("|"))
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), (figure, answer.text)


def test_a_form_figure_says_its_unit(pbots: Any) -> None:
    """A Shanghai form prints 元: the answer says 元, never 6,351,000.00 万元 — and says it again in
    万元 only as that figure converted (635.10 万元)."""
    answer = _last(pbots["putuo-wanli-2023"], ["就业援助基地补贴2023年预算多少"])
    assert "6,351,000.00 元" in answer.text and "6,351,000.00 万元" not in answer.text, answer.text
    assert answer.values[0].unit == "元"
    assert all(v.unit == "元" or (v.unit == "万元" and v.value == round(answer.values[0].value / 10_000, 2))
               for v in answer.values), answer.values


@pytest.mark.parametrize(
    ("stem", "question"),
    [
        ("putuo-wanli-2024", "一般行政管理事务安排了多少？"),
        ("putuo-wanli-2024", "一般行政管理事务多少钱"),
        ("putuo-wanli-2024", "今年一般行政管理事务的预算"),
    ],
)
def test_homonyms_ask_which(pbots: Any, stem: str, question: str) -> None:
    answer = _last(pbots[stem], [question])
    assert answer.status == "clarify" and not answer.values, answer.text
    assert len(answer.candidates) >= 2
    picked = _last(pbots[stem], [answer.candidates[0].question])
    assert picked.status == "answered" and picked.values, picked.text


@pytest.mark.parametrize(
    ("stem", "question", "never"),
    [
        # a column named in a follow-up that none of the figures before is of: never their share
        ("putuo-wanli-2024", "政府采购预算多少|面向中小企业的呢|其中小微的占它多少", 40.0),
        # a part larger than its whole is another line, never a share over 100%
        ("putuo-qzfb-2025", "项目支出占行政运行的比例是多少", 552.06),
        # 这个项目 with nothing to point to and nothing to offer: no empty choice
        ("putuo-qzfb-2025", "这个项目安排了多少钱", 0.0),
        # a line with no cell in the column asked is no part of it (plan/whole.py): 购房补贴 is a
        # personnel line, never 87.57% of 公用经费; 公益性岗位补贴 is all 项目支出 (基本 0)
        ("putuo-qzfb-2025", "购房补贴占公用经费的比例", 87.57),
        ("putuo-qzfb-2025", "公用经费里购房补贴占多少", 87.57),
        ("putuo-qzfb-2025", "购房补贴在公用经费中的占比", 87.57),
        # 当年财政拨款 asked: never the form's 项目当年预算 (another cell; the document disagrees)
        ("putuo-wanli-2023", "公共服务设施运行经费当年财政拨款是多少", 10903043.0),
        ("putuo-wanli-2023", "公共服务设施运行经费的财政拨款有多少", 10903043.0),
        ("putuo-wanli-2023", "公共服务设施运行经费当年财政拨款多少钱", 10903043.0),
        ("putuo-wanli-2023", "公益性岗位补贴占基本支出的比例", 6.39),
        ("putuo-wanli-2023", "基本支出里公益性岗位补贴占比多少", 6.39),
        ("putuo-wanli-2023", "公益性岗位补贴在基本支出中占多少", 6.39),
    ],
)
def test_putuo_without_that_figure(pbots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(pbots[stem], question.split("|"))
    assert not _has(answer, never), answer.text
    assert answer.status != "clarify" or answer.candidates, answer.text


def test_one_name_two_figures_asks_which_and_each_option_answers(pbots: Any) -> None:
    """公务接待费: 185,000 元 in the 基本支出 经济分类 table, 28.50 万元 in the 三公 part — ask, and
    each option (asked by its code or its part of the document) answers with its own figure."""
    answer = _last(pbots["putuo-qzfb-2025"], ["公务接待费多少？"])
    assert answer.status == "clarify" and not answer.values, answer.text
    got = {_last(pbots["putuo-qzfb-2025"], [c.question]).values[0].value for c in answer.candidates}
    assert got == {185000.0, 28.5}, got


@pytest.mark.parametrize("question", ["单位用车一年要花多少钱", "公务用车要花多少钱"])
def test_money_asked_of_vehicles_is_their_costs(bot: Any, question: str) -> None:
    """Money asked about 公务用车: the 三公 section's costs (购置费 0 + 运行维护费 0 万元, L1177),
    never the 0 辆 of the narrative's count of vehicles."""
    answer = bot.ask(question)
    assert answer.status == "answered", answer.text
    assert answer.values and all(v.unit == "万元" for v in answer.values), answer.text


def test_a_project_inside_procurement_is_its_procurement_rows(bot: Any) -> None:
    """政府采购里大数据中心运维费用占比多少: the project read inside 政府采购 is its 预算12表 rows
    (63.95 + 58.96 + 571.55 = 694.46 of 2,384.46, L399–410), never the project's own budget
    over its parent line (10.99%)."""
    answer = bot.ask("政府采购里大数据中心运维费用占比多少")
    assert answer.status == "answered", answer.text
    stated = [v.value for v in answer.values]
    assert any(abs(v - 29.12) < 0.005 for v in stated) and not any(abs(v - 10.99) < 0.005 for v in stated)
