"""The whole a share is of, and the part's own figure inside it (knowledge/wholes.toml).

占 asks for a part of a whole, so a share is stated only when the part can be shown to lie inside
the whole. A whole the question does not say is the thing just asked about when the part lies
under it (卫生健康支出多少 / 行政单位医疗占多少), else the line the part belongs to (行政运行占多少 →
its 款), else the whole budget. A whole that is a column of the budget (项目支出, 基本支出) is
measured by the part's own cell in that column: a part with no figure there is no part of it, and
the reply says so instead of dividing the part's total by the column (住房公积金占项目支出).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.ops.arith import OperationError
from assistant.plan.columns import as_fund, column, one_fund, unfunded, wholes
from assistant.plan.heads import of_two_wholes
from assistant.plan.inside import TOTAL_ROW
from assistant.plan.one_table import measure_words as _words
from assistant.plan.one_table import of_one_table
from assistant.plan.siblings import CODED
from assistant.plan.unsaid import (
    _by_code,
    _column_of,
    _last_said,
    _unsaid,
    both_stated,
    other_than_whole,
    stated_in_last,
    stated_under,
    stated_whole,
)
from assistant.plan.values import value_of
from assistant.query.cover import leftovers
from assistant.query.model import Query, Subject
from assistant.query.share import COPULA_IT_RULE, OF_IT_RULE, WHOLE_ONLY
from assistant.query.subjects import DEICTIC
from assistant.tag import load_lexicon, tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


class NotAPart(OperationError):
    """The part named is not inside the whole named: the reason, in the user's language."""


class Ambiguous(OperationError):
    """Two wholes the part lies in, with different shares: the question, and each reading as
    (button label, the question to ask when it is picked)."""

    def __init__(self, text: str, options: tuple[tuple[str, str], ...]) -> None:
        super().__init__(text)
        self.options = options


def label(subject: str, env: Env) -> str:
    """A whole read by its code is named by the line's name (科学技术管理事务)."""
    if subject.isdigit():
        for kind in CODED:
            found = _by_code(subject, kind, env)
            if found is not None:
                return found.name
    return subject


def _in_column(part: Subject, whole: Subject, env: Env) -> Subject:
    """The part as the figure it has in the whole's column (社会保障和就业支出 in 基本支出 is its
    基本支出 cell); NotAPart when it has none there."""
    col = column(whole.text)
    if col is None:
        return part
    own = column(part.text)
    if own is not None:
        if own != col and col not in wholes()["columns"].get(own, ()):
            raise NotAPart(f"“{part.text}”不是“{whole.text}”的一部分，无法按“占”计算比例。")
        return part
    found = value_of(part.text, env)
    if found is None:
        return part  # the part names nothing: the plan fails on it as on any subject
    tables = {c.table for c in found[0].citations}
    if any(wholes()["within"].get(t) == col for t in tables):
        return part  # a line of the 基本支出 table is 基本支出 through and through
    project = any(m.kind == "project" for m in found[1])  # a project's name's 人员经费 is no cell
    if any(column(w) == col for w in _words(part.text)) and not project:
        return part  # 一般公共服务支出的基本支出 is already that column's cell
    cell = value_of(part.text + whole.text, env)
    if cell is None or not cell[0].amount or (project and cell[0].citations == found[0].citations):
        raise NotAPart(f"“{part.text}”在“{whole.text}”这一栏中没有数（表中没有这一栏或为空白），"
                       f"不是{whole.text}的一部分，无法按“占”计算比例。")
    return Subject(text=part.text + whole.text, span=part.span)


def _a_column_of_it(text: str) -> bool:
    """其中面向小微企业 / 小微的: words that name a column (a measure of the lexicon) and nothing else."""
    core = text.removeprefix("其中")
    tags = tag(core, (), load_lexicon())
    return any(t.kind == "measure" for t in tags) and all(t.kind in ("measure", "function") for t in tags) \
        and not leftovers(core, tags)


def _column_words(core: str) -> list[str]:
    """The ways the lexicon says the column named (the words as typed first)."""
    lex = load_lexicon()
    values = {t.value for t in tag(core, (), lex) if t.kind == "measure"}
    return [core, *(w for v in values for w in lex.of("measure", v) if w != core)]


LINE_KINDS = frozenset({"function", "economic", "summary", "project", "procurement", "table"})


def _budget_line(part: str, env: Env, kinds: frozenset[str] = LINE_KINDS) -> bool:
    """A line of the budget tables (or one of its columns): a share of it has a whole to find."""
    if column(part) is not None:
        return True
    found = value_of(part, env)
    # a figure read from a table's 合计 line (项目支出在一般公共预算: its table's total) is one too
    return found is not None and (any(m.kind in kinds for m in found[1])
                                  or any(TOTAL_ROW.search(c.row or "") for c in found[0].citations))


WITHIN = "其中"  # said first, the part is of the figure just stated


INCOME = re.compile(r"收入(?!.*支出)")


