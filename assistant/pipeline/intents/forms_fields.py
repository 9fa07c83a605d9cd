"""预算15表 header fields: 负责人, 联系电话, 执行单位, 主管部门, 项目代码, 类别, 频度, 立项依据 …

Also routes the follow-up "其中江招组[2017]1号是什么文件" (answered in forms_docref), and "那<另一个
项目>呢" after a field answer: the same field of the project the user's own words name, even in part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Answer, Intent, Match, Question
from assistant.pipeline.base import Conversation, Row, Runner, fmt_number
from assistant.pipeline.intents.field_words import asked_field, form_fields
from assistant.pipeline.intents.forms_assets import FIELD as ASSETS_FIELD
from assistant.pipeline.intents.forms_assets import assets_answer
from assistant.pipeline.intents.forms_common import (
    answered,
    clarify,
    contains_any,
    not_found,
    run,
    safe_cite,
    value,
)
from assistant.pipeline.intents.forms_docref import DOC_NO, docref, policy_documents
from assistant.pipeline.intents.forms_people import field_of_others, other_projects, others_of, refers_back
from assistant.pipeline.intents.forms_projects import (
    PARTIAL,
    ask_which,
    eleven_row,
    locate_forms,
    norm_split,
    project_list,
    stash,
)
from assistant.pipeline.people import unknown_person
from assistant.pipeline.units import document_unit

BY_PERSON = ("负责哪些项目", "负责什么项目", "负责哪几个项目", "负责的项目", "管哪些项目", "负责哪个项目")
INTENT = "form_field"
# what a bare follow-up adds around a project name ('那安全生产工作经费呢')
FOLLOW_FILLER = re.compile(r"[那呢的吗么?？,，。！!\s]|还有|那么|请问|换成|再问")
DOCREF = "form_docref"
ASKS_AMOUNT = re.compile(r"多少|几|钱|金额|预算|安排|经费")
CODE_SAID = re.compile(r"(?:编码|代码|编号)(?:是|为)?\d{3,}")  # a code given, labelled as one


def wanted_field(text: str) -> tuple[str, str | None] | None:
    """(form_fields field, project_forms column or None) the question asks for
    (knowledge/form_fields.toml)."""
    found = asked_field(text, "project")
    return (found.name, found.column) if found else None


class FormFieldHandler:
    name = INTENT

    def detect(self, q: Question, matches: Sequence[Match], conv: Conversation) -> Intent | None:
        field = wanted_field(q.text)
        if field is not None and q.codes and CODE_SAID.search(q.text):
            field = None  # 科目编码2011301对应哪一项: the word labels the code said, no code is asked
        prev = conv.last.intent if conv.last and conv.last.intent else None
        if field is not None and other_projects(q.raw, conv, INTENT):
            params = stash(matches, conv) | {"field": field[0], "column": field[1], "kind": "others"}
            return Intent(name=INTENT, params=params, evidence="certain")
        back = refers_back(q.raw, conv, INTENT)
        if back is not None:  # '他还负责别的项目吗': the person the last answer named
            return Intent(name=INTENT, params=back, evidence="certain")
        if contains_any(q.text, BY_PERSON):
            return Intent(name=INTENT, params=stash(matches, conv) | {"kind": "by_person"}, evidence="strong")
        if DOC_NO.search(q.text) and contains_any(
            q.text, ("什么文件", "哪个文件", "全称", "什么", "名称", "是")
        ):
            return Intent(name=INTENT, params=stash(matches, conv) | {"kind": DOCREF}, evidence="strong")
        if field is None and prev is not None and prev.name == INTENT and prev.params.get("field"):
            # '那安全生产工作经费呢' after '…的负责人是谁': the same field of another project
            projects = [m for m in matches if m.kind == "project"]
            rest = q.text
            for m in matches:
                rest = rest.replace(m.alias, "").replace(m.name, "")
            field = (prev.params["field"], prev.params.get("column"))
            if projects and not FOLLOW_FILLER.sub("", rest):
                params = stash(projects, conv) | {"field": field[0], "column": field[1]}
                return Intent(name=INTENT, params=params, evidence="strong")
            # the context step glued a partial name to the previous project ('科学管理事务支出
            # 网络安全运营服务项目'): resolve the user's own words instead (see locate_forms)
            own = FOLLOW_FILLER.sub("", q.raw)
            if (len(own) >= 3 and own != q.raw and not q.years and wanted_field(own) is None
                    and not ASKS_AMOUNT.search(own)):  # '…安排了多少' asks the amount, not the field
                params = {"entities": [], "field": field[0], "column": field[1], "project_text": own}
                return Intent(name=INTENT, params=params, evidence="strong")
            field = None
        if field is None or (field[0] == "上年绩效评价结果" and "评价费" in q.text):
            return None  # '绩效评价费' is a cost line of the 支出明细, not the evaluation result
        params = stash(matches, conv) | {"field": field[0], "column": field[1]}
        has_project = any(e["kind"] == "project" for e in params["entities"])
        # 整体绩效表 (预算14表) has its own 填报人/联系电话: the perf handler answers those.
        if contains_any(q.text, ("整体绩效", "填报人", "部门整体")):
            return None
        evidence = "strong" if has_project else "likely"
        if prev is not None and prev.name == INTENT and len(q.text) <= 12:
            evidence = "certain"  # '电话呢' after '…负责人是谁'
        return Intent(name=INTENT, params=params, evidence=evidence)

    def answer(self, intent: Intent, q: Question, runner: Runner) -> Answer:
        if intent.params.get("kind") == DOCREF:
            return docref(intent.params, q, runner)
        if intent.params.get("kind") == "others":
            p = intent.params
            return field_of_others(p["field"], p.get("column"), p, q, runner)
        if intent.params.get("kind") == "by_person_back":
            return others_of(q, intent.params, runner)
        if intent.params.get("kind") == "by_person":
            return _by_person(q, runner)
        field, column = intent.params["field"], intent.params.get("column")
        stranger = _stranger(q, runner)
        if stranger is not None:
            return not_found(
                f"文件中没有{stranger}的{field}：本文件只在项目申报表中列出各项目负责人及联系电话。"
            )
        if intent.params.get("from_context"):
            # '柯远琦的电话' after a project's question: the person named resets the subject
            filler = _perf_filler(q, field, runner)
            if filler is not None:
                return filler
        forms, how = locate_forms(q, intent.params, runner)
        if how == PARTIAL and len(forms) > 1:
            return ask_which(forms, "{name}的" + field + "是什么？")
        if not forms and intent.params.get("project_text"):
            # '那行政运行呢' names no project: another handler's follow-up, not ours
            return not_found("申报表中没有找到这个项目。")
        if not forms:
            filler = _perf_filler(q, field, runner)
            if filler is not None:
                return filler
            names = project_list(runner)
            if not names:
                return not_found("本文件没有项目支出绩效目标申报表（预算15表）。")
            return clarify(
                f"共有 {len(names)} 张项目绩效目标申报表，请问您问的是哪个项目的{field}？",
                [(n, f"{n}的{field}是什么？") for n in names],
            )
        if field == ASSETS_FIELD:  # a list of its own (品名 / 数量 / 金额), not a header cell
            return assets_answer(forms, runner)
        fields = run(runner, "forms_form_fields")
        spec = next((f for f in form_fields() if f.name == field), None)
        if spec is not None and spec.money:
            return _money_field(forms[:4], field, column, fields, runner)
        parts: list[str] = []
        cites = []
        seen_values: set[str] = set()
        for form in forms[:4]:
            tid, pname = form["table_id"], form["project_name"]
            row = _field_row(fields, tid, field)
            text = (form.get(column) if column else None) or (row["value"] if row else "")
            line = row["line_no"] if row else form["line_start"]
            if column == "project_code":
                parts.append(_code_text(runner, form, text))
                other = eleven_row(runner, pname)  # the code the text quotes from 预算11表: cite it
                if other and other.get("code") and other["code"] != text:
                    named = f"{other.get('name') or pname} 项目编码"
                    cites.append(safe_cite(runner, "预算11表", named, other["line_no"]))
            elif not text:
                parts.append(f"{pname}（{tid}）的申报表未填写{field}。")
            elif field == "立项依据":
                parts.append(_basis_text(pname, tid, text))
            elif len(forms) > 1 and text in seen_values:
                parts.append(f"{pname}（{tid}）的{field}同为 {text}。")
            else:
                parts.append(f"{pname}（{tid}）的{field}：{text}。")
            seen_values.add(text)
            cites.append(safe_cite(runner, tid, f"{pname} {field}", line))
        first = forms[0]["project_name"]
        return answered(
            "\n".join(parts),
            (),
            cites,
            [f"{first}的立项依据有哪些？", f"{first}去年预算多少？", f"{first}的支出明细有哪些？"]
            if field != "立项依据"
            else [f"{first}的负责人是谁？", f"{first}的实施方案是什么？"],
        )


def _money_field(forms: Sequence[Row], field: str, column: str | None, fields: Sequence[Row],
                 runner: Runner) -> Answer:
    """项目总预算: an amount cell of each form named, as a figure in the form's unit (万元); a cell
    holding the form's own instruction (（延续性项目填写）) or nothing is said as not filled in."""
    parts, vals, cites = [], [], []
    for form in forms:
        tid, pname = form["table_id"], form["project_name"]
        row = _field_row(fields, tid, field)
        amount = form.get(column) if column else None
        line = row["line_no"] if row else form["line_start"]
        cites.append(safe_cite(runner, tid, f"{pname} {field}", line))
        if amount is None:
            said = f"（申报表此栏为“{row['value'].strip('（）()')}”）" if row and row["value"] else ""
            parts.append(f"{pname}（{tid}）的申报表未填写{field}{said}。")
            continue
        parts.append(f"{pname}（{tid}）的{field}为 {fmt_number(amount)} {document_unit()}。")
        vals.append(value(amount, document_unit(), f"{pname}{field}"))
    return answered("\n".join(parts), vals, cites, [f"{forms[0]['project_name']}今年预算多少？"])


