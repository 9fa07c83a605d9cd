"""Figures just stated, said again in another unit (用元说 / 换成元 / 改成万元) — every one of them,
each cited, when an answer stated several side by side; none when the last answer stated none.

Seed figures (jianghan 2026, 万元): 基本支出 791.47, 项目支出 7,174.22; 人员经费 727.65, 公用经费 63.82.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import TOL
from ask_support import last_answer as _last
from ask_support import stated as _stated

SAID_AGAIN: list[tuple[list[str], tuple[float, ...]]] = [
    (["基本支出和项目支出分别多少", "用元说"], (7914700.0, 71742200.0)),
    (["基本支出和项目支出分别多少", "换成元"], (7914700.0, 71742200.0)),
    (["人员经费和公用经费各多少", "换算成元是多少"], (7276500.0, 638200.0)),
    (["人员经费和公用经费各是多少", "改成以元为单位"], (7276500.0, 638200.0)),
]


@pytest.mark.parametrize(("turns", "figures"), SAID_AGAIN)
def test_every_figure_said_again(bot: Any, turns: list[str], figures: tuple[float, ...]) -> None:
    answer = _last(bot, turns)
    said = _stated(answer)
    assert answer.status == "answered" and all(any(abs(f - x) < TOL for x in said) for f in figures), \
        answer.text
    assert len(answer.citations) >= len(figures)


@pytest.mark.parametrize("turns", [
    ["苹果多少钱", "用元说"],  # nothing was stated: nothing to say again
    ["基本支出和项目支出分别多少", "基本支出占比多少", "占比呢", "用元说"],
])
def test_nothing_to_say_again(bot: Any, turns: list[str]) -> None:
    answer = _last(bot, turns)
    assert not any(v.unit == "元" for v in answer.values), answer.text
