"""The ranking rule and its answer: 项目支出中第二大的是哪个 / 哪个项目钱最多 / 商品和服务支出里前三项 /
基本支出中哪一项最多 / 政府采购哪个品目最贵 / 哪个单位预算最多 — the lines of one set in order of amount.

The set is read from the words, as a count's is (plan/sets.py): the lines below a named 科目, one
level of a classification, the projects, the procurement items, the units, or the 款 of the 基本支出
table. A level said with no classification (哪一类支出最多) is asked back: both tables have 类 and
款. The rule leaves the question to the other readings where no set is said, where the words speak of
what the tables' lines do not hold (a project's own detail lines, the forms, a paragraph), and to the
context step when the conversation completes it first (商务局本级 → 哪个项目最多).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from assistant.models import Answer, Candidate, Question
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

RULE = "X中第N大的"
GROUPS = ("ranking", "ranking_max", "ranking_min")
ON_A_COLUMN = ("基本支出", "人员经费", "公用经费")  # 基本支出中哪一项最多: the 款 of that column's table


def ranking(text: str, lex: Lexicon) -> Query | None:
    from assistant.ops import rank
    from assistant.pipeline.intents.tables_common import knowledge

    said = ORIGINAL.get() or text
    plain = rank.PERIOD.sub("", said)  # 第二季度 is a quarter, not a rank
    if not any(knowledge().has(g, plain) for g in GROUPS) or rank.positional(plain) is not None:
        return None  # 第二项明细: a place in a printed list, no ordering by amount
    left = LEFT_OUT.search(said)  # 除了其他商品和服务支出，哪一项最多: ranked without it
    if left is None:
        return Query(op="rank", subjects=(Subject(text=said, span=(0, len(said))),), rule=RULE)
    rest = (said[:left.start()] + said[left.end():]).strip(",， ")
    return Query(op="rank", subjects=(Subject(text=rest, span=(0, len(said))),),
                 also=(Subject(text=left.group(1), span=left.span(1)),), rule=RULE)


LEFT_OUT = re.compile(r"[,，]?(?:除了|除去|除开|除掉|不算|不含|不包括)(.{2,}?)(?:以外|之外|外)?"
                      r"(?:[,，]|(?<=以外)|(?<=之外))")


def ranking_answer(query: Query, env: Env) -> Answer | None:
    from assistant.dialogue.after_refusal import place_after_refusal
    from assistant.pipeline.checks import foreign_years, year_note
    from assistant.pipeline.intents.tables_common import PREFERRED, knowledge, measure_of, table_matches
    from assistant.pipeline.normalise import normalise
    from assistant.plan.sets import CLASSIFICATIONS, WHICH_LEVEL, family_head, level_of, parent_line, set_of
    from assistant.query.lines_said import after_a_turn, said_of_another

    q = normalise(query.subjects[0].text, env.k, env.runner.year)
    if env.depth == 0 and (refused := place_after_refusal(env.asked or q, env)) is not None:
        return refused  # 政府采购分哪几类 (refused) → 第二多的是哪类: never a place in another set
    matches = env.index.match(q)
    if parent_line(q, matches) is None and (head := family_head(q, matches, env.index)) is not None:
        matches = [*matches, head]  # 养老支出下面那几项: the line whose name the others share
    if said_of_another(q, matches, env, "ranked_by"):  # 哪个单位最多: the units are a set
        return None
    if env.depth == 0 and not env.after_context and after_a_turn(q, env):
        return None  # 商务局本级 → 哪个项目最多: the context step completes it first
    if env.depth == 0 and PLACE_ONLY.match(q.text) and (last := env.conv.last_answered()) is not None \
            and last.items:
        return None  # 都有哪些项目 → 第二个项目多少钱: item 2 of the list just given (the context step)
    k, lines = knowledge(), table_matches(matches)
    if _two_compared(q.text, lines):
        return None  # 宣传事务和组织事务哪个钱多: the two named, compared — no ranking inside either
    measure = measure_of(q, k)
    parent, read_as = parent_line(q, matches), ""
    if parent is not None and measure and measure in env.runner.title(PREFERRED.get(parent.kind, ("",))[0]):
        # 基本支出的商品和服务支出里哪项最多: the line's table is of that column (said so), no column of it
        measure, read_as = None, f"按{measure}表，"
    scoped = parent is not None or set_of(q) is not None or k.has("procurement", q.text)
    if not scoped and not lines and (line := _pointed_line(q, env)) is not None:
        q = normalise(f"{line}{q.text}", env.k, env.runner.year)  # 城乡社区支出多少 → 下面最少的款
        matches = env.index.match(q)
        lines, scoped = table_matches(matches), True
    if not scoped and not lines and level_of(q) in WHICH_LEVEL and measure is None and after_a_turn(q, env):
        asked = [Candidate(label=f"按{c}", question=f"支出{c}中{q.text}") for c in CLASSIFICATIONS]
        return Answer(status="clarify", candidates=asked, text=(  # 城乡社区支出多少 → 下面最少的款
            f"支出按功能分类和按经济分类都有“{level_of(q)}”一级。请问您问的是哪一种分类？"))
    if not scoped and not lines and level_of(q) in WHICH_LEVEL and measure is None:
        # 哪类支出最多: of all spending, only the 功能分类 ranks every line (the 经济分类 of these
        # documents divides the 基本支出 alone), so it is read so, and said
        q = normalise(f"支出{CLASSIFICATIONS[0]}中{q.text}", env.k, env.runner.year)
        scoped, read_as = True, f"按支出{CLASSIFICATIONS[0]}理解（{CLASSIFICATIONS[1]}只细分基本支出）："
    if not scoped and measure not in ON_A_COLUMN:
        return None
    if other := foreign_years(q, env.runner.year):  # 2024年哪个项目最多: the tables hold this year's
        return Answer(status="unanswerable", text=year_note(other, env.runner.year))
    left_out = tuple(s.text for s in query.also)
    made = _both_ends(q, lines or list(matches), measure or "合计", env, left_out)
    return made.model_copy(update={"text": read_as + made.text}) if made is not None and read_as else made


POINTING = ("下面", "下边", "下属", "下级", "其中", "里面", "里头", "它")  # into the line just answered


def _pointed_line(q: Question, env: Env) -> str | None:
    """下面最少的款是哪个 after 城乡社区支出多少: the 科目 just answered is the set's parent."""
    last = env.conv.last
    if last is None or last.status != "answered" or not any(w in q.text for w in POINTING):
        return None
    coded = {m.name for m in last.entities if m.kind in ("function", "economic") and m.code}
    return next(iter(coded)) if len(coded) == 1 else None


