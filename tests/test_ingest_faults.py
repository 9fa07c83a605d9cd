"""Bad inputs and failures mid-build: a clear IngestError, and the previous database untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assistant.errors import IngestError
from assistant.ingest import build
from assistant.ingest.build import ingest_files


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_db(tmp_path: Path, seed_db: Path) -> Path:
    """A copy of the seed database standing in for 'the database users are reading'."""
    target = tmp_path / "db" / "budget.duckdb"
    target.parent.mkdir()
    shutil.copyfile(seed_db, target)
    return target


def _assert_untouched(db: Path, digest: str) -> None:
    assert _digest(db) == digest
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name], "temporary files left behind"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    con.close()


def _bad_sources(tmp_path: Path, seed_lines: list[str]) -> dict[str, Path]:
    d = tmp_path / "src"
    d.mkdir()
    files = {
        "empty": b"",
        "whitespace": b"\n\n   \n",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "undecodable": "# 某局 2026 年预算\n".encode() + b"\xff\xfe\xfa broken\n",
        "unrelated": b"Lorem ipsum dolor sit amet.\nThis is a shopping list:\n- eggs\n- milk\n",
        "truncated": ("\n".join(seed_lines[:300]) + "\n").encode(),
        "title_only": "\n".join(seed_lines[:4]).encode(),
        "no_narrative": "\n".join(seed_lines[:1043]).encode(),
        "cut_in_part_three": "\n".join(seed_lines[:1100]).encode(),
    }
    out = {}
    for name, data in files.items():
        path = d / f"{name}.txt"
        path.write_bytes(data)
        out[name] = path
    return out


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "whitespace",
        "binary",
        "undecodable",
        "unrelated",
        "truncated",
        "title_only",
        "no_narrative",
        "cut_in_part_three",
    ],
)
def test_bad_input_leaves_old_db_identical(tmp_path, old_db, seed_lines, case) -> None:
    digest = _digest(old_db)
    source = _bad_sources(tmp_path, seed_lines)[case]
    with pytest.raises(IngestError) as info:
        ingest_files([source], old_db)
    err = info.value
    assert err.file == source.name
    assert "导入失败" in str(err) and "Ingest failed" in str(err) and "应为" in err.user_message
    _assert_untouched(old_db, digest)


@pytest.mark.parametrize(
    ("case", "line", "words"),
    [
        ("binary", 3, "二进制"),  # the first NUL byte is on line 3
        ("undecodable", 2, "UTF-8"),
        ("unrelated", 1, "标题行"),
        ("truncated", 300, "截断"),
        ("cut_in_part_three", 1100, "第五部分"),
        ("empty", None, "非空"),
    ],
)
def test_error_names_the_line_and_what_was_expected(tmp_path, seed_lines, case, line, words) -> None:
    source = _bad_sources(tmp_path, seed_lines)[case]
    with pytest.raises(IngestError) as info:
        ingest_files([source], tmp_path / "new.duckdb")
    assert info.value.line == line
    assert words in info.value.expected
    assert not (tmp_path / "new.duckdb").exists()


def test_bad_document_after_good_one_rolls_back_everything(tmp_path, old_db, seed_source, seed_lines) -> None:
    digest = _digest(old_db)
    bad = _bad_sources(tmp_path, seed_lines)["truncated"]
    with pytest.raises(IngestError):
        ingest_files([seed_source, bad], old_db)
    _assert_untouched(old_db, digest)


def test_same_document_twice_is_refused(tmp_path, old_db, seed_source) -> None:
    digest = _digest(old_db)
    with pytest.raises(IngestError) as info:
        ingest_files([seed_source, seed_source], old_db)
    assert "重复" in info.value.expected
    _assert_untouched(old_db, digest)


def test_no_sources_is_refused(old_db) -> None:
    digest = _digest(old_db)
    with pytest.raises(IngestError):
        ingest_files([], old_db)
    _assert_untouched(old_db, digest)


def test_missing_source_file(tmp_path, old_db) -> None:
    digest = _digest(old_db)
    with pytest.raises(IngestError):
        ingest_files([tmp_path / "nope.txt"], old_db)
    _assert_untouched(old_db, digest)


@pytest.mark.parametrize("step", ["insert", "narrative", "entities", "audit", "replace"])
def test_failure_injected_mid_build_leaves_old_db(monkeypatch, old_db, seed_source, step) -> None:
    digest = _digest(old_db)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"injected failure in {step}")

    if step == "insert":
        real = build.insert_rows
        calls = {"n": 0}

        def flaky(con, table, doc_id, rows):
            calls["n"] += 1
            if calls["n"] == 5:
                raise RuntimeError("disk full (injected)")
            return real(con, table, doc_id, rows)

        monkeypatch.setattr(build, "insert_rows", flaky)
    elif step == "narrative":
        monkeypatch.setattr(build.narrative, "extract", boom)
    elif step == "entities":
        monkeypatch.setattr("assistant.ingest.entities.build_entities", boom)
    elif step == "audit":
        monkeypatch.setattr("assistant.audit.run_audit", boom)
    else:
        monkeypatch.setattr(build.os, "replace", boom)
    with pytest.raises(IngestError) as info:
        ingest_files([seed_source], old_db)
    assert "RuntimeError" in str(info.value)
    _assert_untouched(old_db, digest)


def test_successful_rebuild_replaces_the_file(tmp_path, old_db, seed_source) -> None:
    # A reader holding the old file open must not stop the rebuild (os.replace swaps inodes).
    reader = duckdb.connect(str(old_db), read_only=True)
    try:
        assert ingest_files([seed_source], old_db) == ["jianghan-jxkc-2026-budget"]
    finally:
        reader.close()
    assert sorted(p.name for p in old_db.parent.iterdir()) == [old_db.name]
    con = duckdb.connect(str(old_db), read_only=True)
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] > 0
    con.close()


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(proc.stdout)


def test_stale_build_files_of_dead_processes_are_removed(tmp_path, old_db, seed_source) -> None:
    dead, alive = _dead_pid(), os.getppid()
    folder = old_db.parent
    stale = [folder / f".{old_db.name}.{dead}.building", folder / f".{old_db.name}.{dead}.building.wal"]
    live = [folder / f".{old_db.name}.{alive}.building", folder / f".{old_db.name}.{alive}.building.wal"]
    others = [folder / f".other.duckdb.{dead}.building", folder / "notes.txt"]
    for p in stale + live + others:
        p.write_bytes(b"partial build")
    (folder / f".{old_db.name}.{dead}.building.tmp").mkdir()  # a spill directory
    assert ingest_files([seed_source], old_db) == ["jianghan-jxkc-2026-budget"]
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([old_db.name, *(p.name for p in live + others)])


def test_killed_ingest_leaves_nothing_behind_the_next_one(tmp_path, seed_source) -> None:
    """A build killed mid-way (SIGKILL: no cleanup runs) leaves its .building files; the next
    ingest into the same target removes them."""
    target = tmp_path / "budget.duckdb"
    killer = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "import assistant.audit\n"
        "from assistant.ingest.build import ingest_files\n"
        "assistant.audit.run_audit = lambda con, doc_id: os.kill(os.getpid(), signal.SIGKILL)\n"
        "ingest_files([Path(sys.argv[1])], Path(sys.argv[2]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", killer, str(seed_source), str(target)], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert leftovers and all(".building" in n for n in leftovers), leftovers
    assert ingest_files([seed_source], target) == ["jianghan-jxkc-2026-budget"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
