"""Hostile command-line use: bad batch lines, a closed pipe, questions that look like options,
invisible filler letters, and an input stream of ever-new characters.

Each test failed before its fix: `batch` died with a traceback on a deeply nested line or a
5,000-digit id (exit 1, every later line lost); `audit | head` ended in a BrokenPipeError
traceback; `ask "-…"` was rejected by argparse; U+3164 stayed in the question; the pinyin cache
took one entry per distinct character ever seen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT

GOOD = {"id": "good", "turns": ["行政运行多少"]}
BAD_LINES = {
    "deep_array": "[" * 100_000 + "]" * 100_000,
    "deep_object": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "deep_turns": '{"id": "d", "turns": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "huge_int_id": '{"id": ' + "9" * 5000 + ', "turns": ["行政运行多少"]}',
    "huge_int_turn": '{"id": "t", "turns": [' + "7" * 5000 + "]}",
    "not_object": '["科学技术支出多少"]',
    "bool_id": '{"id": true, "turns": ["行政运行多少"]}',
}


def _run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180, input=stdin)


@pytest.fixture(scope="module")
def db(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("robust") / "budget.duckdb"
    shutil.copyfile(seed_db, path)
    return path


def test_each_bad_batch_line_gets_its_own_error_and_the_rest_are_answered(db: Path, tmp_path: Path) -> None:
    lines = []
    for bad in BAD_LINES.values():
        lines += [bad, json.dumps(GOOD, ensure_ascii=False)]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _run("--db", db, "batch", path)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "Traceback" not in proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines)
    for k, name in enumerate(BAD_LINES):
        bad, good = out[2 * k], out[2 * k + 1]
        assert bad["status"] == "unanswerable" and bad["id"] == str(2 * k + 1), (name, bad)
        assert f"第{2 * k + 1}行" in bad["text"] and not bad["values"], (name, bad)
        assert good["id"] == "good" and good["status"] == "answered", (name, good)


def test_audit_into_a_closed_pipe_ends_quietly(db: Path) -> None:
    proc = subprocess.run(f'"{sys.executable}" -m assistant --db "{db}" audit | head -n 1', shell=True,
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "数据核查" in proc.stdout
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "-科学技术支出多少"],
        ["ask", "--json", "-科学技术支出多少"],
        ["ask", "-科学技术支出多少", "--json"],
        ["ask", "--db", "{db}", "-科学技术支出多少"],
    ],
)
def test_question_starting_with_a_dash_is_a_question(db: Path, argv: list[str]) -> None:
    args = [a.replace("{db}", str(db)) for a in argv]
    proc = _run("--db", db, *args)
    assert proc.returncode == 0, proc.stderr
    text = json.loads(proc.stdout)["text"] if "--json" in args else proc.stdout
    assert "7,734.67" in text, text


def test_ask_without_a_question_is_a_usage_error(db: Path) -> None:
    proc = _run("--db", db, "ask")
    assert proc.returncode == 2 and "缺少问题" in proc.stderr


@pytest.mark.parametrize("filler", ["\u3164", "\uffa0", "\u115f", "\u1160", "\u17b4"])
def test_invisible_filler_letters_are_stripped(bot, filler: str) -> None:
    from assistant.pipeline.knowledge import load_knowledge
    from assistant.pipeline.normalise import normalise

    q = normalise(f"科学{filler}技术支出{filler * 3}多少", load_knowledge(), 2026)
    assert q.text == "科学技术支出多少", repr(q.text)
    plain = bot.ask("科学技术支出多少")
    assert bot.ask(f"科学{filler}技术支出{filler}多少").contract() == plain.contract()


def test_pinyin_cache_is_bounded(bot) -> None:
    """A stream of ever-new characters (letters of every script, emoji, symbols) must not grow
    the pinyin cache: only the CJK block (20,992 characters) is ever cached."""
    sounds = bot.index.sounds
    before = len(sounds._chars)
    for start in range(0x0100, 0x4000, 97):
        bot.index.sounds.encode("".join(chr(c) for c in range(start, start + 97)))
    assert len(sounds._chars) == before
    assert len(sounds._codes) < 0xF8FF - 0xE000  # every code stays in the private-use area
