"""Composition rules: tag sequences of a question -> typed `Query` candidates.

Each rule is one small function over the normalised text and its tags, tried in `RULES` order
(sqlglot's optimizer style). Operation words come from the lexicon (knowledge/lexicon/
operation.toml); a rule only says how they combine with the subjects around them. A rule that
does not fit returns None; the first complete reading wins, and coverage checks it used the
whole question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar

from assistant.query.cover import leftovers
from assistant.query.each import each
from assistant.query.fields import fields
from assistant.query.model import Query, Subject
from assistant.query.split import split_rule
from assistant.query.threshold import threshold
from assistant.tag import Lexicon, load_lexicon, tag

QUESTION_TAIL = r"(?:是|为|有|占|等于)?(?:多少|几|百分之几|百分之多少|几成|多大|多少钱)?(?:呢|啊|吗)?$"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _joined(text: str, m: re.Match[str], groups: tuple[int, ...]) -> Subject | None:
    """One subject said in pieces around other words (特定目标类项目支出|今年比2025年|增长)."""
    original = ORIGINAL.get() or text
    piece = "".join(original[m.start(g): m.end(g)] for g in groups if m.group(g))
    piece = YEAR.sub("", piece).strip(" ,，、的\"“”‘’'「」")
    if len(piece) < 2 or _only_asking(piece) or _asks_why(piece):
        return None
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


def _ratio(text: str, lex: Lexicon) -> Query | None:
    """A 是 B 的几倍."""
    m = re.search(rf"^(.+?)(?:是|为|相当于)(.+?)的(?:{_alt(lex.of('operation', 'ratio'))})(?:多|呢)?$", text)
    if not m:
        return None
    a, b = _subject(text, *m.span(1)), _subject(text, *m.span(2))
    return Query(op="ratio", subjects=(a, b), rule="A是B的几倍") if a and b else None


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


def _share(text: str, lex: Lexicon) -> Query | None:
    """A 占 B 的比例 | A 在 B 中(的)占比 | B 里(面) A 占多少 | B 中 A 的比重 — and, with a scope said
    first (X 里，A 占这个项目的比例), the deictic whole is the scope."""
    share = _alt(lex.of("operation", "share"))
    inside = r"(?:里(?:面(?!向)|头)?|之中|当中|中)"  # 里面向小微企业: 面向 is the column's word
    asks = r"(?:多少|几|百分之几|百分之多少|几成|多大)"
    tail = rf"(?:是|为|有|等于)?(?:多少|几|多大)?的?(?:{share})?(?:是|为)?{asks}?(?:呢|啊|吗)?$"
    forms = (
        (rf"^(.+?)占(.+?){tail}", "A占B的比例", False),
        (rf"^(.+?)在(.+?){inside}的?(?:各|分别)?(?:占多少|占)?{asks}?的?(?:{share}){tail}", "A在B中的比重",
         False),
        (rf"^(.+?){inside}[,，]?(.+?)(?:所占|占){tail}", "B里A占多少", True),
        (rf"^(.+?){inside}[,，]?(.+?)的(?:{share}){tail}", "B中A的占比", True),
    )
    for pattern, rule, whole_first in forms:
        m = re.search(pattern, text)
        if not m or (whole_first and _inside_a_word(ORIGINAL.get() or text, m.end(1))):
            continue  # 面向中小企业的占比: 中 inside a word is no "B 中 A"
        first, second = _subject(text, *m.span(1)), _subject(text, *m.span(2))
        if first is None and not whole_first and m.group(1).strip("的") in DEICTIC:
            # 它占项目支出多少: the part is the thing just asked about (plan/whole.py)
            first = Subject(text=m.group(1).strip("的"), span=m.span(1))
        if second is None and not whole_first and m.group(2).strip("的") in DEICTIC:
            second = Subject(text=m.group(2).strip("的"), span=m.span(2))  # 占它的比例
        if first is None or second is None:
            continue
        part, whole = (second, first) if whole_first else (first, second)
        scoped = SCOPE.match(part.text)
        if scoped and whole.text in DEICTIC:
            start = part.span[0]
            whole = Subject(text=scoped.group(1), span=(start, start + len(scoped.group(1))))
            part = Subject(text=scoped.group(2), span=(start + scoped.start(2), start + scoped.end(2)))
        if whole.text in DEICTIC:
            # 行政运行里人员经费占它多少 / 行政运行的人员经费占它的比例: 它 is the line named first
            inner = SCOPE.match(part.text) or re.match(r"^(.+?)的(.+)$", part.text)
            if inner is None or _subject(text, part.span[0], part.span[0] + inner.end(1)) is None:
                continue
            whole = Subject(text=inner.group(1), span=(part.span[0], part.span[0] + inner.end(1)))
            part = Subject(text=inner.group(1) + inner.group(2), span=part.span)
        several = [re.sub(r"(?:各自|各|分别)$", "", p) for p in _split_free(part) if p]
        if len(several) > 1:  # A和B各占C的比例: a share for each
            parts = tuple(Subject(text=p, span=part.span) for p in several)
            return Query(op="shares", subjects=(*parts, whole), rule=rule)
        return Query(op="share", subjects=(part, whole), rule=rule)
    return _share_of_unsaid(text, lex)


def _share_of_unsaid(text: str, lex: Lexicon) -> Query | None:
    """A 占多少 / A 的占比 / A 占多大比例: a share whose whole is not said — plan/whole.py decides
    it (the line A belongs to, the thing just asked about, or the whole budget)."""
    share = _alt(lex.of("operation", "share"))
    bare = re.search(r"^(?:那|那么)?(?:它|其)?(?:所占|占了?)(.+?)的?(?:比例|比重|占比|份额|百分比)", text)
    if bare and text.startswith(bare.group(0)) and _only_asking(text[bare.end():] or "多少"):
        # 占总预算的比例(呢): the part is the thing just asked about (plan/whole.py)
        whole = _subject(text, *bare.span(1))
        return Query(op="share", subjects=(Subject(text="它", span=(0, 0)), whole),
                     rule="（上文）占B的比例") if whole else None
    said = ORIGINAL.get() or text  # names are masked in `text`: 项目支出占比 is no bare 占比
    if _only_asking(said) and re.search(rf"占|{share}", said):
        # 占比多少 after 项目支出呢: the part is the thing just asked about, the whole unsaid
        return Query(op="share", subjects=(Subject(text="它", span=(0, 0)),), rule="（上文）占比多少")
    for cut in re.finditer(r"所占的?|占了?|的", text):  # the first cut after which only asking is left
        asked = text[cut.end():]
        if cut.start() == 0 or "钱" in asked or not re.search(rf"占|{share}", text[cut.start():]):
            continue
        if re.search(r"(?:和|与|及|、)$", text[: cut.start()]) or re.search(r"各|分别", asked):
            return None  # 金额和占比各是多少: two things asked of one line, not a share of it
        if not asked or _asks_share_only(text[cut.start():]):
            return _unsaid_whole(text, cut.start())
    return None


def _inside_a_word(text: str, at: int) -> bool:
    return any(t.start < at < t.end for t in tag(text, (), load_lexicon()))


def _asks_share_only(asked: str) -> bool:
    """多少比例 / 占比是多少: only a share is asked after the part (人均多少 asks something else)."""
    tags = tag(asked, (), load_lexicon())
    return _only_asking(asked) and all(
        t.kind == "function" or (t.kind == "operation" and t.value == "share") for t in tags)


def _unsaid_whole(text: str, end: int) -> Query | None:
    """The share read from the words before `end`: B里A (the whole said first) or A alone."""
    part = _subject(text, 0, end)
    scoped = re.match(r"^(.+?)(?:里面|里头|里|之中|当中|中)[,，]?(.+)$", text[:end])
    if scoped and _inside_a_word(ORIGINAL.get() or text, scoped.end(1)):
        scoped = None  # 面向中小企业: 中 inside a word of the lexicon is no scope
    if part and scoped and not _cuts_a_name(scoped.end(1), scoped.end(1)):
        # 科学技术支出里基本支出占比: the whole is said first, before 里
        whole, inner = _subject(text, *scoped.span(1)), _subject(text, *scoped.span(2))
        if whole and inner:
            return Query(op="share", subjects=(inner, whole), rule="B里A占多少")
    return Query(op="share", subjects=(part,), rule="A占多少") if part else None


def _except(text: str, lex: Lexicon) -> Query | None:
    """除了 A(以外)，其他/剩下 … (加起来) 多少."""
    pattern = (r"^(?:(.+?)(?:里面|里|中|之中|当中)[,，]?)?(?:除了|除去|去掉|扣除|扣掉|减去|除)(.+?)"
               r"(?:以外|之外|以后|之后|外)?[,，]?(?:其他|其余|剩下|剩余|别的|还剩)")
    # 其他支出 is also a line's name (masked as one): after 除了 A it says "the rest" all the same
    m = re.search(pattern, text) or re.search(pattern, ORIGINAL.get() or text)
    if not m:  # 除了 A(以外)，B 还有/还剩多少: the rest of B
        rest = re.search(r"^(?:除了|除去|除)(.+?)(?:以外|之外|外[,，]|[,，])[,，]?(.+?)(?:还有|还剩|剩下|剩)"
                         r"(?:多少|几)?(?:钱)?$", ORIGINAL.get() or text)
        a = _subject(text, *rest.span(1)) if rest else None
        scope = _subject(text, *rest.span(2)) if rest else None
        return Query(op="except", subjects=(a, scope), rule="除了A，B还有多少") if a and scope else None
    a = _subject(text, *m.span(2))
    scope = _subject(text, *m.span(1)) if m.group(1) else None
    if a is None:
        return None
    pieces = [p for p in _split_free(a) if p]  # 除了A和B: both are left out
    also: tuple[Subject, ...] = ()
    if len(pieces) > 1:
        a = Subject(text=pieces[0], span=(a.span[0], a.span[0] + len(pieces[0])))
        also = tuple(Subject(text=p, span=a.span) for p in pieces[1:])
    return Query(op="except", subjects=(a, scope) if scope else (a,), also=also, rule="（B里）除了A其他合计")


def _diff(text: str, lex: Lexicon) -> Query | None:
    """A 比 B 多/少/高/低 多少 | A 和 B 相差多少."""
    m = re.search(r"^(.+?)比(.+?)(?:多了|少了|多|少|高|低)(?:出)?(?:多少|几)?(?:钱)?$", text)
    if m and not re.search(r"\d{4}年", m.group(2)):
        a, b = _subject(text, *m.span(1)), _subject(text, *m.span(2))
        return Query(op="diff", subjects=(a, b), rule="A比B多多少") if a and b else None
    m = re.search(r"^(.+?)(?:和|与|跟)(.+?)(?:相差|差|差额|差距)(?:是)?(?:多少|几)?$", text)
    if m:
        a, b = _subject(text, *m.span(1)), _subject(text, *m.span(2))
        return Query(op="diff", subjects=(a, b), rule="A和B相差多少") if a and b else None
    return None


def _sum(text: str, lex: Lexicon) -> Query | None:
    """A、B(和|加|与)C … 加起来/一共/合计 多少."""
    total = _alt(lex.of("operation", "sum"))
    # 这几样 / 这三样 / 这3项 / 这些: the things just listed, counted (三样 is 3样 once normalised)
    many = r"这?(?:几|两|\d+)(?:样|项|个|笔|类|种|块)|这些"
    m = re.search(rf"^(.+?)(?:{many})?(?:{total})(?:是|有)?(?:多少|几)?(?:钱)?$", text) \
        or re.search(rf"^(.+?、.+?)(?:{many})(?:\d{{4}}年)?(?:要|能)?(?:花|用)?了?(?:是|有)?多少钱?$", text)
    # A加B(加C)(今年的预算)多少: 加 between the things said is the sum itself
    m = m or re.search(r"^(.+?加上?.+?)(?:\d{4}年|\d年)?的?(?:预算|安排)?(?:是|有|为)?(?:多少|几)?(?:钱)?$",
                       text)
    if not m:  # A、B、C这几样(今年)花多少钱: a list counted by 这几样 is summed too
        return None
    body = m.group(1)
    parts = [p for p in re.split(r"[、,，]|(?:加上|加|和|与|及|以及|跟)", body) if p.strip()]
    if len(parts) < 2:
        return None
    subjects, pos = [], 0
    for p in parts:
        start = text.find(p, pos)
        s = _subject(text, start, start + len(p))
        if s is None:
            return None
        subjects.append(s)
        pos = start + len(p)
    return Query(op="sum", subjects=tuple(subjects), rule="A、B加起来")


CHANGE_TAIL = (r"(?:是)?(?:多少|几|百分之几|百分之多少|几个百分点|多少个百分点)?(?:钱)?"
               r"(?:[?？,，]?(?:增幅|涨幅|降幅|幅度|增长率)(?:是)?(?:多少)?)?$")


def _change(text: str, lex: Lexicon) -> Query | None:
    """A (Y1年)比 Y2年 增长/增加/减少/涨了 多少 — one subject over two years."""
    words = _alt(lex.of("operation", "change") + lex.of("operation", "diff"))
    year = r"(?:(\d{4})年度?)?"
    m = re.search(rf"^(.*?){year}(.*?)比(\d{{4}})年度?的?(.*?)(?:{words})了?{CHANGE_TAIL}", text)
    with_year = rf"^(.*?){year}(.*?)(?:跟|和|与|同)(\d{{4}})年度?的?(?:相)?比(?:较)?[,，]?(.*?)"
    # A 跟 Y 年比有什么变化
    mutual = None if m else re.search(rf"{with_year}(?:{words})了?{CHANGE_TAIL}", text)
    m = m or mutual
    if not m:  # 从 Y1 到 Y2 年 A 增长了多少 / A 从 Y1 年到 Y2 年涨了多少
        m = re.search(rf"^(.*?)从?(\d{{4}})年?度?(?:到|至|—|-|~)(\d{{4}})年度?(?:间|期间)?的?(.*?)"
                      rf"(?:{words})了?{CHANGE_TAIL}", text)
        s = _joined(text, m, (1, 4)) if m else None
        if m is None or s is None or int(m.group(3)) <= int(m.group(2)):
            return None
        return Query(op="change", subjects=(s,), years=(int(m.group(3)), int(m.group(2))),
                     rule="A从Y1到Y2年增长多少")
    s = _joined(text, m, (1, 3, 5))
    if s is None:
        return None
    before = YEAR.findall((ORIGINAL.get() or text)[: m.start(4)])
    later = int(before[-1][:4]) if before else None  # the year said before 比 (else this year)
    years = (later or 0, int(m.group(4)))
    if mutual is not None and later and later < years[1]:
        years = (years[1], later)  # 2025年和2026年相比: a change is measured from the earlier year
    return Query(op="change", subjects=(s,), years=years, rule="A今年比Y年增长多少")


# 近三年 counts this year in (2024—2026); 近两年 is left to the readings of the forms, whose
# 前两年 columns say which two years they mean.
SERIES = {"近三年": 3, "这三年": 3, "近3年": 3, "这3年": 3, "三年": 3, "3年": 3}


def _series(text: str, lex: Lexicon) -> Query | None:
    """A 近三年(的预算)分别是多少 — one subject, one figure a year."""
    spans = "|".join(SERIES)
    first = re.search(rf"^(?:最近|近|这)?({spans})的?(.+?)(?:分别|各)?(?:是|为)?(?:多少|几)?(?:钱)?$", text)
    if first:  # 近三年(的)A分别是多少
        s = _joined(text, first, (2,))
        return Query(op="series", subjects=(s,), years=(-SERIES[first.group(1)],), rule="近N年A分别多少") \
            if s else None
    m = re.search(rf"^(.+?)({spans})(.*?)(?:分别|各)?(?:是|为)?(?:多少|几)?(?:钱)?$", text)
    if not m:
        return None
    tail_words = (ORIGINAL.get() or text)[m.start(3): m.end(3)]
    s = _joined(text, m, (1, 3) if tail_words and not _only_asking(tail_words) else (1,))
    if s is None:
        return None
    return Query(op="series", subjects=(s,), years=(-SERIES[m.group(2)],), rule="A近N年分别多少")


Rule = Callable[[str, Lexicon], Query | None]
RULES: tuple[Rule, ...] = (split_rule, threshold, fields, _except, _change, _series, _ratio, _share, _diff,
                          _sum, each)


def parse(text: str, lex: Lexicon, names: tuple[tuple[int, int], ...] = ()) -> Query | None:
    """The first rule's reading; `names` are the spans of names in the text, never split."""
    clean = text.strip(" ?？。.!！")
    offset = text.find(clean)
    spans = tuple((max(a - offset, 0), min(b - offset, len(clean))) for a, b in names)
    masked = list(clean)
    for a, b in spans:  # a rule never splits inside a name (大数据中心 at 中)
        masked[a:b] = MASK * (b - a)
    token, original = PROTECTED.set(spans), ORIGINAL.set(clean)
    try:
        for rule in RULES:
            query = rule("".join(masked), lex)
            if query is not None:
                return query
        return None
    finally:
        PROTECTED.reset(token)
        ORIGINAL.reset(original)
