"""The earlier 万里街道 PDFs (2023, 2024) of the shanghai-9 layout: a 项目经费情况说明 whose
heading names no project (the project is named in its first paragraph), and the 2023 document's
five 财政项目支出绩效目标填报表 (pp. 31–35) stored as the seed's 预算15表 forms.

Figures read by hand from the PDFs (pdftotext -layout):
- 2023 p.30: 由…建设的万里街道社区公共服务中心新建工程，位于…; 第三季度用款计划186.60万元.
- 2024 p.30: the same project; each quarter 158.05万元.
- 2023 pp.31–35 项目名称 / 项目资金总额 (元): 新建万里街道社区公共服务中心 4,100,000.00;
  就业援助基地补贴 6,351,000.00; 社区环境整治和建设经费 4,563,800.00; 各类工作经费 7595500.00;
  公共服务设施运行经费 10,903,043.00 (its 其中：当年财政拨款 printed as 11,419,043.00).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.build import ingest_files
from assistant.ingest.layouts import load_layouts
from assistant.ingest.titled import FoundPart
from assistant.ingest.titled_narrative import paragraphs

ROOT = Path(__file__).resolve().parent.parent
PUTUO = ROOT.parent / "shared" / "sources" / "putuo"
PROJECT = "万里街道社区公共服务中心新建工程"
NAMED_ROOT = PROJECT + "经费情况说明"


def _project_part():
    layout = next(lay for lay in load_layouts() if lay.name == "shanghai-9")
    return next(p for p in layout.parts if p.repeat)


def _roots(heading: str, body: list[str]) -> set[str]:
    lines = [heading, "一、项目概况", *body, "二、年度预算安排", "第一季度用款计划10.00万元。"]
    found = FoundPart(_project_part(), 1, heading, len(lines))
    return {p.section.split(" / ")[0] for p in paragraphs(lines, [found], "某区某局")}


H = "项目经费情况说明"  # a heading naming no project


@pytest.mark.parametrize(
    ("heading", "body", "root"),
    [
        # the heading names no project: the first paragraph does
        (H, ["由某区某局建设的某某社区中心新建工程，位于某路。"], "某某社区中心新建工程" + H[2:]),
        (H, ["由某区某局建设的某某社区中心新建工程 ，位于某路。"], "某某社区中心新建工程" + H[2:]),
        (H, ["由某区某局组织实施的老旧小区综合治理项目，", "覆盖辖区12个小区。"],
         "老旧小区综合治理项目" + H[2:]),
        (H, ["社区养老服务专项是为了提高养老服务水平设立的专项。"], "社区养老服务专项" + H[2:]),
        # no name in the first paragraph: the part keeps its heading
        (H, ["本工程为二类高层建筑，设计使用年限为50年。"], H),
        (H, ["该项目主要用于社区服务。"], H),
        (H, ["为提升辖区环境，开展整治。"], H),
        # a heading naming its project is never renamed
        ("科技创新专项经费情况说明", ["由某区某局建设的某某社区中心新建工程，位于某路。"],
         "科技创新专项经费情况说明"),
    ],
)
def test_unnamed_project_takes_its_name_from_the_text(heading: str, body: list[str], root: str) -> None:
    assert _roots(heading, body) == {root}


needs_pdf = pytest.mark.skipif(not (PUTUO / "putuo-wanli-2023.pdf").exists(), reason="putuo PDFs absent")


@pytest.fixture(scope="module")
def cons(tmp_path_factory: pytest.TempPathFactory):
    out = {}
    for year in (2023, 2024):
        path = tmp_path_factory.mktemp(f"wanli{year}") / "db.duckdb"
        ingest_files([PUTUO / f"putuo-wanli-{year}.pdf"], path)
        out[year] = duckdb.connect(str(path), read_only=True)
    yield out
    for c in out.values():
        c.close()


def _facts(con, subject: str) -> list[tuple]:
    return con.execute(
        "SELECT split_part(section, ' / ', 1), value FROM narrative_facts WHERE subject = ?", [subject]
    ).fetchall()


@needs_pdf
@pytest.mark.parametrize(
    ("year", "subject", "value"),
    [
        (2023, "第三季度用款计划", Decimal("186.60")),
        (2023, "第一季度用款计划", Decimal("25.88")),
        (2024, "第三季度用款计划", Decimal("158.05")),
        (2023, "本工程规划建筑面积", Decimal("13459")),
    ],
)
def test_project_figures_stand_under_the_named_project(cons, year: int, subject: str, value: Decimal) -> None:
    assert _facts(cons[year], subject) == [(NAMED_ROOT, value)]


@needs_pdf
def test_forms_end_the_project_part(cons) -> None:
    texts = [t for (t,) in cons[2023].execute(
        "SELECT text FROM paragraphs WHERE part = '项目经费情况说明'").fetchall()]
    assert texts and not any("绩效目标填报表" in t for t in texts)


@needs_pdf
def test_2023_forms_are_stored_as_project_forms(cons) -> None:
    rows = cons[2023].execute(
        "SELECT table_id, project_name, total_budget, current_budget FROM project_forms ORDER BY line_start"
    ).fetchall()
    assert rows == [
        ("预算15表-1", "新建万里街道社区公共服务中心", Decimal("4100000.00"), Decimal("4100000.00")),
        ("预算15表-2", "就业援助基地补贴", Decimal("6351000.00"), Decimal("6351000.00")),
        ("预算15表-3", "社区环境整治和建设经费", Decimal("4563800.00"), Decimal("4563800.00")),
        ("预算15表-4", "各类工作经费", Decimal("7595500.00"), Decimal("7595500.00")),
        ("预算15表-5", "公共服务设施运行经费", Decimal("10903043.00"), Decimal("10903043.00")),
    ]
    assert cons[2024].execute("SELECT count(*) FROM project_forms").fetchone() == (0,)


@needs_pdf
def test_form_tables_are_listed_in_the_printed_unit(cons) -> None:
    rows = cons[2023].execute(
        "SELECT table_id, unit, has_rows FROM report_tables WHERE seq = 15 ORDER BY table_id").fetchall()
    assert [r[0] for r in rows] == ["预算15表", *(f"预算15表-{k}" for k in range(1, 6))]
    assert {(r[1], r[2]) for r in rows} == {("元", True)}


@needs_pdf
@pytest.mark.parametrize(
    ("table_id", "field", "value"),
    [
        ("预算15表-1", "项目性质", "阶段性项目"),
        ("预算15表-2", "项目执行单位", "上海市普陀区人民政府万里街道办事处"),
        ("预算15表-5", "项目类别", "其他运转类"),
        ("预算15表-3", "计划完成日期", "2023-12-31"),
    ],
)
def test_form_fields(cons, table_id: str, field: str, value: str) -> None:
    got = cons[2023].execute(
        "SELECT value FROM form_fields WHERE table_id = ? AND field = ?", [table_id, field]).fetchall()
    assert got == [(value,)]


@needs_pdf
def test_form_funding_keeps_each_column_and_the_printed_inconsistency(cons) -> None:
    rows = dict(cons[2023].execute(
        "SELECT source, amount FROM form_funding WHERE table_id = '预算15表-5'").fetchall())
    assert rows["其中:当年财政拨款"] == Decimal("11419043.00")  # printed so, though the total is 10,903,043
    assert rows["其中:财政资金"] == Decimal("10903043.00")
    assert {"其他资金（项目资金总额）", "其他资金（年度资金申请总额）", "上年结转资金"} <= set(rows)


@needs_pdf
def test_form_goals(cons) -> None:
    rows = cons[2023].execute(
        "SELECT horizon, text FROM perf_goals WHERE table_id = '预算15表-2' ORDER BY horizon").fetchall()
    assert rows == [("年度", "管理各类下拨费用，实报实销"), ("长期", "管理各类下拨费用，实报实销")]


@needs_pdf
@pytest.mark.parametrize(
    ("table_id", "name", "level1", "raw"),
    [
        ("预算15表-1", "规划建筑面积", "产出指标", "≥13459.00(平方米)"),
        ("预算15表-2", "补贴对象满意度", "满意度指标", "≥80.00(%)"),
        ("预算15表-3", "整治行动、病媒消杀", "产出指标", "≥12.00(次)"),
        # a long value in a grid without a 指标值确定依据 column is the value, not a basis
        ("预算15表-4", "开展特殊对象心理健康教育", "产出指标", "开展至少1次团体心理治疗"),
        ("预算15表-4", "民兵训练及备勤工作", "产出指标", "根据区人武部安排，完成民兵训练任务及备勤任务"),
        ("预算15表-5", "工作人员满意度", "满意度指标", "≥95.00(%)"),
    ],
)
def test_form_indicators(cons, table_id: str, name: str, level1: str, raw: str) -> None:
    got = cons[2023].execute(
        "SELECT i.level1, v.raw, v.year FROM indicators i "
        "JOIN indicator_values v USING (doc_id, indicator_id) WHERE i.table_id = ? AND i.name = ?",
        [table_id, name],
    ).fetchall()
    assert got == [(level1, raw, 2023)]


@needs_pdf
def test_every_indicator_has_one_value(cons) -> None:
    n, valued, basis = cons[2023].execute(
        "SELECT count(*), count(v.raw), count(i.basis) FROM indicators i "
        "LEFT JOIN indicator_values v USING (doc_id, indicator_id)").fetchone()
    assert (n, valued, basis) == (65, 65, 0)


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("财政项目支出绩效目标填报表", True),
        ("  上海市普陀区某某局2024年财政项目支出绩效目标填报表  ", True),
        ("八、财政项目支出绩效目标填报表", False),  # a 目录 entry
        ("财政项目支出绩效目标填报表……………………12", False),
        ("项目名称\t\t财政项目支出绩效目标填报表", False),  # a table cell
        ("本部门按要求编制了各项目的绩效目标，详细情况见附件财政项目支出绩效目标填报表", False),
        ("财政项目支出绩效目标填报表说明", False),
    ],
)
def test_form_titles(line: str, is_title: bool) -> None:
    from assistant.ingest.titled_forms import find_forms

    layout = next(lay for lay in load_layouts() if lay.name == "shanghai-9")
    assert layout.forms is not None
    assert find_forms(layout.forms, ["标题", line], 1) == ([2] if is_title else [])
