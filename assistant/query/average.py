"""The average rule and its answer: X 平均每项多少 — the mean of X's listed lines, with the total
and the count stated beside it.

The one wrong answer to avoid is a total stated as if it were the mean, so a question asking 平均
is answered here or declined (the coverage gate lets no other reading consume 平均:
knowledge/operations.toml). Per-person figures (人均) need a head count the tables do not tie to
the amounts: declined.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, TableData
from assistant.models import Value as Stated
from assistant.query.model import Query
from assistant.query.subjects import ORIGINAL, _subject
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

PER_PERSON = re.compile(r"人均|每人|每个人|平均每名|平均每位")
AVERAGE = re.compile(r"平均|均值|均摊")
# 每项 / 每个项目 / 一项 / 1个: the unit averaged over; 项目 said there is also the set (平均每个项目多少)
EACH = r"(?:(?:每|一|1)(?:个|项|款|类|笔|条|一项|一个|年)|每)?(项目|科目|品目)?"
BEFORE = r"(?:(?:每|一|1)(?:个|项|款|类|笔|条)?(项目|科目|品目)?)?"  # 每个项目平均多少
# 养老支出四项平均: the number of lines said before it is what the scope's listing counts anyway
COUNT_SAID = r"(?:(?:这|那)?(?:[一二三四五六七八九十两]|\d{1,2})(?:个|项|款|类))?"
ASKED = re.compile(rf"^(.*?)(?:里|中|的)?{COUNT_SAID}{BEFORE}(?:平均下来|平均|均摊)(?:下来)?{EACH}"
                   r"(?:涉及|的)?(?:资金|经费|金额|预算)?(?:是|有|要|能|安排)?(?:花)?(?:多少|几)(?:钱|万元|万|元|亿元)?"
                   r"(?:呢)?$")
PER_PERSON_RULE = "人均"
PER_YEAR_RULE = "X平均每年多少"
OVER_YEARS = re.compile(r"(?:近|最近)?(\d)(?:个)?年(?:来|间|内|的)?$")  # 科技研究开发资金三年(平均)
NOT_UNDERSTOOD = ("抱歉，没有明白要平均的是哪一组数（例如“平均每个项目多少”“经济科目平均每款多少”），"
                  "因此不给出数字，以免把合计当作平均数。")


def average(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    if PER_PERSON.search(said):
        return Query(op="average", rule=PER_PERSON_RULE)
    if not AVERAGE.search(text):
        return None  # 平均 inside a name the catalogue found is masked: no average asked
    m = ASKED.search(text)
    scope = _subject(text, *m.span(1)) if m and m.end(1) > m.start(1) else None
    named = m.group(3) or m.group(2) if m else None
    if m and scope is None and named:  # 平均每个项目多少: the set is the one the unit names
        scope = _subject(text, *m.span(3 if m.group(3) else 2))
    # 平均每个月 / 平均下来多少 with nothing to average over: asked, but not understood
    per_year = m is not None and re.search(r"(?:每|一|1)年", m.group(0)[m.end(1) - m.start(0):])
    return Query(op="average", subjects=(scope,) if scope else (), rule=PER_YEAR_RULE if per_year else
                 "X平均每项多少")


def average_answer(query: Query, env: Env) -> Answer:
    from assistant.query.compose import _listing, _show

    if query.rule == PER_PERSON_RULE:
        return Answer(status="unanswerable", text=(
            "抱歉，预算表没有按人列示金额，也没有与各项经费对应的人数，不能算出人均数；"
            "可以问某一项的金额，或某一类有几项。"))
    subject = _years_listed(query.subjects[0].text, env.runner.year) if query.subjects else None
    if subject is not None:  # 24、25、26三年平均每年: the last three years, said one by one
        said = query.subjects[0].model_copy(update={"text": subject})
        query = query.model_copy(update={"subjects": (said,)})
    years = OVER_YEARS.search(query.subjects[0].text) if query.subjects else None
    if years is not None:  # 三年平均: the mean of the line's figure in each of the last N years
        return _over_years(query.subjects[0].text[: years.start()], int(years.group(1)), env)
    if query.rule == PER_YEAR_RULE:  # 平均每年 with no run of years read: never a mean of its lines
        return Answer(status="unanswerable", text=NOT_UNDERSTOOD)
    found = _listing(query.subjects[0].text, env) if query.subjects else None
    if found is None or not found[1][0]:
        return _of_the_last_two(query, env) or _of_a_count_stated(env) \
            or _of_a_count_named(query.subjects[0].text if query.subjects else "", env) \
            or Answer(status="unanswerable", text=NOT_UNDERSTOOD)
    listed, (lines, unit) = found
    scope = query.subjects[0].text
    total = sum((Decimal(str(a)) for _, a in lines), Decimal(0))
    mean = _mean(total, len(lines))
    listing = "；".join(f"{name} {_show(amount, unit)}" for name, amount in lines)
    return Answer(
        status="answered",
        text=(f"按“{scope}平均每项”理解：共 {len(lines)} 项，合计 {_show(float(total), unit)}，"
              f"平均每项 {_show(float(total), unit)} ÷ {len(lines)} ≈ {_show(float(mean), unit)}。"
              f"各项为：{listing}。"),
        values=_stated(mean, total, len(lines), unit,
                       (f"{scope}平均每项", f"{scope}合计", f"{scope}项数"), "个"),
        citations=listed.citations,
        table=TableData(columns=["名称", f"金额（{unit}）"], rows=[[n, a] for n, a in lines]),
    )


LISTED_YEARS = re.compile(r"((?:(?:20)?\d{2}年?[、，,和与及])+(?:20)?\d{2}年?)(?:这|那)?"
                          r"(\d|[两二三四五])个?年$")
_N = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _years_listed(text: str, year: int) -> str | None:
    """X24、25、26三年: the years said one by one are the last N years up to the document's — then
    the subject is X3年; any other years said are not what _over_years averages (None)."""
    m = LISTED_YEARS.search(text)
    if m is None:
        return None
    said = [2000 + int(y[-2:]) for y in re.findall(r"\d{2,4}", m.group(1))]
    n = _N.get(m.group(2)) or int(m.group(2))
    return text[: m.start()] + f"{n}年" if said == list(range(year - n + 1, year + 1)) else None


def _over_years(subject: str, n: int, env: Env) -> Answer:
    """X三年平均: X in each of the last n years (the document year and those before it), averaged;
    a year the document does not give makes no mean."""
    from assistant.plan.values import value_of
    from assistant.query.compose import _show

    subject = subject.rstrip("的近最")
    years = list(range(env.runner.year - n + 1, env.runner.year + 1))
    found = [value_of(subject, env, y) for y in years] if subject and n > 1 else []
    if not found or any(f is None for f in found) or len({f[0].unit for f in found if f}) != 1:
        return Answer(status="unanswerable", text=(
            f"抱歉，文件没有给出“{subject}”{years[0]}—{years[-1]}年每一年的数，不能算出这几年的平均数。"))
    values = [f[0] for f in found if f is not None]
    unit = values[0].unit
    total = sum((Decimal(str(v.amount)) for v in values), Decimal(0))
    mean = (total / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    each = "；".join(f"{y}年 {_show(v.amount, unit)}" for y, v in zip(years, values, strict=True))
    return Answer(
        status="answered",
        text=(f"按“{subject}{years[0]}—{years[-1]}年平均每年”理解：{each}；合计 {_show(float(total), unit)}，"
              f"平均每年 {_show(float(total), unit)} ÷ {len(values)} ≈ {_show(float(mean), unit)}。"),
        values=[Stated(value=float(mean), unit=unit, label=f"{subject}{n}年平均"),
                *(Stated(value=v.amount, unit=unit, label=f"{y}年{subject}")
                  for y, v in zip(years, values, strict=True))],
        citations=[c for v in values for c in v.citations],
    )


COUNTED_UNITS = frozenset({"个", "项"})


def _of_the_last_two(query: Query, env: Env) -> Answer | None:
    """编报绩效目标的项目有几个 → 涉及多少钱 → 平均一个项目多少: the money just stated over the count
    stated the turn before, when both answers were about the same thing; None otherwise."""
    from assistant.dialogue.stated import MONEY, single
    from assistant.query.compose import _show

    turns = env.conv.turns[-2:]
    if env.depth > 0 or len(turns) != 2 or any(t.status != "answered" for t in turns):
        return None
    about = [{m.name for m in t.entities} for t in turns]
    if not about[0] or about[0] != about[1]:
        return None  # the count and the money of different things make no mean
    counts = [r for t in turns for r in t.results if r["unit"] in COUNTED_UNITS]
    money = [v for v in (single(t) for t in turns) if v is not None and v.unit in MONEY]
    if len(counts) != 1 or len(money) != 1 or not float(counts[0]["amount"]) > 0:
        return None
    total, n, unit = Decimal(str(money[0].amount)), int(counts[0]["amount"]), money[0].unit
    if n != counts[0]["amount"]:
        return None
    mean, each = _mean(total, n), str(counts[0]["unit"])
    scope = next(iter(about[0]))
    return Answer(
        status="answered",
        text=(f"按“上文{scope}的金额平均到每个”理解：{money[0].label} {_show(float(total), unit)}，"
              f"共 {n} {each}，平均每{each} {_show(float(total), unit)} ÷ {n} "
              f"≈ {_show(float(mean), unit)}。"),
        values=_stated(mean, total, n, unit,
                       (f"{scope}平均每{each}", money[0].label, str(counts[0]["label"])), each),
        citations=[*money[0].citations, *(c for t in turns for r in t.results if r is counts[0]
                                          for c in _cites(r))],
    )


COUNT_ASKED = re.compile(r"(?:一共|总共|共)?(?:有|是)?(?:几|多少)(?:个|项)")
FUNDS_ASKED = "涉及多少资金"
SAME_STATEMENT = 1  # lines apart a count and an amount may be printed and still be one statement


def _of_a_count_stated(env: Env) -> Answer | None:
    """绩效目标项目有几个 → 平均每个项目多少: the amount the statement that gave the count prints
    beside it (…共25个…涉及资金11,381.60万元), over that count — the same things, one statement."""
    last = env.conv.last
    if env.depth > 0 or last is None or last.status != "answered" or not COUNT_ASKED.search(last.question):
        return None
    counts = [r for r in last.results if r["unit"] in COUNTED_UNITS]
    if len(counts) != 1:
        return None
    r = counts[0]
    return _mean_of_statement(str(r["label"]), float(r["amount"]), str(r["unit"]), _cites(r), env)


def _of_a_count_named(scope: str, env: Env) -> Answer | None:
    """编报绩效目标的项目平均每个涉及资金多少: the count of what is named asked first, as its own
    question, then the amount its statement prints beside it, over that count."""
    from assistant.plan.values import ask

    if env.depth > 0 or not scope:
        return None
    answer = ask(f"{scope}有几个", env).answer
    counted = [v for v in (answer.values if answer is not None and answer.status == "answered" else [])
               if v.unit in COUNTED_UNITS]
    if answer is None or len(counted) != 1 or not answer.citations:
        return None
    return _mean_of_statement(counted[0].label, counted[0].value, counted[0].unit, answer.citations[:1], env)


def _mean_of_statement(label: str, amount: float, each: str, cites: list[Citation],
                       env: Env) -> Answer | None:
    from assistant.plan.values import ask
    from assistant.query.compose import _show

    if not amount > 0 or not cites or int(amount) != amount:
        return None
    what = label.removesuffix("数量").removesuffix("数")  # the statement's own words
    answer = ask(what + FUNDS_ASKED, env).answer
    at = cites[0]
    money = [v for v in (answer.values if answer is not None and answer.status == "answered" else [])
             if v.unit in ("万元", "元", "亿元")]
    cited = [c for c in (answer.citations if answer is not None else [])
             if c.table == at.table and c.line is not None and at.line is not None
             and abs(c.line - at.line) <= SAME_STATEMENT]
    if len(money) != 1 or not cited:
        return None
    total, n, unit = Decimal(str(money[0].value)), int(amount), money[0].unit
    mean = _mean(total, n)
    return Answer(
        status="answered",
        text=(f"按“{what}的金额平均到每{each}”理解：{what}共 {n} {each}，同一处写明涉及资金 "
              f"{_show(float(total), unit)}，平均每{each} {_show(float(total), unit)} ÷ {n} "
              f"≈ {_show(float(mean), unit)}。"),
        values=_stated(mean, total, n, unit, (f"{what}平均每{each}", f"{what}涉及资金", what), each),
        citations=[*cited, at],
    )


def _cites(r: dict[str, object]) -> list[Citation]:
    return [Citation(**c) for c in r.get("citations") or []]  # type: ignore[union-attr]


def _mean(total: Decimal, n: int) -> Decimal:
    return (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _stated(mean: Decimal, total: Decimal, n: int, unit: str, labels: tuple[str, str, str],
            counted: str) -> list[Stated]:
    """The mean first, then the total and the count it was worked from."""
    return [Stated(value=float(mean), unit=unit, label=labels[0]),
            Stated(value=float(total), unit=unit, label=labels[1]),
            Stated(value=n, unit=counted, label=labels[2])]
