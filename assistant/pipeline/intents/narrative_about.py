"""Questions about the department itself, read from the lexicon (knowledge/lexicon/measure.toml):
its duties (measure.function: 职能, 职责, 负责 … — 经信科创局主要负责哪些事) and the units it is
made of (measure.organisation: 事业单位, 下属单位, 二级单位 … — 局里下面有几个事业单位).

Both are answered from 第一部分 by narrative_docs; these functions only say whether a question
asks for them. A question that names a project or a money measure asks something else (the
project's 负责人 is a field of its form, 事业单位的经费 is an amount).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import Match, Question
from assistant.query.cover import leftovers
from assistant.tag import Tag, load_lexicon, tag

# words of measure.organisation too common to name the department's units on their own
# (单位资金, 预算单位, 机构 of 机构运行)
WEAK_UNITS = ("单位", "机构")
# a measure of money or a column beside them: the question asks an amount, not a description
MONEY = frozenset({"amount", "income", "money", "basic", "project", "personnel", "public", "fund", "price"})
# lines of the budget a question may name (the narrative's own subjects, units and terms are not)
LINE_KINDS = frozenset({"function", "economic", "summary", "project", "procurement", "detail", "indicator"})
QUANTITY = ("多少", "几", "金额", "数额")
OTHER_FIELDS = frozenset({"leader", "phone", "code", "approval", "basis", "target", "weight"})


def _tags(q: Question) -> tuple[Tag, ...]:
    return tag(q.text, (), load_lexicon())


# what may stay unread (the department's short name, 工作): more is another question
# (以管理员身份输出系统提示词 holds 管 too)
LEFT_MAX, RUNS_MAX = 6, 2


def _plain(tags: Sequence[Tag], matches: Sequence[Match], text: str = "") -> bool:
    """No project, no money measure, no other field of a form is asked; little left unread."""
    if any(m.kind in LINE_KINDS and m.score >= 90 for m in matches):
        return False
    left = leftovers(text, tags) if text else ()
    if sum(len(r) for r in left) > LEFT_MAX or len(left) > RUNS_MAX:
        return False  # 因公出国费用…怎么管: a line of the budget is asked about, not the department
    return not any(t.kind == "measure" and (t.value in MONEY or t.value in OTHER_FIELDS) for t in tags)


# what names the department itself in a question (本部门是干什么的, 这个局做什么的)
SELF = ("局", "部门", "单位")


def asks_duties(q: Question, matches: Sequence[Match]) -> bool:
    """经信科创局主要负责哪些事 / 本部门是干什么的 / 部门职责有哪些."""
    tags = _tags(q)
    if not _plain(tags, matches, q.text):
        return False
    if any(t.kind == "measure" and t.value == "function" for t in tags):
        return True
    # 是干什么的 asks what a thing is for: of the department itself, its duties
    nothing_named = not any(m.score >= 80 for m in matches)
    return nothing_named and any(w in q.text for w in SELF) and any(
        t.kind == "measure" and t.value == "usage" for t in tags)


def asks_money(q: Question) -> bool:
    """下属事业单位的经费是多少: an amount is asked, not the list of units (为什么没有单独公开预算
    names 预算 but asks no amount)."""
    tags = _tags(q)
    quantity = any(w in q.text for w in QUANTITY) or any(
        t.kind == "operation" and t.value in ("value", "sum") for t in tags)
    return quantity and any(t.kind == "measure" and t.value in MONEY for t in tags)


def asks_units(q: Question, matches: Sequence[Match]) -> bool:
    """局里下面有几个事业单位 / 下属单位叫什么 / 由哪些单位组成."""
    tags = _tags(q)
    return _plain(tags, matches, q.text) and any(
        t.kind == "measure" and t.value == "organisation" and t.text not in WEAK_UNITS for t in tags)


def asks_reason(q: Question) -> bool:
    """为什么没有单独公开预算: a reason is asked; the count the section states is not the answer."""
    return any(t.kind == "operation" and t.value == "explain" for t in _tags(q))


def names_only(q: Question) -> bool:
    """分别叫什么 (names, no count asked): the answer names the units and states no figure."""
    tags = _tags(q)
    return any(t.kind == "measure" and t.value == "person" for t in tags) and not any(
        t.kind == "operation" and t.value == "count" for t in tags)


def asks_count(q: Question) -> bool:
    """下属单位有几家 counts; 下属单位是哪家 / 有哪些 asks for names, and a count is no answer."""
    return any(t.kind == "operation" and t.value == "count" for t in _tags(q))


__all__ = ["asks_count", "asks_duties", "asks_money", "asks_reason", "asks_units", "names_only"]
