"""Lines of one name under several parents (一般行政管理事务 under 群众团体事务, 宣传事务 …).

The catalogue matches each of them equally well. A parent named in the question settles which
one is meant (宣传事务的一般行政管理事务); otherwise any one of them would be a guess, so the
assistant asks, each option naming its parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Match, Question
from assistant.pipeline.match import MONEY_KINDS
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def _groups(matches: list[Match]) -> list[list[Match]]:
    """Money lines of one kind read from the same words, of one name and different codes (the
    same money classified twice — 住房公积金 by function and by economic kind — is no homonym)."""
    found: dict[tuple[str, str, tuple[int, int]], dict[str, Match]] = {}
    for m in matches:
        if m.kind in MONEY_KINDS and m.span and m.code:
            found.setdefault((m.kind, m.name, m.span), {}).setdefault(m.code, m)
    return [list(g.values()) for g in found.values() if len(g) > 1]


def _related(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def scoped(matches: list[Match]) -> list[Match]:
    """Keep, of lines sharing a name, the one under a parent the question also names."""
    for group in _groups(matches):
        codes = {m.code for m in group}
        others = [m.code for m in matches if m.code and m.code not in codes and m.kind in MONEY_KINDS]
        under = [m for m in group if any((m.code or "").startswith(o) for o in others)]
        if len(under) == 1:
            matches = [m for m in matches if m not in group or m is under[0]]
    return matches


def ask_which(q: Question, matches: list[Match], env: Env) -> Answer | None:
    """Several lines of the name and nothing to tell them apart: ask, naming each one's parent."""
    for group in _groups(matches):
        if any(_related(a.code or "", b.code or "") for i, a in enumerate(group) for b in group[i + 1:]):
            continue  # one is the other's parent or child: the matcher's usual case, not a homonym
        words = q.text[group[0].span[0]: group[0].span[1]]
        shown = group[: SETTINGS.max_candidates]
        cands = []
        for m in shown:
            parent = _parent_name(m, env)
            label = f"{parent}·{m.name}（{m.code}）" if parent else f"{m.name}（{m.code}）"
            asked = f"{parent}的{m.name}" if parent else f"{m.code}{m.name}"
            cands.append(Candidate(label=label, question=q.text.replace(words, asked, 1)))
        more = f"等{len(group)}项" if len(group) > len(shown) else ""
        return Answer(status="clarify", candidates=cands,
                      text=(f"预算中有{len(group)}个科目都叫“{group[0].name}”，分属不同的上级科目："
                            f"{'、'.join(c.label for c in cands)}{more}。请问您问的是哪一个？"))
    return None


def _parent_name(m: Match, env: Env) -> str | None:
    code = m.code or ""
    for cut in (2, 1):  # 2012902 → 20129; economic 30101 → 301
        entries = env.index.by_code.get(code[:-cut].lower(), []) if len(code) > cut + 2 else []
        named = [e for e in entries if e.alias_kind != "code" and e.kind == m.kind]
        if named:
            return named[0].name
    return None


SCOPE_WORDS = ("里的", "中的", "下的", "里面的", "下面的", "里", "中", "的")  # 一般公共服务支出里的行政运行
CLASSIFIED = ("function", "economic")


def not_under(q: Question, matches: list[Match], env: Env) -> Answer | None:
    """一般公共服务支出里的行政运行: a line said under a parent of its own classification that the
    document does not print it under — neither figure answers (the parent's is the whole, the
    line's is another parent's part), so the reply says where the line is."""
    lines = [m for m in matches if m.kind in CLASSIFIED and m.span and m.code and m.score >= 100]
    for parent in lines:
        for line in lines:
            gap = q.text[parent.span[1]: line.span[0]] if parent.span[1] <= line.span[0] else None
            # (a line of the same level said under another, 津贴补贴里其他交通费用, is not under it either)
            if gap not in SCOPE_WORDS or line.kind != parent.kind or len(line.code) < len(parent.code) \
                    or line.code == parent.code:
                continue
            if any(o.name == line.name and o.kind == line.kind and (o.code or "").startswith(parent.code)
                   for o in lines):
                continue  # one of the lines of that name is under it (homonyms are scoped so)
            if not line.code.startswith(parent.code):
                where = _parent_name(line, env)
                said = f"，它列在“{where}”之下" if where else ""
                return Answer(status="unanswerable", text=(
                    f"预算表中“{parent.name}”之下没有“{line.name}”这一项{said}；为免答非所问，这里不给出数字。"
                    f"可以直接问“{where + '的' if where else ''}{line.name}多少”。"))
    return None
