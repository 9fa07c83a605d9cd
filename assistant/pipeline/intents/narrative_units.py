"""第一部分 机构设置 / 预算单位构成: how many units the department budget includes (the units the
text enumerates after '具体包括：'; 下属 counts those below the department's own 本部), yes/no
questions about one unit named there ('中小企业服务中心有单独的预算吗' → the line that says
'不单列预算'), and the sentences of 第一部分 a question names by their own words (加挂…牌子,
合署办公: knowledge/intents.toml).

Both are fallbacks (evidence below the table handlers): a table that lists units answers first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.tables_common import has_any, longest_run

INTENT = "narrative_units"
PART = "第一部分"
SECTIONS = ("机构设置", "单位构成")
COUNT_CUES = ("几个单位", "几家单位", "多少个单位", "多少家单位", "几个预算单位", "几家预算单位")
YES_NO = ("吗", "是否", "有没有")
_UNITS_COUNT = re.compile(r"单位.{0,3}(?:几家|几个|多少家|多少个)|(?:几家|几个|多少家|多少个).{0,4}单位")
OVERLAP_MIN = 6  # characters of a unit's name the question must repeat
_ITEM = re.compile(r"^\d{1,2}\s*[.、．]")
# '具体包括：', '具体包括（列示至基层预算单位）：'
_LIST_HEAD = re.compile(r"包括(?:[（(][^）)]{0,20}[）)])?[:：]?$|如下[:：]$")
SELF_UNIT = "本部"  # the department's own office, listed first: not a unit below it
# word group of knowledge/intents.toml -> what the 第一部分 sentence answering it holds
SAID = {"signboard": "牌子", "joint_office": "合署"}
LINE_KINDS = frozenset({"function", "economic", "project", "procurement", "detail", "indicator"})
LINE_FIT = 90.0


class UnitsHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        text = q.text
        said = next((group for group in SAID if has_any(text, group)), None)
        bought = has_any(text, "procurement") or "买" in text
        if said is not None and not bought and not any(
                m.kind in LINE_KINDS and m.score >= LINE_FIT for m in matches):
            # 加挂了哪些牌子 asks about the department; 电脑是什么牌子 about a line it buys
            params = {"kind": "said", "group": said, "text": text}
            return Intent(name=INTENT, params=params, evidence="strong")
        if any(c in text for c in COUNT_CUES) or _UNITS_COUNT.search(text):
            return Intent(name=INTENT, params={"kind": "count", "text": text}, evidence="plausible")
        if any(w in text for w in YES_NO) and "多少" not in text:
            return Intent(name=INTENT, params={"kind": "mention", "text": text}, evidence="weak")
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        paras = [
            p
            for p in run(runner, "narr_paragraphs")
            if p["part"] == PART and any(s in p["section"] for s in SECTIONS)
        ]
        if intent.params.get("kind") == "said":
            return _said(SAID[str(intent.params["group"])], runner)
        if not paras:
            return not_found("第一部分没有机构设置的说明。")
        if intent.params.get("kind") == "count":
            return _count(paras, runner, below=has_any(str(intent.params.get("text") or ""), "below"))
        return _mention(str(intent.params.get("text") or q.text), paras, runner)


def _listed(paras: Sequence[Row]) -> list[Row]:
    """The numbered paragraphs after the one announcing the list ('具体包括：')."""
    for i, p in enumerate(paras):
        if _LIST_HEAD.search(p["text"].strip()):
            items = []
            for nxt in paras[i + 1 :]:
                if not _ITEM.match(nxt["text"].strip()):
                    break
                items.append(nxt)
            if items:
                return items
    return []


def _count(paras: Sequence[Row], runner: Runner, below: bool = False) -> Answer:
    items = _listed(paras)
    if not items:
        return not_found("机构设置中没有逐一列出所含单位。")
    cite = [safe_cite(runner, PART, items[0]["section"], items[0]["line_start"])]
    own = [p for p in items if SELF_UNIT in p["text"]]
    if below and len(own) == 1:
        # 下属单位有几家: the units below the 本部, as '本部以及下属 5 家' counts them
        others = [p for p in items if p not in own]
        names = "；".join(p["text"].strip().rstrip("。") for p in others)
        return answered(
            f"按第一部分机构设置，本部门预算除{own[0]['text'].strip().rstrip('。')}外，"
            f"包括下属 {len(others)} 家单位：{names}。",
            [value(len(others), "家", "下属单位数")],
            cite,
        )
    names = "；".join(p["text"].strip().rstrip("。") for p in items)
    return answered(
        f"按第一部分机构设置，本部门预算包含 {len(items)} 家单位：{names}。",
        [value(len(items), "家", "部门预算包含的单位数")],
        cite,
    )


def _said(key: str, runner: Runner) -> Answer:
    """The 第一部分 sentences holding `key` (加挂…牌子), quoted whole."""
    found = [
        (p, sentence.strip())
        for p in run(runner, "narr_paragraphs")
        if p["part"] == PART
        for sentence in re.split(r"(?<=[。；;])", p["text"])
        if key in sentence
    ]
    if not found:
        return not_found("第一部分没有写这方面的内容。", ["本部门的主要职能是什么？"])
    quoted = list(dict.fromkeys(s for _, s in found))
    p = found[0][0]
    return answered(
        f"第一部分“{p['section'].split(' / ')[-1]}”写道：{''.join(quoted)}",
        [],
        [safe_cite(runner, PART, p["section"], p["line_start"])],
        ["本部门的主要职能是什么？", "本部门下属有哪些单位？"],
    )



def _mention(text: str, paras: Sequence[Row], runner: Runner) -> Answer:
    scored = sorted(((longest_run(text, p["text"]), p) for p in _listed(paras)), key=lambda s: -s[0])
    if not scored or scored[0][0] < OVERLAP_MIN or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return not_found("机构设置中没有找到这个单位。")
    p = scored[0][1]
    return answered(
        f"第一部分机构设置写道：{p['text'].strip()}",
        [],
        [safe_cite(runner, PART, p["section"], p["line_start"])],
    )


__all__ = ["UnitsHandler"]
