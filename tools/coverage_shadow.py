"""Shadow coverage report: the leftovers of questions the assistant answers correctly.

    python tools/coverage_shadow.py CASES.jsonl|CASES.toml … [--db PATH] [--all]

Prints, for every judged turn that is answered with the expected figures (or, with --all, every
answered turn), the content the coverage gate would find unconsumed. Those leftovers are the
lexicon's to-do list before the gate is enforced.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BUDGET_COVERAGE_MODE", "shadow")

from assistant.service import Assistant


def _cases(path: Path) -> list[dict]:
    if path.suffix == ".toml":
        with path.open("rb") as f:
            raw = tomllib.load(f).get("case", [])
        return [{"id": c.get("id", f"{path.stem}-{i}"), "turns": c["turns"],
                 "expect": {"status": c.get("status", "answered"), "values": c.get("values", [])}}
                for i, c in enumerate(raw, 1)]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _right(answer, expect) -> bool:
    if answer.status != expect.get("status", "answered"):
        return False
    stated = [v.value for v in answer.values]
    return all(any(abs(s - w) < 0.006 for s in stated) for w in expect.get("values", []))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args()
    bot = Assistant.open(args.db)
    counter: collections.Counter[str] = collections.Counter()
    for path in args.files:
        for case in _cases(path):
            conv = bot.new_conversation()
            for turn in case["turns"]:
                answer = bot.ask(turn, conv)
            good = _right(answer, case["expect"]) if not args.all else answer.status == "answered"
            if not good:
                continue
            steps = {s.step: s.detail for s in answer.trace.steps}
            left = (steps.get("cover") or {}).get("leftovers") or []
            if left:
                counter.update(left)
                print(f"{case['id']}\t{case['turns'][-1]}\t{answer.trace.normalised}\t{left}")
    print("\nleftover words:", counter.most_common())


if __name__ == "__main__":
    main()
