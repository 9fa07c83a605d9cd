"""The count rule of the understanding step (query/count.py), written from the documents.

Seed (jianghan 2026, 预算07表): 301 工资福利支出 has 9 lines below it (30101 … 30113), 302 商品和服务支出
13 (30201 … 30299), 303 对个人和家庭的补助 1; the 款 of the 基本支出 table are 23; 预算11表 lists 6
projects; 预算12表 8 procurement items. 桥口 (预算11表): 商务局本级 4 projects, 招商服务中心 2.
普陀 万里街道 2025: 商品和服务支出 has 18 lines below it, 工资福利支出 9.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last

from assistant.query.count import count
from assistant.tag import load_lexicon


@pytest.mark.parametrize("question", [
    "商品和服务支出有几项", "项目支出一共有几个项目", "有几个项级科目", "基本支出表里一共多少个款级经济科目",
    "采购数量一共多少", "政府采购一共采购多少数量", "项目的个数是多少", "那工资福利支出下面有几个明细科目呢",
])
def test_the_rule_reads_a_count(question: str) -> None:
    query = count(question, load_lexicon())
    assert query is not None and query.op == "count", question


@pytest.mark.parametrize("question", [
    "几个项目里第二多的是哪个", "商品和服务支出分哪几款", "前三个项目分别多少", "项目支出最多的是哪个",
    "商品和服务支出多少", "项目有哪些",
])
def test_the_rule_leaves_what_is_no_count(question: str) -> None:
    assert count(question, load_lexicon()) is None, question


@pytest.mark.parametrize(("question", "n"), [
    ("商品和服务支出有几项", 13),
    ("商品和服务支出下面一共列了多少个明细科目", 13),
    ("商品和服务支出包含几项", 13),
    ("工资福利支出有几项", 9),
    ("工资福利支出下面有多少个科目", 9),
    ("基本支出表里一共多少个款级经济科目", 23),
    ("项目支出一共有几个项目", 6),
    ("今年一共安排了几个项目", 6),
    ("政府采购表里一共有几个品目", 8),
])
def test_a_count_of_the_lines_the_table_lists(bot: Any, question: str, n: int) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and [v.value for v in answer.values] == [n], answer.text
    assert answer.citations, "the table counted is cited"


@pytest.mark.parametrize(("turns", "n"), [
    (["商务局本级", "项目有几个"], 4),
    (["招商服务中心", "有几个项目"], 2),
    (["招商中心一共几个项目"], 2),
    (["商务局本级有几个项目"], 4),
])
def test_a_count_of_one_units_projects(qiaokou_bot: Any, turns: list[str], n: int) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and [v.value for v in answer.values] == [n], answer.text


@pytest.mark.parametrize(("turns", "n"), [
    (["商品和服务支出有几项"], 18),
    (["商品和服务支出", "有几项"], 18),
    (["工资福利支出有多少项"], 9),
])
def test_a_count_in_a_published_pdf(putuo_bots: Any, turns: list[str], n: int) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], turns)
    assert answer.status == "answered" and [v.value for v in answer.values] == [n], answer.text


@pytest.mark.parametrize(("question", "not_stated"), [
    ("政府购买服务有几个项目", 6),  # the project table (6 projects) does not divide by it
    ("下属有几家事业单位", 2),  # a kind of unit, said in words; never the unit table's 2 rows
    ("事业单位有几家", 2),
])
def test_a_count_the_table_cannot_give_is_not_the_tables(qiaokou_bot: Any, question: str,
                                                         not_stated: int) -> None:
    answer = _last(qiaokou_bot, [question])
    assert not_stated not in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize("question", [
    "编报绩效目标的项目有几个", "有几个项目编报了绩效目标", "编了绩效目标的项目有多少个"])
def test_the_forms_count_is_the_forms(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])  # 编报绩效目标的项目25个 (第四部分)
    assert answer.status == "answered" and 25 in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("question", "n"), [("政府采购货物类有几个品目", 4), ("服务类有几个采购品目", 4)])
def test_a_count_of_procurement_items_of_one_kind(bot: Any, question: str, n: int) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and [v.value for v in answer.values] == [n], answer.text
