"""The ranking rule of the understanding step (query/ranking.py), written from the documents.

Seed (jianghan 2026, 万元): projects 科技研究开发资金 4,500.00 > 江汉区政务体系统一网络安全运营服务项目
1,681.38 > 大数据中心运维费用 788.60; 公用经费 lines (预算07表) 其他商品和服务支出 28.97 > 其他交通费用 13.01
> 专用材料费 8.62; 人员经费 line 奖金 260.59 the largest; 工资福利支出 lines, 其他社会保障缴费 1.29 the
smallest. 桥口 (万元): 预算03表 (every fund) 类 一般公共服务支出 1,353.25 > 社会保障和就业支出 91.62 > 住房
保障支出 39.12 (its 预算05表, 一般公共预算 only, prints 1,333.25 for the first); units: 本级 1,283.26 in
预算02表 (一般公共预算 1,253.26), 招商服务中心 263.20 (243.20); 人员经费 本级 434.96, 基本支出 中心 158.00.
普陀 商务委 2025 (元): 行政事业单位养老支出 20805, its smallest line 其他行政事业单位养老支出 13,260.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last

from assistant.query.ranking import ranking
from assistant.tag import load_lexicon


@pytest.mark.parametrize("question", [
    "项目支出中第2大的是哪个", "哪个项目钱最多", "公用经费里最多的3项", "项目支出排名", "哪个单位预算最少",
])
def test_the_rule_reads_a_ranking(question: str) -> None:
    query = ranking(question, load_lexicon())
    assert query is not None and query.op == "rank", question


@pytest.mark.parametrize("question", ["第2季度用款多少", "第2项明细是什么", "项目支出多少", "有几个项目"])
def test_the_rule_leaves_what_is_no_ranking(question: str) -> None:
    assert ranking(question, load_lexicon()) is None, question


@pytest.mark.parametrize(("turns", "figures"), [
    (["哪个项目钱最多"], [4500.0]),
    (["项目支出里第二大的是哪个"], [1681.38]),
    (["最大的项目", "第二个呢", "第三个呢"], [788.6]),
    (["项目里最多的是哪个", "第二个呢", "第三个呢"], [788.6]),
    (["公用经费里最多的三项"], [28.97, 13.01, 8.62]),
    (["公用经费中金额排前三的是哪几项？"], [28.97, 13.01, 8.62]),
    (["人员经费里哪一项最多"], [260.59]),
    (["工资福利里哪一项最少"], [1.29]),
])
def test_a_ranking_of_the_lines_the_table_lists(bot: Any, turns: list[str], figures: list[float]) -> None:
    answer = _last(bot, turns)
    stated = [v.value for v in answer.values]
    assert answer.status == "answered" and all(f in stated for f in figures), answer.text
    assert answer.citations, "each line ranked is cited"


@pytest.mark.parametrize(("question", "figures", "never"), [
    ("支出功能分类里哪三类最多", [1353.25, 91.62, 39.12], 1333.25),  # every fund: 预算03表
    ("哪个单位钱最多", [1283.26, 1253.26], None),  # 预算02表, its 一般公共预算 beside it
    ("哪个单位预算最少", [263.2], None),
    ("哪个单位的人员经费最多", [434.96], None),
    ("哪个单位的基本支出最少", [158.0], None),
])
def test_a_ranking_over_every_fund(qiaokou_bot: Any, question: str, figures: list[float],
                                   never: float | None) -> None:
    answer = _last(qiaokou_bot, [question])
    stated = [v.value for v in answer.values]
    assert answer.status == "answered" and all(f in stated for f in figures), answer.text
    assert never not in stated


@pytest.mark.parametrize("question", ["养老支出下面那几项里哪个最少", "养老支出里面哪项最少"])
def test_a_family_named_by_a_shared_word(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert answer.status == "answered" and 13260.0 in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize("question", ["常年项目哪个最多", "编报绩效目标的项目里哪个最多"])
def test_a_set_the_table_does_not_divide_is_not_ranked_whole(bot: Any, question: str) -> None:
    answer = _last(bot, [question])  # never 科技研究开发资金 4,500.00 (the largest of every project)
    assert 4500.0 not in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["商品和服务支出有几项，哪项最多", "第二呢"], 13.01),  # the ranking clause asked again for place 2
    (["商品和服务支出有几项，哪项最多", "第二呢", "第三呢"], 8.62),
    (["基本支出最多的项级科目", "第二呢"], 159.14),  # ranked by 基本支出 again, never the line's total
    (["工资福利支出哪项最多", "第二个呢"], 120.92),
])
def test_the_next_place_of_a_ranking(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered" and figure in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("哪个单位的项目支出最多", 795.5),  # 预算11表's unit rows: every fund (一般公共预算 alone: 765.50)
    ("按项目支出排，哪个单位最多", 795.5),
    ("哪个单位采购最多", 89.5),  # each unit's procurement items added up
])
def test_units_ranked_by_what_they_spend(qiaokou_bot: Any, question: str, figure: float) -> None:
    answer = _last(qiaokou_bot, [question])
    assert answer.status == "answered" and figure in [v.value for v in answer.values], answer.text