def _both_ends(q: Question, matches: list, measure: str, env: Env, left_out: tuple[str, ...] = ()) \
        -> Answer | None:
    """哪一类最多，哪一类最少: both ends are asked — each ranked on its own, both stated (a question
    answered by one end alone would state a figure for half of what was asked)."""
    from assistant.pipeline.intents.tables_common import knowledge

    k = knowledge()
    if not (k.has("ranking_max", q.text) and k.has("ranking_min", q.text)):
        return _ranked(q, matches, measure, env, left_out)
    top, low = k.first("ranking_max", q.text) or "", k.first("ranking_min", q.text) or ""
    most = _ranked(q.model_copy(update={"text": q.text.replace(low, "")}), matches, measure, env, left_out)
    least = _ranked(q.model_copy(update={"text": q.text.replace(top, "")}), matches, measure, env, left_out)
    if most is None or least is None or most.status != "answered" or least.status != "answered":
        return None
    return most.model_copy(update={"text": f"{most.text}\n{least.text}",
                                   "values": [*most.values, *least.values],
                                   "citations": [*most.citations, *least.citations]})


def _ranked(q: Question, matches: list, measure: str, env: Env, left_out: tuple[str, ...] = ()) \
        -> Answer | None:
    from assistant.ops import rank
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import knowledge, money, value
    from assistant.plan.sets import KIND_TABLE, chart_table, parent_line, scope_of, set_of

    runner = env.runner
    found = set_of(q)
    # 项目支出第二大的: the projects themselves (城乡社区支出中项目支出最多的款: a column of the 款)
    if measure == "项目支出" and found and found[1] == "project" and parent_line(q, matches) is None:
        measure = "合计"
    table_id, rows, scope = scope_of(q, matches, runner, measure, every_fund=True)
    # a line with nothing in the column ranked (工资福利 lines in 公用经费: 0.00) is not among its lines
    rows = [r for r in rows if r.get("amount") is not None and (measure == "合计" or r["amount"])]
    # 哪个单位最多: the department's own row totals its units — it is none of the things ranked
    parents = {r.get("parent_code") for r in rows if r.get("parent_code")}
    rows = [r for r in rows if not r.get("code") or r.get("code") not in parents]
    if left_out:  # each thing left out must be one of the lines ranked, or the question is not this
        out = [_the_line(rows, said, env) for said in left_out]
        if any(r is None for r in out):
            return None
        rows = [r for r in rows if all(r is not o for o in out)]
        scope = f"{scope}（除{'、'.join(left_out)}外）"
    if not rows:
        return None
    pos, desc, n = rank.ordinal(q.text)
    ordered = rank.ordered(rows, desc)
    picked, tied = rank.pick(ordered, pos, n)
    if not picked:
        return Answer(status="unanswerable", text=f"{scope}只有{len(rows)}项，没有第{pos}项。")
    name, word = (lambda r: r.get("name") or r.get("item_name")), "最大" if desc else "最小"
    # the column ranked by, said (项目支出最多的项级科目)
    by = f"按{measure}" if measure not in ("合计", "预算数") and measure not in scope else ""
    head = f"{scope}中{by}{'金额最大' if desc else '金额最小'}的前{len(picked)}项" if n > 1 else \
        f"{scope}中{by}{'第' + str(pos) + ('大' if desc else '小') if pos > 1 else word}的"
    own = _one_fund(runner, table_id, picked)  # a unit's 合计 over every source: its 一般公共预算 too
    listing = "；".join(f"“{name(r)}” {money(r['amount'])}{own[id(r)][0] if id(r) in own else ''}"
                       for r in picked) \
        + (rank.TIED * tied)
    # 前三个加起来: their sum too (前三的项目加起来: the words as typed, before 的项目加起来 was read)
    typed = env.asked.raw if env.depth == 0 and env.asked is not None else ""
    summed = knowledge().has("sum", q.text) or knowledge().has("sum", typed)
    total = rank.total(picked, summed, money)
    top = _top_class(q, table_id, measure, picked, pos, n, desc, env) if found else None
    return Answer(
        status="answered",
        text=f"{head}是：{listing}{total[0] if total else ''}（{table_id}）。" + (top[0] if top else ""),
        values=[*([value(total[1], f"前{len(picked)}项合计")] if total else []),
                *(value(r["amount"], name(r)) for r in picked),
                *(value(own[id(r)][1], f"{name(r)}一般公共预算") for r in picked if id(r) in own),
                *([value(top[1]["amount"], top[1]["name"])] if top else [])],
        citations=[*(cite(runner, table_id, name(r), r["line_no"]) for r in picked),
                   *(cite(runner, KIND_TABLE["unit"], name(r), own[id(r)][2])
                     for r in picked if id(r) in own),
                   *([cite(runner, table_id, top[1]["name"], top[1]["line_no"])] if top else [])],
        table=chart_table(ordered),
    )


