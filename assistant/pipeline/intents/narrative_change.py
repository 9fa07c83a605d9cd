"""Year-on-year questions the narrative answers without a figure of their own.

* A change asked with no subject ('今年预算比去年多多少', '增幅多少', '同比变化') is about the
  whole budget: the narrative states the 收支总预算's change and rate.
* A prior year the narrative prints no figure for ('上年三公经费') follows from what it does
  print: current − a change stated against that year, or '与上年持平' (last year's figure equals
  this year's). A paragraph that announces details ('具体情况如下：') is flat as a whole only
  when every detail paragraph says so (三公经费 = 出国 + 接待 + 用车).
* The whole budget of several years ('2025年和2026年的总预算'), each year from its own source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assistant import fmt
from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.narrative_common import CANONICAL_TOTAL, topic_rows
from assistant.pipeline.intents.narrative_totals import base_year, current_total, prior_total
from assistant.query.model import BACK_COMPUTED

# What may surround a change question that names no subject ('2026年预算比2025年多多少').
_BARE_FILLER = re.compile(
    r"\d{4}年度?|今年|本年|去年|上年|前年|部门|本部门|单位|整体|总体|预算|的|是|有|了|呢|吗|"
    # 多了还是少了 / 涨还是降: which way it changed, asked as a choice
    r"[多少增减涨降升]了?还是[多少增减涨降升]了?|还是|上升|涨了|降了|"
    r"钱|金额|比|较|与|相比|同比|和|跟|多了|少了|多多少|少多少|多少|增加|减少|增长|下降|变化|变动|增减|增幅|降幅|"
    r"涨幅|幅度|增长率|情况|如何|怎么样|怎样|百分之几|几个点|%|[?？!！,，。\s]"
)
FLAT = "持平"
COMPARED = ("比", "较", "与")  # a sentence opening so compares the subject before it


def is_bare_change(text: str) -> bool:
    """The question asks for a year-on-year change and names nothing it is the change of."""
    return _BARE_FILLER.sub("", text) == ""


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；])", text) if s.strip()]


def _names(subject: str) -> re.Pattern[str]:
    """The subject as a name of its own: '支出预算' in '2025年支出预算…', not inside
    '政府性基金拨款支出预算…' (another, longer subject)."""
    return re.compile(rf"(?:^|(?<=[\d年，,：:；;。\s“”])){re.escape(subject)}")


def flat_sentences(fact: Row, paragraphs: Sequence[Row]) -> list[str]:
    """The sentences saying the fact's amount equals last year's, or [] when none does."""
    part = [p for p in paragraphs if p["part"] == fact["part"]]
    for i, p in enumerate(part):
        if not p["line_start"] <= fact["line_no"] <= p["line_end"]:
            continue
        # the sentence names the subject, or the paragraph opens with the fact (as before)
        named = _names(str(fact["subject"]))
        opens = p["line_start"] == fact["line_no"]  # the paragraph opens with the fact: its first sentence
        sentences = _sentences(p["text"])
        stating = [k for k, s in enumerate(sentences) if named.search(s) is not None or (opens and k == 0)]
        # '公务接待费1.35万元。比2022年预算持平': a sentence of no subject of its own, right after the
        # fact's, continues its statement
        own = [
            s
            for k, s in enumerate(sentences)
            if FLAT in s and (k in stating or (k - 1 in stating and s.startswith(COMPARED)))
        ]
        if own:
            return own[:1]
        if not p["text"].rstrip().endswith(("如下：", "如下:")):
            return []
        # the details follow in sub-sections of this paragraph's section
        details = [q for q in part[i + 1 :] if str(q["section"]).startswith(f"{p['section']} / ")]
        flat = [next((s for s in _sentences(q["text"]) if FLAT in s), None) for q in details]
        if details and all(flat):
            return [str(s) for s in flat]
        return []
    return []


EXECUTED = "执行数"


def prior_derived(rows: Sequence[Row], params: dict[str, Any], runner: Runner) -> Answer | None:
    """'上年三公经费' when the narrative prints no prior-year figure for the subject: a stated
    change against that year gives it as current − change; '与上年持平' gives it as equal."""
    prior = runner.year - 1
    if prior not in params.get("years", []):
        return None
    fact = next((r for r in rows if r["measure"] == "amount" and r["year"] == runner.year), None)
    if fact is None:
        return None
    change = next(
        (
            r
            for r in rows
            if r["measure"] == "change"
            and r["subject"] == fact["subject"]
            and r["line_no"] - fact["line_no"] in (0, 1)  # '…25万元，比\n2023年预算增加…': wrapped
            and base_year(r, runner) == prior
            # a change against the year before's 执行数 works back that 执行数, not its budget
            and (EXECUTED not in str(r["sentence"]) or EXECUTED in str(params.get("text", "")))
        ),
        None,
    )
    cites = [safe_cite(runner, fact["part"], fact["subject"], fact["line_no"])]
    now, unit = Decimal(str(fact["value"])), fact["unit"]
    if change is not None and now - Decimal(str(change["value"])) < 0:
        return None  # '0万元，比2022年增加1421.25万元': a budget below nothing is a slip of the text
    if change is not None:
        delta = Decimal(str(change["value"]))
        word = "增加" if delta >= 0 else "减少"
        sign = f"−{fmt_number(delta)}" if delta >= 0 else f"＋{fmt_number(abs(delta))}"
        # (a sentence wrapped over two lines keeps the gap the layout left: never shown)
        quoted = "，".join(dict.fromkeys(re.sub(r"\s+", "", str(r["sentence"])).strip("。，")
                                         for r in (fact, change)))
        text = (
            f"文件没有直接列出{prior}年的{fact['subject']}；按{fact['part']}，{runner.year}年 "
            f"{fmt_number(now)} {unit}，比{prior}年{word} {fmt_number(abs(delta))} {unit}，"
            f"倒推{prior}年为 {fmt_number(now)}{sign}＝{fmt_number(now - delta)} {unit}"
            f"（原文：“{quoted}”）。"
        )
        vals = [
            value(now - delta, unit, f"{prior}年{fact['subject']}{BACK_COMPUTED}"),
            value(now, unit, f"{runner.year}年"),
        ]
        return answered(text, vals, cites, [f"{fact['subject']}比上年变化多少？"])
    said = flat_sentences(fact, run(runner, "narr_paragraphs"))
    if not said:
        return None
    amount = fmt_number(now)
    text = (
        f"{fact['part']}写明{fact['subject']}{runner.year}年 {amount} {unit}，"
        f"与上年持平（原文：“{''.join(said)}”），即{prior}年同为 {amount} {unit}。"
        f"文件没有单独列出{prior}年的这一数字，以上由“持平”推得。"
    )
    vals = [value(now, unit, f"{prior}年{fact['subject']}（与上年持平）")]
    return answered(text, vals, cites, [f"{fact['subject']}是多少？"])


def rate_derived(rows: Sequence[Row], runner: Runner) -> Answer | None:
    """'财政拨款收入比上年下降了百分之几' where the narrative states this year's amount and the change
    only: the rate is the change over last year's figure (this year's − the change), worked out
    and shown, the two printed figures cited."""
    fact = next((r for r in rows if r["measure"] == "amount" and r["year"] == runner.year), None)
    if fact is None:
        return None
    change = next((r for r in rows if r["measure"] == "change" and r["subject"] == fact["subject"]
                   and r["line_no"] - fact["line_no"] in (0, 1) and r["unit"] == fact["unit"]), None)
    if change is None:
        return None
    now, delta, unit = Decimal(str(fact["value"])), Decimal(str(change["value"])), fact["unit"]
    before = now - delta
    show = fmt.amount if unit in fmt.MONEY_UNITS else fmt_number  # 11,491.20 as a sum of money is said
    if before <= 0:
        return None  # nothing last year: no rate of growth
    prior = base_year(change, runner)
    base = f"{prior}年预算执行数" if "执行数" in str(change["sentence"]) else f"{prior}年"  # what it is over
    rate = (abs(delta) / before * 100).quantize(Decimal("0.01"))
    word = "增长" if delta >= 0 else "下降"
    quoted = "，".join(dict.fromkeys(str(r["sentence"]).strip("。， ") for r in (fact, change)))
    text = (f"文件没有直接写{fact['subject']}的{word}幅度；按{fact['part']}，{runner.year}年 "
            f"{show(now)} {unit}，比{prior}年{'增加' if delta >= 0 else '减少'} "
            f"{show(abs(delta))} {unit}（原文：“{quoted}”），{base}即 {show(before)} {unit}。"
            f"计算：{show(abs(delta))} ÷ {show(before)} × 100% ≈ {rate}%，即{word} {rate}%。")
    vals = [value(rate, "%", f"{fact['subject']}{word}幅度（计算）"),
            value(abs(delta), unit, f"{fact['subject']}比{prior}年{'增加' if delta >= 0 else '减少'}")]
    cites = [safe_cite(runner, fact["part"], fact["subject"], fact["line_no"])]
    return answered(text, vals, cites, [f"{fact['subject']}比上年变化多少？"])


def years_total(params: dict[str, Any], facts: Sequence[Row], runner: Runner) -> Answer:
    """The whole budget of several years: the document year as the narrative and 预算01表 state
    it, each earlier year as current − change and as 预算14表 prints it (gaps explained)."""
    texts: list[str] = []
    vals, cites, missing = [], [], []
    rows = topic_rows(params | {"text": CANONICAL_TOTAL, "topic": None}, facts)
    for year in sorted(set(params.get("years", []))):
        one = current_total(rows, runner) if year == runner.year else None
        if one is None and year < runner.year:
            one = prior_total(params | {"years": [year], "text": CANONICAL_TOTAL}, facts, runner)
        if one is None or one.status != "answered":
            missing.append(str(year))
            continue
        texts.append(f"【{year}年】{one.text}")
        vals += one.values
        cites += one.citations
    if not texts:
        return not_found(f"文件没有给出{'、'.join(missing)}年的预算总额。")
    if missing:
        texts.append(f"文件没有给出{'、'.join(missing)}年的预算总额。")
    return answered("\n".join(texts), vals, cites, ["收支总预算比上年增加多少？"])


__all__ = ["FLAT", "flat_sentences", "is_bare_change", "prior_derived", "rate_derived", "years_total"]
