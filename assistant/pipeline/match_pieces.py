"""The last resort for a bare generic word (补助, 运行费): the pieces of a question no match covers,
cut at question words and joiners, each read as every money line whose name holds it (without
cutting a bound word of that name, or as its abbreviation)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Match, Question
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.match import EntityIndex


def fragments_of(index: EntityIndex, q: Question, matches: list[Match]) -> dict[str, list[Match]]:
    """Generic words not covered by a match -> entities whose names contain them."""
    from assistant.pipeline.match import _priority as priority

    text = q.text.lower()
    for m in matches:
        if m.span:
            text = text[: m.span[0]] + " " * (m.span[1] - m.span[0]) + text[m.span[1]:]
    out: dict[str, list[Match]] = {}
    for whole in _pieces(text, index._splitter):
        # 养老保险交 / 会议要: a function word at an edge of what is left (交, 要) is none of a
        # name; the piece without it is read when the piece as it is names nothing
        for piece in _edges_off(whole, index._function, index.k.trailing, index.k.said_before):
            if index._asking.get(piece):
                break  # 规模 / 金额: a word that asks (lexicon), never a piece of a line's name
            seen = _containing(index, piece)
            if seen:
                out[piece] = sorted(seen.values(), key=lambda m: (priority(m.kind), len(m.name)))
                break
    return out


def _containing(index: EntityIndex, piece: str) -> dict[str, Match]:
    terms = index.k.expand.get(piece, (piece,))
    seen: dict[str, Match] = {}
    candidates: set[int] = set()
    for t in terms:
        held = [index._money_by_char.get(ch, set()) for ch in set(t)]
        candidates |= set.intersection(*held) if held else set()
    for i in sorted(candidates):  # (in the names' order, as read before)
        e = index._money[i]
        if e.entity_id in seen:
            continue
        if any(_inside(t, e.key, index.k.bound) or abbreviates(t, e.key) for t in terms):
            seen[e.entity_id] = e.to_match(SETTINGS.match_threshold, None)
    return seen


def _inside(term: str, name: str, bound: tuple[str, ...]) -> bool:
    """term is a piece of name that cuts no bound word of it: 电费 is in 邮电费 only as half of 邮电."""
    if term not in name:
        return False
    if not any(w in name for w in bound):
        return True  # (the common case, checked first: this runs for every name and every word)
    cuts = [(m.start(), m.start() + len(w)) for w in bound for m in re.finditer(re.escape(w), name)]
    for hit in re.finditer(f"(?={re.escape(term)})", name):
        start, end = hit.start(), hit.start() + len(term)
        if not any(a < start < b or a < end < b for a, b in cuts):
            return True
    return False


def abbreviates(term: str, name: str) -> bool:
    """科研专项 abbreviates 科学研究专项资金: its characters appear in
    order. Only for terms of four or more characters (shorter ones match too much)."""
    if len(term) < 4 or len(term) >= len(name):
        return False
    it = iter(name)
    return all(ch in it for ch in term)


def splitter(stop: set[str]) -> re.Pattern[str]:
    """Intent/question words and separators that cut what is left of a question into terms."""
    pattern = "|".join(re.escape(w) for w in sorted(stop, key=len, reverse=True) if w)
    # 和/与/及 join two names in what is left of a question (A和B加起来).
    separators = r"[\s\d?!。，,、;；:：()（）\[\]\"'“”和与及跟]+"
    return re.compile(rf"(?:{pattern})|{separators}" if pattern else separators)


def _pieces(text: str, splitter: re.Pattern[str]) -> list[str]:
    return [p for p in splitter.split(text) if len(p) >= 2]


def _edges_off(piece: str, function: tuple[str, ...], trailing: tuple[str, ...],
               leading: tuple[str, ...] = ()) -> list[str]:
    """The piece, then the piece without the function words at its edges (longest first), while
    at least two characters are left. At its end only a word said after names goes (交, 要:
    synonyms.toml [trailing]); at its start a word said before names ([said_before]: 搞) or a function
    word of two characters or more (one of one may begin a word: 会 of 会议, 在 of 在职)."""
    out = [piece]
    while True:
        cut = next((piece[: -len(w)] for w in trailing
                    if piece.endswith(w) and len(piece) - len(w) >= 2), None) or next(
            (piece[len(w):] for w in (*leading, *function)
             if (len(w) >= 2 or w in leading) and piece.startswith(w) and len(piece) - len(w) >= 2), None)
        if cut is None:
            return out
        piece = cut
        out.append(piece)
