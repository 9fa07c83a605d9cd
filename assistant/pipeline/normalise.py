"""Question text -> `Question`: the first pipeline step.

Traditional -> simplified (OpenCC), full-width -> half-width (NFKC), emoji/control characters out,
repeated punctuation collapsed, filler words out, Chinese numerals converted only where they are
numerals (二零六零一零二, 三个, 第二), time words resolved against the document year, codes,
typed figures and unit requests pulled out. `canon` is the part shared with the entity index,
so aliases and questions are compared in the same form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import cn2an
import opencc

from assistant.models import Question
from assistant.pipeline.asides import _TERM_GLOSS, _asides, _examples
from assistant.pipeline.knowledge import Knowledge, _alternation
from assistant.pipeline.replacing import replaced
from assistant.pipeline.standalone import bare_words, opening_words
from assistant.pipeline.typed import typed_codes, typed_figures
from assistant.pipeline.years import resolve_time

_DROP_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "So", "Sk", "Mn", "Me"}
# Letters (category Lo) that print as nothing: Hangul fillers (U+3164, its half-width form U+FFA0,
# U+115F/U+1160) and Khmer inherent vowels (U+17B4/U+17B5, Unicode "default ignorable").
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u17b4\u17b5")
_KEEP_SYMBOLS = set("%≥≤<>=+-×÷*/.")
_PUNCT = "?!。，,、;；:：!？…~～·"
_CJK = r"\u4e00-\u9fff"
_DIGITS = "零〇一二三四五六七八九两"
_NUMERAL_CHARS = _DIGITS + "十百千万亿点"


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _strip_noise(text: str) -> str:
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat in _DROP_CATEGORIES and ch not in _KEEP_SYMBOLS) or ch in _FILLERS:
            out.append(" " if cat == "Cc" and ch in "\t\n\r" else "")
        else:
            out.append(ch)
    return "".join(out)


_SPACED_CODE = re.compile(r"(?<![\d.,])(\d{3}) (\d{2})(?: (\d{2}))?(?![\d.,])")


def _squeeze_spaces(text: str) -> str:
    """Spaces between Chinese characters are layout, not meaning (预 算 -> 预算)."""
    text = re.sub(r"\s+", " ", text).strip()
    # a code typed as some disclosures print it, by level ('201 13 01' is 2011301)
    text = _SPACED_CODE.sub(lambda m: "".join(g for g in m.groups() if g), text)
    # a project code broken after its letter (42010326501T 000000104), as a table cell wraps it
    text = re.sub(r"(?<![\dA-Za-z])(\d{6,}[A-Z]) (\d{6,})(?!\d)", r"\1\2", text)
    # never between two digits: "2060101 2080505" are two codes, not one
    between = "|".join((
        rf"(?<=[{_CJK}%)）]) (?=[{_CJK}\d(（])",
        rf"(?<=[{_CJK}\d%)）]) (?=[{_CJK}(（])",
        rf"(?<=[{_CJK}]) (?=\w)|(?<=\w) (?=[{_CJK}])",
    ))
    text = re.sub(between, "", text)
    return re.sub(r"(?<=\d) (?=\d)", "、", text)


def _split_code_lists(text: str) -> str:
    """2060101,2080505 is a list of codes: a thousands separator never follows four digits and
    is always followed by exactly three."""
    return re.sub(r"(?<=\d{4}),(?=\d)|(?<=\d),(?=\d{4,}|\d{1,2}(?!\d))", "、", text)


def canon(text: str, k: Knowledge) -> str:
    """The form both questions and aliases are compared in: NFKC, simplified, synonyms applied."""
    text = unicodedata.normalize("NFKC", text)
    text = _t2s().convert(text)
    text = _squeeze_spaces(_strip_noise(text))
    pattern = k.replace_pattern
    if pattern is not None:
        text = replaced(text, pattern, k)
    return text


def _english(text: str, k: Knowledge) -> str:
    """Mostly-English questions: glossary phrases -> Chinese, other English words dropped."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    cjk = len(re.findall(rf"[{_CJK}]", text))
    if letters < 6 or letters < 2 * cjk:
        # a Chinese question with an English budget word in it (…资金 budget): the word translated
        # where it stands as a whole word; any other English is left for the reply to name
        if not letters:  # most questions: nothing to translate
            return text
        words = "|".join(re.escape(w) for w in sorted(k.english, key=len, reverse=True))
        if not words:
            return text
        return re.sub(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])", lambda m: k.english[m.group(0).lower()], text,
                      flags=re.IGNORECASE)
    lowered = text.lower()
    pattern = _alternation(k.english.keys())
    if pattern is not None:
        lowered = pattern.sub(lambda m: f" {k.english[m.group(0)]} ", lowered)
    lowered = re.sub(r"[a-z']+", " ", lowered)
    return _squeeze_spaces(lowered.replace("?", " ")).strip() or text


