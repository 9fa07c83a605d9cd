"""Entity matching: which catalogue entities a question names, with scores.

The index is built once per Assistant from `entity_aliases` (or, while the catalogue is empty,
from the names in the data tables). A question is matched in tiers:

1. codes typed by the user (2060404, 30201, A02020100) against code aliases - exact;
2. aliases found verbatim in the question (longest match wins);
3. the same on pinyin, so homophone typos match (瞪玲 -> 瞪羚, 单项冠君 -> 单项冠军);
4. rapidfuzz partial_ratio on characters and on pinyin for near-misses.

`fragments` is the last resort for a bare generic word (补助, 运行费): every entity whose name
contains it, so the caller can pick the common parent or ask which one is meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from assistant.models import Match, Question
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.knowledge import Knowledge
from assistant.pipeline.normalise import canon
from assistant.settings import SETTINGS

# Kinds that carry an amount, in the order a tie is resolved (the most specific table first).
KIND_PRIORITY = ("function", "economic", "summary", "project", "procurement", "unit",
                 "narrative", "detail", "indicator", "term")
MONEY_KINDS = frozenset(KIND_PRIORITY[:8])
FUZZY_MIN_LEN = 4  # shorter aliases must match exactly: 2-3 characters fuzzily is noise
HOMOPHONE_SCORE = 95.0
PINYIN_WEIGHT = 0.97


@dataclass(frozen=True)
class Entry:
    entity_id: str
    kind: str
    name: str
    code: str | None
    alias: str
    key: str  # canon(alias), lowercased
    sound: str  # one private-use character per syllable of key
    alias_kind: str
    table_id: str
    line_no: int

    def to_match(self, score: float, span: tuple[int, int] | None) -> Match:
        return Match(entity_id=self.entity_id, kind=self.kind, name=self.name, code=self.code,
                     alias=self.alias, score=round(score, 1), span=span)


class _Sounds:
    """Maps each pinyin syllable to one character so rapidfuzz aligns syllable by syllable."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, text: str) -> str:
        out = []
        for syllable in lazy_pinyin(text, errors=lambda chars: list(chars)):
            code = self._codes.get(syllable)
            if code is None:
                code = self._codes.setdefault(syllable, chr(0xE000 + len(self._codes)))
            out.append(code)
        return "".join(out)


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


class EntityIndex:
    def __init__(self, entries: Iterable[Entry], k: Knowledge, sounds: _Sounds) -> None:
        self.k = k
        self.sounds = sounds
        self.entries = [e for e in entries if len(e.key) >= 2]
        self.by_code: dict[str, list[Entry]] = {}
        self.by_entity: dict[str, list[Entry]] = {}
        for e in self.entries:
            if e.code:
                self.by_code.setdefault(e.code.lower(), []).append(e)
            if e.alias_kind == "code":
                self.by_code.setdefault(e.key, []).append(e)
            self.by_entity.setdefault(e.entity_id, []).append(e)
        self.names = [e for e in self.entries if e.alias_kind != "code"]
        self._keys = [e.key for e in self.names]
        self._sounds = [e.sound for e in self.names]
        # Intent words (合计, 总计 …) are never entity mentions on their own.
        self._generic = {w for words in k.words.values() for w in words}

    # ---- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, runner: Runner, k: Knowledge) -> EntityIndex:
        sounds = _Sounds()
        rows = runner.run("entity_aliases")
        if not rows:
            rows = list(_fallback_rows(runner))
        entries = []
        for r in rows:
            alias = str(r["alias"] or "").strip()
            key = canon(alias, k).lower()
            if not key:
                continue
            entries.append(Entry(
                entity_id=r["entity_id"], kind=r["kind"], name=r["canonical_name"],
                code=r.get("code"), alias=alias, key=key, sound=sounds.encode(key),
                alias_kind=r.get("alias_kind") or "name", table_id=r.get("table_id") or "",
                line_no=int(r.get("line_no") or 0),
            ))
        return cls(entries, k, sounds)

    def kinds(self, kind: str) -> list[Entry]:
        seen: dict[str, Entry] = {}
        for e in self.names:
            if e.kind == kind and e.entity_id not in seen:
                seen[e.entity_id] = e
        return list(seen.values())

    def entity(self, entity_id: str) -> Entry | None:
        entries = self.by_entity.get(entity_id)
        if not entries:
            return None
        named = [e for e in entries if e.alias_kind != "code"] or entries
        return min(named, key=lambda e: (e.key != canon(e.name, self.k).lower(), len(e.key)))

    # ---- matching ---------------------------------------------------------------------------
    def match(self, q: Question) -> list[Match]:
        text = q.text.lower()
        floor = SETTINGS.match_threshold - 12
        found: list[tuple[float, Entry, tuple[int, int] | None]] = []
        for code in q.codes:
            start = text.find(code.lower())
            span = (start, start + len(code)) if start >= 0 else None
            for e in self.by_code.get(code.lower(), []):
                found.append((100.0, e, span))
        sound = self.sounds.encode(text)
        for e in self.names:
            if e.key in self._generic:
                continue
            pos = text.find(e.key)
            if pos >= 0:
                found.append((100.0, e, (pos, pos + len(e.key))))
                continue
            pos = sound.find(e.sound)
            if pos >= 0 and len(e.sound) >= 2:
                found.append((HOMOPHONE_SCORE, e, (pos, pos + len(e.sound))))
        found.extend(self._fuzzy(text, sound, floor))
        return self._select(found, floor)

    def _fuzzy(self, text: str, sound: str, floor: float) -> list[tuple[float, Entry, tuple[int, int]]]:
        out = []
        width = len(text)
        for choices, query, weight in ((self._keys, text, 1.0), (self._sounds, sound, PINYIN_WEIGHT)):
            hits = process.extract(query, choices, scorer=fuzz.partial_ratio,
                                   score_cutoff=floor, limit=40)
            for _, _, i in hits:
                e = self.names[i]
                if len(e.key) < FUZZY_MIN_LEN or e.key in self._generic:
                    continue
                target = e.key if weight == 1.0 else e.sound
                al = fuzz.partial_ratio_alignment(target, query)
                if al is None:
                    continue
                score = al.score * weight
                if len(target) > width:  # the question can only hold a fragment of this alias
                    score *= width / len(target)
                if score >= floor:
                    out.append((score, e, (al.dest_start, al.dest_end)))
        return out

    def _select(self, found: list[tuple[float, Entry, tuple[int, int] | None]], floor: float) -> list[Match]:
        best: dict[str, tuple[float, Entry, tuple[int, int] | None]] = {}
        for score, e, span in found:
            old = best.get(e.entity_id)
            if old is None or (score, len(e.key)) > (old[0], len(old[1].key)):
                best[e.entity_id] = (score, e, span)
        ranked = sorted(best.values(), key=lambda t: (-t[0], -len(t[1].key), _priority(t[1].kind)))
        kept: list[tuple[float, Entry, tuple[int, int] | None]] = []
        for score, e, span in ranked:
            if score < floor:
                continue
            if span is not None and any(_shadowed(span, len(e.key), score, k) for k in kept):
                continue
            kept.append((score, e, span))
        kept.sort(key=lambda t: (t[2][0] if t[2] else -1, _priority(t[1].kind)))
        return [e.to_match(score, span) for score, e, span in kept]

    def fragments(self, q: Question, matches: list[Match]) -> dict[str, list[Match]]:
        """Generic words not covered by a match -> entities whose names contain them."""
        text = q.text.lower()
        for m in matches:
            if m.span:
                text = text[: m.span[0]] + " " * (m.span[1] - m.span[0]) + text[m.span[1]:]
        out: dict[str, list[Match]] = {}
        for piece in _pieces(text, self._generic | set(self.k.words.get("stop", ()))):
            terms = self.k.expand.get(piece, (piece,))
            seen: dict[str, Match] = {}
            for e in self.names:
                if e.kind not in MONEY_KINDS or e.entity_id in seen:
                    continue
                if any(t in e.key for t in terms):
                    seen[e.entity_id] = e.to_match(SETTINGS.match_threshold, None)
            if seen:
                out[piece] = sorted(seen.values(), key=lambda m: (_priority(m.kind), len(m.name)))
        return out


