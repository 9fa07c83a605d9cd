"""Wordings of new users (fresh61–63 batches): the words said after a name, everyday words for the
lines, operations said loosely, follow-ups that point back — each mechanism with three wordings.
A figure a table prints in 元 is also said in 万元 (pipeline/compose.py), and never stands for the
other figures of the answer."""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last


def _states(answer: Any, figures: list[float]) -> bool:
    return answer.status == "answered" and all(
        any(abs(v.value - f) < TOL for v in answer.values) for f in figures)


SEED_GOOD: list[tuple[str, list[float]]] = [
    # a word said after a name (交, 要) is none of it: the name before it is read
    ("养老保险交多少", [55.17]),
    ("养老保险缴多少", [55.17]),
    ("养老保险要交多少", [55.17]),
    # everyday words for the lines
    ("开会要花多少钱", [1.0]),
    ("开会花了多少", [1.0]),
    ("开会的费用多少", [1.0]),
    ("津贴补助是多少", [109.5]),
    ("日常基本开支多少", [791.47]),
    ("日常运转的基本开支是多少", [791.47]),
    ("印资料的钱", [0.5]),
    # 在里面占 after a figure: of that figure
    ("今年基本支出多少钱|人员经费在里面占多少比例", [91.94]),
    ("今年基本支出多少钱|人员经费在其中占百分之几", [91.94]),
    ("今年基本支出多少钱|公用经费在这里面占多少", [8.06]),
    # a ranking of 科目 with no level said: the 项, and the top 类 beside it
    ("按功能科目看钱都花哪了，最大头是啥", [4500.0, 7734.67]),
    ("功能科目里最大的是哪个", [4500.0, 7734.67]),
    # what 基本支出 is made of: its 经济分类 classes and its two columns
    ("基本支出由哪几部分构成，分别多少", [712.15, 63.82, 15.5, 727.65]),
    ("基本支出包括哪些", [727.65, 63.82]),
]


@pytest.mark.parametrize(("question", "figures"), SEED_GOOD)
def test_seed_wordings(bot: Any, question: str, figures: list[float]) -> None:
    answer = _last(bot, question.split("|"))
    assert _states(answer, figures), (question, answer.text)


SEED_NEVER: list[tuple[str, float | None]] = [
    # 开会要用 says what a figure is checked for, not the meetings' money
    ("开会要用，今年总支出多少", 1.0),
    # a project named, but the firm it invested in asked: no figure
    ("先投后股投了哪家企业", None),
    # one's own money: never a department's line
    ("科学技术支出多少|我的社保交了多少", None),
    ("我的养老保险交了多少", None),
]


@pytest.mark.parametrize(("question", "never"), SEED_NEVER)
def test_seed_never(bot: Any, question: str, never: float | None) -> None:
    answer = _last(bot, question.split("|"))
    if never is None:
        assert answer.status != "answered" or not answer.values, (question, answer.text)
    else:
        assert not any(abs(v.value - never) < TOL for v in answer.values), (question, answer.text)


@pytest.fixture(scope="module")
def pbots(putuo_bots: Any) -> Any:
    return putuo_bots  # each PDF ingested once per run (conftest.py)


