"""One entity catalogue per document: the same thing under different names/codes in different tables.

`build_entities` runs after every other row of a document is inserted (on the ingest's writable
connection) and fills `entities` + `entity_aliases`. Coded things (功能科目, 经济分类, 单位, 采购品目)
are keyed by code; projects carry no reliable shared code and are matched in `projects`; the
narrative's 类/款/项 paths are resolved in `paths`. Every alias keeps its table and line.
"""

from __future__ import annotations

import duckdb

from assistant.ingest.bulk import append_rows
from assistant.ingest.entities.catalogue import Catalogue
from assistant.ingest.entities.names import NAME_ALONE_MIN, clean, normalise, similarity
from assistant.ingest.entities.paths import FunctionPath, function_paths
from assistant.ingest.entities.projects import add_projects

__all__ = ["FunctionPath", "build_entities", "function_paths", "normalise", "similarity"]

# 预算01/04表 print the 类 of 功能科目 without codes; these tables' uncoded rows are summaries.
SUMMARY_TABLES = ("预算01表", "预算04表")


def _coded(cat: Catalogue, kind: str, rows: list[tuple]) -> None:
    """rows: (code, name, table_id, line_no); the first name seen for a code is canonical."""
    for code, name, table_id, line_no in rows:
        if not code:
            continue
        entity = cat.add(kind, name, code, key=code)
        entity.alias(name, "name", table_id, line_no)
        entity.alias(code, "code", table_id, line_no)


def _functions(con: duckdb.DuckDBPyConnection, doc_id: str, cat: Catalogue) -> None:
    # 预算05表 before 预算03表: its labels are cleaner (no PDF line breaks inside names).
    _coded(
        cat,
        "function",
        con.execute(
            "SELECT code, name, table_id, line_no FROM line_items "
            "WHERE doc_id = ? AND code_kind = 'function' GROUP BY ALL ORDER BY table_id DESC, line_no",
            [doc_id],
        ).fetchall(),
    )
    _coded(
        cat,
        "function",
        con.execute(
            "SELECT func_code, func_name, '预算12表', line_no FROM procurement WHERE doc_id = ? "
            "AND func_code IS NOT NULL ORDER BY line_no",
            [doc_id],
        ).fetchall(),
    )
    for path in function_paths(con, doc_id):
        for level, (name, code) in enumerate(zip(path.names, path.codes, strict=True)):
            if code is not None:
                cat.add("function", name, code, key=code).alias(name, "name", path.part, path.line_no)
            elif level == 2 and path.codes[1] is not None:
                # A 项 the tables do not print (第五部分 may describe more 项 than are used).
                key = f"{path.codes[1]}/{normalise(name)}"
                cat.add("function", name, None, key=key).alias(name, "name", path.part, path.line_no)


def _economics(con: duckdb.DuckDBPyConnection, doc_id: str, cat: Catalogue) -> None:
    _coded(
        cat,
        "economic",
        con.execute(
            "SELECT code, name, table_id, line_no FROM line_items "
            "WHERE doc_id = ? AND code_kind = 'economic' ORDER BY table_id, line_no",
            [doc_id],
        ).fetchall(),
    )
    _coded(
        cat,
        "economic",
        con.execute(
            "SELECT econ_code, econ_name, '预算12表', line_no FROM procurement WHERE doc_id = ? "
            "AND econ_code IS NOT NULL ORDER BY line_no",
            [doc_id],
        ).fetchall(),
    )


def _units(con: duckdb.DuckDBPyConnection, doc_id: str, cat: Catalogue) -> None:
    _coded(
        cat,
        "unit",
        con.execute(
            "SELECT code, name, table_id, line_no FROM line_items WHERE doc_id = ? AND code_kind = 'unit' "
            "GROUP BY ALL ORDER BY table_id, line_no",
            [doc_id],
        ).fetchall(),
    )
    _coded(
        cat,
        "unit",
        con.execute(
            "SELECT unit_code, unit_name, '预算12表', line_no FROM procurement WHERE doc_id = ? "
            "AND unit_code IS NOT NULL ORDER BY line_no",
            [doc_id],
        ).fetchall(),
    )
    # Uncoded unit names (预算11表 项目单位, 预算14表 部门名称) join the most similar coded unit.
    named = con.execute(
        "SELECT DISTINCT extra, table_id, line_no FROM line_items WHERE doc_id = ? AND table_id = '预算11表' "
        "AND extra IS NOT NULL UNION ALL SELECT value, table_id, line_no FROM perf_header "
        "WHERE doc_id = ? AND field LIKE '%名称%' ORDER BY 3",
        [doc_id, doc_id],
    ).fetchall()
    units = cat.of_kind("unit")
    for name, table_id, line_no in named:
        # the unit of that very name first (武汉市…商务局本级 is the 本级 unit, not the department
        # whose name it contains), then the closest in length, then the broader unit
        scored = [(similarity(name, u.canonical_name), name == u.canonical_name,
                   -abs(len(name) - len(u.canonical_name)), -len(u.code or ""), u) for u in units]
        if scored:
            score, *_, best = max(scored, key=lambda s: s[:4])
            if score >= NAME_ALONE_MIN:
                best.alias(name, "name", table_id, line_no)