def settle(query: Query, env: Env) -> Query | None:
    """A share with its whole said, and its part as the figure that lies inside that whole."""
    if query.op != "share" or query.given or not query.subjects:
        return query
    part = unfunded(query.subjects[0])  # 一般公共预算公用经费: the column (its fund is re-read)
    said_before = part.text in DEICTIC  # 占比呢: the part is the figure just stated
    if part.text in DEICTIC:
        said = _last_said(env)
        if said is None and len(query.subjects) > 1 and \
                (other := other_than_whole(query.subjects[1].text, env)) is not None:
            # the two just stated: 它 is the one the whole named is not
            whole = stated_whole(query.subjects[1].text, env)
            return query.model_copy(update={"given": (other, whole)}) if whole is not None else None
        if said is None:
            raise NotAPart(f"没有明白“{part.text}”指的是哪一项，请直接说出要计算占比的项目名称。")
        part = unfunded(Subject(text=said, span=part.span))
    if not said_before and len(query.subjects) > 1 and value_of(part.text, env) is None \
            and (two := both_stated(part.text, query.subjects[1].text, env)) is not None:
        return query.model_copy(update={"given": two})  # 小微 of the two just stated, in the other
    said = as_fund(unfunded(query.subjects[1])) if len(query.subjects) > 1 else None  # 一般公共预算拨款
    if said is None and part.text.startswith(WITHIN) and (last := _last_said(env)) is not None \
            and _budget_line(part.text.removeprefix(WITHIN), env):
        # 公用经费多少 → 其中商品和服务支出占多少: 其中 says the whole is the figure just stated
        core = Subject(text=(bare := part.text.removeprefix(WITHIN)), span=part.span, label=bare)
        fund = _same_fund(core, whole := Subject(text=last, span=part.span))  # 其中人员经费: one fund's
        return query.model_copy(update={"subjects": (core, fund if value_of(fund.text, env) else whole)})
    # 招商服务中心多少钱 → 它占多少: the unit just stated, of the whole budget (said by name after
    # another figure, a unit's 占比 may be of that figure: no whole is guessed for it then)
    if said is None and not _budget_line(part.text, env, LINE_KINDS | ({"unit"} if said_before else set())):
        last = _last_said(env) if _a_column_of_it(part.text) else None
        head = _column_of(part.text, env) if last is None else None
        if head is not None:  # 政府采购货物类占多少: of 政府采购, the statement it is stated under
            return query.model_copy(update={"subjects": (part, Subject(text=head, span=part.span))})
        if last is None and (stated := stated_in_last(part.text, env)) is not None:
            # 政府采购预算多少 → 货物类占多少 / 工程占多少: the thing just asked, whose statement
            # holds the part (a class said without its 类)
            prior, said_as = stated
            return query.model_copy(update={"subjects": (part.model_copy(update={"text": said_as}),
                                                         Subject(text=prior, span=part.span))})
        if last is None:
            return None  # a form's or the narrative's figure: its own share, if printed, is theirs
        # 政府采购总额是多少 / 其中面向小微企业的占比呢: a column of the thing just asked, in it,
        # said in the words of the lexicon that read it (中小企业 → 面向中小企业)
        core = part.text.removeprefix("其中")
        for words in _column_words(core):
            if value_of(last + words, env) is not None:
                return query.model_copy(update={"subjects": (
                    Subject(text=last + words, span=part.span, label=core),
                    Subject(text=last, span=part.span))})
        return None
    if said is None and column(part.text) is not None and (last := _last_said(env)) is not None \
            and column(last) in wholes()["columns"].get(column(part.text) or "", ()):
        # 基本支出多少 → 人员经费占多少: a column inside the column just asked is its share of it
        whole = Subject(text=last, span=part.span)
        return query.model_copy(update={"subjects": (part, _same_fund(part, whole))})
    if said is None and column(part.text) is not None and (last := _last_said(env)) is not None \
            and column(last) is None and value_of(last + part.text, env) is not None:
        # 行政运行多少 / 人员经费占多少: the column of the line just asked, in that line
        return query.model_copy(update={"subjects": (
            Subject(text=last + part.text, span=part.span, label=f"{last}{part.text}"),
            Subject(text=last, span=part.span))})
    if said is None and (two := of_two_wholes(part.text)) is not None:
        raise Ambiguous(*two)  # 人员经费占比: of 基本支出 or of all spending
    if said is not None and said.text in WHOLE_ONLY and (last := _last_said(env)) is not None:
        # 政府采购总额 → 小微企业预留占全部的多少: everything, or all of what was just stated?
        raise Ambiguous(f"“占{said.text}”可以是占全部支出的比例，也可以是占上文“{last}”的比例，"
                        "请问是哪一种？",
                        (("占全部支出的比例", f"{part.text}占总支出的比例"),
                         (f"占{last}的比例", f"{part.text}占{last}的比例")))
    if said is None or general(said.text):
        columns = of_one_table(part, said, env)
        if columns is not None:
            return query.model_copy(update={"subjects": columns})
    if said is not None and not general(said.text) and value_of(said.text, env) is None \
            and (under := stated_under(said.text, part.text, env)):
        said = said.model_copy(update={"text": under})  # 采购总额: the statement the part was stated under
    if said is not None:
        whole = bare_column(said)
        if general(whole.text) and value_of(whole.text, env) is None:
            whole = whole.model_copy(update={"text": str(wholes()["general"])})
    else:
        two = _line_and_column(part.text, env)
        if two is not None:  # 一般公共服务支出的基本支出占多少: of the line, or of the column?
            line, word = two
            raise Ambiguous(f"“{part.text}”占多少，可以是占“{line}”的比例，也可以是占全部{word}的"
                            "比例，请问是哪一种？", ((f"占{line}的比例", f"{part.text}占{line}的比例"),
                             (f"占全部{word}的比例", f"{part.text}占全部{word}的比例")))
        whole = Subject(text=_unsaid(part.text, env), span=part.span)
        if query.rule in (OF_IT_RULE, COPULA_IT_RULE) and (last := _last_said(env)) is not None \
                and (general(whole.text) or column(last) is not None or query.rule == COPULA_IT_RULE):
            whole = Subject(text=last, span=part.span)  # 事业收入占它多少: 它 is what was just stated,
            # never the whole budget, nor the part's own parent when a column was said (基本支出 →
            # 基本工资占它多少)
        elif general(whole.text) and INCOME.search(part.text if said_before else query.subjects[0].text):
            # 一般公共预算拨款收入占比 (or 占比 just after it): a source of income is a share of the
            # income, never of spending
            whole = Subject(text=str(wholes()["general_income"]), span=part.span)
            part = part if said_before else query.subjects[0]
    return query.model_copy(update={"subjects": (_of_the_fund(_in_column(part, whole, env), whole),
                                                 _same_fund(part, whole))})


