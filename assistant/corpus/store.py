"""Incremental ingest: add, replace or remove one document in place, leaving the others as they are.

Each document is first parsed, catalogued and audited alone in an in-memory database (so its cost
does not grow with the corpus), then written in one transaction on the database file: its old rows
(same doc_id, or the same department and year under another file name) deleted and its new rows
copied in, or — on any failure — nothing changes. DuckDB's write-ahead log makes the commit
atomic, so a process killed mid-document leaves the previous state. Unlike `ingest_files` (a fresh
file swapped in), this needs the write lock: a process holding the file open (a running app) must
close it first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from assistant.errors import AssistantError, IngestError
from assistant.ingest import build


@dataclass(frozen=True)
class Outcome:
    """What happened to one source file."""

    file: str
    doc_id: str | None
    action: str  # added | replaced | unchanged | failed
    seconds: float
    message: str = ""


def _doc_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table with a doc_id column (read from the catalogue, so new tables are covered)."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'doc_id' "
        "AND table_schema = 'main' AND table_catalog = current_database() ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def _open_writable(db_path: Path) -> duckdb.DuckDBPyConnection:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not db_path.exists()
    try:
        con = duckdb.connect(str(db_path))
    except duckdb.Error as exc:
        raise AssistantError(
            f"cannot open {db_path} for writing: {exc}",
            user_message=f"无法写入数据库 {db_path.name}（可能正被其他程序打开，例如正在运行的应用），"
            "请关闭后重试。",
        ) from exc
    if fresh:
        con.execute("BEGIN TRANSACTION")
        con.execute(build.SCHEMA.read_text(encoding="utf-8"))
        con.execute("COMMIT")
    return con


def _delete(con: duckdb.DuckDBPyConnection, tables: list[str], doc_id: str) -> None:
    for table in tables:
        con.execute(f'DELETE FROM "{table}" WHERE doc_id = ?', [doc_id])


STAGE = "corpus_stage"  # in-memory database where one document is parsed, catalogued and audited


def _stage(con: duckdb.DuckDBPyConnection, main: str, path: Path) -> str:
    """Parse, catalogue and audit one document in an attached in-memory database, so the work
    (and every query of the catalogue and the audit) sees this document only, however many the
    corpus holds; returns its doc_id."""
    con.execute(f"ATTACH ':memory:' AS {STAGE}")
    con.execute(f"USE {STAGE}")
    try:
        con.execute(build.SCHEMA.read_text(encoding="utf-8"))
        return build.ingest_document(con, path, set())
    finally:
        con.execute(f'USE "{main}"')


def _ingest_one(con: duckdb.DuckDBPyConnection, main: str, tables: list[str], path: Path) -> tuple[str, str]:
    """Stage the document, then in one transaction replace its rows; returns (doc_id, action)."""
    doc_id = build.slugify(path.stem)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    old = con.execute("SELECT sha256 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if old is not None and old[0] == sha:
        return doc_id, "unchanged"
    try:
        _stage(con, main, path)
        con.execute("BEGIN TRANSACTION")
        try:
            if old is not None:
                _delete(con, tables, doc_id)
            for table in tables:
                con.execute(f'INSERT INTO "{main}".main."{table}" BY NAME '
                            f'SELECT * FROM {STAGE}.main."{table}"')
            # The same department and year under another file name is the same disclosure, corrected.
            same = con.execute(
                "SELECT o.doc_id FROM documents o JOIN documents n ON o.department = n.department "
                "AND o.year = n.year WHERE n.doc_id = ? AND o.doc_id <> ?", [doc_id, doc_id]
            ).fetchall()
            for (other,) in same:
                _delete(con, tables, other)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    finally:
        con.execute(f"DETACH DATABASE IF EXISTS {STAGE}")
    return doc_id, "replaced" if old is not None or same else "added"


def add_documents(paths: list[Path], db_path: Path) -> list[Outcome]:
    """Add or replace each source in db_path, one transaction each; a failure skips only that file."""
    import time

    db_path = Path(db_path)
    con = _open_writable(db_path)
    outcomes: list[Outcome] = []
    try:
        tables = _doc_tables(con)
        main = str(con.execute("SELECT current_database()").fetchone()[0])
        for path in map(Path, paths):
            t0 = time.perf_counter()
            try:
                doc_id, action = _ingest_one(con, main, tables, path)
                outcomes.append(Outcome(path.name, doc_id, action, time.perf_counter() - t0))
            except Exception as exc:  # this document only (rolled back): keep going with the next
                internal = f"可导入的预算文档（内部错误：{type(exc).__name__}）"
                message = exc.user_message if isinstance(exc, AssistantError) else (
                    IngestError(path.name, None, internal).user_message)
                outcomes.append(Outcome(path.name, None, "failed", time.perf_counter() - t0, message))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return outcomes


def remove_document(db_path: Path, key: str) -> str:
    """Remove one document (by doc_id or file name) in one transaction; returns its doc_id."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise AssistantError(f"no database at {db_path}", user_message=f"数据库 {db_path.name} 不存在。")
    con = _open_writable(db_path)
    try:
        row = con.execute(
            "SELECT doc_id FROM documents WHERE doc_id = ? OR file_name = ? ORDER BY doc_id LIMIT 1",
            [key, key],
        ).fetchone()
        if row is None:
            rows = con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()
            known = "、".join(r[0] for r in rows)
            raise AssistantError(f"no document {key!r}",
                                 user_message=f"数据库里没有“{key}”这份文件。现有：{known or '（无）'}。")
        con.execute("BEGIN TRANSACTION")
        try:
            _delete(con, _doc_tables(con), row[0])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")
        return str(row[0])
    finally:
        con.close()


def list_documents(db_path: Path) -> list[dict]:
    """What the database holds: doc_id, department, year, file, sha256, by department and year."""
    from assistant.database import connect_readonly
    from assistant.pipeline.execute import QueryRunner

    con = connect_readonly(Path(db_path))
    try:
        rows = all_rows(QueryRunner(con, corpus_templates(), "", 0, {}), "corpus_documents")
        return sorted(rows, key=lambda r: (r["department"], r["year"], r["doc_id"]))
    finally:
        con.close()


def all_rows(runner: Any, template: str) -> list[dict]:
    """Every row of a template paged by doc_id (`WHERE doc_id > :after`): no row cap is hit,
    however many documents the database holds."""
    rows: list[dict] = []
    after = ""
    while True:
        page = runner.run(template, after=after)
        rows += page
        if len(page) < runner.row_cap or not page:
            return rows
        after = page[-1]["doc_id"]


def corpus_templates() -> dict:
    """The corpus layer's named, guarded queries (assistant/corpus/templates/*.toml)."""
    from assistant.pipeline.templates import load_templates

    return load_templates(Path(__file__).resolve().parent / "templates")
