"""The units-count rule and its answer: 有几家单位 / 包括几家单位 / 下属有几家单位 / 三公经费涉及几家单位.

How many units a budget covers is said in words, not counted from a table (a table of units may
print one row for units merged into the department's own accounts):
- the list of units that follows 具体包括： (the 本部 counted, or left out when 下属 is asked);
- else the sentence 本部门由机关本级及 N 家下属事业单位组成 (N + 1 units, N below);
- a count asked of one thing (三公经费涉及几家单位, 机关运行经费涉及几家单位) is read from the sentence
  that names it — or its section (“三公”经费的单位范围) — as the units it lists: 局机关及下属 2 家
  (3), 下属1家机关和1家事业单位 (2). With no such sentence the count is not stated.
A kind of unit (事业单位有几家) is a reading of its own, not this rule's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.query.model import Query, Subject
from assistant.query.organisation import SELF_UNIT, listed, own_paragraphs
from assistant.query.subjects import ORIGINAL
from assistant.tag import Lexicon

if TYPE_CHECKING:
    from assistant.pipeline.base import Row
    from assistant.pipeline.steps import Env

RULE, BELOW = "有几家单位", "下属有几家单位"
# the department said of itself, before the count: no scope of its own
SELF = r"(?:本部门|本单位|这个部门|部门|本局|我们|咱们|该部门|这个单位)?"
_BELOW = r"(下属|下面|下辖|所属|下级)?"
_COUNT = r"(?:一共|总共|共)?(?:有|包括|包含|涉及|覆盖)?(?:几|多少)(?:家|个)"
_SHAPES = (
    # 三公经费涉及几家单位 / 本部门包括几家(预算)单位 / 下属有几家单位
    re.compile(rf"^(?:那|请问)?{SELF}(.*?)的?(?:开支单位)?{_BELOW}(?:一共|总共|共)?(?:有|包括|包含|涉及|覆盖)?的?"
               rf"(?:几|多少)(?:家|个)((?:下属|下级|所属)?(?:预算|基层)?(?:下属|下级|所属)?)单位(?:呢)?$"),
    # 单位有几家 / 下属单位一共几个
    re.compile(rf"^(?:那|请问)?{SELF}(.*?)的?{_BELOW}(?:预算|基层)?单位{_COUNT}(?:呢)?$"),
    # 机关运行经费是几家单位的 / (that figure) 是几家单位的: whose it is, counted
    re.compile(r"^(?:那|请问)?(.*?)(?:是|属于|归)(?:哪)?(?:几|多少)(?:家|个)单位(?:的|用的|花的)(?:呢)?$"),
)
OF_IT = "（上文）是几家单位的"
# 这笔钱 / 它: the figure just stated
THIS = re.compile(r"[这那它此该](?:笔|项|个|些)?(?:钱|经费|资金|支出|费用)?")
# the department's own office named before 及/和 in a sentence that counts the units below it
_SELF_UNIT = re.compile(r"(?<!家)(?:局机关|机关本级|本级|本部|机关)(?:以?及|和|与)")
_MADE_OF = re.compile(r"(?:由|包括)[^，。；]{0,12}?(?:本级|本部|机关)(?:以?及|和)\s*(\d+)\s*家")
KIND_OF_UNIT = re.compile(r"(?:事业|行政|参公|企业|机关|二级|独立核算|公务员法管理的)$")


def units_count(text: str, lex: Lexicon) -> Query | None:
    said = ORIGINAL.get() or text
    for shape in _SHAPES:
        m = shape.search(said)
        if m:
            scope = m.group(1).strip("的")
            if KIND_OF_UNIT.search(scope):
                return None  # 事业单位有几家: a kind of unit, counted by the reading of 机构设置
            subjects = (Subject(text=scope, span=m.span(1)),) if scope else ()
            if m.re is _SHAPES[-1]:  # 是几家单位的: of the thing said, or of the one just stated
                said_own = bool(scope) and not THIS.fullmatch(scope)
                return Query(op="units", subjects=subjects if said_own else (),
                             rule=RULE if said_own else OF_IT)
            # 几家下属(预算)单位 / 几家预算下属单位: 下属 said after the count too
            below = m.group(2) or (m.re.groups >= 3 and re.search(_BELOW, m.group(3) or "").group(0))
            return Query(op="units", subjects=subjects, rule=BELOW if below else RULE)
    return None


def units_count_answer(query: Query, env: Env) -> Answer | None:
    paras = env.runner.run("narr_paragraphs", doc_id=env.runner.doc_id)
    scope = query.subjects[0].text if query.subjects else ""
    if query.rule == OF_IT:
        scope = _last_stated(env)
        if not scope:  # 是几家单位的 of nothing stated: never the department's count instead
            return Answer(status="unanswerable", suggestions=["本部门包括几家单位？"],
                          text="不清楚问的是哪一项涉及几家单位；请说出项目或经费的名称，例如“机关运行经费涉及几家单位”。")
    own = [str(n) for n in (env.facts.get("department"), *env.facts.get("also_named", ())) if n]
    if scope and not any(scope in n for n in own):  # 街道下属单位: the department, said short
        return _of_scope(scope, paras, query.rule == BELOW, env)
    return _of_department(paras, query.rule == BELOW, env)


def _of_department(paras: list[Row], below: bool, env: Env) -> Answer | None:
    own = own_paragraphs(paras)
    items = listed(own)
    if items:
        # the department's own office is listed first (its 本部); a later item may name it in passing
        mine = items[:1] if SELF_UNIT in items[0]["text"] else []
        counted = items[1:] if below and mine else items
        names = "；".join(p["text"].strip().rstrip("。") for p in counted)
        return _answer(len(counted), below, f"第一部分列出的单位：{names}", items[0], env)
    for p in own:
        m = _MADE_OF.search(p["text"])
        if m:
            n = int(m.group(1))
            said = f"第一部分写明：{_sentence(p['text'], m.start())}"
            return _answer(n if below else n + 1, below, said, p, env)
    return None


def _of_scope(scope: str, paras: list[Row], below: bool, env: Env) -> Answer | None:
    """三公经费涉及几家单位: the sentence that names it (or stands in a section that does)."""
    bare = re.sub(r"[“”\"'‘’]", "", scope)
    if len(bare) < 2:
        return None
    for p in paras:
        section = re.sub(r"[“”\"'‘’]", "", p["section"])
        for sentence in re.split(r"(?<=[。；;])", p["text"]):
            plain = re.sub(r"[“”\"'‘’]", "", sentence)
            named = bare in plain or bare in section
            if "家" not in plain or not re.search(r"单位|机关", plain) or not named:
                continue
            counts = [int(n) for n in re.findall(r"(\d+)\s*家", plain)]
            if not counts:
                continue
            n = sum(counts) + (1 if _SELF_UNIT.search(plain) and not below else 0)
            return _answer(n, False, f"文件写明：{sentence.strip()}", p, env, of=bare)
    return Answer(status="unanswerable", text=f"文件没有写{bare}涉及几家单位。")


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at) + 1, 0)
    end = text.find("。", at)
    return text[start: end + 1 if end >= 0 else len(text)].strip()


def _answer(n: int, below: bool, said: str, p: Row, env: Env, of: str = "") -> Answer:
    from assistant.models import Value
    from assistant.pipeline.base import cite

    what = f"{of}涉及的单位" if of else ("下属单位" if below else "本部门预算包含的单位")
    return Answer(status="answered", text=f"{what}共 {n} 家（{said.rstrip('。')}）。",
                  values=[Value(value=n, unit="家", label=what)],
                  citations=[cite(env.runner, p["part"], p["section"], p["line_start"])])


def _last_stated(env: Env) -> str:
    """What the answer just given stated one figure of (机关运行经费是多少 → 是几家单位的)."""
    from assistant.dialogue.stated import single

    last = env.conv.last
    if last is None or last.status != "answered":
        return ""
    v = single(last)
    return re.sub(r"^\d{4}年|（.*?）|预算数?$", "", v.label) if v is not None else ""
