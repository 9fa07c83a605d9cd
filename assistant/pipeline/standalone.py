"""Words read one way only where they stand alone: 专项的钱 (项目支出) but not 生命健康专项 (a
project's name); 钱主要花在哪 opening the question (the whole budget's largest 类) but not after a
name (X的钱主要花在哪: what X is for). The words are knowledge (lexicon/colloquial.toml [bare],
[opening]); this module says where they stand alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.pipeline.knowledge import Knowledge


_BARE_BEFORE = re.compile(r"(?:^|[\s\d年的里中,，、?？比和与跟及])$")


# what may follow a bare word standing alone (专项的钱, 专项一共多少, 专项里哪个最多)
_BARE_AFTER = re.compile(r"$|[\s,，。?？!！、]|的|里|中|都|一共|总共|共|合计|加|多|是|有|花|用|预算|支出"
                         r"|安排|哪|几|呢|吗|占|比|和|与|及|跟|排|前|第|最|按|分|包括|大概|总|全|所有|这|那"
                         r"|给|拨|投|项目|货物|服务|工程")  # 采购里货物多少: a kind bought, inside it


_OPENING_BEFORE = re.compile(r"^(?:\d{4}年度?|今年|本年|我们|咱们|你们)?的?")


def opening_words(text: str, k: Knowledge) -> str:
    """钱主要花在哪: said first (after a year at most), the words ask about the whole budget
    (knowledge: [opening]); after a name (X的钱主要花在哪) they ask about that name."""
    start = _OPENING_BEFORE.match(text).end()  # type: ignore[union-attr]
    for word in sorted(k.opening, key=len, reverse=True):
        if text.startswith(word, start):
            return text[:start] + k.opening[word] + text[start + len(word):]
    return text


def bare_words(text: str, k: Knowledge) -> str:
    """专项的钱 is 项目支出; 生命健康专项 is a project of that name (knowledge: [bare])."""
    for word in sorted(k.bare, key=len, reverse=True):
        at = text.find(word)
        while at >= 0:
            # (专项普查活动: a name that begins with the word is that name, never the word alone)
            if (_BARE_BEFORE.search(text[max(0, at - 1): at]) or at == 0) \
                    and _BARE_AFTER.match(text, at + len(word)):
                text = text[:at] + k.bare[word] + text[at + len(word):]
                at = text.find(word, at + len(k.bare[word]))
            else:
                at = text.find(word, at + len(word))
    return text
