"""Follow-ups that change one slot of the question before: another column (其中人员经费呢 → 公用经费呢,
其中面向中小企业的呢 → 小微呢), the last two figures together (两者合计, 两个加起来, 两者之差), and a
follow-up naming most of one line's name (住房保障呢). Each returns the question the follow-up
stands for, or None; `pipeline/context.py` decides which applies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Match, Question
from assistant.pipeline.base import Turn
from assistant.pipeline.intents.tables_common import PARENT_MEASURE

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_A_PART = re.compile(r"(?<![第一二三四五六七八九十\d])部分")  # 项目支出部分: of the line (第三部分 stays)
# Words for "the two figures before" (两者合计, 二者相差多少).
PAIR_WORDS = ("两者", "二者", "两个", "两项", "两笔", "它们", "这两个", "这两项", "两", "总共", "一共",
              "2个", "2项", "2笔", "这2个", "这2项", "之差", "之和", "差")

def _strip(text: str, words: tuple[str, ...]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "")
    return text


def _core(text: str, env: Env) -> str:
    """What is left once question words, follow-up markers and years are taken out."""
    words = env.k.words
    text = _YEAR.sub("", text)
    # 基本支出是多少万元: the unit asked is the question's, no word of the follow-up's own
    text = _A_PART.sub("", _strip(text, tuple(env.k.unit_words)))
    text = _strip(text, words.get("stop", ()) + words.get("followup", ()) + ("预算", "呢"))
    return re.sub(r"[\s?？!！。.,，、]", "", text)


def _measure_words(text: str, env: Env) -> list[tuple[int, str]]:
    """(position, word) of the measure words (人员经费, 基本支出 …) in text, longest first."""
    found: list[tuple[int, str]] = []
    for word in sorted(env.k.measures, key=len, reverse=True):
        for at in (i for i in range(len(text)) if text.startswith(word, i)):
            if not any(p <= at < p + len(w) for p, w in found):
                found.append((at, word))
    return sorted(found)


def _switch_measure(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """The previous question with its column replaced (人员经费 -> 公用经费), or narrowed
    (基本支出 -> 基本支出人员经费: both columns belong to 基本支出)."""
    if own:
        return None
    asked = _measure_words(text, env)
    before = _measure_words(prev, env)
    said = SHORT_COLUMNS.get(_core(text, env)) if not asked else None
    if said and before:
        text = said  # 基本支出多少 → 项目呢: the other column, said short
        asked = _measure_words(text, env)
    elif said and (ask := ASKING.search(prev)) is not None:
        return prev[: ask.start()] + said + prev[ask.start():]  # 城乡社区支出多少 → 那项目呢: its column
    if len(asked) != 1 or not before:
        return None
    rest = _core(_strip(text, (asked[0][1],)), env)
    if rest:
        return None  # more than a column is asked (人员经费占比多少): the general rewrite
    word = asked[0][1]
    at, old = before[-1]
    new, old_measure = env.k.measures[word], env.k.measures[old]
    if new == old_measure:
        return None
    if PARENT_MEASURE.get(new) == old_measure:
        return prev[: at + len(old)] + word + prev[at + len(old):]
    if PARENT_MEASURE.get(new) and PARENT_MEASURE.get(new) == PARENT_MEASURE.get(old_measure):
        return prev[:at] + word + prev[at + len(old):]  # a sibling column of the same parent
    # another column altogether (基本支出公用经费 -> 项目支出): every column word goes
    out = prev
    for n, (p, w) in enumerate(reversed(before)):
        out = out[:p] + (word if n == len(before) - 1 else "") + out[p + len(w):]
    return out


SHORT_COLUMNS = {"项目": "项目支出", "基本": "基本支出"}  # a column said by its first word, after a column
ASKING = re.compile(r"(?:是多少|有多少|多少钱|多少)[?？]?$")  # how a figure question ends

WITHIN = ("其中", "里面的", "里的")  # 其中城乡社区支出呢: a part of what was just asked
SUMMED = re.compile(r"^(.+?)(和|、|与|加上|加)(.+?)(加起来|加在一起|一共|合计|总共|之和)(.*)$")


def _column_of_a_sum(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """住房公积金和购房补贴加起来多少 → 其中基本支出呢: the column of each thing added, added up —
    never the department's whole column."""
    m = SUMMED.search(prev)
    asked = _measure_words(text, env)
    if own or m is None or len(asked) != 1 or _measure_words(prev, env):
        return None
    if _core(_strip(text, (asked[0][1], *WITHIN)), env):
        return None
    word = asked[0][1]
    return f"{m.group(1)}的{word}{m.group(2)}{m.group(3)}的{word}{m.group(4)}{m.group(5) or '多少'}"


