"""The SQL guard: every statement is parsed with sqlglot before it may run.

Allowed: exactly one SELECT (set operations of SELECTs and CTEs included) over the schema's
tables, calling only allow-listed functions, with a LIMIT no larger than the row cap (added
when missing). Everything else raises `QueryRejected`. The templates are checked once at
start-up, so a rejected template is a bug found before any user asks anything.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from assistant.errors import QueryRejected
from assistant.settings import SETTINGS

logging.getLogger("sqlglot").setLevel(logging.ERROR)  # its "falling back to Command" warnings

SCHEMA = Path(__file__).resolve().parent.parent / "schema.sql"

ALLOWED_FUNCTIONS = frozenset(
    {
        # aggregates and window functions
        "sum", "count", "min", "max", "avg", "anyvalue", "first", "groupconcat", "logicalor",
        "logicaland", "rownumber", "rank", "denserank",
        # scalar arithmetic and conditionals
        "round", "abs", "floor", "ceil", "coalesce", "nullif", "greatest", "least", "case",
        "if", "cast", "trycast", "and", "or", "not",
        # strings (names, labels, codes)
        "lower", "upper", "length", "concat", "dpipe", "substring", "trim", "replace",
        "strposition", "startswith", "contains", "left", "right", "levenshtein",
        "regexpreplace",
    }
)

# Statement or clause types that are never part of a read-only question.
_FORBIDDEN = tuple(
    getattr(exp, name)
    for name in (
        "Insert", "Update", "Delete", "Drop", "Create", "Alter", "Command", "Pragma", "Set",
        "Attach", "Detach", "Copy", "Use", "Transaction", "Commit", "Rollback", "Merge",
        "Into", "LoadData", "Export", "Install", "Describe", "Show", "Grant", "TruncateTable",
        "Kill", "Summarize", "Cache", "Uncache", "Refresh",
    )
    if hasattr(exp, name)
)


@lru_cache(maxsize=1)
def schema_tables() -> frozenset[str]:
    """The allow-list: the tables schema.sql creates (nothing else exists for questions)."""
    text = SCHEMA.read_text(encoding="utf-8")
    return frozenset(m.lower() for m in re.findall(r"CREATE TABLE\s+(\w+)", text, re.IGNORECASE))


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return type(node).__name__.lower()


def _check_tables(tree: exp.Expression, allowed: frozenset[str]) -> None:
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise QueryRejected(f"table expression not allowed: {table.sql()}")
        if table.args.get("db") or table.args.get("catalog"):
            raise QueryRejected(f"qualified table not allowed: {table.sql()}")
        name = table.name.lower()
        if name not in allowed and name not in ctes:
            raise QueryRejected(f"table not allowed: {name}")
        if name in ctes and name in allowed:
            # A CTE shadowing a real table name would hide what the query reads.
            raise QueryRejected(f"CTE may not shadow table {name}")


def _check_functions(tree: exp.Expression) -> None:
    for node in tree.find_all(exp.Func):
        name = _function_name(node)
        if name not in ALLOWED_FUNCTIONS:
            raise QueryRejected(f"function not allowed: {name}")


def _apply_limit(tree: exp.Expression, cap: int) -> exp.Expression:
    limit = tree.args.get("limit")
    if limit is None:
        return tree.limit(cap) if hasattr(tree, "limit") else tree
    value = limit.expression if isinstance(limit, exp.Limit) else None
    if isinstance(value, exp.Literal) and value.is_int and int(value.name) <= cap:
        return tree
    limit.set("expression", exp.Literal.number(cap))
    return tree


def check(sql: str, *, row_cap: int | None = None, tables: frozenset[str] | None = None) -> str:
    """Return the statement as it may run (with its LIMIT), or raise QueryRejected."""
    cap = row_cap or SETTINGS.row_cap
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except SqlglotError as exc:
        raise QueryRejected(f"cannot parse: {exc}") from exc
    if len(statements) != 1:
        raise QueryRejected(f"exactly one statement expected, got {len(statements)}")
    tree = statements[0]
    if not isinstance(tree, (exp.Select, exp.Union, exp.Intersect, exp.Except)):
        raise QueryRejected(f"only SELECT is allowed, got {type(tree).__name__}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise QueryRejected(f"{type(node).__name__} is not allowed")
    _check_tables(tree, tables or schema_tables())
    _check_functions(tree)
    return _apply_limit(tree, cap).sql(dialect="duckdb", comments=False)
