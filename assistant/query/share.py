"""The share rule: A 占 B 的比例 | A 在 B 中的占比 | B 里 A 占多少 | B 中 A 的占比 — and A 占多少 /
A 的占比 with the whole unsaid, which plan/whole.py settles."""

from __future__ import annotations

import re

from assistant.query.model import Query, Subject
from assistant.query.subjects import (
    DEICTIC,
    ORIGINAL,
    SCOPE,
    _alt,
    _cuts_a_name,
    _only_asking,
    _split_free,
    _subject,
)
from assistant.tag import Lexicon, load_lexicon, tag

SUMMED = re.compile(r"(?:这|那)?(?:两|三|四|几|\d)?(?:项|个|者)?"
                    r"(?:加起来|加在一起|合计|一共|总共|共计|合起来)$|(?<=[^这那])(?:两|三|四|\d)(?:项|个|者)$")
JOINED = re.compile(r"(?<=[\u4e00-\u9fff]{2})加上?(?=[\u4e00-\u9fff]{2})")  # 水费加电费
SUMMED_RULE = "A和B合计占C的比例"
COPULA_RULE = "A是B的百分之几"  # a share said with 是/相当于: A over B even where A is no part of B
COPULA_IT_RULE = "A是它的百分之几"  # …with 它 for B: the figure just stated, whatever line it is


WHOLE_ONLY = ("全部", "全体", "所有")  # everything, said in no other word (总额 is some total's)
# (总额 / 合计 may be a total just asked, 政府采购总额: only words of nothing else)
WHOLE_SAID = ("总数", "全部", "整体", "总体", "全部的钱")
TABLE_SAID = re.compile(r"表$")  # 申报表 / 预算表 / 基本支出表


