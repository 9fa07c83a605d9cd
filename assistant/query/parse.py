"""Composition rules: tag sequences of a question -> typed `Query` candidates.

Each rule is one small function over the normalised text and its tags, tried in `RULES` order
(sqlglot's optimizer style). Operation words come from the lexicon (knowledge/lexicon/
operation.toml); a rule only says how they combine with the subjects around them. A rule that
does not fit returns None; the first complete reading wins, and coverage checks it used the
whole question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.dialogue.than_it import than_named
from assistant.query.agree import agree
from assistant.query.average import average
from assistant.query.breakdown import breakdown
from assistant.query.change import change, series, years_said
from assistant.query.code import code
from assistant.query.count import count
from assistant.query.each import each
from assistant.query.executed import executed
from assistant.query.explain import explain
from assistant.query.fields import fields
from assistant.query.model import LESS_THE_LAST, Query, Subject
from assistant.query.most import most
from assistant.query.nth_listed import nth_listed
from assistant.query.organisation import said, unit_listed
from assistant.query.position import position
from assistant.query.ranking import ranking
from assistant.query.reverse import reverse
from assistant.query.share import share
from assistant.query.special_parts import special_part
from assistant.query.split import split_rule
from assistant.query.subjects import (
    IT,
    MASK,
    ORIGINAL,
    PROTECTED,
    _alt,
    _split_free,
    _subject,
    _subjects_in_order,
    adjacent_names,
    asked_in_unit,
    tail_shared,
)
from assistant.query.table import table
from assistant.query.threshold import threshold
from assistant.query.total import total
from assistant.query.units_count import units_count
from assistant.query.usage import usage
from assistant.tag import Lexicon


def _ratio(text: str, lex: Lexicon) -> Query | None:
    """A 是 B 的几倍 (or, after a figure, 是 B 的几倍: 它 is the thing just stated)."""
    times = f"(?:{_alt(lex.of('operation', 'ratio'))})(?:多|呢)?$"
    hedge = "(?:大概|大约|约|差不多|大致)?"  # hedges the figure asked, names nothing
    unsaid = re.search(rf"^(?:那|那么)?(?:它|这|这个)?{hedge}(?:是|为|相当于)(.+?)的?{times}", text)
    if unsaid:
        b = _subject(text, *unsaid.span(1))
        return Query(op="ratio", subjects=(Subject(text="它", span=(0, 0)), b), rule="（上文）是B的几倍") \
            if b else None
    # 的 may be left out (A是B几倍)
    m = re.search(rf"^(.+?){hedge}(?:是|为|相当于)(.+?)的?{times}", text)
    if not m:
        return None
    a, b = _subject(text, *m.span(1)), _subject_or_it(text, *m.span(2))  # 城乡社区支出是它的几倍
    return Query(op="ratio", subjects=_one_column(a, b), rule="A是B的几倍") if a and b else None


def _except(text: str, lex: Lexicon) -> Query | None:
    """除了 A(以外)，其他/剩下 … (加起来) 多少."""
    # the whole may be said before 除了 with or without 里 (工资福利支出除了奖金，其他的合计)
    pattern = (r"^(?:(.+?)(?:里面|里|中|之中|当中)?[,，]?)?"
               r"(?:除了|除去|除开|除掉|去掉|扣除|扣掉|减去|减掉|不算|不计|不含|不包括|不包含|不属于|刨去|刨除|除)"
               r"((?:(?!以外|之外)[^,，])+?)"
               r"(?:(?:以外|之外|以后|之后|外|在内)?(?:的话)?[,，]?(?:其他|其余|剩下|剩余|别的|还剩|还有(?=多少))"
               r"|(?:以外|之外)的?(?=合计|总额|总和|加起来|一共|总共|共计|部分)"  # 除了A以外的合计
               # 扣除A后是多少 / 去掉A之后还有多少: what is left once A is taken away
               r"|(?:以外|之外|以后|之后|后)?(?:的话)?(?=[,，]?(?:的|剩下的?|剩余的?)?(?:部分)?(?:是|为|有|还有|还剩|剩)?多少))")
    # 其他支出 is also a line's name (masked as one): after 除了 A it says "the rest" all the same
    m = re.search(pattern, text) or re.search(pattern, ORIGINAL.get() or text)
    if not m:  # 除了 A(以外)，B 还有/还剩多少: the rest of B
        rest = re.search(r"^(?:除了|除去|除开|除掉|除)(.+?)(?:以外|之外|外[,，]|[,，])[,，]?(.+?)"
                         r"(?:还有|还剩|剩下的?|剩余的?|剩|其他的?|其余的?|别的)(?:几项|几个|几类|几款)?"
                         r"(?:加起来|加在一起|一共|合计|总共|共)?(?:是|有)?(?:多少|几)?(?:钱|万元|元|万)?$",
                         ORIGINAL.get() or text)
        rest = rest or re.search(r"^(?:除了|除去|除开|除掉|除)(.+?)(?:以外|之外)的(.+?)"  # 除了A以外的B合计
                                 r"(?:合计|加起来|一共|总共|共计|总额)(?:是|有)?(?:多少)?(?:钱)?$",
                                 ORIGINAL.get() or text)
        if rest is None:
            return _less_the_last(text)
        a = _subject(text, *rest.span(1))
        scope = _subject(text, *rest.span(2))
        return Query(op="except", subjects=(a, scope), rule="除了A，B还有多少") if a and scope else None
    a = _subject(text, *m.span(2))
    scope = _subject(text, *m.span(1)) if m.group(1) else None
    if a is None:
        return None
    pieces = [p for p in _split_free(a) if p]  # 除了A和B: both are left out
    also: tuple[Subject, ...] = ()
    if len(pieces) > 1:
        a = Subject(text=pieces[0], span=(a.span[0], a.span[0] + len(pieces[0])))
        also = tuple(Subject(text=p, span=a.span) for p in pieces[1:])
    # 不算公务用车的话是多少 with no whole said and no 其他: the rest of what was just asked, or nothing
    said = (ORIGINAL.get() or text)[m.end(2): m.end()]  # (其他支出 is masked as a name in `text`)
    alone = scope is None and not re.search(r"其他|其余|剩|别的|还有|以外|之外|外", said)
    return Query(op="except", subjects=(a, scope) if scope else (a,), also=also,
                 rule=LESS_THE_LAST if alone else "（B里）除了A其他合计")


def _less_the_last(text: str) -> Query | None:
    """(三公经费多少 →) 去掉公务接待费呢: one thing taken out, said alone — of what was just asked."""
    bare = re.fullmatch(r"(?:那|那么)?(?:去掉|除去|扣除|扣掉|减去|减掉|不算|不含|不包括|刨去)([^,，]+?)"
                        r"(?:的话)?(?:呢|是多少|多少|还剩多少|还有多少|剩多少)?", text)
    a = _subject(text, *bare.span(1)) if bare else None
    return Query(op="except", subjects=(a,), rule=LESS_THE_LAST) if a else None


def _diff(text: str, lex: Lexicon) -> Query | None:
    """A 比 B 多/少/高/低 多少 | A 和 B 相差多少."""
    m = re.search(r"^(.+?)比(.+?)(?:多了|少了|多|少|高|低)(?:花了|花|用了|用)?(?:出来|出)?(?:了)?(?:多少|几)?"
                  r"(?:钱|万元|元|万)?$", text)  # 多花多少: 花 says money, not a part of B's name
    if m and not re.search(r"\d{4}年", m.group(2)):
        a, b = _subject_or_it(text, *m.span(1)), _subject_or_it(text, *m.span(2))
        b = _head_said_once(a, b, m.group(2))
        return Query(op="diff", subjects=_one_column(a, b), rule="A比B多多少") if a and b else None
    # A和B哪个多 / 哪个钱多 / 哪个花得多: compared, the larger said
    which = r"(?:哪个|哪一个|哪项|谁)(?:的钱|钱|花得|花钱|花的钱|预算)?更?(?:多|大|高|少|小|低)"
    m = re.search(rf"^(.+?)(?:和|与|跟|、)(.+?)(?:相比|比较|比)?(?:两者|二者|这?[两2][个项])?(?:之间)?"
                  rf"(?:相差|差|差额|差距|{which})(?:了|有)?(?:是)?(?:多少|几|多大)?"
                  r"(?:钱|万元|元|万)?(?:一些|一点)?"
                  # 哪个多？多多少: which, and by how much — one difference
                  r"(?:[?？,，]?(?:多多少|多了多少|多出多少|差多少|相差多少|少多少|差了多少)(?:钱|万元|元|万)?)?$",
                  text)
    if m:
        a, b = _subject(text, *m.span(1)), _subject(text, *m.span(2))
        return Query(op="diff", subjects=_one_column(a, b), rule="A和B相差多少") if a and b else None
    return None


def _subject_or_it(text: str, start: int, end: int) -> Subject | None:
    """A subject, or 它 (购房补贴比它多多少: the thing just stated, dialogue/units.it_stated)."""
    said = (ORIGINAL.get() or text)[start:end]
    return Subject(text=IT, span=(start, end)) if said == IT else _subject(text, start, end)


def _one_column(*subjects: Subject) -> tuple[Subject, ...]:
    """本级项目支出比招商服务中心多多少 / 本级和招商服务中心项目支出加起来: one thing said with a
    column of the budget and the others with none — the column holds for them all."""
    from assistant.plan.columns import column
    from assistant.tag import load_lexicon, tag

    said = []
    for s in subjects:
        tags = tag(s.text, (), load_lexicon())
        last = tags[-1] if tags and tags[-1].end == len(s.text) and column(tags[-1].text) else None
        # the end of a name the catalogue found (…聘用人员经费 is a project) says no column
        named = last is not None and any(a < s.span[0] + last.start < b for a, b in PROTECTED.get())
        said.append(last.text if last is not None and last.start >= 2 and not named else None)
    words = {w for w in said if w}
    if len(words) != 1 or said.count(None) == 0 or any(column(s.text) for s in subjects):
        return tuple(subjects)
    word = words.pop()
    return tuple(s if w else s.model_copy(update={"text": f"{s.text}{word}"})
                 for s, w in zip(subjects, said, strict=True))


def _head_said_once(a: Subject | None, b: Subject | None, said: str) -> Subject | None:
    """面向小微企业的采购额比面向中小企业的少多少: B ends in 的 and leaves out the head A names
    after its own 的 (采购额), so B is read with A's head."""
    if a is None or b is None or not said.rstrip().endswith("的") or "的" not in a.text:
        return b
    head = a.text.rsplit("的", 1)[1]
    if len(head) < 2 or head in b.text:
        return b
    return b.model_copy(update={"text": f"{b.text}的{head}"})


