"""项目经费情况说明: the per-project explanations some layouts print (shanghai-9), one section per
project (项目概述 … 六、年度预算安排 … 七、绩效目标), stored as paragraphs and facts of the part
`项目经费情况说明` (see knowledge/layouts/*.toml).

Answers: how many projects the part explains (and which), a project's total (项目总预算), how it
is split (the amounts of 年度预算安排), one named item of it, or any other figure the section
states (面积, 季度用款计划). A figure the section does not state is unanswerable: never another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from assistant.models import Answer, Citation, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.narrative_project_figures import (
    NAME_RUN_MIN,
    PART,
    SUM_WORDS,
    all_totals,
    common_run,
    figures,
)
from assistant.pipeline.intents.tables_common import longest_run

INTENT = "narrative_project"
CUES = ("专项", "工程", "项目经费")
LAST_RESORT = "last_resort"  # below every reading of a named line
TABLE_KINDS = ("function", "economic", "project", "unit", "procurement", "detail", "summary")
STRONG = 90.0
NAME_MIN = 80.0  # partial-ratio score for a project or item name to count as named
OVERLAP_MIN = 6  # a project printed without a name: the question shares this many characters of its text
_SUFFIX = re.compile(r"(?:[（(][^（()）]*[）)])?(?:经费)?情况说明$")
_BRACKET = re.compile(r"[（(][^（()）]*[）)]")
_COUNT_ASK = re.compile(r"(?:几个|多少个|几项|哪些|哪几个)(?:专项|项目|工程)|(?:专项|项目|工程)都?有哪些")
_MOST = re.compile(r"最(多|贵|大|高)|最(少|便宜|小|低)")  # 哪个专项最贵: the largest of them
_NAMED_PROJECT = re.compile(r"[\u4e00-\u9fff]{2,}(?:专项|工程)")
_PROJECT_SAID = re.compile(r"[\u4e00-\u9fff]{2,}?(?:专项|工程|项目)")
UNNAMED = "（未写项目名称的）项目"


class ProjectNarrativeHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        text = _as_typed(q)
        if "项目支出" in text:
            return None
        last = conv.last
        # the turn before read a project's 说明 (this reading, or the rule of its special parts)
        before = None if last is None else str(last.intent.params.get("text", "")) \
            if last.intent is not None and last.intent.name == INTENT \
            else last.question if last.query is not None and last.query.op == "special" else None
        if last is not None and last.status == "answered" and before is not None \
                and not any(c in text for c in CUES) and not q.years \
                and not any(m.score >= STRONG for m in matches) \
                and (text.startswith("其中") or q.raw.rstrip("?？。 ").endswith("呢")):
            # 商业创新专项多少 → 其中支持引进品牌集聚呢: a part of the project just asked about
            said = _PROJECT_SAID.search(before)
            if said is not None:
                return Intent(name=INTENT, params={"text": said.group(0) + text.removeprefix("其中")},
                              evidence="certain")
        if not any(c in text for c in CUES):
            # '…业务经费项目今年预算多少': a project named by its own name; last resort only (below
            # the entity-fragment guessing and every table handler)
            if "项目" not in text:
                return None
            return Intent(name=INTENT, params={"text": text}, evidence=LAST_RESORT)
        # Above the entity-fragment guessing (`likely`) unless a table subject is named outright: a
        # project's own section is the only place its plans are stated.
        tabled = any(m.kind in TABLE_KINDS and m.score >= STRONG for m in matches)
        if tabled:
            return Intent(name=INTENT, params={"text": text}, evidence="plausible")
        # '生命健康专项总预算多少' is that project's total, not the department's (总预算 → `strong`)
        named = _NAMED_PROJECT.search(text) is not None
        return Intent(name=INTENT, params={"text": text}, evidence="certain" if named else "likely")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        paras = [p for p in run(runner, "narr_paragraphs") if p["part"] == PART]
        if not paras:
            return not_found("本文件没有项目经费情况说明。")
        facts = [f for f in run(runner, "narr_facts") if f["part"] == PART]
        projects = _projects(paras)
        text = str(intent.params.get("text") or q.text)
        root = _named(text, projects, paras)
        if root is None and _COUNT_ASK.search(text):  # '一共介绍了几个专项'
            return _count(projects, paras, runner)
        if root is None and any(w in text for w in SUM_WORDS):  # 那四个专项一共多少: each one's total
            return all_totals(projects, facts, runner)
        if root is None and (most := _MOST.search(text)) and "哪" in text:  # 哪个专项最贵
            return all_totals(projects, facts, runner, largest=most.group(1) is not None)
        if root is None:
            return not_found(
                "项目经费情况说明中没有找到这个项目。", [f"{n}预算多少？" for n in projects.values()][:2]
            )
        mine = [f for f in facts if f["section"].split(" / ")[0] == root]
        unprinted = projects[root] == UNNAMED or _named_in_text(projects[root], root, paras)
        named_at = _naming_line(text, root, paras, runner) if unprinted else None
        said = _heading_asked(text, root, paras)
        if said is not None:  # 实施周期 / 实施方案: the words under that heading of the project's section
            head, body = said
            return answered(f"{projects[root]}（{PART}）{head}：{body['text']}", (),
                            [safe_cite(runner, PART, body["section"], body["line_start"])],
                            [f"{projects[root]}预算多少？"])
        run_said = _shortened_in(text, projects[root])  # 贸易专项: said short, it asks nothing
        text = text.replace(run_said, projects[root], 1) if run_said else text
        return figures(text, projects[root], root, mine, runner, named_at)


_HEADING_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*")
HEADING_MIN = 4  # characters of a heading (实施周期) said in the question
NUMBERED_HEADINGS = ("预算", "金额", "资金", "经费")  # a heading of figures: figures answers it


def _heading_asked(text: str, root: str, paras: Sequence[Row]) -> tuple[str, Row] | None:
    """A heading of the project's section said in the question (实施周期, 实施方案, 项目概况) whose
    text holds no figure the question could want: that heading and its first paragraph."""
    for p in paras:
        parts = str(p["section"]).split(" / ")
        if parts[0] != root or len(parts) < 2:
            continue
        head = _HEADING_NUMBER.sub("", parts[-1])
        if len(head) >= HEADING_MIN and head in text and not any(w in head for w in NUMBERED_HEADINGS):
            return head, p
    return None


def _as_typed(q: Question) -> str:
    """The question's text, or the words as typed where a colloquial rewrite took a named project's
    cue away ('生命健康专项的钱' is that project's money, not 项目支出 of the whole department)."""
    if any(c in q.text for c in CUES):
        return q.text
    typed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", q.raw))
    return typed if _NAMED_PROJECT.search(typed) else q.text


def _projects(paras: Sequence[Row]) -> dict[str, str]:
    """Section root → project name (科技创新专项经费情况说明 → 科技创新专项), in print order."""
    out: dict[str, str] = {}
    for p in paras:
        root = p["section"].split(" / ")[0]
        name = _BRACKET.sub("", _SUFFIX.sub("", root))
        # a part printing one project under its own heading (项目经费情况说明) names none
        out.setdefault(root, name if name and name != "项目" else UNNAMED)
    return out


def _naming_line(text: str, root: str, paras: Sequence[Row], runner: Runner) -> Citation | None:
    """A project printed without a name is found by the words of its text: the line sharing the
    longest run with the question is cited, so the answer shows where those words stand."""
    best: tuple[int, int, str] = (0, 0, "")
    for p in paras:
        if p["section"].split(" / ")[0] != root or longest_run(text, p["text"]) <= best[0]:
            continue
        for r in run(runner, "source_lines", start=p["line_start"], end=p["line_end"]):
            n = longest_run(text, r["text"])
            if n > best[0]:
                best = (n, r["line_no"], p["section"].split(" / ")[-1])
    if best[0] < OVERLAP_MIN:
        return None
    return safe_cite(runner, PART, f"{root} {best[2]}", best[1])


def _named(text: str, projects: dict[str, str], paras: Sequence[Row]) -> str | None:
    scored = [
        (fuzz.partial_ratio(name, text), len(name), root) for root, name in projects.items() if len(name) >= 2
    ]
    scored = [s for s in scored if s[0] >= NAME_MIN and s[1] >= 4]
    if scored:
        return max(scored)[2]
    # 贸易专项 for 贸易高质量发展专项: a run of the question that starts and ends as one name does,
    # its characters in that name's order (the one name it can be)
    short = {root for root, name in projects.items() if _shortened_in(text, name) is not None}
    if len(short) == 1:
        return short.pop()
    # 新建工程第三季度…: a run of four characters or more of one project's name, and of no other's
    runs = {root: common_run(text, name) for root, name in projects.items() if name != UNNAMED}
    best = max(runs.values(), default=0)
    if best >= NAME_RUN_MIN and sum(1 for r in runs.values() if r == best) == 1:
        return next(root for root, r in runs.items() if r == best)
    if len(projects) == 1:  # one project printed under the part's own heading: named by its text
        root = next(iter(projects))
        body = "".join(p["text"] for p in paras)
        if longest_run(text, body) >= OVERLAP_MIN:
            return root
    return None




SHORT_MIN = 4  # characters of a shortened project name (贸易专项)


def _shortened_in(text: str, name: str) -> str | None:
    """The run of the text that says the name short (贸易专项 of 贸易高质量发展专项), if any."""
    from assistant.pipeline.match_pieces import abbreviates as _abbreviates

    tail = name[-2:]
    if name in text:
        return None
    for start in (i for i, ch in enumerate(text) if ch == name[0]):
        end = text.find(tail, start + 1)
        said = text[start: end + len(tail)] if end > 0 else ""
        if len(said) >= SHORT_MIN and _abbreviates(said, name):
            return said
    return None


def _count(projects: dict[str, str], paras: Sequence[Row], runner: Runner) -> Answer:
    names = list(projects.values())
    text = f"项目经费情况说明共介绍了 {len(names)} 个项目：{'、'.join(names)}。"
    cites = []
    for root in projects:
        first = min(p["line_start"] for p in paras if p["section"].split(" / ")[0] == root)
        cites.append(safe_cite(runner, PART, root, first))
    return answered(
        text, [value(len(names), "个", "项目经费情况说明介绍的项目数")], cites, [f"{names[0]}预算多少？"]
    )




__all__ = ["ProjectNarrativeHandler"]


def _named_in_text(name: str, root: str, paras: Sequence[Row]) -> bool:
    """A project whose name ingest took from its first paragraph: cite where the name stands."""
    own = [p for p in paras if p["section"].split(" / ")[0] == root]
    if not own:
        return False
    first = min(own, key=lambda p: p["line_start"])
    return name in re.sub(r"\s+", "", first["text"])
