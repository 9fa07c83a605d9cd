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


def restated(v: Any, values: list[Any]) -> bool:
    """A figure in 元 said again in 万元 (pipeline/compose.py): the same figure, not one more."""
    return v.unit == "万元" and any(o.unit == "元" and f"{o.label}（万元）" == v.label for o in values)


def stated(answer: Any) -> list[float]:
    """The figures an answer states (none unless it answered), each once: a figure in 元 said again
    in 万元 is the same figure."""
    if answer.status != "answered":
        return []
    return [v.value for v in answer.values if not restated(v, answer.values)]


def states(answer: Any, figures: list[float]) -> bool:
    """The answer states every one of the figures (each within TOL)."""
    return answer.status == "answered" and all(
        any(abs(v.value - f) < TOL for v in answer.values) for f in figures)
