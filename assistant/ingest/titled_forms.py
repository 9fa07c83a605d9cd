"""Per-project performance forms of a titled layout (`[forms]` in its layout file, e.g. the
财政项目支出绩效目标填报表 of shanghai-9) → the seed's 预算15表 rows: project_forms, form_fields,
form_funding, perf_goals, indicators, indicator_values, one form per project (预算15表-1 …).

Every cell is read by its printed label (项目名称, 项目资金总额, 项目总目标, 一级指标 …), declared
in the layout file; amounts stay in the unit the form prints (its 项目资金（元） label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.catalog import TableSpan
from assistant.ingest.formcells import (
    is_number,
    join_text,
    normalise_value,
    nospace,
    parse_indicator_value,
    parse_money,
    split_cells,
    squeeze,
)
from assistant.ingest.indicators import IndicatorParser
from assistant.ingest.layouts import FormsSpec
from assistant.ingest.reader import compact, plain

FORM_SEQ = 15  # the seed's number of the per-project forms
_BRACKET = re.compile(r"[（(][^（()）]*[）)]")
_YEAR = re.compile(r"(\d{4})\s*年")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)])"
)
_SENTENCE = re.compile(r"[，,。；;：:]")
TITLE_MAX = 40  # a title line is short: 上海市普陀区…2023年财政项目支出绩效目标填报表


def _is_title(spec: FormsSpec, line: str) -> bool:
    """A short line of its own ending with the title (a department or year may precede it); a
    目录 entry (numbered, dotted) or a sentence naming the form is not one."""
    text = compact(plain(line))
    return (
        "\t" not in line
        and "…" not in line
        and len(text) <= TITLE_MAX
        and text.endswith(spec.title)
        and not _NUMBERED.match(text)
        and not _SENTENCE.search(text)
    )


def find_forms(spec: FormsSpec, lines: list[str], after: int) -> list[int]:
    """Title lines of the forms printed after line `after`."""
    return [no for no in range(after + 1, len(lines) + 1) if _is_title(spec, lines[no - 1])]


@dataclass
class _Form:
    spec: FormsSpec
    table_id: str
    year: int
    parser: IndicatorParser
    mode: str = "fields"
    title_year: int | None = None
    unit: str | None = None

    def __post_init__(self) -> None:
        self.fields: dict[str, tuple[str, int]] = {}
        self.funding: list[dict] = []
        self.goals: dict[str, dict] = {}  # horizon -> perf_goals row
        self.columns: list[tuple[int, str]] = []  # (cell index, money column head)
        self.goal_at: list[tuple[int, str]] = []  # (cell index, horizon)
        self.has_basis = False  # the indicator grid prints a 指标值确定依据 column

    def margin(self, cell: str) -> bool:
        return _BRACKET.sub("", nospace(cell)) in self.spec.margins

    def line(self, no: int, raw: str) -> None:
        if self.title_year is None and (m := _YEAR.search(raw)) and "\t" not in raw:
            self.title_year = int(m.group(1))  # the （2023年度） line under the title
            return
        cells = split_cells(raw)
        if self.unit is None and self.spec.unit is not None and (m := self.spec.unit.search(raw)):
            self.unit = m.group("unit")
        cells = ["" if self.margin(c) else c for c in cells]
        words = [nospace(c) for c in cells]
        if all(w in words for w in self.spec.indicator_header):
            self.mode = "indicators"
            self.has_basis = any("依据" in w for w in words)
            self.parser.feed(no, cells)
            return
        if self.mode == "indicators":
            self.parser.feed(no, cells)
            return
        heads = [(i, self.spec.goals[w]) for i, w in enumerate(words) if w in self.spec.goals]
        if heads:
            self.mode, self.goal_at = "goals", heads
            return
        if self.mode == "goals":
            self.goal_text(no, cells)
            return
        self.pairs(no, cells)

    def pairs(self, no: int, cells: list[str]) -> None:
        """Label cells and the value cell after each: a field, or a money line of the funding."""
        words = [nospace(c) for c in cells]
        for i, w in enumerate(words):
            if w in self.spec.money_columns:
                self.columns = [c for c in self.columns if c[1] != w] + [(i, w)]
        i = 0
        while i < len(cells):
            label = words[i]
            if not label or is_number(label):
                i += 1
                continue
            j = next((k for k in range(i + 1, len(cells)) if words[k]), None)
            value = cells[j] if j is not None else ""
            if label in self.spec.fields and j is not None and words[j] not in self.spec.fields:
                self.fields.setdefault(self.spec.fields[label], (squeeze(value), no))
                i = j + 1
                continue
            if j is not None and is_number(words[j]) and label not in self.spec.money_columns:
                self.funding.append({"label": label, "column": self.column_of(i),
                                     "amount": parse_money(value), "line_no": no})
                i = j + 1
                continue
            i += 1

    def column_of(self, index: int) -> str | None:
        left = [head for at, head in sorted(self.columns) if at <= index]
        return left[-1] if left else None

    def goal_text(self, no: int, cells: list[str]) -> None:
        """Texts under the goal header: each cell belongs to the nearest head at or left of it;
        a goal wrapped over several lines is joined."""
        for i, cell in enumerate(cells):
            if not cell:
                continue
            left = [h for at, h in self.goal_at if at <= i] or [self.goal_at[0][1]]
            horizon = left[-1]
            row = self.goals.get(horizon)
            if row is None:
                self.goals[horizon] = {"table_id": self.table_id, "horizon": horizon, "goal_no": 1,
                                       "text": squeeze(cell), "line_no": no}
            else:
                row["text"] = join_text(row["text"], squeeze(cell))

    def rows(self, span: TableSpan) -> dict[str, list[dict]]:
        labels = [f["label"] for f in self.funding]
        funding = [
            {"table_id": self.table_id,
             "source": f["label"] if labels.count(f["label"]) == 1 or not f["column"]
             else f"{f['label']}（{f['column']}）",
             "amount": f["amount"], "line_no": f["line_no"]}
            for f in self.funding
        ]
        get = lambda f: self.fields.get(f, (None, 0))[0]  # noqa: E731
        return {
            "project_forms": [{
                "table_id": self.table_id, "project_name": get("项目名称") or "",
                "dept": get("项目主管部门"), "exec_unit": get("项目执行单位"), "category": get("项目类别"),
                "total_budget": parse_money(get("项目总预算")),
                "current_budget": parse_money(get("项目当年预算")),
                "title_year": self.title_year, "line_start": span.line_start, "line_end": span.line_end,
            }],
            "form_fields": [{"table_id": self.table_id, "field": k, "value": v, "line_no": no}
                            for k, (v, no) in self.fields.items() if v],
            "form_funding": funding,
            "perf_goals": list(self.goals.values()),
            "indicators": self.parser.indicators,
            "indicator_values": self.parser.values,
        }


def form_spans(spec: FormsSpec, lines: list[str], starts: list[int], ends: list[int]) -> list[TableSpan]:
    """One span per form: from its title to the line before the next start (form, table or part)."""
    out = []
    for k, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        out.append(TableSpan(f"{spec.role}-{k}", FORM_SEQ, plain(lines[start - 1]).strip(), True,
                             line_start=start, line_end=end, title_line=start))
    return out


def extract(spec: FormsSpec, lines: list[str], forms: list[TableSpan], year: int) -> dict[str, list[dict]]:
    """Rows of every form, per table; each span's unit and has_rows are set."""
    out: dict[str, list[dict]] = {}
    next_id = 1
    for span in forms:
        assert span.line_start is not None and span.line_end is not None
        parser = IndicatorParser(span.table_id, year, next_id)
        parser.set_goal("年度", 1)  # the grid's one value column is the year's (年度(/项目)指标值)
        form = _Form(spec, span.table_id, year, parser)
        for no in range(span.line_start + 1, span.line_end + 1):
            form.line(no, lines[no - 1])
        if not form.has_basis:
            _values_from_basis(parser)
        rows = form.rows(span)
        span.unit = form.unit
        span.has_rows = bool(rows["project_forms"][0]["project_name"])
        next_id += len(rows["indicators"])
        for table, table_rows in rows.items():
            out.setdefault(table, []).extend(table_rows)
    return out


def _values_from_basis(parser: IndicatorParser) -> None:
    """A grid without a 指标值确定依据 column: the text the indicator parser took for a basis
    (a long value such as '开展至少1次团体心理治疗') is the indicator's value."""
    valued = {v["indicator_id"] for v in parser.values}
    for ind in parser.indicators:
        raw, ind["basis"] = ind["basis"], None
        if not raw or ind["indicator_id"] in valued:
            continue
        op, num, unit = parse_indicator_value(raw)
        parser.values.append({
            "indicator_id": ind["indicator_id"], "year_label": "当年", "year": parser.year,
            "raw": normalise_value(raw), "op": op, "num": num, "num_unit": unit, "line_no": ind["line_no"],
        })
