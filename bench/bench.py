"""Benchmark: latency, throughput, cold start, ingest time and peak memory.

    python bench/bench.py                       # seed document, 8 threads, table on stdout
    python bench/bench.py --threads 16 --rounds 5 --json   # also bench/results/<time>.json

Numbers are measured on whatever machine runs this; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
QUESTIONS = ROOT / "bench" / "questions.txt"
# A published PDF of the shanghai-9 layout, when the shared sources are checked out next to the repo.
PDF_SAMPLE = ROOT.parent / "shared" / "sources" / "putuo" / "putuo-swk-2025.pdf"
RESULTS = ROOT / "bench" / "results"


def load_conversations(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split("|"))
    return out


def fixture_conversations() -> list[list[str]]:
    """Every conversation of the question fixtures (tests/fixtures/**/*.toml `[[case]] turns`)."""
    out: list[list[str]] = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.toml")):
        if path.name == "hostile.toml":
            continue
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            turns = case.get("turns")
            if isinstance(turns, list) and turns and turns not in out:
                out.append([str(t) for t in turns])
    return out


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def pct3(ms: list[float]) -> str:
    return f"{percentile(ms, 50):.1f} / {percentile(ms, 95):.1f} / {percentile(ms, 99):.1f} ms"


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def time_ingest(source: Path, workdir: Path) -> tuple[float, Path]:
    from assistant.ingest.build import ingest_files

    db = workdir / "bench.duckdb"
    t0 = time.perf_counter()
    ingest_files([source], db)
    return time.perf_counter() - t0, db


def time_pdf_ingest(pdf: Path | None, workdir: Path) -> float | None:
    """Seconds to ingest one published PDF (text layer + table structure), or None without one."""
    if pdf is None or not pdf.exists():
        return None
    from assistant.ingest.build import ingest_files

    t0 = time.perf_counter()
    ingest_files([pdf], workdir / "bench-pdf.duckdb")
    return time.perf_counter() - t0


def ask_conversation(bot: Any, turns: list[str]) -> tuple[float, str]:
    """Seconds for the whole conversation (a follow-up is asked in its context) and the status."""
    conv = bot.new_conversation()
    t0 = time.perf_counter()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    return time.perf_counter() - t0, answer.status


def latency(bot: Any, convs: list[list[str]], rounds: int) -> tuple[list[float], list[float], dict[str, int]]:
    """Per-question seconds: the first ask of each question (the matcher's per-text cache is
    cold for it), then `rounds` repeats (warm)."""
    first = []
    for turns in convs:
        seconds, _ = ask_conversation(bot, turns)
        first.append(seconds / len(turns))
    samples: list[float] = []
    statuses: dict[str, int] = {}
    for _ in range(rounds):
        for turns in convs:
            seconds, status = ask_conversation(bot, turns)
            samples.append(seconds / len(turns))
            statuses[status] = statuses.get(status, 0) + 1
    return first, samples, statuses


def throughput(bot: Any, convs: list[list[str]], rounds: int, threads: int) -> float:
    """Questions per second with `threads` threads sharing one Assistant."""
    work = [turns for _ in range(rounds) for turns in convs]
    n_questions = sum(len(t) for t in work)
    t0 = time.perf_counter()
    if threads <= 1:
        for turns in work:
            ask_conversation(bot, turns)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(lambda turns: ask_conversation(bot, turns), work))
    return n_questions / (time.perf_counter() - t0)


_CHILD = (
    "import atexit, resource, runpy, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'\\nBENCH_MAXRSS_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "sys.argv = ['assistant', *sys.argv[1:]]\n"
    "runpy.run_module('assistant', run_name='__main__', alter_sys=True)\n"
)


def cold_start(db: Path, question: str, runs: int) -> tuple[list[float], float]:
    """Process start to first answer printed: `python -m assistant --db DB ask Q --json`.

    Returns the wall times and the child's own peak RSS in MB (measured inside the child: the
    RUSAGE_CHILDREN figure inherits the parent's high-water mark across fork).
    """
    times, peak_kb = [], 0
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, "--db", str(db), "ask", question, "--json"],
            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
        )
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"cold start run failed: {proc.stderr[-1000:]}")
        for line in proc.stderr.splitlines():
            if line.startswith("BENCH_MAXRSS_KB "):
                peak_kb = max(peak_kb, int(line.split()[1]))
    return times, peak_kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="预算问答基准测试 / benchmark")
    parser.add_argument("--db", type=Path, help="query this database (default: the seed, ingested)")
    parser.add_argument("--source", type=Path, default=SEED, help="document to time the ingest of")
    parser.add_argument("--pdf", type=Path, default=PDF_SAMPLE,
                        help="a published PDF to time the ingest of (skipped when absent)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="questions; turns joined by |")
    parser.add_argument("--fixtures", action="store_true",
                        help="add every conversation of tests/fixtures (a few hundred, mostly unseen)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the questions")
    parser.add_argument("--threads", type=int, default=8, help="threads for the concurrent throughput run")
    parser.add_argument("--cold-runs", type=int, default=3, help="subprocess cold starts to time")
    parser.add_argument("--json", action="store_true", help="also write bench/results/<timestamp>.json")
    args = parser.parse_args(argv)

    convs = load_conversations(args.questions)
    if args.fixtures:
        convs += [c for c in fixture_conversations() if c not in convs]
    with tempfile.TemporaryDirectory() as tmp:
        ingest_s, built = time_ingest(args.source, Path(tmp))
        pdf_s = time_pdf_ingest(args.pdf, Path(tmp))
        db = args.db or built
        rss_after_ingest = peak_rss_mb()

        from assistant.service import Assistant

        t0 = time.perf_counter()
        bot = Assistant.open(db)
        open_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ask_conversation(bot, convs[0])
        first_s = time.perf_counter() - t0

        first, samples, statuses = latency(bot, convs, args.rounds)
        qps_1 = throughput(bot, convs, args.rounds, 1)
        qps_n = throughput(bot, convs, args.rounds, args.threads)
        cold, rss_child = cold_start(db, convs[0][0], args.cold_runs)
        rss_self = peak_rss_mb()

    ms = [s * 1000 for s in samples]
    ms_first = [s * 1000 for s in first]
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
        },
        "questions": sum(len(c) for c in convs),
        "conversations": len(convs),
        "statuses": statuses,
        "ingest_seed_s": round(ingest_s, 3),
        "ingest_pdf_s": round(pdf_s, 3) if pdf_s is not None else None,
        "open_s": round(open_s, 3),
        "first_answer_in_process_s": round(first_s, 4),
        "latency_warm_ms": {
            "samples": len(ms),
            "mean": round(statistics.fmean(ms), 2),
            "p50": round(percentile(ms, 50), 2),
            "p95": round(percentile(ms, 95), 2),
            "p99": round(percentile(ms, 99), 2),
            "max": round(max(ms), 2),
        },
        "latency_first_ask_ms": {
            "samples": len(ms_first),
            "p50": round(percentile(ms_first, 50), 2),
            "p95": round(percentile(ms_first, 95), 2),
            "p99": round(percentile(ms_first, 99), 2),
            "max": round(max(ms_first), 2),
        },
        "qps_1_thread": round(qps_1, 1),
        f"qps_{args.threads}_threads": round(qps_n, 1),
        "cold_start_s": {"min": round(min(cold), 3), "median": round(statistics.median(cold), 3)},
        "peak_rss_mb": {
            "after_ingest": round(rss_after_ingest, 1),
            "bench_process": round(rss_self, 1),
            "cli_child_max": round(rss_child, 1),
        },
        "threads_alive_at_end": threading.active_count(),
    }
    rows = [
        ("种子文件导入 ingest (seed)", f"{ingest_s:.2f} s"),
        ("PDF 导入 ingest (one published PDF)", f"{pdf_s:.2f} s" if pdf_s is not None else "skipped"),
        ("打开 Assistant.open", f"{open_s:.3f} s"),
        ("冷启动 cold start (process → first answer), median", f"{statistics.median(cold):.2f} s"),
        ("延迟 latency p50 / p95 / p99, first ask of a question", pct3(ms_first)),
        ("延迟 latency p50 / p95 / p99, repeated (warm)", pct3(ms)),
        ("吞吐 questions/s, 1 thread", f"{qps_1:.1f}"),
        (f"吞吐 questions/s, {args.threads} threads", f"{qps_n:.1f}"),
        ("峰值内存 peak RSS: bench process / one CLI ask", f"{rss_self:.0f} / {rss_child:.0f} MB"),
        ("问题 questions × rounds", f"{result['questions']} × {args.rounds}  {statuses}"),
    ]
    width = max(display_width(r[0]) for r in rows)
    print(f"benchmark  {result['when']}  {result['machine']['platform']}  cpus={os.cpu_count()}")
    for name, value in rows:
        print(f"  {name}{' ' * (width - display_width(name))}  {value}")
    if args.json:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"  → {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
