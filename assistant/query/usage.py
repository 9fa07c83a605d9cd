"""The usage rule and its answer: 行政运行用于什么 / 大数据中心运维费用是干什么用的 — what a line is for.

The question must be a thing and the words that ask its use (knowledge/lexicon/measure.toml: usage),
with nothing after them but asking words. The explanation (第三部分) says it in one sentence per
line: 一般公共预算拨款具体使用情况 for each 功能科目 项 ("…行政运行（项）401.31 万元，主要是用于人员
经费"), 项目支出安排情况 for each project. The answer quotes that sentence with its figure and line;
a 类 or 款 gets the sentences of the 项 under it. A sentence counts only when the name stands before
用于 — in "商品和服务支出 …主要用于：办公费、培训费" 培训费 is one of the uses, not the subject. With no
sentence of its own, the answer says so beside the line's figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, Match, Value
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL, _alt
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row
    from assistant.pipeline.steps import Env

RULE = "X用于什么"
KINDS = ("function", "project", "economic", "summary")
PARTS = ("第三部分", "第四部分")
# what may follow the words of use: only asking (用于哪些方面 / 是干什么用的 / 主要用在哪里)
ASKING_TAIL = (r"(?:是|的|用|在|于)?"
               r"(?:什么|啥|哪些|哪个|哪|哪里|哪儿|方面|地方|用|的|呢|了|吗|呀|是|干嘛|干啥|干|做)*")
_USE = re.compile(r"主要(?:是)?用于|用于")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")


def usage(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    # 花在哪些地方 asks where the money goes (the lines it is spent on), not what the line is for
    words = _alt((*lex.of("measure", "usage"), "用在"))
    m = re.search(rf"^(?:那|请问)?(.+?)的?(?:主要|具体)?(?:是)?(?:{words}){ASKING_TAIL}$", said)
    if not m or len(m.group(1).strip("的")) < 2:
        return None
    return Query(op="usage", subjects=(Subject(text=m.group(1).strip("的"), span=m.span(1)),), rule=RULE)


def usage_answer(query: Query, env: Env) -> Answer | None:
    from assistant.pipeline import steps
    from assistant.pipeline.intents.tables_common import money
    from assistant.pipeline.normalise import normalise
    from assistant.settings import SETTINGS

    q = normalise(query.subjects[0].text, env.k, env.runner.year)
    # read as the match step reads a question (a fragment said for a longer name: 网络安全运营服务项目)
    read = steps.match(steps.State(raw=q.text, question=q), env)
    found_lines = [m for m in read.matches if m.kind in KINDS and m.score >= SETTINGS.match_threshold]
    if not found_lines:  # 聘用人员经费 for 招商服务中心聘用人员经费: the one line a piece of it names
        pieces = {m.entity_id: m for ms in read.fragments.values() for m in ms
                  if m.kind in KINDS and m.score >= SETTINGS.match_threshold}
        found_lines = list(pieces.values()) if len(pieces) == 1 else []
    if not found_lines:
        return None
    m = max(found_lines, key=lambda x: (x.score, len(x.alias)))
    codes = {e.code or e.entity_id for e in env.index.names if e.name == m.name and e.kind == m.kind}
    if any(not (a.startswith(b) or b.startswith(a)) for a in codes for b in codes):
        return None  # 一般行政管理事务 under seven parents: the readings ask (a 款 and its 项 are one)
    rows = [r for r in env.runner.run("narr_paragraphs", doc_id=env.runner.doc_id) if r["part"] in PARTS]
    found = _find(rows, m, env)
    if not found:  # no sentence of its own: say so, with the amount the tables give
        from assistant.pipeline.intents.amount import AmountHandler

        note = f"预算说明中没有单独说明“{m.name}”的用途。"
        answer = AmountHandler().one(m, None, q, env.runner)
        if answer.status != "answered" or not answer.values:
            return Answer(status="unanswerable", text=note)
        return answer.model_copy(update={"text": f"{note}{answer.text}"})
    values: list[Value] = []
    quotes, cites = [], []
    for row in found:
        text = row["text"].strip()
        amount = _amount_of(m.name if len(found) == 1 else _item(text), _before_use(text) or "")
        if amount:  # the figure the sentence itself states, so quote and value agree
            values.append(Value(value=round(float(amount.group(1).replace(",", "")), 2),
                                unit="万元", label=m.name if len(found) == 1 else _item(text)))
        quotes.append(f"“{text}”（第{row['line_start']}行）")
        cites.append(Citation(table=row["part"], title=row["section"], row=m.name,
                              line=int(row["line_start"])))
    where = found[0]["section"].split(" / ")[-1]
    if len(found) == 1:
        figure = f"，{env.runner.year}年安排 {money(values[0].value, values[0].unit)}" if values else ""
        text = f"按{found[0]['part']}“{where}”{figure}：{quotes[0]}。"
    else:
        text = (f"预算说明没有单独说明“{m.name}”的用途；{found[0]['part']}“{where}”逐项说明了"
                f"其下各项的用途：\n" + "\n".join(quotes))
    return Answer(status="answered", text=text, values=values, citations=cites)


def _amount_of(name: str, head: str) -> re.Match[str] | None:
    """The figure the sentence states for the name: the one after it where the sentence names it
    (公务用车购置费 0.00 万元，公务用车运行维护费 3.20 万元), else the sentence's only figure."""
    at = head.find(name)
    if at >= 0:
        return _AMOUNT.search(head, at + len(name))
    found = list(_AMOUNT.finditer(head))
    return found[0] if len(found) == 1 else None


def _before_use(text: str) -> str | None:
    """The part of a sentence before 用于: what it is about."""
    m = _USE.search(text)
    return text[: m.start()] if m else None


def _find(rows: list[Row], m: Match, env: Env) -> list[Row]:
    """The sentence about the line itself; for a 类/款 the sentences of the 项 under it."""
    from assistant.pipeline.normalise import canon

    name = canon(m.name, env.k)
    own, parts, under = [], [], []
    for r in rows:
        head = _before_use(r["text"] or "")
        if head is None:
            continue
        head = canon(head, env.k)
        # a 功能科目 is named as "<name>（项）"; a project by its name (maybe plus 支出/经费)
        if re.search(rf"{re.escape(name)}[（(]项[)）]", head):
            own.append(r)
        elif re.search(rf"{re.escape(name)}[（(](?:类|款)[)）]", head):
            under.append(r)
        elif name in head:
            parts.append(r)
    return own[:1] or parts[:1] or under


def _item(text: str) -> str:
    """The 项 a sentence is about (…（款）行政运行（项）… -> 行政运行)."""
    m = re.search(r"([^（）()]+)[（(]项[)）]", text)
    return m.group(1) if m else text[:20]
