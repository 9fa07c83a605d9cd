"""How the narrative-fact answers are worded: one stated figure as a sentence, the paragraph it
comes from (with the detail paragraphs a '如下：' announces), '与上年持平' as a change of 0, and
the empty 预算表 that agrees with a zero figure, and a reserved part of 政府采购 in what it is part of.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant import fmt
from assistant.models import Answer
from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite, value
from assistant.pipeline.intents.narrative_change import flat_sentences
from assistant.pipeline.intents.narrative_fact_words import QUALIFIERS
from assistant.pipeline.intents.narrative_totals import base_year
from assistant.pipeline.intents.tables_common import has_any

FOLLOWING_PARAGRAPHS = 4  # at most this many detail paragraphs after a '如下：' paragraph
SECTION_WORD = 4  # characters of a section title that name it in a question (公务用车)


def unchanged(fact: Row, runner: Runner) -> Answer | None:
    """'与上年持平': the narrative states no change figure but says the amount did not change."""
    said = flat_sentences(fact, run(runner, "narr_paragraphs"))
    if not said:
        return None
    amount = fmt_number(fact["value"])
    text = (
        f"{fact['subject']}{runner.year}年 {amount} {fact['unit']}，与上年持平，变化为 0"
        f"（{fact['part']}：{''.join(said)}）。"
    )
    return answered(
        text,
        [
            value(0, fact["unit"], f"{fact['subject']} 增减"),
            value(fact["value"], fact["unit"], fact["subject"]),
        ],
        [safe_cite(runner, fact["part"], fact["subject"], fact["line_no"])],
        [f"{fact['subject']}是多少？"],
    )


def say(r: Row, runner: Runner) -> str:
    v = Decimal(str(r["value"]))
    unit = r["unit"]
    num = fmt_number(abs(v)) if r["measure"] in ("change", "rate") else fmt_number(v)
    unit_txt = unit if unit == "%" else f" {unit}"
    if r["measure"] == "change":
        word = "增加" if v > 0 else "减少" if v < 0 else "持平，变化"
        # a side changed as its one part printed (…其中：财政拨款支出预算…): the sentence shows whose
        where = f"{r['part']}：{r['sentence']}" if r.get("via") else r["part"]
        return f"{r['subject']}比{base_year(r, runner)}年{word} {num}{unit_txt}（{where}）。"
    if r["measure"] == "rate":
        word = "增长" if v > 0 else "下降" if v < 0 else "变化"
        return f"{r['subject']}较{base_year(r, runner)}年{word} {num}{unit_txt}（{r['part']}）。"
    if r["measure"] == "count" and v == 0:
        return f"没有：{r['year']}年说明中{r['subject']}为 0{unit_txt}（{r['part']}）。"
    year = f"{r['year']}年" if r["year"] else ""
    return f"{year}{r['subject']} {num}{unit_txt}（{r['part']}：{r['sentence']}）。"


def section_sum(picked: list[Row], facts: list[Row], text: str) -> tuple[str, list[Row], Decimal, str] | None:
    """（三）公务用车购置及运行维护费 prints only its parts (购置费 0, 运行维护费 3.20): a question
    naming the section asks their sum, said with its working — never the first part alone.
    Returns (sentence, parts, total, label) when the section's title joins its parts by 及, the
    question names it, and the line under it prints two or more amounts and not the title's own."""
    if not picked or picked[0]["measure"] != "amount":
        return None
    base = picked[0]
    name = str(base["section"]).split(" / ")[-1].split("）")[-1].split(")")[-1]
    said = name.split("及")[0][:SECTION_WORD]  # 公务用车: the section named by its first word
    if "及" not in name or said not in text:
        return None
    parts = [r for r in facts if r["section"] == base["section"] and r["line_no"] == base["line_no"]
             and r["measure"] == "amount" and r["year"] == base["year"] and r["unit"] == base["unit"]]
    if len(parts) < 2 or any(r["subject"] == name for r in parts):
        return None  # one figure, or the title's own figure is printed: nothing to add up
    if "及" not in text and any(str(r["subject"]) in text for r in parts):
        return None  # 公务用车购置费是多少: one part named, that part is the answer
    total = sum((Decimal(str(r["value"])) for r in parts), Decimal(0))
    working = " + ".join(f"{r['subject']} {fmt_number(r['value'])}" for r in parts)
    return f"合计{name}：{working} = {fmt_number(total)} {base['unit']}。", parts, total, name


def paragraphs(runner: Runner, fact: Row) -> list[Row]:
    """The paragraph stating the fact; when it announces details ('具体情况如下：'), the
    paragraphs that follow in the same part too (they carry the explanation)."""
    paras = [p for p in run(runner, "narr_paragraphs") if p["part"] == fact["part"]]
    for i, p in enumerate(paras):
        if p["line_start"] <= fact["line_no"] <= p["line_end"]:
            if p["text"].rstrip().endswith(("如下：", "如下:", "：", ":")):
                return paras[i : i + 1 + FOLLOWING_PARAGRAPHS]
            return [p]
    return []


def empty_table(runner: Runner, word: str) -> Row | None:
    for t in run(runner, "narr_tables"):
        if word in t["title"] and t["present"] and not t["has_rows"]:
            return t
    return None


__all__ = ["empty_table", "paragraphs", "say", "section_sum", "unchanged"]


def reserved_share(group: str, part: Sequence[Row], facts: Sequence[Row], whole: Row | None,
                   runner: Runner, of_all: bool = False) -> Answer:
    """面向中小企业预留 → 其中给小微企业的占多少比例: a reserved part in what the 说明 states it is a
    part of — 小微 in the 中小企业 reservation (其中), 中小企业 in the whole 政府采购."""
    amount = next((r for r in part if r["measure"] == "amount" and r["year"] == runner.year), None)
    if group == QUALIFIERS[0] and not of_all:  # the smaller reservation is stated as 其中 of the larger
        whole = next((r for r in facts if r["measure"] == "amount" and r["year"] == runner.year
                      and has_any(str(r["subject"]), QUALIFIERS[1])
                      and not has_any(str(r["subject"]), QUALIFIERS[0])), None)
    if amount is None or whole is None or not whole["value"] or amount["value"] > whole["value"]:
        return not_found("预算说明中没有写出可以计算这一比例的两个数。", ["政府采购预算多少？"])
    a, b = Decimal(str(amount["value"])), Decimal(str(whole["value"]))
    rate = (a / b * 100).quantize(Decimal("0.01"))
    text = (f"按“{amount['subject']}占{whole['subject']}的比例”理解：{rate}%。其中：{amount['subject']} "
            f"{fmt.amount(a)} {amount['unit']}；{whole['subject']} {fmt.amount(b)} {whole['unit']}。"
            f"计算：{fmt.amount(a)} ÷ {fmt.amount(b)} × 100% ≈ {rate}%。")
    vals = [value(rate, "%", f"{amount['subject']}占比"), value(a, amount["unit"], amount["subject"]),
            value(b, whole["unit"], whole["subject"])]
    cites = [safe_cite(runner, r["part"], f"{r['section'].split(' / ')[-1]} {r['subject']}", r["line_no"])
             for r in (amount, whole)]
    return answered(text, vals, cites, [])
