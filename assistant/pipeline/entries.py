"""Where the entity index's names come from: the catalogue (entity_aliases), or — while it is
empty — the names printed in the data tables, plus the report's tables themselves.

Every name is kept in two forms: `key` (canon(), lowercased) for character matching and `sound`
(one private-use character per pinyin syllable) for homophone matching.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from assistant.models import Match
from assistant.pipeline.base import Row, Runner
from assistant.pipeline.knowledge import Knowledge
from assistant.pipeline.normalise import canon
from assistant.settings import SETTINGS


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


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    """The first reading of every CJK character pypinyin knows, without tones (ü as v): what
    lazy_pinyin(ch)[0] gives (tests/test_sounds.py compares them all), read from its table once per
    process like the OpenCC dictionaries rather than one character at a time per question."""
    out = {}
    for cp, said in pinyin_dict.items():
        if 0x4E00 <= cp <= 0x9FFF:
            decomposed = unicodedata.normalize("NFD", said.split(",")[0]).replace("u\u0308", "v")
            out[chr(cp)] = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return out


class Sounds:
    """Maps each pinyin syllable to one character so rapidfuzz aligns syllable by syllable.

    Characters are read one by one (cached): a polyphone gets the same reading in an alias and
    in a question, which is all homophone matching needs, and it is fast.
    """

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._chars: dict[str, str] = {}
        self._lock = threading.Lock()  # two new syllables must never get the same code

    def _char(self, ch: str) -> str:
        if not "\u4e00" <= ch <= "\u9fff":
            # Only CJK characters are read as pinyin and cached: the cache is bounded by that
            # block (20,992 characters, ~1,300 syllables, all within the private-use area),
            # however many other characters questions bring. Others stand for themselves
            # (private-use characters never survive normalisation, so no code is confused).
            return ch
        code = self._chars.get(ch)
        if code is None:
            syllable = _readings().get(ch) or lazy_pinyin(ch)[0]
            with self._lock:
                code = self._codes.get(syllable)
                if code is None:
                    code = self._codes[syllable] = chr(0xE000 + len(self._codes))
                self._chars[ch] = code
        return code

    def encode(self, text: str) -> str:
        return "".join(self._char(ch) for ch in text)


def load_entries(runner: Runner, k: Knowledge, sounds: Sounds) -> list[Entry]:
    rows: list[Row] = []
    while True:  # the guard caps every result at row_cap rows: page through the catalogue
        page = runner.run("entity_aliases", offset=len(rows))
        rows.extend(page)
        if len(page) < SETTINGS.row_cap:
            break
    if not rows:
        rows = list(fallback_rows(runner))
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
    entries.extend(_without_suffix(entries, sounds))
    entries.extend(_bracket_readings(entries, sounds))
    entries.extend(_joined_readings(entries, sounds))
    entries.extend(_unit_short_names(entries, sounds))
    entries.extend(_by_kind_word(entries, sounds))
    entries.extend(table_entries(runner, k, sounds))
    return entries


SHORT_SUFFIX = "费"  # 专用材料费 is said 专用材料 (买专用材料要花多少钱)
SHORT_STEM_MIN = 4  # a shorter stem (办公 of 办公费) is too general to stand for the line


def _without_suffix(entries: list[Entry], sounds: Sounds) -> list[Entry]:
    """A line of economic kind named without its final 费, where no other name is that stem."""
    keys = {e.key for e in entries}
    out: list[Entry] = []
    for e in entries:
        stem = e.key.removesuffix(SHORT_SUFFIX)
        if (e.kind == "economic" and e.alias_kind == "name" and stem != e.key
                and len(stem) >= SHORT_STEM_MIN and stem not in keys):
            keys.add(stem)
            out.append(Entry(entity_id=e.entity_id, kind=e.kind, name=e.name, code=e.code,
                             alias=e.alias.removesuffix(SHORT_SUFFIX), key=stem, sound=sounds.encode(stem),
                             alias_kind="short", table_id=e.table_id, line_no=e.line_no))
    return out


# 维修(护)费: a short insert in brackets is a second reading of the characters before it
READING = "reading"  # the alias kind of such a reading (pipeline/match.py: fragments only)
BRACKETED = re.compile(r"^(.+?)\(([^()]{1,2})\)(.+)$")


def _bracket_readings(entries: list[Entry], sounds: Sounds) -> list[Entry]:
    """维修(护)费 is read 维修费 and 维护费; 因公出国(境)费 is 因公出国费 and 因公出境费: the
    name without the insert, and with the insert in place of as many characters before it. A
    reading that is another name already is left to that name. A reading is no exact match: it
    is one of the names a leftover word may belong to (维修费: this line, or 设备维修费), so
    the matcher's fragments ask which one when several fit."""
    keys = {e.key for e in entries}
    out: list[Entry] = []
    for e in entries:
        m = BRACKETED.match(e.key) if e.alias_kind == "name" else None
        if m is None or len(m.group(1)) <= len(m.group(2)):
            continue
        before, inner, after = m.groups()
        for key in (before + after, before[: -len(inner)] + inner + after):
            if key not in keys:
                keys.add(key)
                out.append(Entry(entity_id=e.entity_id, kind=e.kind, name=e.name, code=e.code, alias=key,
                                 key=key, sound=sounds.encode(key), alias_kind=READING, table_id=e.table_id,
                                 line_no=e.line_no))
    return out


