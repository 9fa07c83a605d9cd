"""Figures and names in the narrative (第三/五部分) against the tables.

Subjects are resolved to table figures generically: a 类/款/项 path by the printed names and the
code tree, a subject equal to a column (基本支出, 人员经费 …) to the reference table's 合计 row, a
subject equal to a coded row's name to that row, budget totals to the grand total, 政府采购 to
预算12表. Year-on-year statements are checked for their own arithmetic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import duckdb

from assistant.audit.common import Finding, Ref, as_printed, compare, dec, in_unit, mismatch, num, rows
from assistant.audit.tables import REFERENCE_TABLE
from assistant.audit.targets import TOTAL_KEY, closest, resolve, targets
from assistant.ingest.entities import FunctionPath, function_paths, normalise

LEVELS = ("类", "款", "项")
YEAR_RE = re.compile(r"(\d{4})\s*年")


def _units(con: duckdb.DuckDBPyConnection, doc_id: str) -> tuple[str | None, str | None]:
    """(the tables' money unit, the narrative's money unit): 元 and 万元 in a shanghai-9 document."""
    table = con.execute("SELECT unit FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    text = con.execute(
        "SELECT unit FROM narrative_facts WHERE doc_id = ? AND measure = 'amount' AND unit LIKE '%元' "
        "GROUP BY unit ORDER BY count(*) DESC LIMIT 1",
        [doc_id],
    ).fetchone()
    return (table[0] if table else None), (text[0] if text else None)


def path_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """Printed codes, names and amounts of 类/款/项 paths against 预算05表 (or 预算03表)."""
    table_unit, text_unit = _units(con, doc_id)
    table = {
        r["code"]: r
        for r in rows(
            con,
            "SELECT code, name, min(line_no) AS line_no, table_id, "
            "max(amount) FILTER (WHERE measure = '合计') AS amount FROM line_items "
            "WHERE doc_id = ? AND code_kind = 'function' AND code IS NOT NULL GROUP BY code, name, table_id "
            "ORDER BY table_id",
            [doc_id],
        )
    }
    findings: list[Finding] = []
    paths = function_paths(con, doc_id)
    for p in paths:
        where = f"{p.part}第{p.line_no}行"
        if p.printed_code:
            level_code = next((c for c in p.codes if c and len(c) == len(p.printed_code)), None)
            target = table.get(level_code or "")
            status = "pass" if level_code == p.printed_code else "fail"
            text = (
                f"{where}“{p.names[0]}”前印的科目编码 {p.printed_code} 与{target['table_id']}的编码一致。"
                if status == "pass" and target
                else f"{where}“{p.names[0]}”前印的科目编码为 {p.printed_code}，"
                f"表中该科目编码为 {level_code or '（无）'}。"
            )
            findings.append(
                mismatch(
                    "code_mismatch",
                    status,
                    text,
                    Ref(p.printed_code, None, p.part, p.line_no),
                    Ref(
                        level_code or "（无）",
                        None,
                        target and target["table_id"],
                        target and target["line_no"],
                    ),
                )
            )
        for level, name, code in zip(LEVELS, p.names, p.codes, strict=True):
            row = table.get(code or "")
            if row is None:
                if level == "项":
                    findings.append(
                        mismatch(
                            "name_mismatch",
                            "warn",
                            f"{where}的“{name}”（{level}）在预算表中没有对应科目。",
                            Ref(name, None, p.part, p.line_no),
                            Ref("（无）", None, REFERENCE_TABLE, None),
                        )
                    )
                continue
            if normalise(name) != normalise(row["name"]):
                findings.append(
                    mismatch(
                        "name_mismatch",
                        "warn",
                        f"{where}写作“{name}”（{level}），{row['table_id']}中 {code} 名为“{row['name']}”。",
                        Ref(name, None, p.part, p.line_no),
                        Ref(row["name"], None, row["table_id"], row["line_no"]),
                    )
                )
        row = table.get(p.codes[2] or "")
        if p.amount is not None and row is not None:
            findings.append(
                compare(
                    "narrative_vs_table",
                    f"{p.names[2]}（{p.codes[2]}）",
                    Ref(f"{p.part}所述金额", p.amount, p.part, p.line_no),
                    in_unit(
                        Ref(
                            f"{row['table_id']}{row['name']}合计",
                            dec(row["amount"]),
                            row["table_id"],
                            row["line_no"],
                        ),
                        table_unit,
                        text_unit,
                    ),
                )
            )
    return findings + _unexplained(paths, table)


def _unexplained(paths: list[FunctionPath], table: dict[str, dict]) -> list[Finding]:
    """第五部分 explains the 功能科目 the department uses (到项级): every 项 of the tables should be there."""
    glossary = [p for p in paths if p.part == "第五部分"]
    if not glossary:
        return []
    covered = {p.codes[2] for p in glossary}
    return [
        mismatch(
            "glossary_missing",
            "warn",
            f"第五部分的功能科目说明未包含{row['table_id']}中的 {code} {row['name']}。",
            Ref(row["name"], None, row["table_id"], row["line_no"]),
            Ref("（未说明）", None, "第五部分", glossary[0].line_no),
        )
        for code, row in sorted(table.items())
        if len(code) == 7 and code not in covered
    ]


def fact_checks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Finding]:
    """Amounts, shares and year-on-year statements of 第三部分 against the tables."""
    year = con.execute("SELECT year FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
    table_unit, _ = _units(con, doc_id)
    path_lines = {p.line_no for p in function_paths(con, doc_id)}
    found = targets(con, doc_id)
    facts = rows(
        con, "SELECT * FROM narrative_facts WHERE doc_id = ? AND part = '第三部分' ORDER BY line_no", [doc_id]
    )
    findings: list[Finding] = []
    groups: dict[tuple[int, str], dict[str, dict]] = defaultdict(dict)
    wholes = [w for w in found.get(TOTAL_KEY, []) if w.value]
    for f in facts:
        if f["line_no"] in path_lines:
            continue
        key = f["measure"] if f["measure"] != "amount" else ("amount" if f["year"] == year else "previous")
        groups[(f["line_no"], f["subject"])].setdefault(key, f)
        candidates = [in_unit(c, table_unit, f["unit"]) for c in resolve(f["subject"], found) or []]
        value = dec(f["value"])
        where = Ref(f"第三部分“{f['subject']}”", value, "第三部分", f["line_no"])
        if not candidates or value is None:
            continue
        if f["measure"] == "amount" and f["year"] == year:
            target = closest(candidates, value)
            findings.append(compare("narrative_vs_table", f"{f['subject']}", where, target))
        elif f["measure"] == "share" and wholes:
            shares = [
                Ref(
                    f"{t.label}÷{w.label}",
                    as_printed((t.value or Decimal(0)) / (w.value or Decimal(1)) * 100, f["value"]),
                    t.table,
                    t.line,
                )
                for t in candidates
                for w in wholes
            ]
            findings.append(
                compare("narrative_vs_table", f"{f['subject']}占比（%）", where, closest(shares, value))
            )
    total_refs = found.get(TOTAL_KEY)
    for (_, subject), g in groups.items():
        is_total = total_refs is not None and resolve(subject, found) is total_refs
        findings += _yoy(subject, g, is_total, con, doc_id, year)
    return findings


def _yoy(
    subject: str, g: dict[str, dict], is_total: bool, con: duckdb.DuckDBPyConnection, doc_id: str, year: int
) -> list[Finding]:
    cur, prev, change, rate = (g.get(k) for k in ("amount", "previous", "change", "rate"))
    if cur is None or change is None:
        return []
    line, findings = cur["line_no"], []
    c, d = dec(cur["value"]), dec(change["value"])
    base = dec(prev["value"]) if prev else c - d
    if prev is not None:
        findings.append(
            compare(
                "yoy",
                f"{subject}增减额",
                Ref("所述增减额", d, "第三部分", line),
                Ref(f"{num(c)} − {num(base)}", c - base, "第三部分", prev["line_no"]),
            )
        )
    elif is_total:
        # The year compared with is printed in the sentence (比 2025 年预算增加 …).
        earlier = [int(y) for y in YEAR_RE.findall(change["sentence"] + cur["sentence"]) if int(y) < year]
        prior = max(earlier, default=year - 1)
        for section in ("收入构成", "支出构成"):
            r = con.execute(
                "SELECT amount, line_no FROM perf_funds WHERE doc_id = ? AND section = ? "
                "AND item LIKE '%合计%' AND year = ?",
                [doc_id, section, prior],
            ).fetchone()
            if r and ("收入" in subject) == (section == "收入构成"):
                findings.append(
                    compare(
                        "yoy",
                        f"{subject}上年数（{num(c)} − {num(d)}）",
                        Ref("按所述增减额推算的上年数", base, "第三部分", line),
                        Ref(f"预算14表{prior}年{section}合计", dec(r[0]), "预算14表", r[1]),
                    )
                )
    if rate is not None and base:
        computed = as_printed(d / base * 100, rate["value"])
        findings.append(
            compare(
                "yoy",
                f"{subject}增减率（%）",
                Ref("所述增减率", dec(rate["value"]), "第三部分", rate["line_no"]),
                Ref(f"{num(d)} ÷ {num(base)} × 100 =", computed, "第三部分", line),
            )
        )
    return findings


