"""A database built by an older version of the code is never read as if it were current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assistant.database import ensure_database, expected_columns, stale
from assistant.errors import DatabaseMissing

ROOT = Path(__file__).resolve().parent.parent


def test_the_schema_is_read(seed_db: Path) -> None:
    tables = expected_columns()
    assert {"documents", "source_lines", "line_items"} <= tables.keys()
    assert "doc_id" in tables["documents"]
    assert stale(seed_db) == []


@pytest.fixture()
def old_db(seed_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "old.duckdb"
    shutil.copy(seed_db, path)
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE documents DROP COLUMN layout")
    con.close()
    return path


def test_an_older_database_is_refused_with_a_chinese_message(old_db: Path) -> None:
    assert stale(old_db) == ["documents.layout"]
    with pytest.raises(DatabaseMissing) as caught:
        ensure_database(old_db)
    assert "旧版本" in caught.value.user_message and "重新导入" in caught.value.user_message


def test_the_cli_says_so_without_a_traceback(old_db: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "assistant", "--db", str(old_db), "ask", "行政运行多少"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    shown = out.stdout + out.stderr
    assert "旧版本" in shown and "Traceback" not in shown, shown
