"""预算12表 政府采购预算表: totals, quantity × unit price, unit names against 预算06表."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from assistant.audit.common import EXACT, Finding, Ref, compare, dec, mismatch, num, rows, total
from assistant.ingest.entities.names import clean

TABLE = "预算12表"
# Columns summed by the 合计 and 单位 rows, with the label a reader knows them by.
SUMMED = (
    ("amount", "采购金额"),
    ("sme_amount", "面向中小企业金额"),
    ("micro_amount", "面向小微企业金额"),
    ("quantity", "采购数量"),
)
# Unit prices are printed to 0.01 万元, so quantity × printed price may miss the amount by up to
# quantity × half a cent before the row is really inconsistent.
PRICE_PRECISION = Decimal("0.005")


def _rows(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict]:
    return rows(con, "SELECT * FROM procurement WHERE doc_id = ? ORDER BY row_seq", [doc_id])


def procurement_sums(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """合计 and each 单位 row = Σ the 品目 rows under it, per summed column."""
    table = _rows(con, doc_id)
    items = [r for r in table if r["level"] == "品目"]
    findings = []
    for row in table:
        if row["level"] == "品目":
            continue
        code = row["unit_code"] or ""
        scope = [r for r in items if row["level"] == "合计" or (r["unit_code"] or "").startswith(code)]
        if not scope:
            continue
        who = "合计" if row["level"] == "合计" else f"{row['unit_name']}（{code}）"
        for column, label in SUMMED:
            parts = [dec(r[column]) for r in scope]
            if row[column] is None and all(p is None for p in parts):
                continue
            findings.append(
                compare(
                    "procurement_sum",
                    f"{TABLE}{who}{label}",
                    Ref(f"{who}{label}", dec(row[column]), TABLE, row["line_no"]),
                    Ref(f"{len(scope)}个品目之和", total(parts), TABLE, scope[0]["line_no"]),
                )
            )
    return findings


def unit_prices(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """采购数量 × 单价 ≈ 采购金额 for every 品目 row that prints all three."""
    findings = []
    for row in _rows(con, doc_id):
        qty, price, amount = dec(row["quantity"]), dec(row["unit_price"]), dec(row["amount"])
        if row["level"] != "品目" or qty is None or price is None or amount is None:
            continue
        product = qty * price
        diff = abs(product - amount)
        what = (
            f"{TABLE}{row['item_name']}：数量 {num(qty)} × 单价 {num(price)} = {num(product)}，"
            f"采购金额 {num(amount)}"
        )
        left = Ref(f"{row['item_name']}数量×单价", product, TABLE, row["line_no"])
        right = Ref(f"{row['item_name']}采购金额", amount, TABLE, row["line_no"])
        if diff < EXACT:
            findings.append(mismatch("unit_price", "pass", f"{what}，一致。", left, right))
        elif diff <= qty * PRICE_PRECISION + EXACT:
            findings.append(
                mismatch("unit_price", "warn", f"{what}，差额在单价保留两位小数的舍入范围内。", left, right)
            )
        else:
            findings.append(mismatch("unit_price", "fail", f"{what}，相差 {num(diff)}。", left, right))
    return findings


def unit_names(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """A unit code names the same unit in 预算12表 as in the unit tables (预算06/11表)."""
    known = {}
    for code, name, table_id, line_no in con.execute(
        "SELECT code, name, table_id, min(line_no) FROM line_items WHERE doc_id = ? AND "
        "code_kind = 'unit' GROUP BY ALL ORDER BY table_id",
        [doc_id],
    ).fetchall():
        known.setdefault(code, (name, table_id, line_no))
    findings, seen = [], set()
    for row in _rows(con, doc_id):
        code, name = row["unit_code"], row["unit_name"]
        if not code or not name or code not in known or (code, clean(name)) in seen:
            continue
        seen.add((code, clean(name)))
        ref_name, ref_table, ref_line = known[code]
        left = Ref(clean(name), None, TABLE, row["line_no"])
        right = Ref(clean(ref_name), None, ref_table, ref_line)
        if clean(name) == clean(ref_name):
            findings.append(
                mismatch(
                    "name_mismatch",
                    "pass",
                    f"单位编码 {code} 在{TABLE}与{ref_table}的名称一致：{clean(name)}。",
                    left,
                    right,
                )
            )
        else:
            findings.append(
                mismatch(
                    "name_mismatch",
                    "warn",
                    f"单位编码 {code} 在{TABLE}名为“{clean(name)}”，在{ref_table}名为“{clean(ref_name)}”。",
                    left,
                    right,
                )
            )
    return findings


def by_category(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Ref]:
    """Σ 采购金额 per 品目 category (first letter of the code: A 货物, B 工程, C 服务), for the
    narrative's 货物类/工程类/服务类 figures."""
    names = {"A": "货物类", "B": "工程类", "C": "服务类"}
    out: dict[str, Ref] = {}
    items = [r for r in _rows(con, doc_id) if r["level"] == "品目" and r["item_code"]]
    for letter, label in names.items():
        scope = [r for r in items if r["item_code"].upper().startswith(letter)]
        if scope:
            out[label] = Ref(
                f"{TABLE}{label}品目之和", total(dec(r["amount"]) for r in scope), TABLE, scope[0]["line_no"]
            )
    grand = next((r for r in _rows(con, doc_id) if r["level"] == "合计"), None)
    if grand is not None:
        out["合计"] = Ref(f"{TABLE}合计采购金额", dec(grand["amount"]), TABLE, grand["line_no"])
    return out
