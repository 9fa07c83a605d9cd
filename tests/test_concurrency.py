"""Many threads, one Assistant, one database: no errors, and the same answers as asked serially.

Two Assistants are built on the same seed database: one answers everything concurrently first
(so nothing is warm or cached from a serial run), the other answers serially; every contract
JSON must be identical.
"""

from __future__ import annotations

import random
import shutil
import threading
import time
import traceback
from pathlib import Path
from typing import Any

import pytest
from reliability_support import check_answer, contract_json, fixture_conversations

THREADS = 16
REPEATS = 64  # conversations asked twice (by different threads) on top of every one once


def _run_threads(worker: Any, n: int, timeout: float = 120) -> None:
    """Start n threads on worker and wait for them; a thread still alive means a deadlock."""
    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a thread is still running (deadlock?)"


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

    _run_threads(worker, THREADS)
    assert not errors, errors[0]


def test_open_from_many_threads_builds_one_assistant(seed_db: Path, tmp_path: Path) -> None:
    from assistant.service import Assistant

    db = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    got: list[Any] = []
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)

    def worker() -> None:
        barrier.wait()
        try:
            got.append(Assistant.open(db))
        except BaseException:
            errors.append(traceback.format_exc())

    _run_threads(worker, THREADS)
    assert not errors, errors[0]
    assert len(got) == THREADS and len({id(b) for b in got}) == 1


OTHER_DOC = Path(__file__).resolve().parent / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"


def test_reingest_while_answering(seed_db: Path, tmp_path: Path) -> None:
    """The database file is rebuilt from a *different* document (atomic replace) while 2 threads
    keep asking: no errors, their Assistant keeps answering from the file it opened, and the next
    Assistant.open serves the new document (with the same document this could not fail)."""
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant

    db = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    bot = Assistant.open(db)
    questions = [turns for turns in fixture_conversations() if len(turns) == 1][:40]
    expected = {tuple(t): _run(bot, t) for t in questions}
    stop = threading.Event()
    errors: list[str] = []
    asked = [0]

    def worker(k: int) -> None:
        rng = random.Random(k)
        while not stop.is_set():
            turns = rng.choice(questions)
            try:
                got = _run(bot, turns)
                assert got == expected[tuple(turns)], f"{turns}: answer changed during re-ingest"
                asked[0] += 1
            except BaseException:
                errors.append(traceback.format_exc())
                return
            time.sleep(0.02)  # leave the ingest most of the GIL

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    try:
        ingest_files([OTHER_DOC], db)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    assert not errors, errors[0]
    assert asked[0] > 0
    fresh = Assistant.open(db)
    assert fresh is not bot, "Assistant.open kept serving the replaced file's instance"
    assert fresh.document()["department"] != bot.doc["department"], "still the old document"
    assert fresh.document()["file_name"] == OTHER_DOC.name
    changed = [t for t in questions if _run(fresh, t) != expected[tuple(t)]]
    assert changed, "every answer is the old document's"
