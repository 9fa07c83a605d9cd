"""A person's phone is the one the document prints beside that person, whatever was asked before.

Before the fix 「大数据中心运行维护费的负责人电话」 then 「周丽琴的电话」 answered 17771821284 (王传福's
mobile); the document prints 85626957 beside 周丽琴. Every person × phone pair of the seed is asked
after every project's phone question (and with no context), in three phrasings.
"""

from __future__ import annotations

import re

import pytest

# (person, phone, source line) as printed in the seed: 预算15表 项目负责人/联系电话 rows and the
# 预算14表 header's 填报人/联系电话.
PAIRS = [
    ("周丽琴", "85626957", 602),
    ("孟晗", "85626370", 674),
    ("李卉", "85626370", 674),
    ("高阳", "85623941", 774),
    ("王传福", "17771821284", 894),
    ("柯远琦", "18995801435", 421),
]
CONTEXTS = [
    None,
    "科学管理事务支出的负责人电话",
    "科技研究与开发资金的联系电话",
    "安全生产工作经费的负责人是谁",
    "聘用人员工作经费的联系电话",
    "大数据中心运行维护费的负责人电话",
    "江汉区政务体系统一网络安全运营服务项目的联系电话",
    "科学技术支出多少",
]
PHRASES = ["{p}的电话", "那{p}的电话呢", "{p}的联系电话是多少"]
STRANGERS = ["张伟", "李明", "王小明", "欧阳娜"]
_NUMBER = re.compile(r"\d{7,}")


def test_pairs_are_every_person_of_the_seed(seed_con) -> None:
    """The table above is complete: every 负责人 and 填报人 the database holds is in it."""
    leaders = seed_con.execute("SELECT leader, phone FROM project_forms").fetchall()
    found = {(n, phone) for names, phone in leaders for n in re.split(r"[、,，]", names)}
    header = dict(seed_con.execute("SELECT field, value FROM perf_header").fetchall())
    found.add((header["填报人"], header["联系电话"]))
    assert found == {(p, phone) for p, phone, _ in PAIRS}


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: c or "none")
@pytest.mark.parametrize(("person", "phone", "line"), PAIRS, ids=[p for p, _, _ in PAIRS])
def test_person_phone_after_any_question(bot, context, person, phone, line) -> None:
    others = {ph for _, ph, _ in PAIRS if ph != phone}
    for phrase in PHRASES:
        conv = bot.new_conversation()
        if context:
            bot.ask(context, conv)
        q = phrase.format(p=person)
        answer = bot.ask(q, conv)
        said = set(_NUMBER.findall(answer.text))
        assert answer.status == "answered", (context, q, answer.text)
        assert phone in said, (context, q, answer.text)
        assert not said & others, f"{q!r} after {context!r} gave another person's phone: {answer.text}"
        assert line in [c.line for c in answer.citations], (q, answer.citations)


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: c or "none")
@pytest.mark.parametrize("stranger", STRANGERS)
def test_person_not_in_the_document_gets_no_phone(bot, context, stranger) -> None:
    conv = bot.new_conversation()
    if context:
        bot.ask(context, conv)
    answer = bot.ask(f"{stranger}的电话", conv)
    assert answer.status != "answered" and not _NUMBER.findall(answer.text), answer.text
    assert not answer.values
