"""Two rules over 第一部分 (机构设置 / 主要职能) and their answers: the department's own sentences a
question asks for by their words, and whether one of its listed units has a budget of its own.

- `said`: 加挂了哪些牌子 / 和哪个单位合署办公 (word groups signboard / joint_office of
  knowledge/intents.toml) → the 第一部分 sentences holding 牌子 / 合署, quoted whole. A line named in
  the question (电脑是什么牌子: a thing bought) or a word of buying leaves it to the readings.
- `unit_listed`: 中小企业服务中心有单独的预算吗 → the item of the list after 具体包括： that names the
  unit (…，不单列预算). Only a yes/no question whose words, besides the unit's name, all speak of
  the unit's budget standing; anything else said of a unit (有没有项目支出) is the readings'.

Both state no figure: they quote what the document says, or say it says nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.pipeline.knowledge import load_knowledge
from assistant.query.model import Query
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row
    from assistant.pipeline.steps import Env

PART = "第一部分"
SECTIONS = ("机构设置", "单位构成")
SELF_UNIT = "本部"  # the department's own office, listed first: not a unit below it
# word group of knowledge/intents.toml -> what the 第一部分 sentence answering it holds
SAID = {"signboard": "牌子", "joint_office": "合署"}
LINE_KINDS = frozenset({"function", "economic", "project", "procurement", "detail", "indicator"})
LINE_FIT = 90.0  # a line named this well is what the question is about, not the department
OVERLAP_MIN = 6  # characters of a unit's name the question must repeat
_ITEM = re.compile(r"^\d{1,2}\s*[.、．]")
# '具体包括：', '具体包括（列示至基层预算单位）：'
_LIST_HEAD = re.compile(r"包括(?:[（(][^）)]{0,20}[）)])?[:：]?$|如下[:：]$")
YES_NO = re.compile(r"吗$|是否|有没有|是不是")
# what a yes/no question about a unit's budget standing says besides the unit's name
STANDING = re.compile(r"^(?:(?:请问|那|这个|该|是否|有没有|是不是|有|没有|是|否|还|也|都|在|纳入|列入|"
                      r"包括|包含|单独|独立|自己|自身|另外|单列|编制|编报|编|列|的|了|部门|本部门|预算单位|预算|账|吗|呢|里|中|内)+)?$")


def said(text: str, lex: Lexicon) -> Query | None:
    asked = ORIGINAL.get() or text
    k = load_knowledge()
    group = next((g for g in SAID if k.has(g, asked)), None)
    if group is None or k.has("procurement", asked) or "买" in asked:
        return None  # 电脑是什么牌子 / 买了什么牌子: a thing bought, not the department's names
    return Query(op="said", rule=group)


def said_answer(query: Query, env: Env) -> Answer | None:
    q = env.asked
    if q is not None and any(m.kind in LINE_KINDS and m.score >= LINE_FIT for m in env.index.match(q)):
        return None  # 打印机的牌子: a line of the document is what is asked about
    key = SAID[query.rule]
    if key == "牌子" and q is not None and "挂" not in q.text and _of_another(q.text, env):
        return None  # 电脑是什么牌子: a brand, which the document never says
    found = [(p, sentence.strip()) for p in env.runner.run("narr_paragraphs", doc_id=env.runner.doc_id)
             if p["part"] == PART for sentence in re.split(r"(?<=[。；;])", p["text"]) if key in sentence]
    if not found:
        return Answer(status="unanswerable", text="第一部分没有写这方面的内容。",
                      suggestions=["本部门的主要职能是什么？"])
    quoted = "".join(dict.fromkeys(s for _, s in found))
    p = found[0][0]
    return _quote(f"第一部分“{p['section'].split(' / ')[-1]}”写道：{quoted}", p, env,
                  ["本部门的主要职能是什么？", "本部门下属有哪些单位？"])


# what a question of the department's own signboards says besides its name (有几块牌子, 还叫什么牌子)
SELF_WORDS = re.compile(r"本部门|本单位|我们|你们|咱们|这个|部门|单位|机关|还|另外|有|哪些|哪几|什么|几块|"
                        r"几个|多少|块|个|叫|是|的|了|都|呢|吗|牌子|请问|那")


def _of_another(text: str, env: Env) -> bool:
    own = [str(n) for n in (env.facts.get("department"), *env.facts.get("also_named", ())) if n]
    for name in sorted(own, key=len, reverse=True):
        text = text.replace(name, "")
    return bool(SELF_WORDS.sub("", re.sub(r"[?？。！!，,\s]", "", text)))


def unit_listed(text: str, lex: Lexicon) -> Query | None:
    asked = ORIGINAL.get() or text
    if not YES_NO.search(asked) or re.search(r"多少|几", asked):
        return None
    return Query(op="unit_listed", rule="某单位是否单列预算")


def unit_listed_answer(query: Query, env: Env) -> Answer | None:
    asked = env.asked.text if env.asked is not None else ""
    items = listed(own_paragraphs(env.runner.run("narr_paragraphs", doc_id=env.runner.doc_id)))
    scored = sorted(((_overlap(asked, p["text"]), p) for p in items), key=lambda s: -s[0][0])
    runs = [run for (run, _), _ in scored]
    if not runs or runs[0] < OVERLAP_MIN or (len(runs) > 1 and runs[1] == runs[0]):
        return None  # no unit of the list named: not this rule's question
    (_, (start, end)), p = scored[0]
    if not STANDING.match(asked[:start] + asked[end:]):
        return None  # 中心有没有项目支出: something else said of the unit
    return _quote(f"第一部分机构设置写道：{p['text'].strip()}", p, env, [])


def own_paragraphs(paras: list[Row]) -> list[Row]:
    """The paragraphs of 第一部分's 机构设置 / 单位构成."""
    return [p for p in paras if p["part"] == PART and any(s in p["section"] for s in SECTIONS)]


def listed(paras: list[Row]) -> list[Row]:
    """The numbered paragraphs after the one announcing the list ('具体包括：')."""
    for i, p in enumerate(paras):
        if _LIST_HEAD.search(p["text"].strip()):
            items = []
            for nxt in paras[i + 1:]:
                if not _ITEM.match(nxt["text"].strip()):
                    break
                items.append(nxt)
            if items:
                return items
    return []


def _overlap(asked: str, text: str) -> tuple[int, tuple[int, int]]:
    """The longest run of the question the text holds, and where it stands in the question."""
    best, at = 0, (0, 0)
    for i in range(len(asked)):
        for j in range(i + best + 1, len(asked) + 1):
            if asked[i:j] not in text:
                break
            best, at = j - i, (i, j)
    return best, at


def _quote(text: str, p: Row, env: Env, suggestions: list[str]) -> Answer:
    from assistant.pipeline.base import cite

    return Answer(status="answered", text=text, suggestions=suggestions,
                  citations=[cite(env.runner, PART, p["section"][:60], int(p["line_start"]))]
                  if p.get("line_start") else [])
