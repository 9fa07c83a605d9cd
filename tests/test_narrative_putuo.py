"""Narrative readings on the Shanghai layout, from three Putuo disclosures without case files:
last year's 预算执行数 per 项 (编制说明), the units of 机构设置, the sentences of 第一部分 named by
their own words (加挂…牌子, 合署办公) and a count asked with its money. Each mechanism is asked
several ways; the questions the document cannot answer must state no figure. Figures and line
numbers read by hand from the PDFs (pdftotext, and the stored source lines); the tests skip
without ../shared/sources/putuo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.build import ingest_files
from assistant.service import Assistant

PUTUO = Path(__file__).resolve().parent.parent.parent / "shared" / "sources" / "putuo"
STEMS = ("putuo-qzfb-2025", "putuo-wanli-2024", "putuo-wanli-2023", "putuo-swk-2025")
TOL = 0.005


@pytest.fixture(scope="module")
def bots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Assistant]:
    if not all((PUTUO / f"{s}.pdf").exists() for s in STEMS):
        pytest.skip("putuo PDFs absent")
    folder = tmp_path_factory.mktemp("putuo-narrative")
    out = {}
    for stem in STEMS:
        ingest_files([PUTUO / f"{stem}.pdf"], folder / f"{stem}.duckdb")
        out[stem] = Assistant.open(folder / f"{stem}.duckdb")
    yield out
    for bot in out.values():
        bot.close()


def _ask(bot: Assistant, turns: list[str]):
    conv = bot.new_conversation()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    return answer


W23, W24, QZ, SWK = "putuo-wanli-2023", "putuo-wanli-2024", "putuo-qzfb-2025", "putuo-swk-2025"


@pytest.mark.parametrize(
    ("stem", "turns", "values", "line"),
    [
        # 11. 群众体育: 2022年当年预算执行数为12.04万元 … 比2022年预算执行数增加66.11% (L98)
        (W23, ["群众体育今年安排多少？", "那上一年执行了多少？"], [12.04], 98),
        (W23, ["群众体育2022年预算执行数是多少"], [12.04], 98),
        (W23, ["去年群众体育的执行数多少"], [12.04], 98),
        (W23, ["群众体育上一年执行了多少？"], [12.04], 98),
        (W23, ["群众体育比上年执行数增长了多少"], [7.96, 66.11], 98),  # 20.00 − 12.04
        # 31. 其他城乡社区支出 (款 and 项 of one name): 3853.06 → 1450.00, 减少62.37%
        (W23, ["其他城乡社区支出安排了多少？", "比2022年执行数少了百分之多少？"], [62.37], None),
        (W23, ["其他城乡社区支出比2022年执行数减少了百分之多少"], [62.37], None),
        (W23, ["其他城乡社区支出较上年预算执行数下降了百分之几"], [62.37], None),
        # 26. 城管执法: the executed figure stands on the paragraph's second printed line (L141)
        (W24, ["城管执法安排了多少？", "那去年的预算执行数呢？"], [676.66], 140),
        (W24, ["城管执法去年执行了多少"], [676.66], 140),
        (W24, ["2023年城管执法的预算执行数是多少"], [676.66], 140),
        (W24, ["城管执法比去年执行数减少了多少"], [72.32, 10.69], 140),  # 604.34 − 676.66
        # 商务委: 财政拨款收入…比2024年预算执行数增加24,558.18万元 (a total against 执行数, L116)
        (SWK, ["财政拨款收入比2024年预算执行数增加了多少"], [24558.18], 116),
        (SWK, ["财政拨款收入比上年执行数多了多少"], [24558.18], 116),
        # 编报绩效目标的项目11个，涉及项目预算资金6626万元 (L282-283)
        (QZ, ["编报了绩效目标的项目有几个，涉及多少资金？"], [11, 6626], 282),
        (QZ, ["有几个项目编报了绩效目标，资金多少"], [11, 6626], 282),
        (QZ, ["编报绩效目标的项目有多少个？涉及资金多少？"], [11, 6626], 282),
        (W24, ["今年有多少个项目编报了绩效目标，涉及资金多少？"], [50, 5634.81], None),
        # 五、国有资产占有情况: 在建工程1项12277.73万元 / 无形资产471项234.37万元 (one printed line)
        (W23, ["在建工程有几项，金额多少？"], [1, 12277.73], None),
        (W23, ["在建工程多少项，多少钱"], [1, 12277.73], None),
        (W23, ["无形资产有多少项，金额是多少"], [471, 234.37], None),
        # 政府采购预算830.00万元，面向中小企业预留332.00万元，其中小型和微型企业232.40万元 (L500)
        (W23, ["面向中小企业预留的政府采购预算多少，给小微企业的呢？"], [332, 232.4], 500),
        (W23, ["政府采购中小企业和小微企业各预留多少"], [332, 232.4], 500),
        (W23, ["面向中小企业预留的政府采购预算是多少"], [332], 500),
        (W23, ["政府采购预算里留给小微企业多少"], [232.4], 500),
        # 三公: 因公出国（境）费839.00万元 — 出国出境 is that line in everyday words
        (QZ, ["出国出境的费用安排了多少？"], [839], None),
        (QZ, ["出国出境花多少钱"], [839], None),
        (QZ, ["出国境经费是多少"], [839], None),
        # 机构设置: 本部以及下属 5 家预算单位 — the units below the 本部, not 6
        (W24, ["街道下属单位有几家"], [5], None),
        # 上海市普陀区人民政府办公室收入预算9,101.68万元 (L68), the department by its short name:
        # the figure to the cent is 收支总表's 收入总计 91,016,775.35 元 (pdftotext L127)
        (QZ, ["区政府办公室2025年的收入预算一共有多少？"], [91016775.35], 68),
        (QZ, ["区政府办公室今年收入预算有多少"], [91016775.35], 68),
        (QZ, ["收入预算一共有多少"], [91016775.35], 68),
        (W23, ["万里街道办事处的收入预算是多少"], [164978640], 65),  # 16,497.86 万元 (L65)
        # 项目经费情况说明 without a titled name, 六、年度预算安排 (L534): 25.88/180.74/186.60/16.78
        (W23, ["社区公共服务中心新建工程第三季度的用款计划是多少"], [186.6], 534),
        (W23, ["社区公共服务中心工程第三季度用款计划多少"], [186.6], 534),
        (W23, ["社区公共服务中心新建工程全年四个季度用款计划一共多少？"], [410], 534),
        (W23, ["社区公共服务中心新建工程每个季度的用款计划加起来是多少"], [410], 534),
        (W23, ["社区公共服务中心新建工程第一季度和第二季度用款计划加起来多少"], [206.62], 534),
        (W24, ["社区公共服务中心新建工程四个季度的用款计划加起来一共多少？"], [632.2], 549),  # 158.05 × 4
    ],
)
def test_answered(bots, stem: str, turns: list[str], values: list[float], line: int | None) -> None:
    answer = _ask(bots[stem], turns)
    assert answer.status == "answered", answer.text
    stated = [v.value for v in answer.values]
    for want in values:
        assert any(abs(want - got) <= TOL for got in stated), (want, stated, answer.text)
    if line is not None:
        assert line in [c.line for c in answer.citations], answer.citations


@pytest.mark.parametrize(
    ("stem", "question", "words"),
    [
        # 加挂上海市普陀区人民政府研究室、…外事办公室、…合作交流办公室牌子 (L23-25)
        (QZ, "区政府办公室还挂了哪些牌子？", ["研究室", "外事办公室", "合作交流办公室"]),
        (QZ, "区府办加挂了什么牌子", ["研究室", "外事办公室", "合作交流办公室"]),
        (QZ, "办公室挂的牌子有哪些", ["研究室", "外事办公室", "合作交流办公室"]),
        (QZ, "区政府办公室和哪个单位合署办公", ["机关事务管理局"]),
        # 2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部 (L47)
        (QZ, "区政府办公室下属的事业单位是哪家，单独编预算吗？", ["交流服务中心", "不单列预算"]),
        (QZ, "下属事业单位叫什么，有没有单独的预算", ["交流服务中心", "不单列预算"]),
        (QZ, "下面的事业单位单列预算吗", ["交流服务中心", "不单列预算"]),
        # 机构设置 lists the 本部 and five units (L42-47)
        (W24, "万里街道下面有哪些单位？", ["社区事务受理服务中心", "社区党群服务中心", "城市运行管理中心",
                                  "经济发展服务中心", "综合行政执法队"]),
        (W24, "万里街道下设哪些单位", ["社区事务受理服务中心", "综合行政执法队"]),
        (W24, "街道所属单位有哪些", ["社区事务受理服务中心", "综合行政执法队"]),
    ],
)
def test_text_answered(bots, stem: str, question: str, words: list[str]) -> None:
    answer = _ask(bots[stem], [question])
    assert answer.status == "answered", answer.text
    assert answer.values == [], answer.values  # names are asked, not a count
    for w in words:
        assert w in answer.text, (w, answer.text)


@pytest.mark.parametrize(
    ("stem", "question", "status"),
    [
        (W23, "群众体育执行数是多少", None),  # no year: only 2022's is stated, this year's never
        (W23, "群众体育2023年执行了多少", None),  # the budget year's execution
        (W23, "群众体育今年实际支出多少", None),
        (W23, "群众体育2021年执行数", None),  # a year the document does not cover
        (W23, "群众体育2022年决算执行数是多少", None),  # 决算 is never stated, 执行数 or not
        (W24, "一般行政管理事务去年执行数", "clarify"),  # seven 项 of that name under other 款
        (QZ, "行政运行去年执行了多少", None),  # this 编制说明 states no 执行数
        (W23, "行政运行上年执行数比群众体育多多少", None),  # two lines: no one figure for both
        (W23, "去年预算执行数是多少", None),  # no line named
        # 支出预算…比2024年预算增加24,491.71万元: against the budget, never read as against 执行数
        (SWK, "支出预算比2024年执行数增加了多少", None),
        (SWK, "行政运行2024年执行数是多少", None),  # its items state no 执行数
        (QZ, "台式计算机买的什么牌子", None),  # a brand, not the department's signboards
        (W23, "社区公共服务中心新建工程第五季度用款计划多少", None),  # no such quarter
    ],
)
def test_no_figure(bots, stem: str, question: str, status: str | None) -> None:
    answer = _ask(bots[stem], [question])
    assert answer.values == [], (answer.values, answer.text)
    if status is not None:
        assert answer.status == status, answer.text
    else:
        assert answer.status != "answered", answer.text


@pytest.mark.parametrize(
    ("stem", "question"),
    [(QZ, "收入预算一共有多少"), (QZ, "2025年的收入预算一共有多少？"), (W23, "收入预算是多少")],
)
def test_income_total_is_labelled_income(bots, stem: str, question: str) -> None:
    """收入预算 asked: the statement of income answers, never the 支出预算 line of the same sum."""
    answer = _ask(bots[stem], [question])
    assert answer.values and all("收入" in v.label for v in answer.values), answer.values


def test_one_quarter_is_not_the_sum(bots) -> None:
    """第一季度和第二季度…加起来: both quarters and their sum, never the second quarter alone."""
    answer = _ask(bots[W23], ["社区公共服务中心新建工程第一季度和第二季度用款计划加起来多少"])
    assert [v.value for v in answer.values][:1] == [206.62], answer.values


@pytest.mark.parametrize(
    ("question", "absent"),
    [("无形资产有多少项，金额是多少", 3149.52), ("车辆有几辆，多少钱", 448.82)],
)
def test_count_with_money_never_takes_a_neighbour(bots, question: str, absent: float) -> None:
    """固定资产/流动资产 stand in the same paragraph: never the amount of the thing counted."""
    answer = _ask(bots[W23], [question])
    assert all(abs(v.value - absent) > TOL for v in answer.values), answer.values


@pytest.mark.parametrize(
    "question", ["面向中小企业预留的政府采购预算是多少", "政府采购预算里留给小微企业多少"]
)
def test_part_of_procurement_is_not_the_whole(bots, question: str) -> None:
    """政府采购预算 830.00 is named for the reader, never stated as the part's figure."""
    answer = _ask(bots[W23], [question])
    assert all(abs(v.value - 830) > TOL for v in answer.values), answer.values


