"""The breakdown rule of the understanding step (query/breakdown.py), written from the documents.

Seed (jianghan 2026, 万元, 预算05表): 206 科学技术支出's 款 科学技术管理事务 3,234.67 lists 行政运行 401.31,
一般行政管理事务 204.24, 其他科学技术管理事务支出 2,629.12; 预算07表 302 商品和服务支出 lists 13 lines from
办公费 0.58 to 其他商品和服务支出 28.97; 预算01表's income side: 一般公共预算拨款收入 7,965.69; 预算12表 lists
复印纸 2.16 among its items. 桥口 (预算05表): 商贸事务 lists 行政运行 362.95, 招商引资 298.40,
事业运行 119.60, 其他商贸事务支出 552.30.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last

from assistant.query.breakdown import breakdown
from assistant.tag import load_lexicon


@pytest.mark.parametrize("question", ["商贸事务分哪几项", "商品和服务支出包括哪些", "项目支出有哪些",
                                      "收入包括哪些", "科学技术管理事务由哪几部分组成"])
def test_the_rule_reads_a_breakdown(question: str) -> None:
    query = breakdown(question, load_lexicon())
    assert query is not None and query.op == "list", question


@pytest.mark.parametrize("question", ["有几个项目", "商品和服务支出多少", "项目支出最多的是哪个"])
def test_the_rule_leaves_what_is_no_breakdown(question: str) -> None:
    assert breakdown(question, load_lexicon()) is None, question


@pytest.mark.parametrize(("turns", "figures"), [
    (["科学技术管理事务包括哪些"], [401.31, 204.24, 2629.12]),
    (["科学技术管理事务下面分哪几项"], [401.31, 204.24, 2629.12]),
    (["科学技术管理事务包括哪些，加起来多少"], [3234.67, 401.31]),  # the lines and their sum
    (["商品和服务支出都有哪些"], [0.58, 28.97]),
    (["商品和服务支出多少", "包括哪些"], [0.58, 28.97]),  # the line just asked
    (["收入包括哪些"], [7965.69]),
    (["政府采购买了哪些东西"], [2.16]),
])
def test_a_breakdown_of_the_lines_the_table_lists(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    stated = [v.value for v in answer.values]
    assert answer.status == "answered" and all(f in stated for f in figures), answer.text
    assert answer.citations and answer.table is not None, "each line is cited and shown"


@pytest.mark.parametrize("question", ["商贸事务分哪几项", "商贸事务包括哪些科目"])
def test_a_breakdown_in_the_second_document(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    stated = [v.value for v in answer.values]
    lines = (362.95, 298.4, 119.6, 552.3)
    assert answer.status == "answered" and all(f in stated for f in lines), answer.text


@pytest.mark.parametrize(("question", "said", "never"), [
    ("政府采购里货物类买了什么", [3.0, 2.16, 3.36, 0.1], 1681.38),  # A items only (品目 code letter)
    ("服务类采购了哪些", [1681.38], 2.16),
])
def test_procurement_items_of_one_kind(bot: Any, question: str, said: list[float], never: float) -> None:
    answer = _last(bot, [question])
    stated = [v.value for v in answer.values]
    assert answer.status == "answered" and all(f in stated for f in said) and never not in stated, answer.text


@pytest.mark.parametrize("question", ["数字经济专项资金包括哪些项目", "购买服务有哪些项目"])
def test_a_set_named_by_words_the_tables_do_not_divide_by(bot: Any, question: str) -> None:
    answer = _last(bot, [question])  # never the list of every project (7,174.22 in all)
    assert answer.status != "answered" and not answer.values, answer.text
