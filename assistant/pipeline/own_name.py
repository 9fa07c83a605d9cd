"""The department's own name said first (万里街道三公经费合计多少, 经科局今年预算多少, 区府办的差旅费):
it only says whose budget — the document's — and is no line of it, so it is dropped before the
question is read. A region said with it that is not the department's own (武汉市商务局 beside
硚口区商务局) keeps it: that is another body, refused by the screen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def own_name_dropped(q: Question, env: Env) -> Question:
    """万里街道三公经费合计多少: the department's own name (or a short name of it) said first only
    says whose budget — the document's — and is no line of it."""
    names = env.facts.get("own_names")
    if names is None:
        from assistant.corpus.names import corpus_rules, short_names

        full = [str(n) for n in (env.facts.get("department"), *env.facts.get("also_named", ())) if n]
        rules = corpus_rules()
        # 街道今年预算多少: the kind of body said alone, in its own budget (knowledge/corpus.toml)
        kinds = {w for end, words in rules.get("self_words", {}).items()
                 if str(env.facts.get("department") or "").endswith(end) for w in words}
        names = sorted({s for n in full for s in short_names(n, rules)} | kinds, key=len, reverse=True)
        env.facts["own_names"] = names
        env.facts["own_kinds"] = kinds
    kinds = env.facts.get("own_kinds", ())
    for name in names:
        at = q.text.find(name)
        if at < 0 or at > OWN_NAME_AFTER_MAX or (name in kinds and at > 0):
            continue  # (曹杨新村街道: a kind word after a name is that other body's)
        before, rest = q.text[:at], q.text[at + len(name):].lstrip("的")
        if rest.startswith(OWN_UNIT):
            break  # 商务局本级: the department's own unit (a row of the 分单位 tables), not the whole
        if ITSELF_ASKED.match(rest):
            break  # 本部门是干什么的: the department itself is asked about (its functions)
        if not _same_region(before + name, str(env.facts.get("department") or "")):
            break  # 武汉市商务局的…: the city's office of that kind, another body (screen refuses it)
        if len(before) + len(rest) >= OWN_NAME_REST_MIN or _names_a_thing(rest):
            return _before_whole(q.model_copy(update={"text": before + rest}), names)
    return _before_whole(_abbreviation_dropped(q, names), names)


def _before_whole(q: Question, names: list[str]) -> Question:
    """一般公共服务支出占区府办总支出的百分比: the department's name said later in the question, right
    before a word of its whole budget (knowledge/corpus.toml: own_whole_words), is that whole's."""
    from assistant.corpus.names import corpus_rules

    wholes = tuple(corpus_rules().get("own_whole_words", ()))
    text = q.text
    for name in names:
        at = text.find(name, 1)
        while at > 0:
            after = text[at + len(name):]
            if after.lstrip("的").startswith(wholes) and text[at - 1] in SAID_BEFORE_WHOLE:
                text = text[:at] + after.lstrip("的")
                break
            at = text.find(name, at + 1)
    return q if text == q.text else q.model_copy(update={"text": text})


def _abbreviation_dropped(q: Question, names: list[str]) -> Question:
    """经科局今年预算多少 / 区经信局的三公经费: the department said by an abbreviation of one of its
    names (every character in order, ending alike) at the start of the question."""
    from assistant.pipeline.screen import _abbreviates

    text = q.text
    for end in range(min(len(text), ABBREVIATION_MAX), 2, -1):
        said = text[:end]
        if any(said[-1] == n[-1] and _abbreviates(said.removeprefix("区"), n) and _same_region(said, n)
               for n in names):
            rest = text[end:].lstrip("的")
            if rest.startswith(OWN_UNIT) or len(rest) < OWN_NAME_REST_MIN or ITSELF_ASKED.match(rest):
                return q
            return q.model_copy(update={"text": rest})
    return q


def _names_a_thing(rest: str) -> bool:
    """区府办的差旅费: a short rest that names something (差旅费) is a question of its own; one that
    only asks (是什么, 多少) is about the department itself."""
    from assistant.query.subjects import _only_asking

    return len(rest) >= 2 and not _only_asking(rest)


def _same_region(said: str, name: str) -> bool:
    """武汉市商务局 is no abbreviation of 武汉市硚口区商务局: a region said must be the department's own
    innermost one (the city's office of the same kind is another body)."""
    from assistant.pipeline.screen import _REGION

    regions, named = _REGION.findall(name), _REGION.findall(said)
    return not named or not regions or named[-1] == regions[-1]


# what may stand right before the name (占区府办总支出): never a region (武汉市商务局 is another body)
SAID_BEFORE_WHOLE = "占在于是的了比和与跟及同、，,里中对"
ABBREVIATION_MAX = 7  # characters of an abbreviated name said first (区经信科创局)


ITSELF_ASKED = re.compile(r"(?:的)?(?:主要)?(?:是)?(?:干什么|做什么|干啥|干嘛|负责什么|管什么|职能|职责|"
                          r"是什么单位|是什么部门|什么性质)")
OWN_UNIT = "本级"  # said after the department's name: its own unit, beside the units below it
OWN_NAME_REST_MIN = 4  # characters that must remain: the department's name alone is a question too
# 今年区府办的福利费 / 请问万里街道…: a few words (a year, 请问) may come before the name
OWN_NAME_AFTER_MAX = 6
