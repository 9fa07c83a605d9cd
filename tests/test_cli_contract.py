"""The command line as a contract: argument order, JSON lines, ids, exit codes, safe ingest.

Runs `python -m assistant` in subprocesses, as the evaluation and users do.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import duckdb
import pytest
from reliability_support import CJK, CONTRACT_KEYS, ROOT, STATUSES, leaks, sha256_file


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def assert_contract(obj: dict[str, Any]) -> None:
    assert set(obj) >= CONTRACT_KEYS, sorted(obj)
    assert obj["status"] in STATUSES
    assert isinstance(obj["text"], str) and CJK.search(obj["text"]), obj["text"]
    assert not leaks(obj["text"]), obj["text"]
    if obj["status"] == "unanswerable":
        assert obj["values"] == []


@pytest.fixture(scope="module")
def cli_db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


BATCH = [
    {"id": "single", "turns": ["科学技术支出多少"]},
    {"id": "multi", "turns": ["行政运行多少", "公用经费呢"]},
    {"id": "三轮-中文id", "turns": ["科技研究开发资金今年多少", "2025年呢", "比2025年少了多少"]},
    {"id": "refuse", "turns": ["'; DROP TABLE line_items; --"]},
    {"id": "emoji", "turns": ["😀😀😀"]},
    {"id": "long", "turns": ["预算" * 300]},
]


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "cases.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in BATCH), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch_db_first(cli_db: Path, batch_file: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("--db", cli_db, "batch", batch_file)


def test_batch_db_before_subcommand(batch_db_first: subprocess.CompletedProcess[str]) -> None:
    proc = batch_db_first
    assert proc.returncode == 0, proc.stderr
    out = json_lines(proc.stdout)
    assert len(out) == len(BATCH), proc.stdout
    assert [o["id"] for o in out] == [c["id"] for c in BATCH]
    for obj in out:
        assert_contract(obj)


def test_batch_db_after_subcommand(
    cli_db: Path, batch_file: Path, batch_db_first: subprocess.CompletedProcess[str]
) -> None:
    proc = run_cli("batch", batch_file, "--db", cli_db)
    assert proc.returncode == 0, proc.stderr
    assert json_lines(proc.stdout) == json_lines(batch_db_first.stdout)


def test_batch_answers_the_last_turn(bot: Any, batch_db_first: subprocess.CompletedProcess[str]) -> None:
    out = {o["id"]: o for o in json_lines(batch_db_first.stdout)}
    for case in BATCH:
        conv = bot.new_conversation()
        answer = None
        for turn in case["turns"]:
            answer = bot.ask(turn, conv)
        expected = answer.contract()
        got = dict(out[case["id"]])
        expected["id"] = got["id"] = None
        assert got == expected, f"{case['id']}: batch line is not the last turn's answer"


MALFORMED = [
    "{not json",
    "[1, 2, 3]",
    '"just a string"',
    "42",
    "null",
    "{}",
    '{"turns": null}',
    '{"turns": 5}',
    '{"turns": "科学技术支出多少"}',
    '{"turns": [1, null, {"a": 2}]}',
    '{"turns": []}',
    '{"id": 7, "turns": ["科学技术支出多少"]}',
    '{"id": null, "turns": ["行政运行多少"]}',
    '{"id": "ok-after-bad", "turns": ["行政运行多少"]}',
]


def test_batch_malformed_lines_get_answer_lines(cli_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(MALFORMED) + "\n", encoding="utf-8")
    proc = run_cli("--db", cli_db, "batch", path)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    out = json_lines(proc.stdout)
    assert len(out) == len(MALFORMED), f"{len(out)} answer lines for {len(MALFORMED)} input lines"
    for obj in out:
        assert_contract(obj)
        assert isinstance(obj["id"], str) and obj["id"], obj
    assert out[-1]["id"] == "ok-after-bad"
    assert out[-3]["id"] == "7"


def test_batch_invalid_utf8_line(cli_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    good = json.dumps({"id": "good", "turns": ["行政运行多少"]}, ensure_ascii=False).encode()
    path.write_bytes(b'{"id": "bad", "turns": ["\xff\xfe caf\xe9"]}\n' + good + b"\n")
    proc = run_cli("--db", cli_db, "batch", path)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    out = json_lines(proc.stdout)
    assert len(out) == 2 and out[-1]["id"] == "good"


def test_batch_ids_with_line_separators_stay_one_line(cli_db: Path, tmp_path: Path) -> None:
    """str.splitlines() (which the scorer uses) also splits on U+2028/U+2029/U+0085: an id
    echoed raw with ensure_ascii=False would split its answer line in two."""
    ids = ["a\u2028b", "c\u2029d", "e\x85f", "g\x1ch"]
    path = tmp_path / "ids.jsonl"
    cases = [json.dumps({"id": i, "turns": ["行政运行多少"]}) for i in ids]  # ASCII-escaped input
    path.write_text("\n".join(cases) + "\n", encoding="utf-8")
    proc = run_cli("--db", cli_db, "batch", path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == len(ids), f"{len(ids)} answers printed as {len(lines)} lines: {lines[0][:60]!r} …"
    assert [json.loads(line)["id"] for line in lines] == ids


def test_batch_input_with_raw_line_separators(cli_db: Path, tmp_path: Path) -> None:
    """A JSONL line written with ensure_ascii=False (as the scorer writes it) may hold a raw
    U+2028/U+0085 inside a string: still one case, its id kept."""
    cases = [
        {"id": "pasted", "turns": ["行政运行\u2028多少"]},
        {"id": "nel", "turns": ["科学技术支出\x85多少"]},
    ]
    path = tmp_path / "raw.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    proc = run_cli("--db", cli_db, "batch", path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json_lines(proc.stdout)
    assert [o["id"] for o in out] == ["pasted", "nel"], [o["id"] for o in out]


def test_batch_missing_file_is_a_message_not_a_traceback(cli_db: Path, tmp_path: Path) -> None:
    proc = run_cli("--db", cli_db, "batch", tmp_path / "nope.jsonl")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert CJK.search(proc.stderr), proc.stderr


@pytest.mark.parametrize("kind", ["not-duckdb", "empty-duckdb"])
def test_ask_with_unusable_db_is_a_message(kind: str, tmp_path: Path) -> None:
    """A file that is not a budget database: a Chinese message and a non-zero exit, untouched."""
    db = tmp_path / "budget.duckdb"
    if kind == "not-duckdb":
        db.write_text("这不是数据库 / not a database\n", encoding="utf-8")
    else:
        duckdb.connect(str(db)).close()  # a valid DuckDB file without our schema
    before = sha256_file(db)
    proc = run_cli("--db", db, "ask", "行政运行多少")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-1500:]
    assert CJK.search(proc.stderr), proc.stderr
    assert sha256_file(db) == before


def test_ask_json(cli_db: Path) -> None:
    proc = run_cli("--db", cli_db, "ask", "科学技术支出多少", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json_lines(proc.stdout)
    assert len(out) == 1
    assert_contract(out[0])


def test_ask_text_hostile(cli_db: Path) -> None:
    proc = run_cli("ask", "\x1b[31m'; DROP TABLE line_items; --", "--db", cli_db)
    assert proc.returncode == 0, proc.stderr
    assert CJK.search(proc.stdout) and "Traceback" not in proc.stdout + proc.stderr


# --- ingest: refuse bad input, never damage the existing database -------------------------------


def _bad_sources(tmp: Path, seed: Path) -> dict[str, Path]:
    lines = seed.read_text(encoding="utf-8").splitlines()
    files = {
        "missing": tmp / "does-not-exist.txt",
        "empty": tmp / "empty.txt",
        "garbage": tmp / "garbage.txt",
        "binary": tmp / "binary.txt",
        "no-tables": tmp / "no-tables.txt",
    }
    files["empty"].write_text("", encoding="utf-8")
    files["garbage"].write_text("hello world\n这不是预算文件。\n" * 50, encoding="utf-8")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["no-tables"].write_text("\n".join(lines[:120]) + "\n", encoding="utf-8")  # title + 第一部分 only
    return files


@pytest.mark.parametrize("kind", ["missing", "empty", "garbage", "binary", "no-tables"])
def test_ingest_bad_file_fails_cleanly(kind: str, seed_db: Path, seed_source: Path, tmp_path: Path) -> None:
    db = tmp_path / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    before = sha256_file(db)
    source = _bad_sources(tmp_path, seed_source)[kind]
    proc = run_cli("ingest", source, "--db", db)
    assert proc.returncode != 0, f"{kind}: ingest succeeded: {proc.stdout}"
    message = proc.stderr + proc.stdout
    assert "Traceback" not in message, f"{kind}: traceback\n{message[-2000:]}"
    assert CJK.search(message), f"{kind}: no Chinese in {message!r}"
    assert any(w in message.lower() for w in ("ingest", "expected", "file", "failed", "error")), (
        f"{kind}: no English in {message!r}"
    )
    assert sha256_file(db) == before, f"{kind}: the existing database changed"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if "budget.duckdb" in p.name and p != db)
    assert not leftovers, f"{kind}: files left next to the database: {leftovers}"


# --- ingest killed part-way ------------------------------------------------------------------------


def _many_sources(tmp: Path, seed: Path, copies: int) -> list[Path]:
    """The seed under many names (each a separate document), to make an ingest take a while."""
    text = seed.read_text(encoding="utf-8")
    paths = []
    for i in range(copies):
        p = tmp / f"dept-{i:03d}-2026-budget.txt"
        p.write_text(text + "\n" * i, encoding="utf-8")  # distinct bytes, same content
        paths.append(p)
    return paths


def test_ingest_killed_midway_keeps_previous_database(
    seed_db: Path, seed_source: Path, tmp_path: Path
) -> None:
    dbdir = tmp_path / "db"
    dbdir.mkdir()
    db = dbdir / "budget.duckdb"
    shutil.copyfile(seed_db, db)
    before = sha256_file(db)
    sources = _many_sources(tmp_path, seed_source, copies=40)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--db", str(db), "ingest", *map(str, sources)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Kill once the build has visibly started writing (a new file beside the db), or after 3 s.
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p != db for p in dbdir.iterdir()):
            time.sleep(0.3)
            break
        time.sleep(0.02)
    finished_early = proc.poll() is not None
    if not finished_early:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if finished_early:
        pytest.skip(f"ingest of {len(sources)} files ended before the kill (rc {proc.returncode})")
    assert sha256_file(db) == before, "a killed ingest changed the previous database (not atomic)"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] >= 1
    finally:
        con.close()
    # The next ingest must not trip over whatever the killed one left behind.
    ok = run_cli("--db", db, "ingest", seed_source)
    assert ok.returncode == 0, ok.stderr[-2000:]
    stale = sorted(p.name for p in dbdir.iterdir() if p != db)
    if stale:  # not a correctness problem (a fresh name per pid), but litter: reported, not failed
        warnings.warn(f"a killed ingest leaves temporary files behind: {stale}", stacklevel=1)
