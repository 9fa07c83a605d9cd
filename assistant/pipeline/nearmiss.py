"""Near-miss names that must not borrow another line's figure.

A made-up name can share most of its characters with a real line: 安全生产宣传经费 scores 75
against 安全生产工作经费 only because 安全生产 and 经费 are shared. The fuzzy score cannot tell
a typo from another thing, so a near-miss is taken for the line only when the document itself
uses the asked words for it: the asked name, without the tail it shares with the line's name
(经费), appears in a line of the source that also names that line (安全生产检查 is printed
beside 安全生产工作经费: "安全生产检查聘用第三方机构"). Otherwise the assistant asks.

Likewise a department-wide line qualified by a unit, project or organisation (大数据中心培训费,
科技创新促进中心培训费) is not that unit's figure: the tables do not split 培训费 by unit, so the
assistant asks what is meant; and a secondary alias found inside a longer unknown word
(科技[研究开发]奖励资金 -> 技术与开发) names something else, so it asks too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from assistant.models import Answer, Candidate, Match, Question
from assistant.pipeline.match import MONEY_KINDS
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# Lines that exist for the whole department only (no unit or project column splits them).
DEPARTMENT_WIDE = frozenset({"economic", "function"})
# What may stand between a qualifier and the name (大数据中心的培训费).
JOINERS = ("的", "里的", "中的", "里", "中")
# Characters that end a word in a question (particles, joiners, question words).
_BREAKS = set("的和与及跟里中是有多少几占比在了吗呢啊哪什么怎样为")
# An organisation's name: what ends with an organisation word, right before a line's name.
_ORG = re.compile(r"([\u4e00-\u9fff]{2,12}(?:中心|局|站|所|办公室|办|院|队|委员会|委|科|处|室|公司))$")


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _misses(short: str, long: str) -> int:
    """Characters of `short` not found, in order, in `long` (a miss does not advance)."""
    at, missed = 0, 0
    for ch in short:
        found = long.find(ch, at)
        if found < 0:
            missed += 1
        else:
            at = found + 1
    return missed


def _shorten(text: str, env: Env) -> str:
    """Long forms of a word back to its shortest form (运行维护 -> 运维)."""
    for forms in env.k.expand.values():
        short = min(forms, key=len)
        for form in sorted(forms, key=len, reverse=True):
            if len(form) > len(short) and form in text:
                text = text.replace(form, short)
    return text


ASKING = frozenset({"operation", "function"})  # lexicon words that ask, never part of a name


def _without_asking(phrase: str, m: Match) -> str:
    """下属有几个事业单: the fuzzy window took in 有几个 (asking words the name does not hold)."""
    from assistant.tag import load_lexicon, tag  # (late: the tagger imports the matcher's models)

    kept = bytearray(b"\x01" * len(phrase))
    for t in tag(phrase, (), load_lexicon()):
        if t.kind in ASKING and t.text not in m.name:
            kept[t.start: t.end] = b"\x00" * (t.end - t.start)
    return "".join(ch for ch, k in zip(phrase, kept, strict=True) if k)


def _supported(phrase: str, m: Match, env: Env) -> bool:
    phrase = _without_asking(_shorten(phrase, env), m)
    # the fuzzy window may take in a question word at either edge (里公务用车运行费多)
    while phrase and phrase[0] not in m.name:
        phrase = phrase[1:]
    while phrase and phrase[-1] not in m.name:
        phrase = phrase[:-1]
    asked = phrase[: len(phrase) - _common_tail(phrase, m.name)]
    if len(asked) < 2 or asked in m.name:
        return True  # only the shared tail differs (大数据中心运维经费 vs …费用)
    if _misses(phrase, m.name) == 0:
        # words left out of the name (公务用车运行费 for 公务用车运行维护费), or a word the
        # name abbreviates spelt out (运行维护 for 运维: synonyms.toml [expand])
        return True
    # otherwise the document itself must print the asked words beside the name
    return bool(env.runner.run("source_lines_with", phrase=asked, name=m.name))


def _ask(q: Question, words: str, cands: list[Match], lead: str) -> Answer:
    shown = list(dict.fromkeys(c.name for c in cands))[: SETTINGS.max_candidates]
    options = [Candidate(label=n, question=q.text.replace(words, n, 1)) for n in shown]
    return Answer(status="clarify", candidates=options,
                  text=f"{lead}最接近的是：{'、'.join(shown)}。请问您问的是哪一个？")


def _embedded(q: Question, m: Match, matches: list[Match]) -> str | None:
    """The longer word a secondary alias sits inside (科技[研究开发]奖励资金), if any."""
    if not m.span or m.alias == m.name or m.score < 100:
        return None
    text, (s, e) = q.text, m.span
    from assistant.tag import load_lexicon, tag  # (late: the tagger imports the matcher's models)

    # 2025年 and 预算 are words of their own (the lexicon's), not part of a longer unknown name
    worded = {i for t in tag(text, (), load_lexicon()) for i in range(t.start, t.end)}

    def free(i: int) -> bool:  # a content character no other match and no question word covers
        return (0 <= i < len(text) and "\u4e00" <= text[i] <= "\u9fff" and text[i] not in _BREAKS
                and i not in worded and not any(o.span and o.span[0] <= i < o.span[1] for o in matches))

    if not (free(s - 1) and free(e)):
        return None
    while free(s - 1):
        s -= 1
    while free(e):
        e += 1
    return text[s:e]


def _closest(word: str, env: Env, n: int = 2) -> list[Match]:
    """The money lines whose names read most like `word` (for the options of a question)."""
    scored = [(fuzz.ratio(word, e.key), e) for e in env.index.names if e.kind in MONEY_KINDS]
    best = sorted((t for t in scored if t[0] >= 60), key=lambda t: -t[0])[:n]
    return [e.to_match(score, None) for score, e in best]


def near_miss(q: Question, matches: list[Match], env: Env) -> Answer | None:
    """A clarifying question when a near-miss name has no support in the document."""
    for m in matches:
        word = _embedded(q, m, matches) if m.kind in MONEY_KINDS else None
        if word:
            return _ask(q, word, [*_closest(word, env), m], f"文件中没有“{word}”这一项。")
    near = [m for m in matches if m.kind in MONEY_KINDS and m.span and m.score < SETTINGS.match_threshold]
    if any(m.score >= SETTINGS.match_threshold and m.kind in MONEY_KINDS for m in matches):
        return None
    for m in near:
        words = q.text[m.span[0]: m.span[1]]
        if not _supported(words, m, env):
            same = [o for o in near if o.span and o.span[0] < m.span[1] and m.span[0] < o.span[1]]
            return _ask(q, words, same or [m], f"文件中没有“{words}”这一项。")
    return None


def _organisation_before(q: Question, m: Match, matches: list[Match], env: Env) -> str | None:
    """An organisation named right before the line (科技创新促进中心培训费), unless the name is
    part of another matched name or is the department itself."""
    before = q.text[: m.span[0]]
    for joiner in sorted(JOINERS, key=len, reverse=True):
        if before.endswith(joiner):
            before = before[: -len(joiner)]
            break
    found = _ORG.search(before)
    if found is None:
        return None
    org, start = found.group(1), found.start(1)
    if any(o.span and o is not m and o.span[0] < start + len(org) and start < o.span[1] for o in matches):
        return None
    own = str(env.facts.get("department", ""))
    # 科技局 / 经信局 abbreviate the department's own name (its characters, in order)
    ours = org in own or _misses(org, own) == 0 or org.endswith("本级")
    if ours or any(w in org for w in env.k.words.get("self_refs", ())):
        return None
    return org


def qualified(q: Question, matches: list[Match], fragments: dict[str, tuple[Match, ...]],
              env: Env) -> Answer | None:
    """大数据中心培训费: a unit, project or organisation right before a department-wide line."""
    # exact names only, and qualifiers of three or more characters (科技 is not a unit's name)
    named = [m for m in matches if m.kind in DEPARTMENT_WIDE and m.span and m.score >= 100]
    for m in named:
        for piece, cands in fragments.items():
            owners = [c for c in cands if c.kind in ("unit", "project")]
            at = q.text.find(piece)
            if not owners or at < 0 or len(piece) < 3:
                continue
            gap = q.text[at + len(piece): m.span[0]]
            if at + len(piece) <= m.span[0] and (gap == "" or gap in JOINERS):
                return _ask(q, q.text[at: m.span[1]], [m, *owners], _lead(m, piece, q.text[at: m.span[1]]))
        org = _organisation_before(q, m, matches, env)
        if org is not None:
            words = q.text[q.text.find(org): m.span[1]]
            return _ask(q, words, [m], _lead(m, org, words))
    return None


def _lead(m: Match, who: str, words: str) -> str:
    return f"预算表中的“{m.name}”是全部门的数，没有按“{who}”单列，文件中没有“{words}”这一项。"