@pytest.mark.parametrize(
    ("stem", "question", "figure"),
    [
        # 财政拨款收入…比2024年预算减少2,389.52万元 … 减少的主要原因是项目调整 (L68-73)
        (QZ, "财政拨款收入跟2024年比减少了多少，原因是什么？", 2389.52),
        (QZ, "财政拨款收入比上年减少多少？什么原因？", 2389.52),
        (W24, "财政拨款收入比2023年少了多少？是什么原因？", 876.75),
        (W24, "财政拨款收入减少的原因是什么，减少了多少", 876.75),
    ],
)
def test_reason_with_its_figure(bots, stem: str, question: str, figure: float) -> None:
    answer = _ask(bots[stem], [question])
    assert any(abs(v.value - figure) <= TOL for v in answer.values), (answer.values, answer.text)
    assert "项目调整" in answer.text, answer.text


def test_executed_change_with_its_reason(bots) -> None:
    """比2022年执行数增加了多少，原因是什么: the change and the item's own reason clause."""
    answer = _ask(bots[W23], ["群众体育比2022年执行数增加了多少，原因是什么"])
    assert any(abs(v.value - 66.11) <= TOL for v in answer.values), answer.values
    assert "群众体育经费增加" in answer.text, answer.text


def test_count_alone_states_no_money(bots) -> None:
    """编报绩效目标的项目有几个: the count only — the amount of the statement is not asked."""
    answer = _ask(bots[QZ], ["编报绩效目标的项目有几个"])
    assert [v.value for v in answer.values] == [11], answer.values


