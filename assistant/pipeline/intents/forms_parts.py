"""A project named by a distinctive part of its long name.

Users shorten '江汉区政务体系统一网络安全运营服务项目' to '网络安全运营服务项目' or even to a
middle part ('统一网络安全'). Words every project name shares (项目, 经费, 费用, 支出, a place
prefix such as 江汉区) say nothing about which project is meant, so they are stripped from the
names and blanked in the question before the two are compared; what is left must share a run of
at least PART_MIN characters with exactly one name, or with several names equally (then the
caller asks which one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from assistant.pipeline.base import Row
from assistant.pipeline.intents.forms_common import norm

# Words that occur in many project names and so identify none (longest first when blanking).
GENERIC = ("工作经费", "项目", "经费", "费用", "支出", "资金", "专项", "相关")
# A place prefix (江汉区, 武汉市江汉区): the department's own place, shared by its projects.
PLACE = re.compile(
    r"^(?:[\u4e00-\u9fa5]{2,3}[省市](?=[\u4e00-\u9fa5]{2,3}[区县]))?[\u4e00-\u9fa5]{2,3}[区县]"
)
PART_MIN = 3  # a shorter common run ('安全', '服务') is shared by too many names to mean one
BLOCK_MIN = 2  # runs shorter than this are coincidences of single characters
SHARED_MIN = 4  # a generic run this long still narrows the projects down ('工作经费')
CLEAR_MARGIN = 2  # the best name must share this many characters more than the next one


def core_name(name: str) -> str:
    """'江汉区政务体系统一网络安全运营服务项目' -> '政务体系统一网络安全运营服务'."""
    text = PLACE.sub("", norm(name), count=1)
    for word in GENERIC:
        text = text.replace(word, "|")
    return re.sub(r"费$", "", text.strip("|"))


def _blank(text: str, words: Iterable[str]) -> str:
    text = norm(text)
    for word in sorted({norm(w) for w in words if w}, key=len, reverse=True):
        if word:
            text = text.replace(word, "|")
    place = PLACE.match(text)
    return "|" + text[place.end() :] if place else text


def part_score(question: str, name: str) -> int:
    """Characters of the name's distinctive core found in the question, in runs of
    BLOCK_MIN or more; 0 unless one run reaches PART_MIN."""
    core = core_name(name)
    if not core:
        return 0
    blocks = SequenceMatcher(None, question, core, autojunk=False).get_matching_blocks()
    sizes = [b.size for b in blocks if b.size >= BLOCK_MIN and "|" not in question[b.a : b.a + b.size]]
    # one run of PART_MIN ('大数据中心'), or two shorter ones in order ('电商…平台')
    return sum(sizes) if sizes and (max(sizes) >= PART_MIN or len(sizes) >= 2) else 0


def by_part(text: str, forms: Sequence[Row], mask: Iterable[str] = (), generic: bool = True) -> list[Row]:
    """The one form whose name the question names in part; several when they fit equally
    well (the caller asks); [] when none fits. `mask`: words of the question that name
    something else (an indicator, a detail line) and must not count as the project's name.
    `generic`: whether a generic run shared by some (not all) names may narrow the choice."""
    question = _blank(text, [*GENERIC, *mask])
    scored = sorted(
        ((part_score(question, f["project_name"]), f) for f in forms), key=lambda p: p[0], reverse=True
    )
    scored = [p for p in scored if p[0] > 0]
    if not scored:
        # only ever to ask between several forms, never to pick one by a generic run
        shared = _shared_words(_blank(text, mask), forms) if generic else []
        return shared if len(shared) > 1 else []
    top = scored[0][0]
    close = [f for s, f in scored if s > top - CLEAR_MARGIN]
    return close


def _shared_words(question: str, forms: Sequence[Row]) -> list[Row]:
    """Last resort: the forms whose whole name shares a run of SHARED_MIN characters with the
    question even if the run is generic ('工作经费' -> the two 工作经费 projects, to ask which);
    nothing when every form shares it (then the question names no project at all)."""
    out = []
    for f in forms:
        name = norm(f["project_name"])
        m = SequenceMatcher(None, question, name, autojunk=False).find_longest_match(
            0, len(question), 0, len(name)
        )
        if m.size >= SHARED_MIN:
            out.append(f)
    return out if len(out) < len(forms) else []


__all__ = ["by_part", "core_name", "part_score"]
