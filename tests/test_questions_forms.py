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
    out = []
    for path in sorted(FIXTURES.glob("*.toml")):
        with path.open("rb") as f:
            for case in tomllib.load(f).get("case", []):
                out.append(pytest.param(case, id=case["id"]))
    return out


CASES = _cases()


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES)
def test_question(bot, case: dict[str, Any]) -> None:
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
