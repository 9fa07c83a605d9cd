"""What the app prints: personal numbers masked in kiosk mode, document/user text shown
literally (no HTML, no links), figures in the document's style, CSV cells that no spreadsheet
runs as a formula. Pure functions; the rendered pages are checked in test_app / test_browser."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path

import pytest

from assistant import fmt
from assistant.models import Answer
from assistant.ui import feedback
from assistant.ui.export import csv_bytes
from assistant.ui.text import mask_personal, md, source_text

# --- kiosk masking: every personal number form, landlines and budget codes untouched ----------

MASKED = [
    ("联系电话 17771821284", "联系电话 177****1284"),
    ("18912341435、85626957", "189****1435、85626957"),
    ("电话 189-9580-1435", "电话 189-****-1435"),
    ("电话 189 9580 1435", "电话 189 **** 1435"),
    ("+86 17771821284", "+86 177****1284"),
    ("（+86）177-7182-1284", "（+86）177-****-1284"),
    ("008617771821284", "0086177****1284"),
    ("电话１７７７１８２１２８４", "电话177****1284"),
    ("身份证 420103199001011234", "身份证 4201**********1234"),
    ("身份证号42010319900101123X。", "身份证号4201**********123X。"),
    ("身份证 ４２０１０３１９９００１０１１２３Ｘ", "身份证 4201**********123X"),
]
UNTOUCHED = [
    "咨询电话 85626957", "027-85626957", "（027）85626370", "编码 2060404 和 120000000001",
    "项目代码 42010325501T000000100", "金额 7,965.69 万元", "2026年", "行号 1165",
    "科目 2080505 机关事业单位基本养老保险缴费支出 55.17",
]


@pytest.mark.parametrize(("raw", "shown"), MASKED)
def test_personal_numbers_are_masked(raw: str, shown: str) -> None:
    assert mask_personal(raw) == shown


@pytest.mark.parametrize("raw", UNTOUCHED)
def test_landlines_codes_and_figures_stay(raw: str) -> None:
    assert mask_personal(raw) == raw


def test_feedback_log_is_private_and_masked(tmp_path: Path) -> None:
    path = tmp_path / "fb" / "feedback.jsonl"
    answer = Answer(status="answered", text="负责人电话 189-9580-1435，办公室 85626957")
    for kiosk in (True, False):
        feedback.record(path, rating=1, question="+86 17771821284 是谁", answer=answer, mode="kiosk",
                        kiosk=kiosk)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.dumps(json.loads(line), ensure_ascii=False)
        assert "9580" not in entry and "7182" not in entry
        assert "85626957" in entry


def test_feedback_log_tightens_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    path.write_text("", encoding="utf-8")
    path.chmod(0o644)
    feedback.record(path, rating=0, question="q", answer=Answer(status="answered", text="a"),
                    mode="office", kiosk=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- text from the user or the document is shown literally --------------------------------

@pytest.mark.parametrize("raw", [
    "详见 www.example.com", "见 https://example.com/a?b=1", "http://10.0.0.1/x", "邮件 a.b@example.com",
])
def test_urls_are_not_autolinked(raw: str) -> None:
    """GFM autolinks www./http(s):// and e-mail addresses; escaped, nothing is left to link."""
    out = md(raw)
    assert re.search(r"(?<!\\)[.:/@]", out) is None, out  # every . : / @ escaped
    assert out.replace("\\", "").replace("\u2060", "") == raw, "reads as typed"
    assert "\u2060" in out, "a word joiner inside the link trigger: GFM ignores escapes there"


@pytest.mark.parametrize(("raw", "shown"), [
    ("\t<b>合计</b>\t<b>7,965.69</b>", "\t合计\t7,965.69"),
    ("1. 运转类 <input type=\"checkbox\"/> 2. 特定目标类 <input checked=\"\" type=\"checkbox\"/>",
     "1. 运转类 ☐ 2. 特定目标类 ☑"),
    ("<p>项目概述</p>", "项目概述"),
    ("a < b 且 c > d", "a < b 且 c > d"),
])
def test_document_markup_is_shown_as_text(raw: str, shown: str) -> None:
    assert source_text(raw) == shown


# --- figures in the document's style --------------------------------------------------------

@pytest.mark.parametrize(("raw", "shown"), [
    ("增加 1593.58 万元", "增加 1,593.58 万元"),
    ("合计7965.69万元", "合计7,965.69万元"),
    ("预算 0 万元", "预算 0.00 万元"),
    ("4500 万元和 117.3 万元", "4,500.00 万元和 117.30 万元"),
    ("增长 25.01%，编码 2060404，2026 年", "增长 25.01%，编码 2060404，2026 年"),
    ("单价 1200元/人", "单价 1200元/人"),
    ("所述增减率 99.99 与 2383.05 ÷ 1.41 × 100 = 169010.64 不一致",
     "所述增减率 99.99 与 2,383.05 ÷ 1.41 × 100 = 169,010.64 不一致"),
    ("（7174.22÷7965.69）电话 17771821284", "（7,174.22÷7,965.69）电话 17771821284"),
    ("9" * 400 + " 万元", "9" * 400 + " 万元"),  # not an amount: left as typed, no error
    ("1e5 万元 和 1.5.5 万元", "1e5 万元 和 1.5.5 万元"),
])
def test_money_in_text(raw: str, shown: str) -> None:
    assert fmt.money_in_text(raw) == shown


