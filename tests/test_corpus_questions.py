"""Questions over a corpus: the document chosen by department/year, the current document, honest
replies for what the corpus lacks, and figures across years and departments (hand-checked).

Figures (tests/corpus_support.py lists the documents):
- seed 预算05表 合计 line 263: 基本支出 791.47, 项目支出 7,174.22 of 7,965.69 (90.06%, 预算03表 line 196);
  第三部分 line 1133: 机关运行经费 63.82.
- second document 预算03表 合计 line 184: 基本支出 665.76 over every fund (预算05表 line 253: 一般公共预算
  645.76, 人员经费 578.56); 预算03表 line 184:
  项目支出 880.70 of 1,546.46 (56.95%); line 815: 机关运行经费 67.20 (years + 1 in 江岸区商务局 2026).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_support import corpus_db  # noqa: F401  (fixture)
from reliability_support import check_answer

from assistant.corpus import across
from assistant.corpus.names import NameIndex, corpus_rules, short_names
from assistant.models import Answer, Citation, Value
from assistant.service import Assistant

SEED_DOC = "江汉区经济信息化和科技创新局2026年部门预算"


@pytest.fixture(scope="session")
def cbot(corpus_db: Path) -> Assistant:  # noqa: F811
    return Assistant.open(corpus_db)


# question, status, first value, the document named in the answer
CASES = [
    ("硚口区商务局基本支出是多少", "answered", 665.76, "硚口区商务局2025年部门预算"),
    ("经信科创局2025年基本支出是多少", "answered", 665.76, "江汉区经济信息化和科技创新局2025年部门预算"),
    ("江汉区经济信息化和科技创新局的基本支出是多少", "answered", 791.47, SEED_DOC),
    ("经济信息化和科技创新局2026年基本支出", "answered", 791.47, SEED_DOC),
    ("商务局2025年基本支出是多少", "answered", 665.76, "硚口区商务局2025年部门预算"),
    ("江岸区商务局基本支出是多少", "answered", 665.76, "江岸区商务局2026年部门预算"),
    ("基本支出是多少", "answered", 791.47, SEED_DOC),  # no name: the first document ingested
    ("2025年基本支出是多少", "answered", 665.76, "江汉区经济信息化和科技创新局2025年部门预算"),
]


@pytest.mark.parametrize(("question", "status", "value", "doc"), CASES)
def test_the_named_document_answers(cbot: Assistant, question: str, status: str, value: float,
                                    doc: str) -> None:
    answer = cbot.ask(question, cbot.new_conversation())
    check_answer(answer, context=question)
    assert answer.status == status
    assert answer.values[0].value == pytest.approx(value)
    assert f"来源：{doc}" in answer.text


@pytest.mark.parametrize(("question", "words"), [
    ("教育局的预算是多少",
     ["没有“教育局”", "硚口区商务局（2025年）", "江汉区经济信息化和科技创新局（2025、2026年）"]),
    ("经信科创局2030年基本支出", ["没有江汉区经济信息化和科技创新局2030年", "2025、2026年"]),
])
def test_what_the_corpus_lacks_is_said_without_a_figure(cbot: Assistant, question: str,
                                                       words: list[str]) -> None:
    answer = cbot.ask(question, cbot.new_conversation())
    check_answer(answer, context=question)
    assert answer.status == "unanswerable" and not answer.values
    for w in words:
        assert w in answer.text


def test_a_shared_short_name_asks_which(cbot: Assistant) -> None:
    conv = cbot.new_conversation()
    answer = cbot.ask("商务局基本支出是多少", conv)
    assert answer.status == "clarify"
    assert [c.label for c in answer.candidates] == ["江岸区商务局（2026年）", "硚口区商务局（2025年）"]
    picked = cbot.ask(answer.candidates[1].question, conv)
    assert picked.values[0].value == pytest.approx(665.76) and "硚口区商务局2025年" in picked.text


def test_the_current_document_carries_follow_ups(cbot: Assistant) -> None:
    conv = cbot.new_conversation()
    cbot.ask("硚口区商务局基本支出是多少", conv)
    follow = cbot.ask("那人员经费呢", conv)
    assert follow.values[0].value == pytest.approx(578.56) and "硚口区商务局2025年" in follow.text
    again = cbot.ask("机关运行经费是多少", conv)  # nothing named: still the last named document
    assert again.values[0].value == pytest.approx(67.20)


def test_a_picked_document_answers(cbot: Assistant) -> None:
    conv = cbot.router.new_conversation("jiangan-swj-2026-budget")
    answer = cbot.ask("机关运行经费是多少", conv)
    assert answer.values[0].value == pytest.approx(67.20) and "江岸区商务局2026年" in answer.text
    assert answer.citations[0].line == 815


def test_series_over_years(cbot: Assistant) -> None:
    answer = cbot.ask("经信科创局基本支出这两年怎么变的", cbot.new_conversation())
    assert answer.status == "answered"
    assert [(v.value, v.unit) for v in answer.values] == [(665.76, "万元"), (791.47, "万元")]
    assert [c.line for c in answer.citations] == [184, 196]  # each 预算03表 合计 line
    assert "2025年部门预算" in answer.citations[0].title and "2026年部门预算" in answer.citations[1].title
    assert "增加125.71万元" in answer.text
    assert answer.table is not None and answer.table.rows == [["2025年", 665.76], ["2026年", 791.47]]


def test_difference_between_two_years(cbot: Assistant) -> None:
    conv = cbot.new_conversation()
    cbot.ask("经信科创局基本支出是多少", conv)
    answer = cbot.ask("2026年比2025年基本支出多多少", conv)  # the department of the conversation
    assert [v.value for v in answer.values] == [125.71, 791.47, 665.76]
    assert "2026年比2025年多125.71万元" in answer.text


@pytest.mark.parametrize(("question", "order", "values"), [
    ("哪个部门机关运行经费最多", ["江岸区商务局", "江汉区经济信息化和科技创新局"], [67.20, 63.82]),
    ("2026年各部门项目支出占比排名", ["江汉区经济信息化和科技创新局", "江岸区商务局"], [90.06, 56.95]),
    ("2026年哪个部门机关运行经费最少", ["江汉区经济信息化和科技创新局", "江岸区商务局"], [63.82, 67.20]),
])
def test_ranking_across_departments(cbot: Assistant, question: str, order: list[str],
                                    values: list[float]) -> None:
    answer = cbot.ask(question, cbot.new_conversation())
    check_answer(answer, context=question)
    assert [v.value for v in answer.values] == values
    assert [r[0] for r in answer.table.rows] == order
    assert all(order[i] in c.title for i, c in enumerate(answer.citations))


def test_units_are_brought_together_before_comparing() -> None:
    docs = NameIndex.build([
        {"doc_id": "a", "department": "甲区某局", "year": 2025, "unit": "元", "file_name": "a"},
        {"doc_id": "b", "department": "乙区某局", "year": 2025, "unit": "万元", "file_name": "b"},
    ]).docs
    given = {"a": Value(value=189767551, unit="元", label="x"),
             "b": Value(value=7965.69, unit="万元", label="x")}

    def ask(doc, question):
        return Answer(status="answered", text="", values=[given[doc.doc_id]],
                      citations=[Citation(table="表", title="t", row="r", line=1)])

    answer = across.rank(2025, docs, across.Op("rank", "收入"), ask)
    assert [(v.value, v.unit) for v in answer.values] == [(18976.76, "万元"), (7965.69, "万元")]


@pytest.mark.parametrize(("full", "short"), [
    ("上海市普陀区人民政府万里街道办事处", "万里街道"),
    ("上海市普陀区商务委员会", "商务委"),
    ("上海市普陀区商务委员会", "普陀区商务委"),
    ("上海市普陀区人民政府办公室", "区政府办公室"),
    ("江汉区经济信息化和科技创新局", "经济信息化和科技创新局"),
])
def test_short_names_are_derived_by_rule(full: str, short: str) -> None:
    assert short in short_names(full, corpus_rules())


@pytest.mark.parametrize("generic", ["办公室", "街道", "委员会", "政府"])
def test_generic_words_name_no_department(generic: str) -> None:
    assert generic not in short_names("上海市普陀区人民政府办公室", corpus_rules())
    assert generic not in short_names("上海市普陀区人民政府万里街道办事处", corpus_rules())


def test_one_document_database_is_not_routed(bot: Assistant) -> None:
    assert bot.router is None
    assert type(bot.new_conversation()).__name__ == "Conversation"


def test_hostile_input_over_the_corpus_meets_the_contract(cbot: Assistant) -> None:
    import tomllib

    from reliability_support import FIXTURES

    cases = tomllib.loads((FIXTURES / "hostile.toml").read_text(encoding="utf-8"))["case"]
    conv = cbot.new_conversation()
    for case in cases:
        answer = cbot.ask(case["text"] * int(case.get("repeat", 1)), conv)
        check_answer(answer, context=case["id"])
        if case.get("refuse"):
            assert answer.status != "answered", case["id"]


@pytest.mark.parametrize("question", ["江岸区经济信息化和科技创新局的总预算", "教育局基本支出多少"])
def test_the_same_office_of_another_area_is_not_held(cbot: Assistant, question: str) -> None:
    answer = cbot.ask(question, cbot.new_conversation())
    assert answer.status == "unanswerable" and not answer.values and "资料库中没有" in answer.text


def test_a_name_inside_the_document_is_no_department(cbot: Assistant) -> None:
    """科技局 abbreviates the seed department's name (预算07表 办公费 0.58); no document is needed."""
    answer = cbot.ask("科技局的办公费多少", cbot.new_conversation())
    assert answer.status == "answered" and answer.values[0].value == pytest.approx(0.58)