def _the_line(rows: list, said: str, env: Env) -> dict | None:
    """The one ranked row the words name: by its printed name, else as the catalogue reads all of them."""
    from assistant.pipeline.normalise import normalise

    def name(r: dict) -> str:
        return r.get("name") or r.get("item_name") or ""

    q = normalise(said, env.k, env.runner.year)
    read = {m.name for m in env.index.match(q) if m.score >= 100 and m.span == (0, len(q.text))}
    named = [r for r in rows if name(r) == said] or [r for r in rows if name(r) in read]
    return named[0] if len(named) == 1 else None


def _top_class(q: Question, table_id: str, measure: str, picked: list, pos: int, n: int, desc: bool,
               env: Env) -> tuple[str, Any] | None:
    """按功能科目看哪个最多, no level said: the most detailed line is read, and the top-level class
    that ranks first is said beside it (钱都花哪了 asks as often of the 类 as of the 项)."""
    from assistant.ops import rank
    from assistant.pipeline.intents.tables_common import money
    from assistant.plan.sets import level_of, set_of, set_rows

    kind = (set_of(q) or ("", ""))[1]
    if kind not in ("function", "economic") or level_of(q) is not None or n != 1 or pos != 1:
        return None
    classes = [r for r in set_rows(env.runner, table_id, kind, measure, "类") if r.get("amount") is not None]
    first = rank.ordered(classes, desc)[:1]
    if not first or any(r.get("code") == first[0].get("code") for r in picked):
        return None
    word = "最大" if desc else "最小"
    return f"\n按类级科目看，{word}的是：“{first[0]['name']}” {money(first[0]['amount'])}。", first[0]


def _one_fund(runner: Any, table_id: str, picked: list) -> dict[int, tuple[str, float, int]]:
    """哪个单位钱最多, read over every source (预算02表): each unit's 一般公共预算 beside it, as the
    single-unit reading says it (其中一般公共预算安排 …)."""
    from assistant.pipeline.intents.tables_common import money
    from assistant.plan.sets import INCOME_TABLE, KIND_TABLE

    if table_id != INCOME_TABLE:
        return {}
    out: dict[int, tuple[str, float, int]] = {}
    for r in picked:
        mine = [x for x in runner.run("li_by_code", table_id=KIND_TABLE["unit"], code=r.get("code"))
                if x["measure"] == "合计" and x["amount"] is not None]
        if mine and mine[0]["amount"] != r["amount"]:
            out[id(r)] = (f"（其中一般公共预算 {money(mine[0]['amount'])}）", mine[0]["amount"],
                          mine[0]["line_no"])
    return out


PLACE_ONLY = re.compile(r"^第\d+(?:个|项|名|条)")  # a place said first, with no set or order named before it
JOINER = re.compile(r"^(?:和|与|跟|同|、|及)$")
WHICH_OF_TWO = re.compile(r"(?:相比|比较|比)?(?:的)?(?:哪个|哪一个|哪项|哪一项|谁)")  # (第二大的 ranks)


def _two_compared(text: str, lines: list) -> bool:
    """Two lines named one after the other, joined by 和/与/跟 (宣传事务和组织事务哪个多): they are
    compared with each other (the difference rule) — never the largest line inside either."""
    spans = sorted(m.span for m in lines if m.span)
    return any(JOINER.match(text[a[1]: b[0]]) and WHICH_OF_TWO.match(text[b[1]:])
               for a, b in itertools.pairwise(spans))