def _numbered(cat: Catalogue, kind: str, rows: list[tuple], merge: tuple[str, ...] = ()) -> None:
    """rows: (name, table_id, line_no); one entity per distinct cleaned name, unless the name is
    already an alias of an entity of a kind in `merge`."""
    by_name: dict[str, str] = {}
    for name, table_id, line_no in rows:
        if not clean(name):
            continue
        target = cat.by_name(name, merge) if merge else None
        if target is None:
            key = clean(name) if kind in ("indicator", "term") else normalise(name)
            entity_id = by_name.get(key)
            target = cat.get(entity_id) if entity_id else cat.add(kind, name)
            by_name[key] = target.entity_id
        target.alias(name, "name", table_id, line_no)


def build_entities(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Fill `entities` and `entity_aliases` for one ingested document (replacing earlier rows)."""
    cat = Catalogue()
    _functions(con, doc_id, cat)
    _economics(con, doc_id, cat)
    _units(con, doc_id, cat)
    _coded(
        cat,
        "procurement",
        con.execute(
            "SELECT item_code, item_name, '预算12表', line_no FROM procurement WHERE doc_id = ? "
            "AND item_code IS NOT NULL ORDER BY line_no",
            [doc_id],
        ).fetchall(),
    )
    add_projects(con, doc_id, cat)
    _numbered(
        cat,
        "detail",
        con.execute(
            "SELECT content, table_id, line_no FROM form_details WHERE doc_id = ? ORDER BY line_no", [doc_id]
        ).fetchall(),
    )
    _numbered(
        cat,
        "indicator",
        con.execute(
            "SELECT name, table_id, line_no FROM indicators WHERE doc_id = ? ORDER BY line_no", [doc_id]
        ).fetchall(),
    )
    _numbered(
        cat,
        "term",
        con.execute(
            "SELECT term, '第五部分', line_no FROM glossary WHERE doc_id = ? AND kind = 'term' "
            "ORDER BY line_no",
            [doc_id],
        ).fetchall(),
    )
    _numbered(
        cat,
        "summary",
        con.execute(
            # Tie-break in print order: a line holds a 收入 and a 支出 row, and entity ids must not
            # depend on DuckDB's parallel grouping.
            "SELECT name, table_id, line_no FROM line_items WHERE doc_id = ? AND code IS NULL "
            "AND table_id IN (?, ?) GROUP BY name, table_id, line_no ORDER BY line_no, min(row_seq), name",
            [doc_id, *SUMMARY_TABLES],
        ).fetchall(),
        merge=("function",),
    )
    _numbered(
        cat,
        "narrative",
        con.execute(
            "SELECT subject, part, min(line_no) FROM narrative_facts WHERE doc_id = ? "
            "GROUP BY subject, part ORDER BY 3, min(rowid), subject",
            [doc_id],
        ).fetchall(),
        merge=("project", "function", "economic", "summary", "procurement"),
    )
    _write(con, doc_id, cat)


def _write(con: duckdb.DuckDBPyConnection, doc_id: str, cat: Catalogue) -> None:
    con.execute("DELETE FROM entity_aliases WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM entities WHERE doc_id = ?", [doc_id])
    if not cat.items:
        return
    append_rows(
        con,
        "entities",
        ("doc_id", "entity_id", "kind", "canonical_name", "code"),
        ((doc_id, e.entity_id, e.kind, e.canonical_name, e.code) for e in cat.items.values()),
    )
    append_rows(
        con,
        "entity_aliases",
        ("doc_id", "entity_id", "alias", "alias_kind", "table_id", "line_no"),
        ((doc_id, e.entity_id, a, k, t, n) for e in cat.items.values() for a, k, t, n in e.aliases),
    )
