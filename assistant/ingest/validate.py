"""Checks a parsed document must pass before anything is written.

They catch inputs that parse 'successfully' into nonsense: a truncated file, a document of
another layout, a table whose header was not recognised. Each failure names a line.
"""

from __future__ import annotations

import re

from assistant.errors import IngestError
from assistant.ingest.catalog import Catalog
from assistant.ingest.reader import plain

# Every department budget has income and spending: these tables cannot legitimately be empty.
CORE_TABLES = (1, 3, 4, 5, 6, 7)
SUMMARY_TABLE = 1  # 收支预算总表: its 总计 rows are the document's headline totals
REQUIRED_PARTS = (("第三部分", "预算情况说明"),)


def validate_document(
    file: str, lines: list[str], catalog: Catalog, line_items: list[dict], texts: dict[str, list[dict]]
) -> None:
    for part, title in REQUIRED_PARTS:
        if part not in catalog.parts:
            raise IngestError(
                file,
                len(lines),
                f"{part} {title}（文档可能被截断）",
                f"{part} {title} (is the document truncated?)",
            )
    # The last part the 目录 announces closes the document: without it the file was cut short.
    # (A missing middle part, e.g. no 第四部分, is a legitimate variant.)
    if catalog.toc_parts and catalog.toc_parts[-1] not in catalog.parts:
        last = catalog.toc_parts[-1]
        raise IngestError(
            file,
            len(lines),
            f"目录所列的{last}（文档可能被截断）",
            f"{last}, listed in the table of contents (is the document truncated?)",
        )
    listed = catalog.listed
    for seq in CORE_TABLES:
        if seq not in listed:
            raise IngestError(file, None, f"表格目录中的表 {seq}", f"table {seq} in the list of tables")
    summary = catalog.by_seq(SUMMARY_TABLE)
    if summary is None or not summary.present:
        line = listed[SUMMARY_TABLE][1]
        raise IngestError(file, line, f"正文中的「{listed[SUMMARY_TABLE][0]}」", "the printed 收支预算总表")
    for seq in CORE_TABLES:
        t = catalog.by_seq(seq)
        if t is not None and t.present and not any(r["table_id"] == t.table_id for r in line_items):
            raise IngestError(
                file, t.title_line, f"{t.table_id}「{t.title}」的数据行", f"data rows in {t.table_id}"
            )
    totals = [r for r in line_items if r["table_id"] == summary.table_id and r["level"] == "总计"]
    sides = {r["side"] for r in totals if r["amount"] is not None}
    if not {"收入", "支出"} <= sides:
        raise IngestError(
            file,
            summary.line_end,
            f"{summary.table_id} 的收入总计和支出总计金额",
            f"income and expenditure totals in {summary.table_id}",
        )
    if not texts.get("paragraphs"):
        start = catalog.parts["第三部分"][0]
        raise IngestError(file, start, "预算情况说明的正文段落", "narrative paragraphs")


def second_title(lines: list[str], title_line: int, title: re.Pattern[str]) -> int | None:
    """Line of another document's title after this one's: a file holding several documents
    (concatenated copies) is refused rather than read as one long document."""
    first = lines[title_line - 1].strip()
    for no in range(title_line + 1, len(lines) + 1):
        line = lines[no - 1].strip()
        if line == first or (line.startswith("#") and title.match(line)):
            return no
    return None


# How a complete document's last line ends: a sentence mark, a closing bracket or quote, or the
# digits of the 咨询电话 line. Anything else means the file was cut mid-line.
_COMPLETE_END = re.compile(r"[。！？；.!?;）)」』”\]】\d]$")


def truncation_warning(lines: list[str]) -> str | None:
    last = next((plain(line) for line in reversed(lines) if plain(line)), "")
    if _COMPLETE_END.search(last):
        return None
    tail = last[-20:]
    return f"最后一行「…{tail}」没有结束标点，文件可能被截断（last line has no closing mark: truncated?）"
