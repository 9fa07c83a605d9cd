"""The answer to a question about a figure in a 支出明细 line's 测算依据 (see forms_basis).

Every fitting span is stated with its clause quoted; when none fits, the answer says the text
does not state it and quotes the text — never the line's budget amount in its place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.models import Answer, Citation, Value
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.intents.forms_basis import Span, party_name, pick, spans
from assistant.pipeline.intents.forms_common import answered, money, not_found, safe_cite, value

FIGURE_KINDS = ("contract", "count", "rate", "party")
WHAT = {"contract": "合同金额", "count": "数量", "rate": "单项标准（每家、每个等的金额）"}
MAX_SPANS = 6


def _what(kind: str, question: str) -> str:
    if kind == "party":
        return f"给{party_name(question) or '该单位'}的金额"
    return WHAT[kind]


def _values(s: Span, content: str, what: str) -> list[Value]:
    label = f"{content} 测算依据所列{what}"
    out = [value(s.value, s.unit, label)]
    if s.upper is not None:
        out.append(value(s.upper, s.unit, f"{label}（上限）"))
    return out


def printed_figures(basis: str, content: str, amount: Value | None) -> list[Value]:
    """The figures a 测算依据 prints (每家 2.00 万元, 30 家), stated with it when it is asked: the
    line's own amount once."""
    said = [s for s in spans(basis)
            if amount is None or not (s.value == Decimal(str(amount.value)) and s.unit == amount.unit)]
    if len(said) > PRINTED_MAX or any(s.upper is not None for s in said):
        return []  # a long reckoning (ranges, many rates) is quoted, never dumped as figures
    return [v for s in said for v in _values(s, content, f"“{s.before.strip(' ，,：:')}”")]


PRINTED_MAX = 4  # figures of a 测算依据 stated beside its quote


def basis_figures(
    row: Row, kind: str, question: str, cites: Sequence[Citation | None], tips: Sequence[str]
) -> Answer:
    basis = (row.get("basis") or "").strip()
    label = f"{row['content']}（{row['table_id']}）"
    what = _what(kind, question)
    found = pick(kind, basis, question)
    if not found:
        # the text does not say: the budget amount is no substitute for the figure asked
        text = (
            f"{label}的测算依据没有写明{what}（该项预算 {money(row.get('amount'))}）。"
            f"测算依据原文：{basis or '（未填写）'}"
        )
        # no figure to state: unanswerable, so the contract never shows 'answered' without one
        return _unstated(text, cites, tips)
    vals = [v for s in found[:MAX_SPANS] for v in _values(s, row["content"], what)]
    if len(found) == 1:
        s = found[0]
        text = f"按测算依据，{label}中{what}为 {s.said()}（原文：“{s.clause}”）。"
    else:
        listed = "；".join(f"{i}. {s.said()}（“{s.clause}”）" for i, s in enumerate(found[:MAX_SPANS], 1))
        text = f"{label}的测算依据中有 {len(found)} 处{what}：{listed}。"
    return answered(text, vals, cites, tips)


def party_anywhere(rows: Sequence[Row], question: str, runner: Runner) -> Answer:
    """'给恒生保泰多少' without a line named: every line whose 测算依据 names the party, each
    with the figures printed beside the name."""
    name = party_name(question) or ""
    if (line := _line_of_party(rows, question)) is not None:
        return _line_amount(line, runner)
    hits = [(r, pick("party", r.get("basis") or "", question)) for r in rows if name and _names(r, name)]
    if not hits:
        return not_found(f"项目支出明细的测算依据中没有提到“{name}”。")
    parts, vals, cites = [], [], []
    for r, found in hits[:MAX_SPANS]:
        label = f"{r['content']}（{r['table_id']}）"
        cites.append(safe_cite(runner, r["table_id"], f"项目支出明细 {r['content']}", r["line_no"]))
        if not found:
            parts.append(f"{label}的测算依据提到{name}，但无法从原文确定给它的具体金额。原文：{r['basis']}")
            continue
        vals += [v for s in found for v in _values(s, r["content"], f"给{name}的金额")]
        quoted = "；".join(f"{s.said()}（“{s.clause}”）" for s in found)
        parts.append(f"{label}的测算依据写明给{name}：{quoted}。")
    return answered("\n".join(parts), vals, cites, [f"{hits[0][0]['content']}的测算依据是什么？"])


