"""Wrong-figure paths found by questions written afresh from the documents, each closed by a
mechanism and asked here in the testers' words and in rewordings of our own:

- 倒数第N / 倒数N个 / 第N少 count from the small end, in a question and in a follow-up
  (预算11表: 安全生产工作经费 11.79 < 聘用人员经费 75.15 < 科学事务管理支出 117.30 < … 1,681.38 < 4,500);
- a 预算14表 funds line named in another order or in a follow-up keeps its year, and a line
  named in part never answers with the 合计 (L429: 运转类项目支出 2026 blank, 2024 61.03, 2025 56.8);
- 那支出呢 after an income question asks the spending side (putuo-swk-2025: 财政拨款收入 +24,558.18,
  财政拨款支出 +24,491.71 万元 on the year before);
- counting the lines at a figure never splits a line into the pieces of its own 测算依据
  (科技研究与开发资金: five lines of exactly 100 万元, L694/696/703/707/710).
Good cases must state the figure; the bad ones may refuse but never state the wrong figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

PUTUO = Path(__file__).resolve().parent.parent.parent / "shared" / "sources" / "putuo"


def _has(answer: Any, figure: float) -> bool:
    return any(abs(v - figure) <= TOL for v in _stated(answer))


# --- ranking from the small end -------------------------------------------------------------

RANK_GOOD: list[tuple[list[str], list[float], float]] = [
    # (turns, figures the last answer states, a figure it must never state)
    (["项目支出里哪个最少？", "倒数第二呢？"], [75.15], 1681.38),  # f4j-47
    (["项目支出里哪个最少", "那倒数第二个是哪个"], [75.15], 1681.38),
    (["项目支出最多的是哪个", "倒数第二呢"], [75.15], 1681.38),
    (["项目支出里倒数第二的是哪个"], [75.15], 1681.38),
    (["项目支出中倒数第2的项目是哪个？"], [75.15], 1681.38),
    (["项目支出里倒数第二个是什么项目"], [75.15], 1681.38),
    (["项目支出里哪个最少？", "第二少的呢"], [75.15], 1681.38),
    (["项目支出第二少的是哪个"], [75.15], 1681.38),
    # 第二少的呢 after two ranked figures is the next rank, not their difference (75.15 - 11.79)
    (["项目支出里哪个最少？", "倒数第二呢？", "第二少的呢"], [75.15], 63.36),
    (["项目支出里哪个最少？", "倒数第三个呢"], [117.30], 788.60),
    (["项目支出倒数三个是哪些"], [11.79, 75.15, 117.30], 4500.0),
    (["项目支出后三名是哪些"], [11.79, 75.15, 117.30], 4500.0),
    (["项目支出里倒数前2的项目"], [11.79, 75.15], 4500.0),
    (["项目支出里最后两个是哪些"], [11.79, 75.15], 4500.0),
    # the other direction still holds
    (["项目支出里第二大的是哪个"], [1681.38], 75.15),
    (["项目支出里哪个最多", "第三多的呢"], [788.60], 117.30),
]


@pytest.mark.parametrize(("turns", "figures", "never"), RANK_GOOD)
def test_rank_from_the_small_end(bot: Any, turns: list[str], figures: list[float], never: float) -> None:
    answer = _last(bot, turns)
    assert answer.status == "answered", answer.text
    for figure in figures:
        assert _has(answer, figure), answer.text
    assert not _has(answer, never), answer.text


# --- 预算14表 部门总体资金情况: the line asked, the year asked ----------------------------------

FUNDS_GOOD: list[tuple[list[str], float]] = [
    (["人员类项目支出2025年多少？", "运转类呢？"], 56.8),  # f4j-52
    (["2025年人员类项目支出是多少", "那运转类的呢"], 56.8),
    (["人员类项目支出2025年多少？", "运转类的是多少呢"], 56.8),
    (["项目支出运转类2025年是多少"], 56.8),
    (["2025年运转类的项目支出"], 56.8),
    (["人员类项目支出2025年多少？", "特定目标类呢"], 5706.76),
    (["人员类项目支出2024年多少？", "运转类呢"], 61.03),
]


@pytest.mark.parametrize(("turns", "figure"), FUNDS_GOOD)
def test_funds_line_keeps_its_year(bot: Any, turns: list[str], figure: float) -> None:
    answer = _last(bot, turns)
    assert _has(answer, figure), answer.text
    assert not any(_has(answer, total) for total in (7965.69, 6372.11, 6372.1)), answer.text


FUNDS_BLANK: list[list[str]] = [
    # the 2026 cell of 运转类项目支出 is blank: no figure, least of all a 合计 or another line's
    ["运转类项目支出是多少"],
    ["人员类项目支出多少？", "运转类呢"],
    ["项目支出运转类是多少"],
    ["部门整体绩效表的运转类项目支出当年金额"],
]


@pytest.mark.parametrize("turns", FUNDS_BLANK)
def test_a_blank_funds_cell_states_no_other_figure(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not _stated(answer) or not any(_has(answer, f) for f in (7965.69, 7174.22, 791.47, 56.8)), \
        answer.text


# --- counting the lines at a figure ---------------------------------------------------------

EQUAL_100 = [
    "科技研究与开发资金的明细里，刚好100万元的有几项？",  # f4j-22
    "科技研究开发资金明细中正好是100万的有几个",
    "科技研究与开发资金里有几项正好100万元",
    "科技研究与开发资金的明细里恰好100万的有哪些",
]


@pytest.mark.parametrize("question", EQUAL_100)
def test_lines_at_a_figure_are_whole_lines(bot: Any, question: str) -> None:
    answer = _last(bot, [question])
    assert answer.status == "answered", answer.text
    # the lines counted are the answer's table (a count states the count; a list, each amount)
    rows = [(str(r[0]), float(r[1])) for r in answer.table.rows]
    assert "专精特新企业梯度培育" in [name for name, _ in rows], answer.text
    assert len(rows) == 5 and all(abs(a - 100) <= TOL for _, a in rows), answer.text
    counted = [v.value for v in answer.values if v.unit == "项"]
    assert counted in ([], [5.0]), answer.text


def test_pieces_of_a_basis_are_not_lines(bot: Any) -> None:
    """低于30万: the five whole lines of 10-20 万元, not the 20 and 10 inside 专精特新's 测算依据."""
    answer = _last(bot, ["科技研究与开发资金的明细里低于30万的有几项"])
    assert answer.status == "answered", answer.text
    assert [v.value for v in answer.values if v.unit == "项"] == [5.0], answer.text
    assert not any("测算依据" in v.label for v in answer.values), answer.text


