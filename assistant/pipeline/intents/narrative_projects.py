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
from decimal import Decimal
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from assistant import fmt
from assistant.models import Answer, Citation, Intent, Match, Question, Value
from assistant.pipeline.base import Conversation, Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.tables_common import longest_run

INTENT = "narrative_project"
PART = "项目经费情况说明"
CUES = ("专项", "工程", "项目经费")
LAST_RESORT = "last_resort"  # below every reading of a named line
SPLIT_CUES = ("怎么分", "如何分", "分配", "构成", "分别", "各多少", "哪几块", "明细", "怎么安排")
TOTAL_WORDS = ("总预算", "合计", "总计")
TOTAL_ASKED = ("预算", "多少钱", "安排", "资金", "经费")  # 商业创新专项安排多少: its total
ASKED_TOO = ("万元", "元", "项目", "了", "给", "总", "里", "中", "为")  # …and words said with them
# the items named are to be added up ('四个季度的用款计划一共多少')
SUM_WORDS = ("一共", "合计", "加起来", "总共", "共计", "总计", "之和", "总和", "相加", "合起来", "加在一起")
TABLE_KINDS = ("function", "economic", "project", "unit", "procurement", "detail", "summary")
STRONG = 90.0
NAME_MIN = 80.0  # partial-ratio score for a project or item name to count as named
ITEM_MIN = 85.0
CONJUNCT_MIN = 4  # characters of one of the things a statement names together (专精特新认定)
_JOINED = re.compile(r"及|和|与|、")
OVERLAP_MIN = 6  # a project printed without a name: the question shares this many characters of its text
_SUFFIX = re.compile(r"(?:[（(][^（()）]*[）)])?(?:经费)?情况说明$")
_BRACKET = re.compile(r"[（(][^（()）]*[）)]")
_COUNT_ASK = re.compile(r"(?:几个|多少个|几项|哪些|哪几个)(?:专项|项目|工程)")
_NAMED_PROJECT = re.compile(r"[\u4e00-\u9fff]{2,}(?:专项|工程)")
_PROJECT_SAID = re.compile(r"[\u4e00-\u9fff]{2,}?(?:专项|工程|项目)")
_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]+")
_CN_DIGITS = "一二三四五六七八九"
_NTH_SAID = re.compile(r"(?<!\d)第?([1-9一二三四五六七八九])(季度|阶段|期)")
_CN_ORDINAL = re.compile(r"第([一二三四五六七八九])(?![十])")
UNNAMED = "（未写项目名称的）项目"
PER_PERIOD = re.compile(r"每个?月|按月|月均|每天|每日|按天|每周|按周")
_YEARWORD = re.compile(r"\d{4}年度?|今年|本年|当年")


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
        return _figures(text, projects[root], root, mine, runner, named_at)


_HEADING_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*")
HEADING_MIN = 4  # characters of a heading (实施周期) said in the question
NUMBERED_HEADINGS = ("预算", "金额", "资金", "经费")  # a heading of figures: _figures answers it


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
    runs = {root: _common(text, name) for root, name in projects.items() if name != UNNAMED}
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
    from assistant.pipeline.match import _abbreviates

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


def _figures(
    text: str, name: str, root: str, facts: Sequence[Row], runner: Runner, named_at: Citation | None
) -> Answer:
    rest = _without_name(_YEARWORD.sub("", text.replace(name, "")), (name, root))
    if PER_PERIOD.search(rest) and not any(PER_PERIOD.search(str(f["subject"])) for f in facts):
        # 第三季度每个月用款多少: the 说明 plans by quarter — no month's figure, never the quarter's
        return not_found(f"{root}没有按月（或按周、按日）列出的数字。", [f"{name}的钱是怎么分的？"])
    amounts = [f for f in facts if f["measure"] == "amount"]
    total = next((f for f in amounts if any(w in f["subject"] for w in TOTAL_WORDS)), None)
    if total is None:
        # '2025年度项目预算500.00万元': the section's one budget figure, when it states one only
        budget = [f for f in amounts if "预算" in f["subject"]]
        total = budget[0] if len(budget) == 1 else (amounts[0] if len(amounts) == 1 else None)
    items = [f for f in amounts if f is not total and "合计" not in f["sentence"]]
    named = _item(rest.replace("的", ""), facts)  # 第三季度的用款计划 names 第三季度用款计划
    if named and len(named) > 1 and any(w in rest for w in SUM_WORDS):
        return _sum(name, root, named, runner, named_at)
    if named:
        return _say(name, root, named, runner, named_at)
    if any(c in rest for c in SPLIT_CUES):
        parts = [f for f in items if total is None or f["section"] == total["section"]]
        if parts:
            return _say(name, root, ([total] if total else []) + parts, runner, named_at)
    bare = re.sub("|".join((*SUM_WORDS, "多少(?:万元|亿元|万|元)?", "钱", "是", "的", "呢", "有")), "", rest)
    # words beyond those that ask its figure (国际化发展) name a part the statement does not print
    unasked = re.sub("|".join((*TOTAL_ASKED, *ASKED_TOO)), "", bare)
    # …only when they share words with the parts printed (数字化发展 ~ 规模化发展; 年度 names none)
    unasked = unasked if any(_common(unasked, str(f["subject"])) >= PART_RUN_MIN for f in items) else ""
    if total is not None and not unasked and (any(w in rest for w in TOTAL_ASKED) or (
            not bare and ("多少" in rest or any(w in rest for w in SUM_WORDS)))):
        # 一共多少 / 商业创新专项多少: nothing asked but its figure — its total
        return _say(name, root, [total], runner, named_at)
    return not_found(f"{root}中没有写这一数字。", [f"{name}预算多少？"])


