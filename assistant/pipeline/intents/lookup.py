"""Look-ups that are not one amount: empty or unpublished tables (预算08/09/10表 printed
without rows, 预算02/13表 listed but not printed), what a code means (2060404 是什么科目), and
which line a typed figure belongs to (123.45万元是哪个项目)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from assistant.models import Answer, Citation, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner, cite
from assistant.pipeline.intents.tables_common import (
    PREFERRED,
    knowledge,
    money,
    row_label,
    stash,
    unstash,
    value,
)
from assistant.pipeline.units import FACTORS, convert, current_unit

PROC_COLUMNS = (("amount", "采购金额"), ("unit_price", "单价"), ("sme_amount", "面向中小企业金额"),
                ("micro_amount", "面向小微企业金额"))
KIND_WORD = {"function": "功能科目", "economic": "经济科目", "project": "项目", "unit": "单位",
             "procurement": "政府采购品目", "summary": "收支项目"}


def table_status(entity_id: str) -> tuple[str, bool, bool]:
    """table:预算10表:empty:present -> (预算10表, has_rows, present); see match.EntityIndex."""
    _, table_id, rows, present = entity_id.split(":")
    return table_id, rows == "rows", present == "present"


class EmptyTableHandler:
    name = "table"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        tables = [m for m in matches if m.kind == "table"]
        if not tables:
            return None
        table_id, has_rows, present = table_status(tables[0].entity_id)
        asks = k.has("empty", q.text) or k.has("amount", q.text) or "表" in q.text
        if not asks:
            return None
        evidence = ("named" if (not has_rows or not present) else "likely" if k.has("empty", q.text)
                    else "last_resort")
        return Intent(name="table", params={**stash(tables), "table_id": table_id}, evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        table_id = intent.params["table_id"]
        info = next((t for t in runner.run("report_tables") if t["table_id"] == table_id), None)
        if info is None:
            return Answer(status="unanswerable", text=f"文件没有列出{table_id}。")
        title = info["title"]
        if info["present"] and info["has_rows"]:
            totals = [r for r in runner.run("li_totals", table_id=table_id) if r["level"] in ("合计", "总计")]
            total = next((r for r in totals if r["measure"] in ("合计", "预算数")), None)
            if total is not None and total["amount"] is not None:  # 政府性基金预算有没有支出: yes, this much
                return Answer(status="answered", values=[value(total["amount"], f"{table_id}合计")],
                              citations=[cite(runner, table_id, "合计", total["line_no"])],
                              text=f"{'有。' if knowledge().has('empty', q.text) else ''}"
                                   f"{table_id}（{title}）合计 {money(total['amount'])}。")
            return Answer(status="answered", citations=[cite(runner, table_id, title, info["line_start"])],
                          text=f"{table_id}（{title}）在原文第{info['line_start']}—{info['line_end']}行，列有具体数据。")
        topic = min((m.alias for m in unstash(intent.params)), key=len)
        paragraphs = self._paragraphs(runner, topic, title)
        cites: list[Citation] = [cite(runner, p["part"], p["section"], p["line_start"])
                                 for p in paragraphs[:2]]
        said = "".join(f"{p['part']}“{p['section'].split(' / ')[-1]}”中写明：{p['text'][:120]}"
                       for p in paragraphs[:1])
        if not info["present"]:
            text = f"文件目录列有{table_id}（{title}），但正文没有公开这张表。"
            text += f"相关情况见{said}" if said else "其他报表和说明中也没有单列这部分内容。"
        else:
            cites.insert(0, cite(runner, table_id, info.get("note") or title, info["line_start"]))
            note = info.get("note") or "表中没有任何数据行"
            text = f"没有。{table_id}（{title}）为空表，{note.removeprefix('注：')}。"
            if said:
                text += said
        return Answer(status="answered", text=text, citations=cites)

    @staticmethod
    def _paragraphs(runner: Runner, topic: str, title: str) -> list[Row]:
        rows = runner.run("paragraphs_like", topic=topic)
        if rows:
            return rows
        # 政府向社会力量购买服务 -> section 政府购买服务情况: a section whose words all appear in
        # the topic, in order (the section title is the short form).
        every = runner.run("paragraphs_like", topic="")
        for r in every:
            last = r["section"].split(" / ")[-1]
            head = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.]\s*|情况$", "", last)
            if len(head) >= 4 and _in_order(head, topic):
                return [r]
        scored = sorted(((fuzz.partial_ratio(topic, r["section"].split(" / ")[-1]), r) for r in every),
                        key=lambda t: -t[0])
        return [r for s, r in scored[:1] if s >= 70]


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


class CodeMeaningHandler:
    name = "code"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        typed = {c.lower() for c in q.codes}
        coded = [m for m in matches if m.code and m.code.lower() in typed]
        if not coded:
            return None
        if not (k.has("code_meaning", q.text) or q.text.rstrip("?").endswith(("是什么", "是啥", "指什么"))):
            return None
        return Intent(name="code", params=stash(coded), evidence="certain")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        parts, cites = [], []
        for m in unstash(intent.params):
            word = KIND_WORD.get(m.kind, "")
            text = f"{m.code} 是{word}“{m.name}”"
            if m.kind in ("function", "economic"):
                table_id = "预算05表" if m.kind == "function" else "预算07表"
                chain, code = [], m.code or ""
                rows = runner.run("li_by_code", table_id=table_id, code=code)
                level = rows[0]["level"] if rows else ""
                parent = rows[0]["parent_code"] if rows else None
                if rows:
                    cites.append(cite(runner, table_id, row_label(rows[0]), rows[0]["line_no"]))
                while parent:
                    prow = runner.run("li_by_code", table_id=table_id, code=parent)
                    if not prow:
                        break
                    chain.insert(0, f"{prow[0]['name']}（{parent}，{prow[0]['level']}）")
                    parent = prow[0]["parent_code"]
                text += f"（{level}级）" if level else ""
                if chain:
                    text += "，属于" + " / ".join(chain)
                gloss = runner.run("glossary_code", term=m.name)
                if gloss:
                    text += f"。第五部分的说明：{gloss[0]['definition'].rstrip('。')}"
                    cites.append(cite(runner, "第五部分", m.name, gloss[0]["line_no"]))
            elif m.kind == "project":
                rows = runner.run("li_by_code", table_id="预算11表", code=m.code)
                cites.extend(cite(runner, "预算11表", r["name"], r["line_no"]) for r in rows[:1])
            elif m.kind == "procurement":
                rows = [r for r in runner.run("proc_rows") if r["item_code"] == m.code]
                cites.extend(cite(runner, "预算12表", r["item_name"], r["line_no"]) for r in rows[:1])
            parts.append(text)
        return Answer(status="answered", text="；".join(parts) + "。", citations=cites)


_TYPED_UNIT = re.compile(r"\d\s*(?:万元|亿元|万|元)")


class ReverseHandler:
    name = "reverse"

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        k = knowledge()
        if not q.numbers:
            return None
        asks = k.has("reverse", q.text) or any(w in q.text for w in ("哪个", "哪项", "什么", "谁的", "哪一"))
        asks = asks or not re.sub(r"[\d.,，\s万亿元?？]", "", q.text)  # just a figure: where is it
        if not asks:
            return None
        return Intent(name="reverse", params={"numbers": list(q.numbers)}, evidence="strong")

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        amount = float(intent.params["numbers"][0])
        # A figure typed with its unit arrives in 万元 (normalise); the tables may print 元.
        unit = current_unit()
        if unit != "万元" and unit in FACTORS and _TYPED_UNIT.search(q.raw):
            amount = round(convert(amount, "万元", unit), 2)
        found: list[tuple[tuple[int, int, int], str, Citation]] = []
        prefer_project = "项目" in q.text
        for r in runner.run("li_by_amount", amount=amount):
            # the most specific table of each kind first (功能科目 -> 预算05表 before 预算03表);
            # totals and units after the lines themselves
            order = PREFERRED.get(r["code_kind"], ("预算01表", "预算05表"))
            rank = (0 if (r["code_kind"] == "project") == prefer_project else 1,
                    2 if r["code_kind"] in ("total", "item", "unit") else 0,
                    order.index(r["table_id"]) if r["table_id"] in order else 9)
            kind = KIND_WORD.get(r["code_kind"], "")
            found.append((rank, f"{kind}“{r['name']}”（{r['table_id']}，{r['measure']}）",
                          cite(runner, r["table_id"], r["name"], r["line_no"])))
        for r in runner.run("proc_by_amount", amount=amount):
            column = next((label for key, label in PROC_COLUMNS if r[key] is not None
                           and abs(float(r[key]) - amount) < 0.005), "金额")
            label = f"采购品目“{r['item_name']}”的{column}（预算12表，项目：{r['project']}）"
            found.append(((2, 0, 0), label, cite(runner, "预算12表", r["item_name"], r["line_no"])))
        for r in runner.run("detail_by_amount", amount=amount):
            found.append(((3, 0, 0), f"项目明细“{r['content']}”（{r['table_id']}）",
                          cite(runner, r["table_id"], r["content"], r["line_no"])))
        if not found:
            return Answer(status="unanswerable", text=f"报表中没有金额为 {money(amount)} 的项目。")
        found.sort(key=lambda t: t[0])
        seen, lines, cites = set(), [], []
        for _, text, c in found:
            name = text.split("（")[0]  # the same line in two tables is said once
            if name not in seen and len(lines) < 4:
                seen.add(name)
                lines.append(text)
                cites.append(c)
        return Answer(status="answered", text=f"{money(amount)} 是" + "；另见".join(lines) + "。",
                      values=[value(amount, "所问金额")], citations=cites)
