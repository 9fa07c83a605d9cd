"""The corpus of the issue: the seed, the second document and every PDF of ../shared/sources/putuo
(万里街道 2023/2024/2025, 商务委 2025, 区政府办公室 2025) in one database, added one by one.

Each document's own case file, with the department named in the first question, is answered in
the corpus at least as well as by that document alone; questions across the 万里街道 years have
figures read by hand from the PDFs (pdftotext -layout):
- 三公经费 (table 9, 万元): 2023 22.91, 2024 47.91, 2025 37.91; 机关运行经费 786.09, 443.18, 464.64.
- 基本支出 (一般公共预算支出功能分类预算表 合计, 元): 2023 99,406,297; 2024 99,706,020;
  2025 101,341,746.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_support import SECOND, SEED

from assistant.corpus import store
from assistant.ingest.build import ingest_files
from assistant.service import Assistant

ROOT = Path(__file__).resolve().parent.parent
PUTUO = ROOT.parent / "shared" / "sources" / "putuo"
PUBLIC = ROOT.parent / "shared" / "eval" / "public"
pytestmark = pytest.mark.skipif(not (PUTUO / "putuo-wanli-2025.pdf").exists(), reason="putuo PDFs absent")

# case file -> (source, the department's name as a citizen writes it)
CASE_FILES = {
    "putuo-wanli-2025": (PUTUO / "putuo-wanli-2025.pdf", PUTUO / "putuo-wanli-2025.cases.jsonl", "万里街道"),
    "putuo-swk-2025": (PUTUO / "putuo-swk-2025.pdf", PUTUO / "putuo-swk-2025.cases.jsonl", "普陀区商务委"),
    "qiaokou": (SECOND, SECOND.with_name("qiaokou-swj-2025-questions.jsonl"), "硚口区商务局"),
}


# No known loss: "2025年收入预算总共多少" once read as a project total; the coverage gate now passes
# over a reading whose figures are not income to the 收入总计 reading.
LOST: dict[str, int] = {}


@pytest.fixture(scope="session")
def putuo_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("putuo-corpus") / "corpus.duckdb"
    outcomes = store.add_documents([SEED, SECOND, *sorted(PUTUO.glob("*.pdf"))], db)
    failed = [o for o in outcomes if o.action != "added"]
    if failed:
        pytest.skip(f"PDF ingest unavailable here: {failed[0].message}")
    return db


def _cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _right(answer, expect: dict) -> bool:
    if answer.status != expect.get("status", "answered"):
        return False
    got = [v.value for v in answer.values]
    return all(any(abs(g - float(e)) <= 0.011 for g in got) for e in expect.get("values", []))


def _score(bot: Assistant, cases: list[dict], name: str = "") -> set[str]:
    """Cases answered right; `name` is written before a first question that names no department."""
    right = set()
    index = getattr(bot.router, "index", None)
    for case in cases:
        conv = bot.new_conversation()
        answer = None
        for n, turn in enumerate(case["turns"]):
            named = index is not None and any(m.departments for m in index.mentions(turn))
            answer = bot.ask(f"{name}{turn}" if n == 0 and name and not named else turn, conv)
        if _right(answer, case["expect"]):
            right.add(case["id"])
    return right


@pytest.mark.parametrize("key", sorted(CASE_FILES))
def test_each_document_answers_as_well_in_the_corpus(key: str, putuo_corpus: Path, tmp_path: Path) -> None:
    source, case_file, name = CASE_FILES[key]
    alone = tmp_path / "alone.duckdb"
    ingest_files([source], alone)
    cases = _cases(case_file)
    by_itself = _score(Assistant.open(alone), cases)
    in_corpus = _score(Assistant.open(putuo_corpus), cases, name)
    assert len(in_corpus) >= len(by_itself) - LOST.get(key, 0), sorted(by_itself - in_corpus)


def test_the_seed_public_cases_in_the_corpus(putuo_corpus: Path, seed_db: Path) -> None:
    cases = [c for path in sorted(PUBLIC.glob("*.jsonl")) for c in _cases(path)]
    by_itself = _score(Assistant.open(seed_db), cases)
    in_corpus = _score(Assistant.open(putuo_corpus), cases, "江汉区经济信息化和科技创新局")
    assert len(in_corpus) >= len(by_itself), sorted(by_itself - in_corpus)


@pytest.fixture(scope="session")
def pbot(putuo_corpus: Path) -> Assistant:
    return Assistant.open(putuo_corpus)


@pytest.mark.parametrize(("question", "values"), [
    ("万里街道三公经费这三年怎么变的", [22.91, 47.91, 37.91]),
    ("万里街道机关运行经费历年变化", [786.09, 443.18, 464.64]),
])
def test_wanli_series(pbot: Assistant, question: str, values: list[float]) -> None:
    answer = pbot.ask(question, pbot.new_conversation())
    assert answer.status == "answered", answer.text
    assert [v.value for v in answer.values] == values
    assert [r[0] for r in answer.table.rows] == ["2023年", "2024年", "2025年"]
    assert all(f"万里街道办事处{y}年部门预算" in c.title for y, c in zip((2023, 2024, 2025), answer.citations,
                                                                   strict=True))


def test_wanli_difference_in_yuan_brought_to_wan(pbot: Assistant) -> None:
    conv = pbot.new_conversation()
    pbot.ask("万里街道基本支出是多少", conv)
    answer = pbot.ask("2024年比2023年基本支出多多少", conv)
    assert answer.status == "answered", answer.text
    # 99,706,020 − 99,406,297 元 = 299,723 元 → 29.97 万元
    got = [(v.value, v.unit) for v in answer.values]
    assert got == [(29.97, "万元"), (9970.6, "万元"), (9940.63, "万元")]


@pytest.mark.parametrize("question", ["2025年哪个部门机关运行经费最多", "哪个部门机关运行经费最多"])
def test_ranking_across_the_2025_departments(pbot: Assistant, question: str) -> None:
    """No year named: the latest year several departments share (2025). 机关运行经费 (万元):
    万里街道 464.64, 区政府办公室 213.28 (table 9 / 其他相关情况说明), 商务委 171.01, 硚口区商务局
    67.20 (第三部分 line 815)."""
    answer = pbot.ask(question, pbot.new_conversation())
    assert answer.status == "answered", answer.text
    assert [v.value for v in answer.values] == [464.64, 213.28, 171.01, 67.20]
    order = ["上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府办公室", "上海市普陀区商务委员会",
             "硚口区商务局"]
    assert [r[0] for r in answer.table.rows] == order
    assert len(answer.citations) == 4 and answer.citations[3].line == 815


def test_units_differ_by_document_and_are_brought_together(pbot: Assistant) -> None:
    """项目支出占比 of 2025; 万里街道: 88,425,805 ÷ 189,767,551 元 = 46.60%."""
    answer = pbot.ask("2025年各部门项目支出占比排名", pbot.new_conversation())
    assert answer.values[-1].value == pytest.approx(46.6) and answer.values[-1].unit == "%"
    assert [v.value for v in answer.values] == sorted((v.value for v in answer.values), reverse=True)


def test_two_named_departments_in_yuan_and_wan(pbot: Assistant) -> None:
    """万里街道 基本支出 101,341,746 元 (2025, 一般公共预算支出功能分类预算表 合计) against 硚口区商务局
    665.76 万元 (预算03表 line 184, every fund): compared in one unit."""
    answer = pbot.ask("硚口区商务局和万里街道的基本支出哪个多", pbot.new_conversation())
    assert [(v.value, v.unit) for v in answer.values] == [(10134.17, "万元"), (665.76, "万元")]
