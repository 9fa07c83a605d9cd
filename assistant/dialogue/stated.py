"""What an earlier answer stated, read back as typed values for a follow-up that computes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.fmt import MONEY_UNITS as MONEY
from assistant.models import Citation
from assistant.pipeline.units import convert
from assistant.query.model import BACK_COMPUTED, Value

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn

CONVERTED_MAX = 8  # figures an answer may state and still be said again in another unit, each
SAME_SUM = 0.5  # 元: two figures in different units that are one sum printed twice


def value(r: dict[str, Any]) -> Value:
    return Value(label=str(r["label"]), amount=float(r["amount"]), unit=str(r["unit"]),
                 year=r.get("year"), citations=tuple(Citation(**c) for c in r.get("citations", [])))


def single(turn: Turn) -> Value | None:
    """The one figure an answer stated (a line's figure with one fund's part of it counts as one)."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if len(money) == 2 == len(turn.results) and _same_sum(money[0], money[1]):
        return value(money[0])  # 1.35 万元, which a table in 元 prints as 13,500: one figure said twice
    first, part = [*money, None, None][:2]
    if len(money) == 2 and len(turn.results) == 2 and str(part["label"]).startswith(str(first["label"])) \
            and float(part["amount"]) <= float(first["amount"]):
        return value(money[0])  # every fund, then 其中 one fund's part: the line's figure is the first
    if len(money) == 1 and len(turn.results) == 1:
        return value(money[0])
    back = [r for r in money if str(r["label"]).endswith(BACK_COMPUTED)]
    # 2024年呢 answered by working back from the document year's figure and its printed change: the
    # figure asked is the one worked back, the others are what it was worked from
    return value(back[0]) if len(back) == 1 and len(money) == len(turn.results) else None


def result(turn: Turn) -> Value | None:
    """The one money figure a composed answer gave as its result (涨了多少 → 7.02 万元, beside its
    rate and the two figures it was worked from), or None."""
    lead = [r for r in turn.results if r.get("lead") is True]
    if len(lead) == len(turn.results):
        return None  # no parts beside it: not a composed answer
    money = [r for r in lead if r["unit"] in MONEY]
    return value(money[0]) if len(money) == 1 else None


