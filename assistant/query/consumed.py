"""What a reading consumed of the question: the entities it used (whole names, not fragments),
runs of the question found in names and cited lines, the document's names (read once per
Assistant)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer, Match
from assistant.pipeline.match import MONEY_KINDS
from assistant.tag import Tag

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env, State

NAMED_KINDS = frozenset({"project", "procurement", "detail"})

SHARED_MIN = 2  # a run of the question this long found in a name or cited line counts as consumed

TERM_RUN_MIN = 3  # … and this long when found in any of the document's own names

NAME_MAX = 40  # organisation "names" longer than this are paragraphs (职能概述), not names

FRAGMENT_MIN_LEN = 3
FRAGMENT_SHARE = 0.5  # a mention covering less of the name than this is a piece of it (数据中心)

KIND_WORDS = {"project": ("项目",), "function": ("支出", "科目"), "economic": ("费", "支出", "科目"),
              "detail": ("费", "经费", "奖励")}

def _fragment(m: Match, text: str, env: Env) -> bool:
    """A short piece of a long name, unless the knowledge declares the piece (养老 stands for the
    养老支出 lines) or the question says what kind of thing it is (网安项目: a project)."""
    covered = m.span[1] - m.span[0]
    if m.score >= 100 or covered >= FRAGMENT_SHARE * len(m.name):
        return False
    if m.alias in env.k.expand:
        return False
    after = text[m.span[1]: m.span[1] + 2]
    if any(after.startswith(w) for w in KIND_WORDS.get(m.kind, ())):
        return False
    piece = text[m.span[0]: m.span[1]].lower()
    if len(piece) < FRAGMENT_MIN_LEN:
        return True  # 数据, 中心: two characters of a long name are a common word, not a name
    from assistant.pipeline.resolve import _unit_abbreviated

    if m.kind == "unit" and (_unit_abbreviated(piece, m.name.lower()) or m.name.lower().endswith(piece)):
        return False  # 招商中心: a unit's name said short, as people say it
    owners = {e.name for e in env.index.names if piece in e.key}
    owners |= {o for o in env.facts.get("organisations", ()) if len(o) <= NAME_MAX and piece in o.lower()}
    # 养老保险缴费 names one line (or lines named after one, 基本养老保险缴费 and …缴费支出);
    # 数据中心 is part of several unrelated names
    return not any(all(o in other for other in owners) for o in owners)

def _used_matches(state: State) -> list[Match]:
    found = list(state.matches)
    if state.intent is not None:
        for d in state.intent.params.get("matches") or []:
            if isinstance(d, dict):
                try:
                    found.append(Match(**d))
                except (TypeError, ValueError):
                    continue
        for d in state.intent.params.get("entities") or []:  # what a handler resolved itself
            if isinstance(d, dict) and d.get("name"):
                found.append(Match(entity_id=str(d.get("id") or ""), kind=str(d.get("kind") or ""),
                                   name=str(d["name"]), alias=str(d.get("alias") or d["name"]),
                                   score=float(d.get("score") or 0)))
    return found

def _shared_runs(text: str, sources: list[str], kind: str) -> list[Tag]:
    """Runs of the question (≥ SHARED_MIN characters) that stand verbatim in one of the sources:
    from every position the longest such run, so that overlapping runs leave no orphan."""
    low, out = text.lower(), []
    blob = "\n".join(s.lower() for s in sources if s)
    reach = 0
    for i in range(len(low) - SHARED_MIN + 1):
        j = i + SHARED_MIN
        if low[i:j] not in blob:
            continue
        while j < len(low) and low[i: j + 1] in blob:
            j += 1
        if j > reach:
            out.append(Tag(kind=kind, value=low[i:j], start=i, end=j, text=text[i:j]))
            reach = j
    return out

def _cited_text(answer: Answer, env: Env) -> list[str]:
    lines: list[str] = []
    for c in answer.citations[:8]:
        if c.line:
            rows = env.runner.run("source_lines", start=c.line, end=c.line)
            lines += [_figure_words(r["text"]) for r in rows]
    return lines


# 合计 106.80 万元，主要为招商推介会议和展览服务、…: what a figure is made of, said without figures of
# its own, names none of the figure's parts — a question naming one part is not answered by it
COMPOSITION = re.compile(r"(?:主要为|主要是|主要用于|主要包括|包括|包含|用于)[^。；;\d]*(?=[。；;]|$)")


def _figure_words(line: str) -> str:
    return COMPOSITION.sub("", line)

def _form_names(env: Env) -> dict[str, str]:
    """Each project form's table id → its project (read once per Assistant: it never changes)."""
    forms = env.facts.get("forms")
    if forms is None:
        forms = {r["table_id"]: r["project_name"] for r in env.runner.run("forms_project_forms")}
        env.facts["forms"] = forms
    return forms

def _named_terms(env: Env) -> list[str]:
    """Names of single things (projects, purchases, detail lines): a part of one names that thing."""
    named = env.facts.get("named_terms")
    if named is None:
        named = [e.key for kind in sorted(NAMED_KINDS) for e in env.index.kinds(kind)]
        env.facts["named_terms"] = named  # per Assistant: the catalogue does not change
    return named


