"""The total rule and its answer: 总预算多少 / 今年一共多少钱 / 人员经费一共多少 / 收入预算总计 /
基本支出表合计 — a total of the whole budget (one column of it, one side of it, or one table's 合计
line), never of one line.

The rule reads the shape only: words of the whole (knowledge/intents.toml [words] total, bare_total),
a column of the budget (人员经费, 项目支出) or a table named. The answer reads the question's names:
a line named (复印机和复印纸一共多少), another operation asked (占比, 最多), a topic of the 说明
(政府采购预算总额), a project's own total (生命健康专项总预算), two columns (人员经费加公用经费) or a
set said by who runs it are not the whole budget's total: the other readings answer. A follow-up is
read once the context step has completed it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assistant.models import Answer, Match, Question
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Runner
    from assistant.pipeline.knowledge import Knowledge
    from assistant.pipeline.steps import Env

RULE = "总数"
EXACT = 100  # a catalogue match of the name as printed
# Keyword groups that mean another operation is asked (share, ranking …), not one total.
OTHER_OPERATIONS = ("share", "compare", "ranking", "ranking_max", "ranking_min", "count",
                    "breakdown", "reverse", "code_meaning", "fields")
# 生命健康专项总预算 / 项目总预算: a project's total (a field of its form), never the department's
_PROJECT_TOTAL = re.compile(r"[\u4e00-\u9fff]{2,}(?:专项|工程)的?总?预算|项目的?总预算")
# 一共多少钱 said right after a list: the list's total (the context step reads it so)
OF_THE_LIST = re.compile(r"(?:那|这些|它们|这几[项个笔类])?(?:一共|总共|合计|共计|总计|加起来|加在一起)"
                         r"(?:是|有)?多少钱?(?:呢)?")
# 总共要花多少钱 said of the thing just asked about, naming nothing of its own
ITEM_SUM = re.compile(r"(?:那|它|这个|这些)?(?:一共|总共|合计|共计|总计|加起来)(?:要|得|需要)?"
                      r"(?:花|花费|用)?了?(?:是|有)?多少钱?(?:呢)?")
SUM_ASKED = re.compile(r"(?:一共|总共|合计|加起来|加在一起)(?:是|有)?多少钱?")
EACH = ("分别", "各是", "各自", "各多少", "各有多少")  # each of several asked for
# 预算总额 / 财政拨款总额 / 2025年收支总额: 总额 of the budget itself (of 固定资产 it is another sum)
WHOLE_SUM = re.compile(r"(?:^|\d{4}年度?|本局|本部门|部门|全局|今年|本年)的?(?:预算|财政拨款|收入|支出|收支)?"
                       r"(?:预算)?的?总额")
TABLE_TOTAL_WORDS = ("合计", "总计")
GRANTS, GRANTS_TABLE = "财政拨款", "预算04表"  # the 财政拨款收支总表 (the seed role)
WHOLE_TABLE = "预算01表"  # the 收支总表: every source of money
FUND_TABLE = "预算05表"  # the 一般公共预算 支出表 (the seed role): the fund's columns on its 合计 line
BASIC_TABLE = "预算07表"  # a 功能分类表 without a column: the 基本支出 table's 合计 line has it


def total(text: str, lex: Lexicon) -> Query | None:
    from assistant.pipeline.intents.tables_common import knowledge

    said = ORIGINAL.get() or text
    k = knowledge()
    if not (k.has("total", said) or k.has("amount", said) or k.bare_total(said) or "表" in said
            or any(w in said for w in (*k.measures, *TABLE_TOTAL_WORDS))):
        return None
    return Query(op="total", subjects=(Subject(text=said, span=(0, len(said))),), rule=RULE)


def total_answer(query: Query, env: Env) -> Answer | None:
    """The total asked, or None when the question is not of the whole budget (the readings answer)."""
    from assistant.dialogue.after_refusal import as_followup
    from assistant.dialogue.columns import wholly_in_column
    from assistant.pipeline.checks import foreign_years
    from assistant.pipeline.normalise import normalise
    from assistant.query.led_by import whose

    said = query.subjects[0].text
    asked = env.asked  # the question as the normalise step left it: read again only when it differs
    q = asked if asked is not None and asked.text.strip(" ?？。.!！") == said else \
        normalise(said, env.k, env.runner.year)
    if (followed := as_followup(asked or q, env)) is not False:
        return followed  # a follow-up: read once the context step completed it, or nothing to follow
    last = env.conv.last
    if env.depth == 0 and last is not None and not last.items and ITEM_SUM.fullmatch(q.text):
        item = next((m for m in last.entities if m.kind in ITEM_KINDS), None)
        if item is not None:  # 台式计算机单价多少 → 总共多少钱: the item's sum, never the budget's
            return _of_item(item.name, q.text, env)
    if env.depth == 0 and last is not None and (last.items or len(last.results) > 1) \
            and OF_THE_LIST.fullmatch(q.text):
        return None  # 买了哪些东西 → 一共多少钱: the figures just listed, never the whole budget
    if foreign_years(q, env.runner.year):
        # 2024年运转类项目支出: the tables print this year's; the forms and 说明 other years
        from assistant.query.prior_total import prior_total

        return prior_total(q, env, _asked(q, env.index.match(q), env.k))
    total = _asked(q, env.index.match(q), env.k)
    if total is not None and total.get("bare") and env.depth == 0 and _line_before(env) \
            and not wholly_in_column(q.text, env.conv.last, env):  # 工资福利支出 → 人员经费多少
        env.deferred = True  # 行政运行多少 → 项目支出部分: that line's column, once the context says so
        return None
    if total is None or _narrower_term(q.text, env.facts.get("terms", ())) or whose(q, env):
        return None  # 运转类项目支出: the document's own name of a part of the column (its 整体绩效 form)
    from assistant.pipeline.intents.narrative_project_figures import PART as PROJECTS_PART
    if PROJECTS_PART in q.text:
        return None  # 项目经费情况说明里那四个专项一共多少: the projects that part explains, not all spending
    return _answer(total, q, env.runner)


def _of_item(name: str, asked: str, env: Env) -> Answer | None:
    from assistant.plan.values import ask

    found = ask(f"{name}{asked}", env).answer
    return found if found is not None and found.status == "answered" and found.values else None


LINE_KINDS = frozenset({"function", "economic", "project", "unit", "detail"})
ITEM_KINDS = frozenset({"procurement", "detail", "project"})  # a thing bought or spent on: a sum of its own


def _line_before(env: Env) -> bool:
    """The turn before answered about a line of the budget (行政运行, 招商服务中心)."""
    last = env.conv.last
    return last is not None and last.status == "answered" and any(m.kind in LINE_KINDS for m in last.entities)


def asks_a_total(q: Question, env: Env) -> bool:
    """The question reads as a total of the whole budget, whatever year it names."""
    return _asked(q, env.index.match(q), env.k) is not None


def _asked(q: Question, matches: list[Match], k: Knowledge) -> dict[str, object] | None:
    """What total the question asks (measure, table, side), or None when it asks no total."""
    from assistant.pipeline.intents.narrative_fact_words import TOPICS
    from assistant.pipeline.intents.tables_common import measure_of, measures_of
    from assistant.plan.columns import one_fund
    from assistant.settings import SETTINGS

    measure = measure_of(q, k, matches)
    # 一般公共预算基本支出: the fund said with a column is that fund's column, not a line named
    named = [m for m in matches if m.kind not in ("narrative", "term", "table", "indicator")
             and m.score >= SETTINGS.match_threshold and not (measure and one_fund(m.name))]
    if named or any(k.has(g, q.text) for g in OTHER_OPERATIONS):
        return None  # a named line (复印机和复印纸一共多少) is not the whole budget
    if any(w in q.text for w in EACH):
        return None  # 下属单位的人员经费分别多少: each one's figure, never the whole's
    if "总额" in q.text and not WHOLE_SUM.search(_without(q.text, k.measures)):
        return None  # 固定资产总额 / 项目资金总额: the sum of another thing (基本支出总额 is a column's)
    slips = [m for m in matches if m.kind in ("narrative", "term") and m.span and m.score < EXACT]
    if measure is None and slips:
        return None  # 项目只出总共多少: a name said with a slip (项目支出) is no word of the whole
    if _PROJECT_TOTAL.search(q.text):
        return None  # '生命健康专项总预算' is that project's total, never the department's
    if any(t in q.text for t in TOPICS if t != "面积") or k.has("procurement", q.text):
        return None  # '(政府)采购预算总额' is that topic's total, never the whole budget
    if len(measures_of(q, k, matches)) > 1:
        return None  # 人员经费加公用经费: a sum of columns
    if measure is None and _every_project(q.text, k):
        measure = "项目支出"  # 项目一共多少钱: every project together is the 项目支出 column
    if k.has("total", q.text) or k.bare_total(q.text):
        return {"measure": measure, "income": "收入" in q.text}
    tables = [m for m in matches if m.kind == "table" and ":rows:" in m.entity_id]
    if tables and _unnamed_line(q, tables, k):
        return None  # 养老保险缴费在基本支出表里: a line of the table not recognised, not its total
    if tables and (k.has("amount", q.text) or measure or any(w in q.text for w in TABLE_TOTAL_WORDS)):
        return {"measure": measure, "table_id": tables[0].code}  # 基本支出表合计: that table's total line
    return {"measure": measure, "bare": True} if measure else None  # a column said alone


def _narrower_term(text: str, terms: tuple[str, ...]) -> str | None:
    """A name of the document's own said in the question that holds a column of the budget with
    more than a fund or 预算 beside it (人员类项目支出, 聘用人员经费): a part of the column."""
    from assistant.pipeline.intents.tables_common import knowledge
    from assistant.plan.columns import wholes

    measures = knowledge().measures
    plain = sorted({*wholes()["sources"], wholes()["columns_fund"], "预算", "的"}, key=len, reverse=True)
    for term in terms:
        if term not in text or term in measures:
            continue
        for measure in (m for m in measures if m in term):
            rest = term.replace(measure, "")
            for word in plain:
                rest = rest.replace(word, "")
            if rest:
                return term
    return None


def _without(text: str, words: Iterable[str]) -> str:
    """The text with every one of the words taken out, longest first."""
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "")
    return text


def _every_project(text: str, k: Knowledge) -> bool:
    """项目一共多少(钱) / 所有项目加起来: the set of projects said with nothing but a total asked."""
    for word, (_, kind) in k.sets.items():
        if kind == "project" and word in text:
            rest = re.sub(r"^(?:所有|全部|全体|各个?|这些)?的?", "", text.replace(word, "", 1))
            return k.bare_total(rest) or SUM_ASKED.fullmatch(rest) is not None
    return False


def _unnamed_line(q: Question, tables: list[Match], k: Knowledge) -> bool:
    """Words beside the named tables that are neither question words nor a column nor 合计:
    a line of that table the matcher did not recognise, whose figure the total is not."""
    text = q.text
    for t in sorted((t for t in tables if t.span), key=lambda t: -t.span[0]):  # type: ignore[index]
        text = text[: t.span[0]] + text[t.span[1]:]  # type: ignore[index]
    if any(w in text for w in ("合计", "总计", "总额", "一共", "总共")):
        return False
    text = _without(text, {*k.words.get("stop", ()), *k.words.get("amount", ()),
                           *k.words.get("bare_total", ()), *k.measures})
    text = re.sub(r"\d{4}年度?|[^\u4e00-\u9fff]", "", text)
    return len(text) >= 2


def _answer(asked: dict[str, object], q: Question, runner: Runner) -> Answer:
    from assistant.pipeline.intents import tables_common as tc
    from assistant.pipeline.intents.tables_common import cite_row, money, unit_conversion, value, year_label
    from assistant.plan.columns import all_funds_total, columns_fund, source_said

    measure = asked.get("measure")
    table_id = asked.get("table_id")
    source = source_said(q.text, measure)  # type: ignore[arg-type]
    if source is not None and not table_id:  # 事业收入安排的人员经费: no total is divided so
        return Answer(status="unanswerable", text=(
            f"文件的表没有按“{source}”分列{measure or '支出'}的数，无法给出其中由{source}安排的部分。"
            f"可以分别问“{measure or '支出'}多少”或“{source}多少”。"))
    if measure and GRANTS in q.text and columns_fund() not in q.text and not table_id \
            and not _grants_are_the_fund(runner):
        # 财政拨款安排的基本支出: no table prints a column of 财政拨款 (事业收入 is in every fund's 合计)
        return Answer(status="unanswerable", text=(
            f"文件的表没有列出财政拨款安排的{measure}合计，无法给出这个数。可以问“{measure}多少”"
            f"（全部资金），或“一般公共预算{measure}多少”。"))
    if table_id:
        return _table_total(str(table_id), measure, q, runner)  # type: ignore[arg-type]
    if measure is None:
        # 财政拨款收支总预算: the 财政拨款 account (预算04表), never every source of money
        table_id = GRANTS_TABLE if GRANTS in q.text else WHOLE_TABLE
        rows = runner.run("li_totals", table_id=table_id)
        if not rows and table_id == GRANTS_TABLE:
            return Answer(status="unanswerable", text="文件中没有财政拨款收支总表的合计数。")
        side = "收入" if asked.get("income") else "支出"
        grand = [r for r in rows if r["level"] == "总计"]
        row = next((r for r in grand if r["side"] == side), grand[0] if grand else None)
        label = f"{GRANTS if table_id == GRANTS_TABLE else ''}{side}总计"
    else:
        # 财政拨款 said (it is that one fund here, or no column was stated above): the fund's own table
        row, table_id, label = all_funds_total(runner, str(measure), q.text, fund_said=GRANTS in q.text)
        if row is None:
            rows = runner.run("li_totals", table_id=FUND_TABLE)
            row = next((r for r in rows if r["measure"] == measure), None)
            table_id, label = FUND_TABLE, f"{columns_fund()}{measure}"
        if row is None:
            rows = [r for r in runner.run("li_totals", table_id=BASIC_TABLE) if r["level"] == "合计"]
            row = next((r for r in rows if r["measure"] == measure), None)
            table_id = BASIC_TABLE
    if row is None or row["amount"] is None:
        return Answer(status="unanswerable", text="表中没有找到这个合计数。")
    extra, converted = unit_conversion(row["amount"], q.unit_request, label)
    parent = tc.PARENT_MEASURE.get(str(measure)) if measure else None
    said = f"（{parent}中的{measure}）" if parent and parent in q.text else ""  # 基本支出人员经费多少
    what = (f"{year_label(runner)}部门收支总预算（{label}）" if measure is None
            else f"{year_label(runner)}{label}{said}")
    return Answer(
        status="answered",
        text=f"{what}为 {money(row['amount'])}{extra}（{table_id}，第{row['line_no']}行）。",
        values=[value(row["amount"], label), *converted],
        citations=[cite_row(runner, table_id,
                            {**row, "name": row["name"] if measure is None else f"合计·{measure}"})],
    )


def _grants_are_the_fund(runner: Runner) -> bool:
    """Every 财政拨款 of the budget is the one fund whose tables print the columns (the 财政拨款 table's
    总计 is that fund's 合计): a column of 财政拨款 is then that fund's column."""
    grants = [r["amount"] for r in runner.run("li_totals", table_id=GRANTS_TABLE) if r["level"] == "总计"]
    fund = [r["amount"] for r in runner.run("li_totals", table_id=FUND_TABLE) if r["measure"] == "合计"]
    return bool(grants and fund) and grants[-1] == fund[0]


def _table_total(table_id: str, measure: str | None, q: Question, runner: Runner) -> Answer:
    """基本支出表合计 / 收入预算总表里政府性基金预算多少: the 合计 line of the table named."""
    from assistant.pipeline.intents.tables_common import cite_row, money, pick, value

    rows = runner.run("li_totals", table_id=table_id)
    if measure is None:  # 收入预算总表里政府性基金预算多少: a column of that table
        labels = {r["measure"] for r in rows}
        named = [c for c in labels if c.split("/")[-1] in q.text and c not in ("合计", "预算数")]
        # the full label if typed, else the first-level column (本年拨款 before 结转结余)
        full = [c for c in named if c in q.text]
        measure = max(full, key=len) if full else min(named, key=len) if named else None
    row = pick([r for r in rows if r["level"] in TABLE_TOTAL_WORDS], measure)
    label = f"{table_id}合计" + (f"·{measure}" if measure else "")
    what = f"{table_id}（{runner.title(table_id)}）的合计" + (f"（{measure}）" if measure else "")
    if row is None or row["amount"] is None:
        return Answer(status="unanswerable", text=f"{table_id}中没有这一合计数。")
    return Answer(
        status="answered",
        text=f"{what}为 {money(row['amount'])}（{table_id}，第{row['line_no']}行）。",
        values=[value(row["amount"], label)],
        citations=[cite_row(runner, table_id, {**row, "name": f"合计·{row['measure']}"})],
    )
