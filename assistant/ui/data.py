"""Read-only look-ups for the pages (浏览, 数据核查, 查看原文, footer).

Mostly the service's own (`Assistant.document/source_lines/audit/browse`); what the 浏览 page
needs beyond them runs as named templates (`assistant/ui/templates/ui.toml`) through the
pipeline's guard and `QueryRunner` on the service's read-only connection. No SQL is written
here and nothing is computed: rows are only reshaped for layout (the long-form cells of a table
pivoted back into its printed columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.pipeline.execute import QueryRunner
from assistant.pipeline.templates import Template, load_templates

UI_TEMPLATES = Path(__file__).resolve().parent / "templates"
HEADER_SCAN_LINES = 120  # how far above a cited row 「查看原文」 looks for the column headings
_FIGURE = re.compile(r"[-+]?[\d,]+(?:\.\d+)?%?")
_TAGS = re.compile(r"<[^>]*>")

# Column headings of the shaped tables (schema column -> what the page prints).
_HEADINGS = {
    "side": "收/支", "code": "编码", "name": "名称", "line_no": "行号", "extra": "项目单位",
    "level": "层级", "unit_name": "单位", "project": "项目", "item_code": "品目编码", "item_name": "品目",
    "func_name": "功能科目", "econ_name": "经济科目", "fund_source": "资金来源", "quantity": "数量",
    "unit_price": "单价", "measure_unit": "计量单位", "amount": "金额", "sme_amount": "面向中小企业",
    "micro_amount": "面向小微企业", "section": "部分", "item": "项目", "year": "年度", "share": "占比(%)",
    "category": "类别", "total_budget": "项目总预算", "year_budget": "本年度预算",
    "direction": "主要支出方向",
    "field": "字段", "value": "内容", "seq": "序号", "content": "项目内容", "basis": "测算依据",
    "transfer_amount": "转移支付金额", "other_amount": "其他金额", "horizon": "期限", "goal_no": "目标",
    "level1": "一级指标", "level2": "二级指标", "year_label": "年度", "raw": "指标值", "weight": "权重",
}


@dataclass(frozen=True)
class Section:
    caption: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class BrowseTable:
    table_id: str
    title: str
    note: str | None
    present: bool
    line_start: int | None
    line_end: int | None
    sections: list[Section]


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _frame(rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame([{k: _plain(v) for k, v in r.items() if k not in drop} for r in rows])
    return frame.rename(columns=_HEADINGS)


class PageData:
    """Page data of the Assistant's document: the service's own look-ups (document, source lines,
    tables, audit, 预算12表) plus the UI templates, run on the service's read-only connection."""

    def __init__(self, bot: Any, templates: dict[str, Template] | None = None) -> None:
        self.bot = bot
        self.templates = templates if templates is not None else load_templates(UI_TEMPLATES)

    def _run(self, template: str, **params: Any) -> list[dict[str, Any]]:
        bot = self.bot
        return QueryRunner(bot.con, self.templates, bot.doc_id, bot.year, bot.titles).run(template, **params)

    def document(self) -> dict[str, Any]:
        """department, year, file_name, phone (None when the document prints none)."""
        doc = self.bot.document()
        return {k: doc.get(k) for k in ("department", "year", "file_name", "phone")}

    def welcome_names(self) -> dict[str, str]:
        """The largest project, 功能类, 经济款 and form project: fills {project} … in suggestions."""
        names: dict[str, str] = {}
        for row in self._run("ui_welcome_names"):
            names.setdefault(str(row["kind"]), str(row["name"]))
        return names

    def source_lines(self, start: int, end: int) -> list[tuple[int, str]]:
        rows = self.bot.source_lines(max(1, int(start)), int(end))
        return [(int(r["line_no"]), str(r["text"])) for r in rows]

    def tables(self) -> list[dict[str, Any]]:
        return list(self.bot.tables)

    def form_names(self) -> dict[str, str]:
        """预算15表-N -> the project the form is about (for the table list)."""
        return {str(r["table_id"]): str(r["project_name"]) for r in self._run("ui_form_names")}

    def header_lines(self, table_id: str, before: int) -> list[tuple[int, str]]:
        """The column-heading lines of `table_id` above line `before`: the nearest block of lines
        in the table's span with tab-separated cells and no figure among them (multi-row heads)."""
        meta = next((t for t in self.tables() if t["table_id"] == table_id), None)
        if meta is None or not meta.get("line_start"):
            return []
        start = max(int(meta["line_start"]), before - HEADER_SCAN_LINES)
        block: list[tuple[int, str]] = []
        for no, text in reversed(self.source_lines(start, before - 1)):
            cells = [_TAGS.sub("", c).strip() for c in text.split("\t")]
            cells = [c for c in cells if c]
            heading = "\t" in text and len(cells) >= 2 and not any(_FIGURE.fullmatch(c) for c in cells)
            if heading:
                block.insert(0, (no, text))
            elif block:
                break
        return block[-3:]

    def audit(self) -> list[dict[str, Any]]:
        return [{k: _plain(v) for k, v in r.items()} for r in self.bot.audit()]

    def browse(self, table_id: str) -> BrowseTable:
        meta = next((t for t in self.tables() if t["table_id"] == table_id), None)
        if meta is None:
            return BrowseTable(table_id, "", None, False, None, None, [])
        sections = self._sections(table_id) if meta["present"] else []
        return BrowseTable(
            table_id=table_id, title=str(meta["title"]), note=meta.get("note"), present=bool(meta["present"]),
            line_start=meta.get("line_start"), line_end=meta.get("line_end"),
            sections=[s for s in sections if not s.frame.empty],
        )

    def _sections(self, table_id: str) -> list[Section]:
        if table_id == "预算12表":
            return [Section("", _frame(self.bot.browse(table_id), drop=("row_seq",)))]
        if table_id == "预算14表":
            return [
                Section("部门总体资金情况", _frame(self._run("ui_perf_funds", table_id=table_id))),
                Section("项目支出情况", _frame(self._run("ui_perf_projects", table_id=table_id))),
                Section("绩效指标", _frame(self._run("ui_indicators", table_id=table_id))),
            ]
        if table_id.startswith("预算15表-"):
            return [
                Section("项目信息", _frame(self._run("ui_form_fields", table_id=table_id))),
                Section("项目支出明细", _frame(self._run("ui_form_details", table_id=table_id))),
                Section("绩效指标", _frame(self._run("ui_indicators", table_id=table_id))),
            ]
        return [Section("", self._line_items(table_id))]

    def _line_items(self, table_id: str) -> pd.DataFrame:
        """The long-form cells of a numeric table pivoted back to one row per printed row."""
        cells = self._run("ui_line_items", table_id=table_id)
        if not cells:
            return pd.DataFrame()
        unit = cells[0].get("unit") or ""
        measures = list(dict.fromkeys(c["measure"] for c in cells))
        rows: dict[int, dict[str, Any]] = {}
        for c in cells:
            row = rows.setdefault(int(c["row_seq"]), {
                "side": c["side"], "code": c["code"] or "", "name": c["name"], "extra": c["extra"],
                "line_no": c["line_no"],
            })
            row[c["measure"]] = _plain(c["amount"])
        frame = pd.DataFrame(list(rows.values()))
        for m in measures:
            frame[m] = pd.to_numeric(frame[m], errors="coerce")
        for empty in ("side", "extra"):
            if frame[empty].isna().all():
                frame = frame.drop(columns=empty)
        order = [c for c in ("side", "code", "name", "extra") if c in frame] + measures + ["line_no"]
        frame = frame[order].rename(columns={m: f"{m}({unit})" if unit else m for m in measures})
        return frame.rename(columns=_HEADINGS)
