"""上年预算执行数: what the 编制说明 states, item by item, of the year before the budget year.

The 部门预算编制说明 of a Shanghai disclosure explains each 项 in one paragraph —
'“文化旅游体育与传媒支出（类）体育（款）群众体育（项）”20.00万元，…。2022年当年预算执行数为12.04万元，
2023年预算安排20.00万元，比2022年预算执行数增加66.11%。主要原因是：…' — so last year's executed
figure of a 项, and its change, are the document's own figures. This rule answers them for the
功能科目 line the question names (or the line the conversation just answered), from the paragraph
whose 类/款/项 path is that line's: a 项 name printed under several 款 (行政运行) is never guessed.

A budget holds no execution figure of the budget year itself: those questions stay refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import fmt
from assistant.models import Answer, Candidate
from assistant.pipeline.base import DOCUMENT_YEAR, Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.tables_common import has_any
from assistant.pipeline.knowledge import load_knowledge
from assistant.query.model import Query
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

ASKED, CHANGED = "上年预算执行数", "比上年预算执行数的变化"
MATCH_MIN = 90.0  # how exactly the question must name a 功能科目 line
# '“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”'
# … or '“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”'
PATH = re.compile(r"“([^”（]+)（类）([^”（]+)（款）([^”（]+)（项）”"
                  r"|“([^”\-－]+)[-－]([^”\-－]+)[-－]([^”\-－]+)”")
EXECUTED = re.compile(r"((?:19|20)\d{2})\s*年(?:当年)?预算执行数为\s*([\d,]+(?:\.\d+)?)\s*万元")
PLANNED = re.compile(r"((?:19|20)\d{2})\s*年预算安排\s*([\d,]+(?:\.\d+)?)\s*万元")
CHANGE = re.compile(
    r"比\s*((?:19|20)\d{2})\s*年预算执行数(增加|增长|上升|减少|下降)\s*([\d,]+(?:\.\d+)?)\s*%")
CHANGE_AMOUNT = re.compile(
    r"比\s*((?:19|20)\d{2})\s*年预算执行数(增加|增长|上升|减少|下降)\s*([\d,]+(?:\.\d+)?)\s*万元")
FLAT = re.compile(r"比\s*((?:19|20)\d{2})\s*年预算执行数持平")
DOWN = ("减少", "下降")


def executed(text: str, lex: Lexicon) -> Query | None:
    """上年预算执行数 asked (执行数 / 执行了多少), or a change over the year before of a line whose only
    figure of that year is its executed one (统计管理比2022年增长百分之几 / 新增了多少)."""
    said = ORIGINAL.get() or text
    k = load_knowledge()
    if k.has("executed", said):
        return Query(op="executed", rule=ASKED)
    year = DOCUMENT_YEAR.get()
    before = year is not None and any(int(y) < year for y in re.findall(r"((?:19|20)\d{2})年", said))
    if (before or k.has("executed_year_implied", said)) and k.has("executed_change", said):
        return Query(op="executed", rule=CHANGED)
    return None


def executed_answer(query: Query, env: Env) -> Answer | None:
    """The 编制说明's figure of the 功能科目 line named (or the line just answered, for 执行数 asked
    alone), or None when no such line is named: the question is the readings'."""
    q = env.asked
    if q is None:
        return None
    from assistant.pipeline import homonyms, steps

    # read as the match step reads a question (宣传事务一般行政管理事务: the 项 under that 款 only)
    matches = homonyms.scoped(list(steps.match(steps.State(raw=q.text, question=q), env).matches))
    own = [m for m in matches if m.kind == "function" and m.code and m.score >= MATCH_MIN]
    years = list(q.years)
    if query.rule == CHANGED:
        if not own:
            return None
        years = years or [env.runner.year - 1]  # 新增了: over the year before
    lines = own
    if query.rule == ASKED and not own and not any(m.kind != "narrative" and m.score >= MATCH_MIN
                                                   for m in matches):
        # 那去年的预算执行数呢: the line the conversation just answered
        last = env.conv.last_answered()
        lines = [m for m in (last.entities if last else []) if m.kind == "function" and m.code]
    if not lines:
        return None
    codes = list(dict.fromkeys(str(m.code) for m in lines))
    return executed_of(codes, years, q.text, env.runner)


