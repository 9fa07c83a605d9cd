"""The parser of layouts declared by table titles (`parser = "titled"`, e.g. shanghai-9).

Tables are found by their printed title followed by a 单位 line; narrative parts by their heading.
Grid tables print the code split over 类/款/项 columns ('201 | 13 | 01'): their rows are
normalised to the seed's one-code-column form (same line numbers) and read by the seed's own
grid/two-sided readers, so every row lands in `line_items` exactly as for the seed layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import IngestError
from assistant.ingest.catalog import TableSpan, title_key
from assistant.ingest.layout import merge_header
from assistant.ingest.layouts import Layout, PartSpec, TableSpec, first_lines, title_match
from assistant.ingest.reader import cells, compact, is_amount, plain
from assistant.ingest.report import set_table
from assistant.ingest.tables import parse_grid, parse_two_sided
from assistant.ingest.titled_forms import find_forms, form_spans

UNIT_LOOKAHEAD = 3  # a printed title has its 单位 line within this many lines
HEADING_MAX = 40  # a part heading is a short line
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)])"
)
_DIGITS = re.compile(r"\d+")


@dataclass
class FoundPart:
    spec: PartSpec
    line: int
    heading: str
    end: int = 0


def _is_title_line(line: str) -> bool:
    return "\t" not in line and bool(line.strip()) and not _NUMBERED.match(compact(plain(line)))


def find_tables(layout: Layout, lines: list[str]) -> list[tuple[TableSpec, int, str]]:
    """(spec, title line, printed title) of every table printed: a title-like line matching a
    declared title, with a 单位 line just below (the 目录 lists the same titles without one)."""
    keys = [(spec, title_key(spec.title)) for spec in layout.tables]
    found: list[tuple[TableSpec, int, str]] = []
    seen: set[str] = set()
    for no, line in enumerate(lines, 1):
        if not _is_title_line(line) or "…" in line:
            continue
        title = layout.unit_line.sub("", line).strip() if layout.unit_line is not None else line
        key = title_key(title)  # a title printed with its unit on the same line: the title alone
        if not key.endswith("表"):
            continue
        spec = next((s for s, k in keys if key == k or (key.endswith(k) and len(k) >= 0.6 * len(key))), None)
        if spec is None or spec.role in seen:
            continue
        below = lines[no - 1 : no + UNIT_LOOKAHEAD]  # the unit may share the title line
        if layout.unit_line is not None and not any(layout.unit_line.search(b) for b in below):
            continue
        seen.add(spec.role)
        found.append((spec, no, plain(title)))
    return found


def _toc(lines: list[str]) -> set[int]:
    """Lines of the 目录 block: from its '目录' line to the first blank line."""
    start = next((no for no, line in enumerate(lines, 1) if compact(plain(line)) == "目录"), None)
    out: set[int] = set()
    for no in range(start or len(lines) + 1, len(lines) + 1):
        if no != start and not lines[no - 1].strip():
            break
        out.add(no)
    return out


def find_parts(layout: Layout, lines: list[str], after: int) -> list[FoundPart]:
    """Part headings in print order; a body heading may be numbered ('七、项目经费情况说明'),
    the 目录 entries (numbered too) are not headings."""
    out: list[FoundPart] = []
    done: set[str] = set()
    toc = _toc(lines)
    for no in range(after + 1, len(lines) + 1):
        line = lines[no - 1]
        if no in toc or "\t" in line or not line.strip() or "…" in line:
            continue
        text = _NUMBERED.sub("", compact(plain(line)))
        if len(text) > HEADING_MAX:
            continue
        spec = next((p for p in layout.parts if text.endswith(p.heading)), None)
        if spec is None or (spec.heading in done and not spec.repeat):
            continue
        done.add(spec.heading)
        out.append(FoundPart(spec, no, text))
    return out


def _trim(lines: list[str], start: int, end: int) -> int:
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def spans(layout: Layout, lines: list[str]) -> tuple[list[TableSpan], list[FoundPart], list[TableSpan]]:
    """Spans of the tables, the narrative parts and the per-project forms: each runs to the line
    before the next one's start (a form ends the part printed above it)."""
    tables = find_tables(layout, lines)
    toc_end = max((no for no, _ in first_lines(lines, 3)), default=0)
    parts = find_parts(layout, lines, toc_end)
    form_starts = find_forms(layout.forms, lines, toc_end) if layout.forms is not None else []
    starts = sorted([no for _, no, _ in tables] + [p.line for p in parts] + form_starts)

    def end_of(start: int) -> int:
        nxt = next((s for s in starts if s > start), len(lines) + 1)
        return _trim(lines, start, nxt - 1)

    out: list[TableSpan] = []
    printed = {spec.role: (no, title) for spec, no, title in tables}
    for spec in layout.tables:
        seq = int(_DIGITS.search(spec.role).group(0))  # type: ignore[union-attr]
        if spec.role not in printed:
            out.append(TableSpan(spec.role, seq, spec.title, False))
            continue
        no, title = printed[spec.role]
        span = TableSpan(spec.role, seq, title, True, line_start=no, line_end=end_of(no), title_line=no)
        _describe(layout, lines, span)
        out.append(span)
    for p in parts:
        p.end = end_of(p.line)
    forms = (
        form_spans(layout.forms, lines, form_starts, [end_of(no) for no in form_starts])
        if layout.forms is not None
        else []
    )
    return out, parts, forms


