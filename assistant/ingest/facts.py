"""Figures stated in narrative text → facts (subject, measure, year, signed value, unit).

Generic, clause-level: every number followed by a unit is a fact. Its subject is the noun
phrase between the previous figure (or the clause start) and the number, with years, verbs and
connectives stripped; where that leaves nothing meaningful ('较2025年预算', '增加', '占') the
figure belongs to the subject stated last, and failing that to the section heading.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from assistant.ingest.reader import MAX_NAME_CHARS

# Longer units first: the regex alternation takes the first that matches (万元 before 万).
# fmt: off
# (专用设备818台/套: 台/套 is one unit, never 台 with a subject “/套” after it)
UNITS = ("万元", "亿元", "千元", "元", "平方米", "㎡", "%", "％", "人次", "辆", "家", "个",
         "台/套", "台（套）", "台(套)", "台", "套", "人", "次", "户", "项", "份", "场", "万")
# fmt: on
_UNIT_MEASURE = {"%": "share", "％": "share", "平方米": "area", "㎡": "area"}
_MONEY = {"万元", "亿元", "千元", "元", "万"}

_NUM = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(" + "|".join(UNITS) + r")?")
_SENTENCES = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
_CLAUSE_BREAK = re.compile(r"[，：:]|,(?!\d{3})")  # not the thousands comma of 1,200.5
_YEAR = re.compile(r"(\d{4})\s*年")
_NOT_FIGURE_AFTER = re.compile(r"^\s*(?:年|月|日|号|[、．]|\.(?!\d))")
_UP = re.compile(r"(增加|增长|上升|提高|增)\s*$")
_DOWN = re.compile(r"(减少|下降|降低|减)\s*$")
_SHARE = re.compile(r"占\S{0,12}?\s*$")
_COMPARE = re.compile(r"^(较|比|与|同比|相比|比上年|较上年)")
# The words after which a clause names its subject. Found with finditer and cut after the last
# one (what `.*(?:…)` meant): a greedy `.*` tried at every position is quadratic in line length.
_INVOLVES = re.compile(r"^(?:共|共同|合计)?涉及")  # a clause of what the subject before it involves
_LEAD_WORDS = re.compile(r"其中|纳入|安排|涉及|主要包括|包括|用于")
_TRAIL = re.compile(r"(共有|共计|合计|总计|为|达到|达|约|共|是|有|不少于|不低于|不超过|超过|以上)+$")
_AS_OF = re.compile(r"截[至止]\s*(\d{4})\s*年")
_LEAD = re.compile(r"^(?:截至\S*?日|本部门|我单位|本单位|部门|单位|全年|年度|年|总计|合计|共计)+")
_NOISE = re.compile(r"\d{4}年度?|\d+月\d*日?|[“”\"'‘’\s]|^[（(]?[一二三四五六七八九十\d]+[）)、.．]")
# Bounded: an unbounded lazy run retried at every start is quadratic on a long bracketless line.
_ITEM = re.compile(rf"([^（()）]{{1,{MAX_NAME_CHARS}}}?)[（(]项[）)]")
# the noun after a count ('5个项目'); not a bracketed breakdown ('7辆（一般公务用车3辆…')
_AFTER_COUNT = re.compile(r"^(?![（(])([^，,。；;：:、\d]{2,20})")
_TRAIL_AFTER_COUNT = re.compile(r"(组成|等|以上|左右)$")
_SECTION = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]|情况说明$|安排情况$|情况$")
# Words that name no subject on their own ('预算控制数为 0 万元' → the section's subject).
GENERIC = {
    "预算",
    "预算数",
    "预算控制数",
    "控制数",
    "支出",
    "金额",
    "合计",
    "总计",
    "共",
    "上年",
    "本年",
    "其中",
}
MAX_SUBJECT = 40
BOUNDED = re.compile(r"^\s*(?:[（(]含[）)])?(?:及)?(?:以上|以下)")
# a clause that opens with a total word states the total of the items before it, never the last item
TOTAL_FIRST = re.compile(r"^(?:合计|总计|共计)")
TOTAL_SUBJECT = "合计"


def _after_lead(s: str) -> str:
    last = None
    for last in _LEAD_WORDS.finditer(s):  # noqa: B007 - only the last match is wanted
        pass
    return s[last.end():] if last else s


def _subject(segment: str) -> str | None:
    s = segment.replace(" ", "")
    items = _ITEM.findall(s)
    if items:  # '科学技术支出（类）…行政运行（项）' names the 项
        return _NOISE.sub("", items[-1]) or None
    if _COMPARE.match(s):
        return None
    s = _NOISE.sub("", s)
    s = _after_lead(s)
    s = _TRAIL.sub("", _LEAD.sub("", s))
    s = _UP.sub("", _DOWN.sub("", s)).strip("，,、：:").lstrip("（(")
    if len(s) < 2 or s in GENERIC or len(s) > MAX_SUBJECT:
        return None
    return s


def section_subject(section: str) -> str | None:
    last = section.split(" / ")[-1]
    s = _SECTION.sub("", _SECTION.sub("", last.replace(" ", "")))
    return s or None


def _figures(clause: str, money_unit: str | None) -> list[tuple[int, int, Decimal, str]]:
    out = []
    for m in _NUM.finditer(clause):
        unit = m.group(2)
        after = clause[m.end(1) :]
        if _NOT_FIGURE_AFTER.match(after) and not unit:
            continue
        if not unit:
            # '较2025年预算56.80增加…': a bare decimal next to money figures is money too.
            if "." not in m.group(1) or not money_unit:
                continue
            unit = money_unit
        out.append(
            (m.start(), m.end(), Decimal(m.group(1).replace(",", "")), "万元" if unit == "万" else unit)
        )
    return out


def _measure(segment: str, unit: str) -> tuple[str, int]:
    """(measure, sign) from the unit and the words just before the number."""
    measure = _UNIT_MEASURE.get(unit, "amount" if unit in _MONEY else "count")
    if _UP.search(segment) or _DOWN.search(segment):
        measure = {"share": "rate", "amount": "change"}.get(measure, measure)
        return measure, -1 if _DOWN.search(segment) else 1
    if measure == "share" and not _SHARE.search(segment) and _COMPARE.match(segment.strip()):
        measure = "rate"
    return measure, 1


def extract_facts(text: str, year: int, section: str) -> list[dict]:
    """Facts of one paragraph: dicts with subject, measure, year, value, unit, sentence, offset."""
    facts: list[dict] = []
    last_subject: str | None = None
    fallback = section_subject(section)
    # 截止2022年12月31日，本部门流动资产…。固定资产…: the date the paragraph opens with is the date of
    # every holding it states, in later sentences too (never the budget's year)
    as_of = _AS_OF.match(text.lstrip())
    year = int(as_of.group(1)) if as_of else year
    for sm in _SENTENCES.finditer(text):
        sentence, base = sm.group(0), sm.start()
        years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(sentence)]
        money = next((u for u in (m.group(2) for m in _NUM.finditer(sentence)) if u in _MONEY), None)
        money = "万元" if money == "万" else money
        bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
        for a, b in itertools.pairwise(bounds):
            clause = sentence[a:b]
            prev_start = prev_end = 0
            for start, end, value, unit in _figures(clause, money):
                segment = clause[prev_end:start]
                # 单价100万元（含）以上设备0台: the figure before bounds this subject, so it is part of it
                whole = clause[prev_start:start] if BOUNDED.match(segment) and prev_end else segment
                prev_start, prev_end = prev_end, end
                measure, sign = _measure(segment, unit)
                subject = _subject(whole)
                if measure == "count":
                    m = _AFTER_COUNT.match(clause[end:])
                    after = _TRAIL_AFTER_COUNT.sub("", m.group(1)) if m else ""
                    subject = after if len(after) >= 2 else subject
                if subject is None and TOTAL_FIRST.match(segment.strip(" ，,、：:；;")):
                    subject = TOTAL_SUBJECT  # '…国际化发展50.00万，合计1170.00万': the items' total
                if subject and last_subject and _INVOLVES.match(segment.strip(" ，,")):
                    # '编报绩效目标的项目共25个，涉及项目预算资金11381.60万元': the money of those projects
                    subject = f"{last_subject}涉及的{subject}"
                subject = subject or last_subject or fallback or "未知"
                last_subject = subject
                pos = a + start
                before = [y for p, y in years if p < pos]
                if measure in ("change", "rate"):
                    fact_year = max(before) if before else year
                else:
                    fact_year = before[-1] if before else year
                facts.append(
                    {
                        "subject": subject,
                        "measure": measure,
                        "year": fact_year,
                        "value": value * sign,
                        "unit": unit,
                        "sentence": clause.strip(" ，,：:"),
                        "offset": base + pos,
                    }
                )
    return facts