PART_RUN_MIN = 2  # characters shared with a printed part that make a word a part's name


def _common(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


NAME_RUN_MIN = 4  # characters of the project's name said in part (社区公共服务中心新建工程 of 万里街道…)


def _without_name(rest: str, names: tuple[str, ...]) -> str:
    """The question without the runs of the project's name it said in part: what is left asks."""
    for name in names:
        while True:
            size = _common(rest, name)
            if size < NAME_RUN_MIN:
                break
            found = SequenceMatcher(None, rest, name, autojunk=False)
            at = found.find_longest_match(0, len(rest), 0, len(name)).a
            rest = rest[:at] + rest[at + size:]
    return rest


def _sum(name: str, root: str, facts: Sequence[Row], runner: Runner, named_at: Citation | None) -> Answer:
    """'四个季度的用款计划一共多少': the items named, added up — stated only when they share a unit."""
    units = {f["unit"] for f in facts}
    if len(units) != 1:
        return not_found(f"{root}中这几项的单位不同，不能相加。", [f"{name}的钱是怎么分的？"])
    unit = units.pop()
    total = sum((Decimal(str(f["value"])) for f in facts), Decimal(0))
    money = fmt.amount if unit in fmt.MONEY_UNITS else fmt_number  # 186.60 as printed, 13459 平方米
    parts = " + ".join(money(Decimal(str(f["value"]))) for f in facts)
    listing = "；".join(f"{f['subject']} {money(Decimal(str(f['value'])))} {unit}" for f in facts)
    vals = [value(total, unit, f"{name} {'、'.join(f['subject'] for f in facts)}合计")]
    vals += [value(Decimal(str(f["value"])), unit, f"{name} {f['subject']}") for f in facts]
    cites = [safe_cite(runner, PART, f"{root} {f['subject']}", f["line_no"]) for f in facts] + [named_at]
    return answered(
        f"{name}（{PART}）：{listing}。合计（计算）：{parts} = {money(total)} {unit}。",
        vals, cites, [f"{name}的钱是怎么分的？"],
    )


def _item(rest: str, facts: Sequence[Row]) -> list[Row]:
    """The facts whose subject the question names ('进博会推进专项', '规划建筑面积'); all of
    them when several fit equally ('每个季度用款计划': 第一…第四季度)."""
    rest = rest.replace("的", "")  # 第三季度的用款计划 names 第三季度用款计划
    exact = [f for f in facts if len(f["subject"]) >= 3 and _arabic(f["subject"]) in _arabic(rest)]
    # '第一季度和第二季度用款计划': each ordinal said once, the words after it shared
    ordinal = [
        f for f in facts
        if (m := _ORDINAL.match(f["subject"])) and len(_ORDINAL.sub("", f["subject"])) >= 3
        and re.search(re.escape(_arabic(m.group(0))) + r"(?!\d)", _arabic(rest))
        and _ORDINAL.sub("", f["subject"]) in rest
    ]
    if ordinal and len(ordinal) > len(exact):
        return ordinal
    if exact:
        return exact
    # 第二季度 / 3季度 said without the rest of the name: the statements numbered so (第二季度用款计划)
    said_nth = {(str(_CN_DIGITS.index(n) + 1) if n in _CN_DIGITS else n, noun)
                for n, noun in _NTH_SAID.findall(rest)}
    nth = [f for f in facts if (m := _ORDINAL.match(str(f["subject"])))
           and (_ordinal_of(str(f["subject"])), str(f["subject"])[m.end(): m.end() + 2]) in said_nth]
    if nth:
        return nth
    # 专精特新认定 of 各级企业技术中心及专精特新认定: one of the things a statement names together,
    # said whole — that statement (its figure is of them together, and the answer names them all)
    joint = [f for f in facts if len(parts := _JOINED.split(str(f["subject"]))) > 1
             and any(len(p) >= CONJUNCT_MIN and p in rest for p in parts)]
    if len(joint) == 1:
        return joint
    # 进博会的钱 of 进博会推进专项: the first words of one statement's name, said alone
    headed = [f for f in facts if _head_said(rest, str(f["subject"]).removeprefix("支持")) >= HEAD_MIN
              and not _says_another(rest, f, facts)]  # (区级支持总部市级: 市级 is another's word)
    if len(headed) == 1:
        return headed
    # 建筑面积多少: every statement of that quantity (规划建筑面积, then its 地上/地下 parts), each named
    core = _ASKING_TAIL.sub("", rest)
    shared = {id(f): _common_tail(str(f["subject"]), core) for f in facts}
    longest = max(shared.values(), default=0)
    # …and the words before that ending are theirs too (支持企业数字化发展 shares 化发展 with
    # 支持企业规模化发展, but 数字 is none of it: no statement is named)
    head = re.sub("|".join((*HEAD_ASKING, *SUM_WORDS)), "", core[: len(core) - longest])  # 一共用款计划
    ending = [f for f in facts if shared[id(f)] == longest
              and all(ch in str(f["subject"]) for ch in head)] if longest >= CORE_MIN else []
    numbered = re.findall(r"第(\d+)", _arabic(rest))
    if ending and numbered and all(_ORDINAL.match(str(f["subject"])) for f in ending):
        return [f for f in ending if _ordinal_of(f["subject"]) in numbered]  # 第五季度: none printed
    if ending:
        return ending
    scored = []
    for f in facts:
        subject = _ORDINAL.sub("", f["subject"])  # 第一季度用款计划 answers '每个季度用款计划'
        if len(subject) < 3:
            continue
        score = max(
            fuzz.partial_ratio(subject, rest), fuzz.partial_ratio(rest, subject) if len(rest) >= 4 else 0
        )
        if score >= ITEM_MIN:
            scored.append((score, f))
    # 区级支持总部市级 is close to 区级支持总部经济 — but 市级 is another statement's word (市级支持总部
    # 经济): a near fit that says what another statement says is not this one
    scored = [(s, f) for s, f in scored if s >= 100 or not _says_another(rest, f, facts)]
    best = max((s for s, _ in scored), default=0)
    picked = [f for s, f in scored if s == best]
    asked = re.findall(r"第(\d+)", _arabic(rest))
    if asked and picked and all(_ORDINAL.match(f["subject"]) for f in picked):
        # '第五季度' asks one of them: never the others (nor all of them) when it is not printed
        picked = [f for f in picked if _ordinal_of(f["subject"]) in asked]
    return picked


HEAD_MIN = 3  # first characters of a statement's name that name it when no other begins so


def _head_said(rest: str, name: str) -> int:
    """How many first characters of the name the question says in a run."""
    best = 0
    for i in range(len(rest)):
        n = 0
        while n < min(len(name), len(rest) - i) and rest[i + n] == name[n]:
            n += 1
        best = max(best, n)
    return best


def _says_another(rest: str, fact: Row, facts: Sequence[Row]) -> bool:
    own = str(fact["subject"])
    others = [str(f["subject"]) for f in facts if str(f["subject"]) != own]
    pairs = {rest[i: i + 2] for i in range(len(rest) - 1)}
    return any(p not in own and any(p in o for o in others) for p in pairs)


_ASKING_TAIL = re.compile(r"(?:是|有|约|为)?(?:多少|多大|几)(?:钱|平方米|米|万元|元|个|层|年)?$")
# words before a statement's name that say how it is asked, not which (里 / 每个 / 那个 …)
HEAD_ASKING = ("里面", "里", "之中", "当中", "中", "内", "下", "的", "每个", "各个", "各", "每", "总",
               "那个", "这个")
CORE_MIN = 3  # characters of a quantity's name (建筑面积) that every statement of it ends with


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _ordinal_of(subject: str) -> str:
    """'第三季度用款计划' → '3'."""
    m = _ORDINAL.match(subject)
    return re.sub(r"\D", "", _arabic(m.group(0))) if m else ""


def _arabic(text: str) -> str:
    """第二季度 → 第2季度: the question's numerals arrive converted (normalise step)."""
    return _CN_ORDINAL.sub(lambda m: f"第{_CN_DIGITS.index(m.group(1)) + 1}", text)


def _say(
    name: str, root: str, facts: Sequence[Row], runner: Runner, named_at: Citation | None = None
) -> Answer:
    lines: list[str] = []
    vals: list[Value] = []
    cites: list[Citation | None] = []
    for f in facts:
        v = Decimal(str(f["value"]))
        lines.append(f"{f['subject']} {fmt_number(v)} {f['unit']}")
        vals.append(value(v, f["unit"], f"{name} {f['subject']}"))
        cites.append(safe_cite(runner, PART, f"{root} {f['subject']}", f["line_no"]))
    cites.append(named_at)  # after the figures' own lines: where the unnamed project is described
    head = f"{name}（{PART}）："
    return answered(head + "；".join(lines) + "。", vals, cites, [f"{name}的钱是怎么分的？"])


__all__ = ["ProjectNarrativeHandler"]


def _named_in_text(name: str, root: str, paras: Sequence[Row]) -> bool:
    """A project whose name ingest took from its first paragraph: cite where the name stands."""
    own = [p for p in paras if p["section"].split(" / ")[0] == root]
    if not own:
        return False
    first = min(own, key=lambda p: p["line_start"])
    return name in re.sub(r"\s+", "", first["text"])
