"""What an answer must show to have consumed a word of the question (knowledge/operations.toml),
and the checks on what it states: echoed figures, the years asked, bare follow-ups, names asked."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Any

from assistant.models import Answer
from assistant.query.consumed import _fragment
from assistant.query.cover import leftovers
from assistant.query.model import BACK_COMPUTED
from assistant.query.replies import _not_understood
from assistant.settings import SETTINGS
from assistant.tag import Tag, load_lexicon, tag, without_stray_codes

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

NUMERALS = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))

QUOTED = re.compile(r"“[^”]*”|（[^）]*）|「[^」]*」")
DATE = re.compile(r"\d{4}年\d{1,2}月")  # a date the answer gives (截至2024年8月31日)

@lru_cache(maxsize=1)
def operations() -> dict[str, dict[str, Any]]:
    with (SETTINGS.knowledge_dir / "operations.toml").open("rb") as f:
        return tomllib.load(f)

UNIT_WORDS = ("亿元", "万元", "元")
TOTAL_TOLERANCE = 0.011  # per part: figures printed to two decimals add up but for rounding


def _totalled(answer: Answer) -> bool:
    """One money figure, or several among which one is the total of the others."""
    money = [v.value for v in answer.values if v.unit in UNIT_WORDS]
    whole = sum(money)
    labels = [v.label or "" for v in answer.values if v.unit in UNIT_WORDS]
    return (len(money) < 2 or any(abs(2 * m - whole) <= TOTAL_TOLERANCE * len(money) for m in money)
            or any(TOTAL_LABEL.search(label) for label in labels)
            # 事业运行 beside 事业运行一般公共预算: the whole is stated, its part said after it
            or any(label and all(o.startswith(label) for o in labels) for label in labels)
            # 去年三公经费一共多少: the one figure worked back, stated with the printed one it came from
            or (len(money) == 2 and labels[0].endswith(BACK_COMPUTED)))


TOTAL_LABEL = re.compile(r"合计|总计|小计|总额|总预算")  # a figure the answer itself calls the total
JOINERS = frozenset({"和", "与", "及", "、", "加", "加上", "以及", "跟", "同"})


# 三项加起来 / 这两个加起来 / 3项合计: a number of things to add, said before the word that adds
SEVERAL = re.compile(r"(?:[2-9两三四五六七八九]|这几|那几|这些|几)(?:项|个|样|笔|类|条)(?:的)?"
                     r"(?:加起来|加在一起|一共|合计|总共|之和)")


def _several_counted(q_text: str, answer: Answer) -> bool:
    """教育呢，三项加起来 answered with 教育's figure alone: several things were to be added."""
    return bool(SEVERAL.search(q_text)) and len([v for v in answer.values if v.unit in UNIT_WORDS]) < 2


def _one_of_joined(tags: tuple[Tag, ...], q_text: str, answer: Answer) -> bool:
    """养老保险和职业年金一共多少 answered with one of the two: things joined by 和/加 are summed,
    so a single money figure answered only one of them."""
    if len([v for v in answer.values if v.unit in UNIT_WORDS]) >= 2:
        return False
    spans = sorted({(t.start, t.end) for t in tags if t.kind == "entity"})
    # 瞪羚企业数量目标和科技研究开发资金: a word of the first thing may stand before the joiner
    return any(a[1] <= b[0] and any(q_text[a[1]: b[0]].endswith(j) and b[0] - a[1] <= len(j) + JOINED_GAP
                                    for j in JOINERS) for a, b in combinations(spans, 2))


JOINED_GAP = 2  # characters between a thing and the joiner (目标和, 人数加上)

NAME_AROUND = 2  # characters of a name around an operation word that make it part of the name


