"""The indicator tables (一级/二级/三级指标), the same grid in 预算14表 and every 预算15表 form.

Rows shift left or right and cells wrap onto the next line, so rows are read by what the
cells say (level words, values, basis words) and only fall back on positions for blanks.
"""

from __future__ import annotations

import re

from assistant.ingest.formcells import (
    has_number,
    is_number,
    is_separator,
    join_text,
    normalise_value,
    nospace,
    parse_indicator_value,
    parse_money,
    squeeze,
)

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_KNOWN = (
    "数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
)
BASIS_WORDS = ("计划数据", "计划标准", "统计指标", "行业标准", "历史标准", "历史数据", "其他")
HEADER_WORDS = {
    "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "前年", "上年", "当年",
    "预计当年实现", "预计当年", "实现", "指标分值权重", "指标权重比例(%)", "目标名称",
}
YEAR_LABELS = ("前年", "上年", "当年")
_GOAL_LABEL = re.compile(r"^(长期|年度)(?:绩效)?(?:目标|指标)(表)?(\d*)[:]?$")


def level1_of(level2: str) -> str | None:
    """The 一级指标 a 二级指标 belongs to in the national indicator framework."""
    for key, l1 in (("成本", "成本指标"), ("满意", "满意度指标"), ("效益", "效益指标"),
                    ("影响", "效益指标"), ("数量", "产出指标"), ("质量", "产出指标"),
                    ("时效", "产出指标")):
        if key in level2:
            return l1
    return None


def is_level2(word: str) -> bool:
    w = nospace(word)
    return (w.endswith("指标") and len(w) <= 12 and w not in LEVEL1
            and w not in BASIS_WORDS and w not in HEADER_WORDS)


def is_basis(text: str) -> bool:
    """指标值确定依据 cells: a short vocabulary word, or prose too long to be a value."""
    w = nospace(text)
    return w in BASIS_WORDS or w.endswith(("数据", "标准", "依据")) or len(w) > 15


def goal_label(text: str) -> tuple[str, int | None, bool] | None:
    """'年度绩效目标 1' → ('年度', 1, False); '长期绩效目标表' → ('长期', None, True)."""
    m = _GOAL_LABEL.match(nospace(text))
    if not m:
        return None
    return m.group(1), (int(m.group(3)) if m.group(3) else None), bool(m.group(2))


