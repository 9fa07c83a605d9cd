"""Questions the document cannot answer, recognised before any lookup.

Other years than the document covers, other departments, execution (actual spending) data,
personal data, SQL typed as a question, input without content. The reply says what the
document does cover and states no figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_REGION = re.compile(r"[\u4e00-\u9fff]{2}(?:省|市|区|县)")  # 江汉区, 武汉市: two characters + level
_ORG_PREFIX = r"(?:[\u4e00-\u9fff]{1,6}?(?:省|市|区|县))?"


def covers(env: Env) -> str:
    """One short sentence on what the document is, from its own facts (any layout)."""
    f = env.facts
    years = [y for y in f.get("years", []) if y != f["year"]]
    span = f"{min(years)}—{max(years)}" if len(set(years)) > 1 else f"{years[0]}" if years else ""
    extra = f"，另有{span}年的对比数" if years else ""  # one earlier year is said once (2024年)
    present = [t for t in f.get("tables", []) if t.get("present")]
    tables = f"，共{len(present)}张表" if present else ""
    return f"本文件是{f['department']}{f['year']}年部门预算{tables}{extra}。"


def _refuse(reason: str, env: Env) -> Answer:
    return Answer(status="unanswerable", text=f"抱歉，{reason}{covers(env)}")


def _inside_entity(word: str, text: str, env: Env) -> bool:
    """A keyword that is part of a name the document prints is not a screen hit."""
    return any(word in e.key and e.key in text for e in env.index.names if len(e.key) > len(word))


def _overlaps_indicator(word: str, text: str, env: Env) -> bool:
    """职工人数 in '聘用职工人数的绩效指标': the word runs into an indicator the forms print (聘用职工)
    — a target of the published forms, not a person's data."""
    at = text.find(word)
    spans = [(i, i + len(e.key)) for e in env.index.names if e.kind == "indicator" and len(e.key) >= 3
             for i in [text.find(e.key)] if i >= 0]
    return at >= 0 and any(a < at + len(word) and at < b for a, b in spans)


def _abbreviates(short: str, name: str) -> bool:
    """科技局 shortens 经济信息化和科技创新局: every character, in order, ending alike."""
    it = iter(name)
    return len(short) >= 3 and short[-1] == name[-1] and all(ch in it for ch in short)


ORG_BOUND = re.compile(r"[是的比占跟同在于为、，,]")  # 和 and 及 join words inside names
ORG_MIN = 2
YEAR_BEFORE = re.compile(r"^(?:\d{2,4}|[今去前明本上下])?年度?")


def _other_org(text: str, env: Env) -> str | None:
    suffixes = [s for s in env.k.refusals.get("org_suffixes", ()) if s != "局"]
    pattern = rf"{_ORG_PREFIX}[\u4e00-\u9fff]{{0,6}}?(?:{'|'.join(map(re.escape, suffixes))})"
    generic = r"[\u4e00-\u9fff]{1,6}?(?:省|市|区|县)[\u4e00-\u9fff]{1,10}?局"
    ours = [*env.facts.get("organisations", []), env.facts["department"], *env.facts.get("also_named", [])]
    for m in re.finditer(f"{pattern}|{generic}", text):
        # 招商服务中心项目支出是商务局本级: an office's name runs no further back than the word
        # before it (是, 的, 比 …), never across the question's own words
        org = YEAR_BEFORE.sub("", ORG_BOUND.split(m.group(0))[-1])  # 今年商务局本级: 年 is no name's
        org = _without_leading_words(org)  # 目前街道有几辆车: 目前 says when, the 街道 is ours
        if len(org) < ORG_MIN:
            continue
        core = re.sub(r"^.*?(?:省|市|区|县)", "", org) or org
        mine = _REGION.findall(str(env.facts.get("department", "")))
        theirs = _REGION.findall(org)
        if mine and theirs and theirs[-1] != mine[-1]:
            return org  # 江岸区… / 武汉市科技局: the same kind of office of another area
        if any(core in name or org in name or _abbreviates(core, name) for name in ours):
            continue  # the department itself, by its full or short name (科技局, 经信科创局)
        if _inside_entity(org, text, env):
            continue
        return org
    return None


