"""Which 支出明细 line(s) of one 预算15表 form a question names, and the parts of a line's figure.

Inside one project the lines are few, so a short piece of a line's name is enough to tell it
('先投后股' of '江汉区科技成果转化“先投后股”项目支持资金', '服务费' of '…运营服务项目服务费').
A line often repeats its project's name; only the rest of its name (its `own` part) tells it
from its siblings, and the project's name in the question says nothing about which line.

`parts_of` reads a line's 测算依据 for the money figures that make up its amount: every figure
that is neither a rate (10万元/家) nor a contract sum (合同金额 …), when exactly one choice of
them adds up to the amount; otherwise none (a guess would state wrong parts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import combinations, pairwise
from typing import Any

from assistant.pipeline.base import Row
from assistant.pipeline.intents.forms_basis import Span, spans
from assistant.pipeline.intents.forms_common import contains_any, norm

# Words that every kind of line may carry: a run made only of them names no line.
GENERIC = ("项目", "经费", "费用", "资金", "支出", "相关", "费")
PROJECT_RUN_MIN = 3  # a run of the project's own name this long in the question names the project
OWN_RUN_MIN = 4  # a piece of a line's own name this long names it …
OWN_SHARE = 0.6  # … and so does a shorter piece that is most of its own name (服务费 of 服务费)
PIECE_MIN = 2  # … but never fewer characters than this that are not generic words
# words that ask a line's own amount, whatever its 测算依据 says
AMOUNT_WORDS = ("预算", "预算数", "预算额", "金额", "数额", "额度", "拨款", "款项", "投资", "投入")
SHARED_MAX = 4  # a piece shared by more lines than this names none of them
PARTICLES = "的里中和与及是在了之"  # one character that joins words, never a piece of one (服务费的预算)
CONTRACT_BEFORE = ("合同", "中标", "成交", "签约")
PARTS_MAX = 14  # figures read from one 测算依据 (2^14 subsets at most)
CENT = Decimal("0.005")
LABEL_MAX = 40
LABEL_MIN = 4  # a label shorter than this (共计, 其中) does not say what the part is
AGGREGATE = re.compile(r"共计|合计|总计|预计|其中|约|共|计|为")
FIGURE_END = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万元|亿元|万|元|家|个|户|项|场|次|人|%)?(?:\s*[/／每]\s*[家个户项人年])?")
SENTENCE = re.compile(r"[。；;\n]|(?<![\d])\d[)）、]")
NUMBERING = re.compile(r"^(?:\d+\s*[)）、.．]|[（(]\d+[)）])\s*")


def own_name(content: str, project: str) -> str:
    """A line's name without the run it shares with its project's name ('…服务项目事中绩效评价费'
    -> '事中绩效评价费'); the whole name when the shared run is short."""
    text, name = norm(content), norm(project)
    m = SequenceMatcher(None, text, name, autojunk=False).find_longest_match(0, len(text), 0, len(name))
    if m.size >= OWN_RUN_MIN and len(text) - m.size >= PIECE_MIN:
        return text[: m.a] + text[m.a + m.size :]
    return text


def blank_project(text: str, project: str, mentions: Sequence[str] = ()) -> str:
    """The question without its mention of the project ('|' in its place): the words the user
    used for it and every run of PROJECT_RUN_MIN characters of its printed name."""
    out, name = norm(text), norm(project)
    for word in sorted({norm(w) for w in mentions if w}, key=len, reverse=True):
        if len(word) >= PROJECT_RUN_MIN:
            out = out.replace(word, "|")
    return _take_out(out, name, PROJECT_RUN_MIN)


def _meaningful(run: str) -> int:
    """Characters of a run that are not generic words."""
    for word in sorted(GENERIC, key=len, reverse=True):
        run = run.replace(word, "")
    return len(run)


def _run(asked: str, row: Row, project: str) -> int:
    """Length of the longest run of `asked` in the line's own name (0 when it is generic)."""
    own = own_name(row["content"], project)
    if not own:
        return 0
    m = SequenceMatcher(None, asked, own, autojunk=False).find_longest_match(0, len(asked), 0, len(own))
    run = asked[m.a : m.a + m.size]
    return 0 if "|" in run or _meaningful(run) < PIECE_MIN else m.size


