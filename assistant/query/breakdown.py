"""The breakdown rule and its answer: 商贸事务分哪几项 / 商品和服务支出包括哪些 / 项目支出有哪些 /
政府采购有哪些品目 / 基本支出由哪些构成 / 收入包括哪些 — the lines of one set, each with its figure.

The set is read from the words, as a count's or a ranking's is (plan/sets.py): the lines below a
named 科目, one level of a classification, the projects (of one unit), the procurement items, or the
款 of the 基本支出 table; 收入包括哪些 lists the income side of the summary table. The rule leaves the
question to the other readings where no set is said or the words speak of what the tables' lines
do not hold (a project's own detail lines, an item bought, the forms, a paragraph, a duty), and to
the context step when the conversation completes it first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.models import Answer, Question
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

RULE = "X包括哪些"
TABLE_NAMED = re.compile(r"(?:预算)?(\d{1,2})表")


def breakdown(text: str, lex: Lexicon) -> Query | None:
    from assistant.pipeline.intents.tables_common import knowledge

    said = ORIGINAL.get() or text
    k = knowledge()
    if not k.has("breakdown", said) or (k.has("count", said) and "哪" not in said):
        return None  # 有几个项目: a count, never the list
    if _inside_it(said, k.first("breakdown", said) or ""):
        return None  # 基本支出明细里的公务接待费: one line of the list is asked, not the list
    return Query(op="list", subjects=(Subject(text=said, span=(0, len(said))),), rule=RULE)


INSIDE = re.compile(r"^(?:表)?(?:里|中|当中|里面|之中)(?:的)?(.*)$")
ASKING_ONLY = re.compile(r"是多少|多少钱|多少|是什么|有哪些|哪些|是|有|呢|吗|[?？。!！]")


def _inside_it(said: str, word: str) -> bool:
    """The list word followed by 里的 and a thing of its own: that thing is asked."""
    at = said.find(word) if word else -1
    inside = INSIDE.match(said[at + len(word):]) if at >= 0 else None
    return inside is not None and len(ASKING_ONLY.sub("", inside.group(1))) >= 2


def breakdown_answer(query: Query, env: Env) -> Answer | None:
    """The set's listing; the line at the place asked when one is (query/nth_listed.py)."""
    from assistant.query.nth_listed import at_place

    answer = _listing(query, env)
    if query.place is None or answer is None or answer.status != "answered" or not answer.values:
        return answer
    return at_place(answer, query.place)


def _listing(query: Query, env: Env) -> Answer | None:
    from assistant.pipeline.intents.narrowed import undivided
    from assistant.pipeline.intents.tables_common import knowledge, measure_of, table_matches
    from assistant.pipeline.normalise import normalise
    from assistant.plan.sets import SERVICES, parent_line, set_of
    from assistant.query.lines_said import after_a_turn, said_of_another

    q = normalise(query.subjects[0].text, env.k, env.runner.year)
    matches = env.index.match(q)
    if said_of_another(q, matches, env, "listed_by"):  # 收入包括哪些: the income side is a set
        return None
    if env.depth == 0 and not env.after_context and after_a_turn(q, env):
        return None  # 商贸事务多少 → 包括哪些: the context step completes it first
    k = knowledge()
    named = TABLE_NAMED.search(q.text)
    if k.has("service_purchase", q.text) or (named is not None and _table(named) == SERVICES):
        # 政府购买服务包括哪些 / 预算13表有哪些项目: the services table's rows
        return _services(env.runner)
    measure = measure_of(q, k)
    scoped = parent_line(q, matches) is not None or set_of(q) is not None or k.has("procurement", q.text)
    if not scoped and "收入" in q.text and not matches:
        # 收入包括哪些: the income side; a named income (财政拨款收入包括哪些) is a term to define
        return _income(env.runner)
    if not scoped and measure != "基本支出":
        return None
    if (refused := undivided(q)) is not None:
        return refused  # 政府购买服务有哪些项目: the project table does not divide by it
    return _listed(q, table_matches(matches) or list(matches), measure or "合计", env.runner)


