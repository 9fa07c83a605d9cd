"""The corpus commands of the command line: add, documents, remove (registered by cli.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from assistant.errors import AssistantError

ACTIONS = {"added": "已新增", "replaced": "已替换", "unchanged": "未变化（校验值相同）", "failed": "失败"}


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = add("add", "add or replace documents in place, one transaction each (the others stay)")
    p.add_argument("sources", nargs="+", type=Path)
    add("documents", "list the documents the database holds")
    p = add("remove", "remove one document (doc_id or file name)")
    p.add_argument("doc")


def run(args: argparse.Namespace) -> int | None:
    """Run a corpus command; None when the command is not one of ours."""
    from assistant.corpus import store

    if args.command == "add":
        outcomes = store.add_documents(args.sources, args.db)
        for o in outcomes:
            detail = f"（{o.doc_id}，{o.seconds:.2f} 秒）" if o.doc_id else f"：{o.message}"
            print(f"{ACTIONS[o.action]}：{o.file}{detail}")
        return 1 if any(o.action == "failed" for o in outcomes) else 0
    if args.command == "documents":
        if not Path(args.db).exists():
            raise AssistantError(f"no database at {args.db}",
                                 user_message=f"数据库 {Path(args.db).name} 不存在。")
        rows = store.list_documents(args.db)
        print(f"共 {len(rows)} 份文件：")
        for r in rows:
            print(f"{r['department']}\t{r['year']}\t{r['file_name']}\t{r['sha256'][:12]}\t{r['doc_id']}")
        return 0
    if args.command == "remove":
        doc_id = store.remove_document(args.db, args.doc)
        print(f"已删除：{doc_id}")
        return 0
    return None
