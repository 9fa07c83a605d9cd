"""What a line is used for (行政运行用于什么, 大数据中心运维费用是干什么用的).

The explanation (第三部分) says it in one sentence per line: 五（三）一般公共预算拨款具体使用
情况 for each 功能科目 项 ("…行政运行（项）401.31 万元，主要是用于人员经费"), 九、项目支出安排
情况 for each project ("3. 安全生产工作经费 11.79 万元，主要用于…"). The answer quotes that
sentence with its figure and line. A sentence counts only when the name stands before 用于 —
in "商品和服务支出 …主要用于：办公费、培训费" 培训费 is one of the uses, not the subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Citation, Intent, Match, Question, Value
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.tables_common import knowledge, money, stash, unstash
from assistant.pipeline.normalise import canon
from assistant.settings import SETTINGS

KINDS = ("function", "project", "economic", "summary")
_USE = re.compile(r"主要(?:是)?用于|用于")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")


def _subject(text: str) -> str | None:
    """The part of a sentence before 用于: what it is about."""
    m = _USE.search(text)
    return text[: m.start()] if m else None


def _find(rows: Sequence[Row], m: Match) -> list[Row]:
    """The sentence about the line itself; for a 类/款 the sentences of the 项 under it."""
    k = knowledge()
    name = canon(m.name, k)
    own, parts, under = [], [], []
    for r in rows:
        head = _subject(r["text"] or "")
        if head is None:
            continue
        head = canon(head, k)
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


class UsageHandler:
    name = "usage"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not k.has("usage", q.text):
            return None
        ents = [m for m in matches if m.kind in KINDS and m.score >= SETTINGS.match_threshold]
        if not ents:
            return None
        best = max(ents, key=lambda m: (m.score, len(m.alias)))
        return Intent(name="usage", params=stash([best]), evidence="certain")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        m = unstash(intent.params)[0]
        rows = [r for r in runner.run("narr_paragraphs") if r["part"] in ("第三部分", "第四部分")]
        found = _find(rows, m)
        if not found:
            # no sentence of its own: say so, with the amount the tables give
            from assistant.pipeline.intents.amount import AmountHandler

            note = f"预算说明中没有单独说明“{m.name}”的用途。"
            answer = AmountHandler().one(m, None, q, runner)
            if answer.status != "answered" or not answer.values:
                return Answer(status="unanswerable", text=note)
            return answer.model_copy(update={"text": f"{note}{answer.text}"})
        values: list[Value] = []
        quotes, cites = [], []
        for row in found:
            text = row["text"].strip()
            amount = _AMOUNT.search(_subject(text) or "")
            if amount:  # the figure the sentence itself states, so quote and value agree
                values.append(Value(value=round(float(amount.group(1).replace(",", "")), 2),
                                    unit="万元", label=m.name if len(found) == 1 else _item(text)))
            quotes.append(f"“{text}”（第{row['line_start']}行）")
            cites.append(Citation(table=row["part"], title=row["section"], row=m.name,
                                  line=int(row["line_start"])))
        where = found[0]["section"].split(" / ")[-1]
        if len(found) == 1:
            figure = f"，{runner.year}年安排 {money(values[0].value, values[0].unit)}" if values else ""
            text = f"按{found[0]['part']}“{where}”{figure}：{quotes[0]}。"
        else:
            text = (f"预算说明没有单独说明“{m.name}”的用途；{found[0]['part']}“{where}”逐项说明了"
                    f"其下各项的用途：\n" + "\n".join(quotes))
        return Answer(status="answered", text=text, values=values, citations=cites)