class IndicatorParser:
    """Feed the rows of one form's indicator tables; collects `indicators` and `values`."""

    def __init__(self, table_id: str, year: int, first_id: int) -> None:
        self.table_id, self.year, self.next_id = table_id, year, first_id
        self.horizon, self.goal_no = "长期", 1
        self.level1: str | None = None
        self.level2: str | None = None
        self.weighted = False
        self.indicators: list[dict] = []
        self.values: list[dict] = []
        self._last: dict | None = None
        self._last_name_idx = 0

    def set_goal(self, horizon: str, goal_no: int | None) -> None:
        if horizon != self.horizon or goal_no is not None:
            self.level1 = self.level2 = None
            self._last = None
        self.horizon = horizon
        if goal_no is not None:
            self.goal_no = goal_no

    def feed(self, line_no: int, cells: list[str]) -> None:
        toks = [(i, c) for i, c in enumerate(cells) if c]
        if not toks or is_separator([c for _, c in toks]):
            return
        words = {nospace(c) for _, c in toks}
        if words & {"一级指标", "三级指标"} or words <= HEADER_WORDS:
            self._header(words)
            return
        label = goal_label(toks[0][1])
        if label:
            horizon, goal_no, is_title = label
            self.set_goal(horizon, goal_no if goal_no is not None else (1 if is_title else None))
            self.weighted = self.weighted and horizon == "年度"
            toks = toks[1:]
        self._row(line_no, cells, toks, had_label=bool(label))

    def _header(self, words: set[str]) -> None:
        if "指标分值权重" in words or "指标权重比例(%)" in words:
            self.weighted = True
        if words & {"前年", "上年"} or "指标权重比例(%)" in words:
            self.horizon = "年度"
        self._last = None

    def _row(self, line_no: int, cells: list[str], toks: list[tuple[int, str]],
             had_label: bool) -> None:
        levels_seen = False
        while toks and (is_number(toks[0][1]) or nospace(toks[0][1]) in LEVEL1
                        or is_level2(toks[0][1])):
            word = nospace(toks[0][1])
            if word in LEVEL1:
                self._set_level1(word)
                levels_seen = True
            elif not is_number(word):
                self._set_level2(word, given_l1=levels_seen)
                levels_seen = True
            # a bare number before the name is the 指标权重比例 column: not an indicator field
            toks = toks[1:]
        if not toks:
            return
        if len(toks) == 1 and not levels_seen and not had_label and self._last is not None:
            self._continue(*toks[0])
            return
        if has_number(toks[0][1]) and self.level2:
            # no 三级指标 cell (merged into the 二级 cell): the 二级 label names the row
            name_idx = toks[0][0] - 1
            self._emit(line_no, cells, name_idx, self.level2.removesuffix("指标"), toks)
            return
        name_idx, name = toks[0]
        self._emit(line_no, cells, name_idx, self._split_level(name), toks[1:])

    def _set_level1(self, word: str) -> None:
        if self.level2 and level1_of(self.level2) not in (None, word):
            self.level2 = None
        self.level1 = word

    def _set_level2(self, word: str, given_l1: bool) -> None:
        self.level2 = word
        inferred = level1_of(word)
        if inferred and not given_l1:
            self.level1 = inferred

    def _split_level(self, name: str) -> str:
        """'服务对象满意度 基层站所满意度': a 二级指标 printed without 指标 inside the name cell."""
        head, _, rest = name.strip().partition(" ")
        if rest and head + "指标" in LEVEL2_KNOWN:
            self._set_level2(head + "指标", given_l1=False)
            name = rest
        return squeeze(name)

    def _continue(self, idx: int, text: str) -> None:
        """A wrapped cell on its own line: the name's tail, or the basis's when further right."""
        last = self._last
        assert last is not None
        if idx <= self._last_name_idx + 1 and not has_number(text):
            last["name"] = join_text(last["name"], squeeze(text).replace(" ", ""))
        else:
            last["basis"] = join_text(last["basis"], squeeze(text))

    def _emit(self, line_no: int, cells: list[str], name_idx: int, name: str,
              rest: list[tuple[int, str]]) -> None:
        n = 3 if self.horizon == "年度" else 1
        basis = weight = None
        end_idx = len(cells)
        if rest and is_basis(rest[-1][1]) and not has_number(rest[-1][1]):
            end_idx, basis = rest[-1][0], squeeze(rest[-1][1])
            rest = rest[:-1]
        if self.weighted and rest and is_number(rest[-1][1]):
            end_idx, weight = rest[-1][0], parse_money(rest[-1][1])
            rest = rest[:-1]
        if len(rest) > n:  # surplus cells are prose the basis column spilled into
            basis = join_text(" ".join(squeeze(c) for _, c in rest[n:]), basis or "") or None
            rest = rest[:n]
        slots = self._slots(rest, n, name_idx, end_idx)
        ind_id = self.next_id
        self.next_id += 1
        self._last = {
            "indicator_id": ind_id, "table_id": self.table_id, "horizon": self.horizon,
            "goal_no": self.goal_no, "level1": self.level1, "level2": self.level2,
            "name": name, "weight": weight, "basis": basis, "line_no": line_no,
        }
        self._last_name_idx = name_idx
        self.indicators.append(self._last)
        labels = YEAR_LABELS if n == 3 else ("当年",)
        offsets = {"前年": 2, "上年": 1, "当年": 0}
        for label, raw in zip(labels, slots, strict=True):
            if raw is None:
                continue
            op, num, unit = parse_indicator_value(raw)
            self.values.append({
                "indicator_id": ind_id, "year_label": label, "year": self.year - offsets[label],
                "raw": normalise_value(raw), "op": op, "num": num, "num_unit": unit,
                "line_no": line_no,
            })

    @staticmethod
    def _slots(rest: list[tuple[int, str]], n: int, name_idx: int,
               end_idx: int) -> list[str | None]:
        """Place the printed values into the n year columns; blanks stay None."""
        if len(rest) == n:
            return [c for _, c in rest]
        width = end_idx - name_idx - 1
        if width == n:  # the row keeps its grid: positions tell which years are blank
            out: list[str | None] = [None] * n
            for i, c in rest:
                out[i - name_idx - 1] = c
            return out
        # otherwise align right: a missing year is usually an early one (new projects)
        return [None] * (n - len(rest)) + [c for _, c in rest]