def fit(asked: str, row: Row, project: str) -> int:
    """Length of the longest run of `asked` found in the line's own name, 0 unless it names it."""
    size = _run(asked, row, project)
    own = own_name(row["content"], project)
    return size if size >= OWN_RUN_MIN or (size and size >= OWN_SHARE * len(own)) else 0


def named_lines(asked: str, rows: Sequence[Row], project: str) -> list[Row]:
    """The line(s) the question names, best first: one when one fits best, several when they
    fit equally (the caller asks which), [] when none is named. Lines that are named are ranked
    by how much of the question's words their name holds ('瞪羚企业奖励': 瞪羚企业 + 奖励 of
    瞪羚企业认定奖励 beats 企业奖励 of …工业企业奖励). A shorter piece shared by a few lines
    ('孵化器' of the 认定 and the 建设 line) names them all, so the caller asks which."""
    scored = [(_covered(asked, own_name(r["content"], project)) if fit(asked, r, project) else 0, r)
              for r in rows]
    scored = [p for p in scored if p[0] > 0]
    if not scored:
        pieces = [(_run(asked, r, project), r) for r in rows]
        pieces = [p for p in pieces if p[0] >= PROJECT_RUN_MIN]
        top = max((n for n, _ in pieces), default=0)
        shared = [r for n, r in pieces if n == top]
        return shared if 1 < len(shared) <= SHARED_MAX else []
    top = max(s for s, _ in scored)
    return [r for s, r in scored if s == top]


def unnamed_rest(asked: str, row: Row, project: str) -> str:
    """What is left of the question once every piece of the line's name is taken out."""
    return _take_out(asked, norm(row["content"]), PIECE_MIN)


def _take_out(text: str, name: str, least: int) -> str:
    """`text` with every run it shares with `name` (longest first, `least` characters or more)
    replaced by '|'."""
    while True:
        m = SequenceMatcher(None, text, name, autojunk=False).find_longest_match(0, len(text), 0, len(name))
        if m.size < least:
            return text
        text = text[: m.a] + "|" + text[m.a + m.size :]


def unread(text: str) -> str:
    """The content of `text` no lexicon word reads, runs joined by '|'."""
    from assistant.query.cover import leftovers
    from assistant.tag import load_lexicon, tag

    return "|".join(leftovers(text, tag(text, (), load_lexicon())))


def words_beside(question: str, line: Row, project: str) -> str:
    """What the question says besides the project's and the line's names and its question
    words ('…电子政务网络相关费用的事中绩效评价费是多少' -> '事中绩效评价费'), runs joined by
    '|'. Measure words stay: they are words of the figure named ('网站监测费用预算')."""
    from assistant.tag import load_lexicon, tag

    text = unnamed_rest(blank_project(question, project), line, project)
    asking = [t for t in tag(text, (), load_lexicon()) if t.kind not in ("measure", "unknown")]
    keep = bytearray(b"\x01" * len(text))
    for t in (t for t in asking if t.end - t.start > 1):
        keep[t.start: t.end] = b"\x00" * (t.end - t.start)
    for t in (t for t in asking if t.end - t.start == 1):
        # 专家咨询审查费: one character inside a run of words (家, 查) is a piece of them, not a word
        inside = t.start > 0 and t.end < len(text) and keep[t.start - 1] and keep[t.end]
        if not inside or t.text in PARTICLES:
            keep[t.start: t.end] = b"\x00"
    runs = "".join(ch if keep[i] else "|" for i, ch in enumerate(text)).split("|")
    # a piece written with characters of the project's name in order (运维 of 运行维护) names it
    return "|".join(r for r in runs if len(r) >= PIECE_MIN and not _in_order(r, norm(project)))


def _in_order(piece: str, name: str) -> bool:
    it = iter(name)
    return all(ch in it for ch in piece)


def read_as(answer: Any, asked: str, line: Row, project: str) -> Any:
    """An answer about a line the question named by pieces of its name says how it read them
    ('按“瞪羚企业奖励”理解为江汉区瞪羚企业认定奖励'): the reading is shown, not hidden."""
    own = own_name(line["content"], project)
    blocks = [b for b in SequenceMatcher(None, asked, own, autojunk=False).get_matching_blocks()
              if b.size >= PIECE_MIN]
    if answer.status != "answered" or not blocks:
        return answer
    if any(b.a != a.a + a.size for a, b in pairwise(blocks)):
        return answer  # other words stand between the pieces: only the pieces are explained
    words = asked[blocks[0].a: blocks[-1].a + blocks[-1].size]
    if not words or words in norm(line["content"]):
        return answer  # the name was given whole (or as one piece of it): nothing to explain
    return answer.model_copy(update={"text": f"按“{words}”理解为“{line['content']}”。{answer.text}"})


