"""The connection questions use: read-only, no external access, a memory cap, a time limit per
statement, and a configuration no statement can change.

Before: a plain `duckdb.connect(path, read_only=True)` with DuckDB's defaults — read_csv/glob
and ATTACH reached the file system, no memory cap, and a statement could run for ever.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import duckdb
import pytest

from assistant.database import WATCHDOG, connect_readonly
from assistant.errors import AssistantError
from assistant.pipeline import execute
from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.templates import Template
from assistant.settings import SETTINGS

HEAVY = "SELECT count(*) AS n FROM range(1000000000000) a"


@pytest.fixture(scope="module")
def con(seed_db: Path):
    c = connect_readonly(seed_db)
    yield c
    c.close()


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/*')",
        "ATTACH '/tmp/evil.duckdb' AS evil",
        "COPY documents TO '/tmp/leak.csv'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET memory_limit = '64GB'",
        "RESET memory_limit",
        "SET lock_configuration = false",
        "CREATE TABLE evil (i INTEGER)",
        "CREATE TABLE memory.evil (i INTEGER)",
        "DETACH budget",
    ],
)
def test_statement_is_refused_by_the_connection(con, statement: str) -> None:
    """These never get past the guard; the connection refuses them on its own as well."""
    cur = con.cursor()
    try:
        with pytest.raises(duckdb.Error):
            cur.execute(statement)
    finally:
        cur.close()


def test_settings_are_in_force(con) -> None:
    cur = con.cursor()
    try:
        external, memory = cur.execute(
            "SELECT current_setting('enable_external_access'), current_setting('memory_limit')"
        ).fetchone()
        rows = cur.execute("SELECT count(*) FROM documents").fetchone()
    finally:
        cur.close()
    assert external is False
    assert memory.endswith("MiB") and float(memory.split()[0]) < 1024, memory  # 512MB, not 80% of RAM
    assert rows == (1,)


def test_watchdog_interrupts_a_long_statement(con) -> None:
    cur = con.cursor()
    t0 = time.monotonic()
    try:
        with pytest.raises(duckdb.InterruptException), WATCHDOG.limit(cur, 0.3):
            cur.execute(HEAVY).fetchall()
    finally:
        cur.close()
    assert time.monotonic() - t0 < 5


def test_runner_turns_the_timeout_into_a_chinese_message(con, monkeypatch) -> None:
    monkeypatch.setattr(execute, "SETTINGS", dataclasses.replace(SETTINGS, query_timeout_seconds=0.3))
    heavy = Template("heavy", HEAVY, frozenset(), "slow on purpose", "test")
    runner = QueryRunner(con, {"heavy": heavy}, "doc", 2026, {})
    with pytest.raises(AssistantError) as info:
        runner.run("heavy")
    assert "查询用时过长" in info.value.user_message


def test_fast_statements_are_not_interrupted_later(con) -> None:
    """A statement that finished in time is never interrupted afterwards (its deadline is
    dropped), even when the cursor is reused."""
    cur = con.cursor()
    try:
        for _ in range(50):
            with WATCHDOG.limit(cur, 0.05):
                cur.execute("SELECT count(*) FROM line_items").fetchone()
        time.sleep(0.2)
        assert cur.execute("SELECT 1").fetchone() == (1,)
    finally:
        cur.close()


def test_document_only_rows_are_read_once_and_never_stand_for_another_query(bot) -> None:
    """Rows of a template whose only parameter is the document are the document's own data: read
    once per Assistant; a template with other parameters is read for each set of parameters."""
    first = bot.runner()
    first.cache = None  # no per-question cache: what is kept is the document's rows alone
    facts = first.run("narr_facts")
    second = bot.runner()
    second.cache = None
    assert second.run("narr_facts") == facts
    assert [e.template for e in second.executed] == ["narr_facts"]
    assert "narr_facts" in bot._document_rows
    one = second.run("li_by_code", table_id="预算05表", code="221")
    other = second.run("li_by_code", table_id="预算05表", code="206")
    assert one and other and one != other
    assert "li_by_code" not in bot._document_rows
