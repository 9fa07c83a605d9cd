"""Session 10 mechanisms, each in several wordings, written from the documents:

- 比上年呢 / 和去年比呢 / 与上年相比 after one figure: the change, as the document states it (never
  the earlier year's figure alone);
- a project named after a column was asked (公用经费 → 那某项目呢), or an office that is only a piece
  of a project's name: no figure (a project has no such column);
- 第二项明细: the line printed there, never the second largest;
- names said side by side with no joining word (水费电费加一起);
- one example before 这些 (发工资这些人头费): the word after it is asked;
- 花了多少 alone asks the budgeted sum; 实际花了 / a month is still refused;
- two characters of a unit's name said right before a line (招商差旅费) narrow it: refused;
- the department by its short names (区府办, 区政府办) and by the names it works under, as its own
  narrative says (加挂…牌子: 区经委, 外事办).

Seed (jianghan 2026, 万元): 机关运行经费 63.82 vs 56.80 (增加 7.02); 公用经费 63.82; 人员经费 727.65;
水费 0.50 + 电费 0.50; 大数据中心运维费用's third 15表 line 5.08; 网络安全运营服务项目's second 14.50;
因公出国(境)费 0.00. Qiaokou (2025): 三公 减少 0.30; 政府采购 增加 17.60; 商贸流通企业扶持资金's second
line 60.00; 差旅费 5.50.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ask_support import TOL, restated
from ask_support import last_answer as _last
from ask_support import stated as _stated

PUTUO = Path(__file__).resolve().parents[2] / "shared" / "sources" / "putuo"


def _has(answer: Any, figures: tuple[float, ...]) -> bool:
    said = _stated(answer)
    return answer.status == "answered" and all(any(abs(f - x) < TOL for x in said) for f in figures)


SEED: list[tuple[list[str], tuple[float, ...]]] = [
    (["机关运行经费多少", "比上年呢"], (7.02,)),
    (["机关运行经费多少", "和去年比呢"], (7.02,)),
    (["机关运行经费多少", "与上年相比呢"], (7.02,)),
    (["机关运行经费多少", "较上年呢"], (7.02,)),
    (["大数据中心运维费用第三项明细"], (5.08,)),
    (["网络安全运营服务项目第二项明细"], (14.5,)),
    (["大数据中心运维费用的第3条明细是多少"], (5.08,)),
    (["水费电费加一起多少"], (1.0,)),
    (["水费电费一共多少"], (1.0,)),
    (["差旅费会议费培训费加起来多少"], (3.0,)),
    (["他们发工资这些人头费一年多少"], (727.65,)),
    (["出国花了多少钱"], (0.0,)),
    (["公务接待费花了多少"], (0.0,)),
    (["年终奖金一共多少"], (260.59,)),
    (["请的临时工工资要多少钱"], (75.15,)),
]

SEED_NO_FIGURE: list[list[str]] = [
    ["公用经费多少", "那安全生产呢"],
    ["人员经费多少", "那科技研究与开发资金呢"],
    ["基本支出多少", "那大数据中心运维费用呢"],
    ["行政运行多少", "那大数据中心呢"],
    ["2025年公务接待费实际花了多少"],
    ["3月份办公费花了多少"],
    ["大数据中心运维费用第20项明细"],
]


@pytest.mark.parametrize(("turns", "figures"), SEED)
def test_seed(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(bot, turns)
    assert _has(answer, figures), answer.text


@pytest.mark.parametrize("turns", SEED_NO_FIGURE)
def test_seed_no_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


def test_the_project_is_offered_not_stated(bot: Any) -> None:
    answer = _last(bot, ["公用经费多少", "那安全生产工作经费呢"])
    assert not answer.values and any("安全生产工作经费" in s for s in answer.suggestions), answer.text


def test_a_project_after_a_line_is_still_answered(bot: Any) -> None:
    """行政运行 → 那安全生产工作经费呢: a line, not a column, was asked — the project's own figure."""
    assert _has(_last(bot, ["行政运行多少", "那安全生产工作经费呢"]), (11.79,))


QIAOKOU: list[tuple[list[str], tuple[float, ...]]] = [
    (["三公经费多少", "比上年呢"], (0.3,)),
    (["三公经费多少", "跟去年相比呢"], (0.3,)),
    (["政府采购多少", "比去年呢"], (17.6,)),
    (["商贸流通企业扶持资金第二项明细多少"], (60.0,)),
    (["商贸流通企业扶持资金", "那第二项明细呢"], (60.0,)),
    (["差旅费多少"], (5.5,)),
]

QIAOKOU_NO_FIGURE: list[list[str]] = [
    ["招商差旅费多少"],
    ["招商会议费是多少"],
    ["招商印刷费安排了多少"],
    ["公用经费多少", "那消费促进活动呢"],
]


@pytest.fixture(scope="module")
def qbot(qiaokou_bot: Any) -> Any:
    return qiaokou_bot


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU)
def test_qiaokou(qbot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(qbot, turns), figures)