def _missed(tags: tuple[Tag, ...], answer: Answer, intent: str | None, q_text: str,
            named: list[str]) -> str | None:
    """The first word whose rule (knowledge/operations.toml) the answer does not meet."""
    if _several_counted(q_text, answer):  # 培训费，三项合计 (合计 read as the document's term): one figure
        return SEVERAL.search(q_text).group()  # type: ignore[union-attr]
    units = {v.unit for v in answer.values}
    rules = operations()
    own_words = QUOTED.sub("", answer.text)  # what the answer says, not what it quotes
    counting = any(t.kind == "operation" and t.value == "count" for t in tags)
    rows = [str(r[0]) for r in answer.table.rows] if answer.table else []
    # 促消费提质提升 / 外贸发展: an operation word inside a run of one of the document's own names is
    # part of that name (提升 is no change asked, 外 no 除外)
    runs = [(r.start, r.end) for r in tags if r.kind == "term_run"]
    for t in tags:
        inside = [(a, b) for a, b in runs if a <= t.start and t.end <= b]
        if t.kind == "operation" and any(b - a >= t.end - t.start + NAME_AROUND for a, b in inside):
            continue
        rule = rules.get(f"{t.kind}.{t.value}")
        if rule is None or rule.get("text_only"):
            continue
        if intent in rule.get("skip_intents", ()) or (
                "only_words" in rule and t.text not in rule["only_words"]):
            continue
        if rule.get("total_of_parts") and (not _totalled(answer) or _one_of_joined(tags, q_text, answer)
                                           or _several_counted(q_text, answer)):
            return t.text
        if any(w in own_words for w in rule.get("not_text", ())):
            return t.text
        said = any(w in own_words for w in rule.get("text", ())) or (
            "or_min_values" in rule and len(answer.values) >= rule["or_min_values"]
            and any(f"{o.kind}.{o.value}" == rule.get("or_with") for o in tags))
        if rule.get("count_is_number"):
            n = NUMERALS.get(t.text[-1]) or NUMERALS.get(t.text[1:2])
            parts = len(answer.values) or len(rows)  # a ranking's table lists all, its figures the asked
            if n is not None and parts != n and n not in {v.value for v in answer.values}:
                return t.text
            continue
        if (not counting and units and units <= set(rule.get("not_only_units_unless_count", ()))):
            return t.text
        if rule.get("not_self") and any(r in named for r in rows):
            return t.text  # the parts listed include the thing itself: they are its siblings
        if intent in rule.get("not_intents", ()):
            return t.text
        if "intents" in rule and intent not in rule["intents"] and not (
                intent in rule.get("bound_asked_intents", ()) and not _typed_figure(q_text)):
            return t.text
        if rule.get("no_figures") and not (counting and rule.get("unless_counting")):
            return t.text
        if "units" in rule and not units & set(rule["units"]) and not said:
            return t.text
        if "text" in rule and "units" not in rule and not said:
            return t.text
        if rule.get("unless_table") and answer.table is not None:
            continue  # 都买了什么: the items listed answer what was bought
        if "not_only_units" in rule and units and units <= set(rule["not_only_units"]) \
                and not (rule.get("unless_date") and DATE.search(answer.text)):
            return t.text
        money = {v.unit for v in answer.values} <= set(UNIT_WORDS)
        if answer.table is None and money and len(answer.values) < rule.get("min_values", 0):
            return t.text
        if len(answer.values) > rule.get("max_values", 10**6):
            return t.text
        if rule.get("named_self") and not _names_itself(t.text, rule, answer):
            return t.text
        if "named" in rule and not any(w in answer.text for w in rule["named"]):
            return t.text
        named = rule.get("named_in_values", ())
        first = answer.citations[0].title if answer.citations else ""  # 收入预算总表: the table says it
        if named and not any(w in first for w in named) and any(
                not any(w in v.label for w in named) for v in answer.values if v.unit in UNIT_WORDS):
            return t.text
        if rule.get("needs_unit") and not any(u in q_text for u in UNIT_WORDS):
            return t.text  # 换成中心: another thing asked for, not a unit (the figure is not its)
        if rule.get("units_asked"):
            asked = next((u for u in UNIT_WORDS if u in q_text), None)
            if asked and asked not in units:
                return t.text
    return None

def _names_itself(word: str, rule: dict, answer: Answer) -> bool:
    """The answer speaks of the word asked (or of what the rule calls the same): in its text, the
    tables it cites or the labels of its figures."""
    labels = [v.label or "" for v in answer.values]
    said = " ".join([answer.text, *(c.title for c in answer.citations), *labels])
    return any(w in said for w in (word, *rule.get("self_aliases", {}).get(word, ())))


def _typed_figure(q_text: str) -> bool:
    """A figure the user typed (超过100万), not a year (2026年 stands for 今年)."""
    return bool(re.search(r"\d", re.sub(r"(?:19|20)\d{2}年度?", "", q_text)))


BARE_FOLLOWUP = 6  # characters: 部门 / 那去年呢 / 其中人员经费呢
SLOT_KINDS = frozenset({"operation", "measure", "time", "set", "unit", "number", "code"})


def _followup_says_nothing(state: State, env: Env) -> str | None:
    """A follow-up inherits what it does not say, but it must say something: 部门 / 地方 / 科技
    after 科学技术支出多少 changes no slot, so the earlier figure is not its answer."""
    if state.rewritten_from is None:
        return None
    from assistant.pipeline.normalise import normalise as normalise_text

    own = normalise_text(state.raw, env.k, env.runner.year)
    if len(own.text) > BARE_FOLLOWUP:
        return None  # a follow-up that says this much is checked as the question it became
    last = env.conv.last
    if last is not None and not last.results and ("多少" in own.text or "几" in own.text):
        return None  # 是什么科目 → 安排了多少: the figure is what is new, the answer before gave none
    if last is not None and last.results and not any(r["unit"] in MONEY_UNITS for r in last.results) \
            and ASKS_MONEY.search(own.text):
        return None  # 项目有几个 → 涉及多少钱: the money is what is new, the answer before gave a count
    from assistant.dialogue.slots import _short_own

    named = [m for m in env.index.match(own) if m.span and not _fragment(m, own.text, env)] \
        or _short_own(own, env)  # 住房保障呢: most of one line's name
    tags = tag(own.text, named, load_lexicon())
    tags = without_stray_codes(tags, own.codes)
    if any(t.kind in SLOT_KINDS or t.kind == "entity" for t in tags) or any(
            k in own.text for k in env.k.procurement_kinds):  # 服务呢 after 货物: another kind bought
        return None
    # 基本养老保险呢: part of another line's name says which line (the rewritten question is checked
    # as any question is)
    pieces = env.index.fragments(own, [])
    if any(len(piece) >= PIECE_MIN for piece in pieces):
        return None
    # 因公出国多少 → 接待呢: a shorter piece of one name only, the name the question became
    asked = state.question.text if state.question is not None else ""
    if any(len({c.name for c in cands}) == 1 and cands[0].name in asked for cands in pieces.values()):
        return None
    return own.text or state.raw