def share(text: str, lex: Lexicon) -> Query | None:
    """A 占 B 的比例 | A 在 B 中(的)占比 | B 里(面) A 占多少 | B 中 A 的比重 — and, with a scope said
    first (X 里，A 占这个项目的比例), the deictic whole is the scope."""
    share = _alt(lex.of("operation", "share"))
    inside = r"(?:里(?:面(?!向)|头)?|之中|当中|中)"  # 里面向小微企业: 面向 is the column's word
    asks = r"(?:多少|几|百分之几|百分之多少|几成|多大)"
    # (占了多大比例: 了 after 占 says nothing more)
    tail = rf"(?:了)?(?:是|为|有|等于)?(?:多少|几|多大)?的?(?:{share})?(?:是|为)?{asks}?(?:呢|啊|吗)?$"
    forms = (
        (rf"^(.+?)占(.+?){tail}", "A占B的比例", False),
        # A 是/相当于 B 的百分之几: a share said with a copula (B is the whole, never part of A's name)
        (rf"^(.+?)(?:是|为|相当于|等于)(.+?)的(?:{share}|{asks}|多少比例|多大比例){tail}", COPULA_RULE,
         False),
        (rf"^(.+?)在(.+?){inside}的?(?:各|分别)?(?:占多少|占)?{asks}?的?(?:{share}){tail}", "A在B中的比重",
         False),
        (rf"^(.+?){inside}[,，]?(.+?)(?:所占|占){tail}", "B里A占多少", True),
        (rf"^(.+?){inside}[,，]?(.+?)的(?:{share}){tail}", "B中A的占比", True),
    )
    for pattern, rule, whole_first in forms:
        m = re.search(pattern, text)
        if not m or (whole_first and _inside_a_word(ORIGINAL.get() or text, m.end(1))):
            continue  # 面向中小企业的占比: 中 inside a word is no "B 中 A"
        first, second = _subject(text, *m.span(1)), _subject(text, *m.span(2))
        if first is None and not whole_first and m.group(1).strip("的") in DEICTIC:
            # 它占项目支出多少: the part is the thing just asked about (plan/whole.py)
            first = Subject(text=m.group(1).strip("的"), span=m.span(1))
        said = m.group(2).strip("的").removeprefix("了")
        if second is None and not whole_first and said in WHOLE_SAID:
            # 占(了)总数的百分之多少: the whole said in general words (plan/whole.py: the budget's)
            second = Subject(text=said, span=(m.end(2) - len(said), m.end(2)))
        if second is None and not whole_first and m.group(2).strip("的") in DEICTIC:
            second = Subject(text=m.group(2).strip("的"), span=m.span(2))  # 占它的比例
        if second is None and not whole_first and m.group(2).strip("的") in WHOLE_ONLY:
            # 占全部的比例 / 占总数的多少: the whole said by a word of the whole alone (plan/whole.py)
            second = Subject(text=m.group(2).strip("的"), span=m.span(2))
        if second is None and whole_first and m.group(2).strip("的") in DEICTIC:
            # 政府采购里它占多少: 它 is the thing just asked about, in the whole said first
            second = Subject(text=m.group(2).strip("的"), span=(m.start(2), m.start(2)))
        if first is None or second is None:
            continue
        if rule == COPULA_RULE:  # 招商服务中心的公用经费是本级的百分之几: the column said once holds for both
            from assistant.query.parse import _one_column

            first, second = _one_column(first, second)
        part, whole = (second, first) if whole_first else (first, second)
        if whole_first and TABLE_SAID.search(whole.text):
            continue  # 整体绩效申报表里A的占比: a table is where the share is printed, not the whole
        scoped = SCOPE.match(part.text)
        if scoped and whole.text in DEICTIC:
            start = part.span[0]
            whole = Subject(text=scoped.group(1), span=(start, start + len(scoped.group(1))))
            part = Subject(text=scoped.group(2), span=(start + scoped.start(2), start + scoped.end(2)))
        if whole.text in DEICTIC:
            # 行政运行里人员经费占它多少 / 行政运行的人员经费占它的比例: 它 is the line named first
            inner = SCOPE.match(part.text) or re.match(r"^(.+?)的(.+)$", part.text)
            if inner is None or _subject(text, part.span[0], part.span[0] + inner.end(1)) is None:
                if rule == COPULA_RULE:  # 职业年金是它的百分之几: 它 is the figure just stated
                    return Query(op="share", subjects=(part,), rule=COPULA_IT_RULE)
                continue
            whole = Subject(text=inner.group(1), span=(part.span[0], part.span[0] + inner.end(1)))
            part = Subject(text=inner.group(1) + inner.group(2), span=part.span)
        summed = SUMMED.search(part.text) or JOINED.search(part.text)
        if summed is not None and summed.re is SUMMED and not part.text[: summed.start()].strip():
            continue  # 两项合计占C: the parts are the conversation's (dialogue/composed.py)
        if summed is not None:  # A和B加起来占C多少 / A加B占C: one share, of their sum
            part = part.model_copy(update={"text": part.text[: summed.start()] if summed.re is SUMMED
                                           else part.text})
            pieces = [p for p in re.split(r"和|、|与|及|加上|加", part.text) if p] \
                if not _split_free(part)[1:] else [p for p in _split_free(part) if p]
            pieces = [x for p in pieces for x in (re.split(r"加上|加", p) if "加" in p else [p]) if x]
            if len(pieces) > 1:
                start = part.span[0]
                return Query(op="share", rule=SUMMED_RULE,
                             subjects=(Subject(text=pieces[0], span=(start, start + len(pieces[0]))), whole),
                             also=tuple(Subject(text=x, span=part.span) for x in pieces[1:]))
        several = [re.sub(r"(?:各自|各|分别)$", "", p) for p in _split_free(part) if p]
        if len(several) > 1:  # A和B各占C的比例: a share for each
            parts = tuple(Subject(text=p, span=part.span) for p in several)
            return Query(op="shares", subjects=(*parts, whole), rule=rule)
        return Query(op="share", subjects=(part, whole), rule=rule)
    return _share_of_unsaid(text, lex)


