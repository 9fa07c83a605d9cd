"""Tiny hand-built PDFs for the bad-input tests (no PDF-writing library is a dependency)."""

from __future__ import annotations


def _pdf(content: bytes, *, font: bool, encrypt: bool = False) -> bytes:
    """One page with the given content stream; optionally a Helvetica font and an /Encrypt
    dictionary (Standard security handler with keys no empty password opens)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        + (b" /Resources << /Font << /F1 5 0 R >> >>" if font else b"")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_pdf(text: str) -> bytes:
    """A page with one line of ASCII text (a PDF that is not a budget)."""
    return _pdf(b"BT /F1 14 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET", font=True)


def scanned_pdf() -> bytes:
    """A page with a filled rectangle and no text: what a scan without OCR looks like."""
    return _pdf(b"0.5 g 72 72 400 600 re f", font=False)


def encrypted_pdf() -> bytes:
    return _pdf(b"BT /F1 14 Tf 72 720 Td (secret) Tj ET", font=True, encrypt=True)
