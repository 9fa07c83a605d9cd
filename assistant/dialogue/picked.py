"""What a follow-up picks: a reply to a clarifying question (第一个 / naming an option picks it;
上年呢 asks the same choice again for that year), and 它 as the one item the last answer picked
out of a set."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core
from assistant.dialogue.unreferred import _ORDINAL
from assistant.models import Answer, Candidate, Match, Question
from assistant.pipeline.base import Turn
from assistant.pipeline.match import MONEY_KINDS
from assistant.pipeline.normalise import canon
from assistant.query.model import Query

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
PICK_MIN = 3  # characters of a label a reply must say to pick that option


def picked_option(q: Question, env: Env, rewrite: Callable[[Question, str, Env], Question]
                  ) -> tuple[Question | None, str | None, Answer | None] | None:
    """The turn before asked which one (a clarify): 第一个 / naming an option picks it; 上年呢
    asks the same choice again for that year (with nothing answered yet there is no other
    context, and a guess could state the wrong line's figure)."""
    latest = env.conv.last
    if latest is None or latest.status != "clarify" or not latest.options:
        return None
    text = q.text
    m = _ORDINAL.search(text) or re.search(r"第([一二三四五六七八九])(?:个|项|种)?", text)
    if m and not _core(_ORDINAL.sub("", text), env).strip("一二三四五六七八九个项种"):
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else "一二三四五六七八九".index(raw) + 1
        if 0 < n <= len(latest.options):
            if n > 1 and (most := MOST.search(latest.question)) is not None:
                return q, None, _option_or_rank(n, most, latest)
            return rewrite(q, latest.options[n - 1][1], env), latest.question, None
    core = _core(text, env)
    # 街道一共花多少钱 after a choice of projects: two characters inside a label pick nothing
    named = [o for o in latest.options if core and ((len(core) >= PICK_MIN and core in o[0]) or o[0] in text)]
    if not named and (asked := _of_the_name_asked(text, latest.options)) is not None:
        return rewrite(q, asked, env), latest.question, None
    if not named and len(text) >= RUN_MIN:  # 经济分类表里的: a run of one label's own words
        runs = [(_common_run(text, o[0]), o) for o in latest.options]
        best = max(n for n, _ in runs)
        named = [o for n, o in runs if n == best and n >= RUN_MIN]
        if len(named) == 1:
            return rewrite(q, named[0][1], env), latest.question, None
    if len(named) == 1:
        label, question = named[0]
        return rewrite(q, question if core in label else text, env), latest.question, None
    if q.years and not core:
        year = f"{q.years[0]}年"
        cands = [Candidate(label=label, question=_YEAR.sub(year, question, count=1)
                           if _YEAR.search(question) else f"{year}{question}")
                 for label, question in latest.options]
        listing = "、".join(c.label for c in cands)
        return q, None, Answer(status="clarify", candidates=cands,
                               text=f"上一个问题还没有确定指哪一项。请问{year}的是哪一个：{listing}？")
    return None


# 城乡社区管理事务的那个: the line of the name asked back, under a parent said in the reply
POINTER = re.compile(r"(?:下面|下边|下的|里面|里)?的?(?:那个|那一个|那项|那一项|这个|那笔)[呢吧啊]?[?？。]*$")
PARENT_MIN = 2


def _of_the_name_asked(text: str, options: list[tuple[str, str]]) -> str | None:
    """Seven lines are all called 一般行政管理事务; the buttons show six. A reply naming a parent
    with 的那个 asks the name under that parent, listed or not (never the parent's own figure)."""
    said = POINTER.search(text)
    if said is None or len(options) < 2:
        return None
    asked = [q for _, q in options]
    tail = next((asked[0][i:] for i in range(len(asked[0]))
                 if all(q.endswith(asked[0][i:]) for q in asked)), "")
    tail = tail[tail.find("的"):] if "的" in tail else ""
    stem = text[: said.start()]
    if len(tail) < 2 or len(stem) < PARENT_MIN or tail[1:] in stem:
        return None
    return stem + tail


MOST = re.compile(r"最(多|大|高|少|小|低)")
RUN_MIN = 4  # characters a reply shares, in one run, with the one option it picks


def _common_run(a: str, b: str) -> int:
    return max((k for i in range(len(a)) for k in range(1, len(a) - i + 1) if a[i:i + k] in b), default=0)


def _option_or_rank(n: int, most: re.Match[str], latest: Turn) -> Answer:
    """支出最多的类是哪个 (asked back: 功能 or 经济) → 第二个呢: the second choice, or the second
    largest? Both are natural; the figures differ, so it is asked again with both as buttons."""
    label, question = latest.options[n - 1]
    said = "一二三四五六七八九"[n - 1] if n <= 9 else str(n)
    nth = f"第{said}{most.group(1)}"
    ranked = [Candidate(label=f"{lab}：{nth}的", question=asked.replace(most.group(0), nth))
              for lab, asked in latest.options]
    return Answer(status="clarify", candidates=[Candidate(label=label, question=question), *ranked],
                  text=f"“第{said}个”可以是选第{said}种（{label}），也可以是问{nth}的。请问是哪一种？")


def answered_item(q: Question, own: list[Match], last: Turn, env: Env) -> str | None:
    """它的负责人是谁 after 最少的是哪个 → 安全生产工作经费; 它的数量 after 最贵的是哪个 → that purchase:
    它 is the one item the last answer picked out of a set (a ranking), which the question before
    did not name."""
    words = sorted(env.k.words.get("deictic", ()), key=len, reverse=True)
    deictic = next((w for w in words if w in q.text), None)
    if deictic is None or env.conv.last is not last or len(last.results) != 1:
        return None
    at = q.text.find(deictic)
    if any(not m.span or m.span[0] <= at for m in own):
        return None  # a name before 它 is what it points to (它占工资福利支出: the name is the whole)
    if env.index.fragments(q, list(own)):
        return None  # 那个网站运维服务呢: 那个 introduces a name of its own, not the item picked
    label = str(last.results[0].get("label") or "")
    # a line of the catalogue (a project, a purchase, a subject …), not a figure's description
    named = {e.key for e in env.index.names if e.kind in MONEY_KINDS}
    if canon(label, env.k).lower() not in named or any(m.name == label or m.alias == label
                                                       for m in last.entities):
        return None
    rest = q.text.replace(deictic + "项目", "").replace(deictic, "").lstrip("的")
    return f"{label}的{rest}" if rest else None


def nth_named(q: Question, own: list[Match], env: Env) -> str | None:
    """第一个比去年多了多少 after two things were asked in turn (or after a list): the question asked
    of the N-th of them, by its name — never of the thing asked last."""
    m = _ORDINAL.search(q.text)
    if m is None or own or "倒数" in q.text or re.match(r"[大多高小少低贵]", q.text[m.end():]):
        return None  # 倒数第二 / 第二大: a place in a ranking (pipeline/context.py)
    rest = (q.text[: m.start()] + q.text[m.end():]).lstrip("的")
    if not _core(rest, env).strip("大多高小少低"):
        return None  # 第二个呢: the next item or rank (pipeline/context.py)
    n = int(m.group(1))
    answered = [t for t in env.conv.turns if t.status == "answered"]
    if not answered:
        return None
    names = listed(answered[-1])
    if not names:
        for turn in answered:  # one thing per turn, in the order they were asked
            first = next((e.name for e in turn.entities if e.kind in MONEY_KINDS), None)
            if first is not None and first not in names:
                names.append(first)
        if len(names) < ORDINAL_SUBJECTS_MIN:
            return None
    return f"{names[n - 1]}{rest}" if 0 < n <= len(names) else None


ORDINAL_SUBJECTS_MIN = 2  # 第一个 picks among things asked in turn only when there were several


TOTAL_WORDS = ("合计", "总计", "小计", "总预算")  # a list's own total (项目总预算), never one of its items


def listing_turn(answered: list[Turn]) -> Turn | None:
    """最多的类级科目是哪个 → 占比 → 第二呢: a figure worked out of a list's item (its share) lists
    nothing; the list a place is counted in is the turn before it that listed that item."""
    if not answered or answered[-1].items:
        return answered[-1] if answered else None
    last = answered[-1]
    said = {str(r.get("label") or "") for r in last.results}
    earlier = next((t for t in reversed(answered[-3:-1]) if t.items), None)
    # …and 最大的项目 → 第二个呢 → 第三个呢: the one line picked from that list is no list either
    return earlier if earlier is not None and said & set(earlier.items) else last


def listed(last: Turn) -> list[str]:
    """What the answer before listed, in its order: its table's rows, or else the labels of the
    figures it stated one after another (明细有哪些 → each 测算 line), its total left out."""
    if last.items:
        return list(last.items)
    labels = [str(r.get("label") or "") for r in last.results]
    labels = [lb for lb in labels if lb and not lb.endswith(TOTAL_WORDS)]
    return labels if len(labels) >= ORDINAL_SUBJECTS_MIN else []


def shown(last: Turn) -> list[str]:
    """The lines the answer before stated, in order: 前三 of a ranking states three of the rows its
    table lists (最后一个 is the third, not the table's last); else every row listed."""
    stated = [str(r.get("label") or "") for r in last.results]
    stated = [lb for lb in stated if lb and not lb.endswith(TOTAL_WORDS) and not lb.startswith("前")]
    if ORDINAL_SUBJECTS_MIN <= len(stated) < len(last.items) and all(lb in last.items for lb in stated):
        return stated
    return list(last.items)


def no_such_item(n: int, count: int) -> Answer:
    return Answer(status="unanswerable", text=f"上一个回答只列了 {count} 项，没有第 {n} 项。")


_TOP = re.compile(r"最(大|多|高|少|小|低|贵)")


def nth_of_ranking(n: int, lister: Turn) -> str | None:
    """基本支出最多的项级科目 → 第二呢: the ranking asked again for place N, so it ranks by what it
    ranked by (基本支出) — never the Nth line's total read anew."""
    from assistant.query.count import counted_scope

    clauses = [c for c in re.split(r"[,，;；]", lister.question) if c]
    top = next((i for i, c in enumerate(clauses) if _TOP.search(c)), None)
    # (科技研发资金里面哪一项花钱最多: a ranking asked of one thing's parts lists no items, but asks which)
    if n < 2 or top is None or not (lister.items or "哪" in clauses[top]) or lister.status != "answered":
        return None
    asked = _TOP.sub(lambda m: f"第{n}{m.group(1)}", clauses[top], count=1)
    # 商品和服务支出有几项，哪项最多: the ranking clause, with the set the first clause counted
    scope = counted_scope(clauses[0]) if top else None
    return f"{scope}{asked}" if scope and scope not in asked else asked


# 金额多少 / 多少钱 / 是多少: the amount asked, and nothing else
AMOUNT_ONLY = re.compile(r"(?:那|它的?|这个的?|这项的?|那个的?)?(?:金额|钱|预算|数额|预算数)?(?:是|有|为)?"
                         r"(?:多少|几)(?:钱|万元|元)?[呢吗]?")
PICKED_AMOUNT = "（上文）所选一项的金额"
PICKED_BY = re.compile(r"最(?:多|少|大|小|高|低|贵)|第\d+(?:大|多|少|小|高|低)|倒数第")  # a ranking picked it


def amount_of_picked(q: Question, env: Env) -> Query | None:
    """科学事务管理支出里最少的一项 → 金额多少: the amount of the one line the ranking picked (its
    figure, said again) — never the whole the ranking was over."""
    from assistant.dialogue.stated import single

    last = env.conv.last
    if last is None or last.status != "answered" or not PICKED_BY.search(last.question):
        return None
    v = single(last)
    if v is None or not AMOUNT_ONLY.fullmatch(q.text.strip(" ?？。")) or env.index.match(q):
        return None
    return Query(op="convert", unit=v.unit, given=(v,), rule=PICKED_AMOUNT, from_context=True)


PART_OF_IT = re.compile(r"(?:那|这)一?(?:部分|块|笔|项)(?:的?(?:钱|金额))?")
LISTED_PART = "（上文）所列一项的金额"


def listed_part(q: Question, env: Env) -> Query | None:
    """政府购买服务有哪些 → 招商引资专项经费那部分多少: the figure the list just given states for the
    item named (the services part of a project), never that item's whole budget read anew."""
    from assistant.dialogue.stated import MONEY, value

    last = env.conv.last
    said = PART_OF_IT.search(q.text)
    if last is None or last.status != "answered" or not last.results or said is None:
        return None
    name = lambda r: str(r["label"]).split("（")[0]  # noqa: E731
    named = [r for r in last.results if r["unit"] in MONEY and name(r) and name(r) in q.text[: said.start()]]
    if not named and env.k.has("service_purchase", last.question):
        named = _service_part(q.text[: said.start()], env)  # 政府购买服务合计多少 → 其中X那块多少
    if len(named) != 1 or not AMOUNT_ONLY.fullmatch(q.text[said.end():].strip(" ?？。呢") or "多少"):
        return None
    if q.text[: said.start()].removeprefix("其中").replace(name(named[0]), "").strip("的里中"):
        return None  # more is said of it than its name
    v = value(named[0])
    own = tuple(c for c in v.citations if name(named[0]) in (c.row or "")) or v.citations
    return Query(op="convert", unit=v.unit, given=(v.model_copy(update={"citations": own}),),
                 rule=LISTED_PART, from_context=True)


def _service_part(text: str, env: Env) -> list[dict]:
    """The services table's row of the project named, as a result of the turn before would be."""
    from assistant.pipeline.base import cite
    from assistant.plan.sets import SERVICES
    from assistant.query.breakdown import service_rows

    return [{"label": f"{r['name']}（政府购买服务）", "amount": r["amount"], "unit": r.get("unit") or "万元",
             "citations": [cite(env.runner, SERVICES, r["name"], r["line_no"]).model_dump()]}
            for r in service_rows(env.runner) if r["name"] in text]