MONEY_UNITS = "亿元|万元|元|万"  # 加起来多少万元: the unit asked, no thing of its own


def _sum(text: str, lex: Lexicon) -> Query | None:
    """A、B(和|加|与)C … 加起来/一共/合计 多少."""
    total = _alt(lex.of("operation", "sum"))
    # 这几样 / 这三样 / 这3项 / 这些: the things just listed, counted (三样 is 3样 once normalised)
    many = r"这?(?:几|两|\d+)(?:样|项|个|笔|类|种|块)|这些"
    m = re.search(rf"^(.+?)(?:{many})?(?:{total})+(?:是|有)?(?:多少|几)?(?:钱|{MONEY_UNITS})?$", text) \
        or re.search(rf"^(.+?、.+?)(?:{many})(?:\d{{4}}年)?(?:要|能)?(?:花|用)?了?(?:是|有)?多少钱?$", text)
    # A加B(加C)(今年的预算)多少: 加 between the things said is the sum itself
    m = m or re.search(rf"^(.+?加(?!起来|在一起|一起|一块)上?.+?)(?:\d{{4}}年|\d年)?的?(?:预算|安排)?"
                       rf"(?:是|有|为)?(?:多少|几)?(?:钱|{MONEY_UNITS})?$", text)
    # A、B、C、D四个专项加起来: each thing listed is an 专项 (A专项 …)
    kinds = re.search(rf"^(.+?(?:、|和|与|及).+?)这?(\d+|几)个({KIND_NOUNS})的?(?:{total})+(?:是|有)?"
                      rf"(?:多少|几)?(?:钱|{MONEY_UNITS})?$", text)
    m, kind = (kinds, kinds.group(3)) if kinds else (m, None)
    if not m:  # A、B、C这几样(今年)花多少钱: a list counted by 这几样 is summed too
        return None
    body = m.group(1)
    if re.match(r"^(?:那)?再?加上", body):
        return None  # 加上A和B一共多少: added to what was said before (dialogue/composed.py), not A+B
    parts = [p for p in re.split(r"[、,，]|(?:加上|加|和|与|及|以及|跟)", body) if p.strip()]
    if len(parts) == 1:  # 水费电费加一起: two names said side by side
        parts = adjacent_names(parts[0], text.find(parts[0]))
    if len(parts) < 2:
        return None
    subjects = _subjects_in_order(text, parts)
    if subjects and kind is not None:
        if m.group(2) != "几" and int(m.group(2)) != len(subjects):
            return None  # 三个专项 after four names: which three is not said
        subjects = [s if s.text.endswith(kind) else s.model_copy(update={"text": s.text + kind})
                    for s in subjects]
    return Query(op="sum", subjects=_one_column(*tail_shared(tuple(subjects))), rule="A、B加起来") \
        if subjects else None