def _aliases(entity_id: str, env: Env) -> set[str]:
    """Every name the catalogue knows an entity by (科技研究开发资金 of 科技研究与开发资金)."""
    table = env.facts.get("aliases")
    if table is None:
        table = {}
        for e in env.index.names:
            table.setdefault(e.entity_id, set()).add(e.key.lower())
        env.facts["aliases"] = table  # per Assistant: the catalogue does not change
    return table.get(entity_id, set())


SPOKEN_KINDS = MONEY_KINDS | {"indicator"}  # names of things an answer must speak of to have used them


def _spoken(used: list[Match], state: State, env: Env) -> list[Match]:
    """A line the matcher found but the answer never speaks of was not used by the reading
    (公用经费总共多少 answered with the whole budget): it consumes nothing of the question. What
    the reading reported it used, what a composed query named, fuzzy readings, and a name glossed
    in brackets by one the answer speaks of (日常公用开支(商品和服务支出)) always count."""
    from assistant.pipeline.normalise import canon

    answer, q = state.answer, state.question
    if answer is None or q is None or state.query is not None:
        return used
    reported = len(used) - len(state.matches)
    forms = _form_names(env)
    cited = [f"{c.title} {c.row} {forms.get(c.table, '')}" for c in answer.citations]
    said = canon(" ".join([answer.text, *cited, *(v.label or "" for v in answer.values)]), env.k).lower()

    def heard(m: Match) -> bool:
        words = (q.text[m.span[0]: m.span[1]] if m.span else m.name).lower()
        # (canon: a name printed with full-width brackets is said with ASCII ones once normalised)
        if any(canon(w, env.k).lower() in said for w in (m.name, m.alias, words)) or any(
                a in said for a in _aliases(m.entity_id, env)):
            return True
        if m.score >= 100:
            return False
        # a fuzzy reading's window may take in a neighbour (5年收入合计) and the answer may split
        # the name (收入构成“合计”): its characters in order within one label or cited row will do
        name = m.name.lower()
        core = "".join(ch for ch in words if ch in name)  # neighbours and joiners taken in (年的…)
        core = re.sub(r"^[\d年度]+", "", core)
        return len(core) >= 2 and any(_in_order(core, s.lower()) for s in short)

    found = used[: len(state.matches)]
    short = [*(c.row for c in answer.citations), *(v.label or "" for v in answer.values)]
    spoken = [m for m in found if m.kind not in SPOKEN_KINDS or heard(m)]
    glossed = [m for m in found if m not in spoken and m.span and any(
        o.span and _brackets(q.text, m.span, o.span) for o in spoken if o.kind in MONEY_KINDS)]
    return spoken + glossed + used[len(used) - reported:]


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _brackets(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """One name right before the other's opening bracket: X(Y) or Y(X)."""
    first, second = sorted((a, b))
    between = text[first[1]: second[0]]
    return between.rstrip().endswith("(") and len(between) <= 4 and text[second[1]: second[1] + 1] == ")"


DEPT_SHORT_MIN = 3  # 经信局, 科创局, 商务委: the department's name shortened, ending as it ends


def _department_runs(text: str, department: str) -> list[Tag]:
    """Runs of the question that shorten the department's own name (its characters in order,
    ending with its last character): the question speaks of the department, not of a line."""
    if not department:
        return []
    out: list[Tag] = []
    for end in range(len(text), DEPT_SHORT_MIN - 1, -1):
        if text[end - 1] != department[-1]:
            continue
        start = end - DEPT_SHORT_MIN
        if start < 0 or not _in_order(text[start:end], department):
            continue
        while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" \
                and _in_order(text[start - 1:end], department):
            start -= 1
        out.append(Tag(kind="entity", value=text[start:end], start=start, end=end, text=text[start:end]))
    return out


FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?!\d|\s*年)")  # a figure, never the year the line opens with
CLAUSE_END = re.compile(r"[，,。；;]")  # (a colon sets a label before its figure: one clause)
# 6. 江汉区…项目经费: the number of a list's item, never a figure of the line
NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．)）]\s*")


def _clauses_stating(lines: list[str], values: list[float]) -> list[str]:
    """The cited lines' heads (their words before any figure: what the line is about) and the
    clauses that print the figure stated (成熟企业5家每年支持资金30.00万元 is no clause of the
    project's 500.00: a name beside another figure proves nothing of this one)."""
    def says(clause: str) -> bool:
        return any(abs(float(f.replace(",", "")) - v) < 0.005 for f in FIGURE.findall(clause) for v in values)
    heads = [AMOUNT.split(NUMBERED.sub("", line), maxsplit=1)[0] for line in lines]
    return heads + [c for line in lines for c in CLAUSE_END.split(line) if says(c)]


# an answer quoting a project's basis: its parts, each with a figure of its own
QUOTED_BASIS = re.compile(r"测算依据(?:及说明)?[：:]")


def _own_text(answer: Answer) -> str:
    """The answer's words, where a quoted 测算依据 counts only by its clauses of the figures stated
    (成熟企业5家每年支持资金30.00万元 quoted under the project's 500.00 does not speak of 成熟企业)."""
    quoted = QUOTED_BASIS.search(answer.text)
    if quoted is None:
        return answer.text
    values = [v.value for v in answer.values]
    return " ".join([answer.text[:quoted.start()], *_clauses_stating([answer.text[quoted.end():]], values)])