def _other_body(text: str, env: Env) -> str | None:
    """普陀区人民政府的… / 民政部的…: a government or a ministry named as whose figure is asked —
    another body, unless the department's own name is that body (a name ending with it)."""
    r = env.k.refusals
    governments = "|".join(map(re.escape, r.get("governments", ())))
    ministries = "|".join(map(re.escape, sorted(r.get("ministries", ()), key=len, reverse=True)))
    if not governments and not ministries:
        return None
    ours = [str(env.facts.get("department") or ""), *env.facts.get("also_named", [])]
    own_names = [n for n in env.facts.get("own_names") or () if n]
    # 科技部门 / 财政部门 say a kind of office, not the ministry; 政府采购 / 政府性基金 are no body
    said = re.finditer(rf"(?:[\u4e00-\u9fff]{{2,4}}?(?:省|市|区|县))+(?:{governments})(?!{NOT_A_BODY})|"
                       rf"(?:{governments})(?=的)|(?:{ministries})(?![门分署局])", text)
    for m in said:
        body = m.group(0)
        if _inside_entity(body, text, env) or any(n.endswith(body) for n in ours if n):
            continue
        if any(a <= m.start() < a + len(n) for n in own_names for a in _all_at(text, n)):
            continue  # 普陀区政府办公室的… / 普陀区政府万里街道: the department's own name begins so
        return body
    return _other_region_unit(text, env)


NOT_A_BODY = "性|采购|购买|债|投资|基金|办|工作报告|部门"  # 政府性基金 / 政府采购 / 政府办: no government


