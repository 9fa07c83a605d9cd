"""The 👍/👎 log: one JSON object per line, appended to `settings.feedback_path` (never the budget
database). Personal numbers are masked in every mode and the file is readable by its owner
only (0600); kiosk mode keeps nothing beyond the question and answer text."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.models import Answer
from assistant.ui.text import mask_personal

_lock = threading.Lock()
RATINGS = {0: "down", 1: "up"}
FILE_MODE = 0o600


def record(
    path: Path, *, rating: int, question: str, answer: Answer, mode: str, kiosk: bool
) -> dict[str, Any]:
    """Append one feedback line and return it."""
    entry: dict[str, Any] = {
        "time_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "rating": RATINGS.get(rating, str(rating)),
        "question": mask_personal(question),
        "answer": mask_personal(answer.text),
    }
    if not kiosk:
        entry["mode"] = mode
        entry["status"] = answer.status
        entry["citations"] = [f"{c.table}:{c.line}" for c in answer.citations]
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _lock:
        # created 0600; an older file made with the umask's 0644 is tightened on the next write
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    return entry
