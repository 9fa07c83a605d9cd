"""The answers of the project-parts reading (project_parts.py): every figure is a stored 支出明细
or 资产配置 row of one 预算15表 form, or arithmetic on them shown in the text, each cited to
its source line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from typing import Any

from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    answered,
    clarify,
    money,
    norm,
    not_found,
    safe_cite,
    value,
)
from assistant.pipeline.intents.project_lines import column_spans, part_label, parts_of, words_beside

Form = dict[str, Any]
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|万|元)?")
# characters of each line's 测算依据 shown in a list (every line is cited for the rest)
BASIS_SHOWN = 60
MANY_LINES = 10  # … half as many when a form has more lines than this (the answer stays readable)
RANK_MAX = 6  # lines stated by a ranking at most (a ranking is not the whole list)


def _label(row: Row) -> str:
    return f"{row['content']}（{row['table_id']}）"


def _cite(runner: Runner, row: Row) -> Any:
    return safe_cite(runner, row["table_id"], f"项目支出明细 {row['content']}", row["line_no"])


def _form_cite(runner: Runner, form: Form) -> Any:
    return safe_cite(runner, form["table_id"], form["project_name"], form["line_start"])


def _tips(form: Form) -> list[str]:
    return [f"{form['project_name']}的支出明细有哪些？", f"{form['project_name']}的资产配置计划是什么？"]


def line_amount(line: Row, runner: Runner) -> Answer:
    amount = line.get("amount")
    if amount is None:
        return not_found(f"{_label(line)}未填写本级财政拨款金额。")
    text = f"{_label(line)}安排本级财政拨款 {money(amount)}。"
    return answered(text, [value(amount, "万元", line["content"])], [_cite(runner, line)],
                    [f"{line['content']}的测算依据是什么？"])


# The money columns of a 支出明细 line, by the words of their printed headings (longest first)
MONEY_COLUMNS = (("上级转移支付", "transfer_amount", "上级转移支付金额"),
                 ("转移支付", "transfer_amount", "上级转移支付金额"),
                 ("其他资金", "other_amount", "其他资金"), ("本级财政拨款", "amount", "本级财政拨款金额"))


def money_column(question: str) -> tuple[str, str] | None:
    """(column, heading) of the money column the question names, if any."""
    return next(((col, head) for word, col, head in MONEY_COLUMNS if word in question), None)


def line_money_column(line: Row, column: str, heading: str, runner: Runner) -> Answer:
    amount = line.get(column)
    if amount is None:
        return answered(f"{_label(line)}的“{heading}”栏未填列（空白）。", (), [_cite(runner, line)])
    return answered(f"{_label(line)}的{heading}为 {money(amount)}。",
                    [value(amount, "万元", f"{line['content']} {heading}")], [_cite(runner, line)])


def named_figure(question: str, line: Row, project: str, runner: Runner) -> Answer | None:
    """The one figure of the line's 测算依据 that the rest of the question names, else None."""
    column = money_column(question)
    if column is not None:
        return line_money_column(line, *column, runner)  # a column of the form, not of the text
    words = words_beside(question, line, project)
    if words and len(column_spans(words, line)) == 1:
        return line_column(line, words, runner)
    # 新春第一会的特邀专家费: listed inside the line with no figure of its own — the line's is not its
    basis, own = str(line.get("basis") or ""), str(line.get("content") or "")
    listed = [w for w in (words or "").split("|")
              if (run := _run_in(w, basis)) and run not in own and _in_a_list(run, basis, w.endswith(COSTS))]
    return line_column(line, words, runner) if listed and not column_spans(words, line) else None


LISTED_MIN = 3  # characters of a thing the 测算依据 lists that the question names


def _in_a_list(run: str, basis: str, cost_asked: bool) -> bool:
    """特邀专家费用 in '其中包含…、特邀专家费用、表彰授牌制作…': a cost one of the things a clause lists."""
    at = basis.find(run)
    start = max((basis.rfind(c, 0, at) for c in ITEM_ENDS), default=-1) + 1
    end = min((e for e in (basis.find(c, at + len(run)) for c in ITEM_ENDS) if e >= 0), default=len(basis))
    joined = (start > 0 and basis[start - 1] == "、") or (end < len(basis) and basis[end] == "、")
    return joined and (cost_asked or basis[start:end].endswith(COSTS))  # (宣传片制作费 of 宣传片制作)


