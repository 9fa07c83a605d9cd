"""Session 11 mechanisms, each in several wordings, written from the documents:

- 今年有多少钱 / 一共有多少钱 as a first question: the whole budget; 2026年呢 alone is no question of it;
- 按天 / 按日 / 日均: a split the budget does not make — refused, never the year's figure;
- 那车呢 / 那房屋呢: a thing of its own, never glued to the figure before (no old figure again), while
  政府采购 → 货物呢 → 工程呢 still asks the parts of the same statement;
- 维修(护)费 is read 维修费 and 维护费 — one of the names a word may belong to, so 维护费 beside
  公务用车运行维护费 is asked back;
- 差旅废 (a slip of 费 after 差旅) is 差旅费;
- 城乡社区管理事务的那个 after seven lines called 一般行政管理事务 were asked back (six shown): the one
  under that parent, never the parent's own figure;
- 中型企业 预留: the statement names 中小企业 and 小微企业 only — refused;
- a unit asked with no fund or column: every source of its money (收入预算总表), its 一般公共预算 part
  beside it.

Seed (jianghan 2026, 万元): 收支总预算 7,965.69; 差旅费 1.00; 房屋面积 914.43. 万里 2025 (元): 维修(护)费
276,000; 城乡社区管理事务 / 一般行政管理事务 17,464,243; 政府采购预算 4,821.20 万元. 万里 2024: 政府采购工程
815.87 万元. 商务委 2025 (元): 支出总计 371,514,655; 差旅费 80,000. Qiaokou 2025 (万元): 招商服务中心 263.20
(一般公共预算 243.20), 商务局本级 1,283.26, 招商服务中心人员经费 143.60.
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


def _says_none_of(answer: Any, figures: tuple[float, ...]) -> bool:
    return not any(abs(f - x) < TOL for f in figures for x in _stated(answer))


SEED: list[tuple[list[str], tuple[float, ...]]] = [
    (["今年一共有多少钱"], (7965.69,)),
    (["今年有多少钱"], (7965.69,)),
    (["一共有多少钱"], (7965.69,)),
    (["差旅废多少"], (1.00,)),
    (["差旅飞是多少"], (1.00,)),
]


@pytest.mark.parametrize(("turns", "figures"), SEED)
def test_seed(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(bot, turns), figures)


SEED_NO_FIGURE: list[list[str]] = [
    ["电费按天算"],
    ["办公费按日算多少"],
    ["电费日均多少"],
    ["差旅费按周算是多少"],
    ["2026年呢"],
    ["2025年网络安全运营服务项目安排多少", "2026年呢"],
]


@pytest.mark.parametrize("turns", SEED_NO_FIGURE)
def test_seed_no_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


@pytest.mark.parametrize(("turns", "old"), [
    (["房屋面积", "那车呢"], 914.43),
    (["房屋面积多少", "那车辆呢"], 914.43),
    (["公务用车几辆", "那房屋呢"], 0.0),
])
def test_a_thing_of_its_own_is_never_the_figure_before(bot: Any, turns: list[str], old: float) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" or _says_none_of(answer, (old,)), answer.text


def test_a_short_reading_beside_longer_names_is_asked_back(bot: Any) -> None:
    answer = _last(bot, ["维修费是多少"])  # 维修(护)费, 设备维修费, 空调维修费
    assert answer.status == "clarify" and not answer.values, answer.text


@pytest.fixture(scope="module")
def pbots(putuo_bots: Any) -> Any:
    return putuo_bots


PUTUO: list[tuple[str, list[str], tuple[float, ...]]] = [
    ("putuo-wanli-2025", ["维修费多少"], (276000.0,)),
    ("putuo-wanli-2025", ["维修护费是多少"], (276000.0,)),
    ("putuo-wanli-2025", ["一般行政管理事务", "城乡社区管理事务的那个"], (17464243.0,)),
    ("putuo-wanli-2025", ["一般行政管理事务", "城乡社区管理事务下面的那个"], (17464243.0,)),
    ("putuo-wanli-2025", ["一般行政管理事务", "组织事务的那个"], (1075000.0,)),
    ("putuo-wanli-2024", ["政府采购多少", "货物呢", "工程呢"], (815.87,)),
    ("putuo-swk-2025", ["商务委今年一共有多少钱"], (371514655.0,)),
    ("putuo-swk-2025", ["今年有多少钱"], (371514655.0,)),
    ("putuo-swk-2025", ["差旅废多少"], (80000.0,)),
]


@pytest.mark.parametrize(("stem", "turns", "figures"), PUTUO)
def test_putuo(pbots: Any, stem: str, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(pbots[stem], turns), figures)


PUTUO_NO_FIGURE: list[tuple[str, list[str]]] = [
    ("putuo-wanli-2025", ["中型企业预留多少"]),
    ("putuo-wanli-2025", ["中型企业的采购预留"]),
    ("putuo-wanli-2025", ["大型企业预留了多少采购"]),
    ("putuo-wanli-2025", ["电费按天算"]),
    ("putuo-wanli-2025", ["办公费按天算多少"]),
]


@pytest.mark.parametrize(("stem", "turns"), PUTUO_NO_FIGURE)
def test_putuo_no_figure(pbots: Any, stem: str, turns: list[str]) -> None:
    answer = _last(pbots[stem], turns)
    assert answer.status != "answered" and not answer.values, answer.text


@pytest.mark.parametrize("first", ["政府采购预算", "机关运行经费"])
def test_a_car_after_another_figure_is_not_that_figure(pbots: Any, first: str) -> None:
    bot = pbots["putuo-wanli-2025"]
    before = _stated(_last(bot, [first]))
    answer = _last(bot, [first, "那车呢"])
    assert answer.status != "answered" or _says_none_of(answer, tuple(before)), answer.text


@pytest.mark.parametrize("question", ["维护费多少", "维护费是多少钱"])
def test_two_lines_read_from_one_word_are_asked_back(pbots: Any, question: str) -> None:
    """维护费: 维修(护)费 read one way, or 公务用车运行维护费."""
    answer = _last(pbots["putuo-wanli-2025"], [question])
    assert answer.status == "clarify" and not answer.values, answer.text


@pytest.fixture(scope="module")
def qbot(qiaokou_bot: Any) -> Any:
    return qiaokou_bot


QIAOKOU: list[tuple[list[str], tuple[float, ...]]] = [
    (["招商服务中心多少钱"], (263.20, 243.20)),
    (["招商服务中心的预算是多少"], (263.20,)),
    (["招商中心多少钱"], (263.20,)),
    (["招商服务中心一共多少钱"], (263.20,)),
    (["商务局本级多少"], (1283.26,)),
    (["招商服务中心人员经费多少"], (143.60,)),
]


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU)
def test_qiaokou(qbot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(qbot, turns), figures)


# --- A 排第几: the position rule of the understanding step (query/position.py) ---
# Seed 预算05表: under 20601 行政运行 401.31, 一般行政管理事务 204.24, 其他科学技术管理事务支出 2,629.12;
# 人员经费 column 340.22 and 159.14 (一般行政管理事务 blank); 2060404 alone under 20604; 类 206 first
# of 4. 预算07表: 差旅费 1.00 fifth of 13 款 under 302, tied with three others. Qiaokou: 招商引资专项经费
# 260.00 second of 6 projects; 便携式计算机 1.30 fifth of 6 procurement items.
POSITION: list[tuple[list[str], tuple[float, ...], str]] = [
    (["行政运行排第几"], (401.31, 2), "共3项"),
    (["行政运行在同级科目中排第几"], (401.31, 2), "共3项"),
    (["一般行政管理事务排名第几"], (204.24, 3), "共3项"),
    (["行政运行的人员经费排第几"], (340.22, 1), "共2项"),
    (["科技成果转化与扩散排第几"], (4500.00, 1), "共1项"),
    (["科学技术支出排名第几"], (7734.67, 1), "共4项"),
    (["差旅费第几大"], (1.00, 5), "并列"),
    (["大数据中心运维费用排名怎么样"], (788.60, 3), "共6项"),
]


@pytest.mark.parametrize(("turns", "figures", "said"), POSITION)
def test_position(bot: Any, turns: list[str], figures: tuple[float, ...], said: str) -> None:
    answer = _last(bot, turns)
    assert _has(answer, figures) and said in answer.text, answer.text
    assert answer.citations, "the line's own row is cited"


@pytest.mark.parametrize(("turns", "figures"), [
    (["招商引资专项经费排第几"], (260.00, 2)),
    (["便携式计算机排第几"], (1.30, 5)),
])
def test_position_qiaokou(qbot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(qbot, turns), figures)


@pytest.mark.parametrize("turns", [["差旅费安排几批"], ["行政运行排第几，比第一名少多少"]])
def test_no_position_read_into_other_words(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


def test_a_detail_line_keeps_its_place_in_the_project(bot: Any) -> None:
    """空调维修费 is a line of a project's form: its place is among that project's lines."""
    answer = _last(bot, ["大数据中心运维费用中空调维修费排第几"])
    assert answer.status == "answered" and "第 10 位" in answer.text, answer.text


# --- second batch (the fresh38 hunt): parts, changes said as 新增/多花, other places, counts ---
# 商务委 2025 / 区府办 2025 / 万里 2023 (元 in the tables; 万元 in the 编制说明): 基本工资 is 301, not 302;
# 退休费 is 303; 会议费 is no 三公 part; 公务接待费 28.50 万元 is; 离休费 (经济分类) is not split out of
# 住房保障支出 (功能分类). 万里 2023 编制说明: 统计管理 执行数 1.48 → 2.63 (增加 1.15, 77.70%); 城乡社区
# 行政运行 2,695.80 → 1,837.36 (减少 858.44). 三公 持平 on all three.
PARTS_NO_FIGURE: list[tuple[str, list[str]]] = [
    ("putuo-swk-2025", ["商品和服务支出", "其中基本工资呢"]),
    ("putuo-swk-2025", ["工资福利支出", "其中退休费呢"]),
    ("putuo-qzfb-2025", ["三公经费", "其中会议费呢"]),
    ("putuo-qzfb-2025", ["住房保障支出", "其中离休费呢"]),
    ("putuo-wanli-2023", ["卫生健康支出", "其中养老保险呢"]),
    ("putuo-swk-2025", ["上海市的三公经费"]),
    ("putuo-swk-2025", ["普陀区的三公经费"]),
    ("putuo-swk-2025", ["万里街道的行政运行多少"]),
    ("putuo-qzfb-2025", ["万里街道2025年预算总额"]),
]


@pytest.mark.parametrize(("stem", "turns"), PARTS_NO_FIGURE)
def test_no_part_and_no_other_place(pbots: Any, stem: str, turns: list[str]) -> None:
    answer = _last(pbots[stem], turns)
    assert answer.status != "answered" and not answer.values, answer.text


PARTS_AND_CHANGES: list[tuple[str, list[str], tuple[float, ...]]] = [
    ("putuo-qzfb-2025", ["三公经费", "其中公务接待费呢"], (28.50,)),
    ("putuo-wanli-2023", ["统计管理新增了多少"], (1.15,)),
    ("putuo-wanli-2023", ["统计管理比去年增长百分之几"], (77.70,)),
    ("putuo-wanli-2023", ["行政运行多花了多少"], (858.44,)),
    ("putuo-swk-2025", ["新增的三公经费"], (0.0,)),
    ("putuo-qzfb-2025", ["新增的三公经费"], (0.0,)),
]


@pytest.mark.parametrize(("stem", "turns", "figures"), PARTS_AND_CHANGES)
def test_parts_and_changes(pbots: Any, stem: str, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(pbots[stem], turns), figures)


@pytest.mark.parametrize(("turns", "figures"), [
    (["行政运行在同级里排名多少"], (401.31, 2)),
    (["行政运行排多少名"], (401.31, 2)),
    (["行政运行多少", "是公用经费的几倍"], (6.29,)),
    (["行政运行多少", "那是公用经费的几倍呢"], (6.29,)),
])
def test_more_wordings(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    assert _has(_last(bot, turns), figures)


@pytest.mark.parametrize("turns", [["一次性项目有哪些"], ["新增项目有哪些"], ["常年项目有几个"]])
def test_a_category_is_never_every_project(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert answer.status != "answered" or "项目类别" in answer.text or "频度" in answer.text, answer.text


@pytest.mark.parametrize("question", ["单位有几家", "预算单位有几个"])
def test_the_department_row_is_no_unit(qbot: Any, question: str) -> None:
    assert _has(_last(qbot, [question]), (2,))