def _column_kept(text: str, prev: str, own: list[Match], last: Turn, env: Env) -> str | None:
    """项目支出多少 → 其中城乡社区支出呢: a line named after a bare column (no line before) is
    that line's cell in the column — the column asked stays, never the line's whole row."""
    lines = [m for m in own if m.kind in ("function", "economic")]
    if len(lines) != 1 or len(own) != 1 or any(e.kind in ("function", "economic", "project", "unit")
                                                for e in last.entities):
        return None
    before = _measure_words(prev, env)
    rest = _strip(text, (lines[0].alias, *WITHIN))
    if len(before) != 1 or _measure_words(text, env) or _core(rest, env):
        return None
    year = re.search(r"(?:19|20)\d{2}年", prev)
    return f"{year.group() if year else ''}{lines[0].name}{before[0][1]}多少"


PARALLEL_END = 2  # characters a word is found by in a joined name (购置 of 购置及运行费)
PARALLEL_MIN = 3  # a stand-in this long, ending like the part it replaces (事业单位 ~ 行政单位)


def _switch_parallel(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """事业单位的呢 after 行政单位离退休多少: the word said stands in for a part of the line just
    asked, as long and ending alike, and the line it makes is one the document prints."""
    word = _core(text, env)
    last = env.conv.last_answered()
    if not word or len(word) < PARALLEL_MIN or last is None:
        return None
    names = env.facts.get("entity_names")
    if names is None:
        names = env.facts["entity_names"] = frozenset(e.name for e in env.index.entries)
    for name in dict.fromkeys(m.name for m in last.entities):
        if name not in prev:
            continue
        for other in _one_of_joined(name, word):  # 购置费 of 公务用车购置及运行费
            if other in names:
                return prev.replace(name, other, 1)
        for at in range(len(name) - len(word) + 1):
            part = name[at: at + len(word)]
            if part != word and part[-1] == word[-1]:
                other = name[:at] + word + name[at + len(word):]
                if other in names:
                    return prev.replace(name, other, 1)
    return None


def _one_of_joined(name: str, word: str) -> list[str]:
    """公务用车购置及运行费 names two lines, 公务用车购置费 and 公务用车运行费: the one a word says,
    with the head they share (each candidate is checked against the document's names)."""
    out = []
    for joiner in ("及", "和", "与"):
        if joiner not in name:
            continue
        left, right = name.split(joiner, 1)
        at = left.find(word[:PARALLEL_END])
        if at > 0:
            out.append(left[:at] + word)
        if right.startswith(word[:PARALLEL_END]):
            out += [left[: len(left) - n] + word for n in (len(word) - 1, len(word)) if 0 < n < len(left)]
    return out


COLUMN_GROUPS = ("proc_sme", "proc_micro")  # intents.toml word groups: one procurement column each


def _switch_column(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """小微呢 after 其中面向中小企业的呢: the sibling column of the same purchase lines."""
    groups = {g: env.k.words.get(g, ()) for g in COLUMN_GROUPS}
    asked = [g for g, words in groups.items() if any(w in text for w in words)]
    if own or len(asked) != 1 or _core(_strip(text, groups[asked[0]] + ("面向", "其中")), env):
        return None
    for g, words in groups.items():
        old = next((w for w in sorted(words, key=len, reverse=True) if w in prev), None)
        if g != asked[0] and old is not None:
            return prev.replace(old, groups[asked[0]][0], 1)
    return None


YEAR_SAID = re.compile(r"(?:19|20)\d{2}年")


def _pair(text: str, own: list[Match], env: Env) -> str | None:
    """两者合计 after two amount answers: 'A和B合计' with the entities of those two turns."""
    words = env.k.words
    if own or not (env.k.has("sum", text) or env.k.has("compare", text)):
        return None
    if YEAR_SAID.search(text):
        return None  # 比2025年多多少: the last thing over a year, never the last two things
    # leftmost-longest (相差多少 is 相差 + 多少, not 相 + 差多少)
    joined = "|".join(re.escape(w) for w in sorted(
        (*words.get("sum", ()), *words.get("compare", ()), *PAIR_WORDS), key=len, reverse=True))
    rest = _core(re.sub(joined, "", text), env)
    if rest:
        return None
    turns = [t for t in env.conv.turns if t.status == "answered" and t.entities][-2:]
    if len(turns) < 2:
        return None
    heads = [_subject(t) for t in turns]
    if heads[0] == heads[1]:
        # the same line in two years (788.60 this year, 644.49 last year): their difference
        years = sorted({(t.years or [env.runner.year])[0] for t in turns}, reverse=True)
        if len(years) == 2 and env.k.has("compare", text) and not env.k.has("sum", text):
            return f"{heads[0]}{years[0]}年比{years[1]}年多多少"
        if len(years) == 2:  # two years' budgets do not add up to anything: state both
            return f"{heads[0]}{years[1]}年和{years[0]}年预算分别多少"
        return None
    op = next((w for w in ("差多少", "相差", "差额", "之差", "差") if w in text), None)
    return f"{heads[0]}比{heads[1]}多多少" if op else f"{heads[0]}和{heads[1]}加起来多少"


def _subject(turn: Turn) -> str:
    """What a turn was about: its entity names in order (a measure word keeps its own text)."""
    names = list(dict.fromkeys(m.name for m in sorted(turn.entities, key=lambda m: m.span or (0, 0))))
    return "".join(names[:2])


def _short_own(q: Question, env: Env) -> list[Match]:
    """住房保障呢: a follow-up naming most of one line's name (住房保障支出) names that line."""
    from assistant.pipeline.resolve import _ancestor, _distinct, kind_of_many

    last = env.conv.last
    listed = set(last.items) if last is not None else set()  # 买了什么 → 打印机多少钱: one of those
    for piece, cands in env.index.fragments(q, []).items():
        distinct = _distinct(tuple(cands))
        pick = distinct[0] if len(distinct) == 1 else _ancestor(distinct)
        # a short form drops a tail (住房保障 of 住房保障支出); a name without its head (事业单位医疗
        # of 行政事业单位医疗) is another line's name, not this one's
        if pick is not None and len(piece) >= SHORT_OWN_MIN \
                and (len(piece) * 2 >= len(pick.name) or pick.name in listed) \
                and piece in pick.name and not _headless(piece, pick.name) \
                and not kind_of_many(piece, pick.name, env.index):
            start = q.text.find(piece)
            return [pick.model_copy(update={"alias": piece, "span": (start, start + len(piece))})]
        start = q.text.find(piece)
        # 公共安全呢: the words said before the piece (公共) open the name too
        for said in dict.fromkeys(q.text[max(start - k, 0): start + len(piece)] for k in (2, 1, 0)):
            if (level := _of_the_level(said, distinct, last)) is not None:
                at = q.text.find(said)
                return [level.model_copy(update={"alias": said, "span": (at, at + len(said))})]
    return []


def _of_the_level(piece: str, cands: tuple[Match, ...], last: Turn | None) -> Match | None:
    """科学技术支出多少 → 那住房呢: the one line of the same classification and level as the line just
    asked (住房保障支出, 221, beside 206) whose name opens with the words said."""
    if last is None or len(piece) < 2:
        return None
    levels = {(m.kind, len(m.code)) for m in last.entities if m.code and m.kind in ("function", "economic")}
    same = [c for c in cands if c.code and (c.kind, len(c.code)) in levels and c.name.startswith(piece)]
    return same[0] if len({c.name for c in same}) == 1 else None


SHORT_OWN_MIN = 3  # characters of a line's name that make a follow-up name it


QUALIFIER_HEAD_MAX = 2  # 行政 of 行政事业单位医疗: a short head qualifies the line (a place name is longer)


def _headless(piece: str, name: str) -> bool:
    """事业单位医疗 of 行政事业单位医疗: the name less a short qualifying head is another line's name
    (瞪羚企业认定奖励 of 江汉区瞪羚企业认定奖励 only drops the place)."""
    return name.endswith(piece) and 0 < len(name) - len(piece) <= QUALIFIER_HEAD_MAX


PERIOD = re.compile(r"第\d+个?季度|\d+月份?|上半年|下半年")


def _switch_period(text: str, prev: str, own: list[Match], env: Env) -> str | None:
    """第二季度呢 after 第一季度用款计划多少: the same question for another part of the year."""
    asked = PERIOD.search(text)
    if own or asked is None or not PERIOD.search(prev) or _core(PERIOD.sub("", text), env):
        return None
    return PERIOD.sub(asked.group(), prev, count=1)


def headless_or_thing(body: str, names: list[str], prev: str) -> bool:
    """事业单位医疗呢 after 行政事业单位医疗 (another line's name) or 那车呢 (a thing of its own):
    the follow-up is asked on its own, never glued to the name before."""
    from assistant.tag import names_a_thing

    said = body.rstrip("呢吗")
    return any(len(said) >= 3 and _headless(said, n) for n in names[:1]) or names_a_thing(body, prev)


OWN_NAME_MIN = 3  # meaningful characters that make a follow-up name its own entity


def _own_name(body: str, env: Env) -> str | None:
    """The name a follow-up brings (≥3 characters once question, follow-up, share/compare and
    field words are gone), else None (电话呢, 占比多少, 比2025年多了多少)."""
    words = env.k.words
    rest = _strip(_core(body, env), (*words.get("share", ()), *words.get("compare", ()),
                                     *words.get("sum", ()), *words.get("fields", ())))
    if len(rest) < OWN_NAME_MIN or any(w in body for w in env.k.measures):
        return None
    return rest
