"""Follow-ups the conversation turns into composed questions (pipeline/context.py reads them
again as such): the rate of a change just asked, the place by amount in a list just given, the
same question of another fund, the figure just stated added to or compared with a thing named
now, and the same operation with another first thing (公务接待费占三公经费 → 因公出国费呢)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core, _measure_words, _strip
from assistant.fmt import MONEY_UNITS
from assistant.models import Match, Question
from assistant.pipeline.base import Turn

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


# A change asked against another year (X比去年增加多少): X, the thing compared
_COMPARED = re.compile(r"^(?:今年|本年|\d{4}年)?(.*?)(?:的)?(?:比|较|同比|与|跟|和)"
                       r"(?:去年|上年|上一年|前年|\d{4}年)")


_RATE_ASKED = re.compile(r"(?:增长|下降|增加|减少|上涨|下跌|变动|变化)?"
                         r"(?:增幅|降幅|涨幅|跌幅|幅度|增长率|下降率)|百分之|几成|百分点")
_CHANGE_TAIL = re.compile(r"(?:增加|增长|减少|下降|上涨|涨|降|多|少)了?(?:多少|几)?.*$")


_CHANGE_ASKED = re.compile(r"^(?:那|那么)?(?:比(?:去年|上年)|同比|较上年)?"
                           r"(?:增加|增长|减少|下降|上涨|涨|降|增减|变化|变动|增幅|降幅|涨幅|增长率|幅度)")


def _change_of_total(text: str, last: Turn, own: list) -> str | None:
    """今年总预算多少 → 涨了多少 / 增长率呢: the total just given (a rule's answer names no line) from
    the year before, as the 说明 states its change."""
    query = last.query
    if own or query is None or query.op != "total" or not _CHANGE_ASKED.search(text):
        return None
    asked = re.sub(r"(?:是|有|为)?(?:多少|几)(?:钱)?(?:呢)?[?？。]*$", "", last.question).strip(" ,，、的")
    # 今年一共多少钱 names nothing but the whole: its change is the 说明's reading of a bare 涨了百分之几
    named = re.sub(r"一共|总共|合计|共计|总计|加起来|今年|本年|\d{4}年|能|要|花|用|有", "", asked)
    return f"{asked}{text}" if named else None


_IN_WHOLE = re.compile(r"^(?:那|那么)?(?:在)?(.{2,16}?)表?(?:里面|里|中|当中|上)(?:呢|是多少|多少|有多少)?$")
WHOLE_KINDS = frozenset({"table", "term", "narrative"})


def _in_the_whole(text: str, last: Turn, own: list) -> str | None:
    """公务用车运行维护费经济分类里多少 → 三公表里呢: the line just asked, as the whole named now (a
    table, a topic of the 说明) prints it — never that whole's own total."""
    m = _IN_WHOLE.match(text)
    lines = list(dict.fromkeys(e.name for e in last.entities if e.kind not in WHOLE_KINDS))
    if m is None or len(lines) != 1 or last.status != "answered" or lines[0] in text:
        return None
    if not own or any(e.kind not in WHOLE_KINDS for e in own):
        return None  # 行政运行里呢: a line named is no whole of another line
    return f"{m.group(1)}里{lines[0]}多少"


def _rate_of_a_change(text: str, prev: str, own: list, env: Env) -> str | None:
    """科学管理事务支出比去年增加多少 → 增长百分之几: the rate of the same change."""
    if own or not _RATE_ASKED.search(text) or _core(_RATE_ASKED.sub("", text), env):
        return None  # (more than the rate is asked)
    said, last = _COMPARED.search(prev), env.conv.last
    query = last.query if last is not None else None
    if (said is None or not said.group(1).strip()) and query is not None and query.op == "change" \
            and len(query.subjects) == 1 and len(query.years) == 2:
        # 今年预算多少 → 比去年多了多少 (or X减少了多少, no year said) → 涨了百分之几: the change of
        # the thing the query named, asked for the rate; 0 and -1 are this year and the one before
        later, earlier = sorted((y if y > 0 else env.runner.year + y for y in query.years), reverse=True)
        return f"{query.subjects[0].text}{later}年比{earlier}年增长百分之几"
    if said is None or not _CHANGE_TAIL.search(prev):
        return None
    return _CHANGE_TAIL.sub("增长百分之几", prev, count=1)


def _nth_by_amount(after: str, n: int, last: Turn) -> str | None:
    """第二大 / 第三少 after a list of figures: the label at that place by amount (None when the
    words after 第N give no direction, or equal amounts share the place)."""
    if not after[:1] or after[0] not in "大多高小少低" or after.startswith("多少"):
        return None  # 第一个多少钱: the first of the list as listed, not the largest
    money = [r for r in last.results if r.get("unit") in ("万元", "元", "亿元")]
    if not money and last.query is not None and last.query.op == "count" and last.query.subjects:
        # 项目支出有几个项目 (names, no figures) → 第二多的是哪个: that set ranked, never the 2nd listed
        return f"{last.query.subjects[0].text}里第{n}{after[0]}的"
    ordered = sorted(money, key=lambda r: float(r["amount"]), reverse=after[0] in "大多高")
    if not 0 < n <= len(ordered) or sum(r["amount"] == ordered[n - 1]["amount"] for r in ordered) > 1:
        return None
    return str(ordered[n - 1]["label"])


FUNDS = ("一般公共预算", "政府性基金", "国有资本经营预算", "国有资本经营")


def _switch_fund(text: str, prev: str, env: Env) -> str | None:
    """政府性基金项目支出多少 → 一般公共预算呢: the same question of the other fund."""
    said = next((f for f in FUNDS if f in text), None)
    before = next((f for f in FUNDS if f in prev), None)
    if said is None or before is None or said == before or _core(_strip(text, (said,)), env):
        return None
    return prev.replace(before, said, 1)


WITH_ANOTHER = re.compile(r"^(?:那)?(?:和|跟|与|同|加上|再加上|加)(.+?)"
                          r"(?:加起来|加在一起|加一起|一共|合计|总共|的和|之和)?(?:是|有)?(?:多少)?(?:钱)?呢?$")


ADDED_AFTER = re.compile(r"^(?:那)?(?:再)?(?:把)?([\u4e00-\u9fff]{2,12}?)(?:再)?加上(?:去|来)?(?:的话)?"
                         r"(?:一共|总共|合计|加起来|一起)(?:是|有)?(?:多少)?(?:钱)?呢?$")
SUMMED_WORDS = re.compile(r"加|一共|合计|总共|之和|的和")  # 和Y呢 alone asks Y, not a sum


THAN_ANOTHER = re.compile(r"^(?:那)?(?:它)?比(.+?)(?:多了|少了|多|少|高|低)(?:出来|出)?"
                          r"(?:多少|几)(?:钱|(亿元|万元|元))?呢?$")  # 比基本支出多多少万元: in the unit asked


# 跟租赁费相比呢 / 和租赁费比怎么样: the figure just stated against the thing named now
COMPARED_WITH = re.compile(r"^(?:那)?(?:跟|和|与|同)(.+?)(?:相比|比较|对比|比)(?:的话)?"
                           r"(?:呢|怎么样|如何|多多少|差多少)?$")


def _sum_with(text: str, last: Turn) -> str | None:
    """津贴补贴多少 → 和基本工资加起来: the figure just stated and the thing named now, added up;
    机关运行经费多少 → 比三公经费多多少: the figure just stated less the thing named now."""
    money = [r for r in last.results if r.get("unit") in ("万元", "元", "亿元")]
    than = THAN_ANOTHER.search(text) or COMPARED_WITH.search(text)
    if than is not None and len(money) == 1 and len(than.group(1)) >= 2 \
            and not re.search(r"\d{4}年", than.group(1)):
        unit = than.group(2) if than.re is THAN_ANOTHER else None
        return f"{money[0]['label']}比{than.group(1)}多多少{unit or ''}"
    after = ADDED_AFTER.search(text)  # 水费加上一共多少: the thing named first, then 加上
    if after is not None and len(money) == 1 and len(after.group(1)) >= 2:
        return f"{money[0]['label']}和{after.group(1)}加起来多少"
    m = WITH_ANOTHER.search(text)
    if m is None or len(money) != 1 or len(m.group(1)) < 2:
        return None
    # 加班费呢: a 加 that begins a name adds nothing — the sum is said after the thing, or by 加上
    if not SUMMED_WORDS.search(text[m.end(1):]) and not re.match(r"^(?:那)?(?:再)?加上", text):
        return None
    return f"{money[0]['label']}和{m.group(1)}加起来多少"


SWAPPED_OPS = frozenset({"share", "ratio", "change", "diff"})
YEAR_SAID = re.compile(r"(?:19|20)\d{2}年")
CHANGE_SAID = re.compile(r"比|较|增|减|涨|降|变|多|少|幅|率")


UMBRELLA = re.compile(r"^(?:那)?(?:这两项)?([\u4e00-\u9fff]{2,6}?)(?:一共|加起来|合计|总共|加在一起)"
                      r"(?:是|有)?(?:多少)?(?:钱)?呢?$")


def _umbrella_sum(text: str, answered: list[Turn]) -> str | None:
    """行政单位医疗多少 → 事业单位呢 → 医疗一共多少: the word said names both figures just stated,
    so their sum is asked (never the last one alone)."""
    m = UMBRELLA.search(text)
    if m is None or len(answered) < 2:
        return None
    labels = []
    for turn in answered[-2:]:
        money = [r for r in turn.results if r.get("unit") in MONEY_UNITS]
        if len(money) != 1:
            return None
        labels.append(str(money[0]["label"]))
    word = m.group(1)
    if labels[0] == labels[1] or not all(word in label for label in labels):
        return None
    return f"{labels[0]}和{labels[1]}加起来多少"


def _swap_part(text: str, prev: str, own: list[Match], env: Env, last: Turn | None = None,
               raw: str = "") -> str | None:
    """公务接待费占三公经费多少 → 因公出国费呢: the same operation with the first thing replaced —
    never the new thing's bare amount."""
    from assistant.query.parse import parse
    from assistant.tag import load_lexicon

    columns = _measure_words(text, env)
    if own and len({m.name for m in own}) == 1 and own[0].span is not None:
        word = text[own[0].span[0]: own[0].span[1]]  # 人员经费呢 / 因公出国费呢: as typed
    elif not own and len(columns) == 1:
        word = columns[0][1]  # 人员经费占基本支出多少 → 公用经费呢: a column for a column
    elif not own and not columns and (named := _bare_name(text, raw, env)) is not None:
        word = named  # 网络安全运营服务项目呢: a name the catalogue holds only in part
    else:
        return None
    if _core(_strip(text, (word, "那")), env):
        # 一般公共预算拨款支出呢 read by a shorter name (一般公共预算): the follow-up's whole name
        word = _bare_name(text, raw, env) or ""
        if not word or _core(_strip(text, (word, "那")), env):
            return None
    names = tuple(m.span for m in env.index.match(Question(text=prev, raw=prev)) if m.span and m.score >= 100)
    query = parse(prev, load_lexicon(), names)
    if query is None or query.op not in SWAPPED_OPS or not query.subjects:
        return None
    changed = CHANGE_SAID.search(_strip(text, (word, "多少")))
    if query.op == "change" and not changed and (YEAR_SAID.search(text) or "多少" in text):
        return None  # X比2024年增加多少 → Y去年是多少 / Y多少: that figure is asked, not its change
    if query.op == "share" and len(query.subjects) == 1 and last is not None:
        # 其中住房公积金占多少 (its whole from the conversation) → 购房补贴呢: the same whole, said
        money = [r for r in last.results if r.get("unit") in MONEY_UNITS]
        if len(money) == 2 and word not in prev:
            return f"{word}占{money[1]['label']}多少"
        return None
    a, b = query.subjects[0].span
    implied = a == b and query.subjects[0].text in IMPLIED  # 占B多少: the part was the turn before's
    if (prev[a:b] != query.subjects[0].text and not implied) or word in prev:
        return None
    return prev[:a] + word + prev[b:]


IMPLIED = frozenset({"它"})  # how parse names a part the question leaves to the conversation
NAME_MIN = 2  # characters a bare follow-up name needs (支出呢)
COUNTED_ONLY = re.compile(r"^[这那]?[两二几\d]?[项个者样]$|^[这那][个些]$")  # 两项呢 / 那个呢 name nothing


def _bare_name(text: str, raw: str, env: Env) -> str | None:
    """网络安全运营服务项目呢: the follow-up is a name and nothing else (no operation, measure, year
    or number of its own), so the question before is asked of it."""
    if not re.search(r"呢[?？。!！\s]*$", raw) or re.search(r"\d", text):
        return None
    # only the follow-up's own frame goes (那…的呢): stop words inside a name (共 of 一般公共) stay
    word = re.sub(r"^(?:那么|那)|的?[呢吗]?[?？。!！\s]*$", "", text)
    if len(word) < NAME_MIN or COUNTED_ONLY.match(word) or any(env.k.has(g, text) for g in ASKS_MORE):
        return None
    if word in env.k.words.get("sides", ()) or word in env.k.measures:
        return None  # 支出呢 / 人员经费呢: another side or column of the same thing
    return word


# word groups (knowledge/intents.toml) that make a follow-up ask something besides a name
ASKS_MORE = ("share", "compare", "sum", "total", "ranking", "ranking_max", "ranking_min", "count",
             "breakdown", "fields", "deictic", "self_refs", "executed", "usage", "empty")


SUM_SHARE = re.compile(r"^(?:那)?(?:这|那)?(?:[2-4两二三四])?(?:项|个|者)?"
                       r"(?:加起来|加在一起|合计|一共|总共|合起来)(?:占|在)(.+?)(?:中|里)?(?:的)?(?:比例|比重|占比|百分之几|百分比|多少|几成)+(?:呢)?$")


def _sum_share(text: str, answered: list[Turn]) -> str | None:
    """工会经费多少 → 福利费呢 → 加起来占公用经费多少: the figures just stated, one a turn, added, over
    the whole named now — never their sum alone. How many is said (三项) or, unsaid, the chain is two."""
    m = SUM_SHARE.search(text)
    if m is None:
        return None
    labels: list[str] = []
    for turn in reversed(answered):
        money = [r for r in turn.results if r.get("unit") in MONEY_UNITS]
        if len(money) != 1 or len(turn.results) != 1:
            break
        labels.insert(0, str(money[0]["label"]))
    said = re.search(r"([2-4两二三四])(?:项|个|者)", text)
    n = {"两": 2, "二": 2, "三": 3, "四": 4}.get(said.group(1), 0) or int(said.group(1)) if said else 2
    if len(labels) < n or (said is None and len(labels) > n) or len(set(labels[-n:])) < n:
        return None  # three figures said and 加起来 alone: which of them is not said — never guessed
    return f"{'、'.join(labels[-n:])}加起来占{m.group(1)}多少"


RANK_WORDS = ("最多", "最少", "最大", "最小", "最高", "最低", "最贵", "最便宜")


def _switch_rank(text: str, prev: str, env: Env) -> str | None:
    """支出功能分类哪个类最多 → 最少呢: the same ranking, the other end — the level and the set
    the question before named are kept (never the table glued to 最少)."""
    said = _core(_strip(text, ("那", "的")), env)
    before = next((w for w in RANK_WORDS if w in prev), None)
    if said not in RANK_WORDS or before is None or said == before:
        return None
    return prev.replace(before, said, 1)


SCOPED_IT = re.compile(r"^(?:那)?(?:在)?([\u4e00-\u9fff]{2,12}?)(?:里面|里头|里|当中|中)的?它的?"
                       r"((?:一共|总共|合计)?(?:是|有)?(?:多少|几)?(?:钱)?)$")


def _scoped_it(text: str, last: Turn) -> str | None:
    """招商引资专项经费多少 → 政府采购里它多少: the thing just stated, read inside the set named now
    (its own row there) — never the set's total."""
    m = SCOPED_IT.search(text)
    money = [r for r in last.results if r.get("unit") in MONEY_UNITS]
    if m is None or len(money) != 1:
        return None
    return f"{m.group(1)}里{money[0]['label']}{m.group(2) or '多少'}"
