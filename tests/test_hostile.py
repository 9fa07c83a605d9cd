"""Hostile input (cases as data in fixtures/hostile.toml) and the read-only end of the pipeline.

Every case is asked on a private copy of the seed database. Each must get a calm Chinese reply
(no traceback, no exception names), run only named-template SQL, state no figure when it is
clearly not a question, and leave the database file byte-identical.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb
import pytest
from reliability_support import FIXTURES, check_answer, sha256_file

from assistant.database import connect_readonly
from assistant.settings import SETTINGS

CASES: list[dict[str, Any]] = tomllib.loads((FIXTURES / "hostile.toml").read_text(encoding="utf-8"))["case"]


def _text(case: dict[str, Any]) -> str:
    return case["text"] * int(case.get("repeat", 1))


@pytest.fixture(scope="module")
def hostile_db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


@pytest.fixture(scope="module")
def hostile_bot(hostile_db: Path) -> Iterator[Any]:
    from assistant.service import Assistant

    before = sha256_file(hostile_db)
    bot = Assistant.open(hostile_db)
    yield bot
    close = getattr(bot, "close", None)
    if callable(close):
        close()
    assert sha256_file(hostile_db) == before, "the database file changed during the hostile suite"


def test_fixture_is_large_enough() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert sum(bool(c.get("refuse")) for c in CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case: dict[str, Any], hostile_bot: Any, hostile_db: Path) -> None:
    text = _text(case)
    before = sha256_file(hostile_db)
    answer = hostile_bot.ask(text, hostile_bot.new_conversation())
    check_answer(answer, context=case["id"])
    if case.get("refuse"):
        assert answer.status == "unanswerable", f"{case['id']}: {answer.status} — {answer.text}"
        assert answer.values == [], f"{case['id']}: states figures {answer.values}"
    if len(text) > SETTINGS.max_question_chars:
        assert answer.sql == [], f"{case['id']}: over-length input reached the database"
    assert sha256_file(hostile_db) == before, f"{case['id']}: the database file changed"
    wal = hostile_db.with_name(hostile_db.name + ".wal")
    assert not wal.exists(), f"{case['id']}: a write-ahead log appeared next to the database"


def test_hostile_follow_ups_in_one_conversation(hostile_bot: Any) -> None:
    """Hostile turns after a real question must not poison the conversation state."""
    conv = hostile_bot.new_conversation()
    first = hostile_bot.ask("科学技术支出多少", conv)
    check_answer(first)
    for case in CASES:
        check_answer(hostile_bot.ask(_text(case), conv), context=f"follow-up {case['id']}")
    again = hostile_bot.ask("科学技术支出多少", hostile_bot.new_conversation())
    assert again.contract() == first.contract(), "the same question answered differently afterwards"


# --- the read-only end, checked end to end ------------------------------------------------------


def test_readonly_connection_refuses_writes(hostile_db: Path) -> None:
    before = sha256_file(hostile_db)
    con = connect_readonly(hostile_db)
    try:
        for statement in (
            "CREATE TABLE evil (i INTEGER)",
            "DELETE FROM line_items",
            "UPDATE documents SET year = 1999",
            "DROP TABLE line_items",
            "INSERT INTO glossary VALUES ('x', 'x', 'x', 'term', NULL, 1)",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement)
        cur = con.cursor()  # what each thread uses: read-only as well
        with pytest.raises(duckdb.Error):
            cur.execute("CREATE TABLE evil (i INTEGER)")
    finally:
        con.close()
    assert sha256_file(hostile_db) == before


def _connections(obj: Any, depth: int = 0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The DuckDB connections an Assistant holds (found by walking its attributes)."""
    if isinstance(obj, duckdb.DuckDBPyConnection):
        yield obj
        return
    if depth > 2 or not hasattr(obj, "__dict__"):
        return
    for value in vars(obj).values():
        yield from _connections(value, depth + 1)


