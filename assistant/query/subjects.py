"""The subjects of a composed question: the words between its operation words, read back from the
question as typed (names the catalogue found are masked while rules split the text, and are never
split themselves)."""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from assistant.query.cover import leftovers
from assistant.query.model import Subject
from assistant.tag import load_lexicon, tag


@lru_cache(maxsize=512)
def _alt(words: tuple[str, ...]) -> str:
    # the lexicon's word groups, asked for on every question: escaped and joined once
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


CLAUSE_END = re.compile(r"[?？!！。;；]")
# 服务类多少？比货物类多多少: the first question only asked the thing's figure, said before the second
ASKED_FIRST = re.compile(r"(?:是|有)?多少(?:钱|万元|元)?[?？]+$")


def _joined(text: str, m: re.Match[str], groups: tuple[int, ...]) -> Subject | None:
    """One subject said in pieces around other words (特定目标类项目支出|今年比2025年|增长)."""
    original = ORIGINAL.get() or text
    piece = "".join(original[m.start(g): m.end(g)] for g in groups if m.group(g))
    piece = ASKED_FIRST.sub("", YEAR.sub("", piece)).strip(" ,，、的\"“”‘’'「」")
    if len(piece) < 2 or _only_asking(piece) or _asks_why(piece) or CLAUSE_END.search(piece):
        return None  # (总预算多还是少？差多少: a thing is never said across two questions)
    first = next(g for g in groups if m.group(g)) if any(m.group(g) for g in groups) else groups[0]
    return Subject(text=piece, span=(m.start(first), m.start(first) + len(piece)))


def _only_asking(piece: str) -> bool:
    """多少 / 比例 / 是: words that ask, never a subject."""
    if MASK in piece:
        return False  # a name the catalogue found (masked while the rules split) is a subject
    tags = tag(piece, (), load_lexicon())
    return not leftovers(piece, tags) and all(t.kind in ("function", "operation") for t in tags)


def _asks_why(piece: str) -> bool:
    """财政拨款收入为什么少了: a piece that asks why is a question, never a thing with a figure."""
    return any(t.kind == "operation" and t.value == "explain" for t in tag(piece, (), load_lexicon()))


YEAR = re.compile(r"(?:19|20)\d{2}年度?")


PROTECTED: ContextVar[tuple[tuple[int, int], ...]] = ContextVar("PROTECTED", default=())


def _cuts_a_name(start: int, end: int) -> bool:
    """A split inside a name the catalogue found (大数据中心 split at 中) is no reading."""
    return any(a < cut < b for a, b in PROTECTED.get() for cut in (start, end))


ORIGINAL: ContextVar[str | None] = ContextVar("ORIGINAL", default=None)
MASK = "\ue000"  # stands for each character of a name while the rules split the question


def _subject(text: str, start: int, end: int) -> Subject | None:
    if _cuts_a_name(start, end):
        return None
    text = ORIGINAL.get() or text  # rules see names masked; subjects are read from the question
    piece = YEAR.sub("", text[start:end])
    piece = re.sub(r"(?:里面|里头|里|之中|当中|中|各自|各|分别)$", "", piece.strip(" ,，、的\"“”‘’'「」"))
    if len(piece) < 2 or _only_asking(piece) or _asks_why(piece):
        return None
    offset = max(text.find(piece, start), start)
    return Subject(text=piece, span=(offset, offset + len(piece)))



IT = "它"
DEICTIC = ("这个项目", "该项目", "此项目", "这个", "该项", "这项", "它")
SCOPE = re.compile(r"^(.+?)(?:里面|里头|里|中|之中|当中)[,，](.+)$")


def _split_free(part: Subject) -> list[str]:
    """A和B: split at the joining words that are not inside a name the catalogue found
    (其他社会保障和就业支出 is one line)."""
    pieces, start = [], 0
    for m in re.finditer(r"和|、|与|及", part.text):
        if _cuts_a_name(part.span[0] + m.start(), part.span[0] + m.start()) or any(
                a <= part.span[0] + m.start() < b for a, b in PROTECTED.get()):
            continue
        pieces.append(part.text[start:m.start()])
        start = m.end()
    return [*pieces, part.text[start:]]


OWN_UNIT = "本级"  # the department's own unit, beside the units below it


def adjacent_names(piece: str, at: int) -> list[str]:
    """水费电费加一起: names said one after another with no joining word, when nothing else is said
    between or around them, are two things (`at`: where the piece stands in the question)."""
    inside = sorted((a, b) for a, b in PROTECTED.get() if at <= a and b <= at + len(piece))
    if len(inside) < 2 or inside[0][0] != at or inside[-1][1] != at + len(piece) \
            or any(inside[i][1] != inside[i + 1][0] for i in range(len(inside) - 1)):
        return [piece]
    said = ORIGINAL.get() or piece  # the rules see names masked
    lex = load_lexicon()
    from assistant.pipeline.entries import UNIT_KIND_WORDS

    # 中心公用经费: a unit and its column are one thing asked, not two
    if any(lex.category(said[a:b]) == "measure" or said[a:b].endswith((*UNIT_KIND_WORDS, OWN_UNIT))
           for a, b in inside):  # …and 商务局本级政府采购 is that unit's purchases
        return [piece]
    return [piece[a - at: b - at] for a, b in inside]


def _subjects_in_order(text: str, pieces: list[str]) -> list[Subject] | None:
    """The pieces of a list said in the question (A、B和C), each read as a subject where it stands
    (searched left to right, so a piece said twice is read at each place); None if one is no subject."""
    subjects: list[Subject] = []
    pos = 0
    for p in pieces:
        start = text.find(p, pos)
        s = _subject(text, start, start + len(p))
        if s is None:
            return None
        subjects.append(s)
        pos = start + len(p)
    return subjects


def tail_shared(subjects: tuple[Subject, ...]) -> tuple[Subject, ...]:
    """本级和招商服务中心的项目支出: what follows the last thing's 的 is said of each thing joined
    before it (本级的项目支出), unless one of them already says its own (的) or is itself such a
    word (人员经费和中心的公用经费 names two different columns)."""
    last = subjects[-1] if len(subjects) >= 2 else None
    at = last.text.rfind("的") if last is not None else -1
    if last is None or at <= 0 or at == len(last.text) - 1:
        return subjects
    if any(a <= last.span[0] + at < b for a, b in PROTECTED.get()):
        return subjects  # the 的 of a name (对个人和家庭的补助)
    lex = load_lexicon()
    if any("的" in s.text or lex.category(s.text) == "measure" for s in subjects[:-1]):
        return subjects
    tail = last.text[at:]
    return (*(s.model_copy(update={"text": s.text + tail}) for s in subjects[:-1]), last)


# 换成万元 / 用元表示 said after what is asked: the unit is the question's (its unit_request), and the
# figure asked is read as 多少万元 is
CONVERT_TAIL = re.compile(r"[,，]?(?:换成|换算成|折成|折合成?|折算成|转成|转换成|用|按|以|说成|报成)"
                          r"(万元|元|亿元)(?:来表示|表示|来说|说|计|为单位)?(?:是多少|是|呢)?$")


def asked_in_unit(text: str) -> str:
    return CONVERT_TAIL.sub(r"多少\1", text)