PIECE_MIN = 3  # characters of a line's name a follow-up must say to name it
MONEY_UNITS = frozenset({"元", "万元", "亿元"})
ASKS_MONEY = re.compile(r"多少钱|多少资金|多少经费|多少预算|花多少|金额")

SAID_AFTER = re.compile(r"(?:那|那么)?[^，,。？?]{1,8}呢[?？。]?")


def _followup_repeats(state: State, env: Env, answer: Answer) -> str | None:
    """公务接待费多少 → 那运行费呢 answered with 公务接待费 again: a follow-up naming something of its
    own is never answered with exactly the figures just given (the old line kept, the new one lost)."""
    last = env.conv.last
    if last is None or last.status != "answered" or not last.results:
        return None
    if state.rewritten_from is None and not SAID_AFTER.fullmatch(state.raw.strip()):
        return None  # 地下呢 read by a reading that kept the turn before itself: a follow-up all the same
    q = state.question
    if q is None or q.years:
        return None  # 那去年呢: another year may hold the same figure
    yuan = {"元": 1.0, "万元": 1e4, "亿元": 1e8}
    before = sorted(round(float(r["amount"]) * yuan.get(r.get("unit"), 1.0), 2) for r in last.results
                    if r.get("unit") != "%")
    now = sorted(round(v.value * yuan.get(v.unit, 1.0), 2) for v in answer.values if v.unit != "%")
    cells = {(str(c.get("table")), int(c.get("line") or 0))
             for r in last.results for c in r.get("citations", [])}
    if not now or now != before or not cells or {(c.table, c.line) for c in answer.citations} != cells \
            or {v.label for v in answer.values} != {str(r["label"]) for r in last.results}:
        return None  # 培训费 after 会议费, both 1.00 (工程类 after 货物类, both 0.00): another thing's figure
    own = re.sub(r"^(?:那|其中)|[呢吗吧?？。]+$", "", state.raw.strip())
    if len(own) < 2 or not leftovers(own, tag(own, (), load_lexicon())):
        return None  # 金额多少 after 有复印纸吗: only asking words, the same figure is its answer
    return own


def _names_asked(tags: tuple[Tag, ...], answer: Answer) -> Answer | None:
    """A question for names (哪几家企业): the answer's figures are not what was asked. Where its
    text names them it is kept without figures; otherwise nothing is stated."""
    for t in tags:
        rule = operations().get(f"{t.kind}.{t.value}")
        if rule and rule.get("text_only"):
            if any(w in answer.text for w in rule.get("text", ())):
                return answer.model_copy(update={"values": []})
            return _not_understood((t.text,))
    return None

def _only_echo(q_numbers: tuple[float, ...], answer: Answer, intent: str | None,
               tags: tuple[Tag, ...] = ()) -> str | None:
    """Every figure stated is one the user typed (那25万是怎么构成的): nothing was answered —
    unless the question asks how it was worked out (11.79万是怎么测算的: the basis is the answer)."""
    if intent == "reverse" or not q_numbers or not answer.values:
        return None
    if any(t.kind == "measure" and t.value == "basis" for t in tags):
        return None
    typed = {round(n, 2) for n in q_numbers}
    if all(round(v.value, 2) in typed for v in answer.values):
        return "、".join(f"{n:g}" for n in sorted(typed))
    return None

def _years_missed(q_years: tuple[int, ...], answer: Answer, year: int) -> str | None:
    """Several years asked for: each must be spoken of (a series that stops early answers less);
    the document's own year may go unsaid (比2025年增加 is this year's change)."""
    if len(set(q_years)) < 2:
        return None
    missing = [y for y in sorted(set(q_years)) if str(y) not in answer.text and y != year]
    return f"{missing[0]}年" if missing else None


def _text_missed(tags: tuple[Tag, ...], intent: str | None, said: str = "") -> str | None:
    """A text answer (no figure) by a reading that cannot give what a word asks for (哪天 answered
    with where a table stands; 原因 answered with a definition): the rules marked `text_answers`
    hold for text answers too — their readings (`intents`), or else their words (`text`)."""
    for t in tags:
        if t.kind == "unknown":  # 负责人的邮箱: a word no part of a budget answers (unknown.toml)
            return t.text
        rule = operations().get(f"{t.kind}.{t.value}")
        if not rule or not rule.get("text_answers"):
            continue
        if "intents" in rule and intent not in rule["intents"]:
            return t.text
        if "intents" not in rule and rule.get("text") and not any(w in said for w in rule["text"]):
            return t.text
    return None
