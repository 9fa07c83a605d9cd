"""Figures computed from table lines: shares (人员经费占总预算的比例), differences (A 比 B 多多少)
and sums (住房公积金加提租补贴合计). Operands are entities or whole-budget columns; each is cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.models import Answer, Citation, Intent, Match, Question, Value
from assistant.pipeline.base import Conversation, Runner, cite
from assistant.pipeline.intents.tables_common import (
    PREFERRED,
    TABLE_KINDS,
    cite_row,
    knowledge,
    money,
    pct,
    percent,
    pick,
    rows_for,
    stash,
    unstash,
    value,
)

TOTAL_TABLE = "预算05表"  # the table whose 合计 row carries every column of the 一般公共预算
WHOLE_TABLE = "预算03表"  # 支出总表: the whole budget (every fund) by 基本支出/项目支出
# Where neither prints the column (a layout whose 功能分类表 has no 人员经费 column), the 基本支出
# 经济分类表 does: its 合计 line carries 人员经费 and 公用经费.
BASIC_TABLE = "预算07表"
DENOMINATOR_TOTAL = ("总预算", "总支出", "总额", "全部", "总盘子", "整体", "总")
# words before 总额 that still mean the department's whole budget (部门总额, 全局总预算)
WHOLE_QUALIFIERS = ("部门", "本部门", "全部门", "单位", "本单位", "局里", "全局", "本局", "整个", "全年",
                    "今年", "年度", "预算", "支出", "的", "占", "了")


CODED_KINDS = ("function", "economic")


def not_within(part: Match, whole: Match) -> bool:
    """住房公积金 (30113) 占 商品和服务支出 (302): two coded lines of one classification, the
    first not under the second — no part of it."""
    return bool(part.kind == whole.kind and part.kind in CODED_KINDS and part.code and whole.code
                and part.code != whole.code and not part.code.startswith(whole.code))


SELF_WORDS = re.compile(r"^(?:它|其|它自己|自身)(?:的|自身)?")


def _unread_whole(left: str, num_m: list[Match]) -> str | None:
    """The words before 里/中 that say a whole the question looks inside, when no line read
    them (政府采购 of 政府采购里大数据中心运维费用)."""
    cut = next(iter(_WITHIN.finditer(left)), None)
    if cut is None or not num_m or not num_m[0].span or num_m[0].span[0] < cut.end():
        return None
    head = left[: cut.start()].strip("，, 的")
    return head if len(head) >= 2 else None


def _qualified_total(right: str) -> str | None:
    """采购总额: a qualifier before 总额/总 that names another whole (returned as said)."""
    m = re.search(r"^(.*?)(总预算|总支出|总额|总盘子|总数)", right)
    if not m:
        return None
    qual = m.group(1)
    for w in sorted(WHOLE_QUALIFIERS, key=len, reverse=True):
        qual = qual.replace(w, "")
    qual = re.sub(r"\d{4}年?", "", qual)
    return m.group(0) if len(qual) >= 2 else None


@dataclass
class Operand:
    label: str
    amount: Decimal | None
    citation: Citation
    parent_code: str | None = None
    kind: str = ""
    table_id: str = ""
    side: str | None = None


def measures_of(q: Question, k: object, ents: Sequence[Match]) -> list[str]:
    from assistant.pipeline.intents.tables_common import measures_of as columns

    return columns(q, matches=ents)


def _measure_in(text: str) -> str | None:
    k = knowledge()
    hits = [w for w in k.measures if w in text]
    return k.measures[max(hits, key=len)] if hits else None


def _standalone_measure(text: str) -> bool:
    """人员经费占… names the budget column; 特定目标类项目支出 is another (form) item."""
    k = knowledge()
    for w in k.measures:
        at = text.find(w)
        if at >= 0:
            before = text[:at]
            if not before or before.endswith(("的", "占", "和", "与", "里", "中", "一般公共预算", "年")):
                return True
    return False


def _total_operand(
    runner: Runner, measure: str | None, text: str = "", table_id: str | None = None, side: str | None = None
) -> Operand | None:
    """A column of a table's total line. Without a table named: the 支出总表 (every fund) where it
    has the column and the question does not narrow to 一般公共预算, else the 一般公共预算 table;
    a line of a 收支总表 side is measured against that side's total."""
    chosen = table_id is not None
    if table_id is None:
        whole = [] if "一般公共预算" in text else runner.run("li_totals", table_id=WHOLE_TABLE)
        if pick(whole, measure if measure not in (None, "合计") else "合计") is not None:
            table_id = WHOLE_TABLE
        else:
            table_id = TOTAL_TABLE
    rows = runner.run("li_totals", table_id=table_id)
    if side:
        rows = sorted((r for r in rows if r.get("side") == side), key=lambda r: r["level"] != "合计")
    row = pick(rows, measure)
    if row is None and not side and measure not in (None, "合计") and table_id == TOTAL_TABLE and not chosen:
        table_id = BASIC_TABLE
        row = pick([r for r in runner.run("li_totals", table_id=table_id) if r["level"] == "合计"], measure)
    if row is None:
        return None
    label = "总预算" if measure in (None, "合计") else measure
    if table_id == TOTAL_TABLE:  # 人员经费 is 一般公共预算 only; 项目支出 of every fund may differ
        whole = pick(runner.run("li_totals", table_id=WHOLE_TABLE), "合计" if label == "总预算" else measure)
        if whole is not None and whole["amount"] != row["amount"]:
            label = "一般公共预算支出合计" if label == "总预算" else f"一般公共预算{label}"
    elif side:
        label = f"{side}合计"
    return Operand(label, row["amount"], cite(runner, table_id, f"合计·{row['measure']}", row["line_no"]),
                   table_id=table_id)


