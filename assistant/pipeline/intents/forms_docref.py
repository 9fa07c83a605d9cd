"""Policy documents named in a form's text: the list of 《title》（文号） in a 立项依据, and the
follow-up "其中江招组[2017]1号是什么文件" — the full title printed before a 文号 in any form text
(header fields or 测算依据), preferring the form the question is about.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from assistant.models import Answer, Question
from assistant.pipeline.base import Runner
from assistant.pipeline.intents.forms_common import answered, not_found, run, safe_cite
from assistant.pipeline.intents.forms_projects import resolve_forms

# '江招组[2017]1号', '江财〔2014〕31号', '武政规(2018)22号'
DOC_NO = re.compile(r"([\u4e00-\u9fa5]{1,8})\s*[\[【〔(（]\s*(\d{4})\s*[\]】〕)）]\s*(\d{1,4})\s*号")


def policy_documents(text: str) -> list[str]:
    """'《title》（文号）' entries in printed order; unclosed 《 ends at the 文号 or the sentence."""
    out: list[str] = []
    for m in re.finditer(
        r"《([^《》]{2,80}?)(?:》|(?=[(（][^()（）]*\d{4}[^()（）]*号)|(?=[。；;]))"
        r"\s*([(（][^()（）]{0,30}号[)）])?",
        text,
    ):
        title = m.group(1).strip()
        number = DOC_NO.search(title)
        if number:  # the 文号 was printed inside the brackets: '《…意见（江财[2014] 31 号）'
            title = title[: number.start()].rstrip("（(")
            suffix = f"（{number.group(0)}）"
        else:
            suffix = m.group(2) or ""
        entry = f"《{title}》{suffix}"
        if entry not in out:
            out.append(entry)
    return out


def _doc_key(m: re.Match[str]) -> tuple[str, str, str]:
    return m.group(1), m.group(2), m.group(3)


def docref(params: dict[str, Any], q: Question, runner: Runner) -> Answer:
    asked = DOC_NO.search(q.text)
    assert asked is not None  # detect only routes here when a 文号 is present
    prefix, year, number = _doc_key(asked)
    forms = resolve_forms(q, params, runner)
    preferred = {f["table_id"] for f in forms}
    texts: list[tuple[str, str, int]] = [
        (r["table_id"], r["value"], r["line_no"]) for r in run(runner, "forms_form_fields")
    ]
    texts += [(r["table_id"], r["basis"] or "", r["line_no"]) for r in run(runner, "forms_details")]
    hits: list[tuple[float, str, str, int, str]] = []
    for tid, text, line in texts:
        for m in DOC_NO.finditer(text):
            p, y, n = _doc_key(m)
            if (y, n) != (year, number):
                continue
            score = fuzz.ratio(prefix[-4:], p[-4:]) + (20 if tid in preferred else 0)
            title = _title_before(text, m.start())
            if title:
                hits.append((score, tid, title, line, m.group(0)))
    if not hits:
        # suggest a project of the loaded document (the one asked about, else the first form)
        named = forms or run(runner, "forms_project_forms")
        ask = [f"{named[0]['project_name']}的立项依据有哪些？"] if named else []
        return not_found(f"文件中没有找到文号为 {asked.group(0)} 的文件全称。", ask)
    hits.sort(key=lambda h: h[0], reverse=True)
    _, tid, title, line, printed = hits[0]
    printed_prefix = DOC_NO.search(printed)
    # the question's prefix may carry words before the 文号 ('其中江招组…'): compare its tail
    same = printed_prefix is not None and prefix.endswith(printed_prefix.group(1))
    note = "" if same else f"（您输入的是 {asked.group(0)}）"
    return answered(
        f"{printed}{note}是《{title}》，见{tid}的立项依据。",
        (),
        [safe_cite(runner, tid, f"立项依据 {printed}", line)],
        [f"{tid}的立项依据还有哪些文件？"],
    )


def _title_before(text: str, pos: int) -> str | None:
    start = text.rfind("《", 0, pos)
    if start < 0:
        return None
    title = text[start + 1 : pos]
    title = re.sub(r"[》）)(（\s]+$", "", title)
    if "》" in title:  # the 《》 closed before this 文号 belongs to another document
        closed = title[: title.index("》")]
        return closed if pos - start - len(closed) < 6 else None
    return title or None


__all__ = ["DOC_NO", "docref", "policy_documents"]
