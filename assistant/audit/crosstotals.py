"""Totals across the numeric tables: each table's 合计 against the table of the same money
(scopes), 收入 = 支出 on two-sided tables, and the same code carrying the same figure.
"""

from __future__ import annotations

import duckdb

from assistant.audit.common import Finding, Ref, compare, table_titles
from assistant.audit.scopes import Reference, References
from assistant.audit.tables import BASIC, PROJECT, REFERENCE_TABLE, TOTAL, row_label, table_cells, total_row


def _concept(title: str, measure: str) -> str:
    """A table about one kind of spending calls that spending 合计 (预算07表: 基本支出)."""
    if measure == TOTAL:
        for concept in (BASIC, PROJECT):
            if concept in title:
                return concept
    return measure


def cross_totals(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """Totals agree with the table of the same money (scopes); 收入 = 支出; same code, same figure."""
    titles = table_titles(con, doc_id)
    cache: dict[str, list[dict]] = {}

    def cells(table_id: str) -> list[dict]:
        if table_id not in cache:
            cache[table_id] = table_cells(con, doc_id, table_id) if table_id in titles else []
        return cache[table_id]

    refs = References(titles, cells, total_row)
    findings: list[Finding] = []
    table_ids = [t for t in titles if t.startswith("预算") and t != REFERENCE_TABLE]
    for table_id in sorted(table_ids):
        table = cells(table_id)
        if not table:
            continue
        sides = sorted({r["side"] for r in table if r["side"]})
        own = total_row(table, "支出" if sides else None)
        ref = refs.for_table(table_id, own)
        if ref is None:
            if sides:
                findings += _two_sided(table_id, table, None)
            continue
        if sides:
            findings += _two_sided(table_id, table, ref)
            continue
        ref_total, ref_name = ref.total, "、".join(ref.table_ids)
        if own is None or ref_total is None:
            continue
        for measure, value in own["values"].items():
            concept = _concept(titles.get(table_id, ""), measure)
            ref_value = ref_total["values"].get(concept)
            if concept in ref_total["values"] and (value is not None or ref_value is not None):
                findings.append(
                    compare(
                        "cross_total",
                        f"{table_id}与{ref_name}的{concept}总额",
                        Ref(f"{table_id}{own['name']}{measure}", value, table_id, own["line_no"]),
                        Ref(
                            f"{ref_name}合计{concept}",
                            ref_total["values"][concept],
                            ref.table_ids[0],
                            ref_total["line_no"],
                        ),
                    )
                )
        findings += _same_codes(table_id, table, ref)
    return findings


def _two_sided(table_id: str, table: list[dict], ref: Reference | None) -> list[Finding]:
    findings = []
    income, spend = total_row(table, "收入"), total_row(table, "支出")
    if income and spend:
        findings.append(
            compare(
                "cross_total",
                f"{table_id}收支平衡",
                Ref(income["name"], next(iter(income["values"].values())), table_id, income["line_no"]),
                Ref(spend["name"], next(iter(spend["values"].values())), table_id, spend["line_no"]),
            )
        )
    if ref is None:
        return findings
    ref_name = "、".join(ref.table_ids)
    if spend and ref.total:
        findings.append(
            compare(
                "cross_total",
                f"{table_id}与{ref_name}的支出总额",
                Ref(spend["name"], next(iter(spend["values"].values())), table_id, spend["line_no"]),
                Ref(f"{ref_name}合计", ref.value(TOTAL), ref.table_ids[0], ref.total["line_no"]),
            )
        )
    # Uncoded 类 rows on the 支出 side against the reference's coded 类 rows, by name.
    by_name = {r["name"]: r for r in ref.rows if r["level"] == "类"}
    for row in table:
        target = by_name.get(row["name"]) if row["side"] == "支出" else None
        value = next(iter(row["values"].values()), None)
        if target and (value is not None or target["values"].get(TOTAL) is not None):
            findings.append(
                compare(
                    "cross_total",
                    f"{table_id}与{target['table_id']}的{row['name']}",
                    Ref(row["name"], value, table_id, row["line_no"]),
                    Ref(
                        row_label(target),
                        target["values"].get(TOTAL),
                        target["table_id"],
                        target["line_no"],
                    ),
                )
            )
    return findings


def _same_codes(table_id: str, table: list[dict], ref: Reference) -> list[Finding]:
    ref_rows = {r["code"]: r for r in ref.rows if r["code"]}
    findings = []
    for row in table:
        other = ref_rows.get(row["code"]) if row["code"] else None
        if other is None:
            continue
        for measure, value in row["values"].items():
            if measure in other["values"] and (value is not None or other["values"][measure] is not None):
                findings.append(
                    compare(
                        "cross_total",
                        f"{row_label(row)}{measure}在{table_id}与{other['table_id']}",
                        Ref(f"{table_id}{row['name']}", value, table_id, row["line_no"]),
                        Ref(
                            f"{other['table_id']}{other['name']}",
                            other["values"][measure],
                            other["table_id"],
                            other["line_no"],
                        ),
                    )
                )
    return findings
