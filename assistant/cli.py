"""Command line: ingest, audit, ask, batch. Errors become text here and nowhere else."""

from __future__ import annotations

import argparse
import json
import os
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
    p.add_argument("question", nargs="?")
    p.add_argument(QUESTION_FLAG, dest="question_text", help=argparse.SUPPRESS)
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


QUESTION_FLAG = "--question-text"
_ASK_OPTIONS = {"--json": 0, "--db": 1, "-h": 0, "--help": 0}


def _protect_question(argv: list[str]) -> list[str]:
    """`ask "-5万是什么"`: a question starting with '-' is the question, not an option. The first
    token after `ask` that is not one of its options is passed as --question-text=TOKEN, which
    argparse never mistakes for an option."""
    if "ask" not in argv:
        return argv
    out = list(argv)
    i = out.index("ask") + 1
    while i < len(out):
        token = out[i]
        if token == "--" or token.startswith("--db=") or token.startswith(QUESTION_FLAG):
            break
        if token in _ASK_OPTIONS:
            i += 1 + _ASK_OPTIONS[token]
            continue
        if token.startswith("-"):
            out[i] = f"{QUESTION_FLAG}={token}"
        break
    return out


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # `audit | head`: the reader left. Point stdout at devnull so the interpreter's final
        # flush does not raise again, and end quietly as other Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool killed by a closed pipe


def _main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(_protect_question(argv))
    if args.command == "ask":
        args.question = args.question if args.question_text is None else args.question_text
    if args.command == "ask" and args.question is None:
        parser.error("ask: 缺少问题（the question is required）")
    try:
        if args.command == "ingest":
            from assistant.ingest.build import ingest_documents

            reports = ingest_documents(args.sources, args.db)
            for report in reports:
                print(report.text())
            print(f"已导入 {len(reports)} 份文件 → {args.db}（{', '.join(r.doc_id for r in reports)}）")
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
        try:
            if args.command == "ask":
                answer = bot.ask(args.question, bot.new_conversation())
                if args.json:
                    _print_json(answer.contract())
                else:
                    print(_render(answer))
                return 0
            return _batch(bot, args.file)
        finally:
            # the connection is closed here, never left to the interpreter's exit (a native
            # library torn down at exit while its objects are still held once aborted a batch)
            bot.close()
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
        case = _parse_case(raw, n)
        if case is None:
            # One bad line gets its own error object; the lines after it are still answered.
            bad = Answer(id=str(n), status="unanswerable", text=f"第{n}行不是有效的问题记录（JSON 对象）。")
            _print_json(bad.contract())
            continue
        case_id, turns = case
        conv = bot.new_conversation()
        answer = None
        for turn in turns or [""]:
            answer = bot.ask(turn, conv)
        answer.id = case_id
        _print_json(answer.contract())
    return 0


def _parse_case(raw: bytes, n: int) -> tuple[str, list[str]] | None:
    """(id, turns) of one batch line, or None when it is not a usable question record: not
    UTF-8, not JSON, nested too deeply to parse, an integer too long to convert, not an object,
    an id that is neither text nor a number."""
    try:
        case = json.loads(raw.decode("utf-8"))
        if not isinstance(case, dict):
            return None
        raw_turns = case.get("turns", [])
        if isinstance(raw_turns, str):
            turns = [raw_turns]
        elif isinstance(raw_turns, list):
            turns = [str(t) for t in raw_turns]
        else:
            return None
        case_id = case.get("id", str(n))  # no id: the line number
        if isinstance(case_id, bool) or not isinstance(case_id, (str, int)):
            return None
        return str(case_id), turns
    except (UnicodeDecodeError, ValueError, RecursionError, TypeError):
        # ValueError covers JSONDecodeError and Python's limit on integer digits (a 5,000-digit id)
        return None
