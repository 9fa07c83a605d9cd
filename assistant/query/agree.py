"""A 和 B 一样吗 / A 是不是等于 B 加 C / 基本支出等不等于人员经费加公用经费: two sides compared.

A reviewer cross-checks the document: one table's figure against another's, a total against the
parts that should make it up. This rule reads the two sides; each is one thing, a figure said
(46.8万), 它 (the figure just stated), or a sum said with 加/、/和 (B加C, 出国、接待、用车三项加起来).
query/agree_answer.py reads and compares them.
"""

from __future__ import annotations

import re

from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL, PROTECTED, _only_asking, _subject
from assistant.tag import Lexicon

RULE = "A与B是否一致"
SAME = r"(?:是)?(?:一样|一致|相等|相同|相符|吻合|对得上|对的上|能对上|对上)(?:的)?(?:吗|不|么|嘛|没有)?"
# A 和 B (的金额) 一样吗
BOTH = re.compile(rf"^(.+?)(?:和|跟|与|同)(.+?)(?:的)?(?:金额|数字|数额|数)?(?:是不是|是否)?{SAME}$")
# A 是不是等于 B / A 等不等于 B / A 是否就是 B; A 等于 B 吗 (a bare 就是 names: 日常办公经费也就是公用经费)
EQUALS = (re.compile(r"^(.+?)(?:(?:是不是|是否)(?:正好|刚好|恰好)?(?:就是|就等于|等于)|等不等于)"
                     r"(.+?)(?:吗|么|嘛|呢)?$"),
          re.compile(r"^(.+?)(?:正好|刚好|恰好)?(?:就等于|等于|=|＝)(.+?)(?:吗|么|嘛|不)$"))
ASKS_A_FIGURE = re.compile(r"多少|几")  # a side that asks a figure is no side compared
SUMMED = re.compile(r"(?:[一二三四五六七八九十两\d]+(?:项|个|部分|块))?"
                    r"(?:加起来|加在一起|合起来|之和|的和|合计|相加)$")
ONLY_SAME = re.compile(rf"(?:金额|数字|数额|数)?{SAME}")
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万元|万|元|亿元)?")
LED_BY_AND = re.compile(rf"^(?:那|那么)?(?:和|跟|与|同)(.+?)(?:的)?(?:金额|数字|数额|数)?(?:是不是|是否)?"
                        rf"{SAME}$")
IT = "它"
JOIN = re.compile(r"和|跟|与|同")
SUMMED_WORD = re.compile(r"加起来|加在一起|合起来|之和|的和|相加")
PLUS = re.compile(r"加上|加|、|和|与|及|\+|＋")
IN_BOTH = re.compile(rf"^(.+?)在(.+?)(?:和|跟|与)(.+?)(?:里面|里|中|上)?(?:的)?(?:金额|数字|数额|数)?{SAME}$")
SOURCED = re.compile(r"(.+?(?:表|说明))(?:里面|里|中|上)的?(.{2,})")
SOURCE_ENDS = ("表", "说明", "部分", "申报表", "目录")  # where a figure is printed
CLAUSE = re.compile(r"[,，;；?？]")
OTHER_ASK = re.compile(r"各|各自|分别|总额|金额|合计|加总|总共|一共|总计")


def agree(text: str, lex: Lexicon) -> Query | None:
    clause = _the_clause(text)
    if clause is None:
        return None
    at, said = clause
    led = LED_BY_AND.search(said)
    if led is not None:  # 住房公积金多少 → 和经济分类表里的住房公积金一样吗: 它 and that
        right = _side(text, at + led.start(1), at + led.end(1))
        return Query(op="agree", subjects=(Subject(text=IT, span=(at, at)),), also=tuple(right),
                     rule=RULE) if right else None
    where = IN_BOTH.search((ORIGINAL.get() or text)[at: at + len(said)])
    if where is not None:  # 事业运行在支出总表和一般公共预算支出表里一样吗: one thing, two tables
        thing, sources = where.group(1), (where.group(2), where.group(3))
        if any(s.endswith(SOURCE_ENDS) for s in sources) and len(thing) >= 2:
            one, two = (Subject(text=f"{s}里的{thing}", span=(at, at)) for s in sources)
            return Query(op="agree", rule=RULE, subjects=(one,), also=(two,))
    spans = _sides(text, at, said)
    if spans is None:
        return None
    (a, b), (c, d) = spans
    left, right = _side(text, a, b), _side(text, c, d)
    if not left or not right:
        return None
    said = SOURCED.fullmatch(left[0].text) if len(left) == 1 and len(right) == 1 else None
    if said is not None and right[0].text.endswith(SOURCE_ENDS):  # A表里的X跟B表里的一样吗: X in B表
        right = [right[0].model_copy(update={"text": f"{right[0].text}里的{said.group(2)}"})]
    return Query(op="agree", subjects=tuple(left), also=tuple(right), rule=RULE)