# --- the other side of the account (putuo-swk-2025 PDF) --------------------------------------


@pytest.fixture(scope="module")
def swk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not (PUTUO / "putuo-swk-2025.pdf").exists():
        pytest.skip("putuo PDFs absent")
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant

    path = tmp_path_factory.mktemp("sides") / "swk.duckdb"
    ingest_files([PUTUO / "putuo-swk-2025.pdf"], path)
    bot = Assistant.open(path)
    yield bot
    bot.close()


INCOME, SPENDING = 24558.18, 24491.71
SIDES: list[tuple[list[str], float, float]] = [
    (["财政拨款收入比去年增加了多少", "那支出呢"], SPENDING, INCOME),  # f5s-24
    (["财政拨款收入比去年增加了多少", "支出呢"], SPENDING, INCOME),
    (["财政拨款收入比2024年增加多少", "那支出的呢？"], SPENDING, INCOME),
    (["2025年财政拨款收入比上年增加多少", "支出呢？"], SPENDING, INCOME),
    (["2025年财政拨款支出比上年增加多少", "那收入呢"], INCOME, SPENDING),
]


@pytest.mark.parametrize(("turns", "figure", "never"), SIDES)
def test_the_other_side_of_the_account(swk: Any, turns: list[str], figure: float, never: float) -> None:
    answer = _last(swk, turns)
    assert _has(answer, figure), answer.text
    assert not _has(answer, never), answer.text


def test_a_side_word_inside_a_column_name_is_no_side(bot: Any) -> None:
    """那收入呢 after 项目支出多少: 支出 is part of the column 项目支出; there is no 项目收入 to give."""
    answer = _last(bot, ["项目支出多少", "那收入呢"])
    assert not _has(answer, 7174.22), answer.text
