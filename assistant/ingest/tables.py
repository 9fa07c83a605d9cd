"""预算01–13表 → `line_items` (long form) and `procurement` rows.

Columns are identified by their header labels, never by position: the two-row headers
(基本支出 over 小计/人员经费/公用经费, 本年拨款 over 一般公共预算/…) are merged per column first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import IngestError
from assistant.ingest.catalog import TableSpan
from assistant.ingest.reader import cells, compact, is_amount, parse_amount, strip_html

TWO_SIDED = {1, 4}  # 收支 tables printed as 收入 | 支出 side by side
PROCUREMENT = 12

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十廿卅百]+[、.．]|[（(][一二三四五六七八九十廿卅百\d]+[）)]|\d+[、.．])"
)
_TOP = re.compile(r"^[一二三四五六七八九十廿卅百]+[、.．]")
_SUB = re.compile(r"^[（(][一二三四五六七八九十廿卅百]+[）)]")
_BRACKET_CODE = re.compile(r"^\s*[\[【]\s*([^\]】]+?)\s*[\]】]\s*(.*)$")


@dataclass
class Parsed:
    line_items: list[dict]
    procurement: list[dict]


def clean_name(raw: str) -> str:
    """'五、科学技术支出' → '科学技术支出'; 'PDF spaces' and HTML removed."""
    return _NUMBERING.sub("", compact(raw))


def raw_label(text: str) -> str:
    return strip_html(text).strip()


def _tab_rows(lines: list[str], span: TableSpan) -> list[tuple[int, list[str]]]:
    """Tab rows of a table body, from the line after its 单位 line (or title)."""
    assert span.line_start is not None and span.line_end is not None
    start = span.title_line or span.line_start
    for no in range(start, span.line_end + 1):
        if "单位" in lines[no - 1] and re.search(r"单位\s*[:：]\s*[千万亿]?元", lines[no - 1]):
            start = no
            break
    return [(no, cells(lines[no - 1])) for no in range(start + 1, span.line_end + 1)
            if "\t" in lines[no - 1] and any(cells(lines[no - 1]))]


def _is_data(row: list[str], first_value_col: int = 2) -> bool:
    return any(is_amount(c) for c in row[first_value_col:])


def merge_header(rows: list[list[str]]) -> list[str]:
    """One label per column from stacked header rows; '小计' takes its spanning parent's name."""
    width = max((len(r) for r in rows), default=0)
    grid = [[compact(c) for c in r] + [""] * (width - len(r)) for r in rows]
    labels: list[str] = []
    parents: list[str] = []
    for j in range(width):
        filled = [i for i in range(len(grid)) if grid[i][j]]
        if not filled:
            labels.append("")
            parents.append("")
            continue
        bottom = filled[-1]
        parent = ""
        if bottom > 0:  # the spanning label sits above, possibly to the left (merged cell)
            k = j
            while k >= 0 and not grid[bottom - 1][k]:
                k -= 1
            parent = grid[bottom - 1][k] if k >= 0 else ""
        label = grid[bottom][j]
        labels.append(parent if label == "小计" and parent else label)
        parents.append(parent if label != "小计" else "")
    # The same sub-label under two parents (一般公共预算 under 本年拨款 and under 结转结余).
    dupes = {lab for lab in labels if lab and labels.count(lab) > 1}
    return [f"{parents[j]}/{lab}" if lab in dupes and parents[j] else lab for j, lab in enumerate(labels)]


def _amount(text: str, file: str, line: int) -> object:
    try:
        return parse_amount(text)
    except ValueError as exc:
        raise IngestError(file, line, f"金额（收到「{text}」）", f"an amount (got {text!r})") from exc


def _split_header(rows: list[tuple[int, list[str]]], first_value_col: int) -> int:
    return next((i for i, (_, r) in enumerate(rows) if _is_data(r, first_value_col)), len(rows))


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


def parse_grid(lines: list[str], span: TableSpan, unit: str, file: str) -> list[dict]:
    rows = _tab_rows(lines, span)
    split = _split_header(rows, 2)
    header = [r for _, r in rows[:split]]
    labels = merge_header(header) if header else []
    code_col = next((j for j, lab in enumerate(labels) if "编码" in lab or "代码" in lab), 0)
    extra_col = next((j for j, lab in enumerate(labels) if lab.endswith("单位") and "编码" not in lab), None)
    name_col = next((j for j, lab in enumerate(labels) if "名称" in lab), code_col + 1)
    measures = [(j, lab) for j, lab in enumerate(labels) if lab and j not in (code_col, name_col, extra_col)]
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
        else:
            level, code_kind = ("总计" if "总计" in name else "合计"), "total"
        parent = None
        if code and code_kind in ("function", "economic"):
            parent = code[: {7: 5, 5: 3}[len(code)]] if len(code) in (5, 7) else None
        elif code:
            rank = _RANK[level] + (1 if level == "单位" and len(code) == 6 else 0)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((rank, code))
        for j, measure in measures:
            out.append({
                "table_id": span.table_id, "row_seq": seq,
                "side": None, "code": code or None, "code_kind": code_kind, "name": name, "raw_name": raw,
                "level": level, "parent_code": parent, "measure": measure,
                "amount": _amount(row[j], file, no), "unit": unit,
                "extra": extra, "line_no": no,
            })
    return out