def _share_of_unsaid(text: str, lex: Lexicon) -> Query | None:
    """A 占多少 / A 的占比 / A 占多大比例: a share whose whole is not said — plan/whole.py decides
    it (the line A belongs to, the thing just asked about, or the whole budget)."""
    share = _alt(lex.of("operation", "share"))
    bare = re.search(r"^(?:那|那么)?(?:它|其)?(?:所占|占了?)(.+?)的?(?:比例|比重|占比|份额|百分比|百分之几"
                     r"|百分之多少|几成|多大比例|多少)", text) \
        or re.search(r"^(?:那|那么)?(?:它|其)?在(.+?)(?:里面|里头|里|之中|当中|中)的?(?:所占|占了?)?的?"
                     r"(?:比例|比重|占比|份额|百分比|百分之几|百分之多少|几成|多大比例|多少)", text)
    # 在工资福利支出中占比多少: the whole said after 在, the part the thing just asked about
    if bare and text.startswith(bare.group(0)) and _only_asking(text[bare.end():] or "多少"):
        # 占总预算的比例(呢): the part is the thing just asked about (plan/whole.py)
        whole = _subject(text, *bare.span(1))
        if whole is not None:
            part = Subject(text="它", span=(0, 0))
            return Query(op="share", subjects=(part, whole), rule="（上文）占B的比例")
    said = ORIGINAL.get() or text  # names are masked in `text`: 项目支出占比 is no bare 占比
    changed = any(t.kind == "operation" and t.value == "change" for t in tag(said, (), lex))
    if _only_asking(said) and re.search(rf"占|{share}", said) and not changed:  # (增长了多少百分比: a rate)
        # 占比多少 after 项目支出呢: the part is the thing just asked about, the whole unsaid
        return Query(op="share", subjects=(Subject(text="它", span=(0, 0)),), rule="（上文）占比多少")
    for cut in re.finditer(r"所占的?|占了?|的", text):  # the first cut after which only asking is left
        asked = text[cut.end():]
        if cut.start() == 0 or "钱" in asked or not re.search(rf"占|{share}", text[cut.start():]):
            continue
        if re.search(r"(?:和|与|及|、)$", text[: cut.start()]) or re.search(r"各|分别", asked):
            return None  # 金额和占比各是多少: two things asked of one line, not a share of it
        if not asked or _asks_share_only(text[cut.start():]):
            return _unsaid_whole(text, cut.start(), of_it=IT_SAID.match(asked) is not None)
    return None


def _inside_a_word(text: str, at: int) -> bool:
    return any(t.start < at < t.end for t in tag(text, (), load_lexicon()))


def _asks_share_only(asked: str) -> bool:
    """多少比例 / 占比是多少: only a share is asked after the part (人均多少 asks something else)."""
    tags = tag(asked, (), load_lexicon())
    return _only_asking(asked) and all(
        t.kind == "function" or (t.kind == "operation" and t.value in ("share", "value")) for t in tags)


IT_SAID = re.compile(r"(?:它|其)的?")  # 事业收入占它多少: the whole is the thing just stated
OF_IT_RULE = "A占它多少"


def _unsaid_whole(text: str, end: int, of_it: bool = False) -> Query | None:
    """The share read from the words before `end`: B里A (the whole said first) or A alone."""
    part = _subject(text, 0, end)
    scoped = re.match(r"^(.+?)(?:里面|里头|里|之中|当中|中)[,，]?(.+)$", text[:end])
    if scoped and _inside_a_word(ORIGINAL.get() or text, scoped.end(1)):
        scoped = None  # 面向中小企业: 中 inside a word of the lexicon is no scope
    if part and scoped and not _cuts_a_name(scoped.end(1), scoped.end(1)):
        # 科学技术支出里基本支出占比: the whole is said first, before 里
        whole, inner = _subject(text, *scoped.span(1)), _subject(text, *scoped.span(2))
        if whole and TABLE_SAID.search(whole.text):
            return None  # 整体绩效申报表里A的占比: the share the table prints, read where it is printed
        if whole and inner:
            return Query(op="share", subjects=(inner, whole), rule="B里A占多少")
    if part and TABLE_SAID.search(part.text.split("里")[0]) and "里" in part.text:
        return None  # 部门整体绩效表里A的占比 read as one subject: the same
    return Query(op="share", subjects=(part,), rule=OF_IT_RULE if of_it else "A占多少") if part else None
