"""预算15表 项目支出绩效目标申报表 (one form per project) → project_forms, form_fields,
form_budget_history, form_funding, form_details, form_assets, perf_goals, indicators,
indicator_values. `formspans` finds where each form starts and ends.

Blocks are recognised by their printed labels (项目名称 …, 资金来源, 项目内容/测算依据,
项目资产配置计划, 项目绩效总目标, 一级指标), never by line numbers or project names.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.ingest.formcells import (
    is_number,
    is_separator,
    join_text,
    nospace,
    parse_money,
    split_cells,
    split_numbered,
    squeeze,
    strip_html,
    ticked_option,
)
from assistant.ingest.formspans import title_kind
from assistant.ingest.indicators import IndicatorParser, goal_label

# printed label (spaces removed, half-width brackets) → form_fields.field
FIELDS = {
    "项目名称": "项目名称", "项目代码": "项目代码", "项目主管部门": "项目主管部门",
    "项目执行单位": "项目执行单位", "项目负责人": "项目负责人", "联系电话": "联系电话",
    "项目年度": "项目年度", "项目类别": "项目类别", "项目安排频度": "项目安排频度",
    "立项依据": "立项依据", "项目实施方案": "项目实施方案", "上年绩效评价结果": "上年绩效评价结果",
    "项目前两年预算及当年预算变动情况": "前两年预算变动", "项目总预算": "项目总预算",
    "项目当年预算": "项目当年预算",
}
TICKED = ("项目类别", "项目安排频度")
PARAGRAPHS = ("立项依据", "项目实施方案", "上年绩效评价结果", "前两年预算变动")
_YEAR = re.compile(r"(\d{4})\s*年")
_AMOUNT_UNIT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万")
_AMOUNT_AFTER = re.compile(r"(?:预算|安排)[为是了:：\s]*(?:预算)?\s*(\d[\d,]*(?:\.\d+)?)(?!\s*[年月日\d.])")


def extract(lines: list[str], start: int, end: int, table_id: str, year: int,
            first_indicator_id: int) -> dict[str, list[dict]]:
    """Rows of one 预算15表 form span (1-based inclusive), per table name."""
    return _Form15(table_id, year, first_indicator_id).run(lines, start, end)


class _Form15:
    def __init__(self, table_id: str, year: int, first_id: int) -> None:
        self.table_id, self.year = table_id, year
        self.mode = "fields"
        self.title_year: int | None = None
        self.fields: dict[str, tuple[str, int]] = {}
        self.pending: str | None = None
        self.last_field: dict | None = None
        self.out: dict[str, list[dict]] = {k: [] for k in (
            "project_forms", "form_fields", "form_budget_history", "form_funding",
            "form_details", "form_assets", "perf_goals", "indicators", "indicator_values")}
        self.detail: dict | None = None
        self.detail_idx = (0, 0)
        self.current_line = 0
        self.parser = IndicatorParser(table_id, year, first_id)

    def run(self, lines: list[str], start: int, end: int) -> dict[str, list[dict]]:
        for line_no in range(start, end + 1):
            self.line(line_no, lines[line_no - 1])
        self.finish(start, end)
        return self.out

    def line(self, line_no: int, raw: str) -> None:
        self.current_line = line_no
        if self.title_year is None and title_kind(raw):
            m = _YEAR.search(raw)
            self.title_year = int(m.group(1)) if m else None
            return
        cells = split_cells(raw)
        toks = [c for c in cells if c]
        if not toks or is_separator(toks):
            return
        words = [nospace(t) for t in toks]
        first = words[0]
        if "资金来源" in first:
            self.mode = "funding"
            return
        if "项目内容" in words and any(w.startswith("测算依据") for w in words):
            self.mode = "details"
            return
        if first.startswith("项目资产配置"):
            self.mode = "assets"
            return
        if first.startswith("项目绩效总目标") or "目标说明" in words:
            self.mode = "goals"
            return
        label = goal_label(toks[0])
        if (label and label[2]) or {"一级指标", "三级指标"} & set(words):
            self.mode = "indicators"
        if label and not label[2] and self.mode != "indicators" and len(toks) > 1:
            # '长期绩效目标 1 │ text' states a goal wherever the 项目绩效总目标 heading went missing
            self.out["perf_goals"].append({"table_id": self.table_id, "horizon": label[0],
                                           "goal_no": label[1] or 1,
                                           "text": squeeze(toks[1]), "line_no": line_no})
            return
        getattr(self, f"on_{self.mode}")(line_no, raw, cells, toks)

    def on_goals(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        """Only the 名称/目标说明 header row lands here."""

    def on_indicators(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        self.parser.feed(line_no, cells)

    def on_fields(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        raw_cells = [c.strip() for c in raw.split("\t")]
        raw_cells = [c for c in raw_cells if strip_html(c)]
        if self.pending and not self.label_of(raw_cells[0]):
            # a value printed on the line below its label (项目当年预算 │ … then 788.6)
            self.add_field(self.pending, raw_cells[0], line_no)
            raw_cells = raw_cells[1:]
        self.pending = None
        if raw_cells and self.last_field and not any(self.label_of(c) for c in raw_cells):
            self.extend_field(" ".join(raw_cells))
            return
        i = 0
        while i < len(raw_cells):
            word = nospace(strip_html(raw_cells[i]))
            key = self.label_of(raw_cells[i])
            if key is None:
                i += 1
                continue
            rest = word[len(key):]
            if rest and rest[0].isdigit():  # '项目当年预算 11.79' in one cell
                self.add_field(FIELDS[key], rest, line_no)
            elif i + 1 < len(raw_cells) and not self.label_of(raw_cells[i + 1]):
                self.add_field(FIELDS[key], raw_cells[i + 1], line_no)
                i += 1
            else:
                self.pending = FIELDS[key]
            i += 1

    @staticmethod
    def label_of(cell: str) -> str | None:
        word = nospace(strip_html(cell))
        return next((k for k in FIELDS if word.startswith(k)), None)

    def add_field(self, field: str, raw_value: str, line_no: int) -> None:
        if field in TICKED:
            value = ticked_option(raw_value) or strip_html(raw_value)
        elif field in PARAGRAPHS:
            value = strip_html(raw_value, keep_paragraphs=True)
        else:
            value = squeeze(strip_html(raw_value))
        if value and field not in self.fields:
            self.fields[field] = (value, line_no)
            self.last_field = {"table_id": self.table_id, "field": field, "value": value,
                               "line_no": line_no}
            self.out["form_fields"].append(self.last_field)

    def extend_field(self, raw_value: str) -> None:
        """A long text field (立项依据 …) that a page break carried onto the next line."""
        last = self.last_field
        assert last is not None
        if last["field"] not in PARAGRAPHS:
            return  # short fields do not wrap; a stray line there is not part of them
        text = strip_html(raw_value, keep_paragraphs=True)
        last["value"] = f"{last['value']}\n{text}" if raw_value.lstrip().startswith("<p") \
            else join_text(last["value"], text)
        self.fields[last["field"]] = (last["value"], last["line_no"])

    def on_funding(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        words = [t for t in toks if not is_number(t)]
        if not words or any("来源项目" in nospace(w) for w in words):
            return
        source = re.sub(r"^(\d+)\s*[.．]\s*", r"\1. ", squeeze(words[0]))
        source = source.replace("(", "（").replace(")", "）")
        amount = next((parse_money(t) for t in toks if is_number(t)), None)
        self.out["form_funding"].append({"table_id": self.table_id, "source": source,
                                         "amount": amount, "line_no": line_no})

    def on_details(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        # the block's row label ('2026 年项目支出明细及依据') shares cells with data rows
        toks_i = [(i, c) for i, c in enumerate(cells)
                  if c and "支出明" not in nospace(c) and nospace(c) not in ("及依据", "细及依据")]
        if not toks_i:
            return
        num_at = next((k for k, (_, c) in enumerate(toks_i) if is_number(c)), None)
        if num_at is None or num_at == 0:
            self.continue_detail(toks_i)
            return
        text = toks_i[:num_at]
        amounts = [parse_money(c) for _, c in toks_i[num_at:] if is_number(c)]
        amounts += [None, None, None]
        self.detail = {
            "table_id": self.table_id, "seq": len(self.out["form_details"]) + 1,
            "content": squeeze(text[0][1]),
            "basis": squeeze(" ".join(c for _, c in text[1:])) or None,
            "amount": amounts[0], "transfer_amount": amounts[1], "other_amount": amounts[2],
            "line_no": line_no, "line_end": line_no}
        self.detail_idx = (text[0][0], text[1][0] if len(text) > 1 else text[0][0] + 1)
        self.out["form_details"].append(self.detail)

    def continue_detail(self, toks_i: list[tuple[int, str]]) -> None:
        """A row without an amount continues the row above: two cells extend 项目内容 and
        测算依据; a single cell extends whichever column it sits under (basis by default)."""
        d = self.detail
        if d is None:
            return  # header continuation ('及依据 │ 金额') before the first row
        if len(toks_i) >= 2:
            d["content"] = join_text(d["content"], squeeze(toks_i[0][1]))
            d["basis"] = join_text(d["basis"], squeeze(" ".join(c for _, c in toks_i[1:])))
        elif toks_i[0][0] <= self.detail_idx[0] and self.detail_idx[1] > self.detail_idx[0] + 1:
            d["content"] = join_text(d["content"], squeeze(toks_i[0][1]))
        else:
            d["basis"] = join_text(d["basis"], squeeze(toks_i[0][1]))
        d["line_end"] = max(d["line_end"], self.current_line)

    def on_assets(self, line_no: int, raw: str, cells: list[str], toks: list[str]) -> None:
        if nospace(toks[0]) == "品名" or is_number(toks[0]):
            return
        rest = toks[1:]
        qty = next((parse_money(t) for t in rest if is_number(t)), None)
        amount = next((t for t in rest[1:] if parse_money(t) is not None), None) \
            if qty is not None else next((t for t in rest if parse_money(t) is not None), None)
        self.out["form_assets"].append({"table_id": self.table_id, "name": squeeze(toks[0]),
                                        "quantity": qty, "amount": amount, "line_no": line_no})

    def finish(self, start: int, end: int) -> None:
        self.out["indicators"] = self.parser.indicators
        self.out["indicator_values"] = self.parser.values
        get = lambda f: self.fields.get(f, (None, 0))[0]  # noqa: E731
        self.out["project_forms"].append({
            "table_id": self.table_id, "project_name": get("项目名称") or "",
            "project_code": get("项目代码"), "dept": get("项目主管部门"),
            "exec_unit": get("项目执行单位"), "leader": get("项目负责人"), "phone": get("联系电话"),
            "category": get("项目类别"), "frequency": get("项目安排频度"),
            "total_budget": parse_money(get("项目总预算")),
            "current_budget": parse_money(get("项目当年预算")),
            "title_year": self.title_year, "line_start": start, "line_end": end})
        if "前两年预算变动" in self.fields:
            text, line_no = self.fields["前两年预算变动"]
            self.out["form_budget_history"] = [
                {"table_id": self.table_id, "year": y, "amount": a, "text": clause,
                 "line_no": line_no} for y, a, clause in budget_history(text)]


def budget_history(text: str) -> list[tuple[int, Decimal, str]]:
    """'1. 2024 年预算 198.67 万元 … 2. … 当年预算 37.63 万元，减少 161.04 万 …' →
    [(2024, 198.67, clause), (2025, 37.63, clause)]: per numbered item (or per sentence when
    an item names several years), the year and the first figure stated after it — a 万
    figure or the figure after 预算/安排. Later figures are changes (减少 161.04 万)."""
    out: list[tuple[int, Decimal, str]] = []
    seen: set[int] = set()
    items = [item.strip() for para in text.split("\n") for _, item in split_numbered(para)]
    for item in items:
        several = len({m.group(1) for m in _YEAR.finditer(item)}) > 1
        year: int | None = None
        for sentence in re.split(r"(?<=[。；;])", item) if several else [item]:
            year_m = _YEAR.search(sentence)
            year = int(year_m.group(1)) if year_m else year
            if year is None or year in seen:
                continue
            after = sentence[year_m.end():] if year_m else sentence
            found = [m for m in (_AMOUNT_UNIT.search(after), _AMOUNT_AFTER.search(after)) if m]
            amount = parse_money(min(found, key=lambda m: m.start()).group(1)) if found else None
            if amount is not None:
                seen.add(year)
                out.append((year, amount, sentence.strip() if several else item))
    return out
