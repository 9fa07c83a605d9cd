"""Helpers shared by the form (预算14/15表) and narrative handlers.

Handlers never write SQL; everything here either calls named templates through the Runner or
works on the rows they return. Fuzzy comparison is done on normalised text so that spacing,
brackets and full-width punctuation printed by the PDF conversion do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Answer, Candidate, Citation, Intent, Value
from assistant.pipeline.base import Conversation, Row, Runner, cite, fmt_amount, fmt_number
from assistant.pipeline.units import document_unit

# Characters that carry no meaning when comparing a question with a printed label.
_NOISE = re.compile(
    r"[\s\u3000<>/\\\"'“”‘’《》〈〉「」『』()（）\[\]【】〔〕{}:：,，.。;；、!！?？·•\-—_*#$\\]+"
)
# Chinese numerals that may survive normalisation inside "目标三" and the like.
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


LONGER_LABEL_DISCOUNT = 0.9

# A budget states plans: questions about actual spending / execution cannot be answered from it,
# and answering them with the budgeted figure would be a wrong figure. 花了多少 alone is how a
# visitor asks the budgeted sum (出国花了多少钱); said with 实际/决算/a month it is caught above.
ACTUALS = (
    "实际支出",
    "实际发生",
    "实际花",
    "实际发",
    "实际拨",
    "实际用",
    "实际到位",
    "实际增长",  # a target's year: the form prints what was aimed at, never what was achieved
    "实际完成",
    "实际达到",
    "实际实现",
    "执行了",
    "执行情况",
    "已经支出",
    "已支出",
    "已经花",
    "决算",
    "完成了多少",
    "支付了多少",
    "已拨付",
)


# Padding when a handler has fewer than two follow-ups of its own (every answer offers 2-3).
GENERIC_TIPS = ("本部门公开了哪些预算表？", "数据有没有对不上的地方？", "收支总预算比上年增加多少？")


def asks_actuals(q_raw: str) -> bool:
    return any(w in q_raw for w in ACTUALS)


def norm(text: str | None) -> str:
    """Comparable form of a label: no spaces, punctuation or HTML."""
    text = re.sub(r"<[^>]+>", "", text or "")
    return _NOISE.sub("", text).lower()


def contains_any(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


def cn_int(token: str) -> int | None:
    """'3' / '三' / '十二' -> int; None when it is not a small number."""
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _CN_DIGITS:
        return 10 + _CN_DIGITS[token[1]]
    return None


def fuzzy_in(needle: str, haystack: str) -> float:
    """How well `needle` (a printed label) appears inside `haystack` (the question), 0..100."""
    n, h = norm(needle), norm(haystack)
    if not n or not h:
        return 0.0
    if n in h:
        return 100.0
    if len(n) <= 2:
        return 0.0
    # partial_ratio aligns the label with its best window of the question; it punishes long
    # labels that the user shortened, so the plain ratio is considered as well. A label longer
    # than the whole question only contains it ('财政拨款收支总预算' ⊃ '收支总预算'): discounted,
    # so the label the question names exactly wins.
    partial = fuzz.partial_ratio(n, h) * (LONGER_LABEL_DISCOUNT if len(n) > len(h) else 1.0)
    return float(max(partial, fuzz.ratio(n, h)))


def best_rows(
    question: str, rows: Sequence[Row], key: str, minimum: float = 80.0, hints: Sequence[str] = ()
) -> list[tuple[float, Row]]:
    """Rows whose `key` label best appears in the question (or equals a matched entity name)."""
    scored: list[tuple[float, Row]] = []
    for row in rows:
        label = str(row.get(key) or "")
        score = fuzzy_in(label, question)
        for hint in hints:
            if norm(hint) and norm(hint) == norm(label):
                score = max(score, 101.0)  # an exact catalogue match beats every fuzzy one
            elif hint:
                score = max(score, float(fuzz.ratio(norm(hint), norm(label))) - 2)
        # a longer label found whole is more specific than a short one found whole
        score += min(len(norm(label)), 30) / 100.0
        if score >= minimum:
            scored.append((score, row))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored


def money(value: Decimal | float | int | None, unit: str | None = None) -> str:
    """A form's figure with its unit: the document's (a form's cells carry none of their own)."""
    return f"{fmt_amount(value)} {unit or document_unit()}" if value is not None else "（空白）"


def value(v: Decimal | float | int, unit: str, label: str) -> Value:
    return Value(value=float(v), unit=unit, label=label)


def run(runner: Runner, template: str, **params: Any) -> list[Row]:
    """Every template of ours is scoped to the runner's document."""
    return runner.run(template, doc_id=runner.doc_id, **params)


def safe_cite(runner: Runner, table_id: str, row: str, line: int | None) -> Citation | None:
    if not line:
        return None
    return cite(runner, table_id, row[:60], int(line))


def answered(
    text: str,
    values: Sequence[Value] = (),
    citations: Sequence[Citation | None] = (),
    suggestions: Sequence[str] = (),
) -> Answer:
    seen: set[tuple[str, int]] = set()
    cites: list[Citation] = []
    for c in citations:
        if c is not None and (c.table, c.line) not in seen:
            seen.add((c.table, c.line))
            cites.append(c)
    return Answer(
        status="answered",
        text=text,
        values=list(values),
        citations=cites,
        suggestions=list(dict.fromkeys([*suggestions, *GENERIC_TIPS]))[:3]
        if len(suggestions) < 2
        else list(dict.fromkeys(suggestions))[:3],
    )


def clarify(text: str, options: Sequence[tuple[str, str]], suggestions: Sequence[str] = ()) -> Answer:
    return Answer(
        status="clarify",
        text=text,
        candidates=[Candidate(label=label, question=q) for label, q in options[:6]],
        suggestions=list(suggestions)[:3],
    )


def not_found(text: str, suggestions: Sequence[str] = ()) -> Answer:
    return Answer(status="unanswerable", text=text, suggestions=list(suggestions)[:3])


def goal_ref(text: str) -> tuple[str | None, int | None]:
    """(长期|年度, N) from '长期目标3' / '年度目标五' / '年度绩效目标1'."""
    m = re.search(r"(长期|年度)(?:绩效)?目标\s*([0-9一二三四五六七八九十]{1,2})?", text)
    if not m:
        return None, None
    return m.group(1), (cn_int(m.group(2)) if m.group(2) else None)


def last_intent(conv: Conversation, names: Iterable[str]) -> Intent | None:
    """The previous turn's intent when it was one of ours (a follow-up continues it)."""
    turn = conv.last
    if turn is None or turn.intent is None or turn.status != "answered":
        return None
    return turn.intent if turn.intent.name in set(names) else None


def pct(v: Decimal | float | None) -> str:
    return "" if v is None else f"{fmt_number(v)}%"


__all__ = [
    "ACTUALS",
    "answered",
    "asks_actuals",
    "best_rows",
    "clarify",
    "cn_int",
    "contains_any",
    "fuzzy_in",
    "goal_ref",
    "last_intent",
    "money",
    "norm",
    "not_found",
    "pct",
    "run",
    "safe_cite",
    "value",
]


ASK_WHO = ("哪几家", "哪些企业", "哪家企业", "哪些公司", "给谁", "哪些单位", "名单", "哪几个", "哪些项目")
# firms or units asked for by name: 哪6家企业 / 哪两家 / 给了哪些企业 (哪几个 may ask for parts)
ASK_WHOM = re.compile(r"哪[\d几两一二三四五六七八九十]+(?:家|户)"
                      r"|哪(?:些|几家)(?:企业|公司|单位)|给谁|名单")


def asks_who(text: str, firms_only: bool = False) -> bool:
    """Which firms or units (the 测算依据 says how many and how much, seldom whom)."""
    return ASK_WHOM.search(text) is not None or (not firms_only and any(w in text for w in ASK_WHO))
