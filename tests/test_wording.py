"""Ways people word a question that name the same line (issue 12): shortened project names,
asides in brackets, example lists, bare 专项, years in Chinese numerals, codes broken by a space,
purchase words. Figures were read by hand from the seed document; each mechanism in three or
more wordings of our own, and the wordings that must NOT get that figure."""

from __future__ import annotations

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

GOOD: list[tuple[str, float]] = [
    # a long run of one project's name is that project, for every reading (not only the amount)
    ("网络安全运营服务项目一共要花多少", 1681.38),
    ("政务网络安全运营服务项目的预算", 1681.38),
    ("网络安全运营服务项目政府采购面向小微企业多少", 672.55),
    ("政府采购里网络安全运营服务那一项，面向小微企业的金额是多少", 672.55),
    ("网络安全运营服务项目采购金额里面向小微企业的有多少", 672.55),
    # an aside that says what is not meant narrows the words before it
    ("交通补贴（不是公车那种）预算多少", 13.01),
    ("平时的交通补贴(不包括公车)有多少", 13.01),
    ("同志们的交通补贴（非公务用车）安排多少", 13.01),
    # a colloquial word glossed by its plain word
    ("合同工（劳务派遣的人）工资一年多少", 75.15),
    ("局里请的合同工(劳务派遣的人)工资多少", 75.15),
    # examples before 这些/这类 illustrate the word after them
    ("打电话、寄快递这些邮电开销有多少", 0.50),
    ("像打电话、寄快递这类邮电费用多少", 0.50),
    ("日常办公、水电、差旅这些公用开销总共多少", 63.82),
    ("办公、差旅之类的公用开支一共多少", 63.82),
    # a named column asked with 总共/一共 is that column, not the whole budget
    ("公用经费总共多少", 63.82),
    ("人员经费总共多少", 727.65),
    ("人员经费一共是多少", 727.65),
    # 专项 standing alone is 项目支出
    ("专项的钱一共有多少", 7174.22),
    ("今年专项资金一共多少", 7174.22),
    ("专项经费有多少", 7174.22),
    # a year in Chinese numerals, before the name
    ("二〇二五年科技研究与开发资金预算多少", 4700.00),
    ("二零二五年科技研究与开发资金预算多少", 4700.00),
    ("2025年科技研究开发资金预算是多少", 4700.00),
    # a purchase word cuts the bought thing out of the question
    ("买电脑花多少钱", 3.36),
    ("💻买电脑花多少钱？", 3.36),
    ("购买台式计算机花了多少钱", 3.36),
    ("买碎纸机多少钱", 0.10),
    # a count of the lines at a figure (正好/刚好), counted over the finest lines printed
    ("基本支出经济分类里，有几个科目的预算正好是1万元", 4),
    ("基本支出里预算正好是1万元的科目有几个", 4),
    ("基本支出中刚好1万元的有几项", 4),
    # a change between two years of the forms (a note's second figure does not stop the reading)
    ("2025年部门收入比2024年增长了多少", 860.21),
    ("部门收入从2024年到2025年增加了多少", 860.21),
    ("2024到2025年收入合计涨了多少", 860.21),
    ("科技研究与开发资金从2025年到2026年减少了多少", 200.00),
    # breakdown words: 分成/分为/怎么划分 list the lines of the thing named
    ("住房保障支出分成哪几块？各多少", 29.08),
    ("住房保障支出分为哪几部分", 29.08),
    ("住房保障支出怎么划分的", 29.08),
    ("整体绩效目标表里，支出构成是怎么划分的", 7174.22),
    ("部门整体绩效目标表的支出构成有哪些", 791.47),
    # 除了 A，其他支出…: "the rest", even where 其他支出 is also a line's name
    ("除了科学技术支出，其他支出加起来多少", 231.02),
    ("除科学技术支出以外，其余支出合计", 231.02),
    ("除了科技支出其他几类加起来多少", 231.02),
    # a series of years said first or last; figures of one year that differ by a rounding tail agree
    ("近三年总预算分别是多少", 5511.89),
    ("总预算近三年分别是多少", 6372.11),
    ("近三年的科技研究与开发资金各是多少", 4692.00),
    # 除了 A，B 还有多少: B less A (a fixed split of B, or B's other lines)
    ("除了人员经费以外基本支出还有多少", 63.82),
    ("除了公用经费，基本支出还有多少", 727.65),
    ("除去科学技术支出，总预算还有多少", 231.02),
    # 占多大比重
    ("科技研究与开发资金在项目支出中占多大比重", 62.72),
    ("项目支出里科技研究与开发资金占多大比例", 62.72),
    ("科技研究与开发资金在项目支出中所占的比重是多少", 62.72),
    # the department's own name, shortened (its characters in order), is the department
    ("经信局的人员经费是多少", 727.65),
    ("科创局的项目支出多少", 7174.22),
    ("经信科创局今年总预算多少", 7965.69),
    # everyday words for the economic lines (lexicon/colloquial.toml)
    ("单位里面发工资一年要多少钱", 712.15),
    ("我们单位的车补多少", 13.01),
    ("年终奖多少", 260.59),
    ("开会的钱有多少", 1.00),
    ("单位给职工交养老保险要花多少", 55.17),
    ("给员工缴养老保险花多少", 55.17),
    ("保工资保运转的钱有多少", 791.47),
    ("保障机构正常运转的支出是多少", 791.47),
    # a declared split asked without a number of parts, stated where the parts add up
    ("人员经费包括哪些", 15.50),
    ("人员经费主要包括哪些内容", 712.15),
    ("人头费包括什么", 15.50),
    # a list counted by 这几样/这些 and asked 多少钱 is summed (the list is the subjects)
    ("办公费、印刷费、邮电费这些多少钱", 1.58),
    ("复印机、复印纸这几样花了多少", 5.16),
    ("公务接待费、因公出国费这几样多少钱", 0.00),
    # everyday breakdown words (都有啥, 包括啥)
    ("科学技术管理事务下面都有啥", 401.31),
    ("住房保障支出包括啥", 61.09),
    # an English budget word inside a Chinese question
    ("科技研究与开发资金 budget", 4500.00),
    ("科技研究与开发资金的budget是多少", 4500.00),
    ("Big data center运维费用多少", 788.60),
    # the top N of a ranking added up when the question asks for their sum
    ("前三个项目加起来多少", 6969.98),
    ("最大的两个项目加起来多少", 6181.38),
    ("项目支出里最大的前两项合计多少", 6181.38),
    # 哪一类 asks for a line of the level named
    ("按功能大类看，支出排第二的是哪一类", 101.17),
    ("功能分类的类级科目中第二多的是哪类", 101.17),
    ("按功能大类，金额排第三的是哪一类", 71.95),
]


