"""A narrative section whose title joins its parts by 及 and prints only the parts: the second
document's （三）公务用车购置及运行维护费 prints 公务用车购置费 0 万元 and 公务用车运行维护费
3.20 万元 (qiaokou L857–859). Asked by the section's name, the answer is their sum, 3.20, never
the first part's 0; asked by one part, that part; money asked about 公务用车 is never its
count of vehicles. The 三公 items then add up to the printed total 5.70 (L847).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated


@pytest.fixture(scope="module")
def qiaokou(qiaokou_bot: Any) -> Any:
    return qiaokou_bot  # built once per run (conftest.py)


def _first(answer: Any) -> float | None:
    figures = _stated(answer)
    return figures[0] if figures else None


SECTION: list[tuple[str, float]] = [
    ("公务用车购置及运行维护费是多少", 3.20),
    ("公务用车购置及运行费多少", 3.20),
    ("公车花多少钱", 3.20),
    ("公务用车的钱今年多少", 3.20),
    ("三公经费里公车的钱是多少", 3.20),
    ("公务用车购置费是多少", 0.0),
    ("公务用车运行维护费多少", 3.20),
    ("吃喝招待、公车、出国这几样今年花多少钱？", 5.70),
    ("公车和公务接待费加起来多少", 5.70),
]


@pytest.mark.parametrize(("question", "figure"), SECTION)
def test_a_section_is_the_sum_of_its_parts(qiaokou: Any, question: str, figure: float) -> None:
    answer = _last(qiaokou, [question])
    assert answer.status == "answered", answer.text
    first = _first(answer)
    assert first is not None and abs(first - figure) <= TOL, answer.text
    assert all(v.unit != "辆" for v in answer.values), answer.text


def test_vehicles_are_still_counted(qiaokou: Any) -> None:
    answer = _last(qiaokou, ["公务用车有几辆"])
    assert answer.status == "answered" and any(v.unit == "辆" for v in answer.values), answer.text


# Units below the department (L284–287, L381–387): 商务局本级 is its own row, not the department's;
# a follow-up keeps the unit; a unit's 项目支出 is every fund (预算11表), its other columns the
# one-fund table's, said as that fund's
UNITS: list[tuple[list[str], float, float]] = [
    (["商务局本级的项目支出多少"], 795.50, 850.70),
    (["商务局本级一般公共预算项目支出多少"], 765.50, 850.70),
    (["招商服务中心的项目支出多少"], 85.20, 880.70),
    (["招商服务中心多少", "其中项目支出呢"], 85.20, 880.70),
    (["招商服务中心多少", "公用经费呢"], 14.40, 67.20),
    (["招商服务中心多少", "人员经费呢"], 143.60, 578.56),
    (["商务局本级多少", "其中基本支出呢"], 487.76, 665.76),
    # a function line whose 一般公共预算 figure is only part of it (事业收入): every fund first
    # (the 一般公共预算 part is stated after it, tests below)
    (["一般公共预算事业运行多少"], 119.60, 139.60),
    (["项目支出多少"], 880.70, 850.70),
]


@pytest.mark.parametrize(("turns", "figure", "never"), UNITS)
def test_units_and_funds(qiaokou: Any, turns: list[str], figure: float, never: float) -> None:
    answer = _last(qiaokou, turns)
    figures = _stated(answer)
    assert answer.status == "answered" and any(abs(v - figure) <= TOL for v in figures), answer.text
    assert not any(abs(v - never) <= TOL for v in figures), answer.text


@pytest.mark.parametrize(("question", "every", "part"), [
    ("事业运行多少", 139.60, 119.60),  # 预算03表 L189 / 预算05表 L258
    ("一般公共服务支出多少", 1353.25, 1333.25),  # L185 / L254
    ("20113款基本支出", 502.55, 482.55),  # L186 / L255
])
def test_every_fund_then_its_one_fund_part(qiaokou: Any, question: str, every: float, part: float) -> None:
    answer = _last(qiaokou, [question])
    figures = _stated(answer)
    assert answer.status == "answered" and figures[:2] == [every, part], answer.text
    assert [c.table for c in answer.citations][:2] == ["预算03表", "预算05表"], answer.citations


# Lists and counts of projects narrowed by a unit (预算11表 单位 column, L381–387); a list just
# given, added up; a qualifier the project table does not divide by gets no list
NARROWED: list[tuple[list[str], float, float]] = [
    (["招商服务中心的项目有几个"], 2.0, 6.0),
    (["商务局本级有几个项目"], 4.0, 6.0),
    (["本级有几个项目"], 4.0, 6.0),
    (["招商服务中心的项目加起来多少"], 85.20, 243.20),
    (["本级的项目一共多少钱"], 795.50, 1546.46),
    (["商务局本级有哪些项目", "一共多少钱"], 795.50, 1546.46),
    (["项目支出有哪些", "加起来多少"], 880.70, 1546.46),
    (["本级项目支出比招商服务中心多多少"], 710.30, 1158.06),
    (["本级和招商服务中心项目支出加起来"], 880.70, 1338.46),
]


@pytest.mark.parametrize(("turns", "figure", "never"), NARROWED)
def test_projects_narrowed_and_added(qiaokou: Any, turns: list[str], figure: float, never: float) -> None:
    answer = _last(qiaokou, turns)
    figures = _stated(answer)
    assert answer.status == "answered" and any(abs(v - figure) <= TOL for v in figures), answer.text
    assert not any(abs(v - never) <= TOL for v in figures), answer.text


@pytest.mark.parametrize("question", ["一般公共预算安排的项目有几个", "政府性基金的项目有哪些"])
def test_a_qualifier_the_project_table_does_not_divide_by(qiaokou: Any, question: str) -> None:
    answer = _last(qiaokou, [question])
    assert not _stated(answer), answer.text
