"""The document's own arithmetic, checked at ingest → `audit_findings`; `format_report` for the CLI.

Each family of checks lives in its own module and returns `Finding`s; `run_audit` runs them all
and writes every finding (passes too, so a reader sees what was checked). A disclosure that
contradicts itself is recorded, never refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import duckdb

from assistant.audit import cells, crosstotals, forms, narrative, narrative_sums, procurement, tables
from assistant.audit.common import Finding, Reader, Ref
from assistant.audit.report import format_report
from assistant.ingest.bulk import append_rows

__all__ = ["CHECKS", "format_report", "run_audit"]

log = logging.getLogger(__name__)

FINDING_COLUMNS = (
    "doc_id",
    "check_id",
    "status",
    "message",
    "left_label",
    "left_value",
    "left_table",
    "left_line",
    "right_label",
    "right_value",
    "right_table",
    "right_line",
)

Check = Callable[[duckdb.DuckDBPyConnection, str], list[Finding]]
CHECKS: tuple[Check, ...] = (
    cells.unreadable_cells,
    tables.parent_sums,
    tables.splits,
    crosstotals.cross_totals,
    tables.project_sums,
    procurement.procurement_sums,
    procurement.unit_prices,
    procurement.unit_names,
    forms.project_checks,
    forms.form_checks,
    forms.perf_checks,
    narrative.path_checks,
    narrative.fact_checks,
    narrative_sums.san_gong_checks,
    narrative_sums.balance_checks,
)


def run_audit(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Replace the document's findings with a fresh run of every check."""
    findings: list[Finding] = []
    reader = Reader(con)  # the checks share one read of each query and table
    for check in CHECKS:
        try:
            findings += check(reader, doc_id)
        except (duckdb.Error, ArithmeticError, KeyError, TypeError, ValueError) as exc:
            # One family failing on an odd layout must not cost the document its other checks
            # or its ingest; the gap is recorded where readers of the report will see it.
            log.warning("audit check %s failed on %s: %s", check.__name__, doc_id, exc)
            findings.append(
                Finding(
                    "audit_error",
                    "warn",
                    f"核查项 {check.__name__} 未能完成：{exc}。",
                    Ref(check.__name__),
                    Ref(type(exc).__name__),
                )
            )
    con.execute("DELETE FROM audit_findings WHERE doc_id = ?", [doc_id])
    append_rows(
        con,
        "audit_findings",
        FINDING_COLUMNS,
        (
            (
                doc_id,
                f.check_id,
                f.status,
                f.message,
                f.left.label,
                f.left.value,
                f.left.table,
                f.left.line,
                f.right.label,
                f.right.value,
                f.right.table,
                f.right.line,
            )
            for f in findings
        ),
    )
