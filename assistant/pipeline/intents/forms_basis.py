"""Figures that live in a 支出明细 line's 测算依据 text rather than in its amount column.

'合同金额 566 万元', '3 家分别给予 50 万元', '奖励10万元/家', '湖北百奥斯生物已获得 … 50万元':
each number with its unit is a `Span`, kept with the words printed just before it and the
clause it stands in. A question asks for one kind of span (a contract sum, a count of firms, a
rate per firm, what one named party gets); every span that fits equally well is stated, each as
a figure with its clause quoted — picking one of several would risk a wrong figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.pipeline.intents.forms_common import contains_any

# Kinds of question about the explanation text, with the words that ask them. Order matters:
# the first kind whose words appear wins (a 合同金额 question also says 合同).
CONTRACT_WORDS = (
    "合同金额",
    "合同额",
    "合同价",
    "签约金额",
    "合同总金额",
    "中标金额",
    "中标价",
    "成交金额",
)

RATE_WORDS = (
    "奖励标准",
    "补贴标准",
    "支持标准",
    "标准是",
    "什么标准",
    "每家",
    "每个",
    "每户",
    "单个",
    "一家多少",
    "单价",
)
# '给恒生保泰多少', '百奥斯生物获得多少'
PARTY_RE = re.compile(r"给(?:了)?([\u4e00-\u9fa5A-Za-z]{2,16}?)(?:公司|企业)?(?:多少|几)")
PARTY_GOT_RE = re.compile(
    r"([\u4e00-\u9fa5A-Za-z]{2,16}?)(?:公司|企业)?(?:获得|拿到|拿了|得到|领到)(?:了)?多少"
)

# '566 万元', '10万元/家', '3 家', '0.02%', '5-6家' (a range: both ends are stated)
SPAN_RE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s*[-~—至]\s*(\d+(?:\.\d+)?))?\s*"
    r"(万元\s*[/／每]\s*[家个户项人年]|元\s*[/／每]\s*[家个户项人年]|万元|亿元|万(?!元)|元|家|个|户|项|场|批次|批|期|人次|次|人|%)"
)
COUNT_UNITS = ("家", "个", "户", "项", "场", "次", "人", "批次", "批", "期", "人次")
COUNT_WORDS = tuple(f"{ask}{u}" for u in COUNT_UNITS if u not in ("项", "人") for ask in ("几", "多少"))
# words just before a money figure that make it a rate, not a total ('每个支持 50 万元')
# words just before a money figure that make it a rate ('每批次 3 万元', '分别给予 50 万元')
RATE_BEFORE = re.compile(r"每[\u4e00-\u9fa5]{0,2}|单个|分别|单价")
# a question asking a per-unit figure: '每场多少', '每批次多少钱'
# (一场多少钱 / 多少钱一场: one of the things counted is asked the same way)
# (the normaliser writes 一家 as 1家; 一场 stays as it is)
RATE_ASK = re.compile(r"每[\u4e00-\u9fa5]{1,2}(?:的)?(?:预算|经费|金额|安排了?|要花|花了?|大概|大约)?"
                      r"(?:多少|几|是多少|给|奖|补|支持|费用)"
                      r"|[一1](?:批次|人次|[场家次批期户位名轮]|个项目|个)的?(?:最高|最多)?(?:要|需要|得)?"
                      r"(?:奖励|扶持|补助|补贴|支持|给|花了?|要花|费用|预算|经费|安排了?)?"
                      r"(?:多少|是多少)|多少钱?[一1](?:批次|人次|[场家次批期户位名轮])"
                      # 新增一家限上商贸企业奖励多少: the one thing said whole between
                      r"|(?<!第)[一1](?:家|户|名|位)[\u4e00-\u9fa5]{1,8}?(?:奖励|补助|补贴|扶持|支持)了?(?:多少|是多少)")
CLAUSE_END = re.compile(r"[。；;\n]")
PART_END = re.compile(r"[。；;\n，,（）()]")
AWARD = re.compile(r"合同金额|合同总金额|给予|奖励|补助|支付|获得|兑现")
COMMA = re.compile(r"[。；;\n，,]")
BEFORE_CHARS = 14


@dataclass(frozen=True)
class Span:
    value: Decimal
    upper: Decimal | None  # the other end of a range ('5-6 家')
    unit: str  # as printed, without spaces: 万元, 家, 万元/家, %
    before: str  # the words printed just before the figure, within its clause
    clause: str  # the words around the figure, to quote
    start: int

    def said(self) -> str:
        number = f"{_num(self.value)}-{_num(self.upper)}" if self.upper is not None else _num(self.value)
        return f"{number} {self.unit}" if self.unit != "%" else f"{number}%"


def _num(v: Decimal | None) -> str:
    text = f"{v:f}" if v is not None else ""
    return text.rstrip("0").rstrip(".") if "." in text else text


def spans(basis: str) -> list[Span]:
    out: list[Span] = []
    last_end = 0
    for m in SPAN_RE.finditer(basis):
        unit = re.sub(r"\s+", "", m.group(3)).replace("／", "/").replace("每", "/")
        unit = "万元" if unit == "万" else unit
        start = max((e.end() for e in CLAUSE_END.finditer(basis, 0, m.start())), default=0)
        # the words that describe this figure start after the previous figure
        before = basis[max(start, last_end, m.start() - BEFORE_CHARS) : m.start()]
        upper = Decimal(m.group(2)) if m.group(2) else None
        out.append(Span(Decimal(m.group(1)), upper, unit, before, _quote(basis, start, m.end()), m.start()))
        last_end = m.end()
    return out


PER_PERIOD = re.compile(r"每(?:个)?(月|天|日|周|星期|季度|年)")  # a rate asked per period of time


def _quote(basis: str, sentence_start: int, end: int) -> str:
    """The comma-part holding the figure and the one before it ('…与中国电信湖北分公司签订
    服务合同，合同金额 566 万元'): enough to show what the figure is, short enough to read."""
    stops = [b.end() for b in COMMA.finditer(basis, sentence_start, end)]
    begin = stops[-2] if len(stops) >= 2 else sentence_start
    stop = COMMA.search(basis, end)
    return basis[begin : stop.start() if stop else len(basis)].strip(" ，,：:")


def asked_kind(text: str) -> str | None:
    """contract | count | rate | party, or None when the question asks none of these."""
    if contains_any(text, CONTRACT_WORDS):
        return "contract"
    if party_name(text):
        return "party"
    if contains_any(text, RATE_WORDS) or RATE_ASK.search(text):
        return "rate"
    if contains_any(text, COUNT_WORDS) or COUNTED_BY.search(text):
        return "count"
    return None


# 按多少人算的: the number a sum was worked out by (…36元/人*3000人) — 多少人 alone asks a headcount
COUNTED_BY = re.compile(r"按(?:多少|几)(?:人|项)")


def _money(s: Span) -> bool:
    return s.unit in ("万元", "亿元", "元")


def _is_rate(s: Span) -> bool:
    return "/" in s.unit or (_money(s) and RATE_BEFORE.search(s.before) is not None)


# 登记技术合同成交额累计 1.00 亿元以上: a bar a firm must reach, never the sum of a contract
THRESHOLD_AFTER = re.compile(r"\s*(?:（含）|\(含\))?(?:以上|以下|及以上|及以下|起)")
THRESHOLD_BEFORE = ("累计", "达到", "超过", "不低于", "不少于", "高于")


def _threshold(s: Span, basis: str) -> bool:
    m = SPAN_RE.match(basis, s.start)
    after = THRESHOLD_AFTER.match(basis, m.end()) if m is not None else None
    return contains_any(s.before, THRESHOLD_BEFORE) or after is not None


YEAR = re.compile(r"((?:19|20)\d{2})年")


def _of_years_asked(found: list[Span], question: str) -> list[Span]:
    """2026年有多少家 where the text counts 2023年109家、2024年99家、预计2025年130家: the counts said of
    the year asked, and none when the text dates its counts and not that year."""
    asked = set(YEAR.findall(question))
    if not asked or not any(YEAR.search(s.before) for s in found):
        return found
    return [s for s in found if asked & set(YEAR.findall(s.before))]


def pick(kind: str, basis: str, question: str) -> list[Span]:
    """The spans of `basis` that answer a question of this kind (all that fit equally)."""
    found = spans(basis)
    if kind == "contract":
        return [s for s in found if _money(s) and contains_any(s.before, ("合同", "中标", "成交", "签约"))
                and not _threshold(s, basis)]
    if kind == "count":
        wanted = next((u for u in COUNT_UNITS if f"几{u}" in question or f"多少{u}" in question), None)
        units = (wanted,) if wanted not in (None, "个", "家") else ("家", "个", "户")
        # 几批 counts what the text prints as 15 批次 (and 几批次 what it prints as 15 批)
        counted = [s for s in found if any(s.unit.startswith(u) or u.startswith(s.unit) for u in units)]
        return _of_years_asked(counted, question)
    if kind == "rate":
        period = PER_PERIOD.search(question)
        if period is not None:  # 每个月多少: only a rate said per that period (每场 is no month)
            return [s for s in found if _is_rate(s) and period.group(1) in s.before + s.unit]
        return [s for s in found if _is_rate(s)]
    if kind == "party":
        return _party(found, basis, question)
    return []


GENERIC_PARTIES = ("企业", "公司", "单位", "他们", "对方", "项目", "我们", "职工", "员工", "干部", "工作人员",
                   "人员", "个人", "大家", "在职", "退休")


def party_name(question: str) -> str | None:
    m = PARTY_RE.search(question) or PARTY_GOT_RE.search(question)
    # '给每家企业多少' asks a rate, '给几家' a count: those are no party's name
    if m is None or contains_any(m.group(1), ("每", "几", "各", "单个", "多少", "这", "那")):
        return None
    if m.group(1).startswith(GENERIC_PARTIES):
        return None  # no party named (给职工交的养老保险): a general question about the line
    return m.group(1).split("的")[0] or None  # 给单项冠军企业的奖励: the party, not what it is given


BRACKETED = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|万|元)\s*")  # a figure right before the bracket ('60 万（')
PARTY_RUN_MIN = 3  # characters of the party's name a 测算依据 must print (unless it is all of it)


