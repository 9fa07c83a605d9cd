"""The document's own list of tables (第二部分 表 1 … 表 N) and where each one is printed.

Tables are found by their TITLE, fuzzily: PDF renderings drop or add words ("江汉区", "（单位）"),
mix full/half-width brackets and misprint years. A table the list names but the text never
prints is kept with present=False. Several printed headings matching the same listed title are
the 预算15表-style per-project forms and are numbered -1, -2, … in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assistant.errors import IngestError
from assistant.ingest.reader import cells, compact, nonempty, plain, strip_html

PART_NAMES = ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分")
TITLE_MATCH_MIN = 85.0  # below this a heading is not taken as a listed table title
LABEL_LOOKBACK = 4  # lines above a title searched for its 预算NN表 label

_PART = re.compile(r"^(第[一二三四五六七八九十]+部分)")
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_SIMPLE_NUMERAL = re.compile(r"^(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$")
_LIST_ITEM = re.compile(r"^表\s*(\d+|[一二三四五六七八九十]+)\s*[、.．:：]?\s*(.+)$")
_TOC_ITEM = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_LABEL = re.compile(r"预算\s*(\d{1,2})\s*表(?:\s*[-—－–]\s*(\d+))?")
_YEAR = re.compile(r"\d{4}\s*年度?")
_NOISE = re.compile(r"[()（）\[\]【】“”\"'‘’《》:：·,，.。\s]")
_UNIT = re.compile(r"(?:^|[\s\t])单位\s*[:：]\s*([千万亿]?元)")
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]*[）)]$")  # 支出表（分功能科目）
_NOTE = re.compile(r"^(?:注|备注)\s*[:：]")


@dataclass
class TableSpan:
    table_id: str  # 预算01表 … / 预算15表-N
    seq: int
    title: str  # as printed (heading), or as listed when not printed
    present: bool
    labelled: bool = False
    unit: str | None = None
    note: str | None = None
    line_start: int | None = None  # 1-based, inclusive
    line_end: int | None = None
    title_line: int | None = None
    has_rows: bool = False


@dataclass
class Catalog:
    listed: dict[int, tuple[str, int]]  # seq -> (title as listed, line)
    tables: dict[str, TableSpan]  # 预算01表 … in list order
    forms: list[TableSpan] = field(default_factory=list)
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # body part -> (start, end)
    toc_parts: list[str] = field(default_factory=list)  # part names the 目录 lists, in order

    def by_seq(self, seq: int) -> TableSpan | None:
        return next((t for t in self.tables.values() if t.seq == seq), None)


def table_id(seq: int) -> str:
    return f"预算{seq:02d}表"


def title_key(text: str) -> str:
    """What is compared between a listed title and a printed heading."""
    return _NOISE.sub("", _YEAR.sub("", compact(plain(text))))


def title_score(a: str, b: str) -> float:
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 0.0
    score = fuzz.ratio(ka, kb)
    short, long_ = sorted((ka, kb), key=len)
    # A heading that only adds a district/department prefix still names the same table.
    if short in long_ and len(short) >= 0.6 * len(long_):
        score = max(score, 95.0)
    return score


def find_parts(lines: list[str]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Body spans of 第一…第五部分, and the part names the 目录 (table of contents) lists."""
    heads: list[tuple[str, int]] = []
    for no, line in enumerate(lines, 1):
        if "\t" in line:
            continue
        m = _PART.match(compact(plain(line)))
        if m:
            heads.append((m.group(1), no))
    toc_line = next((no for no, line in enumerate(lines, 1) if compact(plain(line)) == "目录"), None)
    body: list[tuple[str, int]] = []
    toc: list[str] = []
    if toc_line is not None:
        seen: set[str] = set()
        started = False
        for name, no in heads:
            if no < toc_line:
                continue
            if not started and name in seen:
                started = True
            seen.add(name)
            if started:
                body.append((name, no))
            else:
                toc.append(name)
    else:
        body = heads
    spans: dict[str, tuple[int, int]] = {}
    for i, (name, no) in enumerate(body):
        if name in spans:
            continue
        end = body[i + 1][1] - 1 if i + 1 < len(body) else len(lines)
        spans[name] = (no, end)
    return spans, toc


def _table_no(numeral: str) -> int:
    """A table's number as printed: 12, 十二 (1–99 in ASCII digits or Chinese numerals)."""
    if numeral.isascii() and numeral.isdigit() and len(numeral) <= 15:
        return int(numeral)
    m = _SIMPLE_NUMERAL.match(numeral)
    if m and numeral:
        tens = (_DIGITS[m[1]] if m[1] else 1) if m[2] else 0
        return tens * 10 + (_DIGITS[m[3]] if m[3] else 0)
    import cn2an  # other forms (一一, 一百 …); imported here, it is slow to import

    return int(cn2an.cn2an(numeral, "smart"))


def _listed_tables(
    lines: list[str], parts: dict[str, tuple[int, int]], file: str
) -> dict[int, tuple[str, int]]:
    listed: dict[int, tuple[str, int]] = {}
    if "第二部分" in parts:
        start, end = parts["第二部分"]
        for no in range(start, end + 1):
            m = _LIST_ITEM.match(plain(lines[no - 1]))
            if m and "\t" not in lines[no - 1]:
                listed.setdefault(_table_no(m.group(1)), (m.group(2).strip(), no))
    if listed:
        return listed
    # Fallback: the 目录 entries under 第二部分 (一、… 十五、…).
    toc = [no for no, line in enumerate(lines, 1) if compact(plain(line)).startswith("第二部分")]
    for first in toc[:1]:
        for no in range(first + 1, len(lines) + 1):
            text = plain(lines[no - 1])
            if _PART.match(compact(text)):
                break
            m = _TOC_ITEM.match(text)
            if m:
                listed.setdefault(_table_no(m.group(1)), (m.group(2).strip(), no))
    if not listed:
        raise IngestError(
            file,
            None,
            "第二部分 预算公开报表的表格目录（表 1 … 表 15）",
            "the list of tables in part 2 (表 1 … 表 15)",
        )
    return listed