def _describe(layout: Layout, lines: list[str], span: TableSpan) -> None:
    assert span.line_start is not None and span.line_end is not None
    for no in range(span.line_start, span.line_end + 1):
        text = plain(lines[no - 1])
        if span.unit is None and layout.unit_line is not None:
            m = layout.unit_line.search(lines[no - 1])
            if m:
                span.unit = m.group("unit")
        if span.note is None and layout.note_line is not None and layout.note_line.match(text):
            span.note = text


def document_head(layout: Layout, lines: list[str], file: str) -> tuple[str, int]:
    """(department, year) from the title line and the 预算主管部门 line."""
    m = title_match(layout, lines)
    if m is None:
        raise IngestError(
            file, 1, f"「{layout.description}」的标题行", f"the title line of layout {layout.name}"
        )
    year = int(m.group("year"))
    dept = m.groupdict().get("dept")
    if layout.department is not None:
        for _, line in first_lines(lines):
            d = layout.department.match(compact(plain(line)))
            if d:
                dept = d.group("dept")
                break
    if not dept:
        raise IngestError(file, 2, "「预算主管部门：…」行", "the 预算主管部门 line")
    return compact(dept), year


# ---------------------------------------------------------------- grid normalisation


def _level_row(row: list[str], levels: tuple[str, ...]) -> int:
    """Number of code columns when `row` is the 类 | 款 | 项 row, else 0."""
    filled = [compact(c) for c in row if compact(c)]
    if filled and all(c in levels for c in filled) and compact(row[0]) == levels[0]:
        return len(filled)
    return 0


def _aligned(row: list[str], amounts: list[str], k: int, width: int) -> list[str]:
    """A row of amounts only, in the measure columns: by position when printed full width,
    else left-aligned."""
    if len(row) > k + 1 and not any(compact(c) for c in row[: k + 1]):
        return row[k + 1 : k + 1 + width]
    return amounts[:width]


def normalise_grid(layout: Layout, lines: list[str], span: TableSpan) -> list[str]:
    """A copy of `lines` where the span's header is one row (编码 | 名称 | measures …) and each
    data row carries its code in one cell ('201 | 13 | 01' → 2011301); repeated page headers
    and the 类/款/项 row become blank lines, a label wrapped onto the next line is joined."""
    assert span.line_start is not None and span.line_end is not None
    out = list(lines)
    rows = [
        (no, cells(lines[no - 1]))
        for no in range(span.line_start, span.line_end + 1)
        if "\t" in lines[no - 1]
    ]
    idx = next((i for i, (_, r) in enumerate(rows) if _level_row(r, layout.code_levels)), None)
    if idx is None:
        return out
    k = _level_row(rows[idx][1], layout.code_levels)
    head = [r for _, r in rows[:idx]]
    labels = merge_header(head)
    code_label = next((compact(c) for r in head for c in r if layout.code_header in c), "科目编码")
    name_label = labels[k] if k < len(labels) and labels[k] else "科目名称"
    measures = [lab for lab in labels[k + 1 :] if lab]
    header_rows = {compact("".join(r)) for _, r in rows[: idx + 1]}
    first = True
    last_data: int | None = None
    for no, row in rows:
        if compact("".join(row)) in header_rows:
            out[no - 1] = "\t".join([code_label, name_label, *measures]) if first else ""
            first = False
            continue
        # Each level's digits at their printed width: a cell formatted as a number loses its
        # leading zero ('301 | 2' is 30102).
        parts = [compact(c) for c in row[:k]]
        code = "".join(
            p.zfill(w) if p.isdigit() else p for p, w in zip(parts, layout.code_widths, strict=False) if p
        )
        prev_cells = out[last_data - 1].split("\t") if last_data is not None else []
        only_amounts = bool(row) and all(not compact(c) or is_amount(c) for c in row)
        if not code and only_amounts and prev_cells and not any(is_amount(c) for c in prev_cells[2:]):
            # the amounts of the row above, carried over to the next page: one row
            amounts = [c for c in row if compact(c)]
            out[last_data - 1] = "\t".join(prev_cells[:2] + _aligned(row, amounts, k, len(measures)))
            out[no - 1] = ""
            continue
        if code and code.isdigit():
            name, values = row[k] if k < len(row) else "", row[k + 1 :]
        else:
            label_at = next((i for i, c in enumerate(row) if compact(c)), 0)
            name = row[label_at]
            rest = row[label_at + 1 :]
            values = row[k + 1 :] if label_at == 0 and not any(compact(c) for c in row[1 : k + 1]) else rest
            code = ""
        if not code and not any(is_amount(v) for v in values) and last_data is not None:
            # a label wrapped onto its own line: it belongs to the row above
            prev = out[last_data - 1].split("\t")
            prev[1] += compact(name)
            out[last_data - 1] = "\t".join(prev)
            out[no - 1] = ""
            continue
        out[no - 1] = "\t".join([code, name, *values[: len(measures)]])
        last_data = no
    return out


def parse_tables(
    layout: Layout, lines: list[str], tables: list[TableSpan], unit: str, file: str
) -> list[dict]:
    kinds = {spec.role: spec.kind for spec in layout.tables}
    renames = {spec.role: spec.columns or {} for spec in layout.tables}
    items: list[dict] = []
    for span in tables:
        if not span.present:
            continue
        kind = kinds[span.table_id]
        set_table(span.table_id)  # named in the warning of a cell that is not an amount
        if kind == "two_sided":
            rows = parse_two_sided(lines, span, span.unit or unit, file)
        elif kind == "grid":
            rows = parse_grid(normalise_grid(layout, lines, span), span, span.unit or unit, file)
        else:
            rows = parse_grid(lines, span, span.unit or unit, file)
        for r in rows:
            r["measure"] = renames[span.table_id].get(r["measure"], r["measure"])
        span.has_rows = bool(rows)
        items += rows
    return items
