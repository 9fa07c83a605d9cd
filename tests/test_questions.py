"""Question fixtures (tests/fixtures/questions/*.toml) against the seed document.

Each case: `turns` asked in one conversation, the last judged like the scorer does: `status`,
every expected `values` figure stated (±0.005), every `tables` id prefixing a citation, every
`text` string in the answer, no `absent` figure stated; unanswerable/clarify answers state no
figure.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "questions"
TOL = 0.005


def _cases() -> list[Any]:
    out = []
    for path in sorted(FIXTURES.glob("*.toml")):
        with path.open("rb") as f:
            for n, case in enumerate(tomllib.load(f).get("case", []), 1):
                out.append(pytest.param(case, id=f"{path.stem}-{n}-{case['turns'][-1][:16]}"))
    return out


CASES = _cases()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES)
def test_question(bot, case: dict[str, Any]) -> None:
    conv = bot.new_conversation()
    for turn in case["turns"]:
        answer = bot.ask(turn, conv)
    stated = [v.value for v in answer.values]
    assert answer.status == case["status"], answer.text
    if case["status"] != "answered":
        assert stated == []
    for want in case.get("values", []):
        assert any(abs(want - got) <= TOL for got in stated), (want, stated, answer.text)
    if case["status"] == "answered":
        assert len(stated) <= max(8, 3 * len(case.get("values", []))), stated
    cited = [c.table for c in answer.citations]
    for table in case.get("tables", []):
        assert any(c.startswith(table) for c in cited), (table, cited)
    for text in case.get("text", []):
        assert text in answer.text, answer.text
    for wrong in case.get("absent", []):  # a real figure of another year/kind/line
        assert all(abs(wrong - got) > TOL for got in stated), (wrong, stated, answer.text)


def test_answers_carry_a_trace_and_never_raise(bot) -> None:
    conv = bot.new_conversation()
    for text in ["", "x" * 5000, "\x00\x01", "科学技术支出多少"]:
        answer = bot.ask(text, conv)
        assert answer.text
        assert answer.trace is not None
    assert answer.trace.steps and answer.trace.normalised == "科学技术支出多少"
    assert answer.sql and all(s.lstrip().upper().startswith(("SELECT", "WITH")) for s in answer.sql)


def test_too_long_question_is_refused_with_a_message(bot) -> None:
    answer = bot.ask("科学技术支出" * 100, bot.new_conversation())
    assert answer.status == "unanswerable" and "太长" in answer.text


def test_several_documents_pick_the_first_ingested_unless_asked(tmp_path, seed_source, monkeypatch) -> None:
    from assistant.errors import AssistantError
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant

    other = seed_source.parents[2] / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
    path = tmp_path / "two.duckdb"
    ingest_files([other, seed_source], path)
    monkeypatch.delenv("BUDGET_DOC_ID", raising=False)
    first = Assistant.open(path)
    assert first.doc_id == "qiaokou-swj-2025-budget" and first.year == 2025
    chosen = Assistant.open(path, doc_id="jianghan-jxkc-2026-budget")
    assert chosen.year == 2026
    assert chosen.ask("行政运行多少").values[0].value == 401.31
    monkeypatch.setenv("BUDGET_DOC_ID", "jianghan-jxkc-2026-budget")
    assert Assistant.open(path).doc_id == "jianghan-jxkc-2026-budget"
    with pytest.raises(AssistantError):
        Assistant.open(path, doc_id="no-such-document")


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("大数据中心运维费用采购数量是多少？", {""}),  # counts of items: no money unit
        ("大数据中心运维费用的采购金额是多少？", {"万元"}),
    ],
)
def test_procurement_quantities_are_counts_not_money(bot, question: str, units: set[str]) -> None:
    answer = bot.ask(question, bot.new_conversation())
    assert answer.values and {v.unit for v in answer.values} == units, answer.values


def test_a_breakdown_is_never_answered_with_quantities(bot) -> None:
    """A quantity labelled 万元 once passed the gate as the parts of a sum (dev-064)."""
    answer = bot.ask("大数据中心运维费用在政府采购表里分成哪几项？", bot.new_conversation())
    assert not any("采购数量" in v.label for v in answer.values), answer.text