def _stranger(q: Question, runner: Runner) -> str | None:
    """A person-like name the document lists nowhere ('张伟的电话'), else None."""
    forms = run(runner, "forms_project_forms")
    people = [n for f in forms for n in norm_split(f.get("leader") or "")]
    people += [r["value"] for r in run(runner, "forms_perf_header") if "填报人" in r["field"]]
    return unknown_person(q.text, people, [f["project_name"] for f in forms])


def _perf_filler(q: Question, field: str, runner: Runner) -> Answer | None:
    """'柯远琦的电话': the person is 预算14表's 填报人, not a project 负责人."""
    rows = run(runner, "forms_perf_header")
    person = next(
        (r for r in rows if "填报人" in r["field"] and len(r["value"]) >= 2 and r["value"] in q.text), None
    )
    if person is None:
        return None
    wanted = "联系电话" if field == "联系电话" else "填报人"
    row = next((r for r in rows if r["field"] == wanted), person)
    return answered(
        f"{person['value']}是部门整体绩效目标申报表（预算14表）的填报人，该表{row['field']}：{row['value']}。",
        (),
        [safe_cite(runner, row["table_id"], row["field"], row["line_no"])],
        ["部门的年度工作任务有哪些？"],
    )


def _by_person(q: Question, runner: Runner) -> Answer:
    """'王传福负责哪些项目': the forms whose 项目负责人 names the person."""
    forms = run(runner, "forms_project_forms")
    fields = run(runner, "forms_form_fields")
    for form in forms:
        for name in norm_split(form.get("leader") or ""):
            if len(name) >= 2 and name in q.text:
                mine = [f for f in forms if name in (f.get("leader") or "")]
                listing = "、".join(f"{f['project_name']}（{f['table_id']}）" for f in mine)
                cites = []
                for f in mine:
                    row = _field_row(fields, f["table_id"], "项目负责人")
                    cites.append(
                        safe_cite(
                            runner,
                            f["table_id"],
                            f"{f['project_name']} 项目负责人",
                            row["line_no"] if row else f["line_start"],
                        )
                    )
                return answered(
                    f"项目绩效目标申报表中，{name}是以下 {len(mine)} 个项目的项目负责人：{listing}。"
                    "（文件只写明项目负责人，未写其职务。）",
                    (),
                    cites,
                    [f"{mine[0]['project_name']}的联系电话是多少？"],
                )
    return not_found("项目绩效目标申报表的项目负责人中没有这个人。")