def _all_at(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _other_region_unit(text: str, env: Env) -> str | None:
    """武汉市招商服务中心 beside 武汉市硚口区招商服务中心: a unit's name said with a region that is not
    its own innermost one (the city's centre of that name) is another body."""
    units = [str(o) for o in env.facts.get("organisations", ()) if len(str(o)) <= NAME_MAX_UNIT]
    for m in re.finditer(r"((?:[\u4e00-\u9fff]{2}(?:省|市|区|县))+)([\u4e00-\u9fff]{2,12}?"
                         r"(?:中心|局|委员会|委|办公室|队|站|所|街道办事处|街道))", text):
        said = _REGION.findall(m.group(1))
        for org in units:
            regions = _REGION.findall(org)
            if org.endswith(m.group(2)) and regions and said and regions[-1] != said[-1] \
                    and m.group(0) not in org:
                return m.group(0)
    return None


NAME_MAX_UNIT = 30  # an organisation's name, not a paragraph that mentions one


def _without_leading_words(org: str) -> str:
    """目前街道 / 现在街道: time and function words said before an office's name are none of it."""
    from assistant.tag import load_lexicon

    lex = load_lexicon()
    for size in range(min(len(org) - 1, LEADING_MAX), 0, -1):
        if lex.category(org[:size]) in ("time", "function"):
            return _without_leading_words(org[size:])
    return org


LEADING_MAX = 4  # characters of a word said before a name (目前, 现在, 请问)


def _own_region(text: str, env: Env) -> str | None:
    """A region the department is in (上海市, 普陀区: read from its own name), said on its own as
    whose figure is asked (普陀区的…), is that whole region's — never the department's."""
    for region in _REGION.findall(str(env.facts.get("department", ""))):
        at = text.find(region)
        if at >= 0 and text[at + len(region):].startswith("的") and not _inside_entity(region, text, env):
            return region
    return None


def _stated_execution(q: Question, env: Env) -> bool:
    """2022年执行了多少: a Shanghai 编制说明 states the year before's 预算执行数 item by item
    (query/executed.py answers it); the budget year's own execution is never stated."""
    prior = [y for y in q.years if y < env.facts["year"]]
    if not prior or not env.k.has("executed", q.text):
        return False
    paras = env.runner.run("narr_paragraphs", doc_id=env.runner.doc_id)
    # '2022年当年预算执行数为12.04万元' of an item, '比2024年预算执行数增加24,558.18万元' of a total
    return any(f"{y}年当年预算执行数" in p["text"] or f"{y}年预算执行数" in p["text"]
               for p in paras for y in prior)


FOLLOWUP_MAX = 8  # characters of a follow-up that inherits the plan words of the turn before


def screen(q: Question | None, env: Env) -> Answer | None:
    if q is None:
        return None
    raw = q.raw.lower()
    r = env.k.refusals
    if any(w in raw for w in r.get("sql", ())):
        return _refuse("我只回答关于本部门预算内容的问题，不执行数据库命令。", env)
    if not _CONTENT.search(q.text):
        example = f"例如“{env.facts['year']}年总预算多少”。"
        return Answer(status="unanswerable", text=f"请输入一个关于本部门预算的问题，{example}{covers(env)}")
    missing = [y for y in q.years if y not in env.facts.get("years", [])]
    if missing and not _dated_document(q.text):
        return _refuse(f"文件中没有{'、'.join(map(str, missing))}年的数据。", env)
    text = q.text
    # 第二季度呢 right after a question about a 用款计划 asks for the plan too
    before = [t.question for t in env.conv.turns[-2:]]
    planned = any(w in text or (len(text) <= FOLLOWUP_MAX and any(w in b for b in before))
                  for w in r.get("plan_words", ()))
    stated = _stated_execution(q, env)
    for word in r.get("execution", ()):
        passes = stated and env.k.has("executed", word)  # 执行数 stated; 决算/实际支出 never
        subtracted = word in r.get("remains", ()) and any(
            0 <= text.find(w) < text.find(word) for w in r.get("subtract_words", ()))
        if word in text and not (planned or passes or subtracted) and not _inside_entity(word, text, env):
            return _refuse("预算文件只有预算安排数，没有执行（实际支出）数据。", env)
    for word in r.get("personal", ()):
        if word in text and not _inside_entity(word, text, env) and not _overlaps_indicator(word, text, env):
            return _refuse("文件没有公开人员编制、职务任职或个人信息。", env)
    people = [p for p in env.facts.get("people", []) if p in text]
    # 项目负责人 and 电话 are published; a person's pay, age, ID … are not.
    about_person = people and any(w in text.replace(people[0], "") for w in r.get("person_topics", ()))
    published = any(w in text for w in ("联系电话", "电话", "负责")) and not any(
        w in text for w in ("手机", "身份证"))
    if about_person and not published:
        return _refuse(f"文件没有公开{people[0]}的个人信息。", env)
    for area in r.get("wider_areas", ()):
        at = text.find(area)
        rest = text[at + len(area):].lstrip("的") if at >= 0 else ""
        # 全区的预算 / 全区科技支出总额: an aggregate said of the area (a few words of its kind between)
        aggregate = any(w in rest[:len(w) + WIDER_KIND_MAX] for w in r.get("wider_aggregates", ()))
        if at >= 0 and aggregate and not _inside_entity(area, text, env):
            return _refuse(f"文件只有本部门的预算，没有{area}的预算数。", env)
    area = _own_region(text, env)
    if area:  # 上海市的三公经费 on a 区 department's budget: the city's, which this document does not hold
        return _refuse(f"文件只有本部门的预算，没有{area}的预算数。", env)
    org = _other_body(text, env) or _other_org(text, env)
    if org:
        return _refuse(f"文件中没有“{org}”的预算，只有本部门的。", env)
    return None


WIDER_KIND_MAX = 4  # characters of a kind said between the area and its aggregate (全区科技支出)
DOCUMENT_WORDS = ("文件", "文号", "政策", "办法", "通知", "规定")


def _dated_document(text: str) -> bool:
    """哪个2017年的文件: the year dates a document the budget cites (立项依据), not a budget year."""
    return any(re.search(rf"(?:19|20)\d{{2}}年(?:的|发的|出的|印发的)?[^，,。？?]{{0,4}}{w}", text)
               for w in DOCUMENT_WORDS)
