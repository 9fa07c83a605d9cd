"""The table rule and its answer: 预算08表是空的吗 / 政府性基金预算有没有支出 / 预算13表在哪 — whether
one of the document's tables has any rows, said of the table by its number or its title.

The question must be a table's name and words that ask whether it holds anything (有没有, 是空的吗,
为什么是空的, 有数据吗, 在哪) or the name alone. A table printed with rows answers with its 合计
(有。… 合计 X); an empty table with its own note and the paragraph of the 说明 that speaks of it; a
table the contents list but the document does not print says so. A name the catalogue reads only
loosely (another table's title) is no such question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from assistant.models import Answer, Citation
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row, Runner
    from assistant.pipeline.steps import Env

# what is asked of the table, by the words after its name (the rule names the kind in the trace)
HAS = "X表有没有"
AMOUNT = "X表多少"
ASKED: tuple[tuple[str, str], ...] = (
    ("X表为什么是空的", r"(?:里|中|里面)?(?:为什么|为啥|怎么)(?:是|为)?(?:空的|空表|空白|空)的?(?:呢)?"),
    ("X表是空的吗", r"(?:里|中|里面)?(?:是不是|是否)?(?:是|为)?(?:空的|空表|空白|空)的?(?:吗|呢)?"),
    (HAS, r"(?:里|中|里面)?(?:有没有|有无|是否有|有)(?:支出|数据|内容|安排|预算|钱)?(?:吗|呢)?"
          r"|(?:里|中|里面)?(?:为什么|为啥|怎么)(?:没有|没)(?:支出|数据|内容)?(?:呢)?"),
    (AMOUNT, r"(?:是|有|安排了?)?(?:多少|几何)钱?"),
    ("X表在哪", r"在哪|在哪里|在哪儿|(?:有)?公开了?吗|为什么没(?:有)?公开"),
    ("X表", ""),
)
# the opening word of the reply: (a table with rows, an empty one)
PREFIX = {"X表是空的吗": ("不是空表。", "是的，"), HAS: ("有。", "没有。"), AMOUNT: ("", "没有。")}
FULL_MATCH = 100  # the table must be named, not guessed from a near title


def table(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    for rule, tail in ASKED:
        m = re.search(rf"^(?:那|请问)?(.+?){f'(?:{tail})' if tail else ''}$", said)
        if m and len(m.group(1)) >= 2 and SAYS_TABLE[rule].search(m.group(1)):
            return Query(op="table", subjects=(Subject(text=m.group(1), span=m.span(1)),), rule=rule)
    return None


# what the words before must say for the rule to be asked at all: a name alone, or asked how much,
# is a table's only when said as one (…表) or as a fund's budget (政府性基金预算支出多少)
_ANY = re.compile(".")
SAYS_TABLE = {"X表为什么是空的": _ANY, "X表是空的吗": _ANY, HAS: _ANY, "X表在哪": _ANY,
              AMOUNT: re.compile(r"表$|预算|安排的"), "X表": re.compile(r"表$")}


def table_answer(query: Query, env: Env) -> Answer | None:
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import money, value

    name = query.subjects[0].text
    named = _named_table(name, env)
    if named is None:
        return _funded_by(name, query, env)
    table_id, alias = named
    runner = env.runner
    info = next((t for t in runner.run("report_tables") if t["table_id"] == table_id), None)
    if info is None:
        return None
    title, (full, empty) = info["title"], PREFIX.get(query.rule, ("", ""))
    if info["present"] and info["has_rows"]:
        if query.rule != HAS:
            return None  # 部门收入预算总表 / 预算12表合计多少: its figures are the other readings'
        totals = [r for r in runner.run("li_totals", table_id=table_id) if r["level"] in ("合计", "总计")]
        total = next((r for r in totals if r["measure"] in ("合计", "预算数")), None)
        if total is None or total["amount"] is None:
            return None
        return Answer(status="answered", values=[value(total["amount"], f"{table_id}合计")],
                      citations=[cite(runner, table_id, "合计", total["line_no"])],
                      text=f"{full}{table_id}（{title}）合计 {money(total['amount'])}。")
    paragraphs = _paragraphs(runner, alias, title)
    cites: list[Citation] = [cite(runner, p["part"], p["section"], p["line_start"]) for p in paragraphs[:2]]
    said = "".join(f"{p['part']}“{p['section'].split(' / ')[-1]}”中写明：{p['text'][:120]}"
                   for p in paragraphs[:1])
    if not info["present"]:
        text = f"文件目录列有{table_id}（{title}），但正文没有公开这张表。"
        text += f"相关情况见{said}" if said else "其他报表和说明中也没有单列这部分内容。"
        return Answer(status="answered", text=text, citations=cites)
    cites.insert(0, cite(runner, table_id, info.get("note") or title, info["line_start"]))
    note = (info.get("note") or "表中没有任何数据行").removeprefix("注：")
    text = f"{empty}{table_id}（{title}）为空表，{note}。" + said
    return Answer(status="answered", text=text, citations=cites)


FUNDED = re.compile(r"^(.+?)(?:资金)?(?:安排的|里面的|里的|中的|的)(.{2,})$")


def _funded_by(name: str, query: Query, env: Env) -> Answer | None:
    """政府性基金安排的科技研究开发资金多少: a line asked of a fund whose table is printed empty (or
    not at all) has nothing from that fund — said so, with no figure. A fund with rows is left to
    the readings of its lines."""
    from assistant.pipeline.base import cite

    m = FUNDED.match(name)
    named = _named_table(m.group(1), env) if m and query.rule in (HAS, AMOUNT) else None
    if m is None or named is None:
        return None
    table_id, _ = named
    info = next((t for t in env.runner.run("report_tables") if t["table_id"] == table_id), None)
    if info is None or (info["present"] and info["has_rows"]):
        return None
    note = (info.get("note") or "表中没有任何数据行").removeprefix("注：")
    state = "为空表" if info["present"] else "没有公开"
    return Answer(status="answered", text=f"没有。{table_id}（{info['title']}）{state}，{note}；"
                                          f"“{m.group(2)}”没有由这一来源安排的预算。",
                  citations=[cite(env.runner, table_id, info.get("note") or info["title"],
                                  info["line_start"])])


def _named_table(name: str, env: Env) -> tuple[str, str] | None:
    """The table the words name in full — its number (预算08表), its title, or an alias the catalogue
    holds (政府性基金) with words that only say "the table of it" — as (table id, alias). An alias
    that is also another thing's name (三公经费 is a term too) names the table only with 表 said."""
    from assistant.pipeline.normalise import canon

    said = canon(re.sub(r"[“”\"'‘’《》\s]", "", name), env.k).lower()
    found: dict[str, str] = {}
    tables = env.facts.get("table_names")
    if tables is None:  # read once per document: the names a table is called by
        tables = env.facts["table_names"] = [e for e in env.index.names if e.kind == "table"]
    for e in tables:
        at = said.find(e.key)
        if at < 0 or not _only_table_words(said[:at] + said[at + len(e.key):]):
            continue
        if not said.endswith("表") and any(o.key == e.key and o.kind != "table" for o in env.index.entries):
            continue
        table_id = e.entity_id.split(":")[1]
        if len(e.alias) > len(found.get(table_id, "")):
            found[table_id] = e.alias
    return next(iter(found.items())) if len(found) == 1 else None


def _only_table_words(rest: str) -> bool:
    """政府性基金|预算支出表: what is left of the words besides the alias only says "the table of it"."""
    return TABLE_WORDS.fullmatch(rest) is not None


TABLE_WORDS = re.compile(r"(?:\d{4}年度?)?的?(?:部门)?(?:预算)?(?:支出|收入)?(?:预算)?(?:表|情况表)?")


def _paragraphs(runner: Runner, topic: str, title: str) -> list[Row]:
    rows = runner.run("paragraphs_like", topic=topic)
    if rows:
        return rows
    # 政府向社会力量购买服务 -> section 政府购买服务情况: a section whose words all appear in the
    # topic, in order (the section title is the short form)
    every = runner.run("paragraphs_like", topic="")
    for r in every:
        last = r["section"].split(" / ")[-1]
        head = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.]\s*|情况$", "", last)
        if len(head) >= 4 and _in_order(head, topic):
            return [r]
    scored = sorted(((fuzz.partial_ratio(topic, r["section"].split(" / ")[-1]), r) for r in every),
                    key=lambda t: -t[0])
    return [r for s, r in scored[:1] if s >= 70]


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
