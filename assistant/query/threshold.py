"""The threshold rule: the lines of a set past, under or at a figure, listed or counted
(X 超过 N 万的有哪些 / X 里有几个科目正好是 N 万)."""

from __future__ import annotations

import re

from assistant.query.model import Query, Subject
from assistant.tag import Lexicon

ABOVE = ("超过", "高于", "大于", "多于", "不少于", "不低于", "以上", "及以上")
BELOW = ("低于", "少于", "小于", "不到", "以下", "及以下", "不超过", "以内")
INCLUSIVE = ("不少于", "不低于", "及以上", "及以下", "不超过", "以内", "以上", "以下")
EQUAL = ("正好是", "恰好是", "刚好是", "正好", "恰好", "刚好", "等于")
COUNT_ASKS = ("有几个", "有几项", "有多少个", "有多少项", "几个", "几项")


def threshold(text: str, lex: Lexicon) -> Query | None:
    """X (金额)超过 N 万(及以上)的有哪些 / X 里有几个科目(的预算)正好是 N 万 — the lines of a set
    past (or at) a figure, listed or counted."""
    from assistant.query.subjects import _alt, _subject

    words = _alt(ABOVE + BELOW + EQUAL)
    asks = _alt(COUNT_ASKS)
    sets = "经济科目|功能科目|支出|项目|品目|明细|科目|类|款"
    figure = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|万|元|亿元|亿)?"  # (1,000.00 as printed)
    which_words = "哪些|哪几项|哪几个|哪几笔|哪几款|哪几类"  # 超过5万的有哪几项 / 不到50万的是哪些科目
    # 超过500万元的项级科目有哪几个: the set may be said with its level (项级/明细/经济分类) before its head
    named_set = rf"[\u4e00-\u9fff]{{0,6}}?(?:{sets})"
    m = re.search(rf"^(.*?)(?:金额|预算|支出)?(?:在)?({words})?{figure}({words})?"
                  rf"的?({named_set})?(?:是|有|都有)?({which_words}|{asks})(?:{sets}|项)?$", text)
    # the set asked first: 哪些项目超过1000万(的)
    which = rf"^(?:哪些|哪几个|哪几项|有哪些)({named_set})的?(?:金额|预算|支出)?(?:在)?"
    first = None if m else re.search(rf"{which}({words}){figure}({words})?的?$", text)
    if first is not None:
        scope = Subject(text=first.group(1), span=first.span(1))
        word, unit_word = first.group(5) or first.group(2), first.group(4)
        return _query(scope, word, first.group(3), unit_word, counted=False)
    # count first, figure after: 基本支出里，有几个科目的预算正好是1万元
    c = m or re.search(rf"^(.*?)[里中,，]*({asks})(?:科目|项目|品目|明细|项)?的?(?:金额|预算|支出)?({words})"
                       r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|万|元|亿元|亿)?$", text)
    level = LEVEL_SET.fullmatch(m.group(6) or "") if m is not None else None
    if m is not None:
        scope_span, word, figure, unit_word = m.span(1), m.group(2) or m.group(5), m.group(3), m.group(4)
        counted = m.group(7) in COUNT_ASKS
        if scope_span[1] <= scope_span[0] and m.group(6) and level is None:  # 超过100万的项目有哪些: the set
            scope_span = m.span(6)
    elif c is not None:
        scope_span, word, figure, unit_word, counted = c.span(1), c.group(3), c.group(4), c.group(5), True
    else:
        return None
    if not word and m is not None and m.group(4) and text[m.end(4):].startswith("的"):
        word = EQUAL[0]  # 100万的明细有几项: lines at that figure
    if not word:
        return None
    scope = _subject(text, *scope_span) if scope_span[1] > scope_span[0] else None
    if level is not None and m is not None and not DEICTIC.search(text[scope_span[0]: scope_span[1]]):
        # 商品和服务支出中超过50万元的款: the lines of that level in it (它下面…: the line just asked's own)
        said = f"{level.group(1)}级科目"
        inside = re.sub(r"(?:下面|下边|之下|下)$", "", scope.text) if scope else ""
        at = scope.span if scope else m.span(6)
        scope = Subject(text=f"{inside}里的{said}" if inside else said, span=at)
    if text[scope_span[0]: scope_span[1]] == "其中":  # 其中超过1000万的: of the set just listed (compose)
        scope = Subject(text="其中", span=scope_span)
    if scope is None or _other_column(scope.text, lex):
        return None
    return _query(scope, word, figure, unit_word, counted)


DEICTIC = re.compile(r"它|这|那|其")
LEVEL_SET = re.compile(r"([类款项])(?:级科目|级|科目)?")  # a level said as the set (的款有几个)


def _query(scope: Subject, word: str, figure: str, unit_word: str | None, counted: bool) -> Query:
    unit = {"万": "万元", "亿": "亿元"}.get(unit_word or "万", unit_word or "万元")
    side = "above" if word in ABOVE else "equal" if word in EQUAL else "below"
    inclusive = side == "equal" or word in INCLUSIVE
    return Query(op="threshold", subjects=(scope,), unit=unit, rule="X超过N的有哪些", counted=counted,
                 bound=(float(figure.replace(",", "")), side, inclusive))


OTHER_COLUMNS = frozenset({"price", "quantity", "percent", "weight", "target"})  # never the amount


def _other_column(scope: str, lex: Lexicon) -> bool:
    """单价超过1万元的品目: the figure bounds another column than the amount the set lists (单价,
    数量), which this rule does not filter on — never the amounts instead."""
    from assistant.tag import tag

    return any(t.kind == "measure" and t.value in OTHER_COLUMNS for t in tag(scope, (), lex))