def executed_of(codes: list[str], years: list[int], text: str, runner: Runner) -> Answer:
    found = _paragraphs(runner)
    if not found:
        return not_found("本文件的编制说明没有逐项写明上年预算执行数。")
    hits = [f for f in found if any(_holds(c, f) for c in codes)] or _only_item(codes, found, runner)
    if not hits:
        return not_found("编制说明中没有写这一科目的上年预算执行数。")
    if len({f["name"] for f in hits}) > 1:
        # two lines named (行政运行…比群众体育): one executed figure per question
        names = "、".join(dict.fromkeys(f["name"] for f in hits))
        return not_found(f"编制说明逐项写执行数，请分别询问：{names}。",
                         [f"{f['name']}{f['year']}年预算执行数是多少？" for f in hits][:2])
    if len({f["code"] for f in hits}) > 1:
        return _which(hits)
    fact = hits[0]
    if fact["year"] not in years:
        # 2023年执行数 of a 2023 budget (or no year said, as a composed question asks this
        # year's figure): a budget states no execution of its own year, only the year before's
        asked = f"{years[0]}年的" if years else "当年的"
        return not_found(f"编制说明只写了{fact['year']}年的预算执行数，没有{asked}。",
                         [f"{fact['name']}{fact['year']}年预算执行数是多少？"])
    if fact["executed"] is None:
        return not_found(f"编制说明中没有写“{fact['name']}”的上年预算执行数。")
    return _say(fact, text, runner)


def _paths(runner: Runner) -> dict[tuple[str, str, str], str]:
    """(类, 款, 项) names → the 项 code, from the function lines the tables print."""
    rows = run(runner, "narr_function_rows")
    names = {str(r["code"]): str(r["name"]) for r in rows}
    out: dict[tuple[str, str, str], str] = {}
    for code, name in names.items():
        if len(code) == 7 and code[:3] in names and code[:5] in names:
            out[(names[code[:3]], names[code[:5]], name)] = code
    return out


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _paragraphs(runner: Runner) -> list[dict[str, Any]]:
    """Each 编制说明 paragraph of one 项 with its executed figure, plan and change as printed."""
    paths = _paths(runner)
    out = []
    for p in _items(run(runner, "narr_paragraphs")):
        head = PATH.search(p["text"])
        if head is None:
            continue
        key = tuple(g.strip() for g in head.groups() if g is not None)
        code = paths.get(key)  # type: ignore[arg-type]
        if code is None:
            continue
        executed, planned = EXECUTED.search(p["text"]), PLANNED.search(p["text"])
        change, flat = CHANGE.search(p["text"]), FLAT.search(p["text"])
        stated = CHANGE_AMOUNT.search(p["text"])
        diff = None
        if stated is not None:  # '比2022年预算执行数增加3.50万元': the change as the document states it
            diff = _num(stated.group(3)) * (-1 if stated.group(2) in DOWN else 1)
        rate = None
        if change is not None:
            rate = _num(change.group(3)) * (-1 if change.group(2) in DOWN else 1)
        elif flat is not None:
            rate = Decimal(0)
        out.append({
            "code": code,
            "name": key[2],
            "path": "/".join(key),
            "para": p,
            "year": int(executed.group(1)) if executed else runner.year - 1,
            "executed": _num(executed.group(2)) if executed else None,
            "planned": _num(planned.group(2)) if planned else None,
            "rate": rate,
            "diff": diff,
            "sentence": head.group(0),
        })
    return out


CUT_AT_COLON = re.compile(r"主要原因是[:：]\s*$")  # the reason printed on the line after (主要原因是：⏎…)
ITEM_START = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[一二三四五六七八九十]+、|[（(])")


def _items(paras: Sequence[Row]) -> list[Row]:
    """One paragraph per 项: a sentence ending a printed line ends a paragraph, so the item's
    '2023年当年预算执行数为…' may stand in the next one — joined back when it is no new item."""
    out: list[Row] = []
    for p in paras:
        last = out[-1] if out else None
        if (last is not None and PATH.search(last["text"])
                and (not EXECUTED.search(last["text"]) or CUT_AT_COLON.search(last["text"]))
                and p["part"] == last["part"] and p["section"] == last["section"]
                and not ITEM_START.match(p["text"]) and not PATH.search(p["text"])
                and (EXECUTED.search(p["text"]) or CUT_AT_COLON.search(last["text"]))):
            out[-1] = last | {"text": last["text"] + p["text"], "line_end": p["line_end"]}
            continue
        out.append(dict(p))
    return out