ITEM_ENDS, COSTS = "、，,。；;：:（()）", ("费", "费用", "经费", "资金", "补助", "补贴", "奖励", "酬金")


def _run_in(words: str, text: str) -> str:
    """The longest run of the words the text prints, when it is long enough to name a thing."""
    m = SequenceMatcher(None, words, text, autojunk=False).find_longest_match(0, len(words), 0, len(text))
    return words[m.a: m.a + m.size] if m.size >= LISTED_MIN else ""


def line_column(line: Row, words: str, runner: Runner) -> Answer:
    """A figure of the line the question names by the words its 测算依据 prints before it."""
    found = column_spans(words, line)
    if len(found) != 1:
        shown = "、".join(p for p in words.split("|") if p)
        return not_found(  # (the line's own amount answers another question: not said here)
            f"{_label(line)}的测算依据中没有能与“{shown}”明确对应的金额，没有单列这一部分的数。"
            f"测算依据原文：{line.get('basis') or '（未填写）'}"
        )
    s = found[0]
    asked = "、".join(p for p in words.split("|") if p)
    # the answer says how the words were read: they named this clause of the 测算依据
    text = (f"按测算依据，{_label(line)}的“{asked}”对应“{s.clause}”，即 {s.said()}。"
            f"（该项在申报表中安排本级财政拨款 {money(line.get('amount'))}，见表中金额栏。）")
    return answered(text, [value(s.value, s.unit, f"{line['content']} 测算依据所列金额")],
                    [_cite(runner, line)], [f"{line['content']}的测算依据是什么？"])


def _total(form: Form, rows: Sequence[Row]) -> Decimal | None:
    if form.get("current_budget") is not None:
        return Decimal(str(form["current_budget"]))
    amounts = [r["amount"] for r in rows if r.get("amount") is not None]
    return sum((Decimal(str(a)) for a in amounts), Decimal(0)) if amounts else None


