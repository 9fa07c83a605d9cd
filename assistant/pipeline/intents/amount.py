"""Amount of one line: a 功能科目 at any level (206/20601/2060404), an 经济科目 (30201), a
project (预算11表), a 预算01/04表 line, with the column asked for (合计/基本支出/人员经费/
公用经费/项目支出); the budget's totals; blank lines ("国防支出" -> none budgeted)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from assistant.models import Answer, Candidate, Intent, Match, Question
from assistant.pipeline.base import DOCUMENT_YEAR, Conversation, Row, Runner
from assistant.pipeline.intents.amount_funds import (
    column_said,
    every_fund,
    fund_column,
    fund_of,
    unit_column_whole,
    unit_income,
    unit_source,
)
from assistant.pipeline.intents.tables_common import (
    PREFERRED,
    approx_note,
    cite_row,
    knowledge,
    measures_of,
    money,
    named_tables,
    pick,
    rows_for,
    stash,
    table_matches,
    unit_conversion,
    unstash,
    value,
    year_label,
)
from assistant.plan.columns import columns_fund
from assistant.query.evidence import by_match

# Keyword groups that mean another table intent is asked (share, ranking …), not one amount.
OTHER_INTENTS = ("share", "compare", "sum", "ranking", "ranking_max", "ranking_min", "count",
                 "breakdown", "reverse", "code_meaning", "fields")
MEASURE_LABEL = {"合计": "合计", "预算数": "预算数", "基本支出": "基本支出", "人员经费": "人员经费",
                 "公用经费": "公用经费", "项目支出": "项目支出"}


def _other_intent(q: Question) -> bool:
    k = knowledge()
    return any(k.has(g, q.text) for g in OTHER_INTENTS)


QUALIFIERS = ("的", "里的", "中的", "下的", "下面的", "下面", "底下", "底下的", "里面", "里面的", "项下",
              "里", "中", "")


def _under_parent(ents: list[Match], text: str) -> tuple[Match, Match] | None:
    """Two lines named as 'parent 的 child' (城乡社区管理事务的行政运行): the parent only says
    which child is meant."""
    if len(ents) != 2 or not all(m.span and m.code for m in ents):
        return None
    parent, child = ents
    if not ((child.code or "").startswith(parent.code or "") and child.code != parent.code):
        return None
    gap = text[parent.span[1]: child.span[0]]
    return (parent, child) if gap in QUALIFIERS else None


SPENDING_KINDS = frozenset({"function", "economic", "project"})
OF_A_LINE = ("的", "里的", "中的")
SOURCE_FIRST = ("的", "里的", "中的", "里", "中", "里面的")


def _source_of_a_line(ents: list[Match], text: str) -> tuple[Match, Match] | None:
    """行政运行的事业收入 / 城管执法的政府性基金: a spending line 的 an income source or fund the
    summary tables print for the whole department (knowledge/wholes.toml sources)."""
    from assistant.plan.columns import wholes

    named = [m for m in ents if m.span]
    lines = [m for m in named if m.kind in SPENDING_KINDS]
    if len(lines) != 1:
        return None
    line = lines[0]
    after, before = text[line.span[1]:], text[: line.span[0]]
    said = next((w for w in wholes()["sources"] if after.startswith(tuple(q + w for q in OF_A_LINE))), None)
    # 政府性基金预算的办公费: the source said first, joined to the line by 的 (里/中)
    first = [(w, tuple(w + b + q for b in ("", "预算") for q in SOURCE_FIRST)) for w in wholes()["sources"]]
    said = said or next((w for w, forms in first if before.endswith(forms)), None)
    if said is None:
        return None
    return line, Match(entity_id="", kind="summary", name=said, alias=said, score=100.0)


LIST_JOINS = re.compile(r"^[\s和与及跟以及、,，/还有]*$")  # what stands between two things asked side by side


def _listed(ents: list[Match], text: str) -> bool:
    """行政运行和一般行政管理事务: the things are said side by side (a joining word between each
    two, or 分别), not one of the other (中心住房公积金, 政府性基金的办公费)."""
    if any(w in text for w in APART) or len({m.kind for m in ents}) == 1:
        return True  # two lines of one kind said together are two lines (行政运行 事业运行)
    spans = sorted({m.span for m in ents if m.span})
    gaps = [text[a[1]: b[0]] for a, b in itertools.pairwise(spans)]
    return all(gap.strip() and LIST_JOINS.match(gap) for gap in gaps)


APART = ("分别", "各是", "各自", "各多少")  # each of several asked for


class AmountHandler:
    name = "amount"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        ents = table_matches(matches, q)
        if not ents:
            return None
        names = {m.name for m in ents}
        evidence = by_match("likely", ents[0].score)
        if _other_intent(q):
            evidence = "last_resort"
        elif len(names) > 1:
            evidence = "plausible"  # several lines named: each amount is listed
        year = DOCUMENT_YEAR.get()
        if year and any(y != year for y in q.years):
            evidence = "last_resort"  # the tables hold this year only; history is in the forms/narrative
        if any(m.kind in ("detail", "indicator") and m.score >= ents[0].score and
               len(m.alias) > len(ents[0].alias) for m in matches):
            evidence = "last_resort"  # a longer form line names the thing more precisely
        measures = measures_of(q, matches=ents)
        params = {**stash(ents), "measure": measures[0] if measures else None, "measures": measures,
                  "years": list(q.years), "tables": named_tables(matches)}
        return Intent(name="amount", params=params, evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        if any(y != runner.year for y in q.years):
            return Answer(status="unanswerable", text=(
                f"预算表只列{runner.year}年的安排数，没有{'、'.join(str(y) for y in q.years)}年的这一项。"))
        ents = self._distinct(intent)
        measures = intent.params.get("measures") or [intent.params.get("measure")]
        under = _under_parent(ents, q.text)
        if under is not None and len(measures) == 1:  # 城乡社区管理事务的行政运行: the child only
            parent, child = under
            found = self.one(child, measures[0], q, runner, intent.params.get("tables") or ())
            return found.model_copy(update={"text": f"“{parent.name}”下的{found.text}"})
        source = _source_of_a_line(ents, q.text)
        if source is not None:  # 行政运行的事业收入: the tables do not divide a line by its source
            line, said = source
            return Answer(status="unanswerable", text=(
                f"文件的表没有按“{said.name}”分列“{line.name}”的数，无法给出“{line.name}”中属于"
                f"{said.name}的部分。可以分别问“{line.name}多少”或“{said.name}多少”。"))
        sourced = unit_source(ents, q.text) if len(measures) == 1 and not measures[0] else None
        if sourced is not None and unit_income(runner, sourced[0], q.text, sourced[1].name) is not None:
            return self.one(sourced[0], None, q, runner, source=sourced[1].name)  # 中心的事业收入
        if len(ents) > 1 and len(measures) == 1 and not _listed(ents, q.text):
            # 中心住房公积金多少: one thing said of the other (the unit's 住房公积金), which no table
            # divides so — never the two figures side by side as if both were asked
            a, b = sorted(ents, key=lambda m: m.span or (0, 0))[:2]
            return Answer(status="unanswerable", text=(
                f"文件没有单独列出“{a.name}”的“{b.name}”这一数字。可以分别问“{a.name}多少”或"
                f"“{b.name}多少”。"),
                candidates=[Candidate(label=m.name, question=f"{m.name}多少") for m in (a, b)])
        if len(ents) > 1 and len(measures) == 1:  # 行政运行和一般行政管理事务分别是多少
            parts = [self.one(e, measures[0], q, runner, intent.params.get("tables") or ()) for e in ents]
            return Answer(status="answered", text="".join(p.text for p in parts),
                          values=[v for p in parts for v in p.values],
                          citations=[c for p in parts for c in p.citations])
        m = self._primary(intent, q, runner)
        if len(measures) > 1:  # 行政运行的人员经费和公用经费分别是多少
            parts = [self.one(m, one, q, runner, intent.params.get("tables") or ()) for one in measures]
            return Answer(status="answered", text="".join(p.text for p in parts),
                          values=[v for p in parts for v in p.values],
                          citations=[c for p in parts for c in p.citations])
        return self.one(m, measures[0], q, runner, intent.params.get("tables") or ())

    def one(self, m: Match, measure: str | None, q: Question, runner: Runner,
            tables: Sequence[str] = (), source: str | None = None) -> Answer:
        income = unit_income(runner, m, q.text, source) if not measure else None
        if income is not None:  # 招商服务中心的收入: the 收入预算总表 line, not its spending
            (table_id, rows), measure = income
        elif tables:  # 住房公积金在基本支出表里: that table's line, or say it is not there
            table_id, rows = rows_for(runner, m, tables)
            if not rows and m.kind == "unit" and measure and "表" not in q.text:
                # 招商服务中心一般公共预算基本支出: words of a table's title, said of a unit whose
                # row (with the column asked) is printed in the tables by unit
                by_unit = rows_for(runner, m)
                if any(r["measure"] == measure for r in by_unit[1]):
                    table_id, rows = by_unit
            if not rows and m.kind == "project" and (own := fund_column(runner, m, tables)) is not None:
                table_id, rows, measure = own  # 某项目的一般公共预算: its row's column of that fund
                blank = pick(rows, measure)
                if blank is not None and blank["amount"] is None:  # that fund pays nothing of it
                    return Answer(status="unanswerable", text=(
                        f"“{m.name}”在{table_id}中的“{column_said(measure)}”一栏为空白，即这项资金没有安排"
                        f"（{table_id}，第{blank['line_no']}行）。"))
            if not rows:
                return Answer(status="unanswerable", text=(
                    f"{'、'.join(f'{t}（{runner.title(t)}）' for t in tables)}中没有“{m.name}”这一行。"))
        else:
            table_id, rows = rows_for(runner, m)
        if not rows:
            return Answer(status="unanswerable", text=f"表中没有找到“{m.name}”的金额。")
        if measure and not any(r["measure"] == measure for r in rows):
            for other in PREFERRED.get(m.kind, ()):  # 预算03表 has no 人员经费 column: try others
                t2, r2 = rows_for(runner, m, (other,))
                if any(r["measure"] == measure for r in r2):
                    table_id, rows = t2, r2
                    break
        one_fund: tuple[str, Row] | None = None
        if income is None and not tables:
            before = (table_id, pick(rows, measure))
            table_id, rows = every_fund(runner, m, measure, q.text, table_id, rows)
            one_fund = before if before[0] != table_id and before[1] is not None else None
        whole = unit_column_whole(runner, m, measure, q.text) if income is None else None
        if whole is not None:  # 商务局本级的项目支出: the unit's line of the project table, every fund
            table_id, rows, measure = whole[0], whole[1], whole[2]
        if measure and (not tables or table_id in tables) and not any(r["measure"] == measure for r in rows) \
                and measure in runner.title(table_id):
            # 基本支出经济分类表里的X / 基本支出里的X: the line's table is of that column (every line of
            # it is 基本支出), no column of it
            of_table, measure = measure, None
        else:
            of_table = None
        row = pick(rows, measure)
        if row is None:
            return Answer(status="unanswerable", text=f"{table_id}中“{m.name}”没有“{measure}”这一栏。")
        label = m.name + (f"{measure}" if measure and measure not in ("合计", "预算数") else "")
        if whole is not None:
            measure, label = whole[3], f"{m.name}{whole[3]}"
        fund = fund_of(runner, m, table_id, "")  # said or not: the one-fund table's figure is that fund's
        code = f"（{row['code']}）" if row.get("code") and m.kind in ("function", "economic") else ""
        where = f"（{table_id}，第{row['line_no']}行）"
        what = f"{year_label(runner)}“{m.name}”{code}{approx_note(m)}" + (f"的{of_table}" if of_table else "")
        if income is not None:
            what += "的收入" + ("合计" if measure == "合计" else f"（{measure}）")
        elif measure and measure not in ("合计", "预算数"):
            what += f"的{fund}{MEASURE_LABEL.get(measure, column_said(measure))}"
            label = f"{m.name}{fund}{measure}" if fund else label
        elif one_fund is not None and m.kind == "unit":
            what += "各项资金合计的"  # read in the 收入预算总表: every source, 一般公共预算 one of them
        elif fund:  # 商务局本级多少 read in a one-fund table: said as that fund's spending
            what += f"的{fund}支出"
            label = f"{m.name}{fund}支出"
        citation = cite_row(runner, table_id, row)
        if row["amount"] is None:
            return Answer(status="answered", citations=[citation], text=(
                f"{what}在{table_id}中为空白，即没有安排这项预算{where}。"))
        extra, converted = unit_conversion(row["amount"], q.unit_request, label)
        kind_word = "项目预算" if m.kind == "project" else "预算"
        text = f"{what}{kind_word}为 {money(row['amount'])}{extra}{where}。"
        values, citations = [value(row["amount"], label), *converted], [citation]
        if one_fund is not None:  # every fund first, then the 一般公共预算 part of it, each cited
            t, r = one_fund
            fund = columns_fund()
            text += f"其中{fund}安排 {money(r['amount'])}（{t}，第{r['line_no']}行），其余为其他资金。"
            values.append(value(r["amount"], f"{label}{fund}"))
            citations.append(cite_row(runner, t, r))
        return Answer(status="answered", text=text, values=values, citations=citations)

    @staticmethod
    def _distinct(intent: Intent) -> list[Match]:
        """One match per distinct line named, in the order of the question (exact names only:
        a near-miss beside an exact name is noise)."""
        out: dict[str, Match] = {}
        for m in sorted(unstash(intent.params), key=lambda m: m.span[0] if m.span else 0):
            if m.score >= 100 and m.name not in out:
                out[m.name] = m
        return list(out.values())

    def _primary(self, intent: Intent, q: Question, runner: Runner) -> Match:
        # the best-scored, longest name is what the question is about
        # (302 and 差旅费 in one question: the more specific code, 30211, is meant)
        return max(unstash(intent.params), key=lambda m: (m.score, len(m.code or ""), len(m.alias)))