def _of_the_fund(part: Subject, whole: Subject) -> Subject:
    """项目支出占一般公共预算多少: a whole that is one fund holds only that fund's part — the part's
    cell of that fund, never its every-fund figure (which may be larger than the fund's share)."""
    fund = str(wholes()["columns_fund"])
    if not one_fund(whole.text):  # 一般公共预算(支出|拨款|拨款收入)
        return part
    if fund in part.text or "基金" in part.text or "国有资本" in part.text:
        return part
    return Subject(text=f"{fund}{part.text}", span=part.span, label=part.label or part.text)


def _same_fund(part: Subject, whole: Subject) -> Subject:
    """公用经费占基本支出: a column printed only in one fund's tables over a column the all-funds
    table prints is read in that fund's table, so both figures come from one table; so is a line
    over its own cell of such a column (事业运行人员经费占事业运行)."""
    funds = wholes()["all_funds_columns"]
    own, col = column(part.text), column(whole.text)
    cell = part.text.removeprefix(whole.text).lstrip("的") if part.text.startswith(whole.text) else ""
    if cell and column(cell) is not None and column(cell) not in funds and col is None:
        return Subject(text=f"{wholes()['columns_fund']}{whole.text}", span=whole.span,
                       label=whole.label or whole.text)
    if own is None or col is None or own in funds or col not in funds:
        return whole
    return Subject(text=f"{wholes()['columns_fund']}{whole.text}", span=whole.span,
                   label=whole.label or whole.text)


def _line_and_column(part: str, env: Env) -> tuple[str, str] | None:
    """X的基本支出: a line and a column of the budget — two wholes it is part of."""
    tags = tag(part, (), load_lexicon())
    if not tags or tags[-1].kind != "measure" or tags[-1].end != len(part) or column(tags[-1].text) is None:
        return None
    line = part[: tags[-1].start].rstrip("的")
    if len(line) < 2 or column(line) is not None or value_of(line, env) is None:
        return None
    return line, tags[-1].text


def bare_column(said: Subject) -> Subject:
    """全部项目支出 / 整个基本支出: a column said with general words is that column."""
    if column(said.text) is not None:
        return said
    tags = tag(said.text, (), load_lexicon())
    cols = [t for t in tags if column(t.text) is not None]
    rest = said.text
    for t in tags:  # 专项（项目支出）: a word of the same set beside the column says it again
        if column(t.text) is not None or (cols and t.kind == "set" and t.value == cols[0].value):
            rest = rest.replace(t.text, "")
    rest = re.sub(r"[()（）\s]", "", rest)
    if len(cols) != 1 or (rest and not general(rest)):
        return said
    return Subject(text=cols[0].text, span=said.span, label=said.text)


GENERAL = frozenset({"function", "operation", "docpart", "time", "unit"})
GENERAL_MEASURES = frozenset({"amount", "money"})


def general(text: str) -> bool:
    """A subject said in general words only (总预算, 总支出, 全部支出)."""
    lex = load_lexicon()
    tags = tag(text, (), lex)
    if leftovers(text, tags):
        return False
    return all(t.kind in GENERAL or (t.kind == "measure" and t.value in GENERAL_MEASURES) for t in tags)
