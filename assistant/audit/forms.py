"""Projects across 预算11/14/15表 and 第三部分, and the arithmetic of the 预算14/15表 forms.

Which rows are the same project comes from the entity catalogue (`entity_aliases`), built just
before the audit: every alias carries the table and line it was printed on.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import duckdb

from assistant.audit.common import Finding, Ref, as_printed, compare, dec, mismatch, rows, total
from assistant.audit.tables import TOTAL, amount_of, canon_measure, whole_total
from assistant.ingest.entities.names import clean
from assistant.ingest.entities.projects import LIST_ITEM_RE

PROJECT_TABLE = "预算11表"
PERF_TABLE = "预算14表"


def _project_amounts(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[int, Decimal | None]:
    """预算11表 line → the project's 合计 amount."""
    per_line: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for line_no, measure, amount in con.execute(
        "SELECT line_no, measure, amount FROM line_items WHERE doc_id = ? AND table_id = ? "
        "AND level = '项目' ORDER BY row_seq",
        [doc_id, PROJECT_TABLE],
    ).fetchall():
        per_line[line_no][canon_measure(measure)] = dec(amount)
    return {line: amount_of(values) for line, values in per_line.items()}


def project_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """Each project's amount, name and code in 预算14/15表 and 第三部分 against 预算11表."""
    aliases: dict[str, list[dict]] = defaultdict(list)
    for a in rows(
        con,
        "SELECT a.entity_id, a.alias, a.alias_kind, a.table_id, a.line_no FROM entity_aliases a "
        "JOIN entities e USING (doc_id, entity_id) WHERE a.doc_id = ? AND e.kind = 'project' "
        "ORDER BY a.line_no",
        [doc_id],
    ):
        aliases[a["entity_id"]].append(a)
    amounts = _project_amounts(con, doc_id)
    forms = {r["table_id"]: r for r in rows(con, "SELECT * FROM project_forms WHERE doc_id = ?", [doc_id])}
    perf = {r["line_no"]: r for r in rows(con, "SELECT * FROM perf_projects WHERE doc_id = ?", [doc_id])}
    lines = dict(
        con.execute(
            "SELECT line_no, text FROM source_lines WHERE doc_id = ? AND line_no IN "
            "(SELECT line_no FROM entity_aliases WHERE doc_id = ? AND table_id = '第三部分')",
            [doc_id, doc_id],
        ).fetchall()
    )
    listed = con.execute(
        "SELECT count(*) FROM report_tables WHERE doc_id = ? AND table_id = ? AND present",
        [doc_id, PROJECT_TABLE],
    ).fetchone()[0] > 0  # type: ignore[index]
    findings: list[Finding] = []
    for items in aliases.values():
        base = next((a for a in items if a["table_id"] == PROJECT_TABLE and a["alias_kind"] == "name"), None)
        base_code = next(
            (a for a in items if a["table_id"] == PROJECT_TABLE and a["alias_kind"] == "code"), None
        )
        if base is None:
            if listed:  # a layout that prints no 预算11表 has no project list to miss it from
                findings += _missing(items)
            continue
        name = base["alias"]
        ref = Ref(f"{PROJECT_TABLE}“{name}”", amounts.get(base["line_no"]), PROJECT_TABLE, base["line_no"])
        for a in items:
            if a is base or a is base_code:
                continue
            if a["alias_kind"] == "code":
                findings.append(_code(a, base_code, name))
                continue
            if clean(a["alias"]) != clean(name):
                findings.append(
                    mismatch(
                        "name_mismatch",
                        "warn",
                        f"同一项目在{a['table_id']}名为“{a['alias']}”，在{PROJECT_TABLE}名为“{name}”。",
                        Ref(a["alias"], None, a["table_id"], a["line_no"]),
                        Ref(name, None, PROJECT_TABLE, base["line_no"]),
                    )
                )
            figure = _figure(a, forms, perf, lines)
            if figure is not None:
                check, label, value = figure
                findings.append(
                    compare(
                        check,
                        f"项目“{name}”{label}",
                        Ref(f"{a['table_id']}“{a['alias']}”{label}", value, a["table_id"], a["line_no"]),
                        ref,
                    )
                )
    return findings


def _figure(alias: dict, forms: dict, perf: dict, lines: dict) -> tuple[str, str, Decimal | None] | None:
    table_id = alias["table_id"]
    if table_id.startswith("预算15表") and table_id in forms:
        return "form_vs_table", "当年预算", dec(forms[table_id]["current_budget"])
    if table_id == PERF_TABLE and alias["line_no"] in perf:
        return "form_vs_table", "本年度预算", dec(perf[alias["line_no"]]["year_budget"])
    if table_id == "第三部分" and alias["line_no"] in lines:
        m = LIST_ITEM_RE.match(lines[alias["line_no"]])
        if m:
            return "narrative_vs_table", "金额", Decimal(m["amount"].replace(",", ""))
    return None


def _code(alias: dict, base_code: dict | None, name: str) -> Finding:
    right = Ref(
        base_code["alias"] if base_code else "（无）",
        None,
        PROJECT_TABLE,
        base_code["line_no"] if base_code else None,
    )
    left = Ref(alias["alias"], None, alias["table_id"], alias["line_no"])
    if base_code and alias["alias"] == base_code["alias"]:
        return mismatch(
            "code_mismatch",
            "pass",
            f"项目“{name}”的项目代码在{alias['table_id']}与{PROJECT_TABLE}一致：{alias['alias']}。",
            left,
            right,
        )
    return mismatch(
        "code_mismatch",
        "warn",
        f"项目“{name}”在{alias['table_id']}的项目代码为 {alias['alias']}，在{PROJECT_TABLE}为 "
        f"{right.label}。",
        left,
        right,
    )


