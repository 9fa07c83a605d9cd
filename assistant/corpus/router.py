"""The service side of the corpus: one answering context per document, built lazily and kept in a
bounded LRU, and the routing of each question to its document (or across documents).

A database holding one document never gets here (`Assistant` answers as before). With several,
`Assistant.ask` hands the question to `CorpusRouter.ask`, which never raises either.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

from assistant.corpus import across
from assistant.corpus.choose import Choice, choose, not_held
from assistant.corpus.names import Doc, NameIndex, corpus_rules
from assistant.corpus.store import all_rows, corpus_templates
from assistant.models import Answer, StepTrace, Trace
from assistant.pipeline.base import Conversation, Turn
from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.normalise import normalise
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger(__name__)
FALLBACK_TEXT = "抱歉，处理这个问题时出了点状况，请换个说法再试。"


class CorpusConversation(Conversation):
    """A conversation over the corpus: its current document (picked in the app or named last)."""

    doc_id: str | None = None


class CorpusRouter:
    def __init__(self, home: Assistant) -> None:
        self.home = home
        self.rules = corpus_rules()
        rows = all_rows(QueryRunner(home.con, corpus_templates(), "", 0, {}), "corpus_documents")
        self.index = NameIndex.build(rows, self.rules)
        # The home Assistant routes; every document (its own included) answers in its own context.
        self._open: OrderedDict[str, Assistant] = OrderedDict()
        self._lock = threading.Lock()

    # ---- answering contexts ------------------------------------------------------------------
    def context(self, doc_id: str) -> Assistant:
        """The answering context of one document: built on first use, least recently used dropped."""
        with self._lock:
            bot = self._open.get(doc_id)
            if bot is not None:
                self._open.move_to_end(doc_id)
                return bot
        from assistant.service import Assistant

        bot = Assistant(self.home.db_path, doc_id)  # a named document: it answers alone
        with self._lock:
            self._open[doc_id] = bot
            while len(self._open) > max(1, SETTINGS.open_documents):
                # Dropped, not closed: a thread may still be answering with it; its read-only
                # connection closes when the last reference goes.
                self._open.popitem(last=False)
        return bot

    def open_count(self) -> int:
        return len(self._open)

    def current(self, conv: Conversation | None) -> Doc:
        doc_id = getattr(conv, "doc_id", None)
        return (self.index.get(doc_id) if doc_id else None) or self.index.get(self.home.doc_id)  # type: ignore[return-value]

    def new_conversation(self, doc_id: str | None = None) -> CorpusConversation:
        return CorpusConversation(doc_id=doc_id)

    # ---- questions ---------------------------------------------------------------------------
    def ask(self, text: str, conv: Conversation | None = None) -> Answer:
        conv = conv if conv is not None else self.new_conversation()
        t0 = time.perf_counter()
        try:
            return self._ask(str(text or ""), conv, t0)
        except Exception:
            log.exception("corpus routing failed: %r", text)
            return Answer(status="unanswerable", text=FALLBACK_TEXT, trace=Trace())

    def _ask(self, text: str, conv: Conversation, t0: float) -> Answer:
        here = self.current(conv)
        bot = self.context(here.doc_id)
        if len(text) > SETTINGS.max_question_chars:
            return bot.ask(text, conv)  # refused there, with the usual message
        q = normalise(text, bot.k, here.year)
        named = {d for m in self.index.mentions(q.text) for d in m.departments}
        if len(named) == 1 and here.department not in named:
            # 今年/去年 are the named department's years: its latest document's, not the current one's
            q = normalise(text, bot.k, self.index.of(named.pop())[-1].year)
        choice = choose(self.index, q.text, q.years, here,
                        covered=lambda d: set(self.context(d.doc_id).facts["years"]), rules=self.rules)
        detail = {"document": choice.doc.label if choice.doc else None, "question": choice.text}
        if choice.reply is not None:
            return self._finish(choice.reply, conv, q.text, t0, detail)
        if choice.several:
            return self._finish(self._compare(choice, q.years), conv, q.text, t0, detail)
        dept = choice.department or here.department
        op = across.detect(choice.text, q.years, self.rules) if not choice.unknown else None
        answer = self._across(op, dept, q.years, here, detail) if op else None
        if answer is not None and answer.status != "unanswerable":
            if choice.doc is not None and op is not None and op.kind != "rank" and hasattr(conv, "doc_id"):
                conv.doc_id = choice.doc.doc_id  # the department asked about is now the current one
            return self._finish(answer, conv, q.text, t0, detail)
        doc = choice.doc or here
        # Without the department's name (the document is chosen): measured on the case files, the
        # documents answer the rest as they do alone; left in, a name reads as a unit or project.
        asked = choice.text if choice.named else text
        answer = self.context(doc.doc_id).ask(asked, conv)
        if answer.status == "unanswerable" and choice.fallback is not None:
            doc = choice.fallback  # that year's document has it not; the current one prints that year
            answer = self.context(doc.doc_id).ask(asked, conv)
        if answer.status == "unanswerable" and choice.unknown:
            return self._finish(not_held(self.index, f"“{choice.unknown}”"), conv, q.text, t0, detail)
        if hasattr(conv, "doc_id"):
            conv.doc_id = doc.doc_id
        if answer.status != "unanswerable" or choice.named:
            answer.text = f"{answer.text}（来源：{doc.label}）"
        if answer.trace is not None:
            ms = round((time.perf_counter() - t0) * 1000, 3)
            answer.trace.steps.insert(0, StepTrace(step="corpus", ms=ms, detail=detail))
        return answer

    def _across(self, op: across.Op, dept: str, years: tuple[int, ...], here: Doc,
                detail: dict) -> Answer | None:
        def ask(doc: Doc, question: str) -> Answer:
            return self.context(doc.doc_id).ask(question, Conversation())

        detail["operation"] = op.kind
        if op.kind == "rank":
            year = years[0] if years else self._rank_year(here)
            docs = self.index.in_year(year)
            if len(docs) > SETTINGS.corpus_rank_max:
                return Answer(status="unanswerable", text=(
                    f"抱歉，资料库中{year}年有{len(docs)}份文件，超过一次可比较的{SETTINGS.corpus_rank_max}份，"
                    "请指明要比较的部门。"))
            return across.rank(year, docs, op, ask) if len(docs) >= 2 else None
        docs = self.index.of(dept)
        if op.kind == "diff":
            picked = [d for d in docs if d.year in set(years)]
            return across.diff(dept, picked, op, ask) if len(picked) == 2 else None
        if len(set(years)) >= 2:
            docs = [d for d in docs if d.year in set(years)]
        return across.series(dept, docs, op, ask) if len(docs) >= 2 else None

    def _compare(self, choice: Choice, years: tuple[int, ...]) -> Answer:
        """Departments named together: each one's figure for one year, ranked."""
        held = [{d.year for d in self.index.of(dept)} for dept in choice.several]
        common = set.intersection(*held)
        year = years[0] if years else max(common, default=0)
        docs = [self.index.find(dept, year) for dept in choice.several]
        if any(d is None for d in docs):
            listing = "；".join(self.index.listing(dept) for dept in choice.several)
            when = f"{year}年" if year else "同一年度"
            return Answer(status="unanswerable",
                          text=f"抱歉，资料库中没有这些部门{when}的全部文件，无法比较。现有：{listing}。")
        subject = across.subject_of(choice.text, self.rules)
        op = across.Op("rank", subject, any(w in choice.text for w in self.rules.get("least_words", [])))
        return across.rank(year, [d for d in docs if d is not None], op,
                           lambda doc, question: self.context(doc.doc_id).ask(question, Conversation()))

    def _rank_year(self, here: Doc) -> int:
        """No year named: the current document's year when other departments share it, else the
        latest year several departments have."""
        if len(self.index.in_year(here.year)) >= 2:
            return here.year
        shared = [y for y in {d.year for d in self.index.docs} if len(self.index.in_year(y)) >= 2]
        return max(shared, default=here.year)

    def _finish(self, answer: Answer, conv: Conversation, text: str, t0: float, detail: dict) -> Answer:
        answer.trace = Trace(normalised=text, steps=[StepTrace(
            step="corpus", ms=round((time.perf_counter() - t0) * 1000, 3), detail=detail)])
        conv.turns.append(Turn(question=text, status=answer.status,
                               options=[(c.label, c.question) for c in answer.candidates]))
        del conv.turns[: -SETTINGS.history_turns]
        return answer
