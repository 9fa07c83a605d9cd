"""Build files next to the database: one ingest at a time per folder, stale builds removed.

Two ingests into one database used to both report success while one build silently replaced
the other. The lock is an advisory `flock` on the database's folder itself (no lock file is
left behind, and nothing stale survives a killed process: the kernel drops the lock with the
process). The second ingest waits up to `SETTINGS.ingest_lock_seconds`, then fails with a
message naming the database; it never interleaves with the first.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.errors import IngestError
from assistant.settings import SETTINGS

POLL_SECONDS = 0.1

try:  # POSIX only; elsewhere ingests are not serialised (documented in the README)
    import fcntl
except ImportError:  # pragma: no cover - not on Linux/macOS
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def ingest_lock(db_path: Path, timeout: float | None = None) -> Iterator[float]:
    """Hold the ingest lock of db_path's folder; yields the seconds spent waiting for it."""
    if fcntl is None:
        yield 0.0
        return
    limit = SETTINGS.ingest_lock_seconds if timeout is None else timeout
    fd = os.open(db_path.parent, os.O_RDONLY)
    start = time.monotonic()
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - start >= limit:
                    raise IngestError(
                        db_path.name,
                        None,
                        f"没有其他导入正在写入该数据库（已等待 {limit:g} 秒，请稍后重试）",
                        f"no other ingest writing this database (waited {limit:g} s; try again later)",
                    ) from None
                time.sleep(POLL_SECONDS)
        yield time.monotonic() - start
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def remove_build(path: Path) -> None:
    """Delete a build file and its WAL, if present."""
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
