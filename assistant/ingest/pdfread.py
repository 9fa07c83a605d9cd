"""A published PDF → numbered text lines (with their page), in the seed's text format.

pdfplumber gives each page's ruled tables as cells (no column guessing from text positions);
a table row becomes one tab-separated line, the text outside the tables becomes lines in reading
order, and pages are separated by one blank line. The result is the same rendering as the
`.txt` files the cases cite, so line numbers agree with them.

Refused with a Chinese + English message: a file that is not a PDF, an encrypted PDF and a PDF
without a text layer (a scan).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IngestError

MIN_TEXT_CHARS = 20  # fewer characters over the whole document than this: no text layer (a scan)
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class PdfText:
    lines: list[str]
    pages: list[int]  # 1-based page of each line (a page separator line takes the next page)
    page_count: int


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(1024).lstrip().startswith(PDF_MAGIC)
    except OSError:
        return False


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    name = path.name
    try:
        return pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError(
            name, None, "未加密的 PDF（该文件已加密）", "an unencrypted PDF (this one is encrypted)"
        ) from exc
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError(
                name, None, "未加密的 PDF（该文件已加密）", "an unencrypted PDF (this one is encrypted)"
            ) from exc
        raise IngestError(name, None, "可读取的 PDF 文件", "a readable PDF file") from exc
    except (PDFSyntaxError, OSError, ValueError) as exc:
        raise IngestError(name, None, "可读取的 PDF 文件", "a readable PDF file") from exc


def _cell(text: str | None) -> str:
    # A cell wrapped over two printed lines ('事业单位\n经营收入') is one label.
    return (text or "").replace("\n", "")


def _page_lines(page) -> list[str]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    rest = page.filter(lambda o: o.get("object_type") != "char" or outside(o)) if boxes else page
    items: list[tuple[float, list[str]]] = [(ln["top"], [ln["text"]]) for ln in rest.extract_text_lines()]
    for table in tables:
        rows = []
        for row in table.extract():
            cells = [_cell(c) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if any(c.strip() for c in cells):
                rows.append("\t".join(cells))
        items.append((table.bbox[1], rows))
    items.sort(key=lambda item: item[0])
    return [line for _, rows in items for line in rows]


def read_pdf(path: Path) -> PdfText:
    name = path.name
    lines: list[str] = []
    pages: list[int] = []
    with _open(path) as pdf:
        count = len(pdf.pages)
        if count == 0:
            raise IngestError(name, None, "至少一页的 PDF", "a PDF with at least one page")
        for no, page in enumerate(pdf.pages, 1):
            if lines:
                lines.append("")
                pages.append(no)
            for line in _page_lines(page):
                lines.append(line)
                pages.append(no)
    if sum(len(line.strip()) for line in lines) < MIN_TEXT_CHARS:
        raise IngestError(
            name,
            None,
            "带文字层的 PDF（该文件没有可提取的文字，可能是扫描件，请先做文字识别）",
            "a PDF with a text layer (no extractable text: probably a scan; run OCR first)",
        )
    return PdfText(lines, pages, count)