LISTED_WITH = "、"  # 整治行动、病媒消杀: a name that lists two things …
SAID_WITH = ("和", "及", "与")  # … is said with a word that joins them (整治行动和病媒消杀)


def _joined_readings(entries: list[Entry], sounds: Sounds) -> list[Entry]:
    """整治行动、病媒消杀 is said 整治行动和病媒消杀: the same name, its pause said as a joining word
    (where no other name is that already)."""
    keys = {e.key for e in entries}
    out: list[Entry] = []
    for e in entries:
        if e.alias_kind != "name" or e.key.count(LISTED_WITH) != 1:
            continue
        for word in SAID_WITH:
            key = e.key.replace(LISTED_WITH, word)
            if key not in keys:
                keys.add(key)
                out.append(Entry(entity_id=e.entity_id, kind=e.kind, name=e.name, code=e.code,
                                 alias=e.alias.replace(LISTED_WITH, word), key=key, sound=sounds.encode(key),
                                 alias_kind="short", table_id=e.table_id, line_no=e.line_no))
    return out


def _unit_short_names(entries: list[Entry], sounds: Sounds) -> list[Entry]:
    """招商服务中心 is 武汉市硚口区招商服务中心 without the region it is in: a unit's name shortened by
    the corpus's own alias rules (knowledge: corpus.toml), the way the department's name is."""
    from assistant.corpus.names import corpus_rules, short_names

    keys = {e.key for e in entries}
    out: list[Entry] = []
    for e in entries:
        if e.kind != "unit" or e.alias_kind != "name":
            continue
        for short in sorted(short_names(e.key, corpus_rules()) - {e.key}, key=len):
            if short not in keys:
                keys.add(short)
                out.append(Entry(entity_id=e.entity_id, kind=e.kind, name=e.name, code=e.code, alias=short,
                                 key=short, sound=sounds.encode(short), alias_kind="short",
                                 table_id=e.table_id, line_no=e.line_no))
    return out


# what people call a unit below a department by (中心 for 招商服务中心)
UNIT_KIND_WORDS = ("中心", "学校", "公司", "研究所", "服务站", "大队")


def _by_kind_word(entries: list[Entry], sounds: Sounds) -> list[Entry]:
    """中心人员经费多少: a unit called by its kind alone (中心) when it is the only unit of that kind."""
    units: dict[str, dict[str, Entry]] = {}
    for e in entries:
        if e.kind == "unit" and e.alias_kind == "name":
            for word in UNIT_KIND_WORDS:
                if e.key.endswith(word):
                    units.setdefault(word, {})[e.entity_id] = e
    keys = {e.key for e in entries}
    return [Entry(entity_id=e.entity_id, kind=e.kind, name=e.name, code=e.code, alias=word, key=word,
                  sound=sounds.encode(word), alias_kind="short", table_id=e.table_id, line_no=e.line_no)
            for word, found in units.items() if len(found) == 1 and word not in keys
            for e in found.values()]


def table_topics(title: str) -> set[str]:
    """Names a table goes by: its title without year and 表 (一般公共预算支出), and its distinctive
    words when they are specific enough (2026年政府性基金预算支出表 -> 政府性基金)."""
    full = re.sub(r"^\s*\d{4}\s*年", "", title)
    full = re.sub(r"[（(].*?[）)]|[“”\"\s]", "", full).removesuffix("表")
    core = full.replace("一般公共预算", "").removesuffix("总")
    while core.endswith(("支出", "预算")):
        core = core.removesuffix("支出").removesuffix("预算")
    names = {full, core} if len(core) >= 3 else {full}
    if full.endswith("预算总"):  # 支出预算总表 is also called 支出总表
        names.add(full.removesuffix("预算总") + "总表")
    return names


def table_entries(runner: Runner, k: Knowledge, sounds: Sounds) -> list[Entry]:
    """The report's tables as entities, so 政府性基金预算有没有支出 finds 预算09表. The entity id
    carries whether the table has rows and is printed (the handler's detect sees no database)."""
    out = []
    for t in runner.run("report_tables"):
        if "-" in t["table_id"]:
            continue
        status = f"{'rows' if t['has_rows'] else 'empty'}:{'present' if t['present'] else 'absent'}"
        eid = f"table:{t['table_id']}:{status}"
        for alias in sorted(table_topics(t["title"]) | {t["table_id"]}):  # (a set: its order varies by run)
            key = canon(alias, k).lower()
            out.append(Entry(eid, "table", t["title"], t["table_id"], alias, key, sounds.encode(key),
                             "name", t["table_id"], int(t["line_start"] or 0)))
    return out


def fallback_rows(runner: Runner) -> Iterable[Row]:
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
