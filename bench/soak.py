"""Soak and re-ingest under load: memory and errors over many questions and many rebuilds.

    python bench/soak.py                          # 10,000 questions, 20 re-ingests under 8 threads
    python bench/soak.py --questions 2000 --reingests 6 --threads 4

Soak: one Assistant answers N questions (fixture questions, hostile inputs, everyday phrases,
random noise, in a fixed shuffled order); resident memory is sampled as it goes. Re-ingest:
threads keep opening the Assistant (as new app sessions do) and asking while the database is
rebuilt from two different documents in turn; after each rebuild a new session must answer
from the new document. Nothing here asserts a number: it prints what it measured.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
OTHER = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
FALLBACK = "抱歉，处理这个问题时出了点状况"


def rss_mb() -> float:
    """Current resident set size (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def question_pool(seed: int) -> list[str]:
    from reliability_support import fixture_conversations

    pool = [t for turns in fixture_conversations() for t in turns]
    with (ROOT / "tests" / "fixtures" / "hostile.toml").open("rb") as f:
        pool += [str(c.get("text", "")) for c in tomllib.load(f).get("case", [])]
    with (ROOT / "tests" / "fixtures" / "everyday_words.toml").open("rb") as f:
        pool += [p for group in tomllib.load(f).values() for p in group["phrases"]]
    rng = random.Random(seed)
    alphabet = "预算支出科学技术行政运行多少去年呢第二个项目😀<b>'; DROP--\u200b\u3164ДЖ١٢"
    pool += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    return pool


def soak(db: Path, n: int) -> None:
    from assistant.service import Assistant

    bot = Assistant.open(db)
    pool = question_pool(n)
    rng = random.Random(7)
    start_mb = rss_mb()
    samples, times, statuses, errors = [], [], {"answered": 0, "clarify": 0, "unanswerable": 0}, 0
    conv = bot.new_conversation()
    for i in range(n):
        if i % 4 == 0:
            conv = bot.new_conversation()  # conversations of four turns
        t0 = time.perf_counter()
        answer = bot.ask(rng.choice(pool), conv)
        times.append((time.perf_counter() - t0) * 1000)
        statuses[answer.status] += 1
        errors += answer.text.startswith(FALLBACK)
        if i % max(1, n // 10) == 0:
            samples.append(rss_mb())
    end_mb = rss_mb()
    q = statistics.quantiles(times, n=100)
    print(f"soak: {n} questions, {statuses}, internal-error replies {errors}")
    print(f"  latency p50/p95/p99 {q[49]:.1f}/{q[94]:.1f}/{q[98]:.1f} ms; "
          f"RSS {start_mb:.0f} → {end_mb:.0f} MB (samples {', '.join(f'{s:.0f}' for s in samples)})")


def reingest_under_load(db: Path, rounds: int, threads: int) -> None:
    from assistant import service
    from assistant.ingest.build import ingest_files

    stop = threading.Event()
    asked, errors = [0], [0]
    lock = threading.Lock()

    def worker(k: int) -> None:
        rng = random.Random(k)
        qs = ["收入总计是多少", "部门预算支出总计是多少", "一般公共预算拨款多少", "项目支出多少"]
        while not stop.is_set():
            answer = service.Assistant.open(db).ask(rng.choice(qs))
            with lock:
                asked[0] += 1
                errors[0] += answer.text.startswith(FALLBACK)

    ingest_files([SEED], db)
    service.Assistant.open(db)
    start_mb = rss_mb()
    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    wrong_document = 0
    t0 = time.perf_counter()
    for r in range(rounds):
        source = OTHER if r % 2 == 0 else SEED
        ingest_files([source], db)
        doc = service.Assistant.open(db).document()
        wrong_document += doc["file_name"] != source.name
    stop.set()
    for t in pool:
        t.join()
    slot = f"{db.resolve()}|"
    alive = [b for key, (_, b) in service._OPEN.items() if key == slot and not b._closing]
    print(f"re-ingest: {rounds} rebuilds (two documents in turn) under {threads} asking threads "
          f"in {time.perf_counter() - t0:.1f} s; {asked[0]} questions, internal-error replies {errors[0]}")
    print(f"  new session on the old document after a rebuild: {wrong_document}; open Assistants "
          f"{len(alive)}; RSS {start_mb:.0f} → {rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--reingests", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from assistant.ingest.build import ingest_files

        db = Path(tmp) / "soak.duckdb"
        ingest_files([SEED], db)
        soak(db, args.questions)
        reingest_under_load(Path(tmp) / "live.duckdb", args.reingests, args.threads)


if __name__ == "__main__":
    main()