# ---------------------------------------------------------------- two-sided tables (01/04)


def parse_two_sided(lines: list[str], span: TableSpan, unit: str, file: str) -> list[dict]:
    rows = _tab_rows(lines, span)
    split = _split_header(rows, 1)
    header = [r for _, r in rows[:split]]
    name_cols = [j for j, c in enumerate(header[-1] if header else []) if compact(c) == "项目"]
    if len(name_cols) < 2:
        raise IngestError(file, rows[0][0] if rows else span.line_start,
                          "收入、支出两栏的表头（项目 | 预算数 | 项目 | 预算数）",
                          "a two-sided header (项目 | 预算数 | 项目 | 预算数)")
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
                per_side[side].append((no, raw, _amount(row[j + 1] if j + 1 < len(row) else "", file, no)))

    out: list[dict] = []
    for side, items in per_side.items():
        nested = any(_TOP.match(compact(r)) for _, r, _ in items) and any(_SUB.match(compact(r)) for _, r, _ in items)
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
            out.append({"table_id": span.table_id, "row_seq": 0, "side": side, "code": None, "code_kind": kind,
                        "name": name, "raw_name": raw, "level": level, "parent_code": None,
                        "measure": measure, "amount": amount, "unit": unit, "extra": extra, "line_no": no})
    out.sort(key=lambda r: (r["line_no"], r["side"] != "收入"))
    for seq, r in enumerate(out, 1):
        r["row_seq"] = seq
    return out


# ---------------------------------------------------------------- 预算12表 政府采购

_PROC_ROLES = (  # (keyword in the merged header label, column); first match wins
    ("中小企业", "sme_amount"), ("小微企业", "micro_amount"), ("单位代码", "unit_code"),
    ("单位编码", "unit_code"), ("单位名称", "unit_name"), ("品目", "item"), ("功能", "func"),
    ("经济分类", "econ"), ("资金来源", "fund_source"), ("资金性质", "fund_nature"),
    ("数量", "quantity"), ("单价", "unit_price"), ("计量单位", "measure_unit"), ("金额", "amount"),
    ("项目", "project"),
)
_PROC_NUMERIC = {"quantity", "unit_price", "amount", "sme_amount", "micro_amount"}


def split_code(text: str) -> tuple[str | None, str | None]:
    """'[A02020100]复印机' → ('A02020100', '复印机'); plain text → (None, text)."""
    text = raw_label(text)
    if not text:
        return None, None
    m = _BRACKET_CODE.match(text)
    return (m.group(1), compact(m.group(2)) or None) if m else (None, compact(text))


def parse_procurement(lines: list[str], span: TableSpan, unit: str, file: str) -> list[dict]:
    rows = _tab_rows(lines, span)
    split = _split_header(rows, 2)
    labels = merge_header([r for _, r in rows[:split]])
    roles: dict[str, int] = {}
    for j, label in enumerate(labels):
        role = next((r for key, r in _PROC_ROLES if key in label), None)
        if role and role not in roles:
            roles[role] = j
    out: list[dict] = []
    for no, row in rows[split:]:
        def get(role: str, row: list[str] = row) -> str:
            j = roles.get(role)
            return row[j] if j is not None and j < len(row) else ""

        rec: dict = {"row_seq": len(out) + 1}
        for role in ("unit_code", "unit_name", "project", "fund_source", "fund_nature", "measure_unit"):
            rec[role] = compact(get(role)) or None
        for prefix in ("item", "func", "econ"):
            rec[f"{prefix}_code"], rec[f"{prefix}_name"] = split_code(get(prefix))
        for role in _PROC_NUMERIC:
            rec[role] = _amount(get(role), file, no)
        if rec["item_code"] or rec["item_name"]:
            rec["level"] = "品目"
        elif not rec["unit_code"] and "计" in (rec["unit_name"] or "合计"):
            rec["level"] = "合计"
        else:
            rec["level"] = "单位"
        rec.update(unit=unit, line_no=no)
        out.append(rec)
    return out


def parse_table(lines: list[str], span: TableSpan, unit: str, file: str) -> Parsed:
    """Rows of one printed table; the empty list when the table prints only its header."""
    if span.seq in TWO_SIDED:
        return Parsed(parse_two_sided(lines, span, unit, file), [])
    if span.seq == PROCUREMENT:
        return Parsed([], parse_procurement(lines, span, unit, file))
    return Parsed(parse_grid(lines, span, unit, file), [])
