"""Rows of one document of a titled layout (shanghai-9 …), checked before anything is written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

from assistant.errors import IngestError
from assistant.ingest.catalog import TableSpan
from assistant.ingest.layouts import Layout
from assistant.ingest.rows import Pending, queue, report_counts, report_row, rows_per_table
from assistant.ingest.sources import document_row, source_rows
from assistant.ingest.titled import document_head, parse_tables, spans
from assistant.ingest.titled_forms import extract as extract_forms
from assistant.ingest.titled_narrative import extract as extract_narrative


def _validate(
    layout: Layout, file: str, lines: list[str], tables: list[TableSpan], items: list[dict]
) -> None:
    """A truncated file or a table whose header was not understood fails here, naming a line."""
    core = {spec.role for spec in layout.tables if spec.core}
    for t in tables:
        if t.table_id not in core:
            continue
        if not t.present:
            raise IngestError(
                file, len(lines), f"表「{t.title}」（文档可能被截断）", f"the table {t.title} (truncated?)"
            )
        if not t.has_rows:
            raise IngestError(file, t.title_line, f"「{t.title}」的数据行", f"data rows in {t.title}")
    first = next(t for t in tables if t.table_id in core)
    totals = {
        r["side"]
        for r in items
        if r["table_id"] == first.table_id and r["level"] == "总计" and r["amount"] is not None
    }
    if first.table_id == "预算01表" and not {"收入", "支出"} <= totals:
        raise IngestError(
            file, first.line_end, f"「{first.title}」的收入总计和支出总计", "income and expenditure totals"
        )


def build_rows(layout: Layout, lines: list[str], file: str) -> tuple[dict, dict[str, list[dict]]]:
    """(documents row fields, rows per table) of one document."""
    department, year = document_head(layout, lines, file)
    tables, parts, forms = spans(layout, lines)
    units = Counter(t.unit for t in tables if t.present and t.unit)
    if not units:
        raise IngestError(file, None, "表格的「单位：元」行", "a table unit line such as 单位：元")
    doc_unit = units.most_common(1)[0][0]
    items = parse_tables(layout, lines, tables, doc_unit, file)
    _validate(layout, file, lines, tables, items)
    texts = extract_narrative(layout, lines, parts, year, department)
    form_rows = extract_forms(layout.forms, lines, forms, year) if layout.forms is not None and forms else {}
    rows: dict[str, list[dict]] = {
        "line_items": items,
        **texts,
        **form_rows,
        "report_tables": [report_row(t) for t in [*tables, *_forms_whole(forms), *forms]],
    }
    return {"department": department, "year": year, "unit": doc_unit, "layout": layout.name}, rows


def _forms_whole(forms: list[TableSpan]) -> list[TableSpan]:
    """The per-project forms listed as one table too (预算15表), as the seed's catalogue lists them."""
    if not forms:
        return []
    first = forms[0]
    whole = TableSpan(first.table_id.rsplit("-", 1)[0], first.seq, first.title, True,
                      line_start=first.line_start, line_end=forms[-1].line_end, title_line=first.title_line)
    whole.unit, whole.has_rows = first.unit, any(f.has_rows for f in forms)
    return [whole]


def titled_rows(
    path: Path, lines: list[str], pages: list[int] | None, kind: str, layout: Layout
) -> tuple[Pending, dict]:
    """Rows to insert per table, and the ingest report's counts, of one document of the layout."""
    head, rows = build_rows(layout, lines, path.name)
    pending: Pending = {}
    queue(pending, "documents", [document_row(path, lines, head, kind)])
    queue(pending, "source_lines", source_rows(lines, pages))
    for table, table_rows in rows.items():
        queue(pending, table, table_rows)
    items = rows.get("line_items", [])
    own = {spec.role for spec in layout.tables}
    return pending, report_counts(
        head["department"],
        head["year"],
        items,
        rows.get("paragraphs", []),
        rows_per_table(items),
        layout=layout.name,
        tables_listed=len(layout.tables),  # the layout's tables stand for the list it has none of
        tables_found=sum(
            1 for t in rows.get("report_tables", []) if t["present"] and t["table_id"] in own
        ),
        forms=sum(1 for t in rows.get("report_tables", []) if "-" in t["table_id"]),
    )


def adjust_catalogue(con: duckdb.DuckDBPyConnection, doc_id: str, layout: Layout) -> None:
    """Parts kept out of the catalogue, and the layout's short aliases of the names left."""
    for part in {p.part for p in layout.parts if not p.catalogue}:
        con.execute("DELETE FROM entity_aliases WHERE doc_id = ? AND table_id = ?", [doc_id, part])
    con.execute(
        "DELETE FROM entities e WHERE doc_id = ? AND NOT EXISTS (SELECT 1 FROM entity_aliases a "
        "WHERE a.doc_id = e.doc_id AND a.entity_id = e.entity_id)",
        [doc_id],
    )
    if not layout.aliases:
        return
    rows = con.execute(
        "SELECT entity_id, alias, table_id, line_no FROM entity_aliases "
        "WHERE doc_id = ? AND alias_kind = 'name'",
        [doc_id],
    ).fetchall()
    taken = {(e, a) for e, a, _, _ in rows}
    extra = []
    for entity_id, alias, table_id, line_no in rows:
        for pattern, template in layout.aliases:
            m = pattern.fullmatch(alias)
            short = m.expand(template) if m else None
            if short and (entity_id, short) not in taken:
                taken.add((entity_id, short))
                extra.append([doc_id, entity_id, short, "name", table_id, line_no])
    if extra:
        con.executemany("INSERT INTO entity_aliases VALUES (?, ?, ?, ?, ?, ?)", extra)