def all_money(turn: Turn) -> tuple[Value, ...]:
    """Every figure an answer stated, when all are money (a share or a count is no unit's)."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if not 2 <= len(money) <= CONVERTED_MAX or len(money) != len(turn.results):
        return ()
    return tuple(value(r) for r in money)


def _same_sum(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """91,016,775.35 元 and 9,101.68 万元: one sum, the second rounded to the cent of its own unit."""
    if a["unit"] == b["unit"]:
        return False
    # half of the last printed digit (0.01) of the coarser unit, in 元
    rounding = max(SAME_SUM, max(convert(0.005, u, "元") for u in (a["unit"], b["unit"])))
    return abs(convert(float(a["amount"]), a["unit"], "元") - convert(float(b["amount"]), b["unit"], "元")) \
        <= rounding


# a figure an answer stated as the change of a line (财政拨款收入减少额), not the line's own amount:
# the word of its direction, then 额/数 or nothing
CHANGE_LABEL = re.compile(r"(增加|增长|上升|减少|下降|增减|变动|变化)(?:额|数|金额)?(?:（\d{4}年）)?$")
FALLS = ("减少", "下降")


def is_change(v: Value) -> bool:
    return bool(CHANGE_LABEL.search(v.label))


def worked_back(a: Value, b: Value) -> tuple[Value, Value] | None:
    """财政拨款收入 → 比去年少了多少 (财政拨款收入减少额) → 下降了百分之几: the line's figure and
    the year before it, worked back from the change just stated — never the line against its change."""
    change, line = (a, b) if is_change(a) and not is_change(b) else (b, a) if is_change(b) else (None, None)
    if change is None or line is None or line.unit not in MONEY or change.unit not in MONEY:
        return None
    m = CHANGE_LABEL.search(change.label)
    if m is None or not change.label[: m.start()].startswith(line.label):
        return None  # the change of another line
    delta = convert(change.amount, change.unit, line.unit)
    if m.group(1) in FALLS:
        delta = -abs(delta)  # 增减 / 变动 / 变化 keep the sign printed; 增加 / 增长 / 上升 are rises
    prior = round(line.amount - delta, 2)
    if prior <= 0 or line.year is None:
        return None
    earlier = Value(label=f"{line.year - 1}年{line.label}{BACK_COMPUTED}", amount=prior, unit=line.unit,
                    year=line.year - 1, citations=(*line.citations, *change.citations), derived=True)
    return line, earlier


def said_at(one: str, other: str, text: str) -> tuple[int, int]:
    """Where the question names each of two labels: whole, or by what sets it apart from the other
    (一般公共服务支出项目支出 / …基本支出 named 项目支出 and 基本支出); -1 where it is not named."""
    shared = (i for i, (x, y) in enumerate(zip(one, other, strict=False)) if x != y)
    head = next(shared, min(len(one), len(other)))
    return tuple(_said(label[head:], text) if label not in text else text.find(label)  # type: ignore[return-value]
                 for label in (one, other))


def _said(rest: str, text: str) -> int:
    """Where the longest start of `rest` (two characters or more) is said (行政单位 of 行政单位医疗)."""
    for end in range(len(rest), 1, -1):
        if (at := text.find(rest[:end])) >= 0:
            return at
    return -1


CODE = re.compile(r"^(\d{3,})\s")


def whole_listed(turn: Turn) -> str | None:
    """The whole a list ranked the lines of: the one line it was asked within (商品和服务支出里哪项
    最多), else the one name it was asked of (项目支出哪个最多); None when it names no one whole."""
    coded = {m.name for m in turn.entities if m.kind in ("function", "economic")}
    names = coded or {m.name for m in turn.entities}
    return names.pop() if len(names) == 1 else None


def beside(a: Value, b: Value) -> bool:
    """Two rows of one table neither of which holds the other (30205 水费, 30206 电费): siblings."""
    rows_a = {(c.table, c.row or "") for c in a.citations}
    rows_b = {(c.table, c.row or "") for c in b.citations}
    for (ta, ra), (tb, rb) in ((x, y) for x in rows_a for y in rows_b):
        if ta != tb:
            continue
        ca, cb = CODE.match(ra), CODE.match(rb)
        if ca and cb:  # a narrative's items are parts of its section: only coded lines are judged
            return not ca.group(1).startswith(cb.group(1))
    return False


PARTS_MIN = 3  # two figures side by side are a pair (A和B分别多少), read as such by the follow-up
WHOLE_LABEL = re.compile(r"合计|总计|小计|共计|总额|全年")


def parts_listed(turn: Turn) -> tuple[Value, ...] | None:
    """The parts of one thing a single answer listed (X 第一季度用款计划 … 第四季度用款计划), for
    加起来呢: three or more money figures in one unit, labelled alike after the thing they are of,
    none of them a total, a change or a figure worked back — never a whole beside its parts."""
    money = [r for r in turn.results if r["unit"] in MONEY]
    if len(money) < PARTS_MIN or len(money) != len(turn.results) or len({r["unit"] for r in money}) != 1:
        return None
    said = [value(r) for r in money]
    labels = [v.label for v in said]
    head = labels[0]
    for label in labels[1:]:
        while head and not label.startswith(head):
            head = head[:-1]
    rest = [label[len(head):] for label in labels]
    if len(head) < 2 or not all(rest) or len(set(rest)) != len(rest):
        return None
    if any(WHOLE_LABEL.search(r) or is_change(v) or v.label.endswith(BACK_COMPUTED)
           for r, v in zip(rest, said, strict=True)):
        return None
    return tuple(said)
