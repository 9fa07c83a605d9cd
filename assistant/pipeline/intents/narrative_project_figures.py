"""The figures of one project's section of 项目经费情况说明: its total, how it is split, one named
item or the sum of several — or a refusal when the section prints no such figure (never another)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from assistant import fmt
from assistant.models import Answer, Citation, Value
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.coordinated import common_tail as _common_tail
from assistant.pipeline.intents.coordinated import shared_tail
from assistant.pipeline.intents.forms_common import answered, not_found, safe_cite, value
from assistant.pipeline.intents.tables_common import longest_run

PART = "项目经费情况说明"
SPLIT_CUES = ("怎么分", "如何分", "分配", "构成", "分别", "各多少", "哪几块", "明细", "怎么安排")
TOTAL_WORDS = ("总预算", "合计", "总计")
TOTAL_ASKED = ("预算", "多少钱", "安排", "资金", "经费")  # 商业创新专项安排多少: its total
ASKED_TOO = ("万元", "元", "项目", "了", "给", "总", "里", "中", "为")  # …and words said with them
# the items named are to be added up ('四个季度的用款计划一共多少')
SUM_WORDS = ("一共", "合计", "加起来", "总共", "共计", "总计", "之和", "总和", "相加", "合起来", "加在一起")
ITEM_MIN = 85.0
CONJUNCT_MIN = 4  # characters of one of the things a statement names together (专精特新认定)
_JOINED = re.compile(r"及|和|与|、")
_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]+")
_CN_DIGITS = "一二三四五六七八九"
_NTH_SAID = re.compile(r"(?<!\d)第?([1-9一二三四五六七八九])(季度|阶段|期)")
_CN_ORDINAL = re.compile(r"第([一二三四五六七八九])(?![十])")
_EVERY_PERIOD = re.compile(r"(?:每个?|各个?|[二三四两2-4]个|分)(季度|阶段|期)")  # 每个季度: each of them
PER_PERIOD = re.compile(r"每个?月|按月|月均|每天|每日|按天|每周|按周")
_YEARWORD = re.compile(r"\d{4}年度?|今年|本年|当年")


def project_total(facts: Sequence[Row]) -> Row | None:
    """A project section's total: its 总预算 / 合计, or the section's one budget figure when it states
    one only ('2025年度项目预算500.00万元')."""
    amounts = [f for f in facts if f["measure"] == "amount"]
    total = next((f for f in amounts if any(w in f["subject"] for w in TOTAL_WORDS)), None)
    if total is None:
        budget = [f for f in amounts if "预算" in f["subject"]]
        total = budget[0] if len(budget) == 1 else (amounts[0] if len(amounts) == 1 else None)
    return total


def all_totals(projects: dict[str, str], facts: Sequence[Row], runner: Runner,
               largest: bool | None = None) -> Answer:
    """The projects the part explains, each one's total, added up — or the largest (smallest) of them
    when `largest` is said — only when every one states one."""
    totals = [(name, project_total([f for f in facts if f["section"].split(" / ")[0] == root]))
              for root, name in projects.items()]
    if not totals or any(t is None for _, t in totals) or len({t["unit"] for _, t in totals if t}) != 1:
        return not_found(f"{PART}没有为每个项目都写出总预算，不能相加。",
                         [f"{n}预算多少？" for n in projects.values()][:2])
    rows = [(name, t) for name, t in totals if t is not None]
    unit = rows[0][1]["unit"]
    if largest is not None:
        return _extreme(rows, unit, largest, runner)
    whole = sum((Decimal(str(t["value"])) for _, t in rows), Decimal(0))
    listing = "；".join(f"{name} {fmt_number(Decimal(str(t['value'])))} {unit}" for name, t in rows)
    parts = " + ".join(fmt_number(Decimal(str(t["value"]))) for _, t in rows)
    vals = [value(whole, unit, f"{PART}所列{len(rows)}个项目合计")]
    vals += [value(Decimal(str(t["value"])), unit, name) for name, t in rows]
    cites = [safe_cite(runner, PART, f"{t['section'].split(' / ')[0]} {t['subject']}", t["line_no"])
             for _, t in rows]
    return answered(f"{PART}所列 {len(rows)} 个项目的总预算：{listing}。合计（计算）：{parts} = "
                    f"{fmt_number(whole)} {unit}。", vals, cites, [f"{rows[0][0]}的钱是怎么分的？"])


def _extreme(rows: list, unit: str, largest: bool, runner: Runner) -> Answer:
    amounts = [Decimal(str(t["value"])) for _, t in rows]
    end = max(amounts) if largest else min(amounts)
    picked = [(name, t) for name, t in rows if Decimal(str(t["value"])) == end]
    listing = "；".join(f"{name} {fmt_number(Decimal(str(t['value'])))} {unit}" for name, t in rows)
    said = "、".join(name for name, _ in picked) + ("（并列）" if len(picked) > 1 else "")
    vals = [value(end, unit, name) for name, _ in picked]
    cites = [safe_cite(runner, PART, f"{t['section'].split(' / ')[0]} {t['subject']}", t["line_no"])
             for _, t in picked]
    return answered(f"{PART}所列 {len(rows)} 个项目中总预算{'最多' if largest else '最少'}的是{said}，"
                    f"{fmt_number(end)} {unit}（各项：{listing}）。", vals, cites, [])


def figures(
    text: str, name: str, root: str, facts: Sequence[Row], runner: Runner, named_at: Citation | None
) -> Answer:
    rest = _without_name(_YEARWORD.sub("", text.replace(name, "")), (name, root))
    if PER_PERIOD.search(rest) and not any(PER_PERIOD.search(str(f["subject"])) for f in facts):
        # 第三季度每个月用款多少: the 说明 plans by quarter — no month's figure, never the quarter's
        return not_found(f"{root}没有按月（或按周、按日）列出的数字。", [f"{name}的钱是怎么分的？"])
    amounts = [f for f in facts if f["measure"] == "amount"]
    total = project_total(facts)
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
    unasked = unasked if any(common_run(unasked, str(f["subject"])) >= PART_RUN_MIN for f in items) else ""
    if total is not None and not unasked and (any(w in rest for w in TOTAL_ASKED) or (
            not bare and ("多少" in rest or any(w in rest for w in SUM_WORDS)))):
        # 一共多少 / 商业创新专项多少: nothing asked but its figure — its total
        return _say(name, root, [total], runner, named_at)
    return not_found(f"{root}中没有写这一数字。", [f"{name}预算多少？"])


PART_RUN_MIN = 2  # characters shared with a printed part that make a word a part's name


def common_run(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


NAME_RUN_MIN = 4  # characters of the project's name said in part (社区公共服务中心新建工程 of 万里街道…)


def _without_name(rest: str, names: tuple[str, ...]) -> str:
    """The question without the runs of the project's name it said in part: what is left asks."""
    for name in names:
        while True:
            size = common_run(rest, name)
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
    if exact:  # 市级和区级支持总部经济: the other head said with their common tail too
        also = shared_tail(rest, [str(f["subject"]) for f in exact], [str(f["subject"]) for f in facts])
        return exact + [f for f in facts if f["subject"] in also]
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
    every = _EVERY_PERIOD.search(rest)
    if every is not None:
        # 每个季度用款多少 / 四个季度: every statement numbered by that period (第一…第四季度用款计划)
        # whose other words the question says too
        words = rest.replace(every.group(), "")
        periodic = [f for f in facts if (m := _ORDINAL.match(str(f["subject"])))
                    and str(f["subject"])[m.end():].startswith(every.group(1))
                    and longest_run(words, str(f["subject"])[m.end() + len(every.group(1)):]) >= PART_RUN_MIN]
        if len(periodic) > 1:
            return periodic
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
