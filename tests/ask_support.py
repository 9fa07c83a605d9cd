"""Asking a conversation and reading what it stated, for the wording tests (test_wording.py,
test_choice.py)."""

from __future__ import annotations

from typing import Any

TOL = 0.005  # figures printed to two decimals


def last_answer(bot: Any, turns: list[str]) -> Any:
    """The answer to the last turn of one conversation."""
    conv = bot.new_conversation()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    return answer


def stated(answer: Any) -> list[float]:
    """The figures an answer states (none unless it answered)."""
    return [v.value for v in answer.values] if answer.status == "answered" else []
