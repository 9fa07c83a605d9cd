"""Build the database atomically: a temporary file next to the target, every document inserted,
the forms/entities/audit hooks run, validated, then moved onto the target in one os.replace.
Any failure removes the temporary file and leaves the previous database byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from pathlib import Path

import duckdb

from assistant.errors import IngestError
from assistant.ingest import narrative
from assistant.ingest.bulk import append_rows
from assistant.ingest.catalog import Catalog, build_catalog
from assistant.ingest.layouts import detect_layout
from assistant.ingest.lock import ingest_lock, remove_build, remove_stale_builds
from assistant.ingest.reader import compact, plain
from assistant.ingest.report import DocumentReport, Notes, collecting, set_table
from assistant.ingest.rows import Pending, queue, report_counts, report_row, rows_per_table
from assistant.ingest.sources import document_row, read_lines, source_rows
from assistant.ingest.tables import parse_table
from assistant.ingest.validate import second_title, truncation_warning, validate_document

SCHEMA = Path(__file__).resolve().parent.parent / "schema.sql"
TITLE_SEARCH_LINES = 10  # the title must be among the first non-blank lines
NUMERIC_MAX_SEQ = 13  # 预算01–13表 are parsed here; 14/15 by the forms modules
PROCUREMENT_SEQ = 12  # its rows go to `procurement`, not `line_items`
PERF_TABLE_SEQ = 14  # 部门整体绩效目标申报表, parsed by forms14; the forms after it by forms15
WAIT_NOTE_SECONDS = 0.5  # an ingest that waited this long for the lock says so in its report

_TITLE = re.compile(r"^#*\s*(?P<dept>.+?)\s*(?P<year>\d{4})\s*年度?\s*(?:部门)?\s*预算\s*(?:公开)?\s*$")


def slugify(stem: str) -> str:
    return re.sub(r"[^\w-]+", "-", stem.lower()).strip("-_") or "doc"


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, doc_id: str, rows: list[dict]) -> int:
    """Insert dicts keyed by schema column names (without doc_id); returns the row count.
    A key missing from a row is NULL; all rows go in with one appender flush."""
    if not rows:
        return 0
    columns = list(dict.fromkeys(k for row in rows for k in row))
    append_rows(con, table, ["doc_id", *columns], ([doc_id, *(row.get(c) for c in columns)] for row in rows))
    return len(rows)


def _title(lines: list[str], file: str) -> tuple[str, int, int]:
    seen = 0
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        m = _TITLE.match(compact(plain(line)) if not line.lstrip().startswith("#") else line.strip())
        if m:
            return compact(m.group("dept")), int(m.group("year")), no
        seen += 1
        if seen >= TITLE_SEARCH_LINES:
            break
    first = next((no for no, line in enumerate(lines, 1) if line.strip()), 1)
    raise IngestError(
        file, first, "标题行「# 部门名称 YYYY 年预算」", "a title line '# <department> <year> 年预算'"
    )


def _run_forms(pending: Pending, lines: list[str], catalog: Catalog, year: int) -> None:
    """The 预算14表/15表 parsers are other modules; every row they return is queued for insert_rows."""
    from assistant.ingest.forms14 import extract as extract_form14
    from assistant.ingest.forms15 import extract as extract_form15

    next_indicator = 1
    perf = next((t for t in catalog.tables.values() if t.seq == PERF_TABLE_SEQ and t.present), None)
    if perf is not None and perf.line_start is not None and perf.line_end is not None:
        result = extract_form14(lines, perf.line_start, perf.line_end, year)
        perf.has_rows = any(result.values())
        for table, rows in result.items():
            queue(pending, table, rows)
        next_indicator += len(result.get("indicators", []))
    for form in catalog.forms:
        assert form.line_start is not None and form.line_end is not None
        result = extract_form15(lines, form.line_start, form.line_end, form.table_id, year, next_indicator)
        form.has_rows = any(result.values())
        for table, rows in result.items():
            queue(pending, table, rows)
        next_indicator += len(result.get("indicators", []))
    whole = next(
        (t for t in catalog.tables.values() if catalog.forms and t.seq == catalog.forms[0].seq), None
    )
    if whole is not None:
        whole.has_rows = any(f.has_rows for f in catalog.forms)


def ingest_document(con: duckdb.DuckDBPyConnection, path: Path, taken: set[str]) -> DocumentReport:
    with collecting() as notes:
        return _ingest_document(con, path, taken, notes)


def _ingest_document(
    con: duckdb.DuckDBPyConnection, path: Path, taken: set[str], notes: Notes
) -> DocumentReport:
    file = path.name
    lines, pages, kind = read_lines(path)
    layout = detect_layout(lines)
    if layout is None and kind == "pdf":
        raise IngestError(
            file,
            None,
            "可识别版式的部门预算文档（未找到预算标题行和预算表，见 knowledge/layouts/）",
            "a department budget of a known layout (no budget title or tables; see knowledge/layouts/)",
        )
    titled = layout if layout is not None and layout.parser == "titled" else None
    doc_id = slugify(path.stem)
    if doc_id in taken:
        raise IngestError(
            file, None, f"唯一的文档编号（{doc_id} 重复）", f"a unique doc_id ({doc_id} repeats)"
        )
    if titled is not None:
        from assistant.ingest.build_titled import titled_rows

        pending, found = titled_rows(path, lines, pages, kind, titled)
    else:
        pending, found = _hubei_rows(path, lines, pages, kind)
    queue(pending, "ingest_warnings", [
        {"table_id": c.table_id, "line_no": c.line, "column_label": c.column, "text": c.text}
        for c in notes.cells
    ])
    for table, table_rows in pending.items():
        insert_rows(con, table, doc_id, table_rows)

    # Imported at call time: the catalogue and the audit read the rows inserted above.
    from assistant.audit import run_audit
    from assistant.ingest.entities import build_entities

    build_entities(con, doc_id)
    if titled is not None:
        from assistant.ingest.build_titled import adjust_catalogue

        adjust_catalogue(con, doc_id, titled)
    run_audit(con, doc_id)
    # A text rendering of the seed layout cut mid-line is worth a word. A PDF ends where its last
    # page ends, and a titled layout's text may end on a heading without a mark (详见…目标表):
    # there a missing core table is the truncation check (build_titled._validate).
    truncated = truncation_warning(lines) if kind == "text" and titled is None else None
    return DocumentReport(
        file=file,
        doc_id=doc_id,
        lines=len(lines),
        **found,
        unreadable_cells=tuple(notes.cells),
        warnings=(truncated,) if truncated else (),
    )


def _hubei_rows(
    path: Path, lines: list[str], pages: list[int] | None, kind: str
) -> tuple[Pending, dict]:
    """The seed layout (hubei-15): the document's own table list, 预算01–15表."""
    file = path.name
    department, year, title_line = _title(lines, file)
    again = second_title(lines, title_line, _TITLE) if kind == "text" else None
    if again is not None:
        raise IngestError(
            file,
            again,
            f"每个文件只含一份预算文档（第{title_line}行和第{again}行各有一个标题）",
            f"one budget document per file (titles on lines {title_line} and {again})",
        )
    catalog = build_catalog(lines, file)

    units = Counter(t.unit for t in catalog.tables.values() if t.present and t.unit)
    if not units:
        raise IngestError(file, None, "表格的「单位：万元」行", "a table unit line such as 单位：万元")
    doc_unit = units.most_common(1)[0][0]

    line_items: list[dict] = []
    procurement: list[dict] = []
    for t in catalog.tables.values():
        if not t.present or t.seq > NUMERIC_MAX_SEQ:
            t.has_rows = t.present
            continue
        set_table(t.table_id)
        parsed = parse_table(lines, t, t.unit or doc_unit, file)
        t.has_rows = bool(parsed.line_items or parsed.procurement)
        line_items += parsed.line_items
        procurement += parsed.procurement
    texts = narrative.extract(lines, catalog.parts, year)
    validate_document(file, lines, catalog, line_items, texts)

    # Rows are queued per table, then each table is written with one insert_rows call.
    pending: Pending = {}
    head = {"department": department, "year": year, "unit": doc_unit, "layout": "hubei-15"}
    queue(pending, "documents", [document_row(path, lines, head, kind)])
    queue(pending, "source_lines", source_rows(lines, pages))
    queue(pending, "line_items", line_items)
    queue(pending, "procurement", procurement)
    for table, rows in texts.items():
        queue(pending, table, rows)

    _run_forms(pending, lines, catalog, year)
    reported = [*catalog.tables.values(), *catalog.forms]
    queue(pending, "report_tables", [report_row(t) for t in reported])

    per_table = rows_per_table(line_items)
    proc_table = catalog.by_seq(PROCUREMENT_SEQ)
    if procurement and proc_table is not None:
        per_table[proc_table.table_id] = len(procurement)
    return pending, report_counts(
        department,
        year,
        line_items,
        texts.get("paragraphs", []),
        per_table,
        tables_listed=len(catalog.listed),
        tables_found=sum(1 for t in catalog.tables.values() if t.present),
        forms=len(catalog.forms),
    )


