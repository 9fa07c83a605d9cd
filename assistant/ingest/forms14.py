"""预算14表 部门整体绩效目标申报表 → perf_funds, perf_header, perf_tasks, perf_projects,
perf_goals, indicators, indicator_values.

The form is read top to bottom as a small state machine; each block is recognised by its
printed labels (当年金额, 部门职能概述, 年度工作任务, 项目支出情况, 整体绩效总目标, 长期目标 N:),
never by line numbers, so another department's form of the same layout reads the same way.
"""

from __future__ import annotations

import re

from assistant.ingest.formcells import (
    drop_overlap,
    is_number,
    is_separator,
    join_text,
    nospace,
    parse_money,
    parse_percent,
    split_cells,
    split_numbered,
    squeeze,
    strip_html,
    year_of,
)
from assistant.ingest.indicators import IndicatorParser

TABLE_ID = "预算14表"
HEADER_FIELDS = ("部门(单位)名称", "填报人", "联系电话", "填报日期")
SECTIONS = ("收入构成", "支出构成")
_DATE = re.compile(r"填报日期[:：]\s*(.+)$")
_HEADING = re.compile(r"^(长期|年度)目标\s*(\d{1,2})(?!\d)\s*[:：]?\s*(.*)$")
_SUMMARY_GOAL = re.compile(r"目标\s*(\d+)\s*[:：]")
# the heading of the 长期 column: '长期目标（截止 2035 年）' — how far the long-term goals reach
_HORIZON = re.compile(r"长期目标\s*[（(]\s*((?:截止|截至|至)\s*\d{4}\s*年)\s*[）)]")


def extract(lines: list[str], start: int, end: int, year: int) -> dict[str, list[dict]]:
    """Rows of the 预算14表 span lines[start-1 … end-1] (1-based inclusive), per table."""
    return _Form14(year).run(lines, start, end)


