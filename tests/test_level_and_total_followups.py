"""Follow-ups and compositions fixed with fresh46, written from the documents.

Seed (jianghan 2026): 预算05表 科学技术支出 (206) 7,734.67, 社会保障和就业支出 (208) 57.90, 卫生健康支出 (210)
71.95, 住房保障支出 (221) 101.17; 支出总计 7,965.69, 基本支出 791.47, 项目支出 7,174.22; 说明: 收支总预算比
2025年增加 1,593.58 万元, 增长 25.01%.
桥口 2025: 说明: 2025 年收支总预算 1546.46 万元，比 2024 年预算增加 121.66 万元，增长 8.54%;
第四部分: 公务用车购置费 0.00 万元，公务用车运行维护费 3.20 万元;
公务接待费 2.50 万元，比上年减少 0.30 万元，主要是厉行节约、压减接待开支.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("turns", "figure"), [
    (["科学技术支出多少", "那住房呢"], 101.17),  # 住房 opens one class's name beside 206: 221
    (["科学技术支出多少", "社保呢"], 57.90),
    (["科学技术支出多少", "卫生呢"], 71.95),
])
def test_a_short_name_after_a_class_is_the_class_beside_it(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert stated(answer) == [figure], answer.text


def test_a_short_name_of_no_line_of_that_level_is_not_guessed(bot: Any) -> None:
    answer = _last(bot, ["住房公积金多少", "那住房呢"])  # 30113 has no sibling opening with 住房
    assert 101.17 not in stated(answer), answer.text


@pytest.mark.parametrize(("last", "figure"), [
    ("涨了多少", 1593.58), ("增长率呢", 25.01), ("变化多大", 1593.58), ("比去年增加了多少", 1593.58),
])
def test_the_change_of_the_total_just_given(bot: Any, last: str, figure: float) -> None:
    answer = _last(bot, ["今年总预算多少", last])
    assert answer.status == "answered" and figure in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["总支出比去年增加了多少"], 121.66),
    (["总收入比上年增长多少"], 121.66),
    (["总支出多少", "增加了多少"], 121.66),
    (["今年一共多少钱", "涨了百分之几"], 8.54),
])
def test_the_change_of_the_total_in_the_second_document(qiaokou_bot: Any, turns: list[str],
                                                        figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert answer.status == "answered" and figure in stated(answer), answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("总支出是基本支出的几倍", 10.06),  # 7,965.69 ÷ 791.47
    ("总预算比项目支出多多少", 791.47),
])
def test_the_whole_budget_as_a_subject_of_a_composition(bot: Any, question: str, figure: float) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered" and figure in stated(answer), answer.text


@pytest.mark.parametrize("question", ["公务用车运行维护费主要用于什么", "公务用车运行维护费拿来做什么的"])
def test_a_use_states_the_figure_of_the_line_asked(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert stated(answer) == [3.2], answer.text  # never the 购置费 (0.00) the sentence names first


def test_a_reason_in_the_statements_own_words_is_no_missing_reason(qiaokou_bot: Any) -> None:
    answer = _last(qiaokou_bot, ["公务接待费为什么减少"])
    assert "厉行节约" in answer.text and "没有写明原因" not in answer.text, answer.text


@pytest.mark.parametrize("last", ["用元说", "用元", "增长多少"])
def test_nothing_named_after_a_refused_turn_is_no_earlier_figure(putuo_bots: Any, last: str) -> None:
    """政府采购预算 → 工程呢 (refused) → 用元说: never the whole procurement budget said again."""
    answer = _last(putuo_bots["putuo-wanli-2025"], ["政府采购预算", "工程呢", last])
    assert not {48212000.0, 4821.2} & set(stated(answer)), answer.text


def test_a_year_declined_holds_for_the_change_after_it(bot: Any) -> None:
    answer = _last(bot, ["三公经费多少", "明年呢", "增长多少"])  # 2027: not in the document
    assert answer.status != "answered" or not answer.values, answer.text


@pytest.mark.parametrize("last", ["占采购总额多少", "占总额的比例", "占政府采购总额的百分之几"])
def test_a_share_of_a_whole_said_as_a_total_is_no_sum(putuo_bots: Any, last: str) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["政府采购预算", "面向中小企业预留多少", last])
    assert 40.0 in stated(answer) and 6749.68 not in stated(answer), answer.text  # 1,928.48 ÷ 4,821.20


@pytest.mark.parametrize(("last", "figure"), [
    ("地下呢", 5356.0), ("地上呢", 8013.0), ("地下部分多少", 5356.0),
])
def test_the_part_said_of_a_whole_with_parts(putuo_bots: Any, last: str, figure: float) -> None:
    answer = _last(putuo_bots["putuo-wanli-2025"], ["社区公共服务中心新建工程", "建筑面积呢", last])
    assert stated(answer) == [figure], answer.text  # never the whole's 13,459


@pytest.mark.parametrize(("turns", "figure"), [
    (["医疗费补助多少", "用元"], 155000.0),
    (["机关运行经费多少", "用元"], 638200.0),
])
def test_a_unit_said_short(bot: Any, turns: list[str], figure: float) -> None:
    assert figure in stated(_last(bot, turns))


def test_a_unit_said_in_dialect(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["统战事务今年安排几多万"])
    assert 11.91 in stated(answer), answer.text


@pytest.mark.parametrize(("stem", "turns", "figure"), [
    ("putuo-wanli-2023", ["2022年群众体育执行了多少"], 12.04),
    ("putuo-wanli-2023", ["群众体育比2022年执行数增加百分之几"], 66.11),
    ("putuo-wanli-2024", ["宣传事务一般行政管理事务2023年执行数是多少万元"], 114.0),
    ("putuo-wanli-2024", ["组织事务一般行政管理事务比2023年执行数增加了百分之几"], 46.19),
    ("putuo-wanli-2023", ["城管执法2022年执行数多少", "那行政运行呢"], 2695.8),
    ("putuo-wanli-2024", ["行政单位医疗2023年执行数多少", "增长百分之几"], 49.45),
])
def test_the_executed_rule(putuo_bots: Any, stem: str, turns: list[str], figure: float) -> None:
    """上年预算执行数 as the 编制说明 prints it per 项 (query/executed.py), and the follow-ups after it."""
    answer = _last(putuo_bots[stem], turns)
    assert answer.status == "answered" and figure in stated(answer), answer.text


def test_the_unit_asked_holds_after_an_executed_figure(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["其他城乡社区支出今年多少万元", "去年执行数呢", "差多少"])
    assert 900.44 in stated(answer), answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["商务局本级一般公共预算多少", "项目支出呢"], 765.50),  # the fund kept (795.50 is every fund's)
    (["招商服务中心项目支出多少", "其中一般公共预算"], 85.20),  # the column kept (243.20 is the fund's)
    (["商务局本级一般公共预算多少", "基本支出呢"], 487.76),
    (["招商服务中心一般公共预算基本支出多少"], 158.0),  # 预算06表, not a missing row of 预算07表
    (["招商服务中心一般公共预算基本支出多少", "公用经费"], 14.40),
])
def test_a_follow_up_keeps_the_fund_and_column_said_before(qiaokou_bot: Any, turns: list[str],
                                                           figure: float) -> None:
    answer = _last(qiaokou_bot, turns)
    assert stated(answer) == [figure], answer.text


def test_a_line_under_the_line_asked_keeps_its_column(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2023"], ["万里城乡社区支出项目支出多少", "其中城乡社区管理事务"])
    assert stated(answer) == [21994743.0], answer.text  # never its whole 93,436,078


@pytest.mark.parametrize(("stem", "question", "figure"), [
    ("putuo-wanli-2024", "宣传事务经费2023年执行了多少", 114.0),  # the 款's one 项
    ("putuo-wanli-2024", "宣传事务比2023年执行数减少百分之几", 2.98),
    ("putuo-wanli-2024", "宣传事务比去年执行数多还是少", 2.98),
])
def test_a_kuan_with_one_item_is_read_by_that_item(putuo_bots: Any, stem: str, question: str,
                                                   figure: float) -> None:
    answer = _last(putuo_bots[stem], [question])
    assert figure in stated(answer) and "宣传事务（款）一般行政管理事务（项）" in answer.text, answer.text


def test_a_reason_printed_on_the_next_line(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-wanli-2024"], ["其他社会保障和就业支出2023年执行数是多少"])
    assert "原因：其他社会保障和就业支出经费减少" in answer.text, answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    (["复印纸买多少"], 800.0),  # how many, with its amount
    (["复印纸买多少", "总共多少钱"], 2.16),
    (["复印纸买多少钱"], 2.16),
])
def test_how_many_are_bought(bot: Any, turns: list[str], figure: float) -> None:
    assert figure in stated(_last(bot, turns))


@pytest.mark.parametrize(("turns", "figure"), [
    (["商业创新专项多少"], 1410.0),  # 2025年度项目总预算1410.00万: the special fund's own total
    (["贸易高质量发展专项多少"], 2921.0),
    (["商业创新专项多少", "其中支持引进品牌集聚呢"], 340.0),  # a part of the fund just asked about
    (["商业创新专项多少", "支持商业数字化创新呢"], 70.0),
])
def test_a_special_fund_and_its_parts(putuo_bots: Any, turns: list[str], figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], turns)
    assert stated(answer) == [figure], answer.text


def test_a_thing_of_its_own_after_a_special_fund(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], ["商业创新专项多少", "那公务接待费呢"])
    assert stated(answer) == [10000.0], answer.text  # the 经济分类 line, not a part of the fund


def test_a_field_the_document_lacks_asked_of_another_item(qiaokou_bot: Any) -> None:
    """会展服务采购多少 → 中标单位是谁 (not in the document) → 那广告服务呢: the same question of another
    item, which the document cannot answer either — never that item's amount."""
    answer = _last(qiaokou_bot, ["商务局会展服务采购多少", "中标单位是谁", "那广告服务呢"])
    assert answer.status == "unanswerable" and not answer.values, answer.text


def test_an_amount_of_a_missing_line_then_a_line_it_has(bot: Any) -> None:
    assert stated(_last(bot, ["取暖费多少", "那电费呢"])) == [0.5]


@pytest.mark.parametrize("text", ["12345," * 12 + "x", "12345和" * 12 + "是什么啊x", "9" * 300 + "是什么x"])
def test_a_long_run_of_codes_is_read_at_once(bot: Any, text: str) -> None:
    """A code rule's pattern split every run of digits every way before failing: twelve codes and a
    stray character never came back (query/code.py: CODE is now taken whole). No figure is stated."""
    answer = _last(bot, [text])
    assert answer.status in ("unanswerable", "clarify") and not answer.values, answer.text


def test_codes_are_still_read_by_the_rule() -> None:
    from assistant.query.code import code
    from assistant.tag import load_lexicon

    query = code("2080505和2080506分别是什么", load_lexicon())
    assert query is not None and [s.text for s in query.subjects] == ["2080505", "2080506"]
