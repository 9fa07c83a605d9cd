"""The rules over 第一部分 (query/organisation.py) and the fixes of fresh46, written from the documents.

普陀 商务委 2025 第一部分: 加挂上海市普陀区经济委员会…牌子;
机构设置 lists 2. 上海市普陀区中小企业服务中心，不单列预算.
区府办 2025: 与上海市普陀区机关事务管理局合署办公; 2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部.
说明 (区府办): 财政拨款收入 9,101.68 万元, 比2024年预算减少 2,389.52 万元 (2024: 11,491.20; −20.79%).
Seed (jianghan 2026): 预算12表 台式计算机 6 台, 单价 0.56, 金额 3.36; 预算05表 公用经费 63.82, 办公费 0.58.
桥口 2025: 公用经费 67.20; 第三部分 房屋面积 1,286.50 平方米;
政府购买服务 106.80, 政府采购 137.60 (服务类 131.80).
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated

from assistant.query.organisation import said, unit_listed
from assistant.tag import load_lexicon


@pytest.mark.parametrize("question", ["加挂了哪些牌子", "和哪个单位合署办公", "还挂了什么牌子"])
def test_the_said_rule_reads_the_departments_own_words(question: str) -> None:
    query = said(question, load_lexicon())
    assert query is not None and query.op == "said", question


@pytest.mark.parametrize("question", ["买了什么牌子的电脑", "采购的打印机是什么牌子", "主要职能是什么"])
def test_the_said_rule_leaves_what_is_bought_or_other(question: str) -> None:
    assert said(question, load_lexicon()) is None, question


@pytest.mark.parametrize("question", ["人员经费多少", "有几家单位", "项目支出为什么增加"])
def test_the_unit_rule_reads_only_yes_no_questions(question: str) -> None:
    assert unit_listed(question, load_lexicon()) is None, question


@pytest.mark.parametrize(("stem", "question", "quoted"), [
    ("putuo-swk-2025", "商务委加挂了哪些牌子", "经济委员会"),
    ("putuo-swk-2025", "还挂了什么牌子", "经济委员会"),
    ("putuo-qzfb-2025", "和哪个单位合署办公", "机关事务管理局"),
    ("putuo-qzfb-2025", "区政府办公室跟谁合署办公？", "机关事务管理局"),
    ("putuo-swk-2025", "中小企业服务中心有单独的预算吗？", "不单列预算"),
    ("putuo-qzfb-2025", "交流服务中心单独编预算吗", "不单列预算"),
    ("putuo-qzfb-2025", "交流服务中心有没有自己的预算", "不单列预算"),
    ("putuo-qzfb-2025", "交流服务中心是不是单列预算", "不单列预算"),
])
def test_the_first_part_quoted(putuo_bots: Any, stem: str, question: str, quoted: str) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert answer.status == "answered" and quoted in answer.text and not answer.values, answer.text
    assert answer.citations and answer.citations[0].table == "第一部分"


@pytest.mark.parametrize("question", ["电脑是什么牌子", "打印机用的什么牌子", "交流服务中心有没有项目支出"])
def test_what_the_first_part_does_not_answer(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], [question])
    assert "第一部分" not in answer.text or answer.status != "answered", answer.text


@pytest.mark.parametrize("last", ["下降了百分之几？", "降幅是多少", "变化幅度多大", "那降了百分之多少"])
def test_a_rate_after_a_printed_change(putuo_bots: Any, last: str) -> None:
    """财政拨款收入 → 比去年少了多少 (the 说明's 减少 2,389.52) → 下降了百分之几: over the year before,
    worked back — never this year's figure less its change read as two years."""
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["财政拨款收入多少？", "比去年少了多少？", last])
    assert answer.status == "answered" and 20.79 in stated(answer), answer.text
    assert 67121575.35 not in stated(answer)


@pytest.mark.parametrize("last", ["加起来多少", "是它的几倍"])
def test_a_line_and_its_change_are_no_pair(putuo_bots: Any, last: str) -> None:
    answer = _last(putuo_bots["putuo-qzfb-2025"], ["财政拨款收入多少？", "比去年少了多少？", last])
    assert not {114911975.35, 67121575.35} & set(stated(answer)), answer.text
    assert not any(abs(v - 91016775.35 - 23895200.0) < 1 for v in stated(answer)), answer.text


@pytest.mark.parametrize("last", ["总共多少钱", "一共花多少钱", "那总共要多少钱"])
def test_a_sum_after_one_item_is_the_items(bot: Any, last: str) -> None:
    answer = _last(bot, ["台式计算机买几台", "单价多少", last])
    assert answer.status == "answered" and stated(answer) == [3.36], answer.text


@pytest.mark.parametrize("question", ["办公用的钱（公用经费）多少", "今年办公用的钱(公用经费)一共多少"])
def test_a_term_in_brackets_says_what_is_meant(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert stated(answer) == [63.82], answer.text


@pytest.mark.parametrize("question", ["会展服务每平方米多少钱", "每平方米多少钱", "物业管理每平米多少钱"])
def test_a_price_per_unit_is_no_quantity(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert 1286.5 not in stated(answer), answer.text


def test_a_part_read_inside_a_whole_must_be_named_there(qiaokou_bot: Any) -> None:
    """服务类 (131.80) of 政府采购 is no 政府购买服务 (106.80): never stated as its share."""
    answer = _last(qiaokou_bot, ["政府购买服务占政府采购的百分之几"])
    assert 95.78 not in stated(answer) and 131.8 not in stated(answer), answer.text
