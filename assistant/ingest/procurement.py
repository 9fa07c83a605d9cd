"""预算12表 政府采购预算表 → `procurement`, one row per printed row, every column kept.

Columns are found by keywords in the merged header ('采购金额合计(万元)' → amount); coded
cells such as '[A02020100]复印机' are split into code and name.
"""

from __future__ import annotations

import re

from assistant.ingest.catalog import TableSpan
from assistant.ingest.layout import amount_cell, merge_header, raw_label, split_header, tab_rows
from assistant.ingest.reader import compact

_BRACKET_CODE = re.compile(r"^\s*[\[【]\s*([^\]】]+?)\s*[\]】]\s*(.*)$")

_PROC_ROLES = (  # (keyword in the merged header label, column); first match wins
    ("中小企业", "sme_amount"),
    ("小微企业", "micro_amount"),
    ("单位代码", "unit_code"),
    ("单位编码", "unit_code"),
    ("单位名称", "unit_name"),
    ("品目", "item"),
    ("功能", "func"),
    ("经济分类", "econ"),
    ("资金来源", "fund_source"),
    ("资金性质", "fund_nature"),
    ("数量", "quantity"),
    ("单价", "unit_price"),
    ("计量单位", "measure_unit"),
    ("金额", "amount"),
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
    rows = tab_rows(lines, span)
    split = split_header(rows, 2)
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
            rec[role] = amount_cell(get(role), file, no, labels[roles[role]] if role in roles else role)
        if rec["item_code"] or rec["item_name"]:
            rec["level"] = "品目"
        elif not rec["unit_code"] and "计" in (rec["unit_name"] or "合计"):
            rec["level"] = "合计"
        else:
            rec["level"] = "单位"
        rec.update(unit=unit, line_no=no)
        out.append(rec)
    return out