def _party(found: list[Span], basis: str, question: str) -> list[Span]:
    """The money figures printed in the same comma-part as the party the question names
    ('湖北百奥斯生物已获得武汉市中试平台奖励50万元' for '百奥斯')."""
    name = party_name(question)
    if not name:
        return []
    # the party may be printed longer or shorter than asked: its longest run in the text
    best = next(
        (
            name[i : i + size]
            for size in range(len(name), 1, -1)
            for i in range(len(name) - size + 1)
            if name[i : i + size] in basis
        ),
        "",
    )
    if len(best) < 2 or (len(best) < PARTY_RUN_MIN and best != name):
        return []  # (奖励 of a longer name: a word any 测算依据 says; 普创 said whole is a name)
    out: list[Span] = []
    for m in re.finditer(re.escape(best), basis):
        start = max((b.end() for b in PART_END.finditer(basis, 0, m.start())), default=0)
        end_m = PART_END.search(basis, m.end())
        end = end_m.start() if end_m else len(basis)
        own = [s for s in found if _money(s) and start <= s.start < end]
        if not own and start > 0 and basis[start - 1] in "（(":
            # '兑现资金 60 万（恒生保泰落户奖励第二年）': the bracket says whose the figure before it is
            own = [s for s in found if _money(s) and BRACKETED.fullmatch(basis[s.start:start - 1])][-1:]
        if not own:
            # '与中国电信湖北分公司签订服务合同，合同金额 566 万元': the party's figure follows in
            # the same sentence, after a word that gives money to someone; the nearest one only
            stop = CLAUSE_END.search(basis, m.end())
            stop_at = stop.start() if stop else len(basis)
            own = [s for s in found if _money(s) and end <= s.start < stop_at and AWARD.search(s.before)][:1]
        out += [s for s in own if s not in out]
    return out


__all__ = ["Span", "asked_kind", "party_name", "pick", "spans"]
