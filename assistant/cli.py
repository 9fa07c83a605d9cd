"""Command line: ingest, audit, ask, batch. Errors become text here and nowhere else."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.settings import SETTINGS

if TYPE_CHECKING:  # the service loads the database: import it only when a command needs it
    from assistant.models import Answer
    from assistant.service import Assistant


def _parser() -> argparse.ArgumentParser:
    # --db is accepted before and after the subcommand; SUPPRESS keeps the sub-parser from
    # overwriting a value given before it.
    db_help = f"DuckDB file (default {SETTINGS.db_path.relative_to(SETTINGS.db_path.parents[1])})"
    parser = argparse.ArgumentParser(prog="python -m assistant", description="预算问答")
    parser.add_argument("--db", type=Path, default=SETTINGS.db_path, help=db_help)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
        return p

    p = add("ingest", "build the database from source documents")
    p.add_argument("sources", nargs="+", type=Path)
    add("audit", "print the document's consistency checks")
    p = add("ask", "answer one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the JSON answer object")
    p = add("batch", "answer conversations from a JSONL file, one JSON answer per line")
    p.add_argument("file", type=Path)
    # corpus hook: add / documents / remove (assistant/corpus/commands.py)
    from assistant.corpus.commands import register

    register(add)
    return parser


# Characters that str.splitlines() treats as line breaks although JSON leaves them raw: escaped
# so one answer stays one line for every reader of the batch output.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")


def _render(answer: Answer) -> str:
    lines = [answer.text]
    for c in answer.citations:
        page = f"第{c.page}页 " if c.page is not None else ""
        lines.append(f"  出处：{c.table} {c.title} · {c.row} · {page}第{c.line}行")
    for cand in answer.candidates:
        lines.append(f"  - {cand.label}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            from assistant.ingest.build import ingest_files

            doc_ids = ingest_files(args.sources, args.db)
            print(f"已导入 {len(doc_ids)} 份文件 → {args.db}（{', '.join(doc_ids)}）")
            return 0
        # corpus hook: add / documents / remove (assistant/corpus/commands.py)
        from assistant.corpus.commands import run as run_corpus

        done = run_corpus(args)
        if done is not None:
            return done
        from assistant.database import ensure_database

        ensure_database(args.db)
        if args.command == "audit":
            from assistant.audit import format_report

            print(format_report(args.db))
            return 0
        from assistant.service import Assistant

        bot = Assistant.open(args.db)
        if args.command == "ask":
            answer = bot.ask(args.question, bot.new_conversation())
            if args.json:
                _print_json(answer.contract())
            else:
                print(_render(answer))
            return 0
        return _batch(bot, args.file)
    except AssistantError as exc:
        # Chinese for the person, then the English detail for whoever reads the log.
        detail = str(exc)
        print(detail if detail.startswith(exc.user_message) else f"{exc.user_message}\n{detail}",
              file=sys.stderr)
        return 2


def _batch(bot: Assistant, path: Path) -> int:
    from assistant.models import Answer

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssistantError(str(exc), user_message=f"无法读取问题文件：{path}") from exc
    # JSONL lines end at "\n" only: U+2028 and friends may stand raw inside a JSON string.
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            case = json.loads(raw.decode("utf-8"))
            raw_turns = case.get("turns", [])
            turns = [raw_turns] if isinstance(raw_turns, str) else [str(t) for t in raw_turns]
            case_id = case.get("id", str(n))
            if not isinstance(case_id, (str, int)):
                raise TypeError(case_id)
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError):
            bad = Answer(id=str(n), status="unanswerable", text=f"第{n}行不是有效的问题记录（JSON 对象）。")
            _print_json(bad.contract())
            continue
        conv = bot.new_conversation()
        answer = None
        for turn in turns or [""]:
            answer = bot.ask(turn, conv)
        answer.id = str(case_id)
        _print_json(answer.contract())
    return 0
