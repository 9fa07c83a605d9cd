"""预算12表 政府采购预算: quantity, unit price, amount, the share for 中小企业/小微企业 and the
project an item is bought for; the procurement total."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question, Value
from assistant.pipeline.base import Conversation, Row, Runner, cite, fmt_number
from assistant.pipeline.intents.procurement_owner import ROWS_COUNTED, answer_owner, asks_procurement, owners
from assistant.pipeline.intents.tables_common import knowledge, money, stash, unstash, value
from assistant.query.evidence import by_match

TABLE = "预算12表"
FIELDS = (  # (keyword group in intents.toml, column, label)
    ("proc_micro", "micro_amount", "面向小微企业的采购金额"),
    ("proc_sme", "sme_amount", "面向中小企业的采购金额"),
    ("proc_price", "unit_price", "单价"),
    ("proc_quantity", "quantity", "采购数量"),
)


CLASSIFIERS = "台套个件张辆包箱项批本盒支把桶瓶"
PER_UNIT = re.compile(rf"(?:每|一|1)[{CLASSIFIERS}](?:的)?(?:多少|价|钱|是多少)"
                      rf"|多少钱(?:每|一|1)[{CLASSIFIERS}]")


BOUGHT_HOW_MANY = re.compile(r"买(?:了|的)?多少(?![钱元万亿])")


def _field(q: Question) -> tuple[str, str]:
    k = knowledge()
    counted = any(f"几{ch}" in q.text or f"多少{ch}" in q.text for ch in CLASSIFIERS)
    counted = counted or bool(BOUGHT_HOW_MANY.search(q.text))  # 复印纸买多少: how many, with its amount
    if counted and not ROWS_COUNTED.search(q.text):
        # 复印纸采购多少箱(，单价多少): a count of the item's unit — stated with its price and amount
        return "quantity", "采购数量"
    for group, column, label in FIELDS:
        if k.has(group, q.text):
            return column, label
    if PER_UNIT.search(q.text):  # 复印纸每箱多少钱 / 一箱多少钱: the price of one
        return "unit_price", "单价"
    return "amount", "采购金额"


def _classifier(q: Question, row: Row) -> str:
    for ch in CLASSIFIERS:
        if f"几{ch}" in q.text or f"多少{ch}" in q.text:
            return ch
    unit = str(row.get("measure_unit") or "")
    return unit if unit and not unit.replace(".", "").isdigit() else "个"


class ProcurementHandler:
    name = "procurement"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        items = [m for m in matches if m.kind == "procurement"]
        if len({m.name for m in items}) > 1 and (k.has("sum", q.text) or k.has("compare", q.text)):
            return None  # 复印机和复印纸一共多少钱: a sum query (query/parse.py) adds them up
        if items:
            evidence = by_match("strong", items[0].score)
            return Intent(name="procurement", params=stash(items), evidence=evidence)
        named = owners(matches)
        if named and asks_procurement(q, named):
            # 某项目面向中小企业采购多少: a column of 预算12表, above the project's own amount (`likely`)
            evidence = by_match("certain", named[0].score)
            return Intent(name="procurement", params={**stash(named[:1]), "owner": True},
                          evidence=evidence)
        if k.has("procurement", q.text) and not k.has("breakdown", q.text) and not k.has("count", q.text):
            # A 预算12表 column (面向中小企业, 小微企业 …) is only in the table: above the narrative's
            # 政府采购 total (`strong`), which cannot answer it; below a named owner's column (`certain`).
            # Only when 政府采购 itself is the subject: a project named by part of its name reaches
            # the owner look-up later, through the matcher's fragments.
            if "政府采购" in q.text and (k.has("proc_sme", q.text) or k.has("proc_micro", q.text)):
                return Intent(name="procurement", params={"entities": [], "matches": []}, evidence="strong")
            if k.has("total", q.text) or k.has("amount", q.text):
                return Intent(name="procurement", params={"entities": [], "matches": []},
                              evidence="plausible")
        return None

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        rows = runner.run("proc_rows")
        items = unstash(intent.params)
        if intent.params.get("owner") and items:
            return answer_owner(items[0], q, runner)
        if not items:
            total = next((r for r in rows if r["level"] == "合计"), None)
            if total is None:
                return Answer(status="unanswerable", text="政府采购预算表中没有合计数。")
            return Answer(
                status="answered",
                text=(f"{runner.year}年政府采购预算合计 {money(total['amount'])}，"
                      f"其中面向中小企业 {money(total['sme_amount'])}、"
                      f"面向小微企业 {money(total['micro_amount'])}（{TABLE}）。"),
                values=[value(total["amount"], "采购金额合计"),
                        value(total["sme_amount"], "面向中小企业"),
                        value(total["micro_amount"], "面向小微企业")],
                citations=[cite(runner, TABLE, "合计", total["line_no"])],
            )
        column, label = _field(q)
        k = knowledge()
        answers, values, cites = [], [], []
        for item in items:
            hits = [r for r in rows if r["level"] == "品目" and
                    (r["item_code"] == item.code or r["item_name"] == item.name)]
            for r in hits:
                name = r["item_name"]
                cites.append(cite(runner, TABLE, name, r["line_no"]))
                if column == "quantity":
                    unit = _classifier(q, r)
                    answers.append(f"“{name}”计划采购 {fmt_number(r['quantity'])} {unit}"
                                   f"（单价 {money(r['unit_price'])}，金额 {money(r['amount'])}）")
                    values.append(Value(value=float(r["quantity"]), unit=unit, label=f"{name}采购数量"))
                    # every figure the text states is a stated value (price and amount too)
                    for col, what in (("unit_price", "单价"), ("amount", "采购金额")):
                        if r[col] is not None:
                            values.append(Value(value=float(r[col]), unit="万元", label=f"{name}{what}"))
                    continue
                amount = r[column]
                if amount is None:
                    answers.append(f"“{name}”的{label}一栏为空")
                    continue
                text = f"“{name}”的{label}为 {money(amount)}"
                values.append(value(amount, f"{name}{label}"))
                if k.has("proc_project", q.text) or column == "amount":
                    text += f"，属于“{r['project']}”项目"
                answers.append(text)
        if not answers:
            return Answer(status="unanswerable", text="政府采购预算表中没有找到这个品目。")
        return Answer(status="answered", text="；".join(answers) + f"（{TABLE}）。", values=values,
                      citations=cites)