def _collapse_punct(text: str) -> str:
    text = re.sub(rf"([{re.escape(_PUNCT)}])[{re.escape(_PUNCT)}]+", r"\1", text)
    return text.strip(" ,，、")


def _openers_off(text: str, k: Knowledge) -> str:
    """另外问一下，住房公积金多少 / 嗯 那个 比去年涨了多少: the turn to a new question, set off by a
    pause (punctuation, or a space — read before the spaces between characters are squeezed)."""
    if k.introductions:  # 我是新来的，想问下…: who asks (no figure, no year: a short clause)
        said = "|".join(re.escape(w) for w in sorted(k.introductions, key=len, reverse=True))
        text = re.sub(rf"^(?:{said})[^{re.escape(_PUNCT)}\d]{{0,16}}[{re.escape(_PUNCT)}]\s*(?=\S)", "", text)
    if not k.openers:
        return text
    said = "|".join(re.escape(w) for w in sorted(k.openers, key=len, reverse=True))
    return re.sub(rf"^(?:(?:{said})[{re.escape(_PUNCT)}\s]+)+(?=\S)", "", text, flags=re.IGNORECASE)


A_UNIT = re.compile(r"(?:人民币)?(?:元|万元|万|亿元|亿|千元|百分|%|比例|占比|小数)")  # 换成元: a unit, kept


def _drop_fillers(text: str, k: Knowledge) -> str:
    pattern = _alternation(k.fillers)
    if pattern is not None:
        text = pattern.sub("", text)
    text = _openers_off(text, k)
    for word in sorted(k.leading, key=len, reverse=True):
        if text.startswith(word) and len(text) > len(word) + 1:
            text = text[len(word):]
            break
    for word in sorted(k.switched, key=len, reverse=True):
        rest = text[len(word):]
        if text.startswith(word) and len(rest) >= 2 and not A_UNIT.match(rest):
            text = rest  # 换成市场监督管理事务呢: the thing switched to, asked as the one before was
            break
    if k.final_particles:
        parts = "|".join(re.escape(p) for p in k.final_particles)
        text = re.sub(rf"(?:{parts})+(?=[{re.escape(_PUNCT)}\s]|$)", "", text)
    return text.strip(" ,，、.。?？!！")


_Q = r"([一二三四1-4])"
_SEP = r"(?:季度)?[、,，和与及跟]?第?"
QUARTER_RUN = re.compile(rf"(?<![\d一二三四五六七八九十])第?{_Q}{_SEP}{_Q}"
                         rf"(?:{_SEP}{_Q})?(?:{_SEP}{_Q})?个?季度?")
QUARTER_SPANS = {"上半年": "一二", "下半年": "三四", "前两个季度": "一二", "前二个季度": "一二",
                 "前2个季度": "一二", "前两季度": "一二", "前三个季度": "一二三", "前三季度": "一二三",
                 "前3个季度": "一二三", "后两个季度": "三四", "后2个季度": "三四"}


SUMMED = ("合计", "一共", "总共", "加起来", "共计", "总计")


def _quarters(text: str) -> str:
    """一二季度 / 1、2季度 / 第三、四季度 / 上半年 → 第一季度和第二季度: several quarters said at once
    name each quarter (the 说明 plans by quarter), so a sum over them is of those quarters only."""
    if "季" not in text and "半年" not in text:
        return text
    for said, which in QUARTER_SPANS.items():
        if said in text and ("半年" not in said or "季" in text or "用款" in text):
            # a period is one figure: the quarters' sum (上半年用款计划 is the first two together)
            text = text.replace(said, f"{which}季度")
            if not any(w in text for w in SUMMED):
                text = re.sub(r"((?:是|有)?多少(?:钱|万元|元)?|呢)?[?？]?$", r"合计\1", text, count=1)
    def spelled(m: re.Match[str]) -> str:
        return "和".join(f"第{n}季度" for n in m.groups() if n)
    return QUARTER_RUN.sub(spelled, text)