def _table_operand(runner: Runner, m: Match) -> Operand | None:
    """The total line of a table named in the question (政府采购预算 -> 预算12表 合计)."""
    table_id = m.code or ""
    if table_id == "预算12表":
        rows = [r for r in runner.run("proc_rows") if r["level"] == "合计"]
        label = "政府采购预算"
    else:
        rows = [r for r in runner.run("li_totals", table_id=table_id) if r["level"] in ("合计", "总计")]
        rows = [pick(rows, None)] if rows else []
        label = f"{table_id}合计"
    if not rows or rows[0] is None:
        return None
    return Operand(label, rows[0]["amount"], cite(runner, table_id, "合计", rows[0]["line_no"]))


def _entity_operand(runner: Runner, m: Match, measure: str | None) -> Operand | None:
    table_id, rows = rows_for(runner, m)
    row = pick(rows, measure)
    if row is None:
        return None
    label = m.name + (measure if measure and measure != "合计" else "")
    return Operand(label, row["amount"], cite_row(runner, table_id, row), row.get("parent_code"), m.kind,
                   table_id, row.get("side"))


def _consistent(ms: Sequence[Match]) -> list[Match]:
    """One match per span; where a name is in two kinds (住房公积金), keep the kind the other
    operands have, so a sum is taken within one table."""
    kinds = [m.kind for m in ms]
    by_span: dict[object, list[Match]] = {}
    for m in ms:
        by_span.setdefault(m.span or m.entity_id, []).append(m)
    out = []
    for group in by_span.values():
        order = [*PREFERRED, "procurement"]
        best = max(group, key=lambda m: (kinds.count(m.kind), -order.index(m.kind)))
        out.append(best)
    return out


def _operands_of(text: str, matches: Sequence[Match], offset: int) -> list[Match]:
    end = offset + len(text)
    return [m for m in matches if m.span and offset <= m.span[0] < end]


# 中/里 that make "A中B占多少" (the whole first), not the 中 of 中心/中小企业/中央.
_WITHIN = re.compile(r"(?:当中|之中|中|里)(?![心小央国间])")


def _whole_first(
    left: str, right: str, num_m: list[Match], den_m: list[Match], ents: Sequence[Match]
) -> tuple[str, str, list[Match], list[Match]]:
    """项目支出中科技研究开发资金占多少: the part after 中/里 is the numerator, before it the whole."""
    cuts = list(_WITHIN.finditer(left))
    if not cuts:
        return left, right, num_m, den_m
    at = cuts[-1]
    head, tail = left[: at.start()], left[at.end():]
    head_m, tail_m = _operands_of(head, ents, 0), _operands_of(tail, ents, at.end())
    if (head_m or _measure_in(head)) and (tail_m or _measure_in(tail)):
        return tail, head, tail_m, head_m
    return left, right, num_m, den_m


def _same_table(runner: Runner, num: Operand, measure: str | None) -> str | None:
    """A whole-budget column over another: both from the numerator's total table where it has it."""
    if num.table_id in (TOTAL_TABLE, WHOLE_TABLE):
        rows = runner.run("li_totals", table_id=num.table_id)
        if pick(rows, measure if measure else "合计") is not None:
            return num.table_id
    return None


