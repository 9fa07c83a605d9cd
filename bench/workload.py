"""The measured workload, run in its own process by bench.py (so its peak memory is its own).

    python bench/workload.py PLAN.json RESULT.json

PLAN: {"db", "conversations", "rounds", "threads", "clear_loaded", "profile"}. Writes RESULT with
the raw samples; bench.py summarises them.

* new question: every conversation asked once, turns in order, with every per-question cache
  cleared before each turn (bench/caches.py), so each figure is a first answer;
* repeated: the same conversations asked again `rounds` times with the caches as they are;
* throughput with 1 and with `threads` threads sharing one Assistant.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from caches import find_caches  # noqa: E402


def ask_conversation(bot: Any, turns: list[str]) -> tuple[list[float], str]:
    """Seconds per turn (a follow-up is asked in its context) and the last status."""
    conv = bot.new_conversation()
    times, status = [], ""
    for turn in turns:
        t0 = time.perf_counter()
        answer = bot.ask(turn, conv)
        times.append(time.perf_counter() - t0)
        status = answer.status
    return times, status


def new_questions(bot: Any, convs: list[list[str]], clear: Any) -> tuple[list[float], list[float], dict,
                                                                        dict]:
    """Per-turn wall seconds with the caches cleared before each turn, the process CPU seconds of
    each (all threads, DuckDB's too: unlike wall time it hardly depends on what else the machine
    runs), per-step milliseconds, statuses."""
    samples: list[float] = []
    cpu: list[float] = []
    steps: dict[str, list[float]] = {}
    statuses: dict[str, int] = {}
    for turns in convs:
        conv = bot.new_conversation()
        for turn in turns:
            clear()
            c0, t0 = time.process_time(), time.perf_counter()
            answer = bot.ask(turn, conv)
            seconds = time.perf_counter() - t0
            cpu.append(time.process_time() - c0)
            samples.append(seconds)
            traced = 0.0
            for step in answer.trace.steps if answer.trace else []:
                steps.setdefault(step.step, []).append(step.ms)
                traced += step.ms
            # what the step timings do not cover: trace details, remembering the turn, the service
            steps.setdefault("(outside steps)", []).append(max(0.0, seconds * 1000 - traced))
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
    return samples, cpu, steps, statuses


class TemplateTimes:
    """Time spent in each SQL template while active (QueryRunner.run wrapped from here, so the
    assistant is unchanged), and how many distinct parameter sets it ran with: a template run on
    every question with one parameter set does not depend on the question."""

    def __enter__(self) -> TemplateTimes:
        from assistant.pipeline.execute import QueryRunner

        self.cls, self.original = QueryRunner, QueryRunner.run
        self.calls: dict[str, list[float]] = {}
        self.params: dict[str, set[str]] = {}
        original = self.original

        def run(runner: Any, template: str, **params: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(runner, template, **params)
            finally:
                self.calls.setdefault(template, []).append((time.perf_counter() - t0) * 1000)
                self.params.setdefault(template, set()).add(repr(sorted(params.items())))

        QueryRunner.run = run  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        self.cls.run = self.original  # type: ignore[method-assign]

    def summary(self) -> list[dict[str, Any]]:
        rows = [{"template": t, "calls": len(ms), "total_ms": round(sum(ms), 1),
                 "distinct_params": len(self.params[t])} for t, ms in self.calls.items()]
        return sorted(rows, key=lambda r: -r["total_ms"])


def repeated(bot: Any, convs: list[list[str]], rounds: int) -> list[float]:
    samples: list[float] = []
    for _ in range(rounds):
        for turns in convs:
            samples += ask_conversation(bot, turns)[0]
    return samples


def throughput(bot: Any, convs: list[list[str]], rounds: int, threads: int) -> float:
    """Questions per second with `threads` threads sharing one Assistant (caches as they are)."""
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


def main(plan_path: str, result_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    convs: list[list[str]] = plan["conversations"]
    from assistant.service import Assistant

    t0 = time.perf_counter()
    bot = Assistant.open(Path(plan["db"]))
    open_s = time.perf_counter() - t0
    caches = find_caches(bot)
    names = caches.names()
    found = " ".join(names["cleared_each_question"])
    missing = [n for n in ("EntityIndex._cache", "Assistant._results") if n not in found]

    def clear() -> None:
        caches.clear(loaded=plan["clear_loaded"])

    profile_text = None
    if plan["profile"]:
        prof = cProfile.Profile()
        prof.enable()
        new_questions(bot, convs, clear)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(45)
        profile_text = buf.getvalue()
    with TemplateTimes() as times:
        new, new_cpu, steps, statuses = new_questions(bot, convs, clear)
    templates = times.summary()
    warm = repeated(bot, convs, plan["rounds"])
    qps_1 = throughput(bot, convs, plan["rounds"], 1)
    qps_n = throughput(bot, convs, plan["rounds"], plan["threads"])
    Path(result_path).write_text(json.dumps({
        "open_s": open_s, "new_s": new, "new_cpu_s": new_cpu, "steps_ms": steps, "statuses": statuses,
        "templates": templates, "repeated_s": warm,
        "qps_1": qps_1, "qps_n": qps_n, "caches": names, "caches_not_found": missing,
        "profile": profile_text,
    }, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