def _listed(q: Question, matches: list, measure: str, runner: Any) -> Answer | None:
    from assistant.ops import rank
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import cite_row, knowledge, money, row_label, value
    from assistant.plan.sets import (
        PROCUREMENT,
        chart_table,
        level_of,
        parent_line,
        scope_of,
        set_of,
        set_rows,
    )

    economic = (set_of(q) or ("", "economic"))[1] == "economic"
    columns: list[dict[str, Any]] = []
    if measure == "基本支出" and parent_line(q, matches) is None and economic:
        table_id, scope = "预算07表", "基本支出"  # 基本支出(按经济分类)有哪些: 预算07表
        rows = set_rows(runner, table_id, "economic", "合计", level_of(q) or "类")
        if level_of(q) is None:  # 基本支出由哪几部分构成: its two columns are the other answer
            columns = [r for r in runner.run("li_totals", table_id=table_id)
                       if r["level"] == "合计" and r["measure"] in BASIC_COLUMNS and r["amount"] is not None]
    else:
        table_id, rows, scope = scope_of(q, matches, runner, measure)
    rows = [r for r in rows if r.get("amount") is not None]
    named = TABLE_NAMED.search(q.text)  # 预算11表有哪些项目: that table's rows, or no listing here
    if not rows or (named is not None and _table(named) != table_id):
        return None
    label = (lambda r: r["item_name"]) if table_id == PROCUREMENT else row_label
    listing = "；".join(f"{label(r)} {money(r['amount'])}" for r in rows)
    # 科学技术管理事务包括哪些，加起来多少: the lines listed, and their sum
    total = rank.total(rows, knowledge().has("sum", q.text), money)
    cites = [cite_row(runner, table_id, r) if table_id != PROCUREMENT else
             cite(runner, table_id, r["item_name"], r["line_no"]) for r in rows]
    split = "；".join(f"{r['measure']} {money(r['amount'])}" for r in columns)
    split = f"\n按人员经费和公用经费分：{split}（{table_id}合计行）。" if len(columns) == len(BASIC_COLUMNS) \
        else ""
    listing += total[0] if total else ""
    return Answer(status="answered", text=f"{scope}（{table_id}）包括{len(rows)}项：{listing}。{split}",
                  values=[*([value(total[1], f"{len(rows)}项合计")] if total else []),
                          *(value(r["amount"], r.get("name") or r.get("item_name")) for r in rows),
                          *(value(r["amount"], r["measure"]) for r in columns if split)],
                  citations=[*cites, *(cite_row(runner, table_id, {**r, "name": f"合计·{r['measure']}"})
                                      for r in columns[:1] if split)],
                  table=chart_table(rows))


BASIC_COLUMNS = ("人员经费", "公用经费")  # the two columns the 基本支出 table divides its 合计 into


def _table(named: re.Match[str]) -> str:
    return f"预算{int(named.group(1)):02d}表"


def service_rows(runner: Any) -> list[dict[str, Any]]:
    """The rows of the services table (政府向社会力量购买服务预算表) that carry an amount."""
    from assistant.plan.sets import SERVICES, set_rows

    return [r for r in set_rows(runner, SERVICES, "project", "合计") if r.get("amount") is not None]


def _services(runner: Any) -> Answer | None:
    """政府购买服务有哪些: the rows of the services table (each with its 购买服务目录 entry), or None
    where the layout prints no such table (the narrative's 政府购买服务 statement is the readings')."""
    from assistant.pipeline.intents.tables_common import cite_row, money, value
    from assistant.plan.sets import SERVICES, chart_table

    rows = service_rows(runner)
    if not rows:
        return None
    listing = "；".join(f"{r['name']} {money(r['amount'])}" for r in rows)
    return Answer(status="answered", text=f"政府购买服务（{SERVICES}）包括{len(rows)}项：{listing}。",
                  values=[value(r["amount"], f"{r['name']}（政府购买服务）") for r in rows],
                  citations=[cite_row(runner, SERVICES, r) for r in rows], table=chart_table(rows))


def _income(runner: Any) -> Answer:
    """收入包括哪些: the income side of 预算01表, the lines with an amount (blank ones named)."""
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import money, value
    from assistant.plan.sets import chart_table

    table_id = "预算01表"
    rows = [r for r in runner.run("li_set", table_id=table_id, code_kind="item", measure="预算数")]
    rows = [r for r in rows if r.get("side") == "收入"] or rows
    filled = [r for r in rows if r["amount"] is not None]
    blank = [r["name"] for r in rows if r["amount"] is None]
    if not filled:
        return Answer(status="unanswerable", text=f"{table_id}的收入栏没有金额。")
    listing = "；".join(f"{r['name']} {money(r['amount'])}" for r in filled)
    text = f"{table_id}列出的收入为：{listing}"
    if blank:
        text += f"；{'、'.join(blank)}均为空白（未安排）"
    return Answer(status="answered", text=text + "。",
                  values=[value(r["amount"], r["name"]) for r in filled],
                  citations=[cite(runner, table_id, r["name"], r["line_no"]) for r in filled],
                  table=chart_table(filled))