@pytest.mark.parametrize(("subject", "measure", "value", "label"), [
    ("三公经费预算", "amount", 0, "三公经费预算"),
    ("收支总预算", "change", 1593.58, "收支总预算增加额"),
    ("收支总预算", "rate", 25.01, "收支总预算增长率"),
    ("机关运行经费", "change", -3, "机关运行经费减少额"),
])
def test_measure_labels_are_chinese(subject: str, measure: str, value: float, label: str) -> None:
    assert fmt.measure_label(subject, measure, value) == label
    assert fmt.display_label(f"{subject} {measure}").startswith(subject)
    assert not any(c.isascii() and c.isalpha() for c in fmt.display_label(f"{subject} {measure}"))


# --- CSV ------------------------------------------------------------------------------------

def test_csv_neutralises_formulas_and_prints_money_as_the_document() -> None:
    data = csv_bytes(["名称", "金额（万元）", "出处"],
                     [["=HYPERLINK(\"http://x\")", 4500.0, "预算11表 第389行"], ["+1+1", 117.3, ""],
                      ["-2+3", 0.5, ""], ["@SUM(A1)", 1681.38, ""], ["普通项目", -12.0, ""]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["名称", "金额（万元）", "出处"]
    assert [r[0] for r in rows[1:]] == [
        "'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)", "普通项目"]
    assert [r[1] for r in rows[1:]] == ["4,500.00", "117.30", "0.50", "1,681.38", "-12.00"]


def test_csv_file_name_says_what_it_holds() -> None:
    from assistant.ui.export import file_name

    assert file_name("预算问答", "项目支出有哪些项目？") == "预算问答-项目支出有哪些项目？.csv"
    assert "/" not in file_name("预算问答", "a/b\\c:d")


# --- cards or chart + table -----------------------------------------------------------------

def _answer(values: list[tuple[float, str, str]], cites: list[tuple[str, str, int]]) -> Answer:
    from assistant.models import Citation, Value

    return Answer(status="answered", text="…",
                  values=[Value(value=v, unit=u, label=lbl) for v, u, lbl in values],
                  citations=[Citation(table=t, title=t, row=r, line=n) for t, r, n in cites])


def test_one_or_two_figures_are_cards() -> None:
    from assistant.ui.figures import layout

    lay = layout(_answer([(1593.58, "万元", "收支总预算增加额"), (25.01, "%", "收支总预算增长率")],
                         [("第三部分", "收支总预算", 1050)]))
    assert len(lay.cards) == 2 and not lay.has_table


def test_a_year_series_is_a_line_in_year_order() -> None:
    from assistant.ui.figures import layout

    years = [(4500, "万元", "X 2026年预算"), (4692, "万元", "X 2024年预算"), (4700, "万元", "X 2025年预算")]
    lay = layout(_answer(years, [("预算15表-2", "X 2024年", 681), ("预算15表-2", "X 当年", 682)]))
    assert lay.line and [r[0] for r in lay.rows] == ["2024年", "2025年", "2026年"]
    assert lay.rows[0][2] == "预算15表-2 第681行"
    assert all(r[2] for r in lay.rows), "every row says where it is printed"


def test_parts_are_sorted_with_the_stated_total_last_and_headline_share_as_card() -> None:
    from assistant.ui.figures import layout

    lay = layout(_answer([(90.06, "%", "项目支出占总预算的比例"), (7174.22, "万元", "项目支出"),
                          (7965.69, "万元", "总预算"), (10, "万元", "小项"), (8000, "万元", "明细合计")],
                         [("预算03表", "合计·项目支出", 196), ("预算03表", "合计·合计", 196)]))
    assert [c.label for c in lay.cards] == ["项目支出占总预算的比例"]
    assert [r[0] for r in lay.rows] == ["总预算", "项目支出", "小项"]
    assert lay.total is not None and lay.total[:2] == ["明细合计", 8000]


def test_every_reading_and_operation_has_a_chinese_name() -> None:
    """The training view names each reading (handler) and each composed operation in Chinese."""
    import tomllib
    import typing

    from assistant.pipeline.intents import HANDLERS
    from assistant.query.model import Op
    from assistant.ui.trace import TERMS

    terms = tomllib.loads(TERMS.read_text(encoding="utf-8"))
    assert [h.name for h in HANDLERS if h.name not in terms["intents"]] == []
    assert [op for op in typing.get_args(Op) if op not in terms["values"]] == []


@pytest.mark.parametrize(("values", "cards"), [
    # a change: the difference and its rate are the headline, the two years' figures the table
    ([(1593.58, "万元", "增加多少"), (25.01, "%", "增长幅度"), (7965.69, "万元", "2026年收支总预算"),
      (6372.11, "万元", "2025年收支总预算")], ["增加多少", "增长幅度"]),
    # a sum of three: the total is the card even though the parts share its unit
    ([(101.17, "万元", "三项合计"), (61.09, "万元", "住房公积金"), (11.0, "万元", "提租补贴"),
      (29.08, "万元", "购房补贴")], ["三项合计"]),
])
def test_a_computed_result_is_the_headline_card(values: list[tuple[float, str, str]],
                                                cards: list[str]) -> None:
    from assistant.ui.figures import layout

    answer = _answer(values, [("预算05表", "x", 1)]).model_copy(update={"lead": len(cards)})
    lay = layout(answer)
    assert [c.label for c in lay.cards] == cards
    assert len(lay.rows) == len(values) - len(cards)
