"""The service API the CLI, the app and the tests call: `Assistant.open(db).ask(text, conv)`.

`ask` never raises: it is the one boundary where any exception becomes a calm Chinese reply.
The connection is read-only and shared; the entity index and templates are built once per
Assistant.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

from assistant.corpus.names import also_named
from assistant.database import connect_readonly, ensure_database
from assistant.errors import AssistantError, InputRejected
from assistant.models import Answer, StepTrace, Trace
from assistant.pipeline import served
from assistant.pipeline import steps as pipeline
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation
from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.intents import HANDLERS
from assistant.pipeline.knowledge import load_knowledge
from assistant.pipeline.match import EntityIndex
from assistant.pipeline.normalise import canon
from assistant.pipeline.recorded import step_detail, turn_of
from assistant.pipeline.templates import load_templates
from assistant.settings import SETTINGS

log = logging.getLogger(__name__)

FALLBACK_TEXT = "抱歉，处理这个问题时出了点状况，请换个说法再试。"
# database path|doc_id -> (identity of the file it was opened on, its Assistant)
_OPEN: dict[str, tuple[tuple[int, int, int, int], Assistant]] = {}
_OPEN_LOCK = threading.RLock()  # (open closes a replaced Assistant, which forgets itself under it)


SEED_LAYOUT = "hubei-15"  # its tables carry the 预算NN表 labels the handlers cite
_ROLE = re.compile(r"预算\d{2}表(?:-\d+)?")


def _short_title(title: str) -> str:
    return re.sub(r"^\d{4}\s*年度?", "", title).strip()


class Assistant:
    def __init__(self, db_path: Path, doc_id: str | None = None) -> None:
        self.db_path = Path(db_path)
        self.con = connect_readonly(self.db_path)
        self.templates = load_templates()
        self.k = load_knowledge()
        self._results: dict = {}  # shared result cache of this Assistant's runners (read-only db)
        self._document_rows: dict = {}  # document-only templates' rows: the document's own data
        # Questions in flight: close() waits for them, so a re-ingest never cuts one short.
        self._flight = threading.Lock()
        self._busy = 0
        self._closing = False
        boot = QueryRunner(self.con, self.templates, doc_id or "", 0, {})
        docs = boot.run("documents")
        if not docs:
            raise AssistantError("database holds no document", user_message="数据库里还没有任何预算文件。")
        doc = docs[0]  # the first ingested (templates: ORDER BY ingested_at, doc_id)
        if doc_id:  # corpus hook: found by id, even beyond the row cap of the documents list
            docs = boot.run("document_by_id", doc_id=doc_id) or docs
            doc = next((d for d in docs if d["doc_id"] == doc_id), None)  # type: ignore[assignment]
            if doc is None:
                known = "、".join(d["doc_id"] for d in docs)
                raise AssistantError(f"no document {doc_id!r} in {self.db_path}",
                                     user_message=f"数据库里没有“{doc_id}”这份文件，现有：{known}。")
        self.doc: dict[str, Any] = doc
        self.doc_id, self.year = doc["doc_id"], int(doc["year"])
        boot.doc_id, boot.year = self.doc_id, self.year
        self.tables = boot.run("report_tables")
        self.titles = {t["table_id"]: t["title"] for t in self.tables}
        self.page_starts = tuple((int(r["line_no"]), int(r["page"])) for r in boot.run("page_starts"))
        self.facts = {
            "department": doc["department"],
            "year": self.year,
            "years": sorted({int(r["year"]) for r in boot.run("covered_years")} | {self.year}),
            "organisations": [r["name"] for r in boot.run("organisations") if r["name"]],
            "also_named": also_named(boot.run("narr_paragraphs", doc_id=self.doc_id)),
            "people": sorted({p for r in boot.run("people") for p in re.split(r"[、,，/\s]+", r["name"] or "")
                              if len(p) >= 2}),
            "tables": self.tables,
            # the document's own names, for the coverage check (two characters or more)
            "terms": tuple(sorted({canon(r["term"], self.k).lower() for r in boot.run("doc_terms")
                                   if r["term"] and len(r["term"]) >= 2}, key=len, reverse=True)),
        }
        self.index = EntityIndex.build(boot, self.k)
        self.handlers = HANDLERS
        # The document's own data, the same whatever is asked (templates whose only parameter is
        # the document: its narrative facts, forms, glossary …), read once here like the index.
        reader = self.runner()
        for name, spec in self.templates.items():
            if set(spec.params) == {"doc_id"}:
                reader.run(name)
        for spec in self.templates.values():  # …and the statements served from those rows, indexed
            if spec.served_from:
                served.index_of(spec, self._document_rows, reader.document_read)
        # Warm up (OpenCC dictionaries, pinyin, DuckDB plans) so the first real question is fast.
        self.router = None
        self.ask(f"{self.year}年总预算多少")
        # corpus hook: several documents and none named -> questions are routed per document
        if doc_id is None and len(docs) > 1:
            from assistant.corpus.router import CorpusRouter

            self.router = CorpusRouter(self)

    # ---- construction -----------------------------------------------------------------------
    @classmethod
    def open(cls, db_path: Path | str | None = None, doc_id: str | None = None) -> Assistant:
        """One Assistant per database file (and version of it) and document, built on first use.

        A database may hold several documents (`ingest a.txt b.txt`). The one answered about is
        `doc_id` if given, else the environment variable BUDGET_DOC_ID, else the first one
        ingested (earliest `documents.ingested_at`, then `doc_id`), so the choice never depends
        on the order DuckDB happens to return rows in. An unknown doc_id raises AssistantError.
        """
        path = Path(db_path or SETTINGS.db_path).resolve()
        doc_id = doc_id or os.environ.get("BUDGET_DOC_ID") or None
        slot = f"{path}|{doc_id or ''}"
        with _OPEN_LOCK:
            ensure_database(path)
            ident = file_identity(path)  # before connecting: a rebuild after it reopens again
            held = _OPEN.get(slot)
            if held is not None and held[0] == ident:
                return held[1]
            bot = cls(path, doc_id)
            # A re-ingest replaced the file: the Assistant of the old version is closed and
            # dropped, so one Assistant per database and document is kept, however many rebuilds.
            _OPEN[slot] = (ident, bot)
            if held is not None:
                held[1].close()
            return bot

    def close(self) -> None:
        """Release the connection (the old version of a re-ingested file is freed with it) as
        soon as no question is in flight on it. A closed Assistant is never handed out again."""
        with _OPEN_LOCK:
            for slot in [k for k, (_, bot) in _OPEN.items() if bot is self]:
                del _OPEN[slot]
        with self._flight:
            self._closing = True
            idle = self._busy == 0
        if idle:
            self._release()

    def _release(self) -> None:
        with contextlib.suppress(Exception):
            self.con.close()
        self._results.clear()
        self._document_rows.clear()

    def new_conversation(self) -> Conversation:
        if self.router is not None:  # corpus hook: the conversation carries its current document
            return self.router.new_conversation()
        return Conversation()

    def runner(self) -> QueryRunner:
        return QueryRunner(self.con, self.templates, self.doc_id, self.year, self.titles,
                           cache=self._results, document_rows=self._document_rows,
                           unit=self.doc.get("unit") or "万元",
                           page_starts=self.page_starts, locations=self.index.located)

    # ---- questions --------------------------------------------------------------------------
    def ask(self, text: str, conv: Conversation | None = None) -> Answer:
        if self.router is not None:  # corpus hook: route to the document the question is about
            return self.router.ask(text, conv)
        with self._flight:
            self._busy += 1
        try:
            return self._ask(text, conv)
        finally:
            with self._flight:
                self._busy -= 1
                last = self._closing and self._busy == 0
            if last:
                self._release()

    def _ask(self, text: str, conv: Conversation | None) -> Answer:
        conv = conv if conv is not None else self.new_conversation()
        trace = Trace()
        state = pipeline.State(raw=str(text or ""))
        try:
            if len(state.raw) > SETTINGS.max_question_chars:
                raise InputRejected(
                    "question too long",
                    user_message=f"问题太长了（超过{SETTINGS.max_question_chars}个字），请精简后再问。",
                )
            DOCUMENT_YEAR.set(self.year)
            env = pipeline.Env(self.k, self.index, self.runner(), conv, self.handlers, self.facts)
            for step in pipeline.STEPS:
                name = step.__name__
                if state.answer is not None and name not in pipeline.ALWAYS:
                    continue
                t0 = time.perf_counter()
                state = step(state, env)
                trace.steps.append(StepTrace(step=name, ms=round((time.perf_counter() - t0) * 1000, 3),
                                             detail=step_detail(name, state, env)))
            answer = state.answer or Answer(status="unanswerable", text=FALLBACK_TEXT)
            trace.rows = sum(e.rows for e in env.runner.executed)
        except AssistantError as exc:
            log.info("question refused: %s", exc)
            answer = Answer(status="unanswerable", text=exc.user_message)
        except Exception:
            log.exception("question failed: %r", text)
            answer = Answer(status="unanswerable", text=FALLBACK_TEXT)
        if state.question is not None:
            trace.normalised = state.question.text
        trace.matches = list(state.matches)
        trace.intent = state.intent
        answer = self._own_titles(answer)
        answer.trace = trace
        self._remember(conv, state, answer)
        return answer

    def _own_titles(self, answer: Answer) -> Answer:
        """A layout other than the seed's does not print 预算NN表 labels (they are the roles its
        tables play here): the answer names each table by the document's own title instead."""
        text = self._titled(answer.text)
        return answer.model_copy(update={"text": text}) if text != answer.text else answer

    def _titled(self, text: str) -> str:
        if self.doc.get("layout") in (None, SEED_LAYOUT) or not text:
            return text
        own = self.titles
        for table_id, title in own.items():  # '预算05表 2025年…表' (a listing): the title once
            text = text.replace(f"{table_id} {title}", f"《{title}》")
        return _ROLE.sub(lambda m: f"《{_short_title(own[m[0]])}》" if m[0] in own else m[0], text)

    def _remember(self, conv: Conversation, state: pipeline.State, answer: Answer) -> None:
        conv.turns.append(turn_of(state, answer, self.year))
        del conv.turns[: -SETTINGS.history_turns]

    # ---- pages of the app -------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        return {k: self.doc.get(k) for k in ("doc_id", "department", "year", "file_name", "phone", "unit")}

    def browse(self, table_id: str) -> list[dict[str, Any]]:
        template = "browse_procurement" if table_id == "预算12表" else "browse_line_items"
        params = {} if template == "browse_procurement" else {"table_id": table_id}
        return self.runner().run(template, **params)

    def audit(self) -> list[dict[str, Any]]:
        return [r | {"message": self._titled(str(r["message"]))} for r in self.runner().run("audit_findings")]

    def source_lines(self, start: int, end: int) -> list[dict[str, Any]]:
        return self.runner().run("source_lines", start=int(start), end=int(end))


def file_identity(path: Path) -> tuple[int, int, int, int]:
    """(device, inode, mtime_ns, size) of a database file: ingest replaces the file with a new
    inode, so any rebuild changes it. (0, 0, 0, 0) when the file does not exist yet."""
    try:
        st = path.stat()
    except OSError:
        return (0, 0, 0, 0)
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