def _only_item(codes: list[str], found: list[dict[str, Any]], runner: Runner) -> list[dict[str, Any]]:
    """宣传事务（款）2023年执行数: a 款 the tables print with one 项 under it is that 项 — its
    paragraph is the 款's (一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）)."""
    printed = {str(r["code"]) for r in run(runner, "narr_function_rows")}
    for code in codes:
        items = [c for c in printed if len(c) == 7 and c.startswith(code)]
        if len(code) == 5 and len(items) == 1:
            return [f for f in found if f["code"] == items[0]]
    return []


def _holds(code: str, fact: dict[str, Any]) -> bool:
    """The line asked is this paragraph's 项, or the 款 that holds only a 项 of its own name
    (其他城乡社区支出 款 and 项 print one figure)."""
    return fact["code"] == code or (len(code) == 5 and fact["code"].startswith(code)
                                    and fact["path"].split("/")[1] == fact["name"])


def _which(hits: Sequence[dict[str, Any]]) -> Answer:
    cands = [Candidate(label=f["path"], question=f"“{f['path']}”上年预算执行数是多少？") for f in hits]
    listing = "；".join(f"“{c.label}”" for c in cands)
    return Answer(status="clarify", candidates=cands,
                  text=f"编制说明中有几个同名科目：{listing}。请问您问的是哪一个？")


# 跟去年执行数比呢 / 比上年执行数呢: the budget set against the executed figure — the change is asked
COMPARED = re.compile(r"(?:比|跟|和|与|同|较)[^，。？?]{0,8}执行数|执行数[^，。？?]{0,3}(?:比|相比|对比)")


def _say(fact: dict[str, Any], text: str, runner: Runner) -> Answer:
    year, unit = fact["year"], "万元"
    para: Row = fact["para"]
    parts = [f"{year}年当年预算执行数为 {fmt.amount(fact['executed'])} {unit}"]
    if fact["planned"] is not None:
        parts.append(f"{runner.year}年预算安排 {fmt.amount(fact['planned'])} {unit}")
    rate = fact["rate"]
    if rate is not None:
        word = "持平" if rate == 0 else f"{'增加' if rate > 0 else '减少'} {fmt_number(abs(rate))}%"
        parts.append(f"比{year}年预算执行数{word}")
    where = f"按{para['part']}“{para['section'].split(' / ')[-1]}”，{fact['sentence']}："
    label = f"{fact['name']} {year}年预算执行数"
    vals = [value(fact["executed"], unit, label)]
    out = [where + "，".join(parts) + "。"]
    if has_any(text, "executed_change") or COMPARED.search(text):
        vals = []
        if rate is not None and has_any(text, "executed_rate"):
            vals.append(value(abs(rate), "%", f"{fact['name']} 比{year}年预算执行数增减幅度"))
        elif fact["diff"] is not None:
            diff = fact["diff"]
            word = "增加" if diff > 0 else "减少"
            out.append(f"比{year}年预算执行数{word} {fmt.amount(abs(diff))} {unit}（说明原文）。")
            vals.append(value(abs(diff), unit, f"{fact['name']} 比{year}年预算执行数增减额"))
        elif fact["planned"] is not None:
            diff = fact["planned"] - fact["executed"]
            word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
            out.append(f"计算：{fmt.amount(fact['planned'])} − {fmt.amount(fact['executed'])} = "
                       f"{fmt.amount(diff)} {unit}，"
                       f"即比{year}年预算执行数{word} {fmt.amount(abs(diff))} {unit}。")
            vals.append(value(abs(diff), unit, f"{fact['name']} 比{year}年预算执行数增减额"))
            if rate is not None:
                vals.append(value(abs(rate), "%", f"{fact['name']} 比{year}年预算执行数增减幅度"))
        if not vals:
            return not_found(f"编制说明中没有写“{fact['name']}”比{year}年预算执行数的增减幅度。")
        # the two figures the sentence compares are stated too: listed after the change asked
        lead = len(vals)
        vals.append(value(fact["executed"], unit, label))
        if fact["planned"] is not None:
            vals.append(value(fact["planned"], unit, f"{fact['name']} {runner.year}年预算"))
    else:
        lead = 0
    reason = re.search(r"主要原因是[:：]?([^。]+)", para["text"])
    if reason:
        out.append(f"原因：{reason.group(1)}。")
    cite = [safe_cite(runner, para["part"], f"{para['section'].split(' / ')[-1]} {fact['name']}",
                      para["line_start"])]
    said = answered("".join(out), vals, cite, [f"{fact['name']}安排了多少？", "收支总预算比上年增加多少？"])
    return said.model_copy(update={"lead": lead})


