"""Helpers shared by the reliability tests (property, hostile, concurrency, CLI contract).

Not a test module: it holds the checks every answer must pass, whatever the input, and the
loaders for the questions the tests replay.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from assistant.models import Answer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATES_DIR = ROOT / "assistant" / "pipeline" / "templates"
BENCH_QUESTIONS = ROOT / "bench" / "questions.txt"

STATUSES = frozenset({"answered", "clarify", "unanswerable"})
CONTRACT_KEYS = frozenset({"id", "status", "text", "values", "citations", "sql", "candidates", "suggestions"})

CJK = re.compile(r"[\u4e00-\u9fff]")
# What must never reach a user: tracebacks, exception class names, library internals.
LEAK = re.compile(
    r"Traceback|File \"|\bline \d+, in\b|\b[A-Z][A-Za-z]*(?:Error|Exception)\b"
    r"|\bduckdb\.|\bsqlglot\.|\bpydantic\b|Binder Error|Catalog Error|Parser Error",
)


class _ErrorLog(logging.Handler):
    """Collects ERROR records of the `assistant` loggers: `ask` turns an exception into a calm
    reply and logs it, so the log is the only place an internal crash is visible."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self.records.append(record)

    def take(self) -> list[str]:
        with self._guard:
            out = [self.format(r) for r in self.records]
            self.records.clear()
        return out


ERROR_LOG = _ErrorLog()
ERROR_LOG.setFormatter(logging.Formatter("%(name)s: %(message)s"))
logging.getLogger("assistant").addHandler(ERROR_LOG)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contract_json(answer: Answer) -> str:
    """The batch contract of an answer as canonical JSON (for equality across runs)."""
    return json.dumps(answer.contract(), ensure_ascii=False, sort_keys=True)


def leaks(text: str) -> list[str]:
    return [m.group(0) for m in LEAK.finditer(text)]


def check_answer(answer: object, *, context: str = "") -> None:
    """The contract every answer meets, for any input at all."""
    where = f" for {context!r}" if context else ""
    assert isinstance(answer, Answer), f"ask() returned {type(answer).__name__}{where}"
    assert answer.status in STATUSES, f"status {answer.status!r}{where}"
    assert isinstance(answer.text, str) and answer.text.strip(), f"empty answer text{where}"
    assert CJK.search(answer.text), f"answer text has no Chinese: {answer.text!r}{where}"
    assert not leaks(answer.text), f"internal detail leaked {leaks(answer.text)}: {answer.text!r}{where}"
    assert len(answer.text) <= 3000, f"answer text {len(answer.text)} chars{where}"
    if answer.status == "unanswerable":
        assert not answer.values, f"unanswerable answer states figures {answer.values}{where}"
    if answer.status == "clarify":
        assert answer.candidates or "？" in answer.text or "?" in answer.text, f"clarify asks nothing{where}"
    contract = answer.contract()
    assert set(contract) >= CONTRACT_KEYS, f"contract keys {sorted(contract)}{where}"
    json.dumps(contract, ensure_ascii=False)  # serialisable
    bad = non_template_sql(answer.sql)
    assert not bad, f"executed SQL that is no named template{where}: {bad}"
    crashes = ERROR_LOG.take()
    assert not crashes, f"ask() hid an internal error{where}:\n{crashes[0][-3000:]}"


# --- the template registry -------------------------------------------------------------------


def _sql_strings(node: Any) -> Iterator[str]:
    """Every string stored under a key called `sql` in a parsed TOML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sql" and isinstance(value, str):
                yield value
            else:
                yield from _sql_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sql_strings(item)


def _registry_sql() -> list[str]:
    """SQL of every named template, from the pipeline's registry when it exposes one."""
    try:
        from assistant.pipeline import templates as module
    except ImportError:
        return []
    found: list[str] = []
    for attr in ("load_templates", "TEMPLATES", "REGISTRY", "templates"):
        registry = getattr(module, attr, None)
        if callable(registry) and not isinstance(registry, dict):
            try:
                registry = registry()
            except TypeError:
                continue
        if isinstance(registry, dict):
            for value in registry.values():
                sql = value if isinstance(value, str) else getattr(value, "sql", None)
                if isinstance(sql, str):
                    found.append(sql)
    return found


def normalise_sql(sql: str) -> str:
    """A statement's shape: literals and parameters blanked, LIMIT removed, one spelling.

    The runner may record the statement after the guard (LIMIT row cap added, re-generated by
    sqlglot) and with or without bound values; the shape is the same in every case.
    """
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError:
        return " ".join(sql.split()).lower()

    def blank(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Limit | exp.Offset):
            return None  # type: ignore[return-value]
        if isinstance(node, exp.Literal | exp.Placeholder | exp.Parameter | exp.Null | exp.Boolean):
            return exp.Placeholder()
        if isinstance(node, exp.Tuple) and node.expressions and all(
            isinstance(e, exp.Literal | exp.Placeholder | exp.Parameter) for e in node.expressions
        ):
            return exp.Placeholder()
        return node

    tree = tree.transform(blank)
    if isinstance(tree, exp.Query):
        tree.set("limit", None)
        tree.set("offset", None)
    # IN (?, ?, ?) and IN (?) are the same template with a list bound.
    for node in tree.find_all(exp.In):
        values = node.args.get("expressions") or []
        if values and all(isinstance(v, exp.Placeholder) for v in values):
            node.set("expressions", [exp.Placeholder()])
    return " ".join(tree.sql(dialect="duckdb").split()).lower()


@cache
def template_shapes() -> frozenset[str]:
    sqls = list(_registry_sql())
    for path in sorted(TEMPLATES_DIR.glob("*.toml")):
        sqls.extend(_sql_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    return frozenset(normalise_sql(s) for s in sqls)


def non_template_sql(statements: Iterable[str]) -> list[str]:
    shapes = template_shapes()
    return [s for s in statements if normalise_sql(s) not in shapes]


# --- questions to replay -----------------------------------------------------------------------


def _turns(case: object) -> list[str] | None:
    turns = case.get("turns") if isinstance(case, dict) else None
    if isinstance(turns, list) and turns and all(isinstance(t, str) for t in turns):
        return turns
    return None


def fixture_conversations() -> list[list[str]]:
    """Every conversation of the question fixtures (tests/fixtures/**/*.toml and *.jsonl cases
    with `turns`), then bench/questions.txt; duplicates dropped, order kept."""
    found: list[list[str]] = []
    for path in sorted(FIXTURES.rglob("*.toml")):
        if path.name == "hostile.toml":
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError:
            continue  # another engineer's file mid-edit: skip rather than fail here
        found.extend(t for case in data.get("case", []) if (t := _turns(case)))
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                turns = _turns(json.loads(line)) if line.strip() else None
            except json.JSONDecodeError:
                continue
            if turns:
                found.append(turns)
    found.extend(bench_conversations())
    seen: set[tuple[str, ...]] = set()
    unique = []
    for turns in found:
        if tuple(turns) not in seen:
            seen.add(tuple(turns))
            unique.append(turns)
    return unique


def bench_questions() -> list[str]:
    """Lines of bench/questions.txt: one question, or the turns of a conversation joined by `|`."""
    out = []
    for line in BENCH_QUESTIONS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def bench_conversations() -> list[list[str]]:
    return [q.split("|") for q in bench_questions()]
