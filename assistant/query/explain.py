"""The explain rule and its answer: 为什么 / 原因 (operation.explain in the lexicon) — the document's
own reason, never figures alone.

- A project named: the reason its 预算15表 form gives in 项目前两年预算及当年预算变动情况, the
  item of the year asked (今年 by default) — '…主要为设备过维保期，需增加设备维修费用'; asked
  why it is set up at all (为什么要设立), its 立项依据.
- Otherwise a total or a line the narrative speaks of (今年预算为什么比去年多): the narrative's own
  statement of the line named, when it quotes the reason with the figures (因公出国费0.00万元，…主要
  原因是…); else the sentence that states the reason ('变动的主要原因是…') whose subject best fits
  the question's words — for the whole budget (预算为啥少了), the first one about the whole.
- 为什么 alone after a change just stated (比去年减少多少 → 为什么): the reason of that change, read
  from the conversation's last query, not from rewritten text.

A question that also asks a figure (增加了多少？为什么) is left to the readings that state the figure
with the document's reason. Where the document states no reason, the rule leaves the question to the
readings of the narrative (a statement may carry its reason) and they say what the document says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from assistant.models import Answer, Match, Question, Value
from assistant.pipeline.base import DOCUMENT_YEAR, Row, Runner
from assistant.pipeline.intents.forms_common import answered, norm, not_found, run, safe_cite
from assistant.pipeline.intents.forms_projects import PARTIAL, locate_forms, stash
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon, load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

RULE = "X为什么…"
HISTORY_FIELD = "前两年预算变动"
# what introduces a reason in the document's own sentences
REASON = re.compile(r"(?:主要)?原因(?:是|为)|主要(?:是|为|用于|系)|由于|因为|理由")
ITEM = re.compile(r"(?:^|\s)(\d)\s*[.、．]\s*")
SO_MUCH = ("这么多", "那么多", "这么高", "这么少", "这么大", "这么贵", "这么低", "这么点")
QUANTITY = ("多少", "几")  # a figure is asked besides the reason: the readings that state it answer
# 比上年多: a change is asked
COMPARED = re.compile(r"(?:比|较|跟|与)(?:上年|去年|上一年|(?:19|20)\d{2}年?)[^，,。？?]{0,3}?"
                      r"[多少高低增减涨降]")
SUBJECT_MIN = 60.0  # how well the question's words must fit a sentence's subject
# the words of a reason question that are not its subject
# (公务接待费安排1万元的原因: the figure the question restates is no part of the thing asked about)
FIGURE_SAID = re.compile(r"\d[\d,]*(?:\.\d+)?(?:万元|亿元|元|万)")
# (公务接待费为什么和2024年一样 / 为什么是零: the sameness or the nought asked about is no subject)
ASKING = re.compile(r"(?:和|与|跟)(?:去年|上年|(?:19|20)\d{2}年度?)(?:一样|相同|持平)|一样|持平|"
                    r"没有?变化?|不变|"
                    r"(?:是|为)(?:零|0)(?![\d.])|"
                    r"(?:19|20)\d{2}年度?|" + FIGURE_SAID.pattern + r"|安排了?|"
                    r"为什么|为何|为啥|怎么会|什么原因|原因|理由|缘故|比|较|多了|少了|"
                    r"增加了?|减少了?|增长了?|下降了?|变化|变动|上升|涨了|降了|会|了|呢|吗|的|是|这么|那么|多|少")
CHANGE_KINDS = ("diff", "change")  # a reading's kind that stated a change (form_budget's 比上年多多少)
PROJECT_KINDS = ("project",)
NAMED_MIN = 80.0  # a project named well enough to be the thing asked
TABLE_ASKED = re.compile(r"表(?:里|中|上)?(?:为什么|为何|为啥|怎么)")
# how the turn before asked its figure: not the thing the reason is asked of
ASKED_BEFORE = re.compile(r"(?:是|有|为)?多少(?:钱|万元|万|元)?|几|呢|吗|[?？。!！]")


def explain(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    if not any(t.kind == "operation" and t.value == "explain" for t in tag(said, (), lex)):
        return None
    if any(w in said for w in QUANTITY):
        return None  # 增加了多少？为什么: the figure is asked too
    if TABLE_ASKED.search(said):
        return None  # 收入预算总表为什么没有: whether the document prints a table (query/table.py)
    rest = ASKING.sub("", said).strip(" ?？。!！，,")
    at = said.find(rest)
    subjects = (Subject(text=rest, span=(at, at + len(rest)) if at >= 0 else (0, len(said))),) if rest else ()
    return Query(op="explain", subjects=subjects, rule=RULE)


def explain_answer(query: Query, env: Env) -> Answer | None:
    """The reason, or None (no reason found: the readings of the narrative say what it says)."""
    from assistant.pipeline import steps

    q = env.asked
    if q is None:
        return None
    if q.numbers and FIGURE_SAID.search(q.text):  # 为什么安排1万元: the figure restated asks nothing
        q = q.model_copy(update={"text": FIGURE_SAID.sub("这些", q.text), "numbers": type(q.numbers)()})
    said = q.text
    matches = steps.match(steps.State(raw=said, question=q), env).matches
    tags = tag(said, (), load_lexicon())
    changed = any(t.kind == "operation" and t.value in ("change", "diff") for t in tags) or any(
        w in said for w in SO_MUCH) or bool(COMPARED.search(said))  # 为什么这么多 / 比上年多
    params = stash(matches, env.conv) | {"years": list(q.years), "changed": changed}
    years = list(q.years)
    last = env.conv.last
    bare = not query.subjects or not matches  # 为什么增加这么多: nothing named of its own
    if bare and last is not None and last.status == "answered":
        if (last.query is not None and last.query.op == "change") or (
                last.intent is not None and last.intent.params.get("kind") in CHANGE_KINDS):
            # 财政拨款收入比去年减少多少 (worked out) → 为什么: the reason of the change just stated,
            # explained under the later of the years compared: this year's, unless both were said
            years = sorted({*years, *last.years, DOCUMENT_YEAR.get() or 0} - {0})
            params |= {"changed": True}
        # 收支总预算多少 → 为什么增加: the reason of the thing just asked, read by its words
        q = q.model_copy(update={"text": ASKED_BEFORE.sub("", last.question) + said})
        matches = steps.match(steps.State(raw=q.text, question=q), env).matches
    named = any(m.kind in PROJECT_KINDS and m.score >= NAMED_MIN for m in matches)
    made, of_form = _reason(q, params | {"project": named, "years": years}, env.runner)
    if not of_form:
        # 因公出国费为什么是0: the narrative's statement of the line named gives its figure, its change
        # and the reason the document states with them
        stated = _statement(q, matches, env)
        # …when that statement is the sentence that gives the reason with the figures (财政拨款收入's
        # statement says its change; the reason stands in a sentence of its own, which is the answer)
        if stated is not None and (made.status != "answered" or _said_in(made, stated)):
            return stated
    return made if made.status == "answered" else None


def _said_in(reason: Answer, statement: Answer) -> bool:
    """The reason's sentence states the line's figures and the statement quotes it: the statement
    (with those figures as values) says all the sentence says."""
    sentence = reason.text.split("：", 1)[-1].rstrip("。；;")
    return bool(re.search(r"\d", sentence)) and norm(sentence) in norm(statement.text)


def _statement(q: Question, matches: Sequence[Match], env: Env) -> Answer | None:
    """The narrative's own statement of a line, when it states a reason."""
    from assistant.pipeline.intents.narrative_facts import NarrativeFactHandler

    reading = NarrativeFactHandler()
    intent = reading.detect(q, matches, env.conv)
    if intent is None:
        return None
    said = reading.answer(intent, q, env.runner)
    if said.status != "answered" or "原因" not in said.text:
        return None
    from assistant.pipeline.steps import State
    from assistant.query.gate import check

    # its figures must answer the words asked (为什么是零: 零 is no figure the statement reads)
    judged = check(State(raw=q.raw, question=q, matches=tuple(matches), answer=said), env).answer
    return said if judged is not None and judged.status == "answered" else None


