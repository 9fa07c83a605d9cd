"""Thresholds and settings, declared once with what they mean.

Override any of them with an environment variable BUDGET_<NAME> (e.g. BUDGET_MATCH_THRESHOLD=80).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: object) -> object:
    raw = os.environ.get(f"BUDGET_{name.upper()}")
    if raw is None:
        return default
    return type(default)(raw) if not isinstance(default, Path) else Path(raw)


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(
        default=ROOT / "data" / "budget.duckdb",
        metadata={"help": "DuckDB file every answer is queried from; built on first use when missing."},
    )
    sources_dir: Path = field(
        default=ROOT / "data" / "sources",
        metadata={"help": "Source documents (*.txt) ingested when the database is missing."},
    )
    knowledge_dir: Path = field(
        default=ROOT / "knowledge",
        metadata={"help": "Synonyms, glossary additions and suggested questions (TOML data files)."},
    )
    feedback_path: Path = field(
        default=ROOT / "data" / "feedback.jsonl",
        metadata={"help": "Where the app appends 👍/👎 feedback; never the budget database."},
    )
    match_threshold: float = field(
        default=82.0,
        metadata={"help": "Minimum fuzzy score (0-100) for an entity to count as mentioned."},
    )
    clarify_margin: float = field(
        default=3.0,
        metadata={"help": "Candidates within this many points of the best are 'equally good': ask which."},
    )
    max_question_chars: int = field(
        default=200,
        metadata={"help": "Longer input is refused with a message before any processing."},
    )
    row_cap: int = field(
        default=500,
        metadata={"help": "Most rows any query may return (the guard adds LIMIT)."},
    )
    document_row_cap: int = field(
        default=200_000,
        metadata={"help": "Most rows a template marked whole_document may return: the document's own "
                          "line items, read once per open document and looked up from memory."},
    )
    coverage_mode: str = field(
        default="enforce",
        metadata={"help": "enforce: a figure is stated only when every content character of the question "
                          "was understood; shadow: leftovers are only recorded in the trace."},
    )
    max_source_bytes: int = field(
        default=50_000_000,
        metadata={"help": "Largest source file ingest accepts (bytes); a budget text is ~0.1-2 MB."},
    )
    max_line_chars: int = field(
        default=50_000,
        metadata={"help": "Longest source line ingest accepts (characters); real lines stay under 5,000."},
    )
    ingest_lock_seconds: float = field(
        default=120.0,
        metadata={"help": "How long an ingest waits for another ingest into the same folder before failing."},
    )
    query_timeout_seconds: float = field(
        default=5.0,
        metadata={"help": "A question's statement is interrupted after this long (read-only connection)."},
    )
    query_memory_limit: str = field(
        default="512MB",
        metadata={"help": "DuckDB memory_limit of the read-only connection questions use."},
    )
    query_threads: int = field(
        default=1,
        metadata={"help": "DuckDB threads per statement on the read-only connection. A question's "
                  "statements read a few rows of one document: scheduling a second thread costs more "
                  "(about a fifth of each statement) than it saves; concurrent questions still run "
                  "side by side on their own cursors."},
    )
    max_candidates: int = field(
        default=6,
        metadata={"help": "Most options listed in a clarifying question."},
    )
    kiosk_idle_seconds: int = field(
        default=180,
        metadata={"help": "Kiosk mode clears the conversation after this long without input."},
    )
    open_documents: int = field(
        default=8,
        metadata={"help": "Corpus: most documents whose answering context (index, cache) is kept open."},
    )
    corpus_rank_max: int = field(
        default=50,
        metadata={"help": "Corpus: most documents one ranking across departments asks."},
    )
    history_turns: int = field(
        default=6,
        metadata={"help": "How many earlier turns a conversation keeps for follow-ups."},
    )


def load_settings() -> Settings:
    base = Settings()
    return Settings(**{f.name: _env(f.name, getattr(base, f.name)) for f in fields(Settings)})


SETTINGS = load_settings()
