"""A whole-budget total asked of a year before the document's (去年预算一共多少, 今年总预算 → 那去年呢).

The tables print the document year only; the 说明 prints this year's 支出预算/收入预算 with its change
against the year before, so the year before is worked back there (narrative readings). This asks the
question as typed first (财政拨款收支总预算: that source's own row), then as the 说明 says its total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Answer, Question

if TYPE_CHECKING:
    from assistant.pipeline.steps import Env


def prior_total(q: Question, env: Env, asked: dict[str, object] | None) -> Answer | None:
    """去年预算一共多少: the whole budget of the year before, worked back from the 说明's printed
    change (支出预算…比2024年预算减少…) as the 支出预算 / 收入预算 question asks it; None otherwise."""
    from assistant.plan.values import ask
    from assistant.tag import load_lexicon, tag

    years = set(q.years)
    if env.depth > 0 or len(years) != 1 or asked is None or set(asked) != {"measure", "income"} \
            or asked["measure"] is not None:
        return None
    if any(t.kind == "operation" and t.value != "sum" for t in tag(q.text, (), load_lexicon())):
        return None  # 2024年支出总额降幅是多少: a change or a rate is asked, not the year's total
    year = years.pop()
    # as asked first (财政拨款收支总预算: that source's own row), then as the 说明 says its total
    for said in (q.text, f"{year}年{'收入预算' if asked['income'] else '支出预算'}是多少"):
        found = ask(said, env).answer
        if found is not None and found.status == "answered" and found.values:
            return found
    return None