def _field_row(fields: Sequence[Row], table_id: str, field: str) -> Row | None:
    for r in fields:
        if r["table_id"] == table_id and (r["field"] == field or field in r["field"]):
            return r
    return None


def _code_text(runner: Runner, form: Row, code: str | None) -> str:
    pname, tid = form["project_name"], form["table_id"]
    other = eleven_row(runner, pname)
    head = (
        f"{pname}在绩效目标申报表（{tid}）上的项目代码为 {code}"
        if code
        else f"{pname}的绩效目标申报表（{tid}）未填写项目代码"
    )
    if other and other.get("code") and other["code"] != code:
        tail = f"；预算11表（项目支出预算表）中该项目的项目编码为 {other['code']}（第{other['line_no']}行）"
        if code:
            tail += "，两处代码不一致，以各自表格为准"
        return head + tail + "。"
    return head + "。"


def _basis_text(pname: str, tid: str, text: str) -> str:
    docs = policy_documents(text)
    if not docs:
        return f"{pname}（{tid}）的立项依据：{text}"
    listing = "\n".join(f"{i}. {d}" for i, d in enumerate(docs, 1))
    return f"{pname}（{tid}）立项依据中列出的政策文件有 {len(docs)} 份：\n{listing}"


__all__ = ["DOCREF", "INTENT", "FormFieldHandler", "norm_split", "policy_documents", "wanted_field"]
