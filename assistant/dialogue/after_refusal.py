"""区府办的公务接待费 (refused: the document has no such office) → 那差旅费呢: a follow-up asks the
same way as the question before, so what made that one unanswerable (another office, a unit the
tables do not divide by, a year or a qualifier the document does not have) holds for this one too.
The department's own figure would answer another question: none is stated, and the question
without the words carried over is offered to ask in full."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.models import Answer, Question

if TYPE_CHECKING:
    from assistant.pipeline.base import Turn
    from assistant.pipeline.steps import Env

TIME_WORDS = re.compile(r"(?:去|今|前|上|明|后)年|\d{4}年度?")
# an office, a section or a unit named (区府办, 综合调研科, 城市运行管理中心): the scope refused
OFFICE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:办公室|办|室|科|处|中心|局|委|队|所|站|街道)"
                    r"(?=的|$|[\u4e00-\u9fff])")
ASKED_AFTER = re.compile(r"[呢吗][?？。！!]*$")
JOINED = ("加上", "再加上", "和", "跟", "还有")  # 加上水费呢: the sum with the thing refused before
ASKING = re.compile(r"^(?:那么|那|还有|再加上|加上|和|跟)|(?:是多少|多少钱|多少|呢|吗)?[?？。！!]*$")


def refused_scope(q: Question | None, env: Env) -> Answer | None:
    last = env.conv.last
    if q is None or last is None or not ((last.status == "unanswerable"
                                          and (_scoped(last, env) or _not_understood(last, env)
                                               or _column_of_it(last, q)))
                                         or _not_divided(last)):
        return None
    followup = any(q.text.startswith(w) for w in (*env.k.words.get("followup", ()), *JOINED)) \
        or (last.status == "unanswerable" and _column_of_it(last, q))  # 项目支出呢 after X的基本支出
    if not followup or not ASKED_AFTER.search(q.raw):
        return None  # 那…呢 / 加上…呢: said after the question before, in its scope
    core = ASKING.sub("", ASKING.sub("", q.raw.strip()))
    if len(TIME_WORDS.sub("", core)) < 2:
        return None  # 那去年呢: a year asked again, no thing of its own
    if last.status == "unanswerable" and not _scoped(last, env):  # 中标单位是谁 → 那广告服务呢
        return Answer(status="unanswerable", suggestions=[f"{core}是多少"], text=(
            f"上一问“{last.question}”文件中没有相应的内容，“{q.raw.strip()}”按同样的问法也无法回答，"
            f"这里不给出数字。如果问的是{core}的金额，可以点下面的问题。"))
    return Answer(status="unanswerable", suggestions=[f"{core}是多少"], text=(
        f"上一问“{last.question}”文件中没有相应的数，“{q.raw.strip()}”按同样的范围也无法回答，这里不给出数字。"
        f"如果问的是全部门的{core}，可以点下面的问题。"))


def _not_understood(last: Turn, env: Env) -> bool:
    """会展服务采购多少 → 中标单位是谁 (no such thing in the document) → 那广告服务呢: the same thing
    asked of another item, which the document does not say either — never that item's amount."""
    from assistant.query.cover import leftovers
    from assistant.tag import load_lexicon, tag

    if last.entities or re.search(r"多少|几", last.question):
        return False  # 取暖费多少 (not in the document) → 那电费呢: an amount asked again, of a line it has
    q = Question(raw=last.question, text=last.question)
    return bool(leftovers(last.question, tag(last.question, env.index.match(q), load_lexicon())))


COLUMNS = frozenset({"basic", "project", "personnel", "public"})


def _column_of_it(last: Turn, q: Question) -> bool:
    """城乡社区行政运行的基本支出多少 (not understood) → 项目支出呢: a column of the thing asked before,
    which was not understood — never the department's whole column."""
    from assistant.tag import load_lexicon, tag

    lex = load_lexicon()
    said = [t for t in tag(q.text, (), lex) if t.kind == "measure"]
    before = [t for t in tag(last.question, (), lex) if t.kind == "measure"]
    return bool(said) and all(t.value in COLUMNS for t in said) and any(t.value in COLUMNS for t in before) \
        and len(last.question) > sum(t.end - t.start for t in before) + MIN_SUBJECT


MIN_SUBJECT = 4  # characters said beside the column before: a thing of its own (a line, a unit)


def _not_divided(last: Turn) -> bool:
    """区府办的公务接待费 → 最接近的是：公务接待费？ — a line offered without the words said before it
    (the document does not divide it so): those words are the scope the user keeps."""
    if last.status != "clarify" or len(last.options) != 1:
        return False
    label = last.options[0][0]
    at = last.question.find(label)
    return at > 0 and len(last.question[:at].rstrip("的")) >= 2


def _scoped(last: Turn, env: Env) -> bool:
    """The refused question named an office of its own or a year the document does not hold: a
    scope, not a word the assistant missed."""
    years = set(env.facts.get("years", ()))
    if any(y not in years for y in last.years):
        return True
    own = [str(env.facts.get("department") or ""), *env.facts.get("also_named", ()),
           *env.facts.get("organisations", ())]  # its own units are no other scope
    return any(not any(m.group(0) in o for o in own) for m in OFFICE.finditer(last.question))