def _reason(q: Question, params: dict, runner: Runner) -> tuple[Answer, bool]:
    """The reason, and whether a project's form gave it."""
    # 今年为什么比去年少: a change is explained under the later of the two years
    years = list(params.get("years") or [])
    if len(years) == 1 and re.search(rf"(?:比|较|与|跟){years[0]}", q.text):
        years.append(runner.year)  # 为啥比上年减少: the year said is the base, this year changed
    year = max(years or [runner.year])
    forms, how = locate_forms(q, params | {"allow_previous": False}, runner)
    # a project named in part (网络安全运营服务项目) counts when only one form fits it
    if params.get("project") or (how == PARTIAL and len(forms) == 1) or how == "named":
        if forms and not params.get("changed"):
            return _why_set_up(forms[0], runner), True  # 为什么要设立: why the project exists
        if forms:
            return _form_reason(forms[0], year, runner), True
    return _narrative_reason(q, runner), False


def _items(text: str) -> list[str]:
    """'1. … 2. … 3. …' → the numbered items."""
    marks = list(ITEM.finditer(text))
    if not marks:
        return [text.strip()]
    return [text[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip()
            for i, m in enumerate(marks)]


def _form_reason(form: Row, year: int, runner: Runner) -> Answer:
    tid, pname = form["table_id"], form["project_name"]
    row = next((r for r in run(runner, "forms_form_fields")
                if r["table_id"] == tid and r["field"] == HISTORY_FIELD), None)
    if row is None or not row["value"]:
        return not_found(f"{pname}（{tid}）的申报表没有填写预算变动情况及理由。")
    item = next((i for i in reversed(_items(row["value"])) if re.search(rf"{year}\s*年", i)), None)
    cite = [safe_cite(runner, tid, f"{pname} 项目前两年预算及当年预算变动情况", row["line_no"])]
    tips = [f"{pname}的支出明细有哪些？", f"{pname}去年预算多少？"]
    if item is None:
        return not_found(f"{pname}（{tid}）的预算变动情况没有写{year}年的情况。", tips)
    item = item.rstrip("；;。 ") + "。"
    if REASON.search(item):
        return answered(f"{pname}（{tid}）“项目前两年预算及当年预算变动情况”中{year}年一项写道：{item}",
                        (), cite, tips)
    return answered(f"{pname}（{tid}）的申报表没有写明{year}年预算变动的原因，只写道：{item}", (), cite, tips)


PURPOSE = re.compile(r"现实意义[:：]?")


def _why_set_up(form: Row, runner: Runner) -> Answer:
    """为什么要设立/安排这个项目: its 立项依据 — the 现实意义 it states, else the whole field."""
    tid, pname = form["table_id"], form["project_name"]
    row = next((r for r in run(runner, "forms_form_fields")
                if r["table_id"] == tid and r["field"] == "立项依据"), None)
    if row is None or not row["value"]:
        return not_found(f"{pname}（{tid}）的申报表没有填写立项依据。")
    text = re.sub(r"<[^>]+>", "", str(row["value"]))
    purpose = PURPOSE.search(text)
    said = text[purpose.end():].strip() if purpose else text.strip()
    head = "立项依据中的“项目实施的现实意义”" if purpose else "立项依据"
    cite = [safe_cite(runner, tid, f"{pname} 立项依据", row["line_no"])]
    return answered(f"{pname}（{tid}）{head}：{said}", (), cite,
                    [f"{pname}的立项依据有哪些文件？", f"{pname}的实施方案是什么？"])


# 预算为啥比去年少了 / 今年的钱为什么多了: the whole budget, whose change the 说明 explains in a
# sentence naming the whole (收支总预算, 财政拨款收入支出 …), the first such in the document
WHOLE_ASKED = frozenset({"预算", "总预算", "钱", "经费", "资金", "收支", "部门预算", "收支预算", "整体预算",
                         "预算总额", "总盘子"})
WHOLE_HEADS = ("收支总预算", "财政拨款收入支出", "财政拨款收支", "收入预算", "支出预算", "部门预算")
WHOLE_FIT = 100.0
MONEY_IN = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元)")
VALUE_FIT = 90.0  # the sentence's figure is stated only for a subject it names nearly as asked
RESTATED = re.compile(r"零|\d[\d,]*(?:\.\d+)?\s*(?:万|元)")