@pytest.mark.parametrize("turns", QIAOKOU_NO_FIGURE)
def test_qiaokou_no_figure(qbot: Any, turns: list[str]) -> None:
    answer = _last(qbot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


@pytest.fixture(scope="module")
def pbots(putuo_bots: Any) -> Any:
    return putuo_bots  # each PDF ingested once per run (conftest.py)


NAMED: list[tuple[str, str, float]] = [
    ("putuo-qzfb-2025", "区府办的行政运行是多少", 12029501.84),
    ("putuo-qzfb-2025", "区政府办福利费多少", 483840.0),
    ("putuo-qzfb-2025", "今年区政府办的基本工资", 2540192.0),
    ("putuo-qzfb-2025", "请问区府办基本工资是多少", 2540192.0),
    ("putuo-qzfb-2025", "外事办的因公出国费多少", 839.0),
    ("putuo-swk-2025", "区经委的行政运行是多少", 9389913.0),
    ("putuo-swk-2025", "普陀区经济委员会的行政运行多少", 9389913.0),
]


@pytest.mark.parametrize(("stem", "question", "figure"), NAMED)
def test_the_department_by_another_name(pbots: Any, stem: str, question: str, figure: float) -> None:
    assert _has(_last(pbots[stem], [question]), (figure,))


def test_another_office_is_still_refused(pbots: Any) -> None:
    answer = _last(pbots["putuo-swk-2025"], ["区发改委的基本支出多少"])
    assert answer.status != "answered" and not answer.values, answer.text


# --- second batch: scope kept after a refusal, picking an option by its source, one of a count ---

SEED_MORE: list[tuple[list[str], tuple[float, ...]]] = [
    (["项目支出总共多少"], (7174.22,)),
    (["基本支出和项目支出分别多少", "用元说"], (7914700.0, 71742200.0)),
]


@pytest.mark.parametrize(("turns", "figures"), SEED_MORE)
def test_seed_more(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(bot, turns), figures)

SEED_MORE_NO_FIGURE: list[list[str]] = [
    ["项目只出总共多少"],  # a slip of 项目支出: never the whole budget
    ["明年的三公经费", "那差旅费呢"],  # 明年 still holds
    ["2027年的公用经费是多少", "那人员经费呢"],
]


@pytest.mark.parametrize("turns", SEED_MORE_NO_FIGURE)
def test_seed_more_no_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


def test_a_part_asked_is_never_another_project(bot: Any) -> None:
    """其中电子政务网络那块呢 after a project: a line of that project (571.55), never the project
    网络安全运营服务 (1,681.38) whose name shares 网络."""
    answer = _last(bot, ["大数据中心运维费用多少", "其中电子政务网络那块呢"])
    assert not any(abs(x - 1681.38) < TOL for x in _stated(answer)), answer.text


def test_a_year_asked_again_after_a_miss_is_not_refused_as_scope(bot: Any) -> None:
    answer = _last(bot, ["帮我查一下", "那去年呢"])
    assert "范围" not in answer.text and not answer.values


def test_a_figure_said_in_the_unit_asked_still_counts_as_one(bot: Any) -> None:
    answer = _last(bot, ["办公费多少元"])
    assert _has(answer, (5800.0,))


QIAOKOU_MORE: list[tuple[list[str], tuple[float, ...]]] = [
    (["招商推介会一场多少钱"], (7.5,)),
    (["招商推介会多少钱一场"], (7.5,)),
    (["招商推介会每场多少钱"], (7.5,)),
    (["招商推介会多少钱"], (60.0,)),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU_MORE)
def test_qiaokou_more(qbot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(qbot, turns), figures)


PUTUO_NO_FIGURE: list[tuple[str, list[str]]] = [
    # an office of its own named, refused or asked back: the follow-up keeps that scope
    ("putuo-swk-2025", ["区府办的公务接待费", "那差旅费呢"]),
    ("putuo-swk-2025", ["办公室的差旅费", "加上培训费呢"]),
    ("putuo-swk-2025", ["综合调研科的办公费", "那印刷费呢"]),
    ("putuo-qzfb-2025", ["交流服务中心的预算", "那人员经费呢"]),
    # one of a count: the table's figure is the year's, never one person's or one time's
    ("putuo-swk-2025", ["一个人的人员经费"]),
    ("putuo-swk-2025", ["公务接待一次多少钱"]),
    ("putuo-swk-2025", ["出差一次多少钱"]),
    ("putuo-qzfb-2025", ["出国一个人多少钱"]),
]


@pytest.mark.parametrize(("stem", "turns"), PUTUO_NO_FIGURE)
def test_putuo_no_figure(pbots: Any, stem: str, turns: list[str]) -> None:
    answer = _last(pbots[stem], turns)
    assert answer.status != "answered" and not answer.values, answer.text


PUTUO_PICKED: list[tuple[str, float]] = [
    ("三公里的那个", 28.5),
    ("三公经费里的", 28.5),
    ("经济分类表里的", 185000.0),
    ("经济分类的", 185000.0),
]


@pytest.mark.parametrize(("reply", "figure"), PUTUO_PICKED)
def test_an_option_picked_by_its_source(pbots: Any, reply: str, figure: float) -> None:
    """公务接待费 is printed twice (经济分类表 185,000 元; 三公 paragraph 28.50 万元): asked back, a
    reply naming the source picks that one."""
    answer = _last(pbots["putuo-qzfb-2025"], ["公务接待费多少", reply])
    assert _has(answer, (figure,))


@pytest.mark.parametrize("question", ["公务接待费多少万元", "公务接待费是多少万元", "区府办请客吃饭多少万元"])
def test_two_printings_are_asked_back_in_any_unit(pbots: Any, question: str) -> None:
    answer = _last(pbots["putuo-qzfb-2025"], [question])
    assert answer.status == "clarify" and not answer.values, answer.text


def test_a_narrative_figure_is_said_with_its_table_twin(pbots: Any) -> None:
    """区府办 三公: 公务接待费 28.50 万元 in the paragraph; asked as a follow-up after 三公经费 (read
    there), the figure stated is the paragraph's, and the table's own figure is never a second one."""
    answer = _last(pbots["putuo-qzfb-2025"], ["三公经费多少", "其中公务接待费呢"])
    assert _has(answer, (28.5,))


def test_a_paragraph_figure_is_also_said_as_the_table_prints_it(pbots: Any) -> None:
    """万里 2023: 公务接待费 1.35 万元 (三公 paragraph) is 13,500 元 in the 经济分类 table: both are
    said, each cited — and a share asked next still reads one figure."""
    bot = pbots["putuo-wanli-2023"]
    answer = _last(bot, ["公车花了多少钱？", "那请客吃饭呢？"])
    assert _has(answer, (1.35, 13500.0)) and len(answer.citations) >= 2
    assert _has(_last(bot, ["三公经费多少", "其中公务接待呢", "占比呢"]), (5.89,))


@pytest.mark.parametrize("question", ["今年预算多少", "2026年预算多少", "今年的预算是多少",
                                      "经科局今年预算多少", "经信局今年的预算是多少"])
def test_the_whole_budget_asked_first(bot: Any, question: str) -> None:
    """预算多少 as the first question (the department said by an abbreviation or not): the
    department's whole budget, never a request for a turn before."""
    assert _has(_last(bot, [question]), (7965.69,))


@pytest.mark.parametrize("turns", [["那去年呢"], ["第二个呢"]])
def test_a_bare_followup_first_still_asks(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


# one of a count said with 一 (the normaliser writes 1家): the 测算依据's rate, never the line's total
RATE_SEED: list[tuple[str, float]] = [
    ("高新技术企业认定奖励一家多少", 5.0),
    ("单项冠军奖励一家多少", 50.0),
]
RATE_QIAOKOU: list[tuple[list[str], float]] = [
    (["老字号一家扶持多少"], 10.0),
    (["招商推介会一次多少钱"], 7.5),
    (["招商项目落地奖励一个项目多少"], 20.0),
    (["便民生活圈建设补助", "一个最高多少"], 20.0),
]


@pytest.mark.parametrize(("question", "figure"), RATE_SEED)
def test_rate_said_with_one(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert _has(answer, (figure,)) and not any(abs(x - 150.0) < TOL for x in _stated(answer)), answer.text


@pytest.mark.parametrize(("turns", "figure"), RATE_QIAOKOU)
def test_rate_said_with_one_qiaokou(qbot: Any, turns: list[str], figure: float) -> None:
    assert _has(_last(qbot, turns), (figure,))


def test_its_whole_is_the_unit_asked_before(qbot: Any) -> None:
    """招商服务中心项目支出 → 占它的一般公共预算多少: 85.20 / 243.20 (the unit's), never / 1,496.46."""
    answer = _last(qbot, ["招商服务中心项目支出多少", "占它的一般公共预算多少"])
    assert _has(answer, (35.03,)) and not any(abs(x - 1496.46) < TOL for x in _stated(answer)), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["招商服务中心一般公共预算多少"], 243.2),  # the unit's name is not cut by a likeness of a fund
    (["招商服务中心一般公共预算多少", "人员经费呢"], 143.6),
    (["招商服务中心一般公共预算多少", "基本支出呢"], 158.0),
])
def test_a_unit_before_a_fund(qbot: Any, turns: list[str], figure: float) -> None:
    assert _has(_last(qbot, turns), (figure,))


def test_the_whole_budget_in_the_units_of_both_parts(pbots: Any) -> None:
    """商务委今年预算多少: the table's 371,514,655 元 and the 编制说明's 37,151.47 万元, both cited; a
    column's 合计 equal to another sentence's figure (公用经费 = 机关运行经费) gets no such twin."""
    bot = pbots["putuo-swk-2025"]
    assert _has(_last(bot, ["商务委今年预算多少"]), (371514655.0, 37151.47))
    answer = _last(bot, ["公用经费是多少"])
    assert not any(v.unit == "万元" and not restated(v, answer.values) for v in answer.values), answer.text