KIND_NOUNS = "专项|项目|科目|单位"  # 四个专项 after a list: what each thing listed is


Rule = Callable[[str, Lexicon], Query | None]
# code / reverse / count / ranking / breakdown / table read a whole question of their own shape; count (before
# 几个), ranking (最多 / 第二大), breakdown (包括哪些) and table (a name, 有没有) read the widest: tried last
RULES: tuple[Rule, ...] = (code, explain, reverse, nth_listed, units_count, said, usage, average, agree,
                          split_rule, threshold, than_named, fields, _except, change, series, years_said,
                          _ratio, share, most, position, _diff, _sum, each, executed, count, ranking,
                          breakdown, table, total, special_part, unit_listed)


# the rules that read a question of their own shape, also when it is a part of a composed one
# (预算09表 in 预算09表和预算10表都是空的吗 is read as a question of its own)
WHOLE_RULES: tuple[Rule, ...] = (code, explain, reverse, nth_listed, executed, said, usage, count, ranking,
                                breakdown, table, total, special_part, unit_listed)


def parse(text: str, lex: Lexicon, names: tuple[tuple[int, int], ...] = (),
          rules: tuple[Rule, ...] = RULES) -> Query | None:
    """The first rule's reading; `names` are the spans of names in the text, never split."""
    found = parse_at(text, lex, names, rules)
    return found[1] if found is not None else None


def parse_at(text: str, lex: Lexicon, names: tuple[tuple[int, int], ...] = (),
             rules: tuple[Rule, ...] = RULES, start: int = 0) -> tuple[int, Query] | None:
    """The first reading of the rules from `start` on, with the place of the rule that read it:
    a rule whose answer finds nothing leaves the question to the rules after it."""
    offset = text.find(clean := text.strip(" ?？。.!！"))
    clean = asked_in_unit(clean)  # (换成万元 at the end: 多少万元, after every name's span)
    spans = tuple((max(a - offset, 0), min(b - offset, len(clean))) for a, b in names)
    masked = list(clean)
    for a, b in spans:  # a rule never splits inside a name (大数据中心 at 中)
        masked[a:b] = MASK * (b - a)
    token, original = PROTECTED.set(spans), ORIGINAL.set(clean)
    try:
        for at in range(start, len(rules)):
            query = rules[at]("".join(masked), lex)
            if query is not None:
                return at, query
        return None
    finally:
        PROTECTED.reset(token)
        ORIGINAL.reset(original)
