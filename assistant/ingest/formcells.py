"""Cell helpers shared by the performance forms (预算14表, 预算15表).

The source is a text rendering of PDF tables: tab-separated cells, stray HTML, LaTeX
comparison operators, CJK words broken by spaces where the PDF wrapped a cell. Everything
here is pure string work so it can be property-tested without a document.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

_TAG = re.compile(r"<[^>]+>")
_PARA_END = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$|^[-+]?\.\d+$")
_SEPARATOR = re.compile(r"^[-—=:|\s]+$")
_BLANKS = re.compile(r"[ \t\u00a0]+")
_WHITESPACE = re.compile(r"\s+")
_HALF_WIDTH = str.maketrans("（）：", "():")
# The pure string helpers see the same cells and labels many times per document.
CACHE_SIZE = 1 << 14

# LaTeX and full-width spellings of comparison operators, mapped to the canonical sign.
_LATEX_OPS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\neq": "≠",
    r"\gt": ">", r"\lt": "<",
}
_OP_CHARS = {"≥": "≥", "≧": "≥", "⩾": "≥", "≤": "≤", "≦": "≤", "⩽": "≤",
             ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "="}
_OP_WORDS = {"不低于": "≥", "不少于": "≥", "大于等于": "≥", "不高于": "≤", "不超过": "≤",
             "小于等于": "≤", "大于": ">", "小于": "<", "等于": "="}
_VALUE = re.compile(
    r"^(?P<op>[≥≤><=]|>=|<=)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>[%‰]|[^\d\s/（(]{1,4})?\s*(?:[/（(].*)?$"
)


def split_cells(line: str) -> list[str]:
    """The tab-separated cells of one line, each HTML-stripped and trimmed (positions kept)."""
    return [clean_cell(c) for c in line.split("\t")]


@lru_cache(maxsize=CACHE_SIZE)
def strip_html(text: str, keep_paragraphs: bool = False) -> str:
    """Remove tags; with keep_paragraphs, </p> and <br> become line breaks."""
    if keep_paragraphs:
        text = _PARA_END.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    lines = [_BLANKS.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


@lru_cache(maxsize=CACHE_SIZE)
def clean_cell(text: str) -> str:
    """One cell as text: no HTML, no markdown bold, single spaces."""
    return strip_html(text).replace("**", "").strip()


def squeeze(text: str) -> str:
    """Remove spaces the PDF put inside CJK words (科技 交流与 合作活 动次数 → 科技交流与合作活动次数)."""
    return _CJK_GAP.sub("", text.strip())


@lru_cache(maxsize=CACHE_SIZE)
def nospace(text: str) -> str:
    """Label form for matching: no whitespace, half-width brackets and colons."""
    return _WHITESPACE.sub("", text).translate(_HALF_WIDTH)


def join_text(left: str | None, right: str) -> str:
    """Join text that a PDF line wrap split; Chinese needs no space, Latin words do."""
    if not left:
        return right
    if left[-1].isascii() and left[-1].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def drop_overlap(left: str, right: str, minimum: int = 10) -> str:
    """`right` without the text a page break repeated from the end of `left`."""
    for size in range(min(len(left), len(right)), minimum - 1, -1):
        if left.endswith(right[:size]):
            return right[size:].lstrip()
    return right


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def is_separator(tokens: list[str]) -> bool:
    return all(_SEPARATOR.match(t) for t in tokens)


def parse_money(text: str | None) -> Decimal | None:
    """1,430.68 / 117.3 / 1666.88 万 → Decimal; a blank or non-numeric cell → None."""
    if text is None:
        return None
    t = re.sub(r"\s+", "", text).replace(",", "").replace("，", "")
    t = re.sub(r"(万元|万|元)$", "", t)
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def parse_percent(text: str | None) -> Decimal | None:
    """100% → Decimal('100'); blank → None."""
    if not text or not text.strip().endswith(("%", "％")):
        return None
    return parse_money(text.strip()[:-1])


def ticked_option(text: str) -> str | None:
    """The option whose checkbox is ticked: '1. 运转类 <input type="checkbox"/> 2. 特定目标类
    <input checked="" type="checkbox"/>' → '特定目标类'. Also reads ☑/■ glyph renderings."""
    text = re.sub(r"<input[^>]*\bchecked\b[^>]*>", "\x01", text, flags=re.IGNORECASE)
    text = re.sub(r"<input[^>]*>", "\x02", text, flags=re.IGNORECASE)
    text = text.replace("☑", "\x01").replace("■", "\x01").replace("☐", "\x02").replace("□", "\x02")
    parts = re.split(r"([\x01\x02])", text)
    for i in range(1, len(parts), 2):
        if parts[i] == "\x01":
            label = strip_html(parts[i - 1])
            label = re.sub(r"^\s*\d+\s*[.、．]\s*", "", label).strip()
            if label:
                return label
    return None


def normalise_value(raw: str) -> str:
    """An indicator value as the PDF printed it: LaTeX ($\\geq 150$ 家) rendered back to ≥150 家."""
    text = raw.strip()
    if "$" in text or "\\" in text:
        for latex, sign in sorted(_LATEX_OPS.items(), key=lambda kv: -len(kv[0])):
            text = text.replace(latex, sign)
        text = text.replace("\\%", "%").replace("$", "")
        text = re.sub(r"([≥≤><=≠])\s+(?=\d)", r"\1", text)
        text = re.sub(r"\s+", " ", text).strip()
    return text


class ParsedValue(NamedTuple):
    op: str | None
    num: Decimal | None
    unit: str | None


def parse_indicator_value(raw: str) -> ParsedValue:
    """≥95% → (≥, 95, %); ≥150 户 → (≥, 150, 户); 0 万元 → (=, 0, 万元); 等保三级 → no number.

    A number printed without an operator is a target of equality, hence '='."""
    text = normalise_value(raw).replace("％", "%")
    for word, sign in _OP_WORDS.items():
        if text.startswith(word):
            text = sign + text[len(word):]
            break
    if text[:1] in _OP_CHARS:
        text = _OP_CHARS[text[0]] + text[1:]
    text = text.replace(">=", "≥").replace("<=", "≤")
    m = _VALUE.match(text.strip())
    if not m:
        return ParsedValue(None, None, None)
    num = Decimal(m["num"].replace(",", ""))
    op = {">=": "≥", "<=": "≤"}.get(m["op"] or "", m["op"]) or "="
    unit = (m["unit"] or "").strip() or None
    return ParsedValue(op, num, unit)


def has_number(raw: str) -> bool:
    return parse_indicator_value(raw).num is not None


_YEAR_CELL = re.compile(r"^(\d{4})\s*年?$")


def year_of(text: str) -> int | None:
    """'2024 年' → 2024."""
    m = _YEAR_CELL.match(text.strip())
    return int(m.group(1)) if m else None


_ITEM_START = re.compile(r"(?:^|(?<=[\s。；;，,]))(\d{1,2})\s*[.．、](?!\d)")


def split_numbered(text: str) -> list[tuple[int | None, str]]:
    """'1. 甲； 2. 乙' → [(1, '甲；'), (2, '乙')]; text before the first number keeps None."""
    out: list[tuple[int | None, str]] = []
    marks = list(_ITEM_START.finditer(text))
    if not marks:
        return [(None, text.strip())] if text.strip() else []
    head = text[: marks[0].start()].strip()
    if head:
        out.append((None, head))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end():end].strip()
        if body:
            out.append((int(m.group(1)), body))
    return out