# 万里 2024: 截至2023年…共有车辆7辆 (held) and 2024年部门预算安排购置车辆1辆 (bought); 编报绩效目标的
# 项目50个 beside 本部门…个预算单位 (the units are not the projects counted)
HELD_OR_BOUGHT = [
    (["车辆有几辆"], 7, 1),
    (["一共有多少辆车"], 7, 1),
    (["单位现在有几辆车"], 7, 1),
    (["今年要买几辆车"], 1, 7),
    (["新增几辆车"], 1, 7),
    (["2024年购置几辆车"], 1, 7),
]


@pytest.mark.parametrize(("turns", "figure", "never"), HELD_OR_BOUGHT)
def test_vehicles_held_or_bought(bots: dict[str, Assistant], turns: list[str], figure: float,
                                 never: float) -> None:
    answer = _ask(bots[W24], turns)
    stated = [v.value for v in answer.values] if answer.status == "answered" else []
    assert any(abs(v - figure) < TOL for v in stated), answer.text
    assert not any(abs(v - never) < TOL for v in stated), answer.text


@pytest.mark.parametrize("question", ["有几个预算单位编报了项目绩效目标", "几个预算单位编报了绩效目标",
                                      "编报绩效目标的预算单位有几个"])
def test_a_count_of_another_noun_is_not_stated(bots: dict[str, Assistant], question: str) -> None:
    answer = _ask(bots[W24], [question])
    assert not any(abs(v.value - 50) < TOL for v in answer.values), answer.text


