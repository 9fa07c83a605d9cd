"""What a figure stated in the narrative refers to: subject → candidate table figures.

A subject may name a figure that exists in several scopes (基本支出 of 一般公共预算 in 预算05表 and
of all funds in 预算03表; 收支总预算 of all funds, 财政拨款收支总预算 of 预算04表): every candidate
is kept and the narrative figure is compared with the closest one, so a department with
事业收入 or 政府性基金 is not reported as contradicting itself.
"""

from __future__ import annotations

import re
from decimal import Decimal

import duckdb

from assistant.audit.common import Ref, dec, rows, table_titles
from assistant.audit.procurement import by_category
from assistant.audit.scopes import FUND, SOE, scope_of
from assistant.audit.tables import TOTAL, grand_total, whole_total
from assistant.ingest.entities import normalise

# Standard budget vocabulary: 机关运行经费 is by definition the 公用经费 of the department's
# administrative units, so the narrative's figure is checked against that column.
EQUIVALENT_MEASURES = {"机关运行经费": "公用经费"}
# Subjects that state the whole budget (收支总预算, 收入预算, 财政拨款收支总预算, 预算支出 …).
TOTAL_SUBJECT = re.compile(r"(总预算|收入预算|支出预算|本年收入|预算支出|拨款收入)$")
PROCUREMENT_SUBJECT = "政府采购"
MEASURE_SUBJECTS = ("基本支出", "项目支出", "人员经费", "公用经费")
TOTAL_KEY = "__total__"
PREFIX_MIN = 4  # a table row name this long that starts a subject names it (…拨款本年收入)
_TITLE_NOISE = re.compile(r"\d{4}\s*年度?|表$")

Targets = dict[str, list[Ref]]


def _add(out: Targets, key: str, ref: Ref | None) -> None:
    if ref is not None and not any(r.table == ref.table and r.value == ref.value for r in out.get(key, [])):
        out.setdefault(key, []).append(ref)


def targets(con: duckdb.DuckDBPyConnection, doc_id: str) -> Targets:
    """normalised subject → the table figures it may name (first = the usual one)."""
    out: Targets = {}
    for measure in MEASURE_SUBJECTS:
        _add(out, normalise(measure), grand_total(con, doc_id, measure))
        _add(out, normalise(measure), whole_total(con, doc_id, measure))
    for subject, measure in EQUIVALENT_MEASURES.items():
        _add(out, normalise(subject), grand_total(con, doc_id, measure))
    for r in rows(
        con,
        "SELECT table_id, name, code, line_no, amount FROM line_items WHERE doc_id = ? "
        "AND code_kind IN ('function', 'economic') AND level IN ('类', '款') AND code IS NOT NULL "
        "AND measure = '合计' ORDER BY table_id DESC",
        [doc_id],
    ):
        key = normalise(r["name"])
        if key not in out:
            label = f"{r['table_id']}{r['name']}（{r['code']}）合计"
            _add(out, key, Ref(label, dec(r["amount"]), r["table_id"], r["line_no"]))
    # Uncoded rows of 预算01/04表 (一般公共预算拨款收入 …) by name, 预算01表 first.
    for r in rows(
        con,
        "SELECT table_id, name, line_no, amount FROM line_items WHERE doc_id = ? AND code IS NULL "
        "AND side IS NOT NULL AND amount IS NOT NULL ORDER BY table_id, line_no",
        [doc_id],
    ):
        key = normalise(r["name"])
        if key not in out:
            _add(out, key, Ref(f"{r['table_id']}{r['name']}", dec(r["amount"]), r["table_id"], r["line_no"]))
    # A fund's own table names its total (政府性基金预算支出 → 预算09表 合计).
    for table_id, title in table_titles(con, doc_id).items():
        if scope_of(title) in (FUND, SOE):
            total = con.execute(
                "SELECT amount, line_no FROM line_items WHERE doc_id = ? AND table_id = ? "
                "AND code_kind = 'total' AND measure = ? ORDER BY row_seq LIMIT 1",
                [doc_id, table_id, TOTAL],
            ).fetchone()
            if total:
                key = normalise(_TITLE_NOISE.sub("", title.replace(" ", "")))
                _add(out, key, Ref(f"{table_id}合计", dec(total[0]), table_id, total[1]))
    for label, ref in by_category(con, doc_id).items():
        _add(out, normalise(label) if label != TOTAL else PROCUREMENT_SUBJECT, ref)
    _add(out, TOTAL_KEY, whole_total(con, doc_id))
    appropriation = con.execute(
        "SELECT amount, line_no, table_id FROM line_items WHERE doc_id = ? AND side = '支出' "
        "AND level = '总计' AND table_id IN (SELECT table_id FROM report_tables WHERE doc_id = ? "
        "AND title LIKE '%财政拨款%') LIMIT 1",
        [doc_id, doc_id],
    ).fetchone()
    if appropriation:
        amount, line_no, table_id = appropriation
        _add(out, TOTAL_KEY, Ref(f"{table_id}支出总计", dec(amount), table_id, line_no))
    _add(out, TOTAL_KEY, grand_total(con, doc_id))
    return out


def resolve(subject: str, found: Targets) -> list[Ref] | None:
    key = normalise(subject)
    if key in found:
        return found[key]
    for measure in MEASURE_SUBJECTS:  # 一般公共预算基本支出 names the 基本支出 column
        head = subject.removesuffix(measure)
        if head != subject and (not head or "预算" in head) and normalise(measure) in found:
            return found[normalise(measure)]
    prefixes = [k for k in found if k != TOTAL_KEY and len(k) >= PREFIX_MIN and key.startswith(k)]
    if prefixes:
        return found[max(prefixes, key=len)]
    if PROCUREMENT_SUBJECT in subject:
        return found.get(PROCUREMENT_SUBJECT)
    if scope_of(subject) in (FUND, SOE):
        return None  # 政府性基金拨款支出预算 is that fund's figure, never the whole budget's
    if TOTAL_SUBJECT.search(subject):
        return found.get(TOTAL_KEY)
    return None


def closest(candidates: list[Ref], value: Decimal) -> Ref:
    return min(candidates, key=lambda r: abs((r.value or Decimal(0)) - value))
