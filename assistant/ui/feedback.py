"""The 👍/👎 log: one JSON object per line, appended to `settings.feedback_path` (never the budget
database). Kiosk mode keeps nothing beyond the question and answer text (numbers masked)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.models import Answer
from assistant.ui.text import mask_mobile

_lock = threading.Lock()
RATINGS = {0: "down", 1: "up"}


def record(
    path: Path, *, rating: int, question: str, answer: Answer, mode: str, kiosk: bool
) -> dict[str, Any]:
    """Append one feedback line and return it."""
    entry: dict[str, Any] = {
        "time_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "rating": RATINGS.get(rating, str(rating)),
        "question": mask_mobile(question) if kiosk else question,
        "answer": mask_mobile(answer.text) if kiosk else answer.text,
    }
    if not kiosk:
        entry["mode"] = mode
        entry["status"] = answer.status
        entry["citations"] = [f"{c.table}:{c.line}" for c in answer.citations]
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _lock, path.open("a", encoding="utf-8") as fh:
        fh.write(line)
    return entry
