"""Wordings from fresh73/74 (kiosk visitors, clerks): the rate after a follow-up change is that
change's rate; 它 in A比它多多少 is the thing just stated; a statement's class said bare (工程占多少);
一共 of a figure worked back; an operation word inside a run of one of the document's own names
(提质提升, 外贸) is part of the name; a statement named by its first words (进博会); everyday
shortenings (机关日常运转, 公益岗, 环卫)."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import states as _states

PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    ("putuo-wanli-2025", "街道今年预算多少|比去年多了多少|涨了百分之几", [21.48]),
    ("putuo-wanli-2025", "今年预算多少|比去年多了多少|增幅是多少", [21.48]),
    ("putuo-qzfb-2025", "区府办今年预算多少|比去年少多少|少了百分之几", [20.79]),
    ("putuo-wanli-2025", "三公经费一共多少|那去年呢", [47.91]),
    ("putuo-wanli-2025", "去年三公经费一共多少", [47.91]),
    ("putuo-wanli-2025", "2024年三公经费总共多少", [47.91]),
    ("putuo-wanli-2025", "机关日常运转的经费有多少", [464.64]),
    ("putuo-wanli-2025", "机关日常运转花多少钱", [464.64]),
    ("putuo-qzfb-2025", "机关日常运转的钱有多少", [213.28]),
    ("putuo-wanli-2025", "公益岗的补贴多少钱", [582800.0]),
    ("putuo-wanli-2025", "公益岗补贴", [582800.0]),
    ("putuo-wanli-2025", "环卫的钱有多少", [4833300.0]),
    ("putuo-wanli-2025", "街道政府采购一共多少|工程占多少", [78.42]),
    ("putuo-wanli-2025", "政府采购预算多少|货物占多少", [1.19]),
    ("putuo-swk-2025", "商业创新专项里促消费提质提升多少", [800.0]),
    ("putuo-swk-2025", "贸易专项外贸发展多少", [370.0]),
    ("putuo-swk-2025", "贸易专项里进博会的钱多少", [153.0]),
    ("putuo-swk-2025", "贸易专项里进博会那块多少", [153.0]),
    ("putuo-swk-2025", "生命健康专项多少万", [1170.0]),
    ("putuo-swk-2025", "生命健康专项一共多少万元", [1170.0]),
    ("putuo-qzfb-2025", "住房公积金多少|购房补贴比它多多少", [126234.78]),
    ("putuo-swk-2025", "基本工资多少元|津贴补贴比它多多少", [5580760.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_good(putuo_bots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


PUTUO_NEVER: list[tuple[str, str, float]] = [
    # 市级 is another statement's word: never the 区级 figure read twice
    ("putuo-swk-2025", "贸易专项里区级支持总部经济多少|市级的加上一共多少", 2212.0),
    ("putuo-swk-2025", "贸易专项里区级支持总部经济多少|市级的加上一共多少", 1106.0),
]


@pytest.mark.parametrize(("stem", "question", "never"), PUTUO_NEVER)
def test_putuo_never(putuo_bots: Any, stem: str, question: str, never: float) -> None:
    answer = _last(putuo_bots[stem], question.split("|"))
    assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


SEED_GOOD: list[tuple[str, list[float]]] = [
    ("住房公积金多少|购房补贴比它少多少", [32.01]),
    ("住房公积金多少|它比购房补贴多多少", [32.01]),
    ("住房公积金多少|它是购房补贴的几倍", [2.1]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_good(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_share_of_it_is_never_of_the_whole_budget(bot: Any) -> None:
    """占它多少 after a column of a line: of that line (or asked back), never of all spending."""
    answer = _last(bot, ["其他科学技术管理事务支出的人员经费多少", "占它多少"])
    assert not any(abs(v.value - 2.0) < TOL and v.unit == "%" for v in answer.values), answer.text