def test_assistant_connection_is_readonly(hostile_bot: Any, hostile_db: Path) -> None:
    before = sha256_file(hostile_db)
    cons = list(_connections(hostile_bot))
    if not cons:
        pytest.skip("the Assistant exposes no DuckDB connection attribute to probe")
    for con in cons:
        with pytest.raises(duckdb.Error):
            con.cursor().execute("CREATE TABLE evil (i INTEGER)")
    assert sha256_file(hostile_db) == before


def _runner(bot: Any) -> Any:
    for name in ("runner", "_runner"):
        runner = getattr(bot, name, None)
        if callable(runner) and not callable(getattr(runner, "run", None)):
            runner = runner()  # Assistant.runner() makes a QueryRunner per question
        if runner is not None and callable(getattr(runner, "run", None)):
            return runner
    try:
        from assistant.pipeline import execute
    except ImportError:
        return None
    factory = getattr(execute, "Runner", None) or getattr(execute, "TemplateRunner", None)
    if factory is None:
        return None
    for args in ((bot,), ()):
        try:
            return factory(*args)
        except TypeError:
            continue
    return None


HOSTILE_STATEMENTS = [
    "DROP TABLE line_items",
    "SELECT * FROM line_items; DROP TABLE documents",
    "ATTACH '/tmp/evil.db' AS y",
    "SELECT * FROM read_csv('/etc/passwd')",
    "amount; DROP TABLE line_items",
]


@pytest.mark.parametrize("statement", HOSTILE_STATEMENTS)
def test_runner_refuses_non_template(hostile_bot: Any, hostile_db: Path, statement: str) -> None:
    """A statement handed to the runner in place of a template name is refused as an unknown
    template, never run."""
    from assistant.errors import TemplateError

    runner = _runner(hostile_bot)
    if runner is None:
        pytest.skip("no runner reachable from the Assistant")
    before = sha256_file(hostile_db)
    with pytest.raises(TemplateError, match="unknown template"):
        runner.run(statement)
    assert sha256_file(hostile_db) == before


@pytest.mark.parametrize("statement", HOSTILE_STATEMENTS)
def test_hostile_statement_as_a_template_is_rejected_by_the_guard(tmp_path: Path, statement: str) -> None:
    """The same statements written into a template file: the guard (not the name lookup) must
    refuse them when the catalogue loads. (The runner test above cannot tell a guard that lets
    them through from one that does not: an unknown name is refused either way.)"""
    from assistant.errors import QueryRejected, TemplateError
    from assistant.pipeline.templates import load_templates

    (tmp_path / "evil.toml").write_text(f"[evil]\nsql = {json.dumps(statement)}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="rejected by the guard") as info:
        load_templates(tmp_path)
    assert isinstance(info.value.__cause__, QueryRejected), repr(info.value.__cause__)


INJECTIONS = [
    "'; DROP TABLE line_items; --",
    "1 OR 1=1",
    "x' UNION SELECT sha256 FROM documents --",
    "$doc_id",
    ":doc_id",
    "\x00",
]


def test_hostile_values_bound_into_every_template(hostile_bot: Any, hostile_db: Path) -> None:
    """Every named template, every parameter bound to injection text: data, never SQL."""
    from assistant.errors import AssistantError

    runner = _runner(hostile_bot)
    templates = getattr(runner, "templates", None)
    if not isinstance(templates, dict):
        pytest.skip("the runner exposes no template catalogue")
    before = sha256_file(hostile_db)
    count_sql = "SELECT count(*) FROM line_items"
    with closing(connect_readonly(hostile_db)) as con:
        rows_before = con.execute(count_sql).fetchone()
    ran = 0
    for name, spec in templates.items():
        params = sorted(set(getattr(spec, "params", ())) - {"doc_id"})
        for value in INJECTIONS:
            try:
                rows = runner.run(name, **dict.fromkeys(params, value))
            except (duckdb.Error, AssistantError):
                continue  # a type mismatch (text into an INTEGER parameter) is refused: fine
            assert isinstance(rows, list)
            ran += 1
    assert ran > 0
    assert sha256_file(hostile_db) == before
    with closing(connect_readonly(hostile_db)) as con:
        assert con.execute(count_sql).fetchone() == rows_before
