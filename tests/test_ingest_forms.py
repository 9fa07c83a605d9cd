"""预算14表 and 预算15表 extraction, called directly on the seed text (no database needed).

Expected figures and line numbers were read by hand from data/sources/jianghan-jxkc-2026-budget.txt.
Variant tests edit copies of the seed lines (rename, re-price, drop a block, shift cells) and
check the extraction follows the text rather than anything remembered about this department.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ingest import forms14, forms15, formspans
from assistant.ingest.formcells import (
    parse_indicator_value,
    parse_money,
    split_numbered,
    ticked_option,
)
from assistant.ingest.forms15 import budget_history

YEAR = 2026
FORM_STARTS = [592, 664, 764, 821, 884, 971]


def run14(lines: list[str]) -> dict[str, list[dict]]:
    span, _ = formspans.find_spans(lines)
    assert span is not None
    return forms14.extract(lines, span[0], span[1], YEAR)


def run15(lines: list[str], n: int, first_id: int = 1) -> dict[str, list[dict]]:
    _, spans = formspans.find_spans(lines)
    start, end = spans[n - 1]
    return forms15.extract(lines, start, end, f"预算15表-{n}", YEAR, first_id)


@pytest.fixture(scope="module")
def f14(seed_lines: list[str]) -> dict[str, list[dict]]:
    return run14(seed_lines)


@pytest.fixture(scope="module")
def f15(seed_lines: list[str]) -> dict[int, dict[str, list[dict]]]:
    return {n: run15(seed_lines, n) for n in range(1, 7)}


def one(rows: list[dict], **where: object) -> dict:
    hits = [r for r in rows if all(r.get(k) == v for k, v in where.items())]
    assert len(hits) == 1, (where, hits)
    return hits[0]


def values_of(out: dict[str, list[dict]], indicator: dict) -> dict[str, dict]:
    return {v["year_label"]: v for v in out["indicator_values"]
            if v["indicator_id"] == indicator["indicator_id"]}


def edit(lines: list[str], line_no: int, old: str, new: str) -> list[str]:
    copy = list(lines)
    assert old in copy[line_no - 1], (line_no, copy[line_no - 1])
    copy[line_no - 1] = copy[line_no - 1].replace(old, new)
    return copy


# --- spans -----------------------------------------------------------------------------

def test_find_spans(seed_lines: list[str]) -> None:
    span14, spans = formspans.find_spans(seed_lines)
    assert span14 == (414, 590)
    assert [s for s, _ in spans] == FORM_STARTS
    assert spans[-1] == (971, 1042)  # ends before '## 第三部分'
    assert [formspans.form_label(seed_lines, s) for s, _ in spans] == [1, 2, 3, 4, 5, None]


def test_find_spans_without_labels(seed_lines: list[str]) -> None:
    lines = [("" if ln.strip().startswith("预算 15 表") else ln) for ln in seed_lines]
    _, spans = formspans.find_spans(lines)
    assert [s for s, _ in spans] == [594, 666, 766, 823, 886, 971]  # the titles themselves


# --- 预算14表 ----------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "count"), [
    ("perf_funds", 24), ("perf_header", 6), ("perf_tasks", 6), ("perf_projects", 6),
    ("perf_goals", 12), ("indicators", 102), ("indicator_values", 202),
])
def test_form14_counts(f14: dict, table: str, count: int) -> None:
    assert len(f14[table]) == count
    assert all(r.get("table_id", "预算14表") == "预算14表" for r in f14[table])


@pytest.mark.parametrize(("section", "item", "year", "amount", "share", "line"), [
    ("支出构成", "特定目标类项目支出", 2025, "5706.76", None, 430),
    ("支出构成", "特定目标类项目支出", 2026, "7174.22", "90", 430),
    ("收入构成", "合计", 2025, "6372.1", None, 427),   # printed 6372.1 …
    ("支出构成", "合计", 2025, "6372.11", None, 431),  # … and 6372.11: both kept
    ("收入构成", "财政拨款", 2026, "7965.69", "100", 424),
    ("收入构成", "财政拨款", 2024, "5511.89", None, 424),
    ("收入构成", "单位资金", 2026, "0", None, 426),
    ("收入构成", "财政专户管理资金", 2026, None, None, 425),  # blank, not zero
    ("支出构成", "运转类项目支出", 2026, None, None, 429),
    ("支出构成", "运转类项目支出", 2024, "61.03", None, 429),
])
def test_form14_funds(f14: dict, section: str, item: str, year: int, amount: str | None,
                      share: str | None, line: int) -> None:
    row = one(f14["perf_funds"], section=section, item=item, year=year)
    assert row["amount"] == (Decimal(amount) if amount else None)
    assert row["share"] == (Decimal(share) if share else None)
    assert row["line_no"] == line


def test_form14_fund_years_come_from_header(seed_lines: list[str]) -> None:
    lines = edit(seed_lines, 423, "2024 年\t2025 年", "2022 年\t2023 年")
    out = run14(lines)
    assert {r["year"] for r in out["perf_funds"]} == {2022, 2023, 2026}
    assert one(out["perf_funds"], section="支出构成", item="合计", year=2023)["amount"] == Decimal("6372.11")


@pytest.mark.parametrize(("field", "value", "line"), [
    ("部门（单位）名称", "武汉市江汉区经济信息化和科技创新局", 420),
    ("填报人", "柯远琦", 421),
    ("联系电话", "18995801435", 421),
    ("填报日期", "2025年12月22日", 416),
    ("长期目标期限", "截止2035年", 445),  # the heading '长期目标（截止 2035 年）' of 整体绩效总目标
])
def test_form14_header(f14: dict, field: str, value: str, line: int) -> None:
    row = one(f14["perf_header"], field=field)
    assert (row["value"], row["line_no"]) == (value, line)


def test_form14_overview_page_break_not_repeated(f14: dict) -> None:
    text = one(f14["perf_header"], field="部门职能概述")["value"]
    assert text.count("(十三)") == 1 and "(十八) 职能转变" in text and "<p>" not in text


def test_form14_tasks(f14: dict) -> None:
    tasks = f14["perf_tasks"]
    assert [t["seq"] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert (tasks[0]["text"], tasks[0]["line_no"]) == ("推动科技服务业发展", 435)
    assert (tasks[5]["text"], tasks[5]["line_no"]) == ("培育中小企业发展", 437)


def test_form14_projects(f14: dict) -> None:
    row = one(f14["perf_projects"], name="聘用人员经费支出")
    assert (row["total_budget"], row["year_budget"], row["line_no"]) == (Decimal("75.15"), Decimal("73"), 442)
    assert row["category"] == "特定目标类本级支出"


@pytest.mark.parametrize(("horizon", "goal_no", "start", "line"), [
    ("长期", 1, "开展科学管理相关事务工作", 451),
    ("长期", 3, "通过开展工业企业安全生产检查", 475),
    ("年度", 1, "开展结对共建", 515),
    ("年度", 6, "购买江汉区政务体系统一网络安全运营服务", 577),
])
def test_form14_goals(f14: dict, horizon: str, goal_no: int, start: str, line: int) -> None:
    row = one(f14["perf_goals"], horizon=horizon, goal_no=goal_no)
    assert row["text"].startswith(start) and row["line_no"] == line


@pytest.mark.parametrize(("horizon", "goal_no", "name", "line", "level1", "level2", "expected"), [
    ("长期", 3, "全区工业企业服务对象满意度", 482, "满意度指标", "服务对象满意度指标", {"当年": "≥95%"}),
    ("长期", 1, "科技项目评审及咨询工作次数", 454, "产出指标", "数量指标", {"当年": "≥6 次"}),
    ("年度", 5, "安全评估报告与整改建议次数", 569, "产出指标", "数量指标",
     {"前年": "≥4次", "上年": "≥4次", "当年": "≥4次"}),
    # 前年 blank: values keep their columns
    ("年度", 4, "预算资金控制率", 557, "成本指标", "经济成本指标", {"上年": "≤100%", "当年": "≤100%"}),
    # level words carried down / inferred when the row starts with 二级指标 only
    ("年度", 2, "推动江汉数谷创新创业特色街区提质拓面发展", 539, "效益指标", "生态效益指标",
     {"前年": "有效", "上年": "有效", "当年": "有效"}),
    ("年度", 2, "科技交流与合作活动次数", 540, "效益指标", "生态效益指标",
     {"前年": "10 次", "上年": "10 次", "当年": "10 次"}),
    # 年度目标6 table lacks its leading columns
    ("年度", 6, "全区网络安全意识提升效果", 588, "效益指标", "社会效益指标",
     {"前年": "有效促进", "上年": "有效促进", "当年": "效果显著"}),
])
def test_form14_indicators(f14: dict, horizon: str, goal_no: int, name: str, line: int, level1: str,
                           level2: str, expected: dict[str, str]) -> None:
    ind = one(f14["indicators"], horizon=horizon, goal_no=goal_no, name=name)
    assert (ind["line_no"], ind["level1"], ind["level2"]) == (line, level1, level2)
    vals = values_of(f14, ind)
    assert {k: v["raw"] for k, v in vals.items()} == expected
    years = {"前年": YEAR - 2, "上年": YEAR - 1, "当年": YEAR}
    assert all(v["year"] == years[k] for k, v in vals.items())


def test_form14_value_parsing(f14: dict) -> None:
    ind = one(f14["indicators"], horizon="长期", goal_no=3, name="全区工业企业服务对象满意度")
    v = values_of(f14, ind)["当年"]
    assert (v["op"], v["num"], v["num_unit"]) == ("≥", Decimal("95"), "%")
    ind = one(f14["indicators"], horizon="年度", goal_no=5, name="网络安全等级")
    assert values_of(f14, ind)["当年"]["num"] is None


def test_form14_indicator_goal_numbers(f14: dict) -> None:
    per_goal = {}
    for ind in f14["indicators"]:
        per_goal.setdefault((ind["horizon"], ind["goal_no"]), 0)
        per_goal[(ind["horizon"], ind["goal_no"])] += 1
    assert per_goal == {("长期", 1): 7, ("长期", 2): 11, ("长期", 3): 6, ("长期", 4): 6,
                        ("长期", 5): 9, ("长期", 6): 9, ("年度", 1): 8, ("年度", 2): 12,
                        ("年度", 3): 7, ("年度", 4): 7, ("年度", 5): 10, ("年度", 6): 10}


# --- 预算15表 ----------------------------------------------------------------------------

FORM_COUNTS = {  # n: (fields, history, funding, details, assets, goals, indicators, values)
    1: (14, 3, 5, 6, 0, 2, 15, 31),
    2: (15, 3, 5, 24, 0, 2, 24, 48),
    3: (15, 3, 5, 1, 0, 2, 14, 28),
    4: (15, 2, 5, 1, 0, 2, 14, 14),
    5: (14, 2, 5, 10, 0, 2, 19, 39),
    6: (14, 1, 5, 2, 1, 2, 19, 39),
}
TABLES15 = ("form_fields", "form_budget_history", "form_funding", "form_details", "form_assets",
            "perf_goals", "indicators", "indicator_values")


@pytest.mark.parametrize("n", sorted(FORM_COUNTS))
def test_form15_counts(f15: dict, n: int) -> None:
    out = f15[n]
    assert tuple(len(out[t]) for t in TABLES15) == FORM_COUNTS[n]
    assert len(out["project_forms"]) == 1
    start, end = out["project_forms"][0]["line_start"], out["project_forms"][0]["line_end"]
    for table in TABLES15:
        for row in out[table]:
            assert row.get("table_id", f"预算15表-{n}") == f"预算15表-{n}"
            assert start <= row["line_no"] <= end


@pytest.mark.parametrize(("n", "name", "code", "leader", "phone", "category", "current", "title_year"), [
    (1, "科学管理事务支出", None, "周丽琴", "85626957", "特定目标类本级支出", "117.3", 2026),
    (2, "科技研究与开发资金", "42010324501T000000104", "孟晗、李卉", "85626370", "特定目标类本级支出",
     "4500", 2026),
    (3, "安全生产工作经费", "42010324501T000000101", "高阳", "85623941", "特定目标类本级支出",
     "11.79", 2025),  # the title misprints 2025
    (4, "聘用人员工作经费", "42010325501T000000100", "周丽琴", "85626957", "特定目标类本级支出",
     "75.15", 2026),
    (5, "大数据中心运行维护费", None, "王传福", "17771821284", "特定目标类转移性支出项目", "788.6", 2026),
    (6, "江汉区政务体系统一网络安全运营服务项目", None, "王传福", "17771821284",
     "特定目标类转移性支出项目", "1681.38", 2026),
])
def test_form15_header(f15: dict, n: int, name: str, code: str | None, leader: str, phone: str,
                       category: str, current: str, title_year: int) -> None:
    form = f15[n]["project_forms"][0]
    assert (form["project_name"], form["project_code"], form["leader"], form["phone"]) == (
        name, code, leader, phone)
    assert (form["category"], form["frequency"]) == (category, "常年项目")
    assert form["current_budget"] == Decimal(current)
    assert form["total_budget"] is None  # （延续性项目填写） is an instruction, not an amount
    assert form["title_year"] == title_year


def test_form15_fields_text(f15: dict) -> None:
    fields = {r["field"]: r for r in f15[1]["form_fields"]}
    assert "项目代码" not in fields  # printed blank
    basis = fields["立项依据"]
    assert basis["line_no"] == 606 and "<p>" not in basis["value"]
    assert "\n2. 项目与部门职能的相关性" in basis["value"]  # paragraphs kept
    assert fields["上年绩效评价结果"]["value"].startswith("1. 上年评分情况以及评价结论")
    # a value printed on the line below its label
    assert one(f15[5]["form_fields"], field="项目当年预算")["line_no"] == 903


@pytest.mark.parametrize(("n", "history"), [
    (1, {2024: "198.67", 2025: "37.63", 2026: "117.3"}),
    (2, {2024: "4692", 2025: "4700", 2026: "4500"}),
    (3, {2024: "13.8", 2025: "10.4", 2026: "11.79"}),
    (4, {2025: "73", 2026: "75.15"}),
    (5, {2025: "644.49", 2026: "788.6"}),
    (6, {2025: "1767.01"}),
])
def test_form15_budget_history(f15: dict, n: int, history: dict[int, str]) -> None:
    rows = f15[n]["form_budget_history"]
    assert {r["year"]: r["amount"] for r in rows} == {y: Decimal(a) for y, a in history.items()}
    assert all(str(r["year"]) in r["text"] for r in rows)


@pytest.mark.parametrize(("n", "content", "amount", "line", "line_end"), [
    (2, "科技企业进规奖励", "100", 694, 694),
    (2, "国家、省、市级科技企业孵化器建设奖励", "260", 708, 708),
    (2, "科技企业孵化器认定奖励", "20", 714, 714),
    (2, "科技创新平台建设奖励", "80", 700, 702),          # basis continues two lines down
    (2, "首次纳入规模以上工业企业奖励", "100", 710, 712),  # 项目内容 split over two lines
    (5, "机关大楼网络及设备运行维护相关费用", "58.96", 913, 913),
    (5, "江汉区政府门户网站运维服务", "23.06", 921, 921),
    (5, "政府大楼一号楼设备维修费", "2", 915, 917),
    (1, "科技创新和产业创新融合发展大会（新春第一会）等高水平会议", "30", 619, 619),
])
def test_form15_details(f15: dict, n: int, content: str, amount: str, line: int, line_end: int) -> None:
    row = one(f15[n]["form_details"], content=content)
    assert (row["amount"], row["line_no"], row["line_end"]) == (Decimal(amount), line, line_end)


def test_form15_detail_continuations_joined(f15: dict) -> None:
    d = one(f15[2]["form_details"], content="科技创新平台建设奖励")
    assert "单个企事业单位累计获奖励次数最高 5 次" in d["basis"]
    d = one(f15[2]["form_details"], content="首次纳入规模以上工业企业奖励")
    assert "预计新增 5家规上工业企业" in d["basis"]


@pytest.mark.parametrize("n", range(1, 7))
def test_form15_details_add_up_to_current_budget(f15: dict, n: int) -> None:
    total = sum(d["amount"] or 0 for d in f15[n]["form_details"])
    assert total == f15[n]["project_forms"][0]["current_budget"]
    funding = one(f15[n]["form_funding"], source="当年预算合计")
    assert funding["amount"] == f15[n]["project_forms"][0]["current_budget"]


def test_form15_funding_and_assets(f15: dict) -> None:
    row = one(f15[2]["form_funding"], source="1. 财政拨款收入（区级安排数）")
    assert (row["amount"], row["line_no"]) == (Decimal("4500"), 685)
    assert one(f15[2]["form_funding"], source="2. 财政拨款收入（上级转移支付）")["amount"] is None
    asset = f15[6]["form_assets"][0]
    assert (asset["name"], asset["quantity"], asset["amount"], asset["line_no"]) == (
        "江汉区政务体系统一网络安全运营服务项目", Decimal("1"), "1666.88 万", 1000)


@pytest.mark.parametrize(("n", "horizon", "name", "line", "weight", "expected"), [
    (1, "长期", "科技项目评审及咨询工作次数", 639, None, {"当年": "≥6次"}),  # name split over 639/641
    (1, "年度", "预算控制率", 653, "20", {"前年": "≤100%", "上年": "≤100%", "当年": "≤100%"}),
    (1, "年度", "单位职工满意度", 661, "20", {"前年": "≧95%", "上年": "≧95%", "当年": "≧95%"}),
    (2, "长期", "奖励企业数量", 734, None, {"当年": "≥150 家"}),  # LaTeX $\geq 150$ 家
    (2, "年度", "推动江汉数谷创新创业特色街区提质拓面发展", 758, "5",
     {"前年": "有效", "上年": "有效", "当年": "有效"}),
    (2, "年度", "瞪羚企业数量", 757, "5", {"前年": "≥40 家", "上年": "≥40 家", "当年": "≥7 家"}),
    (3, "长期", "安全检查发现问题的整改率", 802, None, {"当年": "100%"}),  # value in the basis column
    (4, "年度", "预算资金控制率", 875, "10", {"当年": "≤100%"}),
    (5, "长期", "安全评估报告与整改建议次数", 945, None, {"当年": "≥4次"}),
    (5, "年度", "基层站所满意度", 969, "20", {"前年": "≥ 95%", "上年": "≥ 95%", "当年": "≥ 95%"}),
    (6, "年度", "局机关自身安全事故", 1040, "10", {"前年": "0次", "上年": "0次", "当年": "0次"}),
])
def test_form15_indicators(f15: dict, n: int, horizon: str, name: str, line: int, weight: str | None,
                           expected: dict[str, str]) -> None:
    out = f15[n]
    ind = one(out["indicators"], horizon=horizon, name=name)
    assert ind["line_no"] == line
    assert ind["weight"] == (Decimal(weight) if weight else None)
    assert {k: v["raw"] for k, v in values_of(out, ind).items()} == expected


def test_form15_value_normalisation(f15: dict) -> None:
    ind = one(f15[2]["indicators"], horizon="长期", name="奖励企业数量")
    v = values_of(f15[2], ind)["当年"]
    assert (v["op"], v["num"], v["num_unit"]) == ("≥", Decimal("150"), "家")
    ind = one(f15[1]["indicators"], horizon="年度", name="单位职工满意度")
    assert values_of(f15[1], ind)["当年"]["op"] == "≥"  # printed ≧


def test_form15_levels_and_basis(f15: dict) -> None:
    ind = one(f15[5]["indicators"], horizon="年度", name="基层站所满意度")
    assert (ind["level1"], ind["level2"]) == ("满意度指标", "服务对象满意度指标")
    ind = one(f15[5]["indicators"], horizon="长期", name="安全评估报告与整改建议次数")
    assert ind["basis"].endswith("定期提供网站安全评估报告与整改建议。")  # 议。 on line 947
    ind = one(f15[2]["indicators"], horizon="年度", name="科技交流与合作活动次数")
    assert ind["basis"] == "计划数据"  # printed '计划数 据'


@pytest.mark.parametrize("n", range(1, 7))
def test_form15_weights_sum(f15: dict, n: int) -> None:
    weights = [i["weight"] for i in f15[n]["indicators"] if i["horizon"] == "年度"]
    assert all(w is not None for w in weights)
    assert sum(weights) == 80  # every form prints 80: the document's own weights


def test_form15_indicator_ids(seed_lines: list[str]) -> None:
    out = run15(seed_lines, 3, first_id=500)
    ids = [i["indicator_id"] for i in out["indicators"]]
    assert ids == list(range(500, 500 + len(ids)))
    assert {v["indicator_id"] for v in out["indicator_values"]} <= set(ids)


def test_form15_goals(f15: dict) -> None:
    assert [(g["horizon"], g["goal_no"], g["line_no"]) for g in f15[4]["perf_goals"]] == [
        ("长期", 1, 857), ("年度", 1, 858)]


# --- variants: extraction follows the text --------------------------------------------

def test_variant_renamed_project_and_changed_amount(seed_lines: list[str]) -> None:
    lines = edit(seed_lines, 672, "科技研究与开发资金", "示例项目乙")
    lines = edit(lines, 694, "\t100\t", "\t130\t")
    lines = edit(lines, 684, "4500", "4530")
    out = run15(lines, 2)
    assert out["project_forms"][0]["project_name"] == "示例项目乙"
    assert one(out["form_details"], content="科技企业进规奖励")["amount"] == Decimal("130")
    assert one(out["form_funding"], source="当年预算合计")["amount"] == Decimal("4530")


def test_variant_without_asset_section(seed_lines: list[str]) -> None:
    lines = [ln for i, ln in enumerate(seed_lines, 1) if not 998 <= i <= 1000]
    out = run15(lines, 6)
    assert out["form_assets"] == []
    assert len(out["form_details"]) == 2 and len(out["perf_goals"]) == 2
    assert len(out["indicators"]) == 19


def test_variant_without_project_code(seed_lines: list[str]) -> None:
    lines = edit(seed_lines, 829, "42010325501T000000100", "")
    out = run15(lines, 4)
    assert out["project_forms"][0]["project_code"] is None
    assert "项目代码" not in {f["field"] for f in out["form_fields"]}
    assert out["project_forms"][0]["project_name"] == "聘用人员工作经费"


def test_variant_other_department(seed_lines: list[str]) -> None:
    lines = [ln.replace("武汉市江汉区经济信息化和科技创新局", "某市某区示例局") for ln in seed_lines]
    lines = edit(lines, 421, "柯远琦", "张三")
    out = run14(lines)
    assert one(out["perf_header"], field="部门（单位）名称")["value"] == "某市某区示例局"
    assert one(out["perf_header"], field="填报人")["value"] == "张三"


@pytest.mark.parametrize("line_no", [482, 569, 653, 757, 875])
def test_variant_shifted_indicator_row(seed_lines: list[str], f14: dict, f15: dict, line_no: int) -> None:
    """An extra leading empty cell (a column shift) must not change what is read."""
    lines = list(seed_lines)
    lines[line_no - 1] = "\t" + lines[line_no - 1]
    n = sum(1 for s in FORM_STARTS if s <= line_no)  # 0: the line is in 预算14表
    before_out = f15[n] if n else f14
    after_out = run15(lines, n) if n else run14(lines)
    before = one(before_out["indicators"], line_no=line_no)
    after = one(after_out["indicators"], line_no=line_no)
    for key in ("name", "level1", "level2", "weight", "basis"):
        assert before[key] == after[key]
    assert values_of(before_out, before).keys() == values_of(after_out, after).keys()


def test_variant_checkbox_moves(seed_lines: list[str]) -> None:
    lines = edit(seed_lines, 604, '2. 特定目标类本级支出 <input checked="" type="checkbox"/>',
                 '2. 特定目标类本级支出 <input type="checkbox"/>')
    lines = edit(lines, 604, '1. 运转类 <input type="checkbox"/>',
                 '1. 运转类 <input checked="" type="checkbox"/>')
    assert run15(lines, 1)["project_forms"][0]["category"] == "运转类"


# --- cell helpers ----------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "op", "num", "unit"), [
    ("≥95%", "≥", "95", "%"), ("≥150 户", "≥", "150", "户"), ("0 万元", "=", "0", "万元"),
    ("≤30分钟", "≤", "30", "分钟"), ("≤ 30 分钟", "≤", "30", "分钟"), ("$\\geq 150$ 家", "≥", "150", "家"),
    ("$\\leq 100\\%$", "≤", "100", "%"), ("≧95%", "≥", "95", "%"), ("≥4次/4份", "≥", "4", "次"),
    ("25 人次", "=", "25", "人次"), ("不少于 10 家", "≥", "10", "家"), ("＞90％", ">", "90", "%"),
    ("等保三级", None, None, None), ("效果显著", None, None, None), ("是", None, None, None),
])
def test_parse_indicator_value(raw: str, op: str | None, num: str | None, unit: str | None) -> None:
    assert parse_indicator_value(raw) == (op, Decimal(num) if num else None, unit)


@given(op=st.sampled_from(["≥", "≤", "≧", "≦", ">", "<"]),
       num=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
       unit=st.sampled_from(["%", "次", "家", "亿元", "分钟", "人次", ""]),
       space=st.sampled_from(["", " "]))
def test_parse_indicator_value_property(op: str, num: Decimal, unit: str, space: str) -> None:
    parsed = parse_indicator_value(f"{op}{space}{num}{space}{unit}")
    assert parsed.num == num
    assert parsed.op == {"≧": "≥", "≦": "≤"}.get(op, op)
    assert parsed.unit == (unit or None)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_parse_money_property(value: Decimal) -> None:
    assert parse_money(f"{value:,}") == value
    assert parse_money(f"{value} 万元") == value


@pytest.mark.parametrize("text", ["", "  ", "（延续性项目填写）", "-", "计划数据"])
def test_parse_money_blank(text: str) -> None:
    assert parse_money(text) is None


def test_ticked_option_and_numbering() -> None:
    assert ticked_option('1. 一次性项目 <input type="checkbox"/> 2. 常年项目 <input checked="" '
                         'type="checkbox"/>') == "常年项目"
    assert ticked_option("1. 甲 ☐ 2. 乙 ☑") == "乙"
    assert ticked_option('1. 甲 <input type="checkbox"/>') is None
    assert split_numbered("1. 甲 13.8 万； 2. 乙 0.02%") == [(1, "甲 13.8 万；"), (2, "乙 0.02%")]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年预算5.2万元；2025年预算为6万元，增加0.8万元。2026 年预算 7 万元",
     {2024: "5.2", 2025: "6", 2026: "7"}),
    ("1. 2025 年 1-8 月执行情况：按计划执行。\n2. 2026 年预算为 75.15。", {2026: "75.15"}),
    ("1. 2024 年年初预算安排及年中调整情况；", {}),
])
def test_budget_history_text(text: str, expected: dict[int, str]) -> None:
    assert {y: a for y, a, _ in budget_history(text)} == {y: Decimal(a) for y, a in expected.items()}


def test_variant_goals_without_heading(seed_lines: list[str]) -> None:
    lines = edit(seed_lines, 854, "项目绩效总目标", "")
    out = run15(lines, 4)
    assert [(g["horizon"], g["line_no"]) for g in out["perf_goals"]] == [("长期", 857), ("年度", 858)]
    assert out["form_assets"] == []


def test_variant_field_text_wraps_to_next_line(seed_lines: list[str]) -> None:
    lines = list(seed_lines)
    assert lines[898].startswith("项目实施方案")
    lines.insert(899, "\t<p>3. 按季度开展绩效自评。</p>\t\t")  # the text continues on a new line
    out = run15(lines, 5)
    field = one(out["form_fields"], field="项目实施方案")
    assert field["line_no"] == 899 and field["value"].endswith("需求。\n3. 按季度开展绩效自评。")
    assert one(out["form_fields"], field="上年绩效评价结果")["line_no"] == 901


@pytest.mark.parametrize("n", [0, 1, 2, 4, 5])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_column_shifts(seed_lines: list[str], f14: dict, f15: dict, n: int,
                                data: st.DataObject) -> None:
    """Leading empty cells added to any rows of the indicator tables change nothing read
    (n = 0 is 预算14表)."""
    before = f15[n] if n else f14
    start = before["indicators"][0]["line_no"] - 1
    end = f15[n]["project_forms"][0]["line_end"] if n else FORM_STARTS[0] - 1
    rows = data.draw(st.sets(st.integers(start, end), max_size=12))
    lines = [("\t" + ln if i in rows and ln.strip() else ln) for i, ln in enumerate(seed_lines, 1)]
    out = run15(lines, n) if n else run14(lines)
    key = ("name", "level1", "level2", "weight", "basis", "line_no", "horizon", "goal_no")
    assert [tuple(i[k] for k in key) for i in out["indicators"]] == [
        tuple(i[k] for k in key) for i in before["indicators"]]
    assert [(v["year_label"], v["raw"]) for v in out["indicator_values"]] == [
        (v["year_label"], v["raw"]) for v in before["indicator_values"]]
