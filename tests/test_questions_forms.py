"""Question cases for the form (预算14/15表) and narrative intents, read from
tests/fixtures/questions_forms/*.toml: each [[case]] is one conversation whose last answer is
checked for status, stated figures, cited tables and required text (as ../shared/eval does).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "questions_forms"
TOLERANCE = 0.005


def _cases() -> list[Any]:
    """Every case with the document it is about: a fixture file may name another source of
    the same layout (`source = "…"`, relative to tests/fixtures), so the mechanisms are checked
    on a document they were not written against."""
    out = []
    for path in sorted(FIXTURES.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        for case in data.get("case", []):
            out.append(pytest.param(case | {"source": data.get("source")}, id=case["id"]))
    return out


CASES = _cases()


@pytest.fixture(scope="session")
def other_bots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return {}


def _bot(case: dict[str, Any], seed_bot: Any, others: dict[str, Any], tmp: pytest.TempPathFactory) -> Any:
    source = case.get("source")
    if not source:
        return seed_bot
    if source not in others:
        from assistant.ingest.build import ingest_files
        from assistant.service import Assistant

        db = tmp.mktemp("other") / "other.duckdb"
        ingest_files([FIXTURES.parent / source], db)
        others[source] = Assistant.open(db)
    return others[source]


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES)
def test_question(bot, other_bots, tmp_path_factory, case: dict[str, Any]) -> None:
    bot = _bot(case, bot, other_bots, tmp_path_factory)
    conv = bot.new_conversation()
    answer = None
    for turn in case["turns"]:
        answer = bot.ask(turn, conv)
    assert answer is not None
    where = f"{case['id']}: {answer.text[:200]!r}"
    assert answer.status == case["status"], where
    stated = [v.value for v in answer.values]
    if case["status"] == "unanswerable":
        assert not stated, f"{where} states figures {stated}"
        return
    for want in case.get("values", []):
        assert any(math.isclose(want, got, abs_tol=TOLERANCE) for got in stated), (
            f"{where} lacks {want}: {stated}"
        )
    cited = [c.table for c in answer.citations]
    for table in case.get("tables", []):
        assert any(c.startswith(table) for c in cited), f"{where} cites {cited}, not {table}"
    for text in case.get("text", []):
        assert text in answer.text, f"{where} lacks {text!r}"
    if case["status"] == "answered":
        assert answer.citations, f"{where} has no citation"
