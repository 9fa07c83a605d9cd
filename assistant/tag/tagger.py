"""One lattice of tagged spans over the normalised question text.

Sources, all reporting the characters they cover:
- entities the catalogue matcher found (the matcher gives each match its span);
- lexicon words (knowledge/lexicon/*.toml), longest match first, so 增加 is one change word and
  never contains the sum word 加;
- figures, codes and years the user typed (digits, with a decimal part).

Spans may overlap: coverage (assistant/query/cover.py) asks only whether each content character
is covered by something understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from assistant.models import Match
from assistant.tag.lexicon import Lexicon, load_lexicon

NUMBER = re.compile(r"\d+(?:\.\d+)?")
LATIN_CODE = re.compile(r"[a-z]\d[\da-z]*|\d+[a-z][\da-z]*", re.IGNORECASE)


class Tag(BaseModel):
    """One understood span: `kind` is entity, number, or a lexicon category."""

    model_config = ConfigDict(frozen=True)

    kind: str
    value: str
    start: int
    end: int
    text: str


def _lexicon_tags(text: str, lex: Lexicon) -> list[Tag]:
    """Greedy longest match, left to right: a shorter word inside a longer one is not a word."""
    low, out, i = text.lower(), [], 0
    while i < len(low):
        for n in range(min(lex.longest, len(low) - i), 0, -1):
            hit = lex.words.get(low[i: i + n])
            if hit is not None:
                out.append(Tag(kind=hit[0], value=hit[1], start=i, end=i + n, text=text[i: i + n]))
                i += n
                break
        else:
            i += 1
    return out


def _entity_tags(text: str, matches: Iterable[Match], lex: Lexicon) -> list[Tag]:
    out = []
    for m in matches:
        if m.span is None:
            continue
        start, end = max(0, m.span[0]), min(len(text), m.span[1])
        # a name as printed, or as long as the name (住房工积金: a slip of one character for another),
        # or one slip in a name said a character short (大数剧中心运维费) — never a word of the
        # lexicon the name does not have (小微企业 said, 支持中小企业发展 found): that is another thing
        own = set(m.name) | set(m.alias)
        slips = sum(ch not in own for ch in text[start:end])
        near = min(abs(end - start - len(m.name)), abs(end - start - len(m.alias)))
        foreign = m.score < EXACT and any(
            t.kind == "measure" and t.value not in GENERIC and len(t.text) >= 2 and t.text not in m.name
            and t.text not in m.alias for t in _lexicon_tags(text[start:end], lex))
        if m.score >= EXACT or (not foreign and (near == 0 or (near == 1 and slips <= 1))):
            if end > start:
                out.append(Tag(kind="entity", value=m.entity_id, start=start, end=end, text=text[start:end]))
            continue
        # else a name found by likeness consumes only the characters it has: 外 of 外贸企业扶持资金 is
        # not in 商贸流通企业扶持资金, so it is left for the gate to name (a different thing was asked)
        i = start
        while i < end:
            j = i
            while j < end and text[j] in own:
                j += 1
            if j > i:
                out.append(Tag(kind="entity", value=m.entity_id, start=i, end=j, text=text[i:j]))
            i = j + 1
    return out


EXACT = 100.0  # the matcher's score for a name found as printed
GENERIC = frozenset({"amount", "money"})  # 经费, 支出, 钱: said of anything, they tell no thing apart


def _figure_tags(text: str) -> list[Tag]:
    out = [Tag(kind="code", value=m.group(), start=m.start(), end=m.end(), text=m.group())
           for m in LATIN_CODE.finditer(text)]
    out += [Tag(kind="number", value=m.group(), start=m.start(), end=m.end(), text=m.group())
            for m in NUMBER.finditer(text)]
    return out


def _term_tags(text: str, terms: Iterable[str]) -> list[Tag]:
    """Names the document itself prints (row labels, people, indicators …) found verbatim."""
    low, out = text.lower(), []
    for term in terms:
        pos = low.find(term)
        while pos >= 0:
            end = pos + len(term)
            out.append(Tag(kind="term", value=term, start=pos, end=end, text=text[pos:end]))
            pos = low.find(term, pos + 1)
    return out


def tag(text: str, matches: Iterable[Match], lex: Lexicon, terms: Iterable[str] = ()) -> tuple[Tag, ...]:
    tags = _entity_tags(text, matches, lex) + _term_tags(text, terms)
    # Lexicon words are looked for only outside entity names, so that 运行 inside 行政运行 is
    # part of the name, not a second word (figures stay visible: 近3年 is one word).
    covered = bytearray(len(text))
    for t in tags:
        covered[t.start: t.end] = b"\x01" * (t.end - t.start)
    rest = "".join(ch if not covered[i] else "\x00" for i, ch in enumerate(text))
    # a word that begins with a digit never begins inside a number (3年 of 2023年 is a year)
    words = [t for t in _lexicon_tags(rest, lex)
             if not (t.start and text[t.start].isdigit() and text[t.start - 1].isdigit())]
    tags += words + _figure_tags(text)
    return tuple(sorted(tags, key=lambda t: (t.start, -t.end)))


def without_stray_codes(tags: tuple[Tag, ...], codes: Iterable[str]) -> tuple[Tag, ...]:
    """m2 (㎡ once normalised) looks like a code but is no line's code (the question's `codes` are
    those the catalogue holds): it fills no slot, and nothing inside it does either."""
    known = set(codes)
    stray = [t for t in tags if t.kind == "code" and t.text not in known]
    return tuple(t for t in tags if not any(c.start <= t.start and t.end <= c.end for c in stray))


THINGS = frozenset({"vehicle"})  # lexicon measures that name a thing held, never a column of a line


def names_a_thing(text: str, before: str) -> bool:
    """政府采购预算 → 那车呢: the words name a thing of their own (车 is no part of a purchase budget)
    that the question before did not say; glued to it, the old figure would be stated again."""
    return any(t.kind == "measure" and t.value in THINGS and t.text not in before
               for t in tag(text, (), load_lexicon()))


def said_as(text: str, category: str, value: str) -> tuple[Tag, ...]:
    """The lexicon words of one meaning the text says, read alone (招商服务中心政府性基金项目支出:
    measure.fund → 政府性基金)."""
    return tuple(t for t in tag(text, (), load_lexicon()) if t.kind == category and t.value == value)
