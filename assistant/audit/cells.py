"""Cells ingest could not read as amounts (stored as NULL): each is a finding, so the audit says
which checks lost a figure instead of quietly running fewer of them."""

from __future__ import annotations

from assistant.audit.common import Con, Finding, Ref, rows


def unreadable_cells(con: Con, doc_id: str) -> list[Finding]:
    found = rows(
        con,
        "SELECT table_id, line_no, column_label, text FROM ingest_warnings WHERE doc_id = ? "
        "ORDER BY line_no, column_label",
        [doc_id],
    )
    return [
        Finding(
            "unreadable_cell",
            "warn",
            f"{r['table_id']} 第{r['line_no']}行「{r['column_label']}」列印的是「{r['text']}」，不是金额："
            "该格按空白处理，涉及它的核查少了这一数。",
            Ref(str(r["column_label"]), None, str(r["table_id"]), int(r["line_no"])),
            Ref(str(r["text"])),
        )
        for r in found
    ]