def _sides(text: str, at: int, said: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the two sides stand. A 和 B 一样吗 joins them at one of its 和/跟/与: the one cut that
    leaves each side a thing or a sum said at its end (人员经费和公用经费加起来跟基本支出: at 跟);
    two such cuts are two readings, and neither is guessed."""
    m = _equals(said)
    if m is not None:
        return (at + m.start(1), at + m.end(1)), (at + m.start(2), at + m.end(2))
    m = BOTH.search(said)
    if m is None:
        return None
    end = at + m.end(2)
    cuts = [j.start() for j in JOIN.finditer(text, at, end)
            if not any(x <= j.start() < y for x, y in PROTECTED.get())]
    fits = [k for k in cuts if _whole(text[at:k]) and _whole(text[k + 1:end])]
    return ((at, fits[0]), (fits[0] + 1, end)) if len(fits) == 1 else None


def _whole(side: str) -> bool:
    """A side says a sum only at its end (公用经费加起来跟基本支出 is no side), and says something."""
    inner = SUMMED_WORD.search(side)
    return len(side) >= 2 and (inner is None or inner.end() == len(side))


def _the_clause(text: str) -> tuple[int, str] | None:
    """The clause that compares; the others may only ask the figures it states (各是多少万元 /
    人员经费多少万元). 职工医疗保险缴费和行政事业单位医疗，金额一样吗: the sides said in the clause before."""
    clauses, at = [], 0
    for piece in CLAUSE.split(text):
        clauses.append((at, piece))
        at += len(piece) + 1
    for n, (a, c) in enumerate(clauses):
        if n and not _compares(c) and ONLY_SAME.fullmatch(c):
            a, c = clauses[n - 1][0], text[clauses[n - 1][0]: a + len(c)]  # the two clauses as one
            clauses[n - 1: n + 1] = [(a, c), (a, c)]
    comparing = list(dict.fromkeys((a, c) for a, c in clauses if _compares(c)))
    others = [c for a, c in clauses if (a, c) not in comparing and c.strip()]
    if len(comparing) != 1 or not all(_restates(c, comparing[0][1]) for c in others):
        return None
    return comparing[0]


def _compares(clause: str) -> bool:
    return bool(BOTH.search(clause) or _equals(clause) or LED_BY_AND.search(clause))


def _equals(said: str) -> re.Match[str] | None:
    found = next((m for m in (p.search(said) for p in EQUALS) if m is not None), None)
    return None if found is None or ASKS_A_FIGURE.search(found.group(2)) else found


ASKED_TAIL = re.compile(r"^(?:那|那么)?(.*?)(?:各自|各|分别)?(?:是|为|有)?(?:多少|几)"
                        r"(?:钱|万元|元|亿元|万)?$")


def _restates(clause: str, comparing: str) -> bool:
    """A clause that asks only a figure the comparison states (各是多少万元 / 人员经费多少万元)."""
    m = ASKED_TAIL.match(clause.strip())
    said = OTHER_ASK.sub("", m.group(1)) if m else clause
    return _only_asking(OTHER_ASK.sub("", clause)) or not said or said in comparing


def _side(text: str, start: int, end: int) -> list[Subject] | None:
    """One thing, or the things a sum adds (B加C / B、C三项加起来), never split inside a name."""
    said = (ORIGINAL.get() or text)[start:end]
    if said == IT or FIGURE.fullmatch(said):  # 它 (the figure just stated) / 46.8万 (a figure said)
        return [Subject(text=said, span=(start, end))]
    summed = SUMMED.search(said)
    body_end = end - (len(said) - summed.start()) if summed else end
    cuts = [m for m in PLUS.finditer(text, start, body_end)
            if not any(a <= m.start() < b for a, b in PROTECTED.get())]
    if not summed and not any(m.group() in ("加上", "加", "+", "＋") for m in cuts):
        one = _subject(text, start, end)
        return [one] if one is not None else None
    pieces, at = [], start
    for m in cuts:
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, body_end))
    subjects = [_subject(text, a, b) for a, b in pieces]
    return None if any(s is None for s in subjects) else [s for s in subjects if s is not None]
