"""Corpus benchmark: ingest time per added document, question latency and peak memory with N
documents (generated variants of the seed and the second document), against one document.

    python bench/corpus_bench.py --docs 1000            # table on stdout, JSON in bench/results/

Every phase runs in a child process under /usr/bin/time -v, so peak memory is measured from
outside the process (maximum resident set size). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from variants import write_variant  # noqa: E402

from bench import fixture_conversations, percentile  # noqa: E402

SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
SECOND = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
RESULTS = ROOT / "bench" / "results"
REGIONS = ["江岸", "硚口", "汉阳", "武昌", "青山", "洪山", "东西湖", "蔡甸", "江夏", "黄陂", "新洲",
           "汉南", "东湖", "临江", "滨湖", "白沙", "金湖", "南岭", "北川", "西陵", "云台", "石门", "玉泉",
           "松溪", "清河"]
OFFICES = ["商务局", "教育局", "民政局", "财政局", "统计局", "审计局", "水务局", "交通运输局", "文化和旅游局",
           "市场监督管理局", "司法局", "农业农村局", "自然资源和规划局", "住房和城市更新局", "退役军人事务局",
           "应急管理局", "医疗保障局", "城市管理执法局", "体育局", "档案馆"]


def plan(n: int, folder: Path, shuffle: bool = False) -> list[Path]:
    """The seed first (unchanged), then variants: 500 departments × 2026 and 2025; `shuffle` adds
    the variants in random order (file names, hence doc_ids, no longer follow the order rows are
    written in, so DuckDB's per-row-group min/max cannot skip other documents' rows)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [SEED]
    k = 0
    while len(out) < n:
        dept = f"{REGIONS[(k // len(OFFICES)) % len(REGIONS)]}区{OFFICES[k % len(OFFICES)]}"
        src, base = (SEED, 2026) if k % 2 == 0 else (SECOND, 2025)
        for year in (2026, 2025):
            if len(out) < n:
                out.append(write_variant(src, folder / f"v{k:04d}-{year}.txt", dept, year - base))
        k += 1
    if shuffle:
        rest = out[1:]
        random.Random(7).shuffle(rest)
        out = [out[0], *rest]
    return out


def middle_department(n: int) -> str:
    """A department generated from the seed whose documents sit in the middle of the corpus."""
    k = n // 4  # two documents per department: the middle one of the plan
    k -= k % 2  # even: a variant of the seed, so the seed's questions apply
    return f"{REGIONS[(k // len(OFFICES)) % len(REGIONS)]}区{OFFICES[k % len(OFFICES)]}"


# ---- child phases ---------------------------------------------------------------------------
def phase_build(db: Path, sources: list[Path], out: Path) -> None:
    from assistant.corpus.store import add_documents

    times = []
    with (out.with_suffix(".progress")).open("w") as progress:  # to follow a long run
        for path in sources:
            t0 = time.perf_counter()
            [outcome] = add_documents([path], db)
            assert outcome.action == "added", outcome
            times.append(time.perf_counter() - t0)
            progress.write(f"{len(times)} {times[-1]:.3f}\n")
            progress.flush()
    from assistant.corpus.store import list_documents

    assert len(list_documents(db)) == len(sources), "every generated document is in the database"
    out.write_text(json.dumps(times))


def phase_ask(db: Path, prefix: str, out: Path) -> None:
    from assistant.service import Assistant

    t0 = time.perf_counter()
    bot = Assistant.open(db)
    opened = time.perf_counter() - t0
    questions = [t[0] for t in fixture_conversations() if len(t) == 1]
    first_ms = []
    t1 = time.perf_counter()
    bot.ask(f"{prefix}总预算多少", bot.new_conversation())  # the named document's context is built
    context_ms = (time.perf_counter() - t1) * 1000
    statuses: dict[str, int] = {}
    for q in questions:
        t = time.perf_counter()
        answer = bot.ask(prefix + q, bot.new_conversation())
        first_ms.append((time.perf_counter() - t) * 1000)
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    # The same questions answer alike in one document and in the corpus (a routing failure would
    # make every answer a refusal, in no time).
    assert statuses.get("answered", 0) >= 0.7 * len(questions), statuses
    out.write_text(json.dumps({"open_s": opened, "context_ms": context_ms, "ms": first_ms,
                               "statuses": statuses}))


