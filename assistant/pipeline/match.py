"""Entity matching: which catalogue entities a question names, with scores.

The index is built once per Assistant from `entity_aliases` (or, while the catalogue is empty,
from the names in the data tables). A question is matched in tiers:

1. codes typed by the user (2060404, 30201, A02020100) against code aliases - exact;
2. aliases found verbatim in the question (longest match wins);
3. the same on pinyin, so homophone typos match (行正 -> 行政, 高心 -> 高新);
4. rapidfuzz partial_ratio on characters and on pinyin for near-misses.

`fragments` is the last resort for a bare generic word (补助, 运行费): every entity whose name
contains it, so the caller can pick the common parent or ask which one is meant.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from assistant.models import Match, Question
from assistant.pipeline.base import Runner
from assistant.pipeline.entries import READING, Entry, Sounds, load_entries
from assistant.pipeline.knowledge import Knowledge
from assistant.pipeline.match_pieces import fragments_of, splitter
from assistant.pipeline.match_spans import said_longer, shadowed, trimmed, window_score
from assistant.pipeline.match_tables import TableNames
from assistant.pipeline.normalise import canon
from assistant.settings import SETTINGS

# Kinds that carry an amount, in the order a tie is resolved (the most specific table first).
KIND_PRIORITY = ("function", "economic", "summary", "project", "procurement", "unit",
                 "narrative", "detail", "indicator", "term", "table")
MONEY_KINDS = frozenset(KIND_PRIORITY[:8])
TAIL_GAP = 2  # words between a stem and its own tail that make the whole another name
STEM_MIN = 5  # characters of a project's name said without its last word that still name it
FUZZY_MIN_LEN = 4  # shorter aliases must match exactly: 2-3 characters fuzzily is noise
# Below the match threshold only long names count: two wrong characters in an eight-character name still
# leave the name recognisable, in 公用经费 (-> 工会经费) they make another item.
FLOOR_MIN_LEN = 8
HOMOPHONE_SCORE = 95.0
PINYIN_WEIGHT = 0.97
CONTIGUOUS_MIN = 4  # a run of the question this long found whole in an alias
GENERIC_TAILS = frozenset({"支出", "经费", "费用", "资金", "项目", "费"})  # all an alias may add


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def _other_column(text: str, hit: tuple[float, Entry, tuple[int, int] | None]) -> bool:
    """一般公共预算项目支出 is not 一般公共预算基本支出表: a table read from words only nearly its
    title, where the words say a column of the budget its title does not — the column word is
    what tells the two apart."""
    score, e, span = hit
    if e.kind != "table" or score >= 100 or span is None:
        return False
    from assistant.plan.columns import column_values
    from assistant.tag import load_lexicon

    said, columns = text[span[0]: span[1]], column_values()
    return any(kind == "measure" and value in columns and w in said and w not in e.name
               for w, (kind, value) in load_lexicon().words.items())


class EntityIndex:
    def __init__(self, entries: Iterable[Entry], k: Knowledge, sounds: Sounds) -> None:
        self.k = k
        self.sounds = sounds
        entries = list(entries)
        self._located: dict[str, list[Entry]] = {}
        for e in entries:  # where each entity is printed, for the forms' look-ups (forms_entity_aliases)
            self._located.setdefault(e.entity_id, []).append(e)
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
        # Fuzzy candidates: long enough names, with their character sets for a cheap pre-filter.
        self._fuzzy_entries = [e for e in self.names
                               if len(e.key) >= FUZZY_MIN_LEN and e.alias_kind != READING]
        self._sizes = [(len(set(e.key)), len(set(e.sound))) for e in self._fuzzy_entries]
        # Inverted indexes character -> entries (and syllable -> entries) for the pre-filter.
        self._by_char: dict[str, list[int]] = {}
        self._by_sound: dict[str, list[int]] = {}
        for i, e in enumerate(self._fuzzy_entries):
            for ch in set(e.key):
                self._by_char.setdefault(ch, []).append(i)
            for ch in set(e.sound):
                self._by_sound.setdefault(ch, []).append(i)
        # Exact and homophone look-up by a name's first two characters (or syllables): a question
        # holds a few dozen such pairs, the catalogue thousands of names, so each name is tried only
        # where the question has its start (every occurrence, in the names' order).
        # Intent words (合计, 总计 …) are never entity mentions on their own.
        self._generic = {w for words in k.words.values() for w in words}
        self._said: list[Entry] = [e for e in self.names
                                   if e.key not in self._generic and e.alias_kind != READING]
        self._by_start: dict[str, list[int]] = {}
        self._by_sound_start: dict[str, list[int]] = {}
        for i, e in enumerate(self._said):
            self._by_start.setdefault(e.key[:2], []).append(i)
            if len(e.sound) >= 2:
                self._by_sound_start.setdefault(e.sound[:2], []).append(i)
        self._projects = [e for e in self.names if e.kind == "project"]
        # the money lines a leftover word may be part of, by the characters of their names: a word
        # is inside (or abbreviates) a name only if every one of its characters is in that name
        self._money = [e for e in self.names if e.kind in MONEY_KINDS]
        self._money_by_char: dict[str, set[int]] = {}
        for i, e in enumerate(self._money):
            for ch in set(e.key):
                self._money_by_char.setdefault(ch, set()).add(i)
        self._cache: dict[str, list[Match]] = {}
        self._table_names = TableNames(self.names)
        from assistant.tag import load_lexicon  # (late: the tagger imports this module's models)

        # 买计算机: a purchase word cuts the bought thing out of what is left of the question
        lex = load_lexicon()
        buying = set(lex.of("set", "procurement"))
        self._asking = {w: c for w, (c, _) in lex.words.items() if c in ("operation", "function", "docpart")}
        self._splitter = splitter(self._generic | set(k.measures) | buying)
        self._function = lex.of("function", "function")  # longest first

    # ---- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, runner: Runner, k: Knowledge) -> EntityIndex:
        sounds = Sounds()
        return cls(load_entries(runner, k, sounds), k, sounds)

    def located(self, entity_id: str) -> list[dict]:
        """The rows forms_entity_aliases reads (alias, table, line of each place the entity is
        printed), from the catalogue read at open — the same rows, without a statement per ask."""
        seen: dict[tuple[str, str, int], dict] = {}
        for e in self._located.get(entity_id, ()):
            if e.table_id:
                seen.setdefault((e.alias, e.table_id, e.line_no), {
                    "entity_id": entity_id, "alias": e.alias, "alias_kind": e.alias_kind,
                    "table_id": e.table_id, "line_no": e.line_no})
        return sorted(seen.values(), key=lambda r: (r["table_id"], r["line_no"]))

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
        """Cached per text: the context step and the match step ask about the same question."""
        key = f"{q.text}|{'/'.join(q.codes)}"
        hit = self._cache.get(key)
        if hit is None:
            hit = self._match(q)
            if len(self._cache) > 2048:
                self._cache.clear()
            self._cache[key] = hit
        return list(hit)

    def _match(self, q: Question) -> list[Match]:
        text = q.text.lower()
        floor = SETTINGS.match_threshold - 12
        found: list[tuple[float, Entry, tuple[int, int] | None]] = []
        for code in q.codes:
            start = text.find(code.lower())
            span = (start, start + len(code)) if start >= 0 else None
            entries = self.by_code.get(code.lower(), [])
            # the code alias itself, so that the entity's name (if also typed) gives the span
            coded = {e.entity_id: e for e in entries if e.alias_kind == "code"}
            for e in entries:
                found.append((100.0, coded.get(e.entity_id, e), span))
        sound = self.sounds.encode(text)
        found.extend(self._said_in(text, sound))
        found.extend(self._without_tail(text))
        found.extend(self._fuzzy(text, sound, floor))
        found.extend(self._table_names.found(text))
        found = [f for f in found if not _other_column(text, f) and not said_longer(f, found, floor, text)]
        return self._select(found, floor)

    def _said_in(self, text: str, sound: str) -> list[tuple[float, Entry, tuple[int, int]]]:
        """Every name the question says (each occurrence: the first may be inside a longer name),
        else the name it sounds like, in the names' order."""
        exact: dict[int, list[int]] = {}
        for pos in range(len(text) - 1):
            for i in self._by_start.get(text[pos: pos + 2], ()):
                if text.startswith(self._said[i].key, pos):
                    exact.setdefault(i, []).append(pos)
        heard: dict[int, int] = {}
        for pos in range(len(sound) - 1):
            for i in self._by_sound_start.get(sound[pos: pos + 2], ()):
                if i not in exact and i not in heard and sound.startswith(self._said[i].sound, pos):
                    heard[i] = pos
        out: list[tuple[float, Entry, tuple[int, int]]] = []
        for i in sorted(exact.keys() | heard.keys()):
            e = self._said[i]
            if i in exact:
                out.extend((100.0, e, (pos, pos + len(e.key))) for pos in exact[i])
            else:
                out.append((HOMOPHONE_SCORE, e, (heard[i], heard[i] + len(e.sound))))
        return out

    def _without_tail(self, text: str) -> list[tuple[float, Entry, tuple[int, int]]]:
        """招商引资专项 of 招商引资专项经费: a project's name said without its last word (经费, 资金 …),
        when the rest is long enough to be its own (a name of another line may sit inside it)."""
        out = []
        tails = sorted(self.k.name_tails, key=len, reverse=True)
        for e in self._projects:
            if e.key in text:
                continue
            for tail in tails:
                stem = e.key.removesuffix(tail)
                pos = text.find(stem) if stem != e.key and len(stem) >= STEM_MIN else -1
                after = text[pos + len(stem): pos + len(stem) + len(tail) + TAIL_GAP] if pos >= 0 else ""
                if pos >= 0 and not after.startswith(tail[:1]) and tail not in after:
                    # (大数据中心运维费: more of the name is said; 科技研究开发奖励资金: its tail is said
                    # after other words — another name, read as before)
                    out.append((100.0, e, (pos, pos + len(stem))))
                    break
        return out

    def _fuzzy(self, text: str, sound: str, floor: float) -> list[tuple[float, Entry, tuple[int, int]]]:
        out = []
        width = len(text)
        # Most names share too few characters (or syllables) with the question to reach the
        # floor; count shared ones through the inverted indexes and align only the rest.
        shared_chars = [0] * len(self._fuzzy_entries)
        shared_sounds = [0] * len(self._fuzzy_entries)
        for ch in set(text):
            for i in self._by_char.get(ch, ()):
                shared_chars[i] += 1
        for ch in set(sound):
            for i in self._by_sound.get(ch, ()):
                shared_sounds[i] += 1
        for i, e in enumerate(self._fuzzy_entries):
            n_chars, n_sounds = self._sizes[i]
            if shared_chars[i] < 0.6 * n_chars and shared_sounds[i] < 0.6 * n_sounds:
                continue
            if e.key in self._generic:
                continue
            best = 0.0
            span = (0, 0)
            for target, query, weight in ((e.key, text, 1.0), (e.sound, sound, PINYIN_WEIGHT)):
                al = fuzz.partial_ratio_alignment(target, query, score_cutoff=floor)
                if al is None:
                    continue
                score = window_score(target, query, al.dest_start, al.dest_end) * weight
                if len(target) > width:  # the question can only hold a fragment of this alias
                    score *= width / len(target)
                if score > best:
                    best, span = score, (al.dest_start, al.dest_end)
                    if weight == 1.0:
                        span = trimmed(span, text, e.key)
            words = text[span[0]: span[1]]
            if best and len(words) >= CONTIGUOUS_MIN and e.key.replace(words, "", 1) in GENERIC_TAILS:
                # the question's words are this alias but for a generic word (科学管理事务 of
                # 科学管理事务支出): a better reading than a same-score scatter of characters,
                # but still a near-miss (below the threshold), so the answer says how it read it
                best = min(best + SETTINGS.clarify_margin + 1, max(best, SETTINGS.match_threshold - 0.1))
            if best >= (floor if len(e.key) >= FLOOR_MIN_LEN else SETTINGS.match_threshold):
                out.append((best, e, span))
        return out

    def _select(self, found: list[tuple[float, Entry, tuple[int, int] | None]], floor: float) -> list[Match]:
        """Best first; a match inside a longer kept one is part of that name; one per entity
        (its first occurrence that is not part of a longer name)."""
        ranked = sorted(found, key=lambda t: (-t[0], -len(t[1].key), _priority(t[1].kind)))
        kept: list[tuple[float, Entry, tuple[int, int] | None]] = []
        seen: set[str] = set()
        for score, e, span in ranked:
            if score < floor or e.entity_id in seen:
                continue
            if span is not None and any(shadowed(span, len(e.key), score, k, e.kind) for k in kept):
                continue
            kept.append((score, e, span))
            seen.add(e.entity_id)
        kept.sort(key=lambda t: (t[2][0] if t[2] else -1, _priority(t[1].kind)))
        return [e.to_match(score, span) for score, e, span in kept]

    def fragments(self, q: Question, matches: list[Match]) -> dict[str, list[Match]]:
        """Generic words not covered by a match -> entities whose names contain them."""
        return fragments_of(self, q, matches)
