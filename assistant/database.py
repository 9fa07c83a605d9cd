"""Opening the budget database: read-only for questions, built on first use when missing."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from assistant.errors import DatabaseMissing
from assistant.settings import SETTINGS

_build_lock = threading.Lock()


SCHEMA = Path(__file__).with_name("schema.sql")
_TABLE = re.compile(r"CREATE TABLE (\w+) \((.*?)\n\);", re.S)
_NOT_COLUMNS = {"PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"}


def expected_columns() -> dict[str, set[str]]:
    """Each table of schema.sql and its columns, as this version of the code reads them."""
    out: dict[str, set[str]] = {}
    for name, body in _TABLE.findall(SCHEMA.read_text(encoding="utf-8")):
        cols = {line.split()[0] for line in body.splitlines()
                if line.strip() and not line.strip().startswith("--") and line.split()[0] not in _NOT_COLUMNS}
        out[name] = cols
    return out


def stale(path: Path) -> list[str]:
    """What an existing database lacks of the current schema (built by an older version)."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return []  # locked by a writer or not a database: opening it says so, nothing is rebuilt
    try:
        have: dict[str, set[str]] = {}
        for table, column in con.execute(
                "SELECT table_name, column_name FROM information_schema.columns").fetchall():
            have.setdefault(table, set()).add(column)
    finally:
        con.close()
    return [f"{t}.{c}" for t, cols in expected_columns().items() for c in sorted(cols - have.get(t, set()))]


def ensure_database(db_path: Path | None = None) -> Path:
    """Build the database from the shipped sources when it does not exist yet — or, for the
    default database (derived data), when an older version of the code built it."""
    path = Path(db_path or SETTINGS.db_path)
    if path.exists():
        missing = stale(path)
        if not missing:
            return path
        if path.resolve() != Path(SETTINGS.db_path).resolve():
            raise DatabaseMissing(f"{path} lacks {', '.join(missing[:5])}", user_message=(
                f"数据库 {path.name} 是旧版本建立的（缺少 {'、'.join(missing[:3])}），"
                "请用 python -m assistant ingest 重新导入。"))
    with _build_lock:
        if path.exists() and not stale(path):
            return path
        sources = sorted(SETTINGS.sources_dir.glob("*.txt"))
        if not sources:
            raise DatabaseMissing(f"no database at {path} and no sources in {SETTINGS.sources_dir}")
        from assistant.ingest.build import ingest_files

        ingest_files(sources, path)
    return path


ATTACHED = "budget"  # the catalogue name the document database is attached under


def connect_readonly(db_path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The only connection questions use: DuckDB refuses every write to the budget file.

    The file is ATTACHed (READ_ONLY) to a private in-memory instance rather than opened with
    `duckdb.connect(path)`: DuckDB's in-process instance cache would otherwise hand a new
    Assistant the old, already replaced file after a re-ingest. Then external access (files,
    ATTACH, extensions) is switched off, memory is capped, and the configuration is locked, so
    no statement can undo it. Threads share the connection through `con.cursor()`.
    """
    path = ensure_database(db_path)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {ATTACHED} (READ_ONLY)", [str(path)])
        con.execute(f"USE {ATTACHED}")
        # Without the in-memory catalogue every cursor starts in the read-only budget database
        # and no statement has anywhere writable to go.
        con.execute("DETACH memory")
        con.execute("SELECT count(*) FROM documents").fetchone()
        con.execute("SET enable_external_access = false")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET memory_limit = ?", [SETTINGS.query_memory_limit])
        con.execute(f"SET threads = {int(SETTINGS.query_threads)}")
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        raise DatabaseMissing(
            f"{path} is not a budget database: {exc}",
            user_message=f"{path.name} 不是可用的预算数据库（文件损坏或未完成导入），"
            "请重新运行 python -m assistant ingest。",
        ) from exc
    return con


class Watchdog:
    """Interrupts a statement that runs longer than its time limit (DuckDB has no statement
    timeout setting). One daemon thread serves every cursor, so a query costs no thread start."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, duckdb.DuckDBPyConnection]] = []
        self._live: set[int] = set()
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def limit(self, cur: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[None]:
        token = next(self._ids)
        with self._cond:
            self._live.add(token)
            heapq.heappush(self._heap, (time.monotonic() + seconds, token, cur))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="query-watchdog", daemon=True)
                self._thread.start()
            if self._heap[0][1] == token:  # the earliest deadline now: wake the thread to re-plan
                self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._live.discard(token)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][1] not in self._live:
                    heapq.heappop(self._heap)  # finished in time
                if not self._heap:
                    self._cond.wait()
                    continue
                due, token, cur = self._heap[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                self._live.discard(token)
            with contextlib.suppress(duckdb.Error):
                cur.interrupt()


WATCHDOG = Watchdog()
