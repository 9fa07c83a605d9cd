"""The set a subject belongs to, for 除了 A 其他…: its siblings under the same parent.

Classified lines (功能科目, 经济科目) are siblings when their codes have the same length and the
same parent code (类: all 类 of the table); projects are siblings of each other. Other kinds have
no declared set, so 除了 over them is not understood (no figure is guessed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Match

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

CODED = frozenset({"function", "economic"})
SET_KINDS = frozenset({"project"})
CLASS_LEN = 3  # a 类 code; 款 and 项 add two digits each


def parent_code(code: str) -> str:
    return code[:-2] if len(code) > CLASS_LEN else ""


def siblings(m: Match, env: Env, within: Match | None = None) -> list[Match] | None:
    """Entities of the same set as m (m included), in print order; None when m has no set."""
    if m.kind in CODED and m.code:
        parent = within.code if within is not None and within.code else parent_code(m.code)
        out = [e for e in env.index.kinds(m.kind)
               if e.code and len(e.code) == len(m.code) and e.code.startswith(parent)]
    elif m.kind in SET_KINDS:
        # the set is the table that lists most things of its kind among those m appears in (the
        # project table, not a procurement table that names one project in passing)
        members: dict[str, set[str]] = {}
        for e in env.index.entries:
            if e.kind == m.kind:
                members.setdefault(e.table_id, set()).add(e.entity_id)
        tables = [t for t, ids in members.items() if m.entity_id in ids]
        if not tables:
            return None
        listing = max(tables, key=lambda t: (len(members[t]), t))
        out = [e for e in env.index.kinds(m.kind) if e.entity_id in members[listing]]
    else:
        return None
    seen: dict[str, Match] = {}
    for e in sorted(out, key=lambda e: (e.code or "", e.line_no)):
        seen.setdefault(e.entity_id, e.to_match(100.0, None))
    return list(seen.values()) if len(seen) >= 2 else None
