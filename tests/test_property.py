"""Property tests: whatever text arrives, `ask` returns a valid Answer and runs only templates.

Inputs: random Unicode, control and format characters, NUL, emoji, mixed scripts, huge numbers,
SQL fragments, template-like braces, Markdown/HTML, and real questions with such noise around
them. About 1,500 generated inputs (≈2,000 questions asked) per run, well under a minute;
FUZZ_SCALE multiplies the counts.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reliability_support import check_answer, fixture_conversations

from assistant.settings import SETTINGS

CAP = SETTINGS.max_question_chars
# FUZZ_SCALE=10 python -m pytest tests/test_property.py  — a deeper run than CI's (~1 min).
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def scaled(n: int) -> int:
    return max(1, int(n * SCALE))


FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# Real questions: every single-turn question of the fixtures and bench/questions.txt.
QUESTIONS = sorted({turns[0] for turns in fixture_conversations()})

FRAGMENTS = [
    # SQL
    "'", '"', ";", "--", "/*", "*/", "' OR '1'='1", "1 OR 1=1", "'; DROP TABLE line_items; --",
    "UNION SELECT * FROM documents", "ATTACH '/tmp/x' AS y", "COPY line_items TO '/tmp/x.csv'",
    "PRAGMA database_list", "read_csv('/etc/passwd')", "SELECT", "FROM", "WHERE", "LIMIT 1",
    "$$", "\\", "%", "_", "LIKE '%'",
    # template-like
    "{x}", "{{x}}", "{}", "%(x)s", "%s", ":param", ":doc_id", "$1", "?", "{0}", "${x}", "{{ x }}",
    # markup
    "<b>", "</b>", "<script>alert(1)</script>", "[链接](http://x.example)", "**粗体**", "`code`",
    "```", "# 标题", "| a | b |", "&nbsp;", "&lt;", "<p>",
    # control / invisible / bidi
    "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\u200b", "\u200d", "\ufeff", "\u202e", "\u200f",
    "\u2028", "\u3000", "\ufffd",
    # emoji and mixed scripts
    "😀", "👨‍👩‍👧", "🇨🇳", "👍🏽", "Привет", "مرحبا", "שלום", "नमस्ते", "สวัสดี", "안녕", "こんにちは",
    # numbers and codes
    "0", "-1", "1e308", "NaN", "inf", "99999999999999999999999999999", "0.000000001", "7,965.69",
    "７９６５．６９", "二零二六", "2060101", "30108", "A02020100", "42010326501T000000103",
    # budget words
    "多少", "预算", "支出", "科学技术", "行政运行", "项目", "呢", "第二个", "去年", "今年", "比", "合计",
    "占比", "哪个最大", "是什么", "吗", "？", "！", "，", "。",
]

FOLLOW_UPS = [*QUESTIONS, "第二个呢", "去年呢", "电话呢", "它呢", "那2025年呢", "加起来多少"]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=16).map(lambda parts: "".join(parts)[:CAP])

mixed_scripts = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),  # CJK punctuation
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),  # full-width forms
        st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
        st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # CJK extension B
        st.sampled_from("0123456789.,%万元亿"),
    ),
    max_size=CAP,
)

control_text = st.text(
    alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Co"]),
    max_size=CAP,
)

huge_numbers = st.one_of(
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
).flatmap(
    lambda n: st.sampled_from([n, f"{n}万元是哪个项目的钱", f"{n}是多少", f"预算{n}万元", f"{n}年预算多少"])
)

any_text = st.one_of(
    st.text(max_size=CAP),
    fragment_text,
    mixed_scripts,
    control_text,
    huge_numbers.map(lambda s: s[:CAP]),
)

noisy_question = st.builds(
    lambda q, before, after: (before + q + after)[:CAP],
    st.sampled_from(QUESTIONS),
    st.one_of(st.just(""), fragment_text.map(lambda s: s[:40]), st.text(max_size=10)),
    st.one_of(st.just(""), fragment_text.map(lambda s: s[:40]), st.text(max_size=10)),
)


def _ask(bot: Any, text: str) -> Any:
    answer = bot.ask(text, bot.new_conversation())
    check_answer(answer, context=text)
    return answer


@settings(FUZZ, max_examples=scaled(800))
@given(text=any_text)
@example(text="")
@example(text="\x00")
@example(text="\x00" * CAP)
@example(text="{x} {{x}} %(x)s :param")
@example(text="'; DROP TABLE line_items; --")
@example(text="😀" * CAP)
@example(text="9" * CAP)
def test_any_text_gets_a_valid_answer(bot: Any, text: str) -> None:
    _ask(bot, text)


@settings(FUZZ, max_examples=scaled(300))
@given(text=noisy_question)
def test_real_question_with_noise(bot: Any, text: str) -> None:
    _ask(bot, text)


@settings(FUZZ, max_examples=scaled(100))
@given(turns=st.lists(st.one_of(st.sampled_from(FOLLOW_UPS), any_text), min_size=2, max_size=4))
def test_conversations_of_anything(bot: Any, turns: list[str]) -> None:
    conv = bot.new_conversation()
    for turn in turns:
        check_answer(bot.ask(turn, conv), context=turn)


@pytest.fixture(scope="module")
def length_message(bot: Any) -> str:
    answer = bot.ask("问" * (CAP + 1), bot.new_conversation())
    assert answer.status == "unanswerable"
    return answer.text


def test_length_message_names_the_limit(length_message: str) -> None:
    assert str(CAP) in length_message or "长" in length_message, f"says nothing of length: {length_message}"


@settings(FUZZ, max_examples=scaled(250))
@given(text=st.text(min_size=CAP + 1, max_size=CAP * 4))
@example(text="科学技术支出多少" * (CAP // 8 + 1))
@example(text="a" * (CAP + 1))
def test_over_length_gets_the_length_message(bot: Any, length_message: str, text: str) -> None:
    answer = _ask(bot, text)
    assert answer.status == "unanswerable"
    assert answer.text == length_message
    assert answer.values == [] and answer.sql == [], "over-length input was processed"


@pytest.mark.parametrize("question", ["科学技术支出多少", "行政运行多少"])
def test_at_the_limit_is_processed(bot: Any, length_message: str, question: str) -> None:
    text = question + "？" * (CAP - len(question))
    assert len(text) == CAP
    answer = _ask(bot, text)
    assert answer.text != length_message, "input of exactly the cap was refused as too long"


# --- invisible characters change nothing -------------------------------------------------------
# Text pasted from web pages and PDFs carries zero-width spaces, joiners, BOMs and soft hyphens.
# Inserted anywhere in a question they must leave the answer (status, figures, sources) as it was.

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
FIXTURE_QUESTIONS = sorted({turns[-1] for turns in fixture_conversations() if len(turns) == 1})


def _gist(answer: Any) -> tuple[Any, ...]:
    return (answer.status, [v.value for v in answer.values], [c.table for c in answer.citations])


@settings(FUZZ, max_examples=scaled(150))
@given(
    question=st.sampled_from(FIXTURE_QUESTIONS),
    char=st.sampled_from(INVISIBLE),
    positions=st.lists(st.integers(min_value=0, max_value=CAP), min_size=1, max_size=3),
)
@example(question="去年预算总额是多少", char="\u200b", positions=[1])
@example(question="整体绩效表中大数据中心运行维护费的项目本年度预算", char="\u200b", positions=[20])
def test_invisible_characters_change_nothing(
    bot: Any, question: str, char: str, positions: list[int]
) -> None:
    base = _ask(bot, question)
    noisy = question
    for p in sorted({p % (len(question) + 1) for p in positions}, reverse=True):
        noisy = noisy[:p] + char + noisy[p:]
    got = _ask(bot, noisy)
    assert _gist(got) == _gist(base), f"{noisy!r}: {got.text!r}\n  vs {question!r}: {base.text!r}"


@pytest.mark.parametrize("sep", [" ", "，", "、"])
@pytest.mark.parametrize("codes", [("2060101", "2080505"), ("30101", "30102")])
def test_code_separators_do_not_fuse_codes(bot: Any, sep: str, codes: tuple[str, str]) -> None:
    """Two codes typed with a space or comma between them are two codes, as with 和."""
    base = _ask(bot, f"{codes[0]}和{codes[1]}分别多少")
    got = _ask(bot, f"{codes[0]}{sep}{codes[1]}分别多少")
    assert base.status == "answered"
    assert sorted(v.value for v in got.values) == sorted(v.value for v in base.values), (
        f"{codes[0]}{sep}{codes[1]}: {got.text[:80]!r} vs 和: {base.text[:80]!r}"
    )


# --- no figure unless the question names something that has one ------------------------------
# Text with no Chinese character, no digit and no Latin letter (English words are translated by
# knowledge/english.toml, so they may name something) names nothing in a Chinese budget: it must
# never be answered with a figure — neither alone nor as a follow-up to an answered question,
# where the old subject must not be carried into text that asks nothing.

def _names_nothing(text: str) -> bool:
    return not any(c.isdigit() or (c.isascii() and c.isalpha()) or "\u4e00" <= c <= "\u9fff" for c in text)


nameless_text = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
        st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
        st.characters(categories=["Cc", "Cf", "Zs", "Po", "Ps", "Pe", "Sm", "So"]),
        st.sampled_from(["<b>", "</b>", "<p>", "**", "`", "'", '"', ";", "--", "{}", "？", "！", "。"]),
    ),
    min_size=1,
    max_size=20,
).map("".join).filter(_names_nothing)

CONTEXT_QUESTIONS = ["科学技术支出多少", "行政运行多少", "大数据中心运行维护费的负责人电话",
                     "去年预算总额是多少"]


@settings(FUZZ, max_examples=scaled(200))
@given(text=nameless_text)
@example(text="<b>")
@example(text="？？")
def test_nameless_text_gets_no_figure(bot: Any, text: str) -> None:
    answer = _ask(bot, text)
    assert answer.values == [] and answer.status != "answered", f"{text!r}: {answer.text!r}"


@settings(FUZZ, max_examples=scaled(150))
@given(first=st.sampled_from(CONTEXT_QUESTIONS), text=nameless_text)
@example(first="科学技术支出多少", text="<b>")
def test_nameless_follow_up_gets_no_figure(bot: Any, first: str, text: str) -> None:
    conv = bot.new_conversation()
    assert bot.ask(first, conv).status == "answered"
    answer = bot.ask(text, conv)
    check_answer(answer, context=text)
    assert answer.values == [] and answer.status != "answered", f"{first!r} → {text!r}: {answer.text!r}"