@pytest.mark.parametrize("turns", [["职业年金缴费多少", "基本养老保险呢", "合计"],
                                   ["职业年金缴费是多少", "那基本养老保险的呢", "两项加起来"],
                                   ["职业年金缴费多少", "基本养老保险的呢", "一共多少"]])
def test_another_line_named_in_part_then_added(bots: dict[str, Assistant], turns: list[str]) -> None:
    # 机关事业单位基本养老保险缴费 1,763,159.52 + 职业年金缴费 881,579.76 (qzfb 2025, 预算 经济分类)
    answer = _ask(bots[QZ], turns)
    assert answer.status == "answered", answer.text
    assert abs(answer.values[0].value - 2644739.28) < TOL, answer.text


@pytest.mark.parametrize("turns", [["支出功能分类哪个类最多", "最少呢"],
                                   ["支出功能分类哪个类最多", "那最少的呢"],
                                   ["功能分类里哪个类最多", "最少的是哪个呢"]])
def test_the_other_end_keeps_the_level(bots: dict[str, Assistant], turns: list[str]) -> None:
    # 万里 2024: of the 类 lines 科学技术支出 100,000 is the smallest; a 项 line (3,900) is never it
    answer = _ask(bots[W24], turns)
    assert answer.status == "answered" and abs(answer.values[0].value - 100000) < TOL, answer.text


@pytest.mark.parametrize(("turns", "figure"), [
    # 商务委 2025: 财政拨款收入…比2024年增加 24,558.18 / 支出 … (L116-118); a side switched keeps the change
    (["财政拨款收入比去年增加了多少", "那支出呢"], 24491.71),
    (["财政拨款收入比2024年增加多少", "支出呢"], 24491.71),
])
def test_a_change_follow_up_keeps_the_change(bots: dict[str, Assistant], turns: list[str],
                                             figure: float) -> None:
    answer = _ask(bots[SWK], turns)
    assert any(abs(v.value - figure) < TOL for v in answer.values), answer.text