def _shadowed(span: tuple[int, int], length: int, score: float,
              kept: tuple[float, Entry, tuple[int, int] | None]) -> bool:
    """A match inside a longer kept match is part of that name (养老保险缴费 in …缴费支出)."""
    k_score, k_entry, k_span = kept
    if k_span is None:
        return False
    inside = k_span[0] <= span[0] and span[1] <= k_span[1]
    if not inside:
        overlap = min(span[1], k_span[1]) - max(span[0], k_span[0])
        # A weaker overlapping match competes for the same words: drop it.
        return overlap > 0 and score < k_score
    return len(k_entry.key) > length or score < k_score


def _pieces(text: str, stop: set[str]) -> list[str]:
    """Split what is left of the question on intent/question words into candidate terms."""
    pattern = "|".join(re.escape(w) for w in sorted(stop, key=len, reverse=True) if w)
    parts = re.split(rf"(?:{pattern})|[\s\d?!。，,、;；:：()（）\[\]\"'“”]+", text) if pattern else [text]
    return [p for p in parts if len(p) >= 2]


def _fallback_rows(runner: Runner) -> Iterable[Row]:
    """Entity rows derived from the data tables, used while the catalogue is empty."""
    for r in runner.run("fallback_line_items"):
        kind = {"total": "summary", "item": "summary"}.get(r["code_kind"], r["code_kind"])
        eid = f"{kind}:{r['code'] or r['name']}"
        base = {"entity_id": eid, "kind": kind, "canonical_name": r["name"], "code": r["code"],
                "table_id": r["table_id"], "line_no": r["line_no"]}
        yield {**base, "alias": r["name"], "alias_kind": "name"}
        if r["code"]:
            yield {**base, "alias": r["code"], "alias_kind": "code"}
    for r in runner.run("fallback_procurement"):
        eid = f"procurement:{r['item_code'] or r['item_name']}"
        base = {"entity_id": eid, "kind": "procurement", "canonical_name": r["item_name"],
                "code": r["item_code"], "table_id": "预算12表", "line_no": r["line_no"]}
        yield {**base, "alias": r["item_name"], "alias_kind": "name"}
        if r["item_code"]:
            yield {**base, "alias": r["item_code"], "alias_kind": "code"}
    for r in runner.run("fallback_names"):
        eid = f"{r['kind']}:{r['name']}"
        yield {"entity_id": eid, "kind": r["kind"], "canonical_name": r["name"], "code": None,
               "alias": r["name"], "alias_kind": "name", "table_id": r["table_id"],
               "line_no": r["line_no"]}