def _names_a_part(left: str) -> bool:
    """The words before 占 name something (它, an unknown name) rather than nothing at all."""
    from assistant.query.parse import _only_asking  # (late: the query layer imports handlers)

    words = re.sub(r"[\s,，。?？!！]", "", left)
    deictic = knowledge().words.get("deictic", ())
    return bool(words) and (any(w in words for w in deictic) or not _only_asking(words))


class ShareHandler:
    name = "share"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not k.has("share", q.text):
            return None
        ents = _consistent([m for m in matches if m.kind in TABLE_KINDS])
        # a table named near-enough (一般公共预算项目支出 ~ 一般公共预算基本支出表) is not that table
        tables = [m for m in matches if m.kind == "table" and ":rows:" in m.entity_id
                  and (m.score >= 100 or not _measure_in(q.text))]
        if not ents and not _measure_in(q.text) and not tables:
            return None
        evidence = "strong" if ents or tables or _standalone_measure(q.text) else "weak"
        if not ents and tables:  # 政府采购预算占总预算的比例: a table's total
            return Intent(name="share", params={**stash(tables), "tables": True}, evidence=evidence)
        return Intent(name="share", params=stash(ents), evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        ents = unstash(intent.params)
        text = q.text
        cut = text.find("占")
        left, right = (text, "") if cut < 0 else (text[:cut], text[cut + 1:])
        num_m, den_m = _operands_of(left, ents, 0), _operands_of(right, ents, cut + 1)
        if cut >= 0 and not den_m and not _measure_in(right):
            left, right, num_m, den_m = _whole_first(left, right, num_m, den_m, ents)
        if intent.params.get("tables"):
            # 政府采购预算占总预算 / 人员经费占一般公共预算支出: a table's total on either side
            num = (_table_operand(runner, num_m[0]) if num_m
                   else _total_operand(runner, _measure_in(left), text) if _measure_in(left) else None)
            num_m = []
        elif not num_m and not _measure_in(left) and _names_a_part(left):
            # 它占工资福利支出的比例 with nothing 它 points to: the part is unknown, never the total
            num = None
        elif not num_m and _measure_in(left) and den_m and den_m[0].kind != "table":
            # 科学技术支出里基本支出占比: the whole's own 基本支出 cell, never the department's
            num = _entity_operand(runner, den_m[0], _measure_in(left))
        elif (num_m and not den_m and _measure_in(right) and not _measure_in(left)
              and _entity_operand(runner, num_m[0], _measure_in(right)) is not None):
            # 基本支出里社会保障和就业支出占比: the line's own 基本支出 cell over all 基本支出 (a
            # project, printed without that column, is all 项目支出: its own figure below)
            num = _entity_operand(runner, num_m[0], _measure_in(right))
        else:
            num = (_entity_operand(runner, num_m[0], _measure_in(left)) if num_m
                   else _total_operand(runner, _measure_in(left), text))
        if num is None:
            return Answer(status="unanswerable", text="没有找到要计算占比的那一项。")
        if den_m and den_m[0].kind == "table":
            den = _table_operand(runner, den_m[0])
        elif den_m:
            den = _entity_operand(runner, den_m[0], _measure_in(right))
        elif _measure_in(right):
            wanted = _measure_in(right)
            den = _total_operand(runner, wanted, text, _same_table(runner, num, wanted))
        elif num.side:  # 一般公共预算拨款收入占多少: within its side of the 收支总表
            den = _total_operand(runner, None, text, num.table_id, num.side)
        elif _qualified_total(right):
            # 采购总额 / 项目总额: the total of something named, not the whole budget — not guessed
            return Answer(status="unanswerable", text=(
                f"没有理解“{_qualified_total(right)}”指哪一个总数，为免答非所问，这里不给出比例。"))
        elif num_m and SELF_WORDS.match(right):
            # 行政运行的人员经费占它的比例: 它 is the line just named, in all its columns
            den = _entity_operand(runner, num_m[0], None)
        elif (head := _unread_whole(left, num_m)) is not None:
            # 政府采购里大数据中心运维费用占比: a whole said but not read is never replaced by another
            return Answer(status="unanswerable", text=(
                f"没有理解“{head}”作为计算占比的整体，为免答非所问，这里不给出比例。"))
        elif any(w in right for w in DENOMINATOR_TOTAL) or not num_m or not num.parent_code:
            den = _total_operand(runner, None, text, _same_table(runner, num, None) if not num_m else None)
        else:  # 行政运行占比: within its parent line
            parent = Match(entity_id="", kind=num.kind, name="", code=num.parent_code, alias="", score=100)
            den = _entity_operand(runner, parent, None)
            if den is not None:
                den.label = den.citation.row.split(" ", 1)[-1]
        if num_m and den_m and not_within(num_m[0], den_m[0]):
            a, b = num_m[0], den_m[0]
            return Answer(status="unanswerable", text=(
                f"“{a.name}”（{a.code}）不在“{b.name}”（{b.code}）之下，不是它的一部分，无法按“占”计算比例。"))
        if den is None or not den.amount or num.amount is None:
            return Answer(status="unanswerable", text="缺少计算占比所需的数。")
        share = percent(num.amount, den.amount)
        if share > 100 and cut >= 0:
            # 占 asks for a part of a whole: a "part" larger than its whole was read as another line
            return Answer(status="unanswerable",
                          text=f"“{num.label}”比“{den.label}”还大，不是它的一部分，无法按“占”来计算比例。")
        return Answer(
            status="answered",
            text=(f"{num.label} {money(num.amount)}，占{den.label} {money(den.amount)} 的 {pct(share)}"
                  f"（{num.amount}÷{den.amount}，四舍五入到两位小数）。"),
            values=[Value(value=share, unit="%", label=f"{num.label}占{den.label}的比例"),
                    value(num.amount, num.label), value(den.amount, den.label)],
            citations=[num.citation, den.citation],
        )


class CompareSumHandler:
    """A 比 B 多多少 / A 加 B 合计: two or more lines, two columns of one line (行政运行人员经费加
    公用经费), two columns of the whole budget (人员经费加公用经费) or procurement items."""

    name = "compare"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        is_sum = k.has("sum", q.text)
        is_compare = k.has("compare", q.text) and not k.has("share", q.text)
        if not (is_sum or is_compare):
            return None
        ents = _consistent([m for m in matches if m.kind in TABLE_KINDS | {"procurement"}])
        measures = measures_of(q, k, ents)
        enough = len({m.name for m in ents}) >= 2 or (len(ents) <= 1 and len(measures) >= 2)
        if not enough:
            return None
        op = "compare" if is_compare and not ("加" in q.text or "合计" in q.text) else "sum"
        return Intent(name=op, params={**stash(ents), "op": op, "measures": measures}, evidence="strong")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        ents = sorted(unstash(intent.params), key=lambda m: m.span[0] if m.span else 0)
        measures = intent.params.get("measures") or []
        if len({m.name for m in ents}) >= 2:
            measure = measures[0] if measures else None
            ops = [_procurement_operand(runner, m) if m.kind == "procurement" else
                   _entity_operand(runner, m, measure) for m in ents]
        elif ents:
            ops = [_entity_operand(runner, ents[0], one) for one in measures]
        else:
            # columns of one table: the whole budget's unless one is 一般公共预算 only (人员经费)
            whole = [] if "一般公共预算" in q.text else runner.run("li_totals", table_id=WHOLE_TABLE)
            table = WHOLE_TABLE if all(pick(whole, one) is not None for one in measures) else TOTAL_TABLE
            ops = [_total_operand(runner, one, q.text, table) for one in measures]
        ops = [o for o in ops if o is not None]
        if len(ops) < 2 or any(o.amount is None for o in ops):
            blank = [o.label for o in ops if o.amount is None]
            text = f"{'、'.join(blank)}在表中为空白（未安排），无法计算。" if blank else "缺少计算所需的数。"
            return Answer(status="answered" if blank else "unanswerable", text=text,
                          citations=[o.citation for o in ops])
        values = [value(o.amount, o.label) for o in ops]
        parts = "，".join(f"{o.label} {money(o.amount)}" for o in ops)
        if intent.params["op"] == "sum":
            total = sum(float(o.amount) for o in ops)
            return Answer(status="answered", text=f"{parts}，合计 {money(total)}。",
                          values=[value(total, "合计"), *values], citations=[o.citation for o in ops])
        a, b = ops[0], ops[1]
        diff = float(a.amount) - float(b.amount)
        word = "多" if diff >= 0 else "少"
        return Answer(
            status="answered",
            text=f"{parts}；{a.label}比{b.label}{word} {money(abs(diff))}。",
            values=[value(abs(diff), f"{a.label}与{b.label}之差"), *values],
            citations=[a.citation, b.citation],
        )


def _procurement_operand(runner: Runner, m: Match) -> Operand | None:
    for r in runner.run("proc_rows"):
        if r["level"] == "品目" and (r["item_code"] == m.code or r["item_name"] == m.name):
            where = cite(runner, "预算12表", r["item_name"], r["line_no"])
            return Operand(f"{r['item_name']}采购金额", r["amount"], where)
    return None