def _narrative_reason(q: Question, runner: Runner) -> Answer:
    words = norm(ASKING.sub("", q.text))
    whole = words in WHOLE_ASKED
    best: tuple[float, Row, str] | None = None
    for p in run(runner, "narr_paragraphs"):
        before = ""
        for sentence in re.split(r"(?<=[。；;])", p["text"]):
            if not re.search(r"原因", sentence):
                before = sentence
                continue
            head = re.split(r"[，,]", sentence, maxsplit=1)[0]
            named = re.match(r"(?:与|和|比|较|同)", head) is None
            if not named:
                # 公务接待费1.00万元。与2024年预算持平，主要原因是…: the thing is named a sentence before,
                # and only the whole name asked fits it (三公经费 is not 公务接待费's sentence)
                head, sentence = before.strip(), f"{before.strip()}{sentence}"
            if not named and not whole:
                score = 100.0 if len(words) >= 2 and words in norm(head) else 0.0
            elif whole:
                score = WHOLE_FIT if any(h in norm(head) for h in WHOLE_HEADS) else 0.0
                if best is not None and best[0] >= score:
                    continue  # the first sentence of the whole, in the document's order
            else:
                score = fuzz.partial_ratio(words, norm(head)) if len(words) >= 2 else 0.0
            if best is None or score > best[0]:
                best = (score, p, sentence.strip(), "" if whole else head)
    if best is None or best[0] < SUBJECT_MIN:
        return not_found("文件的文字说明中没有写明这一变化的原因。", ["收支总预算比上年增加多少？"])
    fit, p, sentence, head = best
    where = f"{p['part']}“{p['section'].split(' / ')[-1]}”"
    cite = [safe_cite(runner, p["part"], p["section"], p["line_start"])]
    # the one figure the sentence gives the thing asked about (公务接待费1.00万元), stated with it
    # (unless the question says a figure itself: 为什么是零 is answered in words)
    figures = [] if RESTATED.search(q.text) or fit < VALUE_FIT else MONEY_IN.findall(head)
    values = [Value(value=float(figures[0][0].replace(",", "")), unit=figures[0][1], label=words)] \
        if len(figures) == 1 else []
    tips = ["收支总预算比上年增加多少？", "项目支出有哪些？"]
    return answered(f"按{where}：{sentence}", values, cite, tips)


__all__ = ["explain", "explain_answer"]