@pytest.mark.parametrize(("question", "figure"), GOOD)
def test_the_wording_names_the_line(bot, question: str, figure: float) -> None:
    answer = bot.ask(question)
    assert any(abs(v - figure) <= TOL for v in _stated(answer)), (question, answer.text)


# (question, a figure it must never state)
BAD: list[tuple[str, float]] = [
    ("公用经费总共多少", 7965.69),          # the whole budget is not 公用经费
    ("人员经费总共多少", 7965.69),
    ("生命健康专项多少钱", 7174.22),        # a named 专项 is that project, not all 项目支出
    ("网络安全运营服务项目是哪家公司中标的", 1681.38),
    ("交通补贴（不是公车那种）是哪家公司提供的", 13.01),
    ("打电话、寄快递这些邮电开销按月分摊是多少", 0.50),
    # a line or indicator named in the question must be what the answer speaks of
    ("大数据中心运维费用的网络故障修复响应时间", 788.60),
    ("科技研究与开发资金的技术合同成交额", 4500.00),
    ("聘用人员经费的单位职工满意度", 75.15),
    ("大数据中心运维费用的奖励企业数量", 788.60),
    # a part of the year is not the annual figure
    ("办公费一个月多少", 0.58),
    ("办公费每月多少钱", 0.58),
    ("差旅费一个季度多少", 1.00),
    ("教育局的人员经费是多少", 727.65),   # another department: not ours
    # a word that asks (规模, 金额) is never a piece of a line's name (首次纳入规模以上工业企业奖励)
    ("部门预算规模多大", 100.00),
    ("预算规模是多少", 100.00),
    ("今年的预算规模", 100.00),
]


