"""The code rule and its answer: 2060404 是什么 — what a budget code the user typed names.

The question must be nothing but codes and the words that ask what they mean (是什么科目, 代表什么,
指的是啥, 科目名称); any other word (安排了多少, 对应哪个项目的钱) leaves it to the readings that
answer figures. Each code is read from the document's own catalogue: a classified line with its
level and the lines above it (the 第五部分 gloss when there is one), a project, a procurement
item. A code the document does not print is said so, with no figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation
from assistant.query.model import Query, Subject
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.entries import Entry
    from assistant.pipeline.steps import Env

RULE = "编码X是什么"
# a run of letters and digits holding three digits in a row, taken whole (possessive: a long run of
# digits said with no question around it must not be split every way before it fails)
CODE = r"(?=[0-9A-Za-z]*?\d{3})[0-9A-Za-z]++"
# 科目编码2080505 / 2080505这个科目 / 2080505和2080506分别 … 是什么(科目|意思) / 代表什么 / 科目名称
_ASKED = re.compile(
    rf"^(?:那|请问)?(?:科目|功能科目|经济科目|项目)?(?:编码|代码|编号)?(?:为|是)?"
    rf"((?:{CODE})(?:(?:和|与|、|,|，|及)(?:{CODE}))*)"
    r"(?:这个|这一|这些|这两个|这几个)?(?:科目|编码|代码|编号|项目)?的?(?:分别|各自|各)?"
    r"(?:(?:是|指|代表|对应|表示|叫)(?:的是)?(?:什么|啥|哪个|哪一个|哪项)|(?:科目)?名称(?:是什么|是啥|叫什么)?"
    r"|什么意思|啥意思)(?:科目|意思|项目|内容|名称|名字|东西)?(?:啊|呀|呢)?$")
# the lengths of classification codes (类 3, 款 5, 项 7) or a project's code with letters in it
CODE_SHAPED = re.compile(r"\d{3}|\d{5}|\d{7}|(?=.*[A-Za-z])[0-9A-Za-z]{8,}")
KIND_WORD = {"function": "功能科目", "economic": "经济科目", "project": "项目", "unit": "单位",
             "procurement": "政府采购品目"}
# a code names one thing; where two catalogues share it the classified line is meant
KIND_ORDER = ("function", "economic", "project", "procurement", "unit")
CLASSIFIED_TABLE = {"function": "预算05表", "economic": "预算07表"}


def code(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    m = _ASKED.search(said)
    if not m:
        return None
    subjects = tuple(Subject(text=c.group(), span=(m.start(1) + c.start(), m.start(1) + c.end()))
                     for c in re.finditer(CODE, m.group(1)))
    return Query(op="code", subjects=subjects, rule=RULE) if subjects else None


def code_answer(query: Query, env: Env) -> Answer | None:
    parts: list[str] = []
    cites: list[Citation] = []
    unknown: list[str] = []
    for s in query.subjects:
        entry = _entry(s.text, env)
        if entry is None:
            unknown.append(s.text)
            continue
        said, cited = _meaning(entry, env)
        parts.append(said)
        cites += cited
    if unknown:
        parts.append(f"文件中没有编码为 {'、'.join(unknown)} 的科目、项目或品目")
    if len(unknown) == len(query.subjects):
        if any(not CODE_SHAPED.fullmatch(c) for c in unknown):
            return None  # 4500是什么: a figure, not a code (the reverse rule reads it)
        return Answer(status="unanswerable", text="；".join(parts) + "。")
    return Answer(status="answered", text="；".join(parts) + "。", citations=cites)


def _entry(typed: str, env: Env) -> Entry | None:
    found = [e for e in env.index.entries if e.code and e.code.lower() == typed.lower()
             and e.kind in KIND_ORDER]
    return min(found, key=lambda e: KIND_ORDER.index(e.kind), default=None)


def _meaning(e: Entry, env: Env) -> tuple[str, list[Citation]]:
    from assistant.pipeline.base import cite
    from assistant.pipeline.intents.tables_common import row_label

    runner = env.runner
    text = f"{e.code} 是{KIND_WORD.get(e.kind, '')}“{e.name}”"
    cites: list[Citation] = []
    if e.kind in CLASSIFIED_TABLE:
        table_id = CLASSIFIED_TABLE[e.kind]
        rows = runner.run("li_by_code", table_id=table_id, code=e.code or "")
        if rows:
            cites.append(cite(runner, table_id, row_label(rows[0]), rows[0]["line_no"]))
            text += f"（{rows[0]['level']}级）" if rows[0]["level"] else ""
        text += _chain(rows[0]["parent_code"] if rows else None, table_id, env)
        gloss = runner.run("glossary_code", term=e.name)
        if gloss:
            text += f"。第五部分的说明：{gloss[0]['definition'].rstrip('。')}"
            cites.append(cite(runner, "第五部分", e.name, gloss[0]["line_no"]))
    elif e.kind == "project":
        rows = runner.run("li_by_code", table_id="预算11表", code=e.code or "")
        cites += [cite(runner, "预算11表", r["name"], r["line_no"]) for r in rows[:1]]
    elif e.kind == "procurement":
        rows = [r for r in runner.run("proc_rows") if r["item_code"] == e.code]
        cites += [cite(runner, "预算12表", r["item_name"], r["line_no"]) for r in rows[:1]]
    if not cites and e.table_id:  # the line the catalogue read it from
        cites.append(cite(runner, e.table_id, e.name, e.line_no))
    return text, cites


def _chain(parent: str | None, table_id: str, env: Env) -> str:
    """属于 科学技术支出（206，类） / 技术与开发（20604，款）: the lines above, outermost first."""
    chain: list[str] = []
    while parent:
        rows = env.runner.run("li_by_code", table_id=table_id, code=parent)
        if not rows:
            break
        chain.insert(0, f"{rows[0]['name']}（{parent}，{rows[0]['level']}）")
        parent = rows[0]["parent_code"]
    return "，属于" + " / ".join(chain) if chain else ""