def _missing(items: list[dict]) -> list[Finding]:
    """A project printed in 预算14/15表 or 第三部分 that 预算11表 does not list."""
    first = next((a for a in items if a["alias_kind"] == "name" and a["table_id"] != "预算12表"), None)
    if first is None:
        return []
    return [
        mismatch(
            "name_mismatch",
            "fail",
            f"项目“{first['alias']}”见于{first['table_id']}，但{PROJECT_TABLE}中没有对应项目。",
            Ref(first["alias"], None, first["table_id"], first["line_no"]),
            Ref("（无）", None, PROJECT_TABLE, None),
        )
    ]


def form_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """预算15表 forms: 明细 Σ and 资金来源 合计 = 当年预算; the title year is the budget year."""
    year = con.execute("SELECT year FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    findings = []
    for form in rows(con, "SELECT * FROM project_forms WHERE doc_id = ? ORDER BY line_start", [doc_id]):
        t, name, budget = form["table_id"], form["project_name"], dec(form["current_budget"])
        ref = Ref(f"{t}项目当年预算", budget, t, form["line_start"])
        details = rows(
            con,
            "SELECT amount, line_no FROM form_details WHERE doc_id = ? AND table_id = ? ORDER BY seq",
            [doc_id, t],
        )
        if details:
            findings.append(
                compare(
                    "detail_sum",
                    f"{t}“{name}”支出明细",
                    Ref(
                        f"{len(details)}条明细金额之和",
                        total(dec(d["amount"]) for d in details),
                        t,
                        details[0]["line_no"],
                    ),
                    ref,
                )
            )
        for f in rows(
            con,
            "SELECT source, amount, line_no FROM form_funding WHERE doc_id = ? AND table_id = ? "
            "AND source LIKE '%合计%'",
            [doc_id, t],
        ):
            findings.append(
                compare(
                    "form_funding",
                    f"{t}“{name}”资金来源",
                    Ref(f["source"], dec(f["amount"]), t, f["line_no"]),
                    ref,
                )
            )
        if year and form["title_year"] and form["title_year"] != year[0]:
            findings.append(
                mismatch(
                    "form_year",
                    "warn",
                    f"{t}“{name}”标题年份为 {form['title_year']} 年，与预算年度 {year[0]} 年不符。",
                    Ref(f"标题年份 {form['title_year']}", Decimal(form["title_year"]), t, form["line_start"]),
                    Ref(f"预算年度 {year[0]}", Decimal(year[0]), t, form["line_start"]),
                )
            )
    return findings


def perf_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """预算14表: parts = 合计 per section and year; 收入合计 = 支出合计; 当年 = the tables; projects."""
    funds = rows(con, "SELECT * FROM perf_funds WHERE doc_id = ? ORDER BY line_no", [doc_id])
    doc_year = con.execute("SELECT year FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    findings: list[Finding] = []
    totals: dict[tuple[str, int], dict] = {}
    groups: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in funds:
        key = (r["section"], r["year"])
        if TOTAL in r["item"]:
            totals[key] = r
        else:
            groups[key].append(r)
    for key, row in totals.items():
        parts = [p for p in groups.get(key, []) if p["amount"] is not None]
        if parts:
            findings.append(
                compare(
                    "perf_sum",
                    f"{PERF_TABLE}{key[1]}年{key[0]}",
                    Ref(f"{key[1]}年{key[0]}合计", dec(row["amount"]), PERF_TABLE, row["line_no"]),
                    Ref("各项之和", total(dec(p["amount"]) for p in parts), PERF_TABLE, parts[0]["line_no"]),
                )
            )
    for (section, year), row in sorted(totals.items(), key=lambda kv: kv[0][1]):
        other = totals.get(("支出构成", year)) if "收入" in section else None
        if other is not None:
            findings.append(
                compare(
                    "perf_balance",
                    f"{PERF_TABLE}{year}年收支",
                    Ref(f"{year}年收入合计", dec(row["amount"]), PERF_TABLE, row["line_no"]),
                    Ref(f"{year}年支出合计", dec(other["amount"]), PERF_TABLE, other["line_no"]),
                )
            )
    for r in funds:
        whole = totals.get((r["section"], r["year"]))
        if r["share"] is not None and whole is not None and whole is not r and whole["amount"]:
            share = (dec(r["amount"]) or Decimal(0)) / dec(whole["amount"]) * 100
            findings.append(
                compare(
                    "perf_sum",
                    f"{PERF_TABLE}{r['item']}占比（%）",
                    Ref(f"{r['item']}占比", dec(r["share"]), PERF_TABLE, r["line_no"]),
                    Ref(
                        f"{r['item']}÷{whole['item']}",
                        as_printed(share, r["share"]),
                        PERF_TABLE,
                        whole["line_no"],
                    ),
                )
            )
    grand = whole_total(con, doc_id)
    current = totals.get(("支出构成", doc_year[0])) if doc_year else None
    if grand and current:
        findings.append(
            compare(
                "cross_total",
                f"{PERF_TABLE}与{grand.table}的当年支出总额",
                Ref(f"{PERF_TABLE}当年支出合计", dec(current["amount"]), PERF_TABLE, current["line_no"]),
                grand,
            )
        )
    perf = rows(con, "SELECT * FROM perf_projects WHERE doc_id = ? ORDER BY line_no", [doc_id])
    project_total = whole_total(con, doc_id, "项目支出")
    if perf and project_total:
        findings.append(
            compare(
                "project_sum",
                f"{PERF_TABLE}项目支出情况",
                Ref(
                    f"{len(perf)}个项目本年度预算之和",
                    total(dec(p["year_budget"]) for p in perf),
                    PERF_TABLE,
                    perf[0]["line_no"],
                ),
                project_total,
            )
        )
    return findings
