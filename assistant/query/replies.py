"""The replies of the coverage gate: what was not understood, or which one is meant."""

from __future__ import annotations

from assistant.models import Answer, Candidate
from assistant.settings import SETTINGS


def _which(text: str, run: str, owners: list[str]) -> Answer:
    shown = owners[: SETTINGS.max_candidates]
    more = f"等{len(owners)}项" if len(owners) > len(shown) else ""
    return Answer(status="clarify", candidates=[
        Candidate(label=o, question=text.replace(run, o, 1)) for o in shown],
        text=f"“{run}”在预算中对应好几项：{'、'.join(shown)}{more}。请问您问的是哪一项？")


def _not_understood(left: tuple[str, ...], understood: tuple[str, ...] = (), figures: bool = True) -> Answer:
    """Say what was not understood, what was, and offer what the document can answer about it."""
    words = "、".join(f"“{w}”" for w in dict.fromkeys(left))
    understood = tuple(u for u in understood if not any(u in w or w in u for w in left))
    about = "、".join(f"“{u}”" for u in dict.fromkeys(understood))
    known = f"我理解到的是{about}，但" if about else ""
    offers = [f"{u}是多少" for u in dict.fromkeys(understood)][:2]
    return Answer(status="unanswerable", suggestions=offers, text=(
        f"抱歉，{known}问题中的{words}我没有理解，文件中可能也没有这方面的内容，"
        f"为免答非所问，这里{'不给出数字' if figures else '不作回答'}。"))