def ingest_files(paths: list[Path], db_path: Path) -> list[str]:
    """Ingest every source into a fresh database at db_path; returns the doc_ids in order."""
    return [r.doc_id for r in ingest_documents(paths, db_path)]


def ingest_documents(paths: list[Path], db_path: Path) -> list[DocumentReport]:
    """Ingest every source into a fresh database at db_path; returns one report per document.

    Holds the folder's ingest lock (see `lock.ingest_lock`) from the first read to the final
    replace, so two ingests into one database run one after the other, never interleaved."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with ingest_lock(db_path) as waited:
        reports = _build(paths, db_path)
    if waited >= WAIT_NOTE_SECONDS and reports:
        note = (f"等待另一个导入完成用了 {waited:.1f} 秒；本次导入替换了它写入的数据库"
                f"（waited {waited:.1f} s for another ingest; this build replaced its database）")
        reports[0] = reports[0].model_copy(update={"warnings": (*reports[0].warnings, note)})
    return reports


def _build(paths: list[Path], db_path: Path) -> list[DocumentReport]:
    remove_stale_builds(db_path)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    remove_build(tmp)
    current = db_path.name
    con: duckdb.DuckDBPyConnection | None = None
    try:
        if not paths:
            raise IngestError(current, None, "至少一份源文件", "at least one source file")
        con = duckdb.connect(str(tmp))
        con.execute("BEGIN TRANSACTION")  # one commit for every table of the schema
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.execute("COMMIT")
        reports: list[DocumentReport] = []
        for path in map(Path, paths):
            current = path.name
            con.execute("BEGIN TRANSACTION")
            reports.append(ingest_document(con, path, {r.doc_id for r in reports}))
            con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
        con = None
        os.replace(tmp, db_path)
        return reports
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(
            current,
            None,
            f"可导入的预算文档（内部错误：{type(exc).__name__}: {exc}）",
            f"an ingestible budget document (internal error: {type(exc).__name__}: {exc})",
        ) from exc
    finally:
        if con is not None:
            with contextlib.suppress(Exception):
                con.close()
        remove_build(tmp)
