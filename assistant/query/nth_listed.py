"""The place rule: 项目支出预算表里第二个项目叫啥，多少钱 / 商品和服务支出里最后一项是什么 — the line at a
place of a set in the order the document prints it, read as the set's listing (the breakdown rule)
and the line at that place taken from it. A place said with an order by amount (第二大的, 排第二) is
the ranking rule's, and a place with no set said (第二个呢) is the conversation's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    pass

RULE = "X里第N个"
# X表里 / X里面 … 第2个 / 最后一个 … (项目) … 叫啥 / 是什么 / 多少钱 — nothing else asked
_PLACE = re.compile(r"^(?P<scope>.{2,}?(?:表|里面|里|当中|中))的?(?:第(?P<n>\d+)|(?P<last>最后1?|倒数第1))"
                    r"(?:个|项|条|行)(?P<noun>[\u4e00-\u9fff]{0,3}?)"
                    r"(?:的名称|名称|名字)?(?:是|叫)?(?:什么|啥|哪个|哪一个|哪项|哪一项)?(?:名字)?"
                    r"(?:[,，]?(?:金额|预算|钱)?(?:是|有)?多少(?:钱|万元|元)?)?$")
BY_AMOUNT = re.compile(r"[大多高少小低贵]|排")  # 第二大的项目: an order by amount, the ranking rule's


def nth_listed(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    m = _PLACE.match(said)
    if m is None or BY_AMOUNT.search(m.group("noun") or ""):
        return None
    place = -1 if m.group("last") else int(m.group("n"))
    if place == 0:
        return None
    listing = f"{m.group('scope')}有哪些{m.group('noun') or ''}"
    return Query(op="list", subjects=(Subject(text=listing, span=(0, len(said))),), rule=RULE, place=place)


def at_place(answer: Answer, place: int) -> Answer:
    """The line at `place` of a listing, as the listing printed it (its figure and its citation)."""
    rows = [(v, c) for v, c in zip(answer.values, answer.citations, strict=False) if v.unit != "%"]
    if not rows or abs(place) > len(rows) or (place > 0 and place > len(rows)):
        return Answer(status="unanswerable", text=f"这里只列出 {len(rows)} 项，没有第 {place} 项。")
    v, c = rows[place - 1] if place > 0 else rows[-1]
    said = "最后一项" if place < 0 else f"第 {place} 项"
    text = f"按表中列示的顺序，{said}是“{v.label}”，{_amount(v.value)} {v.unit}（{c.table}，第{c.line}行）。"
    # (the listing stays the answer's table: 最后一个呢 / 第三个呢 after it count in it)
    return Answer(status="answered", values=[v], citations=[c], text=text, table=answer.table)


def _amount(x: float) -> str:
    from assistant.fmt import amount

    return amount(x)
