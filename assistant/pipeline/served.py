"""Templates served from the document's own rows: a line of a table by its code or name, a table's
totals, a 科目's children — equality filters over line_items that a composed question runs dozens of
times. Their file declares which whole-document template holds the rows (`served_from`), the
parameters that must equal the same-named columns (`match`) and any fixed column values (`fixed`);
the rows are those of the statement itself, in row order, with the statement's own columns
(tests/test_served_templates.py runs both ways and compares). The statement is still what the
trace lists, marked as served from the document's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sqlglot
from sqlglot import exp

from assistant.errors import TemplateError
from assistant.pipeline.base import Row

if TYPE_CHECKING:
    from assistant.pipeline.templates import Template

Index = dict[tuple[Any, ...], list[Row]]


def selected_columns(sql: str) -> tuple[str, ...]:
    """The names of the columns a statement selects (its rows' keys)."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    if not isinstance(tree, exp.Select):
        raise TemplateError("a served template must be one SELECT")
    return tuple(tree.named_selects)


def check(spec: Template, catalogue: dict[str, Template]) -> None:
    """A served template's declaration is consistent with its statement and its source."""
    source = catalogue.get(spec.served_from or "")
    if source is None or source.row_cap is None:
        raise TemplateError(f"template {spec.name}: served_from must name a whole_document template")
    if set(spec.match) != spec.params - {"doc_id"}:
        raise TemplateError(f"template {spec.name}: match must list exactly its parameters besides :doc_id")
    have = set(selected_columns(source.sql))
    missing = (set(spec.columns) | set(spec.match) | {c for c, _ in spec.fixed}) - have
    if missing:
        raise TemplateError(f"template {spec.name}: {spec.served_from} has no column {sorted(missing)}")


def index_of(spec: Template, kept: dict[str, Any], read: Callable[[str], list[Row]]) -> Index:
    """The statement's rows by its parameters' values, built once per document from the source rows."""
    key = f"{spec.served_from}/{spec.name}"
    index: Index | None = kept.get(key)
    if index is None:
        index = {}
        fixed = dict(spec.fixed)
        for r in read(spec.served_from or ""):
            if all(str(r[c]) == v for c, v in fixed.items()):
                row = {c: r[c] for c in spec.columns}
                index.setdefault(tuple(r[c] for c in spec.match), []).append(row)
        kept[key] = index
    return index


def serve(spec: Template, bound: dict[str, Any], kept: dict[str, Any],
          read: Callable[[str], list[Row]]) -> list[Row]:
    """The statement's rows, looked up in its index."""
    if any(bound[c] is None for c in spec.match):
        return []  # (= NULL holds for no row)
    return index_of(spec, kept, read).get(tuple(bound[c] for c in spec.match), [])
