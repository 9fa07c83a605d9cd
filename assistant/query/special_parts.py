"""A part of a special fund named on its own: 支持外贸发展多少钱 / 区级支持总部经济多少 / 进博会专项有多少.

A 项目经费情况说明 (Shanghai's disclosures) prints each special fund's year budget and its parts in one
sentence ('2025年度项目总预算2921.00万元，其中支持外贸发展370.00万元，…'). The reading of that part
(pipeline/intents/narrative_projects.py) needs the fund named; a part is often asked by its own name,
and a composed question (区级和市级总部经济加起来) asks each part as a subject of its own. This rule
reads the shape (a name, then the words that ask its figure); the answer reads the names: the one
part printed under that name (or a name it shortens, its characters in order), else nothing — the
question is the other readings'.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row
    from assistant.pipeline.steps import Env

RULE = "专项资金中的一项"
PART = "项目经费情况说明"
AGGREGATES = ("项目总预算", "合计", "总计", "总预算")
# the words that ask a part's figure, after its name (那块钱有多少 / 安排了多少万元)
ASKING = re.compile(r"(?:的)?(?:那块|这块|那部分|这部分)?(?:的)?(?:钱|预算|金额|资金|经费)?(?:是|有|为)?"
                    r"(?:安排了?|给了?)?(?:多少|几)(?:钱|万元|元|万)?[呢吗]?$")
NAME = re.compile(r"[\u4e00-\u9fff]{4,24}")
ASKS_ELSE = re.compile(r"[是什么哪吗呢怎为谁几]|品牌|多少")  # a name said bare asks nothing else
RUN_MIN = 4  # characters of a part's (or its fund's) name a question must say
SHARE_MIN = 0.7  # a shortened name says most of the part's name, its characters in order
LINE_FIT = 100.0  # a line of the tables named exactly is the tables' question


def special_part(text: str, lex: Lexicon) -> Query | None:
    said = (ORIGINAL.get() or text).strip(" ?？。")
    m = ASKING.search(said)
    name = re.sub(r"^(?:那|请问|其中)", "", said[: m.start()] if m else said)
    if not NAME.fullmatch(name) or (m is None and ASKS_ELSE.search(name)):
        return None
    return Query(op="special", subjects=(Subject(text=name, span=(0, len(name))),), rule=RULE)


def special_part_answer(query: Query, env: Env) -> Answer | None:
    from assistant.pipeline.context import is_followup
    from assistant.pipeline.intents.forms_common import answered, safe_cite, value

    q = env.asked
    if q is None or (env.depth == 0 and not env.after_context and env.conv.last is not None
                     and is_followup(q, env)):
        return None  # 其中支持外贸发展呢: the reading of the fund just asked about completes it
    if any(m.score >= LINE_FIT and m.kind not in ("narrative", "term") for m in env.index.match(q)):
        return None  # a line the tables print under that name
    facts = [f for f in env.runner.run("narr_facts", doc_id=env.runner.doc_id)
             if f["part"] == PART and f["measure"] == "amount" and f["subject"] not in AGGREGATES]
    name = query.subjects[0].text
    if any(_fund(str(f["section"])) in name for f in facts):
        return None  # 生命健康专项里规模化发展: the fund named whole, its own reading answers
    if _continues(env):
        return None  # 贸易高质量发展专项多少 → 区级支持总部经济呢 → 市级呢: that reading goes on
    found = _named(name, facts)
    if found is None:
        return None
    fund = _fund(str(found["section"]))
    text = f"{fund}（{PART}）：{found['subject']} {found['value']:,.2f} {found['unit']}。"
    return answered(text, [value(found["value"], found["unit"], f"{fund} {found['subject']}")],
                    [safe_cite(env.runner, PART, f"{found['section']} {found['subject']}", found["line_no"])],
                    [f"{fund}预算多少？"])


def _continues(env: Env) -> bool:
    """The turn before was the fund's own reading, and this one follows it up."""
    from assistant.pipeline.context import is_followup

    last = env.conv.last
    return env.depth == 0 and last is not None and last.intent is not None \
        and last.intent.name == READING and env.asked is not None and is_followup(env.asked, env)


READING = "narrative_project"


def _named(name: str, facts: list[Row]) -> Row | None:
    """The one part the name names: itself, a name it shortens, or a fund's name and a part of it."""
    for words, rows in ((name, facts), *_in_fund(name, facts)):
        hits = [f for f in rows if _says(words, str(f["subject"]))]
        if len({(f["section"], f["subject"]) for f in hits}) == 1:
            return hits[0]
    return None


def _says(words: str, subject: str) -> bool:
    if len(words) < RUN_MIN // 2:
        return False
    if words == subject or (len(words) >= RUN_MIN and words in subject):
        return True
    it = iter(subject)  # 进博会专项 of 进博会推进专项: its characters in order, most of them
    return all(ch in it for ch in words) and len(words) >= SHARE_MIN * len(subject) and len(words) >= RUN_MIN


def _in_fund(name: str, facts: list[Row]) -> list[tuple[str, list[Row]]]:
    """生命健康规模化发展: the fund said in part (生命健康), then a part of that fund."""
    out = []
    for section in dict.fromkeys(str(f["section"]) for f in facts):
        fund = _fund(section)
        m = SequenceMatcher(None, name, fund, autojunk=False).find_longest_match(0, len(name), 0, len(fund))
        if m.size >= RUN_MIN:
            rest = re.sub(r"^(?:专项|资金)?(?:里面|里|中|的)?", "", name[: m.a] + name[m.a + m.size:])
            out.append((rest, [f for f in facts if f["section"] == section]))
    return out


def _fund(section: str) -> str:
    """'生命健康专项（政策资金）经费情况说明 / 六、年度预算安排' → 生命健康专项."""
    root = section.split(" / ")[0]
    return re.sub(r"(?:[（(][^（()）]*[）)])?(?:经费)?情况说明$", "", root)