def _convert_numerals(text: str, k: Knowledge) -> str:
    """Convert Chinese numerals on numeral spans only: cn2an on whole text turns 一般 into 1般."""

    def repl(m: re.Match[str]) -> str:
        span, before, after = m.group(0), text[: m.start()], text[m.end():]
        # 二零六零一零二一般…: the last 一 belongs to the next word (一般) when they form one.
        if len(span) > 2 and span.endswith("一") and any(("一" + after).startswith(w) for w in k.one_words):
            return repl_span(span[:-1], before, "一" + after) + "一"
        return repl_span(span, before, after)

    def repl_span(span: str, before: str, after: str) -> str:
        if len(span) > 1 and span[-1] in "万亿":  # 一千六百八十一点三八万元: keep the unit word
            return repl_span(span[:-1], before, span[-1] + after) + span[-1]
        pure_digits = len(span) >= 2 and all(ch in _DIGITS for ch in span) and "两" not in span
        if pure_digits:  # 二零六零一零二 / 二〇二五: read digit by digit
            return "".join(str("零一二三四五六七八九".index(ch)) if ch != "〇" else "0" for ch in span)
        if any(after.startswith(w) for w in k.keep_before) or any(before.endswith(w) for w in k.keep_after):
            return span
        ordinal = any(before.endswith(p) for p in k.ordinal_prefixes)
        if span == "一" and not ordinal and any((span + after).startswith(w) for w in k.one_words):
            return span  # 一年 / 一般: a word, not the count 1 (第一季度 is still the 1st)
        counted = any(after.startswith(c) for c in k.classifiers)
        if not (ordinal or counted) or before[-1:].isdigit():
            # 2026三年: a count right after a figure would fuse with it (20263年), so it stays
            return span
        try:
            value = cn2an.cn2an(span.replace("两", "二"), "smart")
        except (ValueError, KeyError):
            return span
        return f"{value:g}" if isinstance(value, float) else str(value)

    return re.sub(f"[{_NUMERAL_CHARS}]+", repl, text)


def _set_scope(text: str, k: Knowledge) -> str:
    """几个项目里钱第二多: the set looked inside, not how many (这几个/那几个 point back: kept)."""
    if not k.scope_sets or "几" not in text:
        return text
    sets, after = (_longest_first(words) for words in (k.scope_sets, k.scope_after))
    return re.sub(rf"(?<![这那前后第])几个?({sets})(?=(?:{after}))", r"\1", text)


def _longest_first(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_request(text: str, k: Knowledge) -> str | None:
    hits = [w for w in k.unit_words if w in text]
    return k.unit_words[max(hits, key=len)] if hits else None


# 的几项 before a noun and a sum (X的几项明细加起来): the items meant, not how many they are (有几项
# counts; 这几项 / 其他几项 refer to items said before) — dropped so that no step reads a count into it
DETERMINED = re.compile(r"(?<=的)几(?:项|条|笔)(?=[\u4e00-\u9fff]{1,6}?"
                        r"(?:加起来|加在一起|合计|一共|总共|共计|相加|之和|总和|合起来))")


def normalise(raw: str, k: Knowledge, year: int) -> Question:
    text = unicodedata.normalize("NFKC", raw or "")
    text = _t2s().convert(text)
    text = _squeeze_spaces(_strip_noise(_openers_off(text.strip(), k)))
    text = _english(text, k)
    text = _split_code_lists(_collapse_punct(text))
    text = DETERMINED.sub("", _drop_fillers(text, k))
    text = _convert_numerals(_quarters(text), k)
    text, years = resolve_time(text, k, year)
    text = _examples(_asides(canon(_TERM_GLOSS.sub(r"\1", text), k)))
    text = _set_scope(opening_words(bare_words(text, k), k), k)
    codes = typed_codes(text, years)
    return Question(
        raw=raw or "",
        text=text,
        years=tuple(years),
        numbers=tuple(typed_figures(text, codes, years)),
        codes=tuple(codes),
        unit_request=_unit_request(text, k),
    )