def _headings(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for no in range(start, end + 1):
        row = nonempty(cells(lines[no - 1]))
        if len(row) != 1:
            continue
        text = plain(row[0])
        key = _TRAILING_BRACKET.sub("", compact(text))
        if 0 < len(key) <= 60 and key.endswith("表") and not _LABEL.fullmatch(key):
            out.append((no, text))
    return out


def _label_above(lines: list[str], title_line: int, floor: int) -> tuple[int, str | None] | None:
    """The 预算NN表 label printed just above a title, as (line, form number or None)."""
    for no in range(title_line - 1, max(floor, title_line - LABEL_LOOKBACK) - 1, -1):
        text = compact(plain(lines[no - 1]))
        if not text:
            continue
        m = _LABEL.fullmatch(text)
        return (no, m.group(2)) if m else None
    return None


def _trim(lines: list[str], start: int, end: int) -> int:
    while end > start and not compact(plain(lines[end - 1])).strip("-"):
        end -= 1
    return end


def _describe(lines: list[str], span: TableSpan) -> None:
    assert span.line_start is not None and span.line_end is not None
    for no in range(span.line_start, span.line_end + 1):
        raw = lines[no - 1]
        if span.unit is None:
            m = _UNIT.search(" " + strip_html(raw))
            if m:
                span.unit = m.group(1)
        text = plain(raw)
        if span.note is None and _NOTE.match(text):
            span.note = text


def _add_label_only(
    lines: list[str],
    start: int,
    end: int,
    listed: dict[int, tuple[str, int]],
    starts: list[tuple[int, int, str, bool]],
    title_lines: dict[int, int],
) -> None:
    """Fallback for a listed table whose title is too garbled to match but whose 预算NN表 label
    is printed: the label starts it, and the next non-blank line is taken as its title."""
    found = {seq for _, seq, _, _ in starts}
    used = {no for no, *_ in starts}
    for no in range(start, end + 1):
        m = _LABEL.fullmatch(compact(plain(lines[no - 1])))
        if not m or no in used or m.group(2) or int(m.group(1)) not in listed or int(m.group(1)) in found:
            continue
        title_no = next((k for k in range(no + 1, end + 1) if compact(plain(lines[k - 1]))), None)
        if title_no is None:
            continue
        seq = int(m.group(1))
        starts.append((no, seq, plain(lines[title_no - 1]).replace("\t", " ").strip(), True))
        title_lines[no] = title_no
        found.add(seq)


def build_catalog(lines: list[str], file: str) -> Catalog:
    parts, toc = find_parts(lines)
    listed = _listed_tables(lines, parts, file)
    list_end = max(line for _, line in listed.values())
    region_end = parts["第三部分"][0] - 1 if "第三部分" in parts else len(lines)
    last_seq = max(listed)

    matches: list[tuple[int, int, str]] = []  # (line, seq, heading text)
    for no, text in _headings(lines, list_end + 1, region_end):
        scored = sorted(((title_score(text, t), s) for s, (t, _) in listed.items()), reverse=True)
        if scored and scored[0][0] >= TITLE_MATCH_MIN:
            matches.append((no, scored[0][1], text))

    starts: list[tuple[int, int, str, bool]] = []  # (start line, seq, title, labelled) per printed span
    title_lines: dict[int, int] = {}
    for no, seq, text in matches:
        if seq != last_seq and any(s == seq for _, s, _, _ in starts):
            continue  # a repeated page header of a table already found, not a new table
        label = _label_above(lines, no, list_end + 1)
        start = label[0] if label else no
        starts.append((start, seq, text, label is not None))
        title_lines[start] = no
    _add_label_only(lines, list_end + 1, region_end, listed, starts, title_lines)
    starts.sort()

    catalog = Catalog(listed=listed, tables={}, parts=parts, toc_parts=toc)
    spans: list[TableSpan] = []
    for i, (start, seq, text, labelled) in enumerate(starts):
        end = _trim(lines, start, (starts[i + 1][0] - 1) if i + 1 < len(starts) else region_end)
        spans.append(
            TableSpan(
                table_id(seq),
                seq,
                text,
                True,
                labelled,
                line_start=start,
                line_end=end,
                title_line=title_lines[start],
            )
        )
    for seq in sorted(listed):
        own = [s for s in spans if s.seq == seq]
        if not own:
            catalog.tables[table_id(seq)] = TableSpan(table_id(seq), seq, listed[seq][0], False)
            continue
        first = own[0]
        whole = TableSpan(
            first.table_id,
            seq,
            first.title,
            True,
            first.labelled,
            line_start=first.line_start,
            line_end=own[-1].line_end,
            title_line=first.title_line,
        )
        is_forms = seq == last_seq  # the last listed table is printed as one form per project
        _describe(lines, first if is_forms else whole)
        if is_forms:
            whole.unit, whole.note = first.unit, None
            for k, form in enumerate(own, 1):
                form.table_id = f"{table_id(seq)}-{k}"
                _describe(lines, form)
                catalog.forms.append(form)
        catalog.tables[whole.table_id] = whole
    return catalog
