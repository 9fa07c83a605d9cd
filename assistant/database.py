"""Opening the budget database: read-only for questions, built on first use when missing."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from assistant.errors import DatabaseMissing
from assistant.settings import SETTINGS

_build_lock = threading.Lock()


def ensure_database(db_path: Path | None = None) -> Path:
    """Build the database from the shipped sources when it does not exist yet."""
    path = Path(db_path or SETTINGS.db_path)
    if path.exists():
        return path
    with _build_lock:
        if path.exists():
            return path
        sources = sorted(SETTINGS.sources_dir.glob("*.txt"))
        if not sources:
            raise DatabaseMissing(f"no database at {path} and no sources in {SETTINGS.sources_dir}")
        from assistant.ingest.build import ingest_files

        ingest_files(sources, path)
    return path


def connect_readonly(db_path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The only connection questions use: DuckDB refuses every write on it.

    Threads share it through `con.cursor()`, as DuckDB documents for multi-threaded use.
    """
    path = ensure_database(db_path)
    try:
        con = duckdb.connect(str(path), read_only=True)
        con.execute("SELECT count(*) FROM documents").fetchone()
    except duckdb.Error as exc:
        raise DatabaseMissing(
            f"{path} is not a budget database: {exc}",
            user_message=f"{path.name} 不是可用的预算数据库（文件损坏或未完成导入），"
            "请重新运行 python -m assistant ingest。",
        ) from exc
    return con
