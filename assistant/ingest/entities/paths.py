"""`X(类)Y(款)Z(项)` paths printed in 第三部分/第五部分, resolved to 功能科目 codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from assistant.ingest.entities.names import NAME_ALONE_MIN, clean, similarity

TEXT_PARTS = ("第三部分", "第五部分")
# A path may stand in quotes with '科目' after it (“一般公共服务支出（类）…（项）”科目43.83万元).
PATH_RE = re.compile(
    r"(?:(?P<code>\d{3,7})\s*)?(?P<lei>[^（()）、，。；;\d\s“”\"]+?)\s*[（(]类[)）]\s*"
    r"(?P<kuan>[^（()）]+?)\s*[（(]款[)）]\s*(?P<xiang>[^（()）]+?)\s*[（(]项[)）]"
    r"[”\"]?\s*(?:科目)?(?:\s*支出)?\s*(?:(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元)?"
)


# The same path printed with dashes: “一般公共服务支出-政府办公厅（室）…-行政运行”科目1,202.95万元
PATH_DASH_RE = re.compile(
    r"“(?P<code>\d{3,7})?\s*(?P<lei>[^“”\-－]+?)\s*[-－]\s*(?P<kuan>[^“”\-－]+?)\s*[-－]\s*"
    r"(?P<xiang>[^“”\-－]+?)”\s*(?:科目)?\s*(?:(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元)?"
)


@dataclass(frozen=True)
class FunctionPath:
    """One `X(类)Y(款)Z(项)` path printed in 第三部分/第五部分, resolved against the tables."""

    part: str
    line_no: int
    printed_code: str | None
    names: tuple[str, str, str]  # 类, 款, 项 as printed
    amount: Decimal | None
    codes: tuple[str | None, str | None, str | None]  # resolved codes (None: no such row)


def _function_rows(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, str]:
    """code -> cleaned name of every function row (预算05表 preferred over 预算03表)."""
    rows = con.execute(
        "SELECT code, name FROM line_items WHERE doc_id = ? AND code_kind = 'function' "
        "AND code IS NOT NULL ORDER BY table_id DESC, row_seq",
        [doc_id],
    ).fetchall()
    names: dict[str, str] = {}
    for code, name in rows:
        names.setdefault(code, clean(name))
    return names


def _best(name: str, candidates: dict[str, str], minimum: float) -> str | None:
    scored = sorted(((similarity(name, n), c) for c, n in candidates.items()), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= minimum else None


def function_paths(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[FunctionPath]:
    """Every 类/款/项 path of the narrative parts, resolved to codes by name and structure.

    The 项 is looked up under the resolved 类 first, so a 款 printed under another name
    (研究与开发 for 技术与开发) still resolves through its 项. A path 项 left unmatched is paired
    with the only unmatched table 项 under the same 款 when each side has exactly one.
    """
    names = _function_rows(con, doc_id)
    lines = con.execute(
        "SELECT p.part, s.line_no, s.text FROM paragraphs p JOIN source_lines s "
        "ON s.doc_id = p.doc_id AND s.line_no BETWEEN p.line_start AND p.line_end "
        "WHERE p.doc_id = ? AND p.part IN (?, ?) ORDER BY s.line_no",
        [doc_id, *TEXT_PARTS],
    ).fetchall()
    seen: set[int] = set()
    raw: list[tuple[str, int, re.Match[str]]] = []
    for part, line_no, text in lines:
        if line_no in seen:
            continue
        seen.add(line_no)
        found = list(PATH_RE.finditer(text)) or list(PATH_DASH_RE.finditer(text))
        raw.extend((part, line_no, m) for m in found)

    def children(parent: str | None, length: int) -> dict[str, str]:
        return {
            c: n for c, n in names.items() if len(c) == length and (parent is None or c.startswith(parent))
        }

    paths: list[FunctionPath] = []
    for part, line_no, m in raw:
        lei, kuan, xiang = clean(m["lei"]), clean(m["kuan"]), clean(m["xiang"])
        c_lei = _best(lei, children(None, 3), NAME_ALONE_MIN)
        # The same 项 name stands under many 款 (一般行政管理事务): under the 款 named, when it is
        # found by name; else under the 类 (a 款 may be printed under another name).
        named_kuan = _best(kuan, children(c_lei, 5), NAME_ALONE_MIN) if c_lei else None
        c_xiang = _best(xiang, children(named_kuan, 7), NAME_ALONE_MIN) if named_kuan else None
        c_xiang = c_xiang or _best(xiang, children(c_lei, 7), NAME_ALONE_MIN)
        c_kuan = c_xiang[:5] if c_xiang else _best(kuan, children(c_lei, 5), NAME_ALONE_MIN)
        if c_lei is None and c_xiang:
            c_lei = c_xiang[:3]
        amount = Decimal(m["amount"].replace(",", "")) if m["amount"] else None
        paths.append(
            FunctionPath(part, line_no, m["code"], (lei, kuan, xiang), amount, (c_lei, c_kuan, c_xiang))
        )
    return _pair_by_elimination(paths, names)


def _pair_by_elimination(paths: list[FunctionPath], names: dict[str, str]) -> list[FunctionPath]:
    out = list(paths)
    for part in {p.part for p in paths}:
        for kuan in {p.codes[1] for p in paths if p.part == part and p.codes[1]}:
            open_paths = [
                i for i, p in enumerate(out) if p.part == part and p.codes[1] == kuan and p.codes[2] is None
            ]
            used = {p.codes[2] for p in out if p.part == part and p.codes[1] == kuan}
            open_rows = [c for c in names if len(c) == 7 and c.startswith(kuan) and c not in used]
            if len(open_paths) == 1 and len(open_rows) == 1:
                p = out[open_paths[0]]
                out[open_paths[0]] = FunctionPath(
                    p.part, p.line_no, p.printed_code, p.names, p.amount, (p.codes[0], kuan, open_rows[0])
                )
    return out
