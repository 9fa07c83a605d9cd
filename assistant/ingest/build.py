"""Build the database atomically: a temporary file next to the target, every document inserted,
the forms/entities/audit hooks run, validated, then moved onto the target in one os.replace.
Any failure removes the temporary file and leaves the previous database byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import duckdb

from assistant.errors import IngestError
from assistant.ingest import narrative
from assistant.ingest.bulk import append_rows
from assistant.ingest.catalog import Catalog, TableSpan, build_catalog
from assistant.ingest.reader import compact, plain
from assistant.ingest.sources import document_row, read_lines, source_rows
from assistant.ingest.tables import parse_table
from assistant.ingest.validate import validate_document

SCHEMA = Path(__file__).resolve().parent.parent / "schema.sql"
TITLE_SEARCH_LINES = 10  # the title must be among the first non-blank lines
NUMERIC_MAX_SEQ = 13  # 预算01–13表 are parsed here; 14/15 by the forms modules
PERF_TABLE_SEQ = 14  # 部门整体绩效目标申报表, parsed by forms14; the forms after it by forms15

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


def _report_row(t: TableSpan) -> dict:
    return {
        "table_id": t.table_id,
        "seq": t.seq,
        "title": t.title,
        "present": t.present,
        "has_rows": t.has_rows,
        "labelled": t.labelled,
        "unit": t.unit,
        "note": t.note,
        "line_start": t.line_start,
        "line_end": t.line_end,
    }


Pending = dict[str, list[dict]]  # table -> a document's rows not yet inserted, in order


def _queue(pending: Pending, table: str, rows: list[dict]) -> None:
    pending.setdefault(table, []).extend(rows)


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
            _queue(pending, table, rows)
        next_indicator += len(result.get("indicators", []))
    for form in catalog.forms:
        assert form.line_start is not None and form.line_end is not None
        result = extract_form15(lines, form.line_start, form.line_end, form.table_id, year, next_indicator)
        form.has_rows = any(result.values())
        for table, rows in result.items():
            _queue(pending, table, rows)
        next_indicator += len(result.get("indicators", []))
    whole = next(
        (t for t in catalog.tables.values() if catalog.forms and t.seq == catalog.forms[0].seq), None
    )
    if whole is not None:
        whole.has_rows = any(f.has_rows for f in catalog.forms)


def ingest_document(con: duckdb.DuckDBPyConnection, path: Path, taken: set[str]) -> str:
    from assistant.ingest.layouts import detect_layout

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
    doc_id = slugify(path.stem)
    if doc_id in taken:
        raise IngestError(
            file, None, f"唯一的文档编号（{doc_id} 重复）", f"a unique doc_id ({doc_id} repeats)"
        )
    if layout is not None and layout.parser == "titled":
        from assistant.ingest.build_titled import build_rows

        head, rows = build_rows(layout, lines, file)
        pending: Pending = {}
        _queue(pending, "documents", [document_row(path, lines, head, kind)])
        _queue(pending, "source_lines", source_rows(lines, pages))
        for table, table_rows in rows.items():
            _queue(pending, table, table_rows)
    else:
        pending = _hubei_rows(path, lines, pages, kind)
    for table, table_rows in pending.items():
        insert_rows(con, table, doc_id, table_rows)

    # Imported at call time: the catalogue and the audit read the rows inserted above.
    from assistant.audit import run_audit
    from assistant.ingest.entities import build_entities

    build_entities(con, doc_id)
    if layout is not None and layout.parser == "titled":
        from assistant.ingest.build_titled import adjust_catalogue

        adjust_catalogue(con, doc_id, layout)
    run_audit(con, doc_id)
    return doc_id


def _hubei_rows(path: Path, lines: list[str], pages: list[int] | None, kind: str) -> Pending:
    """The seed layout (hubei-15): the document's own table list, 预算01–15表."""
    file = path.name
    department, year, _ = _title(lines, file)
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
        parsed = parse_table(lines, t, t.unit or doc_unit, file)
        t.has_rows = bool(parsed.line_items or parsed.procurement)
        line_items += parsed.line_items
        procurement += parsed.procurement
    texts = narrative.extract(lines, catalog.parts, year)
    validate_document(file, lines, catalog, line_items, texts)

    # Rows are queued per table, then each table is written with one insert_rows call.
    pending: Pending = {}
    head = {"department": department, "year": year, "unit": doc_unit, "layout": "hubei-15"}
    _queue(pending, "documents", [document_row(path, lines, head, kind)])
    _queue(pending, "source_lines", source_rows(lines, pages))
    _queue(pending, "line_items", line_items)
    _queue(pending, "procurement", procurement)
    for table, rows in texts.items():
        _queue(pending, table, rows)

    _run_forms(pending, lines, catalog, year)
    reported = [*catalog.tables.values(), *catalog.forms]
    _queue(pending, "report_tables", [_report_row(t) for t in reported])
    return pending


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) is no probe there; keep the files
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    except (OSError, OverflowError):  # no such process can exist
        return False
    return True


def remove_stale_builds(db_path: Path) -> list[Path]:
    """Delete `.<name>.<pid>.building` (+ .wal) files next to db_path left by ingests whose process
    is gone (killed mid-build); a live process's files are kept. Returns the removed paths."""
    pattern = re.compile(rf"^\.{re.escape(db_path.name)}\.(\d+)\.building(?:\..*)?$")
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in list(db_path.parent.iterdir()):
            m = pattern.match(entry.name)
            if not m or int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1))):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)  # a spill directory (.building.tmp)
                else:
                    entry.unlink()
                removed.append(entry)
    return removed


def ingest_files(paths: list[Path], db_path: Path) -> list[str]:
    """Ingest every source into a fresh database at db_path; returns the doc_ids in order."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(db_path)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    _remove(tmp)
    current = db_path.name
    con: duckdb.DuckDBPyConnection | None = None
    try:
        if not paths:
            raise IngestError(current, None, "至少一份源文件", "at least one source file")
        con = duckdb.connect(str(tmp))
        con.execute("BEGIN TRANSACTION")  # one commit for every table of the schema
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.execute("COMMIT")
        doc_ids: list[str] = []
        for path in map(Path, paths):
            current = path.name
            con.execute("BEGIN TRANSACTION")
            doc_ids.append(ingest_document(con, path, set(doc_ids)))
            con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
        con = None
        os.replace(tmp, db_path)
        return doc_ids
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
        _remove(tmp)
