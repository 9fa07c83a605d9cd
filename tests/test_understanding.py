"""The understanding layer: lexicon, tagging, coverage, compositions and computing follow-ups."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from assistant.ops import arith
from assistant.query.cover import leftovers
from assistant.query.model import Value
from assistant.query.parse import parse
from assistant.tag import load_lexicon, tag

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOL = 0.005


def _load(name: str) -> list[dict[str, Any]]:
    with (FIXTURES / "understanding" / name).open("rb") as f:
        return tomllib.load(f)["case"]


def test_lexicon_loads_and_every_word_has_one_meaning() -> None:
    lex = load_lexicon()  # raises LexiconError on a word listed with two meanings
    assert len(lex.words) > 500
    assert lex.colloquial["人头费"] == "人员经费"


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("比上年增加了多少", "operation", "change"),  # 增加 is one change word, never 加
    ("公用经费加印刷费", "operation", "sum"),
    ("占比是多少", "operation", "share"),
    ("是基本支出的几倍", "operation", "ratio"),
    ("除了科技支出", "operation", "except"),
])
def test_longest_match_wins(text: str, kind: str, value: str) -> None:
    tags = tag(text, (), load_lexicon())
    assert any(t.kind == kind and t.value == value for t in tags), tags
    if value == "change":
        assert not any(t.value == "sum" for t in tags)


@pytest.mark.parametrize(("text", "left"), [
    ("网络安全运营服务项目最后是哪家公司中标的", ("标", "公司")),
    ("采购的复印机是什么品牌", ("复印机", "品牌")),
    ("多少钱", ()),
])
def test_leftovers_name_what_no_lexicon_word_covers(text: str, left: tuple[str, ...]) -> None:
    got = leftovers(text, tag(text, (), load_lexicon()))
    for word in left:
        assert any(word in g for g in got), got
    if not left:
        assert got == ()


@pytest.mark.parametrize(("text", "op"), [
    ("项目支出是基本支出的多少倍", "ratio"),
    ("公用经费在基本支出中占比是多少", "share"),
    ("基本支出里公用经费占多少", "share"),
    ("除了科学技术支出，其他几类加起来多少", "except"),
    ("办公费和印刷费加起来多少", "sum"),
    ("办公费比印刷费多多少", "diff"),
    ("科技研究开发资金近三年分别是多少", "series"),
    ("科学技术支出多少", "total"),  # read as a figure asked; the total's answer leaves a named line alone
    ("采购的复印机是什么品牌", None),
])
def test_composition_rules(text: str, op: str | None) -> None:
    q = parse(text, load_lexicon())
    assert (q.op if q else None) == op


def test_share_reads_whole_and_part_in_either_order() -> None:
    lex = load_lexicon()
    a, b = parse("公用经费占基本支出的比例", lex), parse("基本支出里公用经费占多少", lex)
    assert [s.text for s in a.subjects] == [s.text for s in b.subjects] == ["公用经费", "基本支出"]


def _v(amount: float, unit: str = "万元") -> Value:
    return Value(label="x", amount=amount, unit=unit)


@pytest.mark.parametrize(("op", "args", "want"), [
    (arith.total, ([_v(0.58), _v(0.5)],), 1.08),
    (arith.ratio, (_v(7174.22), _v(791.47)), 9.06),
    (arith.share, (_v(63.82), _v(791.47)), 8.06),
    (arith.difference, (_v(11.79), _v(10.4)), 1.39),
    (arith.total, ([_v(1.5), _v(5000, "元")],), 2.0),  # units made alike before adding
])
def test_operations(op, args, want: float) -> None:
    assert op(*args)[0] == pytest.approx(want)


def test_convert_and_zero_whole() -> None:
    assert arith.convert(_v(11.79), "元").amount == 117900
    with pytest.raises(arith.OperationError):
        arith.share(_v(1), _v(0))


def _ask(bot, turns: list[str]):
    conv = bot.new_conversation()
    for t in turns:
        answer = bot.ask(t, conv)
    return answer


@pytest.mark.parametrize("case", _load("compositions.toml"), ids=lambda c: c["turns"][0][:14])
def test_compositions_in_three_wordings(bot, case: dict[str, Any]) -> None:
    for wording in case["turns"]:
        answer = _ask(bot, [wording])
        stated = [v.value for v in answer.values]
        assert answer.status == "answered", (wording, answer.text)
        for want in case["values"]:
            assert any(abs(want - got) <= TOL for got in stated), (wording, want, answer.text)
        for wrong in case.get("absent", []):
            assert all(abs(wrong - got) > TOL for got in stated), (wording, wrong, answer.text)
        for words in case.get("text", []):
            assert words in answer.text, (wording, words, answer.text)
        assert answer.citations, wording
        if case["values"]:
            assert "理解" in answer.text  # a computed figure says how it read the question


@pytest.mark.parametrize("case", _load("followups.toml"), ids=lambda c: "/".join(c["turns"])[:20])
def test_followups_compute_over_earlier_results(bot, case: dict[str, Any]) -> None:
    answer = _ask(bot, case["turns"])
    stated = [v.value for v in answer.values]
    assert answer.status == "answered", answer.text
    for want in case["values"]:
        assert any(abs(want - got) <= TOL for got in stated), (want, answer.text)
    assert answer.citations


@pytest.mark.parametrize(("files", "message"), [
    ({"a.toml": 'x = ["的"]', "b.toml": 'y = ["的"]'}, "both"),
    ({"a.toml": 'x = ["的"'}, "a.toml"),
])
def test_a_malformed_lexicon_is_a_knowledge_error(tmp_path: Path, files: dict[str, str],
                                                 message: str) -> None:
    from assistant.errors import KnowledgeError
    from assistant.tag.lexicon import build_lexicon

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        build_lexicon(tmp_path)