def test_comparing_with_the_previous_year_stays_in_the_document(cbot: Assistant) -> None:
    """比上年 is the document's own comparison (seed 第三部分: 机关运行经费 63.82, 比2025年 +7.02)."""
    answer = cbot.ask("机关运行经费较去年变化多少", cbot.router.new_conversation("jianghan-jxkc-2026-budget"))
    assert answer.values[0].value == pytest.approx(7.02)


def test_the_batch_contract_is_unchanged_over_a_corpus(corpus_db: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    import json

    from reliability_support import CONTRACT_KEYS

    from assistant.cli import main

    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in [
        {"id": "a", "turns": ["硚口区商务局基本支出是多少", "那人员经费呢"]},
        {"id": "b", "turns": ["哪个部门机关运行经费最多"]},
    ]) + "\n", encoding="utf-8")
    assert main(["--db", str(corpus_db), "batch", str(cases)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert all(set(o) == CONTRACT_KEYS for o in out)
    assert out[0]["values"][0]["value"] == 578.56 and out[1]["values"][0]["value"] == 67.2
    assert main(["--db", str(corpus_db), "ask", "--json", "江岸区商务局机关运行经费"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert set(one) == CONTRACT_KEYS and one["citations"][0]["line"] == 815


def test_a_series_makes_its_department_current(cbot: Assistant) -> None:
    conv = cbot.new_conversation()
    cbot.ask("江岸区商务局基本支出是多少", conv)
    cbot.ask("经信科创局基本支出这两年怎么变的", conv)
    answer = cbot.ask("基本支出是多少", conv)  # nothing named: the department of the series, latest year
    assert answer.values[0].value == pytest.approx(791.47) and SEED_DOC in answer.text


def test_contexts_are_bounded(corpus_db: Path, monkeypatch) -> None:  # noqa: F811
    import dataclasses

    from assistant.corpus import router as router_module
    from assistant.corpus.router import CorpusRouter

    two = dataclasses.replace(router_module.SETTINGS, open_documents=2)
    monkeypatch.setattr(router_module, "SETTINGS", two)
    router = CorpusRouter(Assistant.open(corpus_db))
    for doc in router.index.docs:
        router.context(doc.doc_id)
    assert router.open_count() == 2
    answer = router.ask("硚口区商务局基本支出是多少", router.new_conversation())
    assert answer.values[0].value == pytest.approx(665.76)  # rebuilt on demand


def test_threads_asking_about_different_documents_get_the_serial_answers(corpus_db: Path) -> None:  # noqa: F811
    from concurrent.futures import ThreadPoolExecutor

    bot = Assistant.open(corpus_db)
    questions = [q for q, *_ in CASES] + ["哪个部门机关运行经费最多", "经信科创局基本支出这两年怎么变的",
                                          "商务局基本支出是多少", "教育局的预算是多少"]

    def run(q: str) -> tuple:
        a = bot.ask(q, bot.new_conversation())
        return a.status, a.text, [v.value for v in a.values]

    serial = [run(q) for q in questions]
    with ThreadPoolExecutor(8) as pool:
        for _ in range(3):
            assert list(pool.map(run, questions)) == serial


def test_departments_named_together_are_compared(cbot: Assistant) -> None:
    answer = cbot.ask("江岸区商务局和经信科创局2026年机关运行经费哪个多", cbot.new_conversation())
    assert [v.value for v in answer.values] == [67.20, 63.82]
    assert [r[0] for r in answer.table.rows] == ["江岸区商务局", "江汉区经济信息化和科技创新局"]
    missing = cbot.ask("硚口区商务局和江岸区商务局2026年基本支出比较", cbot.new_conversation())
    assert missing.status == "unanswerable" and not missing.values
    assert "硚口区商务局（2025年）" in missing.text


def test_an_abbreviation_after_a_joiner_is_found(cbot: Assistant) -> None:
    mentions = cbot.router.index.mentions("硚口区商务局与经信科创局基本支出")
    assert [(m.text, m.departments) for m in mentions] == [
        ("硚口区商务局", ("硚口区商务局",)), ("经信科创局", ("江汉区经济信息化和科技创新局",))]


_PIECES = ["经信科创局", "商务局", "江岸区", "硚口区商务局", "和", "与", "2025年", "2026年", "去年", "今年",
           "基本支出", "三公经费", "哪个部门", "最多", "排名", "这两年怎么变的", "比", "多多少", "教育局",
           "办公室", "街道", "委员会", "？", " ", "的", "是多少", "'; DROP TABLE documents; --"]


def test_any_mix_of_names_years_and_operations_meets_the_contract(cbot: Assistant) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=8))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        answer = cbot.ask(text, cbot.new_conversation())
        check_answer(answer, context=text)

    check()
