"""The narrative's sums against the tables: the “三公” 经费 the 说明 states against its table's columns,
and the 收入/支出 sides the 说明 states against each other and against the grand total."""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb

from assistant.audit.common import Finding, Ref, compare, dec, rows
from assistant.audit.tables import TOTAL
from assistant.ingest.entities import normalise, similarity
from assistant.ingest.entities.names import NAME_ALONE_MIN


def san_gong_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """第四部分's “三公” figures against the columns of the “三公” table (预算08表), when printed."""
    year = con.execute("SELECT year FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
    columns = rows(
        con,
        "SELECT l.table_id, l.measure, l.amount, l.line_no FROM line_items l JOIN report_tables t "
        "USING (doc_id, table_id) WHERE l.doc_id = ? AND t.title LIKE '%三公%' AND l.level = '合计' "
        "ORDER BY l.row_seq",
        [doc_id],
    )
    if not columns:
        return []
    findings = []
    for f in rows(
        con,
        "SELECT subject, value, line_no FROM narrative_facts WHERE doc_id = ? AND part = '第四部分' "
        "AND measure = 'amount' AND year = ? ORDER BY line_no",
        [doc_id, year],
    ):
        column = _san_gong_column(f["subject"], columns)
        if column is None:
            continue
        findings.append(
            compare(
                "narrative_vs_table",
                f"“三公”经费{column['measure']}",
                Ref(f"第四部分“{f['subject']}”", dec(f["value"]), "第四部分", f["line_no"]),
                Ref(
                    f"{column['table_id']}{column['measure']}",
                    dec(column["amount"]),
                    column["table_id"],
                    column["line_no"],
                ),
            )
        )
    return findings


def _san_gong_column(subject: str, columns: list[dict]) -> dict | None:
    """The column a 第四部分 subject names: the whole (三公经费 → 合计) or the most similar label."""
    if "三公" in subject:
        return next((c for c in columns if c["measure"] == TOTAL), None)
    # Ties (购置费 is inside 购置及运行费) go to the label closest in length.
    scored = [
        (similarity(subject, c["measure"]), -abs(len(normalise(subject)) - len(normalise(c["measure"]))), c)
        for c in columns
        if c["measure"] != TOTAL
    ]
    best = max(scored, key=lambda s: s[:2], default=None)
    return best[2] if best and best[0] >= NAME_ALONE_MIN else None


def _side_key(subject: str) -> tuple[str, str] | None:
    """('财政拨款', '收入') for 财政拨款收入, ('财政拨款', '支出') for 财政拨款支出预算."""
    m = re.fullmatch(r"(.*?)(收入|支出)(?:预算)?", subject)
    return (m.group(1), m.group(2)) if m and m.group(1) else None


def balance_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """A balanced budget states income and spending of the same scope alike: equal amounts with
    different year-on-year changes ('收入…比上年增加24,558.18万元' / '支出…增加24,491.71万元')
    mean the two sides are measured against different bases; the reader should know."""
    facts = rows(
        con,
        "SELECT subject, measure, value, unit, line_no FROM narrative_facts WHERE doc_id = ? "
        "AND part = '第三部分' AND measure IN ('amount', 'change') ORDER BY line_no",
        [doc_id],
    )
    sides: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for f in facts:
        key = _side_key(str(f["subject"]))
        if key is not None:
            sides[key].setdefault(f["measure"], f)
    findings: list[Finding] = []
    for (scope, side), got in sides.items():
        other = sides.get((scope, "支出")) if side == "收入" else None
        if other is None or "change" not in got or "change" not in other or "amount" not in got:
            continue
        if "amount" not in other or dec(got["amount"]["value"]) != dec(other["amount"]["value"]):
            continue
        inc, out = got["change"], other["change"]
        findings.append(
            compare(
                "narrative_consistency",
                f"{scope}收入与支出的增减额",
                Ref(f"第三部分“{inc['subject']}”增减", dec(inc["value"]), "第三部分", inc["line_no"]),
                Ref(f"第三部分“{out['subject']}”增减", dec(out["value"]), "第三部分", out["line_no"]),
            )
        )
    return findings