def form_figures(form: Row, rows: Sequence[Row], kind: str, question: str, runner: Runner) -> Answer:
    """A project's question about 测算依据 figures ('…的合同金额'): each line's fitting figures."""
    what = _what(kind, question)
    head = f"{form['project_name']}（{form['table_id']}）"
    if kind == "party" and (line := _line_of_party(rows, question)) is not None:
        return _line_amount(line, runner)  # 给单项冠军企业的奖励: the line named after them (单项冠军奖励)
    parts, vals, cites = [], [], []
    for r in rows:
        found = pick(kind, r.get("basis") or "", question)
        if not found:
            continue
        vals += [v for s in found for v in _values(s, r["content"], what)]
        quoted = "；".join(f"{s.said()}（“{s.clause}”）" for s in found)
        parts.append(f"{r['content']}：{quoted}")
        cites.append(safe_cite(runner, r["table_id"], f"项目支出明细 {r['content']}", r["line_no"]))
    if not parts:
        cites = [safe_cite(runner, form["table_id"], form["project_name"], form["line_start"])]
        lines = "、".join(f"{r['content']} {money(r.get('amount'))}" for r in rows[:MAX_SPANS])
        said = f"文件只列出各支出明细的金额：{lines}。" if lines else ""
        return _unstated(f"抱歉，{head}各支出明细的测算依据都没有写明{what}。{said}", cites,
                         [f"{form['project_name']}的支出明细有哪些？"])
    if kind == "count" and len(vals) > MAX_SPANS:  # 要奖励多少家企业: many lines' counts are no one answer
        return _which_line(form, parts, what, question, runner)
    text = f"{head}支出明细的测算依据中写明的{what}：\n" + "\n".join(
        f"{i}. {p}" for i, p in enumerate(parts, 1)
    )
    return answered(text, vals, cites, [f"{form['project_name']}的支出明细有哪些？"])


INDICATOR_WORDS = ("数量", "数", "个数")  # an indicator's name is said without its measure word


def _which_line(form: Row, parts: list[str], what: str, question: str, runner: Runner) -> Answer:
    """Many lines' 测算依据 state a figure of the kind asked: ask which line (and offer the form's
    target whose name the question says, 奖励企业数量 for 奖励多少家企业), stating none of them."""
    from assistant.models import Candidate

    pname = form["project_name"]
    lines = [p.split("：", 1)[0] for p in parts]
    named = [r["name"] for r in runner.run("forms_indicators", table_id=form["table_id"])
             if _said(str(r["name"]), question)]
    options = [Candidate(label=f"绩效目标“{n}”", question=f"{pname}{n}是多少") for n in dict.fromkeys(named)]
    options += [Candidate(label=line, question=f"{pname}{line}的{what}是多少") for line in lines]
    return Answer(status="clarify", candidates=options[:MAX_SPANS], text=(
        f"{pname}（{form['table_id']}）有 {len(parts)} 条支出明细的测算依据写有{what}，"
        f"各是各的，不能合成一个答案。请问问的是哪一条，还是项目的绩效目标？"))


def _line_of_party(rows: Sequence[Row], question: str) -> Row | None:
    """The one line whose name holds the party's name less its kind (单项冠军 of 单项冠军企业)."""
    core = re.sub(r"(?:企业|公司|单位)$", "", party_name(question) or "")
    named = [r for r in rows if len(core) >= PARTY_CORE_MIN and core in str(r["content"])]
    return named[0] if len(named) == 1 else None


PARTY_CORE_MIN = 3


def _line_amount(row: Row, runner: Runner) -> Answer:
    amount = value(row["amount"], "万元", row["content"]) if row.get("amount") is not None else None
    basis = row.get("basis") or "（未填写）"
    head = f"{row['content']}（{row['table_id']}）" + (f"安排 {money(row['amount'])}。" if amount else "：")
    vals = [*([amount] if amount else []),
            *printed_figures(row.get("basis") or "", str(row["content"]), amount)]
    cite = safe_cite(runner, row["table_id"], f"项目支出明细 {row['content']}", row["line_no"])
    return answered(f"{head}测算依据及说明：{basis}", vals, [cite], [f"{row['content']}的测算依据是什么？"])


def _said(name: str, question: str) -> bool:
    core = name
    for w in INDICATOR_WORDS:
        core = core.removesuffix(w)
    return len(core) >= 2 and all(ch in question for ch in core)


def _unstated(text: str, cites: Sequence[Citation | None], tips: Sequence[str]) -> Answer:
    """The text does not state the figure asked: say what it does say, cited, with no figure."""
    return Answer(status="unanswerable", text=text, citations=[c for c in cites if c is not None],
                  suggestions=list(tips)[:3])


def _names(row: Row, name: str) -> bool:
    """The basis names the party: the whole name, or a run of at least 3 of its characters."""
    basis = row.get("basis") or ""
    if name in basis:
        return True
    return any(name[i : i + 3] in basis for i in range(len(name) - 2)) if len(name) >= 4 else False


__all__ = ["FIGURE_KINDS", "basis_figures", "form_figures", "party_anywhere"]
