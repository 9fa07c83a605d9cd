"""Benchmark: new-question and repeated latency, throughput, cold start, ingest time, peak memory.

    python bench/bench.py                        # seed document, every eval question, table on stdout
    python bench/bench.py --threads 16 --rounds 5 --json   # also bench/results/<time>.json
    python bench/bench.py --profile              # also cProfile of the new-question pass

What each figure means:

* new question: each question asked for the first time, with every per-question cache of the
  assistant cleared before each ask (match cache, query results, memos: bench/caches.py finds
  them), conversations asked turn by turn in order. Data loaded once per process (knowledge,
  lexicon, templates) is kept, as in a running service; `--clear-loaded` clears that too.
* repeated: the same questions asked again, caches as they are.
* peak memory: the kernel's VmHWM of each child process, read from outside (bench/child.py);
  never a `ru_maxrss`, which a child inherits from the process it was forked from.

The questions: bench/questions.txt plus every conversation of the evaluation sets next to the
repository (../shared/eval/dev/cases.jsonl, ../shared/eval/public/*.jsonl) when present.
Numbers are measured on whatever machine runs this; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tomllib
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from child import gnu_time_peak_kb, run_measured, supported  # noqa: E402

SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
QUESTIONS = ROOT / "bench" / "questions.txt"
EVAL = ROOT.parent / "shared" / "eval"
# A published PDF of the shanghai-9 layout, when the shared sources are checked out next to the repo.
PDF_SAMPLE = ROOT.parent / "shared" / "sources" / "putuo" / "putuo-swk-2025.pdf"
RESULTS = ROOT / "bench" / "results"
WORKLOAD = ROOT / "bench" / "workload.py"
TARGET_P95_MS = 15.0  # issue 12: new-question p95 on the project machine


def load_conversations(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split("|"))
    return out


def eval_conversations(folder: Path) -> list[list[str]]:
    """Every case's turns of dev/cases.jsonl and public/*.jsonl under `folder` (absent: none)."""
    files = [folder / "dev" / "cases.jsonl", *sorted((folder / "public").glob("*.jsonl"))]
    out: list[list[str]] = []
    for path in files:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                turns = json.loads(line).get("turns")
                if isinstance(turns, list) and turns:
                    out.append([str(t) for t in turns])
    return out


def fixture_conversations() -> list[list[str]]:
    """Every conversation of the question fixtures (tests/fixtures/**/*.toml `[[case]] turns`)."""
    out: list[list[str]] = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.toml")):
        if path.name == "hostile.toml":
            continue
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            turns = case.get("turns")
            if isinstance(turns, list) and turns:
                out.append([str(t) for t in turns])
    return out


