"""The three look-up rules of the understanding step (query/code.py, query/reverse.py, query/table.py),
written from the documents:

- a code typed alone with the words that ask what it names (2060404是什么, 科目编码2080505是啥,
  30211是什么意思, 2060404对应哪个科目): the document's own line, its level and the lines above it;
  a code the document does not print is said so, with no figure; a code asked with another question
  (安排了多少) is a figure question;
- a figure typed alone or with 是哪个项目 / 是什么钱: the lines that print it; a figure no line prints
  is said so;
- a table asked whether it holds anything (预算08表为什么是空的, 政府性基金预算有没有支出, 预算10表有数据吗,
  三公经费表是空的吗): the empty table with its note, a table the contents list but the document does
  not print, or the 合计 of a table with rows (桥口: 预算09表 30.00 万元).

Seed (jianghan 2026, 万元): 2060404 科技成果转化与扩散 (项), under 206 科学技术支出 / 20604 技术与开发;
2080505 机关事业单位基本养老保险缴费支出; 30211 差旅费 under 302; project 聘用人员经费 75.15; 复印纸 2.16
(预算12表); 预算08/09/10表 printed empty, 预算02/13表 listed only.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last

from assistant.query.code import code
from assistant.query.reverse import reverse
from assistant.query.table import table
from assistant.query.units_count import units_count
from assistant.query.usage import usage
from assistant.tag import load_lexicon


@pytest.mark.parametrize(("question", "says"), [
    ("2060404是什么", ("科技成果转化与扩散", "技术与开发", "科学技术支出")),
    ("2060404是什么科目", ("科技成果转化与扩散",)),
    ("科目编码2080505是啥", ("机关事业单位基本养老保险缴费支出",)),
    ("30211是什么意思", ("差旅费", "商品和服务支出")),
    ("2060404对应哪个科目", ("科技成果转化与扩散",)),
    ("2060404和2080505分别是什么", ("科技成果转化与扩散", "机关事业单位基本养老保险缴费支出")),
])
def test_a_code_is_named_with_its_place(bot: Any, question: str, says: tuple[str, ...]) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and not answer.values, answer.text
    assert all(w in answer.text for w in says), answer.text
    assert answer.citations, "a code's line is cited"


@pytest.mark.parametrize("question", ["30217代表什么", "2010301指的是什么", "30217是什么科目？"])
def test_a_code_the_document_does_not_print(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "unanswerable" and not answer.values, answer.text
    assert "没有编码" in answer.text


def test_a_code_then_its_figure(bot: Any) -> None:
    answer = _last(bot, ["2060404是什么科目，安排了多少"])
    assert answer.status == "answered" and 4500.0 in [v.value for v in answer.values], answer.text


@pytest.mark.parametrize(("question", "figure", "says"), [
    ("75.15万元是哪个项目", 75.15, "聘用人员经费"),
    ("75.15万是什么钱", 75.15, "聘用人员经费"),
    ("117.3", 117.3, "科学事务管理支出"),
    ("2.16万元是什么", 2.16, "复印纸"),
    ("11.79万元是哪一项", 11.79, "安全生产工作经费"),
])
def test_a_figure_is_found_where_it_is_printed(bot: Any, question: str, figure: float, says: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and [v.value for v in answer.values] == [figure], answer.text
    assert says in answer.text and answer.citations


def test_a_figure_no_line_prints(bot: Any) -> None:
    answer = _last(bot, ["99999万元是哪个项目"])
    assert answer.status == "unanswerable" and not answer.values, answer.text


@pytest.mark.parametrize(("question", "opens", "says"), [
    ("预算08表为什么是空的", "预算08表", "空表"),
    ("三公经费表是空的吗", "是的", "空表"),
    ("政府性基金预算有没有支出", "没有", "预算09表"),
    ("预算10表有数据吗", "没有", "空表"),
    ("国有资本经营预算有没有", "没有", "预算10表"),
    ("政府性基金预算支出多少", "没有", "预算09表"),
    ("预算13表在哪", "文件目录列有预算13表", "没有公开"),
    ("收入预算总表为什么没有", "文件目录列有预算02表", "没有公开"),
])
def test_an_empty_or_unprinted_table(bot: Any, question: str, opens: str, says: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and not answer.values, answer.text
    assert answer.text.startswith(opens) and says in answer.text, answer.text


def test_a_table_with_rows_says_its_total(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["政府性基金预算有没有支出"])
    assert answer.status == "answered" and [v.value for v in answer.values] == [30.0], answer.text
    assert answer.text.startswith("有")


# the rules themselves: which questions have their shape (the answer then checks the document)
@pytest.mark.parametrize(("rule", "text", "reads"), [
    (code, "2060404是什么", True),
    (code, "科目编码2080505是啥", True),
    (code, "2080505和2080506分别是什么", True),
    (code, "2060404安排了多少", False),
    (code, "2060404的科目名称和金额", False),
    (code, "差旅费是什么", False),
    (reverse, "75.15万元是哪个项目", True),
    (reverse, "117.3", True),
    (reverse, "4500万元对应哪个项目", True),
    (reverse, "超过100万的项目有哪些", False),
    (reverse, "差旅费75万吗", False),
    (table, "预算08表为什么是空的", True),
    (table, "政府性基金预算有没有支出", True),
    (table, "科学技术支出多少", False),
    (table, "采购的复印机是什么品牌", False),
    (usage, "行政运行用于什么", True),
    (usage, "大数据中心运维费用是干什么用的", True),
    (usage, "科技研究开发资金主要用在哪", True),
    (usage, "用于行政运行的钱有多少", False),
    (usage, "行政运行用于什么，安排了多少", False),
    (units_count, "有几家单位", True),
    (units_count, "三公经费涉及几家单位", True),
    (units_count, "事业单位有几家", False),
])


def test_rule_shapes(rule: Any, text: str, reads: bool) -> None:
    assert (rule(text, load_lexicon()) is not None) is reads


@pytest.mark.parametrize(("question", "says", "figure"), [
    ("行政运行用于什么", "一般公共预算拨款具体使用情况", 401.31),
    ("大数据中心运维费用是干什么用的", "项目支出安排情况", 788.6),
    ("网络安全运营服务项目有什么用", "项目支出安排情况", 1681.38),
    ("差旅费用途", "没有单独说明", 1.0),
])
def test_a_line_is_said_with_its_use(bot: Any, question: str, says: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and says in answer.text, answer.text
    assert figure in [v.value for v in answer.values]
