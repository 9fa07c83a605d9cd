"""The Runner handlers use: named template -> guarded SQL -> rows, over one read-only connection.

One read-only DuckDB connection is shared by the whole process; every call takes its own cursor
(`con.cursor()`), which is how DuckDB documents multi-threaded use, under a time limit.
A `QueryRunner` is made per question so the SQL it ran and the rows it saw go into that answer's trace.

The database is read-only and an Assistant is tied to one version of the file, so a statement
with the same parameters always returns the same rows: results are kept in a bounded cache
shared by the Assistant's runners (rows are copied out, so no caller can alter a cached one).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from assistant.database import WATCHDOG
from assistant.errors import AssistantError, TemplateError
from assistant.pipeline.base import Row
from assistant.pipeline.served import serve
from assistant.pipeline.templates import Template, bind
from assistant.pipeline.units import DEFAULT_UNIT, note_rows, set_unit
from assistant.settings import SETTINGS

CACHE_SIZE = 4096  # distinct (template, parameters) results kept per Assistant


@dataclass
class Executed:
    template: str
    sql: str
    params: dict[str, Any]
    rows: int
    ms: float
    served: bool = False  # looked up in the document's rows held in memory (pipeline/served.py)


@dataclass
class QueryRunner:
    con: duckdb.DuckDBPyConnection
    templates: dict[str, Template]
    doc_id: str
    year: int
    titles: dict[str, str]
    row_cap: int = SETTINGS.row_cap
    executed: list[Executed] = field(default_factory=list)
    cache: dict[tuple[str, str], list[Row]] | None = None
    # rows of templates whose only parameter is the document: the document's own data, the same
    # whatever is asked, read when the Assistant opens (like its entity index) and kept
    document_rows: dict[str, list[Row]] | None = None
    unit: str = DEFAULT_UNIT  # the document's table unit: figures are stated in it until rows say otherwise

    page_starts: tuple[tuple[int, int], ...] = ()  # (first line, page) of each PDF page, in order
    # where an entity is printed, from the catalogue read at open (EntityIndex.located)
    locations: Callable[[str], list[Row]] | None = None

    def __post_init__(self) -> None:
        set_unit(self.unit)

    def page(self, line: int) -> int | None:
        """The PDF page a source line is printed on (None for a text source)."""
        starts = [first for first, _ in self.page_starts]
        i = bisect.bisect_right(starts, line) - 1
        return self.page_starts[i][1] if i >= 0 else None

    def run(self, template: str, **params: Any) -> list[Row]:
        spec = self.templates.get(template)
        if spec is None:
            raise TemplateError(f"unknown template {template}")
        if "doc_id" in spec.params:
            params.setdefault("doc_id", self.doc_id)
        bound = bind(spec, params)
        t0 = time.perf_counter()
        key = (template, repr(sorted(bound.items())))
        rows_of_document = self.document_rows
        static = rows_of_document is not None and set(bound) == {"doc_id"} and bound["doc_id"] == self.doc_id
        cached = rows_of_document.get(template) if static and rows_of_document is not None else None
        cached = cached if cached is not None else self.cache.get(key) if self.cache is not None else None
        served = (spec.served_from is not None and rows_of_document is not None and cached is None
                  and bound.get("doc_id") == self.doc_id)  # (another document's rows: its statement)
        if served and rows_of_document is not None:
            cached = serve(spec, bound, rows_of_document, self.document_read)
        if cached is None:
            cur = self.con.cursor()
            try:
                with WATCHDOG.limit(cur, SETTINGS.query_timeout_seconds):
                    cur.execute(spec.sql, bound)
                    names = [d[0] for d in cur.description or []]
                    fetched = cur.fetchmany(spec.row_cap or self.row_cap)
                    cached = [dict(zip(names, r, strict=True)) for r in fetched]
            except duckdb.InterruptException as exc:
                raise AssistantError(f"template {template} interrupted after the time limit",
                                     user_message="查询用时过长，已停止，请换个问法再试。") from exc
            finally:
                cur.close()
            if static and self.document_rows is not None:
                self.document_rows[template] = cached
            elif self.cache is not None:
                if len(self.cache) >= CACHE_SIZE:
                    self.cache.clear()
                self.cache[key] = cached
        rows = [dict(r) for r in cached]
        ms = (time.perf_counter() - t0) * 1000
        self.executed.append(Executed(template, spec.sql, bound, len(rows), ms, served))
        note_rows(rows)
        return rows

    def document_read(self, template: str) -> list[Row]:
        """A whole-document template's rows, read once and kept (not listed among the answer's queries:
        the statement served from them is)."""
        kept = self.document_rows if self.document_rows is not None else {}
        if template not in kept:
            executed = len(self.executed)
            self.run(template)
            del self.executed[executed:]
        return kept[template]

    def title(self, table_id: str) -> str:
        if table_id in self.titles:
            return self.titles[table_id]
        # 预算15表-3 -> the form's own title when listed, else the 预算15表 title.
        base = table_id.split("-")[0]
        return self.titles.get(base, table_id)

    @property
    def sql(self) -> list[str]:
        return [e.sql for e in self.executed]