@pytest.mark.parametrize(("question", "figure"), BAD)
def test_the_wording_never_borrows_another_figure(bot, question: str, figure: float) -> None:
    answer = bot.ask(question)
    assert all(abs(v - figure) > TOL for v in _stated(answer)), (question, answer.text)


@pytest.mark.parametrize("question", [
    "项目编码 42010326501T 000000104 是啥项目",
    "42010326501T 000000104是什么项目",
    "42010326501T000000104是哪个项目",
])
def test_a_project_code_broken_by_a_space_is_one_code(bot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.status == "answered" and "大数据中心" in answer.text, (question, answer.text)


@pytest.mark.parametrize(("turns", "figure"), [
    (["政府采购一共多少", "其中面向中小企业的呢", "小微呢"], 953.98),
    (["台式计算机采购多少", "面向中小企业的呢", "小微企业的呢"], 1.34),
    (["大数据中心运维费用的政府采购面向小微企业多少", "中小企业呢"], 416.68),
])
def test_a_follow_up_swaps_the_procurement_column(bot, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert any(abs(v - figure) <= TOL for v in _stated(answer)), (turns, answer.text)


def test_a_list_of_named_lines_is_not_answered_by_a_count_of_cars(bot) -> None:
    answer = bot.ask("吃喝招待、公车、出国这几样今年花多少钱")
    assert "辆" not in answer.text, answer.text


@pytest.mark.parametrize(("question", "first", "last"), [
    ("项目支出从高到低排一下", 4500.00, 11.79),
    ("把项目支出按金额从大到小排列", 4500.00, 11.79),
    ("项目支出从小到大排个序", 11.79, 4500.00),
])
def test_the_whole_list_in_the_order_asked(bot, question: str, first: float, last: float) -> None:
    stated = _stated(bot.ask(question))
    assert len(stated) == 6 and stated[0] == first and stated[-1] == last, (question, stated)


def test_a_share_the_narrative_states_is_cited_there(bot) -> None:
    answer = bot.ask("基本支出占多少pct")
    assert any(abs(v - 9.94) <= TOL for v in _stated(answer))
    assert "第三部分" in [c.table for c in answer.citations], answer.citations


@pytest.mark.parametrize(("question", "count"), [
    ("款级经济科目里最少的是哪个", 4),       # 印刷费, 水费, 电费, 邮电费: all 0.50
    ("商品和服务支出里最少的是哪项", 4),
    ("项目支出最少的是哪个", 1),
])
def test_lines_tied_at_the_rank_asked_are_all_named(bot, question: str, count: int) -> None:
    answer = bot.ask(question)
    assert len(_stated(answer)) == count, (question, answer.text)


@pytest.mark.parametrize(("turns", "figure"), [
    (["卫生健康支出多少", "住房保障呢"], 101.17),                  # most of a line's name
    (["卫生健康支出多少", "住房保障呢", "两个加起来多少"], 173.12),
    (["项目支出多少", "基本支出呢", "两者之差"], 6382.75),
    (["大数据中心运维费用多少", "安全生产呢", "两者相差多少"], 776.81),
])
def test_follow_ups_name_a_line_by_most_of_its_name_and_combine_two(bot, turns: list[str],
                                                                     figure: float) -> None:
    answer = _last(bot, turns)
    assert any(abs(v - figure) <= TOL for v in _stated(answer)), (turns, answer.text)


@pytest.mark.parametrize("question", ["下属有几个事业单位", "局里下面有几个事业单位", "下面有几个二级单位"])
def test_asking_words_inside_a_fuzzy_window_are_not_part_of_the_name(bot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.status == "answered" and 2 in _stated(answer), (question, answer.text)


@pytest.mark.parametrize(("question", "says"), [
    ("今年预算为什么比去年多了", "原因"),
    ("下属事业单位为什么没有单独公开预算", "未独立核算"),
    ("总预算增加的原因", "原因"),
])
def test_a_reason_is_answered_with_the_documents_reason(bot, question: str, says: str) -> None:
    answer = bot.ask(question)
    assert answer.status == "answered" and says in answer.text, (question, answer.text)


@pytest.mark.parametrize("question", ["项目支出增加的原因是什么", "人员经费为什么增加"])
def test_a_reason_is_never_answered_with_a_definition_or_a_figure(bot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.status != "answered" or "原因" in answer.text or "由于" in answer.text, answer.text
    assert "名词解释" not in answer.text, answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("总预算跟去年比有什么变化", 1593.58),
    ("机关运行经费和去年相比有什么变化", 7.02),
    ("科技研究与开发资金与2025年相比减少了多少", 200.00),
])
def test_a_change_said_with_gen_bi(bot, question: str, figure: float) -> None:
    assert any(abs(v - figure) <= TOL for v in _stated(bot.ask(question))), question


@pytest.mark.parametrize(("turns", "figure"), [
    (["政府采购有哪些品目", "最贵的是哪个", "它的数量是多少"], 1),          # the purchase picked
    (["经济分类款级里最多的是哪个", "它占工资福利支出的比例"], 36.59),
    (["项目支出里最多的是哪个", "它占项目支出的比例是多少"], 62.72),
])
def test_it_after_a_ranking_is_the_line_picked(bot, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert any(abs(v - figure) <= TOL for v in _stated(answer)), (turns, answer.text)


def test_it_with_nothing_to_point_to_is_never_the_whole_budget(bot) -> None:
    answer = bot.ask("它占工资福利支出的比例")
    assert all(abs(v - 7965.69) > TOL and v <= 100 for v in _stated(answer)), answer.text


@pytest.mark.parametrize(("turns", "figure", "never"), [
    (["科技研究与开发资金多少", "前年呢", "去年呢", "三年加起来多少"], 13892.00, 9392.00),
    (["办公费多少", "印刷费呢", "邮电费呢", "这三项加起来"], 1.58, 1.00),
    (["办公费多少", "印刷费呢", "三项加起来"], None, 1.08),  # only two figures were said
])
def test_a_follow_up_sum_adds_as_many_figures_as_it_says(bot, turns: list[str], figure: float | None,
                                                         never: float) -> None:
    answer = _last(bot, turns)
    stated = _stated(answer)
    assert all(abs(v - never) > TOL for v in stated), (turns, answer.text)
    if figure is not None:
        assert any(abs(v - figure) <= TOL for v in stated), (turns, answer.text)


@pytest.mark.parametrize(("turns", "figure"), [
    # not 906.44%: the later figure is no part of the earlier one
    (["基本支出多少", "项目支出呢", "占比多少"], 90.06),
    (["卫生健康支出多少", "公务员医疗补助呢", "占比多少"], 69.28),
    (["人员经费多少", "换算成亿元"], 0.072765),               # converted exactly, not rounded to 0.07
])
def test_follow_up_shares_and_conversions(bot, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert any(abs(v - figure) <= 1e-6 + (TOL if figure > 1 else 0) for v in _stated(answer)), answer.text
    assert all(v <= 100 or v in (727.65, 7174.22, 7965.69, 791.47, 71.95, 49.85) for v in _stated(answer))


@pytest.mark.parametrize("question", ["科技研究与开发资金第二季度用款计划多少", "项目支出第三个月花多少"])
def test_an_ordinal_of_a_period_is_not_a_rank(bot, question: str) -> None:
    answer = bot.ask(question)
    assert "大的是" not in answer.text and "小的是" not in answer.text, answer.text
    assert "没有第" not in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "科技研究与开发资金立项时引用了哪个2017年的文件？",
    "科技研究与开发资金的立项依据里2017年的文件是哪个",
    "科技研究与开发资金依据的2017年政策文件是什么",
])
def test_a_year_dating_a_document_is_no_budget_year(bot, question: str) -> None:
    """2017年的文件 dates a document the 立项依据 cites: read, not refused as a year not covered."""
    answer = bot.ask(question)
    assert answer.status == "answered" and "江招组[2017]1号" in answer.text, answer.text


@pytest.mark.parametrize("question", ["2017年的预算是多少", "2017年项目支出多少"])
def test_a_budget_year_not_covered_is_still_refused(bot, question: str) -> None:
    answer = bot.ask(question)
    assert answer.status != "answered" or not answer.values, answer.text