class _Form14:
    def __init__(self, year: int) -> None:
        self.year = year
        self.mode = "header"
        self.out: dict[str, list[dict]] = {k: [] for k in (
            "perf_funds", "perf_header", "perf_tasks", "perf_projects", "perf_goals",
            "indicators", "indicator_values")}
        self.fund_years: list[int] = []
        self.section: str | None = None
        self.overview: dict | None = None
        self.tasks: list[tuple[str, int]] = []
        self.summary: dict[tuple[str, int], tuple[str, int]] = {}
        self.parser = IndicatorParser(TABLE_ID, year, 1)

    def run(self, lines: list[str], start: int, end: int) -> dict[str, list[dict]]:
        for line_no in range(start, end + 1):
            self.line(line_no, lines[line_no - 1])
        self.finish()
        self.out["indicators"] = self.parser.indicators
        self.out["indicator_values"] = self.parser.values
        return self.out

    def line(self, line_no: int, raw: str) -> None:
        cells = split_cells(raw)
        toks = [c for c in cells if c]
        if not toks or is_separator(toks):
            return
        first = nospace(toks[0])
        if m := _DATE.search(strip_html(raw)):
            self.field("填报日期", re.sub(r"\s*([年月日])\s*", r"\1", m.group(1)).strip(), line_no)
            return
        if m := _HEADING.match(first):
            self.heading(m.group(1), int(m.group(2)), toks, line_no)
            return
        if self.mode == "indicators":
            self.parser.feed(line_no, cells)
            return
        if "当年金额" in {nospace(t) for t in toks}:
            self.mode = "funds"
            return
        for label, mode in (("部门职能概述", "overview"), ("年度工作任务", "tasks"),
                            ("项目支出情况", "projects"), ("整体绩效总目标", "summary")):
            if first == label:
                self.mode = mode
                toks = toks[1:]
                if mode == "projects":
                    return
                break
        getattr(self, f"on_{self.mode}")(line_no, cells, toks)

    def field(self, name: str, value: str, line_no: int) -> None:
        if value:
            self.out["perf_header"].append(
                {"table_id": TABLE_ID, "field": name, "value": value, "line_no": line_no})

    def on_header(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        for i, tok in enumerate(toks[:-1]):
            label = nospace(tok)
            if label in HEADER_FIELDS and nospace(toks[i + 1]) not in HEADER_FIELDS:
                self.field(label.replace("(", "（").replace(")", "）"), toks[i + 1], line_no)

    def on_funds(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        years = [year_of(t) for t in toks]
        if all(years):
            self.fund_years = [y for y in years if y]
            return
        idx = next((i for i, c in enumerate(cells) if c and not is_number(c)
                    and nospace(c) not in SECTIONS and "%" not in c), None)
        if idx is None:
            return
        for c in cells[:idx]:
            if nospace(c) in SECTIONS:
                self.section = nospace(c)
        after = cells[idx + 1:]
        pct = next((i for i, c in enumerate(after) if c.endswith("%")), None)
        offset = pct - 1 if pct is not None and pct >= 1 else max(len(after) - 4, 0)
        window = (after[offset:] + [""] * 4)[:4]
        current, share, *recent = window
        years = self.fund_years or [self.year - 2, self.year - 1]
        item = nospace(cells[idx])
        rows = [(self.year, current, parse_percent(share))]
        rows += [(y, v, None) for y, v in zip(years, recent, strict=False)]
        for y, value, pct_value in rows:
            self.out["perf_funds"].append({
                "table_id": TABLE_ID, "section": self.section or "", "item": item, "year": y,
                "amount": parse_money(value), "share": pct_value, "line_no": line_no})

    def on_overview(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        text = squeeze(" ".join(toks))
        if not text:
            return
        if self.overview is None:
            self.overview = {"table_id": TABLE_ID, "field": "部门职能概述", "value": text,
                             "line_no": line_no}
            self.out["perf_header"].append(self.overview)
        else:  # a page break reprints the last sentence of the previous page
            self.overview["value"] = join_text(self.overview["value"],
                                               drop_overlap(self.overview["value"], text))

    def on_tasks(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        self.tasks.append((squeeze(" ".join(toks)), line_no))

    def on_projects(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        numbers = [t for t in toks if is_number(t)]
        words = [t for t in toks if not is_number(t)]
        if not words:
            return
        self.out["perf_projects"].append({
            "table_id": TABLE_ID, "name": squeeze(words[0]),
            "category": squeeze(words[1]) if len(words) > 2 else None,
            "total_budget": parse_money(numbers[0]) if numbers else None,
            "year_budget": parse_money(numbers[1]) if len(numbers) > 1 else None,
            "direction": squeeze(words[-1]) if len(words) > 1 else None,
            "line_no": line_no})

    def on_summary(self, line_no: int, cells: list[str], toks: list[str]) -> None:
        """整体绩效总目标: first text column 长期, second 年度, each '目标 N: …' items."""
        for tok in toks:
            if m := _HORIZON.search(tok):
                self.field("长期目标期限", re.sub(r"\s+", "", m.group(1)), line_no)
        texts = [t for t in toks if _SUMMARY_GOAL.search(t)]
        for horizon, text in zip(("长期", "年度"), texts, strict=False):
            marks = list(_SUMMARY_GOAL.finditer(text))
            for i, m in enumerate(marks):
                stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
                goal = text[m.end():stop].strip()
                self.summary.setdefault((horizon, int(m.group(1))), (goal, line_no))

    def heading(self, horizon: str, goal_no: int, toks: list[str], line_no: int) -> None:
        """'长期目标 2: │ text' heads an indicator table and states the goal itself."""
        m = _HEADING.match(squeeze(toks[0]))
        text = m.group(3).strip() if m else ""
        text = text or (squeeze(toks[1]) if len(toks) > 1 else "")
        self.mode = "indicators"
        self.parser.set_goal(horizon, goal_no)
        if not text:
            text = self.summary.get((horizon, goal_no), ("", 0))[0]
        if text:
            self.out["perf_goals"].append({"table_id": TABLE_ID, "horizon": horizon,
                                           "goal_no": goal_no, "text": text,
                                           "line_no": line_no})

    def finish(self) -> None:
        text = ""
        starts: list[tuple[int, int]] = []  # (char offset, line) to date each item
        for piece, line_no in self.tasks:
            starts.append((len(text) + (1 if text else 0), line_no))
            text = f"{text} {piece}" if text else piece
        seen = 0
        for seq, (_, item) in enumerate(split_numbered(text), start=1):
            pos = text.find(item, seen)
            seen = max(pos, seen)
            line_no = max((ln for off, ln in starts if off <= pos), default=starts[0][1])
            self.out["perf_tasks"].append({"table_id": TABLE_ID, "seq": seq,
                                           "text": item.rstrip("；;。 "), "line_no": line_no})
        have = {(g["horizon"], g["goal_no"]) for g in self.out["perf_goals"]}
        for (horizon, goal_no), (goal, line_no) in sorted(self.summary.items()):
            if (horizon, goal_no) not in have and goal:
                self.out["perf_goals"].append({"table_id": TABLE_ID, "horizon": horizon,
                                               "goal_no": goal_no, "text": goal,
                                               "line_no": line_no})
