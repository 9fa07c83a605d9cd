"""The document's words put in for the user's (synonyms.toml [replace], the colloquial lexicon).

差旅 is replaced by 差旅费; a character after it that sounds like the words added (差旅废) is a
slip of them and goes, so no stray character is left that nothing understands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.pipeline.knowledge import Knowledge

SLIP = "\x00"  # marks a character read as a slip of the words before it (dropped after replacing)


def replaced(text: str, pattern: re.Pattern[str], k: Knowledge) -> str:
    return re.sub(SLIP + ".", "", pattern.sub(lambda m: _replaced(m, k), text), flags=re.S)


def _replaced(m: re.Match[str], k: Knowledge) -> str:
    """差旅 → 差旅费, but 差旅废 (a slip of 费) must not become 差旅费废: when the words added end
    with the sound of the character that follows, that character is the slip of them."""
    said = m.group(0)
    new = k.replace.get(said, said)
    added, after = new[len(said):] if new.startswith(said) else "", m.string[m.end(): m.end() + 1]
    if len(added) == 1 and after and after != added and _sound(after) == _sound(added):
        return new + SLIP
    return new


def _sound(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]