def keep_declined_year(new: Question, q: Question, env: Env,
                       rewrite: Callable[[Question, str, Env], Question]) -> Question:
    """行政运行多少 → 去年呢 (declined: the tables hold one year) → 人员经费呢: the user is still
    asking about 去年. Resolving against the last *answered* turn alone would silently switch
    back to the document year, so the year of the declined turn in between is kept (and the
    year check declines again, saying why) unless the follow-up names a year itself."""
    latest = env.conv.last
    if latest is None or latest.status == "answered":
        return new
    other = [y for y in latest.years if y != env.runner.year]
    if not other or set(new.years) & set(other):  # (the turn's own words named no year: resolve asks)
        return new
    return rewrite(q, f"{other[0]}年{new.text}", env)


NO_TURN_FOLLOWED = ("前面的问题没有得到回答，不清楚这里问的是哪一项；请把要问的项目说全，"
                    "例如“政府性基金拨款去年是多少”。")


def as_followup(q: Question, env: Env) -> Answer | bool | None:
    """A question of the whole budget said as a follow-up. 行政运行 → 那人员经费呢: None, read once the
    context step completed it (env.deferred). 政府性基金拨款多少 (asked back) → 比上年多了多少 (refused)
    → 那去年是多少: no answered turn to follow — said so, never read as the whole budget's. False: no
    follow-up, the total rule goes on."""
    from assistant.pipeline.context import is_followup

    last = env.conv.last
    if not env.depth and last is not None and last.status == "unanswerable" \
            and BARE_AMOUNT.fullmatch(q.text) and _not_understood(last, env):  # X是干什么的 → 预算多少
        return Answer(status="unanswerable", text=(
            f"上一问“{last.question}”在文件中没有找到对应的内容；“{q.raw.strip()}”没有说是哪一项，"
            "这里不给出数字（不是全部门的总预算）。请把要问的项目名称说全。"))
    if env.depth or last is None or not is_followup(q, env):
        return False
    if not env.after_context:
        env.deferred = True
        return None
    if last.status != "answered" and env.conv.last_answered() is None and BARE_YEAR.fullmatch(q.text):
        return Answer(status="unanswerable", text=NO_TURN_FOLLOWED)
    return False  # (那2024年预算是多少 names the budget: a question of its own)


# 预算安排了多少钱 / 它有多少钱: an amount asked of nothing named
BARE_AMOUNT = re.compile(r"(?:那|那么)?(?:它|这个|这项|该项目|这个项目)?的?(?:预算|经费|资金|金额)?"
                         r"(?:安排了?|有|是|给了?|花了?)?(?:多少|几)(?:钱|万元|元|万)?(?:呢|啊)?[?？。]*")
# 第二多的是哪类 / 第三个呢: a place asked and nothing else
PLACE_WORDS = re.compile(r"[大多高小少低]|的|是|哪(?:一)?[个类项款]?|那|呢|吗|多少钱?|[?？。]")
# 那去年是多少 / 2024年呢: a year asked and nothing else (normalised: 去年 is 2024年)
BARE_YEAR = re.compile(r"(?:那么|那)?(?:\d{4}年度?)(?:的)?(?:是|有|为)?(?:多少|几)?(?:呢|啊|吗)?[?？。]*")


def nothing_answered(q: Question | None, env: Env) -> Answer | None:
    """本级的项目支出一共多少（refused）→ 只算一般公共预算呢（refused）→ 中心呢: a follow-up said after
    two turns or more, none of them answered, continues a question left unanswered twice — its thing's
    whole budget is a guess at what was asked, so say so and ask for the question in full."""
    turns = env.conv.turns
    if q is None or not turns or any(t.status == "answered" for t in turns) or not ASKED_AFTER.search(q.raw):
        return None
    core = ASKING.sub("", ASKING.sub("", q.raw.strip()))
    if not core or len(core) > NAME_ONLY_MAX or not env.index.match(q):
        return None  # (a year alone is the total rule's: after_refusal.as_followup)
    if len(turns) < REFUSED_RUN:
        return None  # 电视费多少 (none printed) → 办公费呢: the same question of another thing
    return Answer(status="unanswerable", text=(
        f"前面的问题没有得到回答，不清楚这里要问“{core}”的哪一项；请把要问的内容说全"
        f"（“{core}”的哪一项支出、哪一年），这里不给出数字。"))


REFUSED_RUN = 2  # turns refused one after another: what a bare name follows is no longer clear
NAME_ONLY_MAX = 12  # characters of a follow-up that only names a thing (中心呢 / 那培训费呢)


def place_after_refusal(q: Question | None, env: Env) -> Answer | None:
    """政府采购分哪几类 (refused) → 第二多的是哪类: the place is among what was just asked, which was not
    answered — never a place in a list given earlier."""
    from assistant.dialogue.unreferred import _ORDINAL

    last = env.conv.last
    if q is None or last is None or last.status != "unanswerable" or not _ORDINAL.search(q.text) \
            or env.index.match(q) or PLACE_WORDS.sub("", _ORDINAL.sub("", q.text)):
        return None
    return Answer(status="unanswerable", text=(
        f"上一问“{last.question}”没有得到回答，“{q.raw.strip()}”说的第几项无从对应，这里不给出数字。"
        "请把要问的内容说全。"))