def line_share(form: Form, rows: Sequence[Row], line: Row, runner: Runner, called: str = "") -> Answer:
    """The line's share of its project's 当年预算. `called`: the project as the catalogue names
    it where that differs from the form's title (大数据中心运维费用 / 大数据中心运行维护费)."""
    total, amount = _total(form, rows), line.get("amount")
    if not total or amount is None:
        return not_found(f"{_label(line)}或其项目缺少金额，无法计算占比。")
    share = (Decimal(str(amount)) / total * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    also = f"{called}，" if called and norm(called) != norm(form["project_name"]) else ""
    whole = f"{form['project_name']}（{also}{form['table_id']}）"
    text = (f"{line['content']}占{whole}当年预算的 {fmt_number(share)}%。"
            f"其中：{line['content']} {money(amount)}；项目当年预算 {money(total)}。"
            f"计算：{fmt_number(amount)} ÷ {fmt_number(total)} × 100% ≈ {fmt_number(share)}%。")
    vals = [value(share, "%", f"{line['content']}占{form['project_name']}的比例"),
            value(amount, "万元", line["content"]), value(total, "万元", f"{form['project_name']}当年预算")]
    return answered(text, vals, [_cite(runner, line), _form_cite(runner, form)], _tips(form))


def _said(row: Row, shown: int) -> str:
    """One line as listed: its amount, and the first `shown` characters of its 测算依据."""
    said = money(row["amount"])
    if shown:
        text = (row.get("basis") or "（未填写）").strip(" ：:")
        said += f"（测算依据：{text[:shown]}{'…' if len(text) > shown else ''}）"
    return said


def list_lines(form: Form, rows: Sequence[Row], runner: Runner, head: str = "",
               basis: bool = False) -> Answer:
    if not rows:
        return answered(f"{form['project_name']}（{form['table_id']}）未填写项目支出明细。", (),
                        [_form_cite(runner, form)])
    total = sum((Decimal(str(r["amount"])) for r in rows if r.get("amount") is not None), Decimal(0))
    shown = (BASIS_SHOWN if len(rows) <= MANY_LINES else BASIS_SHOWN // 2) if basis else 0
    lines = [f"{i}. {r['content']}：{_said(r, shown)}" for i, r in enumerate(rows, 1)]
    text = head or (f"{form['project_name']}（{form['table_id']}）的资金由 {len(rows)} 项支出明细构成，"
                    f"合计 {money(total)}：")
    vals = [value(r["amount"], "万元", r["content"]) for r in rows if r.get("amount") is not None]
    return answered(text + "\n" + "\n".join(lines), vals, [_cite(runner, r) for r in rows], _tips(form))


def other_lines(form: Form, rows: Sequence[Row], line: Row, runner: Runner) -> Answer:
    others = [r for r in rows if r is not line and r["line_no"] != line["line_no"]]
    if not others:
        only = f"{form['project_name']}（{form['table_id']}）的支出明细只有{line['content']}这一项。"
        return answered(only, (), [_cite(runner, line)], _tips(form))
    head = (f"除{line['content']}外，{form['project_name']}（{form['table_id']}）的支出明细还有 "
            f"{len(others)} 项：")
    return list_lines(form, others, runner, head)


def rank_lines(form: Form, rows: Sequence[Row], n: int, ascending: bool, runner: Runner,
               total: bool = False, position: int = 1) -> Answer:
    """The n largest (smallest) lines; with `total` (…加起来多少) also their sum; from `position`
    on (第二大: the one line after the largest)."""
    priced = [r for r in rows if r.get("amount") is not None]
    if not priced:
        return not_found(f"{form['project_name']}（{form['table_id']}）的支出明细没有金额，无法排序。")
    ordered = sorted(priced, key=lambda r: Decimal(str(r["amount"])), reverse=not ascending)
    if position > 1:
        return _at_position(form, ordered, position, ascending, runner)
    if n > len(ordered):
        return not_found(f"{form['project_name']}的支出明细只有 {len(ordered)} 项，"
                         f"列不出前 {n} 项。", _tips(form))
    if n > RANK_MAX:
        return not_found(f"排名一次最多列出前 {RANK_MAX} 项；{form['project_name']}的全部 {len(ordered)} 项"
                         f"支出明细可以问“{form['project_name']}的支出明细有哪些？”。", _tips(form))
    top = ordered[:n]
    # a tie at the cut: the next line has the same amount, so 'the top n' is not one set
    if len(ordered) > n and ordered[n]["amount"] == top[-1]["amount"]:
        tied = "、".join(r["content"] for r in ordered if r["amount"] == top[-1]["amount"])
        return not_found(f"{tied}的金额相同（{money(top[-1]['amount'])}），无法只取其中{n}项。", _tips(form))
    which = "最少" if ascending else "最多"
    listed = "；".join(f"{i}. {r['content']} {money(r['amount'])}" for i, r in enumerate(top, 1))
    text = (f"{form['project_name']}（{form['table_id']}）共 {len(ordered)} 项支出明细，金额{which}的"
            f"{'' if n == 1 else f'前 {n} 项'}是：{listed}。")
    vals = [value(r["amount"], "万元", r["content"]) for r in top]
    if total and n > 1:
        summed = sum((Decimal(str(r["amount"])) for r in top), Decimal(0))
        text += f"合计：{' + '.join(fmt_number(r['amount']) for r in top)} = {money(summed)}。"
        vals.append(value(summed, "万元", f"{form['project_name']}{which}的前 {n} 项支出明细合计"))
    return answered(text, vals, [_cite(runner, r) for r in top], _tips(form))


def _at_position(form: Form, ordered: Sequence[Row], position: int, ascending: bool,
                 runner: Runner) -> Answer:
    """第二大 / 倒数第三: the one line at that place; a place shared by equal amounts is no one line."""
    if position > len(ordered):
        return not_found(f"{form['project_name']}的支出明细只有 {len(ordered)} 项，没有第 {position} 项。",
                         _tips(form))
    line = ordered[position - 1]
    same = [r for r in ordered if r["amount"] == line["amount"]]
    if len(same) > 1:
        tied = "、".join(r["content"] for r in same)
        return not_found(f"{tied}的金额相同（{money(line['amount'])}），并列，无法只说第 {position} 项。",
                         _tips(form))
    which = "小" if ascending else "大"
    text = (f"{form['project_name']}（{form['table_id']}）共 {len(ordered)} 项支出明细，金额第 {position} "
            f"{which}的是：{line['content']} {money(line['amount'])}。")
    stated = [value(line["amount"], "万元", line["content"])]
    return answered(text, stated, [_cite(runner, line)], _tips(form))


def line_position(form: Form, rows: Sequence[Row], line: Row, runner: Runner) -> Answer:
    """Where a line stands among its project's lines by amount (ties share a place)."""
    amount = line.get("amount")
    priced = [r for r in rows if r.get("amount") is not None]
    if amount is None:
        return not_found(f"{_label(line)}未填写金额，无法排序。")
    place = 1 + sum(1 for r in priced if r["amount"] > amount)
    tied = sum(1 for r in priced if r["amount"] == amount) > 1
    text = (f"{_label(line)}安排 {money(amount)}，在{form['project_name']}的 {len(priced)} 项支出明细中"
            f"按金额从高到低{'并列' if tied else ''}排第 {place} 位。")
    vals = [value(amount, "万元", line["content"]), value(place, "位", f"{line['content']}排名")]
    return answered(text, vals, [_cite(runner, line)], _tips(form))


def count_lines(form: Form, rows: Sequence[Row], runner: Runner) -> Answer:
    total = sum((Decimal(str(r["amount"])) for r in rows if r.get("amount") is not None), Decimal(0))
    text = (f"{form['project_name']}（{form['table_id']}）的项目支出明细共 {len(rows)} 条"
            f"（跨行续写的算一条），金额合计 {money(total)}。")
    cites = [_cite(runner, rows[0]), _cite(runner, rows[-1])] if rows else [_form_cite(runner, form)]
    return answered(text, [value(len(rows), "条", f"{form['project_name']}支出明细条数")], cites, _tips(form))


def line_parts(line: Row, runner: Runner) -> Answer:
    """A line's amount made up of the figures its 测算依据 lists."""
    parts = parts_of(line)
    basis = line.get("basis") or "（未填写）"
    if not parts:
        return answered(f"{_label(line)}安排 {money(line.get('amount'))}，测算依据没有列出能逐项相加得到"
                        f"该金额的明细。测算依据原文：{basis}", (), [_cite(runner, line)])
    basis_text = line.get("basis") or ""
    listed = "\n".join(f"{i}. {part_label(basis_text, s) or '（未写明）'}：{s.said()}"
                       for i, s in enumerate(parts, 1))
    sums = " + ".join(fmt_number(s.value) for s in parts)
    text = (f"{_label(line)}安排 {money(line.get('amount'))}，按测算依据由以下 {len(parts)} 部分构成"
            f"（{sums} = {fmt_number(line['amount'])} 万元）：\n{listed}")
    vals = [value(s.value, s.unit, f"{line['content']} 测算依据：{part_label(basis_text, s)}") for s in parts]
    return answered(text, vals, [_cite(runner, line)], [f"{line['content']}的测算依据是什么？"])


def no_line(form: dict[str, Any]) -> Answer:
    name = f"{form['project_name']}（{form['table_id']}）"
    tips = [f"{form['project_name']}的支出明细有哪些？"]
    return not_found(f"{name}的项目支出明细中没有找到问题所说的这一项。", tips)


def unclear(rest: str, line: dict[str, Any] | None) -> Answer:
    words = "”、“".join(p for p in rest.split("|") if p)
    about = f"{line['content']}（{line['table_id']}）" if line else "该项目"
    return not_found(f"问题中的“{words}”在{about}的支出明细中没有对应的内容，为免答非所问，这里不给出数字。")


def which_line(lines: Sequence[dict[str, Any]]) -> Answer:
    options = [(f"{r['content']}（{r['table_id']}）", f"{r['content']}安排了多少？") for r in lines]
    names = "、".join(label for label, _ in options)
    return clarify(f"支出明细中有几项都相符：{names}。请问您问的是哪一项？", options)


__all__ = ["count_lines", "line_amount", "line_column", "line_money_column", "line_parts",
           "line_position", "line_share", "list_lines", "money_column", "named_figure", "no_line",
           "other_lines", "rank_lines", "unclear", "which_line"]
