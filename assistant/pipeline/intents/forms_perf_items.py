"""The lines of 预算14表's 部门整体 funds asked: a line named, its change between the years the form
prints, the items a question lists, and a total the form prints two ways (asked, never guessed)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rapidfuzz import fuzz

from assistant.pipeline.base import Row, Runner, fmt_number
from assistant.pipeline.intents.forms_common import (
    contains_any,
    money,
    norm,
    safe_cite,
    value,
)
from assistant.pipeline.intents.tables_common import knowledge
from assistant.pipeline.units import document_unit
from assistant.tag import load_lexicon, tag

FUND_ITEMS = (
    "人员类项目支出",
    "运转类项目支出",
    "特定目标类项目支出",
    "人员类",
    "运转类",
    "特定目标类",
    "财政专户管理资金",
    "单位资金",
)
BOTH_TOTALS = ("收入合计", "支出合计")


def names_a_line(text: str) -> bool:
    """运转类项目支出, or its words in another order (项目支出运转类): one of this form's own lines,
    which 项目支出 alone (the line-item tables' column) is not."""
    return any(item in text or (item.startswith(head) and head in text and item[len(head):] in text)
               for item in FUND_ITEMS[:3] for head in FUND_ITEMS[3:6])


def asks_change(text: str) -> bool:
    """增长了多少 / 多了多少 (operation.change, .diff): the difference of the two years asked."""
    return any(t.kind == "operation" and t.value in ("change", "diff") for t in tag(text, (), load_lexicon()))


def fund_changes(items: list[tuple[str, str]], rows: Sequence[Row], years: list[int], vals: list, cites: list,
             runner: Runner) -> list[str]:
    """'2025年比2024年增加 860.21 万元': each item asked, from its own two printed figures."""
    old_year, new_year = sorted(years)
    out = []
    for section_name, item in items:
        pair = [next((r for r in rows if r["section"] == section_name and r["item"] == item and r["year"] == y
                      and r["amount"] is not None), None) for y in (old_year, new_year)]
        if pair[0] is None or pair[1] is None:
            continue
        diff = Decimal(str(pair[1]["amount"])) - Decimal(str(pair[0]["amount"]))
        word = "增加" if diff > 0 else "减少" if diff < 0 else "持平，变化"
        label = f"{section_name}“{item}”{new_year}年比{old_year}年"
        out.append(f"{label}{word} {money(abs(diff))}（{fmt_number(pair[1]['amount'])} − "
                   f"{fmt_number(pair[0]['amount'])}）。")
        vals.append(value(abs(diff), document_unit(), f"{label}{word.rstrip('，变化')}"))
        old = Decimal(str(pair[0]["amount"]))
        if diff and old:  # the rate too, as every change is stated (增长了多少百分比 asks it)
            pct = (abs(diff) / old * 100).quantize(Decimal("0.01"))
            way = "增长" if diff > 0 else "下降"
            out[-1] += f"{way} {pct}%（{fmt_number(abs(diff))} ÷ {fmt_number(old)} × 100%）。"
            vals.append(value(pct, "%", f"{label}{way}率"))
    return out


def items_asked(text: str, rows: Sequence[Row], section: str | None) -> list[tuple[str, str]]:
    pairs = list(dict.fromkeys((r["section"], r["item"]) for r in rows))
    if contains_any(text, BOTH_TOTALS) and "合计" in text:
        wanted = [s for s in ("收入构成", "支出构成") if s[:2] + "合计" in text] or ["收入构成", "支出构成"]
        return [p for p in pairs if p[1] == "合计" and p[0] in wanted]
    scored, heads = [], _heads(pairs)
    for sec, item in pairs:
        if section and sec != section and item == "合计":
            continue
        s = (
            fuzz.partial_ratio(norm(item), norm(text))
            if len(norm(item)) > 2
            else (100 if item in text else 0)
        )
        if s < 85 and len(heads.get((sec, item), "")) >= 2 and heads[(sec, item)] in text:
            s = 100  # 项目支出运转类 / 运转类的项目支出: the word that tells the line from its siblings
        if s >= 85:
            scored.append((s + len(item) / 100, (sec, item)))
    if not scored and knowledge().has("breakdown", text):
        # 支出构成是怎么划分的: every line of the section, not its total
        return [p for p in pairs if p[1] != "合计" and (section is None or p[0] == section)]
    if not scored and any(len(h) >= 2 and h[:2] in text for h in heads.values()):
        return []  # a line named in part that fits none well: never the 合计 in its place
    if not scored:
        return [p for p in pairs if p[1] == "合计" and (section is None or p[0] == section)]
    top = max(s for s, _ in scored)
    return [p for s, p in scored if s >= top - 0.001]


def total_conflicts(
    rows: Sequence[Row], years: list[int], items: list[str], runner: Runner, vals: list, cites: list
) -> list[str]:
    """'收入合计 6372.1 / 支出合计 6372.11': always say so when a 合计 of that year is asked."""
    if "合计" not in items and not any(i in ("财政拨款",) for i in items):
        return []
    out = []
    for y in years:
        inc = next(
            (r for r in rows if r["section"] == "收入构成" and r["item"] == "合计" and r["year"] == y), None
        )
        exp = next(
            (r for r in rows if r["section"] == "支出构成" and r["item"] == "合计" and r["year"] == y), None
        )
        if (
            inc
            and exp
            and inc["amount"] is not None
            and exp["amount"] is not None
            and inc["amount"] != exp["amount"]
        ):
            diff = abs(Decimal(str(inc["amount"])) - Decimal(str(exp["amount"])))
            unit = document_unit()
            out.append(
                f"注意：该表{y}年列收入合计为 {fmt_number(inc['amount'])} {unit}、支出合计为 "
                f"{fmt_number(exp['amount'])} {unit}，两者相差 {fmt_number(diff)} {unit}（尾差）。"
            )
            for r, lab in ((inc, "收入合计"), (exp, "支出合计")):
                if not any(abs(v.value - float(r["amount"])) < 0.005 for v in vals):
                    vals.append(value(r["amount"], document_unit(), f"{y}年{lab}"))
                cites.append(safe_cite(runner, r["table_id"], f"部门总体资金情况 {lab}", r["line_no"]))
    return out


def _heads(pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each line without the ending all lines of its section share: 人员类 / 运转类 / 特定目标类
    of the …项目支出 lines, so a question may name the line in another order."""
    out: dict[tuple[str, str], str] = {}
    for sec in dict.fromkeys(p[0] for p in pairs):
        items = [i for s, i in pairs if s == sec and i != "合计"]
        if len(items) < 2:
            continue
        n = 0
        while n < min(map(len, items)) and len({i[len(i) - n - 1] for i in items}) == 1:
            n += 1
        out.update({(sec, i): i[: len(i) - n] for i in items})
    return out
