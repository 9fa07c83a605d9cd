"""Tests of the benchmark's own measuring (run: python -m pytest bench/test_bench.py -q).

Not under tests/: they check the benchmark, not the assistant, and spawn memory-heavy children.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from caches import find_caches  # noqa: E402
from child import run_measured, supported  # noqa: E402

pytestmark = pytest.mark.skipif(not supported(), reason="VmHWM needs Linux /proc")

MB = 1024 * 1024
TOUCH = "b[::4096] = b'y' * len(b[::4096])\n"  # bytearray pages count once written


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "child_script.py"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("child_mb", "low", "high"), [(5, 1, 60), (120, 120, 200)])
def test_child_peak_is_its_own_not_the_parents(tmp_path: Path, child_mb: int, low: int, high: int) -> None:
    # The parent is made big first: a figure inherited from it would exceed `high`.
    ballast = bytearray(250 * MB)
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])
    script = _script(tmp_path, f"b = bytearray({child_mb} * 1024 * 1024)\n" + TOUCH)
    run = run_measured(script, [], cwd=tmp_path)
    del ballast
    assert run.returncode == 0, run.stderr
    assert run.held  # read at the child's end, not a lower bound from polling
    assert low <= run.peak_rss_mb <= high


def test_peak_survives_memory_freed_before_exit(tmp_path: Path) -> None:
    script = _script(tmp_path, "b = bytearray(100 * 1024 * 1024)\n" + TOUCH + "del b\n")
    run = run_measured(script, [], cwd=tmp_path)
    assert run.held and run.peak_rss_mb >= 100


def test_child_that_skips_exit_handlers_still_reports(tmp_path: Path) -> None:
    script = _script(tmp_path, "import os, time\nb = bytearray(30 * 1024 * 1024)\n" + TOUCH
                     + "time.sleep(0.3)\nos._exit(3)\n")
    run = run_measured(script, [], cwd=tmp_path)
    assert run.returncode == 3
    assert not run.held
    assert run.peak_rss_mb > 0


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory):
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant

    db = tmp_path_factory.mktemp("bench") / "bench.duckdb"
    ingest_files([ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"], db)
    return Assistant.open(db)


def test_caches_found_and_cleared(bot) -> None:
    caches = find_caches(bot)
    names = " ".join(caches.names()["cleared_each_question"])
    for expected in ("EntityIndex._cache", "Assistant._results"):
        assert expected in names
    # (a line's figure is served from the document's rows, kept: a glossary look-up is a statement)
    bot.ask("2060404是什么")
    assert bot._results and bot.index._cache
    caches.clear()
    assert not bot._results and not bot.index._cache
    assert any("load_lexicon" in n for n in caches.names()["loaded_once_kept"])
