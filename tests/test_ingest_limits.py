"""Ingest under abuse: very long lines (linear time), size caps, two ingests at once, several
documents in one file, a document cut short — each with a clear Chinese + English message or a
line in the ingest report.

Before the fixes a 20,000-character line took 45 s (a path regex retried a lazy run at every
position), two concurrent ingests both reported success while one build silently replaced the
other, and 490 concatenated copies or a document cut at 99% ingested without a word.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from assistant.errors import IngestError
from assistant.ingest import lock, reader
from assistant.ingest.build import ingest_documents

ROOT = Path(__file__).resolve().parent.parent
LONG = 40_000  # characters: under the default line cap, far over any real line

# (where the line goes: 0-based index of the seed line it is inserted before, the line).
# The narrative parts are where the path and subject regexes run.
SHAPES = {
    "part3_no_brackets": (1090, "其中安排" + "用" * LONG + "（项）"),
    "part3_open_paths": (1090, "1、" + "科学技术支出（类）科学技术管理事务（款）" * (LONG // 20)),
    "part5_glossary_paths": (1200, "12、" + "科学技术支出（类）" * (LONG // 9)),
    "part3_no_lead_word": (1090, "预" * LONG + "。"),
    "table_cell": (199, "2060101\t" + "行" * LONG + "\t401.31\t401.31\t\t\t\t"),
}


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_long_line_ingests_in_linear_time(tmp_path: Path, seed_lines: list[str], shape: str) -> None:
    at, line = SHAPES[shape]
    src = _write(tmp_path, shape, [*seed_lines[:at], line, *seed_lines[at:]])
    # In a child process with a deadline: the quadratic version takes minutes on these lines.
    code = (
        "import sys, time; from pathlib import Path; from assistant.ingest.build import ingest_files\n"
        "t = time.perf_counter()\n"
        "try:\n    ingest_files([Path(sys.argv[1])], Path(sys.argv[2]))\n"
        "except Exception as exc:\n    print(type(exc).__name__, file=sys.stderr)\n"
        "print(round(time.perf_counter() - t, 2))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(src), str(tmp_path / "x.duckdb")], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert float(proc.stdout.split()[-1]) < 15, f"{shape}: {proc.stdout.strip()} s for a {LONG}-char line"


def test_line_over_the_cap_is_refused_with_its_line(tmp_path, seed_lines, monkeypatch) -> None:
    monkeypatch.setattr(reader, "SETTINGS", dataclasses.replace(reader.SETTINGS, max_line_chars=5000))
    src = _write(tmp_path, "wide", [*seed_lines[:500], "数" * 5001, *seed_lines[500:]])
    with pytest.raises(IngestError) as info:
        ingest_documents([src], tmp_path / "x.duckdb")
    assert info.value.line == 501
    message = str(info.value)
    assert "5,000 个字符" in message and "5,001" in message and "at most 5,000 characters" in message


def test_file_over_the_cap_is_refused(tmp_path, seed_source, monkeypatch) -> None:
    monkeypatch.setattr(reader, "SETTINGS", dataclasses.replace(reader.SETTINGS, max_source_bytes=50_000))
    with pytest.raises(IngestError) as info:
        ingest_documents([seed_source], tmp_path / "x.duckdb")
    message = str(info.value)
    assert "50,000 字节" in message and "at most 50,000 bytes" in message
    assert not (tmp_path / "x.duckdb").exists()


def test_defaults_take_the_real_documents(seed_source) -> None:
    settings = reader.SETTINGS
    assert seed_source.stat().st_size < settings.max_source_bytes
    longest = max(len(line) for line in seed_source.read_text(encoding="utf-8").split("\n"))
    assert longest < settings.max_line_chars


# --- several documents in one file, a document cut short -----------------------------------------


@pytest.mark.parametrize("copies", [2, 5])
def test_concatenated_copies_are_refused(tmp_path, seed_lines, copies) -> None:
    src = _write(tmp_path, "copies", seed_lines * copies)
    with pytest.raises(IngestError) as info:
        ingest_documents([src], tmp_path / "x.duckdb")
    title = next(n for n, line in enumerate(seed_lines, 1) if line.startswith("# "))
    assert info.value.line == len(seed_lines) + title
    assert "只含一份预算文档" in str(info.value) and "one budget document per file" in str(info.value)


def test_two_different_documents_in_one_file_are_refused(tmp_path, seed_lines) -> None:
    other = (ROOT / "tests/fixtures/docs/qiaokou-swj-2025-budget.txt").read_text(encoding="utf-8")
    src = _write(tmp_path, "two", [*seed_lines, *other.split("\n")])
    with pytest.raises(IngestError, match="只含一份预算文档"):
        ingest_documents([src], tmp_path / "x.duckdb")


def test_document_cut_mid_line_is_reported(tmp_path, seed_source) -> None:
    text = seed_source.read_text(encoding="utf-8")
    cut = text[: int(len(text) * 0.99)]
    src = tmp_path / "cut.txt"
    src.write_text(cut, encoding="utf-8")
    (report,) = ingest_documents([src], tmp_path / "x.duckdb")
    assert any("可能被截断" in w for w in report.warnings), report.warnings
    assert "可能被截断" in report.text()


def test_whole_documents_have_no_warnings(tmp_path, seed_source) -> None:
    other = ROOT / "tests/fixtures/docs/qiaokou-swj-2025-budget.txt"
    reports = ingest_documents([seed_source, other], tmp_path / "x.duckdb")
    for r in reports:
        assert r.warnings == () and r.unreadable_cells == (), r.text()
        assert r.tables_found >= 13 and r.narrative_parts == 4 and r.paragraphs > 50
        assert r.rows_per_table["预算03表"] > 10 and "无警告" in r.text()


def test_cli_prints_the_report(tmp_path, seed_source) -> None:
    proc = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(seed_source), "--db",
                           str(tmp_path / "x.duckdb")], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    for words in ("表格：目录列出 15 张", "预算03表 21 行", "说明部分：4 个部分", "空白单元格", "无警告"):
        assert words in proc.stdout, proc.stdout


# --- two ingests into one database -----------------------------------------------------------------

_HOLD = (
    "import sys, time; from pathlib import Path; from assistant.ingest.lock import ingest_lock\n"
    "with ingest_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True); time.sleep(float(sys.argv[2]))\n"
)


def _holder(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), str(seconds)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_ingest_fails_clearly_when_the_first_holds_on(tmp_path, seed_source, monkeypatch) -> None:
    db = tmp_path / "budget.duckdb"
    monkeypatch.setattr(lock, "SETTINGS", dataclasses.replace(lock.SETTINGS, ingest_lock_seconds=0.5))
    holder = _holder(db, 30)
    try:
        with pytest.raises(IngestError) as info:
            ingest_documents([seed_source], db)
    finally:
        holder.kill()
        holder.wait()
    assert "没有其他导入正在写入该数据库" in str(info.value) and "no other ingest" in str(info.value)
    assert not db.exists()


def test_second_ingest_waits_and_says_so(tmp_path, seed_source) -> None:
    db = tmp_path / "budget.duckdb"
    holder = _holder(db, 1.5)
    try:
        t0 = time.monotonic()
        reports = ingest_documents([seed_source], db)
        waited = time.monotonic() - t0
    finally:
        holder.wait()
    assert waited >= 1.0, "the second ingest did not wait for the first"
    assert any("等待另一个导入完成" in w for w in reports[0].warnings)


def test_two_concurrent_cli_ingests_both_complete_one_after_the_other(tmp_path, seed_source) -> None:
    db = tmp_path / "budget.duckdb"
    other = ROOT / "tests/fixtures/docs/qiaokou-swj-2025-budget.txt"
    procs = [subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(src), "--db", str(db)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8") for src in (seed_source, other)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-500:] for o in outs]
    con = duckdb.connect(str(db), read_only=True)
    try:
        (name,) = con.execute("SELECT file_name FROM documents").fetchone()
    finally:
        con.close()
    assert name in (seed_source.name, other.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [db.name]
