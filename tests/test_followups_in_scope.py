"""Session 9 mechanisms, each tried in several wordings: columns asked right after a line or a unit
(其中基本支出和项目支出分别多少), a tail said once for things joined (A和B的项目支出), a code or a
classification said must be the line answered, names found by likeness that drop or swap a word,
figures asked in another unit, and a share whose whole is one fund said with 拨款.

Seed figures (jianghan 2026): 科学技术支出 基本 560.45 / 项目 7,174.22; 行政运行 人员 340.22 / 公用
61.09; 办公费 0.58 万元 (5,800 元); 提租补贴 11.00 + 购房补贴 29.08 = 40.08; 大数据中心运维费用 has
3 procurement items. Qiaokou (硚口商务局 2025): 招商服务中心 基本 158.00 / 项目 85.20 / 人员 143.60 /
公用 14.40; 本级 项目 795.50, income 1,283.26; 中心 income 263.20; 一般公共预算 基本 645.76, 项目
850.70 of 1,496.46 (56.85%, 43.15%); 商贸流通企业扶持资金 420.00; 复印纸 0.02 a box.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated


@pytest.fixture(scope="module")
def qbot(qiaokou_bot: Any) -> Any:
    return qiaokou_bot  # built once per run (conftest.py)


def _has_all(answer: Any, figures: tuple[float, ...]) -> bool:
    said = _stated(answer)
    return all(any(abs(f - x) < TOL for x in said) for f in figures)


SEED: list[tuple[list[str], tuple[float, ...]]] = [
    (["科学技术支出多少", "其中基本支出和项目支出分别多少"], (560.45, 7174.22)),
    (["科学技术支出是多少", "基本支出和项目支出各多少"], (560.45, 7174.22)),
    (["行政运行多少", "其中人员经费和公用经费分别多少"], (340.22, 61.09)),
    (["办公费多少", "用元说"], (5800.0,)),
    (["办公费多少", "改成以元为单位"], (5800.0,)),
    (["办公费多少", "说成元"], (5800.0,)),
    (["提租补贴和购房补贴加起来多少元"], (400800.0,)),
    (["提租补贴和购房补贴加起来多少万元"], (40.08,)),
    (["大数据中心运维费用在政府采购表里有几个品目"], (3.0,)),
    (["大数据中心运维费用采购了几个品目"], (3.0,)),
    (["2060404是什么科目，安排了多少"], (4500.0,)),
    # two figures stated side by side, then computed over (基本 791.47, 项目 7,174.22)
    (["基本支出和项目支出分别多少", "加起来呢"], (7965.69,)),
    (["基本支出和项目支出分别多少", "两者合计多少"], (7965.69,)),
    (["基本支出和项目支出分别多少", "差多少"], (6382.75,)),
    (["基本支出和项目支出分别多少", "哪个多"], (6382.75,)),
]

QIAOKOU: list[tuple[list[str], tuple[float, ...]]] = [
    (["招商服务中心", "基本支出和项目支出分别多少"], (158.0, 85.2)),
    (["招商服务中心", "人员经费和公用经费分别多少"], (143.6, 14.4)),
    (["招商服务中心", "有几个项目"], (2.0,)),
    (["商务局本级和招商服务中心的项目支出分别多少"], (795.5, 85.2)),
    (["商务局本级和招商服务中心的收入分别多少"], (1283.26, 263.2)),
    (["商务局本级和招商服务中心的收入加起来多少"], (1546.46,)),
    (["基本支出多少", "其中一般公共预算多少"], (645.76,)),
    (["项目支出多少", "其中一般公共预算多少"], (850.7,)),
    (["一般公共预算拨款中项目支出占多少"], (56.85,)),
    (["项目支出占一般公共预算拨款的比例"], (56.85,)),
    (["基本支出占一般公共预算支出的比例"], (43.15,)),
    (["复印纸每箱多少钱"], (0.02,)),
    (["复印纸一箱多少钱"], (0.02,)),
    (["复印纸多少钱一箱"], (0.02,)),
    (["商贸企业扶持资金多少"], (420.0,)),
    (["三公经费", "公务接待费呢", "比上年减少多少"], (0.3,)),
    (["基本支出多少 项目支出多少"], (665.76, 880.7)),
    (["商务局本级和招商服务中心的项目支出分别多少", "加起来呢"], (880.7,)),
]

# Each must state no figure: a word swapped or added makes it another thing (外贸 is not 商贸流通),
# a project is no part of a column, a wider area's budget is not the department's.
QIAOKOU_REFUSED: list[list[str]] = [
    ["外贸企业扶持资金安排了多少"],
    ["招商服务中心聘用人员经费占人员经费的比例"],
    ["全区的总预算是多少"],
    ["全市财政支出多少"],
]


@pytest.mark.parametrize(("turns", "figures"), SEED)
def test_seed(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and _has_all(answer, figures), answer.text


@pytest.mark.parametrize(("turns", "figures"), QIAOKOU)
def test_qiaokou(qbot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(qbot, turns)
    assert answer.status == "answered" and _has_all(answer, figures), answer.text


@pytest.mark.parametrize("turns", QIAOKOU_REFUSED)
def test_qiaokou_refused(qbot: Any, turns: list[str]) -> None:
    answer = _last(qbot, turns)
    assert answer.status != "answered" and not answer.values, answer.text


def test_an_ordinal_after_a_ranking_of_classes_is_the_next(bot: Any) -> None:
    """最多的类 (the 功能分类: the only one of all spending, said so) → 第二个呢: the second largest."""
    answer = _last(bot, ["支出最多的类是哪个", "第二个呢"])
    assert answer.status == "answered" and answer.values[0].value == 101.17, answer.text
    assert "功能分类" in answer.text


def test_a_code_said_names_the_line_answered(bot: Any) -> None:
    """30201 said with 办公费: the classification table's line, its code printed."""
    answer = _last(bot, ["30201办公费多少"])
    assert answer.status == "answered" and "30201" in answer.text, answer.text