PUTUO_GOOD: list[tuple[str, str, list[float]]] = [
    # 项目支出是基本支出的几倍 after the two: in the order the question names them
    ("putuo-qzfb-2025", "一般公共服务支出中基本支出有多少|项目支出呢|项目支出是基本支出的几倍", [4.23]),
    ("putuo-qzfb-2025", "一般公共服务支出中基本支出有多少|项目支出呢|基本支出是项目支出的几倍", [0.24]),
    ("putuo-qzfb-2025", "一般公共服务支出中基本支出有多少|项目支出呢|项目支出比基本支出多多少",
     [50723202.58]),
    # two figures named by their first words (行政单位 of 行政单位医疗)
    ("putuo-swk-2025", "行政单位医疗多少|事业单位医疗呢|行政单位是事业单位的几倍", [2.53]),
    ("putuo-swk-2025", "行政单位医疗多少|事业单位医疗呢|行政单位比事业单位多多少", [382079.0]),
    # 差了多少 / 、 / 之间: a difference of the two named
    ("putuo-wanli-2023", "住房公积金和购房补贴差了多少？", [269894.0]),
    ("putuo-wanli-2023", "住房公积金、购房补贴相差多少", [269894.0]),
    ("putuo-wanli-2023", "住房公积金和购房补贴之间差了多少", [269894.0]),
    # a figure in 元 said again in 万元
    ("putuo-qzfb-2025", "养老保险交多少", [1763159.52, 176.32]),
    ("putuo-qzfb-2025", "离休费是多少|折成万元是多少", [11.49]),
    ("putuo-wanli-2024", "行政运行换成万元是多少", [1660.32]),
    # a column of the fund said with it (一般公共预算基本支出), and shares over it
    ("putuo-wanli-2023", "一般公共预算基本支出是多少", [99406297.0]),
    ("putuo-wanli-2023", "人员经费占基本支出的百分之多少", [84.53]),
    ("putuo-wanli-2023", "公用经费在基本支出里占多少", [15.47]),
    # 除掉 A: the rest of the whole
    ("putuo-qzfb-2025", "商品和服务支出除掉福利费，剩下的各项合计多少", [1448937.54]),
    ("putuo-qzfb-2025", "除了福利费以外，商品和服务支出还剩多少", [1448937.54]),
    # the year before: the 编制说明's executed figure, said as such (no table prints a budget of it)
    ("putuo-wanli-2023", "城管执法多少|去年呢", [767.68]),
    ("putuo-wanli-2023", "群众体育多少|上年呢", [12.04]),
    ("putuo-wanli-2023", "公益性岗位补贴多少钱|那去年呢|少了多少", [32.22]),
    # the kind of body said alone is the department, in its own budget
    ("putuo-wanli-2025", "街道今年预算多少", [189767551.0]),
    ("putuo-wanli-2025", "街道今年预算比去年多了多少万？", [3355.65]),
    ("putuo-wanli-2025", "街道的行政运行多少", [17887739.0]),
    # 多少万 is 多少万元; 占了 is 占
    ("putuo-wanli-2025", "预算比去年多了多少万", [3355.65]),
    ("putuo-wanli-2025", "政府采购里工程占了多大比例", [78.42]),
    ("putuo-wanli-2025", "基本支出里人员经费占了多大比例", [89.32]),
    # a name that begins with a bare word (专项普查活动) is that name
    ("putuo-wanli-2024", "专项普查活动比2023年执行数少了多少万", [34.36]),
    ("putuo-wanli-2024", "专项普查活动多少", [257700.0]),
    # 搞 before a name, 大类 for a class, 第二高 for a place
    ("putuo-wanli-2024", "搞环境卫生的钱有多少", [5993300.0]),
    ("putuo-wanli-2024", "九大类支出里哪类最多", [119385303.0]),
    ("putuo-wanli-2024", "四大类支出中排第二的是哪类", [19604064.0]),
    ("putuo-wanli-2024", "工资福利支出里哪项最高|第二高的呢", [16623810.0]),
    ("putuo-wanli-2024", "万里街道24年总共预算多少钱", [156211123.0]),
    # the total's change said of the one source that is all of it (财政拨款收入 = 收入预算)
    ("putuo-qzfb-2025", "去年预算总额是多少", [11491.2]),
    # 多出 is a change asked; 哪个多？多多少 is one difference
    ("putuo-wanli-2023", "其他社会保障和就业支出今年比上年执行数多出多少", [638.64]),
    ("putuo-wanli-2025", "一般公共服务支出和卫生健康支出哪个多？多多少", [79627.0]),
    ("putuo-wanli-2025", "一般公共服务支出和卫生健康支出哪个多，差多少", [79627.0]),
]


@pytest.mark.parametrize(("stem", "question", "figures"), PUTUO_GOOD)
def test_putuo_wordings(pbots: Any, stem: str, question: str, figures: list[float]) -> None:
    answer = _last(pbots[stem], question.split("|"))
    assert _states(answer, figures), (question, answer.text)


def test_the_year_before_says_it_is_executed(pbots: Any) -> None:
    answer = _last(pbots["putuo-wanli-2023"], ["城管执法多少", "去年呢"])
    assert "执行数" in answer.text and "没有2022年的预算数" in answer.text, answer.text


def test_a_listing_is_not_restated_in_wan(pbots: Any) -> None:
    """The figures of a list stay as the table prints them; only one figure, or a result, is
    said again in 万元."""
    answer = _last(pbots["putuo-qzfb-2025"], ["超过100万的经济分类科目有哪些"])
    assert answer.status == "answered" and all(v.unit == "元" for v in answer.values), answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("局里开会和培训一共多少", 4.0),  # 开会 said alone is the meetings' money
    ("开会和培训加起来多少", 4.0),
    ("局本级预算是招商服务中心的几倍", 4.88),  # 预算 of a unit is its whole budget, as the other's
    ("本级预算比招商服务中心多多少", 1020.06),
])
def test_qiaokou_wordings(qiaokou_bot: Any, question: str, figure: float) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, [figure]), answer.text


def test_the_corpus_rules_keep_their_top_level_keys() -> None:
    """A table added to knowledge/corpus.toml above its plain keys would swallow them."""
    from assistant.corpus.names import corpus_rules

    rules = corpus_rules()
    assert {"region_levels", "org_endings", "series_words", "generic"} <= rules.keys()
    assert all(isinstance(v, list) for v in rules["self_words"].values())


@pytest.mark.parametrize("question", ["金额排前三的项目加起来多少钱", "前三的项目加起来多少钱",
                                      "最大的三个项目一共多少"])
def test_a_ranked_sum_as_typed(qiaokou_bot: Any, question: str) -> None:
    answer = _last(qiaokou_bot, [question])
    assert _states(answer, [765.5]), answer.text


@pytest.mark.parametrize(("piece", "cut"), [
    ("养老保险交", ["养老保险交", "养老保险"]),
    ("会议要", ["会议要", "会议"]),
    ("办公运转", ["办公运转"]),  # a word of two at the end is said of what is before it
    ("会议", ["会议"]),  # 会 begins the word: never cut at the start
])
def test_edges_off(piece: str, cut: list[str]) -> None:
    from assistant.pipeline.knowledge import load_knowledge
    from assistant.pipeline.match_pieces import _edges_off
    from assistant.tag import load_lexicon

    function = load_lexicon().of("function", "function")
    assert _edges_off(piece, function, load_knowledge().trailing) == cut


def test_another_body_of_the_same_kind_is_not_the_department(pbots: Any) -> None:
    """街道 said alone is the department; 曹杨新村街道 is another one, refused."""
    answer = _last(pbots["putuo-wanli-2023"], ["曹杨新村街道2023年预算总额"])
    assert answer.status != "answered" or not answer.values, answer.text
