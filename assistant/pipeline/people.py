"""Who a question names: a person the document lists (负责人, 填报人) or a person-like name it does
not. A named person resets the subject of a conversation: '周丽琴的电话' after another project's
question asks about 周丽琴, never about that project.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache

from assistant.settings import SETTINGS

# '张伟的电话', '那张伟的联系方式呢': a 2–3 character name right before what is asked of a person.
_PERSON_ASK = re.compile(
    r"^(?:那么?|请问)?(?P<name>[\u4e00-\u9fff]{2,4}?)(?:的)?(?:联系电话|电话|手机号?|号码|联系方式|负责)"
)


@lru_cache(maxsize=1)
def _surnames() -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = SETTINGS.knowledge_dir / "surnames.toml"
    if not path.exists():
        return (), ()
    with path.open("rb") as f:
        data = tomllib.load(f)
    return tuple(data.get("double", ())), tuple(data.get("single", ()))


def known_person(text: str, people: Iterable[str]) -> str | None:
    """The document's person named in text, longest name first."""
    return next((p for p in sorted(people, key=len, reverse=True) if p and p in text), None)


def unknown_person(text: str, people: Iterable[str], names: Iterable[str]) -> str | None:
    """A person-like name the document does not list ('张伟的电话'), else None. A part of one of
    the document's own `names` (projects, items: '安全的电话') is never taken for a person."""
    m = _PERSON_ASK.match(text)
    if m is None:
        return None
    name = m.group("name")
    double, single = _surnames()
    given = name[2:] if name[:2] in double else name[1:] if name[:1] in single else ""
    if not 1 <= len(given) <= 2 or known_person(name, people):
        return None
    if any(name in n for n in names):
        return None
    return name