# ---- parent -----------------------------------------------------------------------------------
def _child(args: list[str]) -> float:
    """Run a phase in a child under /usr/bin/time -v; returns its peak RSS in MB."""
    proc = subprocess.run(["/usr/bin/time", "-v", sys.executable, __file__, *args],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--phase", choices=["build", "ask"])
    p.add_argument("--db", type=Path)
    p.add_argument("--sources", type=Path)
    p.add_argument("--prefix", default="")
    p.add_argument("--out", type=Path)
    p.add_argument("--workdir", type=Path, default=None, help="where the temporary files go")
    p.add_argument("--shuffle", action="store_true", help="add the generated documents in random order")
    a = p.parse_args(argv)
    if a.phase == "build":
        phase_build(a.db, [Path(s) for s in json.loads(a.sources.read_text())], a.out)
        return 0
    if a.phase == "ask":
        phase_ask(a.db, a.prefix, a.out)
        return 0

    with tempfile.TemporaryDirectory(prefix="corpus-bench-", dir=a.workdir) as tmp:
        work = Path(tmp)
        sources = plan(a.docs, work / "src", a.shuffle)
        results: dict[str, object] = {"docs": len(sources), "shuffle": a.shuffle}
        for name, srcs in (("one", sources[:1]), ("many", sources)):
            listing = work / f"{name}.json"
            listing.write_text(json.dumps([str(s) for s in srcs]))
            db, times = work / f"{name}.duckdb", work / f"{name}-times.json"
            rss = _child(["--phase", "build", "--db", str(db), "--sources", str(listing),
                          "--out", str(times)])
            results[f"{name}_ingest_s"] = json.loads(times.read_text())
            results[f"{name}_ingest_rss_mb"] = rss
            results[f"{name}_db_mb"] = db.stat().st_size / 2**20
        department = "江汉区经济信息化和科技创新局"
        for name, db, prefix in (("one", "one", ""), ("many_named", "many", department),
                                 ("many_middle", "many", middle_department(a.docs)),
                                 ("many_current", "many", "")):
            out = work / f"ask-{name}.json"
            rss = _child(["--phase", "ask", "--db", str(work / f"{db}.duckdb"), "--prefix", prefix,
                          "--out", str(out)])
            results[f"ask_{name}"] = {**json.loads(out.read_text()), "rss_mb": rss}
    report(results)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"corpus-{stamp}.json").write_text(json.dumps(results, ensure_ascii=False))
    return 0


def report(r: dict) -> None:
    times = r["many_ingest_s"]
    n = len(times)
    spans = ((0, 10), (n // 2 - 25, n // 2 + 25), (n - 50, n))
    chunks = [(lo, hi) for lo, hi in spans if hi <= n and lo >= 0]
    print(f"documents: {r['docs']}; database {r['many_db_mb']:.0f} MB "
          f"(one document: {r['one_db_mb']:.1f} MB)")
    for lo, hi in chunks:
        part = times[lo:hi]
        print(f"ingest per added document, documents {lo + 1}–{hi}: median {statistics.median(part):.2f} s, "
              f"p95 {percentile(part, 95):.2f} s")
    print(f"ingest peak RSS: {r['many_ingest_rss_mb']:.0f} MB "
          f"(one document: {r['one_ingest_rss_mb']:.0f} MB)")
    for key in ("ask_one", "ask_many_named", "ask_many_middle", "ask_many_current"):
        a = r[key]
        ms = a["ms"]
        print(f"{key}: {len(ms)} new questions p50 {percentile(ms, 50):.1f} ms, "
              f"p95 {percentile(ms, 95):.1f} ms, open {a['open_s']:.2f} s, "
              f"document context {a['context_ms']:.0f} ms, peak RSS {a['rss_mb']:.0f} MB, {a['statuses']}")
    base = percentile(r["ask_one"]["ms"], 95)
    for key in ("ask_many_named", "ask_many_middle", "ask_many_current"):
        print(f"{key} p95 / one-document p95: {percentile(r[key]['ms'], 95) / base:.2f}×")


if __name__ == "__main__":
    raise SystemExit(main())
