"""The SQL guard: exactly one SELECT over allowed tables with allowed functions, LIMIT enforced."""

from __future__ import annotations

import pytest

from assistant.errors import QueryRejected
from assistant.pipeline.guard import check
from assistant.pipeline.templates import load_templates

GOOD = [
    "SELECT name, amount FROM line_items WHERE doc_id = :doc_id AND code = :code ORDER BY row_seq",
    "SELECT SUM(amount) AS s, COUNT(*) AS n FROM line_items WHERE doc_id = $doc_id",
    "WITH t AS (SELECT code, amount FROM line_items) SELECT * FROM t",
    "SELECT a.name FROM line_items a JOIN report_tables r ON a.table_id = r.table_id "
    "UNION ALL SELECT item_name FROM procurement",
    "SELECT ROUND(100.0 * SUM(amount) / NULLIF(MAX(amount), 0), 2), COALESCE(LOWER(name), '') "
    "FROM line_items WHERE name LIKE '%' || :q || '%'",
    "SELECT CASE WHEN amount IS NULL THEN 0 ELSE amount END FROM line_items -- trailing comment",
    "SELECT /* inline comment */ title FROM report_tables WHERE contains(title, :topic)",
    "SELECT ABS(amount - :amount) < 0.005 FROM procurement",
]

BAD = [
    ("drop", "DROP TABLE line_items"),
    ("attach", "ATTACH '/tmp/x.db' AS x"),
    ("detach", "DETACH x"),
    ("copy", "COPY line_items TO '/tmp/out.csv'"),
    ("export", "EXPORT DATABASE '/tmp/x'"),
    ("insert", "INSERT INTO line_items VALUES (1)"),
    ("update", "UPDATE line_items SET amount = 0"),
    ("delete", "/* harmless? */ DELETE FROM line_items"),
    ("create", "CREATE TABLE x AS SELECT 1"),
    ("select-into", "SELECT 1 INTO x"),
    ("pragma", "PRAGMA database_list"),
    ("set", "SET threads = 1"),
    ("call", "CALL pragma_version()"),
    ("install", "INSTALL httpfs"),
    ("load", "LOAD httpfs"),
    ("multi-statement", "SELECT 1; DROP TABLE line_items"),
    ("multi-after-comment", "SELECT * FROM line_items /* ; */ ; DROP TABLE x"),
    ("read_csv", "SELECT * FROM read_csv('/etc/passwd')"),
    ("read_csv-join", "SELECT * FROM line_items, read_csv('/etc/passwd')"),
    ("read_parquet", "SELECT * FROM read_parquet('x.parquet')"),
    ("read_json-subquery", "SELECT * FROM (SELECT * FROM read_json('x'))"),
    ("glob", "SELECT * FROM glob('/*')"),
    ("file-as-table", "SELECT * FROM '/etc/passwd'"),
    ("read_text-call", "SELECT read_text('/etc/passwd')"),
    ("getenv", "SELECT getenv('HOME')"),
    ("current_setting", "SELECT (SELECT current_setting('threads'))"),
    ("table-function", "SELECT * FROM duckdb_settings()"),
    ("sqlite_scan", "SELECT * FROM sqlite_scan('x.db', 't')"),
    ("query-function", "SELECT query('SELECT 1')"),
    ("table-not-allowed", "SELECT * FROM secrets"),
    ("qualified", "SELECT * FROM main.line_items"),
    ("information-schema", "SELECT * FROM information_schema.tables"),
    ("cte-shadow", "WITH line_items AS (SELECT 1 AS x) SELECT * FROM line_items"),
    ("cte-smuggle", "WITH t AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM t"),
    ("empty", ""),
    ("garbage", "EXPLODE ALL THE THINGS"),
]


@pytest.mark.parametrize("sql", GOOD)
def test_good_statements_pass_with_a_limit(sql: str) -> None:
    out = check(sql, row_cap=500)
    assert out.upper().startswith(("SELECT", "WITH"))
    assert "LIMIT 500" in out


@pytest.mark.parametrize("name,sql", BAD, ids=[b[0] for b in BAD])
def test_bad_statements_are_rejected(name: str, sql: str) -> None:
    with pytest.raises(QueryRejected):
        check(sql)


def test_limit_is_capped_not_raised() -> None:
    assert "LIMIT 500" in check("SELECT name FROM line_items LIMIT 100000", row_cap=500)
    assert "LIMIT 10" in check("SELECT name FROM line_items LIMIT 10", row_cap=500)


def test_every_template_passes_the_guard_and_names_its_params() -> None:
    templates = load_templates()
    assert templates, "no templates loaded"
    for t in templates.values():
        assert check(t.sql) and "LIMIT" in t.sql
        assert all(p.isidentifier() for p in t.params)