def _money(s: Span) -> bool:
    return s.unit in ("万元", "亿元", "元") and s.upper is None


def _is_rate_or_contract(s: Span) -> bool:
    return "/" in s.unit or contains_any(s.before, CONTRACT_BEFORE) or contains_any(
        s.before[-4:], ("每", "单个", "分别", "单价", "最高"))


def parts_of(row: Row) -> list[Span]:
    """The figures of the line's 测算依据 that make up its amount (see the module text)."""
    amount = row.get("amount")
    basis = row.get("basis") or ""
    if amount is None or not basis:
        return []
    found = [s for s in spans(basis) if _money(s) and s.unit == "万元" and not _is_rate_or_contract(s)]
    if len(found) < 2 or len(found) > PARTS_MAX:
        return []
    target = Decimal(str(amount))
    if abs(sum((s.value for s in found), Decimal(0)) - target) <= CENT:
        return found
    fits = [
        combo
        for size in range(2, len(found))
        for combo in combinations(found, size)
        if abs(sum((s.value for s in combo), Decimal(0)) - target) <= CENT
    ]
    # one choice of figures, or several that state the same figures: otherwise unknowable
    if fits and len({tuple(s.value for s in c) for c in fits}) == 1:
        return list(fits[0])
    return []


def _common(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _covered(piece: str, text: str) -> int:
    """Characters of `piece` found in `text` in runs of PIECE_MIN or more ('经财政评审' in
    '经区财政局预算评审': 财政 + 评审 = 4)."""
    blocks = SequenceMatcher(None, piece, text, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= PIECE_MIN)


def part_label(basis: str, span: Span) -> str:
    """What a part is, in the 测算依据's own words: the text after the previous figure, from the
    start of its sentence, without list numbering ('1)', '2、') and at most LABEL_MAX characters.
    When that says nothing ('共计' after '不少于4场'), the text after the previous money figure."""
    earlier = [s for s in spans(basis) if s.start < span.start]
    label = _label_after(basis, earlier[-1] if earlier else None, span)
    if len(AGGREGATE.sub("", label)) < LABEL_MIN:
        money = [s for s in earlier if _money(s)]
        label = _label_after(basis, money[-1] if money else None, span) or label
    return label[-LABEL_MAX:]


def _label_after(basis: str, prev: Span | None, span: Span) -> str:
    start = 0
    if prev is not None:
        m = FIGURE_END.match(basis, prev.start)
        start = m.end() if m else prev.start
    text = SENTENCE.split(basis[start: span.start])[-1]
    text = NUMBERING.sub("", text.strip(" ,，、:：;；"))
    return text.strip(" ,，、:：;；")


def column_spans(words: str, row: Row) -> list[Span]:
    """The money figures of the line's 测算依据 that the question's own words describe
    ('财政预算评审金额' -> '经区财政局预算评审，该项预算为 1667.12 万元'): each figure whose words
    before it share the most with the question's leftover words — and only when every leftover
    piece is mostly found there (a piece found nowhere is a word not understood)."""
    basis = row.get("basis") or ""
    pieces = [p for p in words.split("|") if len(p) >= PIECE_MIN]
    if not basis or all(_meaningful(p) < PIECE_MIN or p in AMOUNT_WORDS for p in pieces):
        return []  # '…服务费的预算是多少' asks the line's amount, not a 预算 its text states
    scored: list[tuple[int, Span]] = []
    for s in spans(basis):
        if not _money(s):
            continue
        before = norm(s.before)
        shares = [_covered(p, before) for p in pieces]
        if all(n >= PIECE_MIN and 2 * n > len(p) for n, p in zip(shares, pieces, strict=True)):
            scored.append((sum(shares), s))
    if not scored:
        return []
    top = max(n for n, _ in scored)
    return [s for n, s in scored if n == top]


__all__ = [
    "blank_project",
    "column_spans",
    "fit",
    "named_lines",
    "own_name",
    "part_label",
    "parts_of",
    "unnamed_rest",
    "unread",
    "words_beside",
]
