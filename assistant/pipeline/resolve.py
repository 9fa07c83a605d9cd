"""The intent step: resolve generic words, ask the handlers for their readings, strongest first.

A bare generic word (补助, 养老, 运行费) matched no entity; the matcher listed every entity whose
name contains it. One entity, or one that is the parent of all the others, is taken as meant;
otherwise the assistant asks which one (a wrong figure is worse than a question).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.models import Answer, Candidate, Intent, Match, Question
from assistant.pipeline import homonyms
from assistant.pipeline.checks import YEAR_BLIND, foreign_years, year_note
from assistant.pipeline.match import MONEY_KINDS
from assistant.pipeline.nearmiss import _misses, near_miss, qualified
from assistant.query.evidence import readings
from assistant.settings import SETTINGS

if TYPE_CHECKING:
    from assistant.pipeline.match import EntityIndex
    from assistant.pipeline.steps import Env

ENTITY_LEVEL = "likely"  # readings at least this strong do not widen the matches by fragments
log = logging.getLogger(__name__)


def _ancestor(cands: list[Match]) -> Match | None:
    """The candidate the others belong to: its code is a prefix of theirs (养老 -> 20805), or
    its name is part of theirs (a project and the detail lines named after it)."""
    if all(c.code for c in cands):
        for c in sorted(cands, key=lambda m: len(m.code or "")):
            if all((o.code or "").startswith(c.code or "") for o in cands):
                return c
    for c in sorted(cands, key=lambda m: len(m.name)):
        if all(c.name in o.name for o in cands):
            return c
    return None


def _short_unit(piece: str, cands: list[Match]) -> Match | None:
    """XX中心 is the short name of the unit 某市某区XX中心 (its name ends with it); a project
    named after the unit (XX中心聘用人员经费) only contains it."""
    units = [c for c in cands
             if c.kind == "unit" and (c.name.endswith(piece) or _unit_abbreviated(piece, c.name))]
    only_units = all(c.kind == "unit" for c in cands)  # 本级 among units: the 本级 unit
    # 中心 alone: the one unit of that kind (the lines named after it are its, not another thing)
    kind_word = len(units) == 1 and piece in UNIT_ENDINGS and all(
        units[0].name[-len(piece) - 2:] in c.name for c in cands)
    return units[0] if (len(piece) >= 4 or only_units or kind_word) and len(units) == 1 else None


UNIT_ENDINGS = ("中心", "站", "所", "队", "院", "馆", "学校", "公司")


def _unit_abbreviated(piece: str, name: str) -> bool:
    """招商中心 is 招商服务中心 said short: the same ending, the characters in order, the first two
    as the name has them (the region before it left out; 商务中心 is no 招商服务中心)."""
    ending = next((e for e in UNIT_ENDINGS if name.endswith(e)), None)
    if ending is None or not piece.endswith(ending) or len(piece) < len(ending) + 2 or piece[:2] not in name:
        return False
    it = iter(name[name.index(piece[:2]):])
    return all(ch in it for ch in piece)


def _distinct(cands: tuple[Match, ...]) -> list[Match]:
    seen: dict[str, Match] = {}
    for c in cands:
        seen.setdefault(c.name, c)
    return list(seen.values())


def _from_fragments(q: Question, matches: list[Match], fragments: dict[str, tuple[Match, ...]],
                    env: Env) -> tuple[list[Match], Answer | None]:
    """Add the entity each leftover word stands for; ask when a word stands for several."""
    has_money = any(m.kind in MONEY_KINDS for m in matches)
    added: list[Match] = []
    ambiguous: tuple[str, list[Match]] | None = None
    own = str(env.facts.get("department", ""))
    for piece, cands in sorted(fragments.items(), key=lambda kv: -len(kv[0])):
        distinct = [c for c in _distinct(cands) if c.entity_id not in {m.entity_id for m in matches}]
        if not distinct or (len(piece) >= 2 and own and _misses(piece, own) == 0):
            continue  # 商务委 / 经信局: the department's own name, shortened, is no line of it
        pick = distinct[0] if len(distinct) == 1 else _short_unit(piece, distinct) or _ancestor(distinct)
        said = None if pick is not None or len(distinct) == 1 else _said_before(q.text, piece, distinct)
        if said is not None:  # 高新企业认定奖励: 高新 says which of the …企业认定奖励 lines
            pick, piece = said
        if pick is not None and (alike := kind_of_many(piece, pick.name, env.index)):
            pick, distinct = None, [pick, *alike]  # 人员工资: 劳务派遣人员工资, or wages in general?
        if pick is not None:
            start = q.text.find(piece)
            span = (start, start + len(piece)) if start >= 0 else None
            added.append(pick.model_copy(update={"alias": piece, "span": span}))
        elif ambiguous is None:
            ambiguous = (piece, distinct)
    if added:
        return matches + added, None
    if ambiguous is None or has_money:
        return matches, None
    piece, distinct = ambiguous
    shown = distinct[: SETTINGS.max_candidates]
    candidates = [Candidate(label=c.name, question=q.text.replace(piece, c.name, 1)) for c in shown]
    more = f"等{len(distinct)}项" if len(distinct) > len(shown) else ""
    text = (f"“{piece}”在预算中对应好几项：{'、'.join(c.label for c in candidates)}{more}。"
            "请问您问的是哪一项？")
    if len(distinct) == 1:
        text = f"预算中没有单列“{piece}”这一项，相近的是“{candidates[0].label}”。请问您问的是它吗？"
    return matches, Answer(status="clarify", text=text, candidates=candidates)


BEFORE_MIN = 2  # characters said right before a shared piece of several names that pick one


def said_before(text: str, piece: str, names: list[str]) -> str | None:
    """The words right before a piece several names share, found before that piece in exactly one of
    them (高新 + 企业认定奖励 → 高新技术企业认定奖励): that name, else None."""
    start = text.find(piece)
    before = text[start - BEFORE_MIN: start] if start >= BEFORE_MIN else ""
    if len(before) < BEFORE_MIN or not all("\u4e00" <= ch <= "\u9fff" for ch in before):
        return None
    fits = {n for n in names if before in n[: max(n.find(piece), 0)]}
    return fits.pop() if len(fits) == 1 else None


def _said_before(text: str, piece: str, cands: list[Match]) -> tuple[Match, str] | None:
    """The candidate the words before the piece pick, and the run said of it."""
    name = said_before(text, piece, [c.name for c in cands])
    start = text.find(piece)
    pick = next((c for c in cands if c.name == name), None)
    return (pick, text[start - BEFORE_MIN: start] + piece) if pick is not None else None


def kind_of_many(piece: str, name: str, index: EntityIndex) -> list[Match]:
    """人员工资 of 劳务派遣人员工资: a name less its head, a function word and the word other lines end
    in too (基本工资, 绩效工资), may be said of them all — those other lines (none: the name is meant)."""
    from assistant.tag import load_lexicon

    tail = piece[-KIND_TAIL:]
    # (养老保险缴费 of 机关事业单位基本养老保险缴费 says what the line is: only 人员 says nothing)
    if not name.endswith(piece) or name == piece or load_lexicon().category(piece[:-KIND_TAIL]) != "function":
        return []
    alike = {e.name: e for kind in KIND_LINES for e in index.kinds(kind)
             if e.name.endswith(tail) and e.name != name}
    return [e.to_match(0.0, None) for e in alike.values()] if len(alike) >= 2 else []


KIND_TAIL = 2  # the closing word of a name that says what kind of thing it is (工资, 补贴, 经费)
KIND_LINES = ("function", "economic", "detail")


SHORT_NAME_MIN = 6  # a run this long of one named project is its short name, not a generic word
SHORT_NAME_KINDS = frozenset({"project", "procurement"})


def shortened(q: Question | None, matches: list[Match],
              fragments: dict[str, tuple[Match, ...]]) -> list[Match]:
    """网络安全运营服务(项目) shortens 某区政务体系统一网络安全运营服务项目: a long run of the
    question found in one project's name (or in a project and the lines named after it) names
    that project, whatever handler reads the question — not only as the last resort."""
    if q is None:
        return matches
    known = {m.entity_id for m in matches}
    added: list[Match] = []
    for piece, cands in fragments.items():
        distinct = [c for c in _distinct(cands) if c.entity_id not in known]
        if len(piece) < SHORT_NAME_MIN or not distinct:
            continue
        pick = distinct[0] if len(distinct) == 1 else _ancestor(distinct)
        start = q.text.find(piece)
        if pick is None or pick.kind not in SHORT_NAME_KINDS or piece not in pick.name or start < 0:
            continue
        added.append(pick.model_copy(update={"alias": piece, "span": (start, start + len(piece))}))
        known.add(pick.entity_id)
    return matches + added


Ranked = list[tuple[str, Intent]]


def _near_tie(q: Question, matches: list[Match], env: Env) -> Answer | None:
    """Two different money lines read from the same words, neither exactly, scores within
    clarify_margin: guessing one could state a wrong figure, so ask — unless both lines state one
    figure (公务用车运行维护费 215,600 元 and 公务车用车运行费 21.56 万元): either reading is right."""
    from assistant.plan.values import ask

    money = [m for m in matches if m.kind in MONEY_KINDS and m.span]
    for i, a in enumerate(money):
        for b in money[i + 1:]:
            overlap = min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])
            if (overlap > 0 and a.name != b.name and max(a.score, b.score) < SETTINGS.match_threshold
                    and abs(a.score - b.score) <= SETTINGS.clarify_margin):
                pair = sorted((a, b), key=lambda m: -m.score)
                words = q.text[min(a.span[0], b.span[0]): max(a.span[1], b.span[1])]
                cands = [Candidate(label=m.name, question=q.text.replace(words, m.name, 1)) for m in pair]
                if not q.text.startswith("其中") and (finer := _one_figure(pair, env)) is not None:
                    # either line answers: asked as the one printed in the finer unit (元, and 万元 beside);
                    # 其中… is a part of the answer before, whose section says which line it is
                    said = ask(cands[finer].question, env, env.conv, compose=True).answer
                    if said is not None and said.status == "answered":
                        return said
                options = "，也可能指".join(c.label for c in cands)
                return Answer(status="clarify", candidates=cands,
                              text=f"“{words}”可能指{options}。请问是哪一个？")
    return None


def _one_figure(pair: list[Match], env: Env) -> int | None:
    """Which of two lines that state one figure (21.56 万元 / 215,600 元) is printed in the finer
    unit; None when they state different figures or either states none."""
    from assistant.dialogue.stated import MONEY
    from assistant.pipeline.units import convert
    from assistant.plan.values import value_of

    found = [value_of(m.name, env) for m in pair]
    figures = [f[0] for f in found if f is not None and f[0].unit in MONEY]
    if len(figures) != 2 or len({round(convert(v.amount, v.unit, "元"), 2) for v in figures}) != 1:
        return None
    return 0 if convert(1, figures[0].unit, "元") <= convert(1, figures[1].unit, "元") else 1


def choose(q: Question | None, matches: list[Match], fragments: dict[str, tuple[Match, ...]],
           env: Env) -> tuple[Ranked, Answer | None]:
    """Every handler's reading, strongest evidence first (the order of HANDLERS within a level)."""
    if q is None:
        return [], None
    matches = homonyms.scoped(matches)
    tie = (_near_tie(q, matches, env) or homonyms.not_under(q, matches, env)
           or homonyms.ask_which(q, matches, env)
           or qualified(q, matches, fragments, env) or near_miss(q, matches, env))
    if tie is not None:
        return [], tie
    r = readings()
    floor = r.rank(r.min_level)
    found: list[tuple[int, int, Intent, str]] = []
    for order, handler in enumerate(env.handlers):
        try:
            intent = handler.detect(q, matches, env.conv)
        except Exception:  # one handler's bug must not silence the others
            log.exception("handler %s failed to detect on %r", handler.name, q.text)
            continue
        if intent is not None and r.rank(intent.evidence) <= floor:
            found.append((r.rank(intent.evidence), order, intent, handler.name))
    found.sort(key=lambda t: (t[0], t[1]))
    other_years = foreign_years(q, env.runner.year)
    if other_years and found:
        # The line-item tables hold the document year only: their figure is not that year's.
        kept = [f for f in found if f[3] not in YEAR_BLIND]
        if not kept:
            return [], _executed_instead(matches, other_years, env) or Answer(
                status="unanswerable", text=year_note(other_years, env.runner.year))
        found = kept
    # a reading weaker than one resting on an entity of its own kind: the leftover words may
    # name the entity meant (补助 → the one line whose name holds it)
    if not found or found[0][0] > r.rank(ENTITY_LEVEL):
        widened, clarify = _from_fragments(q, matches, fragments, env)
        if clarify is not None:
            return [], clarify
        if len(widened) > len(matches):
            return choose(q, widened, {}, env)
    if not found and other_years and (executed := _executed_instead(matches, other_years, env)):
        return [], executed
    if not found and other_years and _whole_asked(q, env):
        # 公用经费去年是多少: a total of the budget (query/total.py) the tables hold for this year only
        return [], Answer(status="unanswerable", text=year_note(other_years, env.runner.year))
    if not found:
        from assistant.pipeline.screen import covers

        return [], Answer(
            status="unanswerable",
            text=f"抱歉，没有在文件中找到与“{q.text}”对应的内容。{covers(env)}",
        )
    return [(name, intent) for _, _, intent, name in found], None


def _whole_asked(q: Question, env: Env) -> bool:
    """The question asks a total of the whole budget (the total rule's reading, whatever the year)."""
    from assistant.query.total import asks_a_total

    return asks_a_total(q, env)


def _executed_instead(matches: list[Match], years: list[int], env: Env) -> Answer | None:
    """城管执法 → 去年呢: no table prints the year before's budget, but the 编制说明 prints that line's
    executed figure of that year — the one figure of it the document has, said as what it is."""
    from assistant.query.executed import MATCH_MIN, executed_of

    lines = [m for m in matches if m.kind == "function" and m.code and m.score >= MATCH_MIN]
    if env.depth > 0 or years != [env.runner.year - 1] or len({m.code for m in lines}) != 1:
        return None  # (a figure a composed question computes with is a budget's, never this)
    answer = executed_of([str(lines[0].code)], years, "", env.runner)
    if answer.status != "answered":
        return None
    return answer.model_copy(update={"text": f"预算表没有{years[0]}年的预算数；编制说明写有这一项"
                                             f"{years[0]}年的预算执行数。{answer.text}"})
