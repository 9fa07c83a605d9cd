"""The rules of one subject over years: A 比 Y 年增长多少 (a change), A 近三年分别多少 (a series)."""

from __future__ import annotations

import re

from assistant.query.model import Query
from assistant.query.subjects import ORIGINAL, YEAR, _alt, _joined, _only_asking, _subject
from assistant.tag import Lexicon

CHANGE_TAIL = (r"(?:是)?(?:多少|几|百分之几|百分之多少|几个百分点|多少个百分点)?(?:钱)?"
               r"(?:[?？,，]?(?:增幅|涨幅|降幅|幅度|增长率)(?:是)?(?:多少)?)?$")


def change(text: str, lex: Lexicon) -> Query | None:
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
        if m is not None and SUMMED_OVER.search(text):
            return None  # 从2023年到2025年一共多少: the years added up (years_said), never a change
        if m is None or s is None or int(m.group(3)) <= int(m.group(2)):
            return _bare(text, words)
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


BARE_RATE = (r"(?:的)?(?:增幅|涨幅|降幅|减幅|增长率|下降率|变化幅度|增长幅度|下降幅度|减少幅度)"
             r"(?:是|为)?(?:多少|几|百分之几)?$")


# A (今年)涨了多少: the change of the year said (this year's, unsaid) over the year before it
BARE_CHANGE = (r"(?:的)?(?:预算)?(?:上涨了|涨了|增加了|增长了|减少了|下降了|降了|多了|少了)"
               r"(?:是|有)?多少(?:钱|万元|万|元)?$")


def _bare(text: str, words: str) -> Query | None:
    """A 增幅是多少 / A 涨了多少 with no year compared: the year's figure over the year before's."""
    if "比" in text:
        return None
    said = YEAR.findall(ORIGINAL.get() or text)
    m = re.search(rf"^(.+?){BARE_RATE}", text)
    if m is not None and not said:
        s = _joined(text, m, (1,))
        return Query(op="change", subjects=(s,), years=(0, BEFORE), rule="A增幅多少") if s else None
    if len(said) > 1:
        return None
    year_said = r"(\d{4})年度?" if said else "()"
    m = re.search(rf"^(.*?){year_said}(.*?){BARE_CHANGE}", text)
    if m is None:
        return None
    s = _joined(text, m, (1, 3))
    year = int(m.group(2)) if m.group(2) else None
    years = (year, year - 1) if year else (0, BEFORE)
    return Query(op="change", subjects=(s,), years=years, rule="A涨了多少") if s else None


BEFORE = -1  # the year before the document's (the plan reads it)


# 近三年 counts this year in (2024—2026); 近两年 is left to the readings of the forms, whose
# 前两年 columns say which two years they mean.
SERIES = {"近三年": 3, "这三年": 3, "近3年": 3, "这3年": 3, "三年": 3, "3年": 3}


SERIES_SUM = re.compile(r"(?:一共|合计|加起来|总共|共计|累计|加在一起)")
SERIES_SUM_RULE = "A近N年合计"
SERIES_MEASURES = ("预算", "预算数", "金额", "资金", "安排")  # 三年预算加起来: the figure summed, said


def series(text: str, lex: Lexicon) -> Query | None:
    """A 近三年(的预算)分别是多少 — one subject, one figure a year."""
    spans = "|".join(SERIES)
    first = re.search(rf"^(?:最近|近|这)?({spans})的?(.+?)(?:分别|各)?(?:是|为)?(?:多少|几)?(?:钱)?$", text)
    if first:  # 近三年(的)A分别是多少
        s = _joined(text, first, (2,))
        return Query(op="series", subjects=(s,), years=(-SERIES[first.group(1)],), rule="近N年A分别多少") \
            if s else None
    # (?<!\d): the 3年 of 2023年 is a year, not 三年
    m = re.search(rf"^(.+?)(?<!\d)({spans})(.*?)(?:分别|各)?(?:是|为)?(?:多少|几)?(?:钱)?$", text)
    if not m:
        return None
    tail_words = (ORIGINAL.get() or text)[m.start(3): m.end(3)]
    total = SERIES_SUM.search(tail_words) if tail_words else None  # 近三年(预算)一共多少
    rest = tail_words[: total.start()] + tail_words[total.end():] if total else tail_words
    summed = total is not None and (not rest or _only_asking(rest) or rest.strip("的") in SERIES_MEASURES)
    s = _joined(text, m, (1, 3) if tail_words and not summed and not _only_asking(tail_words) else (1,))
    if s is None:
        return None
    return Query(op="series", subjects=(s,), years=(-SERIES[m.group(2)],),
                 rule=SERIES_SUM_RULE if summed else "A近N年分别多少")


SUMMED_OVER = re.compile(r"(?:一共|合计|加起来|总共|共计|累计|加在一起|总计)(?:是|有|为)?多少"
                         r"(?:钱|万元|元|万)?$")
YEAR_LIST = r"(?:(?:19|20)\d{2}年?度?[、,，和及与跟]){1,9}(?:19|20)\d{2}年?度?"
YEAR_RANGE = r"从?((?:19|20)\d{2})年?度?(?:到|至|—|-|~)((?:19|20)\d{2})年度?"
YEARS_COUNTED = r"(?:这|共|那)?([2-9两二三四五六七八九])个?年(?:间|期间)?"
COUNTED = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def years_said(text: str, lex: Lexicon) -> Query | None:
    """A 2023、2024、2025三年(预算)加起来 / A从2023年到2025年一共多少 / 2024和2025年A分别多少: one
    subject in each of the years said (a range counts every year in it), added up or listed."""
    m = re.search(rf"^(.*?)({YEAR_LIST}|{YEAR_RANGE})(?:{YEARS_COUNTED})?的?(.*?)$", text)
    if m is None:
        return None
    said = (ORIGINAL.get() or text)[m.start(2): m.end(2)]
    if m.group(3):
        first, last = int(m.group(3)), int(m.group(4))
        years = tuple(range(first, last + 1)) if first < last else ()
    else:
        years = tuple(sorted({int(y) for y in re.findall(r"(?:19|20)\d{2}", said)}))
    counted = m.group(5)
    if len(years) < 2 or (counted and int(COUNTED.get(counted, counted)) != len(years)):
        return None  # 2023到2025两年: the count said is not the years said — never guessed
    tail = (ORIGINAL.get() or text)[m.start(6): m.end(6)]
    total = SERIES_SUM.search(tail)
    listed = re.search(r"(?:分别|各)(?:是|为)?(?:多少|几)?(?:钱)?$", tail)
    if total is None and listed is None:
        return None
    cut = total or listed
    rest = tail[: cut.start()]  # 预算加起来: the figure summed, said
    after = tail[cut.end():]
    if after and not _only_asking(after):
        return None
    named_after = bool(rest) and rest.strip("的") not in SERIES_MEASURES
    if m.start(2) > 0 and named_after:
        return None  # A 2023、2024年的 B: a thing said on both sides of the years is no one subject
    s = _subject(text, m.start(6), m.start(6) + cut.start()) if named_after else _subject(text, 0, m.start(2))
    if s is None:
        return None
    return Query(op="series", subjects=(s,), years=years,
                 rule=SERIES_SUM_RULE if total is not None else "A各年分别多少")


__all__ = ["SERIES_SUM_RULE", "change", "series", "years_said"]
