"""预算01–13表 → `line_items` (long form, one row per cell) and, for 预算12表, `procurement` rows.

Grid tables (03/05/06/07/11) take their code kind and levels from the code column's header
(科目编码 / 经济分类 / 单位编码 / 项目编码); 01/04 are read as two 收入 | 支出 halves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import IngestError
from assistant.ingest.catalog import TableSpan
from assistant.ingest.layout import amount_cell, clean_name, merge_header, raw_label, split_header, tab_rows
from assistant.ingest.procurement import parse_procurement
from assistant.ingest.reader import compact, is_amount

TWO_SIDED = {1, 4}  # 收支 tables printed as 收入 | 支出 side by side
PROCUREMENT = 12

_TOP = re.compile(r"^[一二三四五六七八九十廿卅百]+[、.．]")
_SUB = re.compile(r"^[（(][一二三四五六七八九十廿卅百]+[）)]")


@dataclass
class Parsed:
    line_items: list[dict]
    procurement: list[dict]


# ---------------------------------------------------------------- grid tables (03/05/06/07/11)


def _code_kind(code_label: str, header_text: str) -> str:
    if "项目" in code_label:
        return "project"
    if "单位" in code_label:
        return "unit"
    return "economic" if "经济分类" in header_text else "function"


def _level(kind: str, code: str) -> tuple[str, str]:
    """(level, code_kind) of a coded row."""
    if kind in ("function", "economic"):
        return {3: "类", 5: "款", 7: "项"}.get(len(code), "行"), kind
    if code.isdigit() and len(code) in (3, 6):
        return "单位", "unit"
    if kind == "project" and (len(code) >= 10 or not code.isdigit()):
        return "项目", "project"
    return "分组", "item"


_RANK = {"单位": 1, "分组": 3, "项目": 4}


# Header words of a money column: such a column stays an amount column whatever its cells hold.
_MONEY_LABEL = re.compile(r"合计|小计|总计|金额|预算|拨款|资金|经费|支出|收入|结转|结余")


def _text_columns(body: list[tuple[int, list[str]]], candidates: list[int], labels: list[str]) -> set[int]:
    """Columns whose filled cells are words, not amounts (预算13表 政府购买服务目录). A column is
    words when most of its filled cells are, unless its header names money and it holds amounts
    too: one unreadable cell (「四百零一」, N/A) must not turn an amount column into text."""
    out = set()
    for j in candidates:
        filled = [row[j] for _, row in body if j < len(row) and compact(row[j])]
        words = sum(1 for c in filled if not is_amount(c))
        money = words < len(filled) and _MONEY_LABEL.search(labels[j]) is not None
        if words and words * 2 > len(filled) and not money:
            out.add(j)
    return out


def parse_grid(lines: list[str], span: TableSpan, unit: str, file: str) -> list[dict]:
    rows = tab_rows(lines, span)
    split = split_header(rows, 0 if _labels_only(rows) else 2)
    header = [r for _, r in rows[:split]]
    labels = merge_header(header) if header else []
    has_code = any("编码" in lab or "代码" in lab for lab in labels)
    has_name = any("名称" in lab for lab in labels)
    if not has_code and not has_name and labels:
        return _totals_only(rows[split:], labels, span, unit, file)
    code_col = next((j for j, lab in enumerate(labels) if "编码" in lab or "代码" in lab), 0)
    extra_col = next((j for j, lab in enumerate(labels) if lab.endswith("单位") and "编码" not in lab), None)
    name_col = next((j for j, lab in enumerate(labels) if "名称" in lab), code_col + 1)
    others = [j for j, lab in enumerate(labels) if lab and j not in (code_col, name_col, extra_col)]
    texts = _text_columns(rows[split:], others, labels)
    measures = [(j, labels[j]) for j in others if j not in texts]
    kind = _code_kind(labels[code_col] if labels else "", "".join("".join(r) for r in header))

    out: list[dict] = []
    stack: list[tuple[int, str]] = []  # (rank, code) for project-table parents
    seq = 0
    for no, row in rows[split:]:
        row = row + [""] * (len(labels) - len(row))
        code, raw = compact(row[code_col]), raw_label(row[name_col])
        if not code and not raw:
            continue
        name = clean_name(raw)
        seq += 1
        extra = (raw_label(row[extra_col]) or None) if extra_col is not None else None
        if code:
            level, code_kind = _level(kind, code)
        elif "总计" in name or "合计" in name:
            level, code_kind = ("总计" if "总计" in name else "合计"), "total"
        else:  # an uncoded row that is not a total ('其中：…'): keep it, flagged as a plain row
            level, code_kind = "行", "item"
        parent = None
        if code and code_kind in ("function", "economic"):
            parent = code[: {7: 5, 5: 3}[len(code)]] if len(code) in (5, 7) else None
        elif code:
            rank = _RANK[level] + (1 if level == "单位" and len(code) == 6 else 0)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((rank, code))
        detail = "；".join(f"{labels[j]}：{raw_label(row[j])}" for j in sorted(texts) if raw_label(row[j]))
        for j, measure in measures:
            out.append(
                {
                    "table_id": span.table_id,
                    "row_seq": seq,
                    "side": None,
                    "code": code or None,
                    "code_kind": code_kind,
                    "name": name,
                    "raw_name": raw,
                    "level": level,
                    "parent_code": parent,
                    "measure": measure,
                    "amount": amount_cell(row[j], file, no, measure),
                    "unit": unit,
                    "extra": extra,
                    "line_no": no,
                    "detail": detail or None,
                }
            )
    return out


def _labels_only(rows: list[tuple[int, list[str]]]) -> bool:
    """A table whose header has neither a code nor a name column (预算08表 “三公”经费): its first
    row of amounts is data even though it has no label cells."""
    head = " ".join(" ".join(r) for _, r in rows[:2])
    return bool(rows) and not any(w in head for w in ("编码", "代码", "名称", "项目"))


def _totals_only(
    body: list[tuple[int, list[str]]], labels: list[str], span: TableSpan, unit: str, file: str
) -> list[dict]:
    """Rows of a table printed without code and name columns: each row of amounts is the table's
    total, one measure per labelled column ('“三公”经费合计' → 合计)."""
    out: list[dict] = []
    measures = [(j, "合计" if lab.endswith("合计") else lab) for j, lab in enumerate(labels) if lab]
    for seq, (no, row) in enumerate(body, 1):
        row = row + [""] * (len(labels) - len(row))
        for j, measure in measures:
            out.append(
                {
                    "table_id": span.table_id,
                    "row_seq": seq,
                    "side": None,
                    "code": None,
                    "code_kind": "total",
                    "name": "合计",
                    "raw_name": "",
                    "level": "合计",
                    "parent_code": None,
                    "measure": measure,
                    "amount": amount_cell(row[j], file, no, measure),
                    "unit": unit,
                    "extra": None,
                    "line_no": no,
                    "detail": None,
                }
            )
    return out


# ---------------------------------------------------------------- two-sided tables (01/04)


def parse_two_sided(lines: list[str], span: TableSpan, unit: str, file: str) -> list[dict]:
    rows = tab_rows(lines, span)
    split = split_header(rows, 1)
    header = [r for _, r in rows[:split]]
    name_cols = [j for j, c in enumerate(header[-1] if header else []) if compact(c) == "项目"]
    if len(name_cols) < 2:
        raise IngestError(
            file,
            rows[0][0] if rows else span.line_start,
            "收入、支出两栏的表头（项目 | 预算数 | 项目 | 预算数）",
            "a two-sided header (项目 | 预算数 | 项目 | 预算数)",
        )
    above = header[-2] if len(header) >= 2 else []
    sides = []
    for k, j in enumerate(name_cols):
        side_label = compact(above[j]) if j < len(above) else ""
        sides.append((j, "支出" if "支" in side_label or (not side_label and k) else "收入"))
    measure = compact(header[-1][name_cols[0] + 1]) or "预算数"

    per_side: dict[str, list[tuple[int, str, object]]] = {s: [] for _, s in sides}
    for no, row in rows[split:]:
        for j, side in sides:
            raw = raw_label(row[j]) if j < len(row) else ""
            if raw:
                per_side[side].append(
                    (no, raw, amount_cell(row[j + 1] if j + 1 < len(row) else "", file, no, measure))
                )

    out: list[dict] = []
    for side, items in per_side.items():
        nested = any(_TOP.match(compact(r)) for _, r, _ in items) and any(
            _SUB.match(compact(r)) for _, r, _ in items
        )
        group = None
        for no, raw, amount in items:
            name = clean_name(raw)
            level, kind, extra = "行", "item", None
            if "总计" in name or "合计" in name:
                level, kind = ("总计" if "总计" in name else "合计"), "total"
            elif nested and _TOP.match(compact(raw)):
                level, group = "分组", name
            elif _TOP.match(compact(raw)) or _SUB.match(compact(raw)):
                extra = group if nested else None
                if side == "支出" and "结转" not in name and "结余" not in name:
                    level, kind = "类", "function"
            out.append(
                {
                    "table_id": span.table_id,
                    "row_seq": 0,
                    "side": side,
                    "code": None,
                    "code_kind": kind,
                    "name": name,
                    "raw_name": raw,
                    "level": level,
                    "parent_code": None,
                    "measure": measure,
                    "amount": amount,
                    "unit": unit,
                    "extra": extra,
                    "line_no": no,
                }
            )
    out.sort(key=lambda r: (r["line_no"], r["side"] != "收入"))
    for seq, r in enumerate(out, 1):
        r["row_seq"] = seq
    return out


def parse_table(lines: list[str], span: TableSpan, unit: str, file: str) -> Parsed:
    """Rows of one printed table; the empty list when the table prints only its header."""
    if span.seq in TWO_SIDED:
        return Parsed(parse_two_sided(lines, span, unit, file), [])
    if span.seq == PROCUREMENT:
        return Parsed([], parse_procurement(lines, span, unit, file))
    return Parsed(parse_grid(lines, span, unit, file), [])