def dedupe(convs: list[list[str]]) -> list[list[str]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for c in convs:
        if tuple(c) not in seen:
            seen.add(tuple(c))
            out.append(c)
    return out


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary(ms: list[float]) -> dict[str, float]:
    return {"samples": len(ms), "mean": round(statistics.fmean(ms), 2),
            **{f"p{p}": round(percentile(ms, p), 2) for p in (50, 95, 99)}, "max": round(max(ms), 2)}


def pct3(s: dict[str, float]) -> str:
    return f"{s['p50']:.1f} / {s['p95']:.1f} / {s['p99']:.1f} ms"


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def time_ingest(source: Path, workdir: Path) -> tuple[float, Path]:
    from assistant.ingest.build import ingest_files

    db = workdir / "bench.duckdb"
    t0 = time.perf_counter()
    ingest_files([source], db)
    return time.perf_counter() - t0, db


def cold_start(db: Path, question: str, runs: int) -> tuple[list[float], list[int]]:
    """`python -m assistant --db DB ask Q --json` in fresh processes: seconds from process start
    to the end of main (answer printed) and each process's peak RSS in KiB, read from outside."""
    times, peaks = [], []
    for _ in range(runs):
        run = run_measured("assistant", ["--db", str(db), "ask", question, "--json"], cwd=ROOT, timeout=300)
        if run.returncode != 0 or not run.held:
            raise SystemExit(f"cold start failed or its peak was not read: {run.stderr[-1000:]}")
        times.append(run.seconds_to_done)
        peaks.append(run.peak_rss_kb)
    return times, peaks


def workload(plan: dict[str, Any], workdir: Path) -> tuple[dict[str, Any], int]:
    """The latency and throughput passes in a child process; its results and peak RSS (KiB)."""
    plan_path, result_path = workdir / "plan.json", workdir / "result.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    run = run_measured(str(WORKLOAD), [str(plan_path), str(result_path)], cwd=ROOT, timeout=1800)
    if run.returncode != 0 or not run.held or not result_path.exists():
        raise SystemExit(f"workload failed: {run.stderr[-2000:]}")
    return json.loads(result_path.read_text(encoding="utf-8")), run.peak_rss_kb


def step_table(steps: dict[str, list[float]], wall_ms: float) -> list[dict[str, Any]]:
    """Per pipeline step over the new-question pass: share of all time, mean and p95 per ask."""
    rows = [{"step": name, "share": round(sum(ms) / wall_ms, 3), "mean_ms": round(statistics.fmean(ms), 2),
             "p95_ms": round(percentile(ms, 95), 2), "asks": len(ms)} for name, ms in steps.items()]
    return sorted(rows, key=lambda r: -r["share"])


def time_pdf_ingest(pdf: Path | None, workdir: Path) -> float | None:
    """Seconds to ingest one published PDF (text layer + table structure), or None without one."""
    if pdf is None or not pdf.exists():
        return None
    from assistant.ingest.build import ingest_files

    t0 = time.perf_counter()
    ingest_files([pdf], workdir / "bench-pdf.duckdb")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="预算问答基准测试 / benchmark")
    parser.add_argument("--db", type=Path, help="query this database (default: the seed, ingested)")
    parser.add_argument("--source", type=Path, default=SEED, help="document to time the ingest of")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="questions; turns joined by |")
    parser.add_argument("--eval", type=Path, default=EVAL,
                        help="evaluation folder whose dev/cases.jsonl and public/*.jsonl turns are added")
    parser.add_argument("--fixtures", action="store_true",
                        help="add every conversation of tests/fixtures (a few hundred more)")
    parser.add_argument("--rounds", type=int, default=3, help="repeated passes over the questions")
    parser.add_argument("--threads", type=int, default=8, help="threads for the concurrent throughput run")
    parser.add_argument("--cold-runs", type=int, default=3, help="subprocess cold starts to time")
    parser.add_argument("--clear-loaded", action="store_true",
                        help="new question: also clear data loaded once per process (knowledge, lexicon …)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the new-question pass (an extra pass; top functions printed)")
    parser.add_argument("--json", action="store_true", help="also write bench/results/<timestamp>.json")
    args = parser.parse_args(argv)
    if not supported():
        raise SystemExit("peak memory is read from /proc/<pid>/status: run on Linux")

    convs = load_conversations(args.questions) + eval_conversations(args.eval)
    if args.fixtures:
        convs += fixture_conversations()
    convs = dedupe(convs)
    with tempfile.TemporaryDirectory() as tmp:
        ingest_s, built = time_ingest(args.source, Path(tmp))
        pdf_s = time_pdf_ingest(PDF_SAMPLE, Path(tmp))
        db = (args.db or built).resolve()
        plan = {"db": str(db), "conversations": convs, "rounds": args.rounds, "threads": args.threads,
                "clear_loaded": args.clear_loaded, "profile": args.profile}
        work, work_kb = workload(plan, Path(tmp))
        cold, cold_kb = cold_start(db, convs[0][0], args.cold_runs)
        gnu_kb = gnu_time_peak_kb(["-m", "assistant", "--db", str(db), "ask", convs[0][0], "--json"], ROOT)

    new = summary([s * 1000 for s in work["new_s"]])
    new_cpu = summary([s * 1000 for s in work["new_cpu_s"]])
    warm = summary([s * 1000 for s in work["repeated_s"]])
    steps = step_table(work["steps_ms"], sum(work["new_s"]) * 1000)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)},
        "questions": sum(len(c) for c in convs),
        "conversations": len(convs),
        "statuses_new": work["statuses"],
        "ingest_seed_s": round(ingest_s, 3),
        "ingest_pdf_s": round(pdf_s, 3) if pdf_s is not None else None,
        "open_s": round(work["open_s"], 3),
        "latency_new_question_ms": new,
        "cpu_new_question_ms": new_cpu,
        "new_question_p95_within_target": new["p95"] <= TARGET_P95_MS,
        "latency_repeated_ms": warm,
        "steps_new_question": steps,
        "sql_templates_new_question": work["templates"],
        "qps_1_thread": round(work["qps_1"], 1),
        f"qps_{args.threads}_threads": round(work["qps_n"], 1),
        "cold_start_s": {"min": round(min(cold), 3), "median": round(statistics.median(cold), 3)},
        "peak_rss_mb_from_outside": {
            "workload_process": round(work_kb / 1024, 1),
            "cli_ask_cold_max": round(max(cold_kb) / 1024, 1),
            "cli_ask_gnu_time": round(gnu_kb / 1024, 1) if gnu_kb else None,
        },
        "caches": work["caches"],
        "caches_not_found": work["caches_not_found"],
    }
    verdict = "≤" if result["new_question_p95_within_target"] else ">"
    rows = [
        ("种子文件导入 ingest (seed, in process)", f"{ingest_s:.2f} s"),
        ("PDF 导入 ingest (putuo-swk-2025.pdf, in process)", f"{pdf_s:.2f} s" if pdf_s is not None else "—"),
        ("打开 Assistant.open", f"{work['open_s']:.3f} s"),
        ("冷启动 cold start (process → first answer), median", f"{statistics.median(cold):.2f} s"),
        ("新问题 new question (caches cleared) p50 / p95 / p99",
         f"{pct3(new)}  (p95 {verdict} {TARGET_P95_MS:g} ms)"),
        ("新问题 CPU time (process, all threads) p50 / p95 / p99", pct3(new_cpu)),
        ("重复问题 repeated question p50 / p95 / p99", pct3(warm)),
        ("吞吐 questions/s, 1 thread", f"{work['qps_1']:.1f}"),
        (f"吞吐 questions/s, {args.threads} threads", f"{work['qps_n']:.1f}"),
        ("峰值内存 peak RSS (VmHWM): workload / one CLI ask",
         f"{work_kb / 1024:.0f} / {max(cold_kb) / 1024:.0f} MB"
         + (f"  (GNU time: {gnu_kb / 1024:.0f} MB)" if gnu_kb else "")),
        ("问题 questions (conversations)", f"{result['questions']} ({len(convs)}), repeated × {args.rounds}"),
        ("状态 statuses, new-question pass", json.dumps(work["statuses"], ensure_ascii=False)),
    ]
    width = max(display_width(r[0]) for r in rows)
    print(f"benchmark  {result['when']}  {result['machine']['platform']}  cpus={os.cpu_count()}"
          f"  load={result['machine']['load_avg_1m']}")
    for name, value in rows:
        print(f"  {name}{' ' * (width - display_width(name))}  {value}")
    print("  steps of a new question (share of time, mean / p95 ms per ask):")
    for r in steps:
        print(f"    {r['step']:<16} {r['share'] * 100:5.1f}%  {r['mean_ms']:6.2f} / {r['p95_ms']:6.2f} ms")
    sql_ms = sum(t["total_ms"] for t in work["templates"])
    print(f"  SQL templates in the new-question pass: {sql_ms:.0f} ms of {sum(work['new_s']) * 1000:.0f} ms;"
          " top (calls, distinct parameter sets, ms):")
    for t in work["templates"][:6]:
        print(f"    {t['template']:<28} {t['calls']:5d} {t['distinct_params']:5d} {t['total_ms']:8.1f}")
    if work["caches_not_found"]:
        print(f"  WARNING: caches not found (renamed?): {', '.join(work['caches_not_found'])}")
    if work.get("profile"):
        print(work["profile"])
    if args.json:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"  → {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
