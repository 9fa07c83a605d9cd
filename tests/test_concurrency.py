"""Many threads, one Assistant, one database: no errors, and the same answers as asked serially.

Two Assistants are built on the same seed database: one answers everything concurrently first
(so nothing is warm or cached from a serial run), the other answers serially; every contract
JSON must be identical.
"""

from __future__ import annotations

import random
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
from reliability_support import check_answer, contract_json, fixture_conversations

THREADS = 16
REPEATS = 64  # conversations asked twice (by different threads) on top of every one once


def _conversations() -> list[list[str]]:
    """Every fixture conversation once plus some twice, in a fixed shuffled order."""
    convs = fixture_conversations()
    rng = random.Random(20260)
    items = convs + rng.sample(convs, min(REPEATS, len(convs)))
    rng.shuffle(items)
    return items


def _run(bot: Any, turns: list[str]) -> str:
    conv = bot.new_conversation()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    check_answer(answer, context=" | ".join(turns))
    return contract_json(answer)


@pytest.fixture(scope="module")
def items() -> list[list[str]]:
    return _conversations()


def test_threads_get_serial_answers(seed_db: Path, items: list[list[str]]) -> None:
    from assistant.service import Assistant

    assert len(items) >= 100
    # The constructor, not Assistant.open: open() caches one instance per file.
    concurrent_bot = Assistant(seed_db)
    results: dict[int, str] = {}
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)

    def worker(k: int) -> None:
        mine = list(range(k, len(items), THREADS))
        random.Random(k).shuffle(mine)
        barrier.wait()
        for i in mine:
            try:
                results[i] = _run(concurrent_bot, items[i])
            except BaseException:  # every failure is collected and reported
                errors.append(f"{items[i]!r}:\n{traceback.format_exc()}")

    threads = [threading.Thread(target=worker, args=(k,), name=f"ask-{k}") for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads), "a thread is still running (deadlock?)"
    assert not errors, f"{len(errors)} errors under concurrency; first:\n{errors[0]}"
    assert len(results) == len(items)

    serial_bot = Assistant(seed_db)
    serial: dict[tuple[str, ...], str] = {}
    for turns in items:
        key = tuple(turns)
        if key not in serial:
            serial[key] = _run(serial_bot, turns)
    differing = [(items[i], results[i], serial[tuple(items[i])]) for i in results
                 if results[i] != serial[tuple(items[i])]]
    assert not differing, (
        f"{len(differing)} answers differ from the serial run; first: {differing[0][0]!r}\n"
        f"concurrent: {differing[0][1]}\nserial:     {differing[0][2]}"
    )


def test_threads_share_one_conversation_object_safely(bot: Any) -> None:
    """Not a supported use, but it must not crash: one conversation object hit by 16 threads."""
    conv = bot.new_conversation()
    errors: list[str] = []

    def worker() -> None:
        for q in ("科学技术支出多少", "第二个呢", "去年呢", "行政运行多少"):
            try:
                check_answer(bot.ask(q, conv), context=q)
            except BaseException:
                errors.append(traceback.format_exc())

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[0]
