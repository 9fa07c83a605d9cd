"""A follow-up with nothing to point to (这个项目… / 那去年呢 / 电话多少 as a first question): say
so, and offer the projects to choose from — or, where there are none, say that too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.dialogue.slots import _core, _strip
from assistant.models import Answer, Candidate, Match, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env

# 第2季度 is no item; 排第三 / 排在第四 / 排名第二 say the place in the order, as 第三 does
_ORDINAL = re.compile(r"(?:排(?:在|名)?)?第(\d+)(?!季|个?月|年|期|批|部分|次)(?:个|项|名|条|笔)?")
# 第四的是哪个: the place asked, in a question of which line holds it
_WHICH_TAIL = re.compile(r"(?:是)?(?:哪一?[个项类款条笔]|什么|谁)$")
_SET_NOUN = re.compile(r"^(?:项目|科目|品目|明细|单位)")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff\d]")  # a Chinese character or a digit
APPOSITION_MIN = 4  # characters of a name said right before 这个/那个 that it points to


def ordinal_rest(text: str, env: Env) -> str:
    """What a follow-up says besides the place it asks (第二个呢 / 排第三的 / 第四的是哪个)."""
    rest = _SET_NOUN.sub("", _core(_ORDINAL.sub("", text), env))  # 第二个项目多少钱: the set's noun too
    return _WHICH_TAIL.sub("", rest)


def _projects(env: Env) -> list[str]:
    names: list[str] = []
    for e in env.index.kinds("project"):
        if e.name not in names:
            names.append(e.name)
    return names



def _clarify(q: Question, reason: str, names: list[str], phrase: str | None, env: Env) -> Answer:
    from assistant.settings import SETTINGS

    if not names:  # nothing to offer: say so, never an empty choice
        return Answer(status="unanswerable", text=f"{reason}文件中也没有可供选择的项目，请说出具体的名称。")

    cands = []
    for name in names[: SETTINGS.max_candidates]:
        question = q.text.replace(phrase, name, 1) if phrase and phrase in q.text else f"{name}{q.text}"
        cands.append(Candidate(label=name, question=question))
    listing = "、".join(c.label for c in cands)
    return Answer(status="clarify", text=f"{reason}请问您指的是哪一个：{listing}？", candidates=cands)


PART_OF_BEFORE = ("其中",)  # words that make a question a part of the figure before it


def _no_context(q: Question, own: list[Match], env: Env) -> Answer | None:
    answered = env.conv.last is not None and env.conv.last.status == "answered"
    if q.text.startswith(PART_OF_BEFORE) and env.conv.turns and answered and _printed_with(own, env):
        return None  # 有几辆车 → 其中一般公务用车几辆: a part the same sentence names, read by its name
    if q.text.startswith(PART_OF_BEFORE) and env.conv.turns and not answered:
        # 其中项目支出呢 after a question that got no answer: a part of nothing stated — never the
        # department's whole column instead
        return Answer(status="unanswerable", text=(
            "“其中”是接着上一个问题问的，但上一个问题没有得到回答，不知道是其中的哪一部分；"
            "请把要问的单位或项目说完整。"))
    if own:
        return None
    words = env.k.words
    deictic = next((w for w in words.get("deictic", ()) if w in q.text), None)
    if deictic:
        before = q.text[: q.text.find(deictic)]
        if len(_MEANINGFUL.findall(re.split(r"[,，。；;?？]", before)[-1])) >= APPOSITION_MIN:
            return None  # 新春第一会那个大会: 那个 points to the name just said, not to a turn before
        phrase = deictic + "项目" if deictic + "项目" in q.text else deictic
        return _clarify(q, f"您问的“{phrase}”没有上文可指。", _projects(env), phrase, env)
    fields = words.get("fields", ())
    if any(f in q.text for f in fields) and not _core(_strip(q.text, fields), env):
        return _clarify(q, "每个项目的负责人和联系电话不同。", _projects(env), None, env)
    rest = _core(_ORDINAL.sub("", q.text), env)
    for group in ("share", "compare"):
        rest = _strip(rest, words.get(group, ()))
    if not rest and not env.k.has("total", q.text) and not env.k.bare_total(q.text):
        # 那去年呢 / 第二个呢 / 占比多少 as a first question: nothing to refer back to
        names = _projects(env)[:3]
        said = "上一个问题没有得到答案" if env.conv.turns else "现在还没有上文"  # 用万元说 after a refusal
        return _clarify(q, f"这个问题要接着前一个问题问，但{said}。", names, None, env)
    return None


def _nothing_to_add(text: str, own: list[Match], env: Env) -> Answer | None:
    """合计 / 加起来 said alone where the conversation did not give two figures to add (the turn
    before was refused): say so — never one earlier figure restated as a total."""
    sums = env.k.words.get("sum", ())
    rest = re.sub(r"^[这那]?[两二几\d]?[项个者样]$", "", _core(_strip(text, sums), env))  # 两项一共
    if own or not env.k.has("sum", text) or rest:
        return None
    return Answer(status="unanswerable", text=(
        "“合计”是把上文的几个数加起来，但上文没有得到两个可以相加的数；请直接说出要相加的各项，"
        "例如“A和B加起来多少”。"))


PAIR_OPS = frozenset({"sum", "diff", "ratio"})


def _pair_after_a_miss(q: Question, own: list[Match], env: Env) -> Answer | None:
    """奖金多少 → 加班费呢 (not in the document) → 两项一共 / 哪个多 / 比奖金多多少: the turn before
    gave no figure, so there are no two figures to work on — never the first one restated, nor a
    line set against itself."""
    from assistant.tag import load_lexicon, tag

    latest = env.conv.last
    if latest is None or latest.status == "answered":
        return None
    earlier = {m.name for t in env.conv.turns for m in t.entities}
    if any(m.name not in earlier for m in own):
        return None  # it names a thing of its own: a question in full
    ops = {t.value for t in tag(q.text, own, load_lexicon()) if t.kind == "operation"}
    if not ops & PAIR_OPS:
        return None
    return Answer(status="unanswerable", text=(
        "上一个问题没有得到回答，没有两个数可以一起计算；"
        "请把要计算的两项都说出来，例如“A和B加起来多少”。"))


CONVERTED = re.compile(r"换成|换算成|换算为|折合成?|折算成?|转成|转换成")


def _bare_after_a_miss(q: Question, own: list[Match], env: Env) -> Answer | None:
    """招商引资专项经费多少 → 扶持资金呢 (not understood) → 去年的呢: the bare follow-up is about the
    thing the turn before tried to name — never the thing answered before that."""
    latest = env.conv.last
    answered = [t for t in env.conv.turns if t.status == "answered"]
    # 用元说 / 换成万元 / 每个月呢 said after it names nothing either: only how to say the figure
    bare = _core(CONVERTED.sub("", _strip(q.text, tuple(env.k.unit_words))), env)
    if own or latest is None or latest.status == "answered" or not answered or bare:
        return None
    said = latest.question
    for m in latest.entities:
        said = said.replace(m.name, "")
    if not _core(said, env):
        return None  # 去年呢 was declined: the thing asked is still the one answered before
    return Answer(status="unanswerable", text=(
        "上一个问题没有得到回答，不清楚这句接着问的是哪一项；为免答非所问，这里不给出数字。"
        "请把要问的项目或科目说完整。"))


def _printed_with(own: list[Match], env: Env) -> bool:
    """The thing named is printed on the lines the answer before was read from (车辆7辆（一般公务用车
    3辆）): a part of that figure, said by its own name."""
    last = env.conv.last
    cited = [c for r in (last.results if last else []) for c in r.get("citations", [])]
    lines = {int(c["line"]) for c in cited if c.get("line")}
    rows = [row for n in lines for row in env.runner.run("source_lines", start=n, end=n)]
    printed = "".join(str(row["text"]) for row in rows)
    return bool(own) and any(m.name in printed or m.alias in printed for m in own)
