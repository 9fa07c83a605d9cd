"""Knowledge and canned text must be general or derived from the loaded document.

Before: forms_docref suggested 「科技研究与开发资金的立项依据有哪些？」 (a project of the seed) on
every document, and knowledge/synonyms.toml mapped 大数据运维 to the seed's 大数据中心运维.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
OTHER = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
# A synonym target this long that is also part of one document's own project name is about that
# document, not budget vocabulary (网络安全, 研究与开发 are shorter: 功能科目 words).
SPECIFIC_CHARS = 6


@pytest.fixture(scope="module")
def other_bot(tmp_path_factory: pytest.TempPathFactory):
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant

    db = tmp_path_factory.mktemp("other") / "other.duckdb"
    ingest_files([OTHER], db)
    return Assistant.open(db)


def _project_names(bot) -> list[str]:
    return [r["project_name"] for r in bot.runner().run("forms_project_forms")]


def _all_names(bot) -> list[str]:
    """Every project name the document prints: 预算11表 rows and 预算15表 forms."""
    con = duckdb.connect(str(bot.db_path), read_only=True)
    try:
        rows = con.execute("SELECT name FROM line_items WHERE code_kind = 'project' "
                           "UNION SELECT project_name FROM project_forms").fetchall()
    finally:
        con.close()
    return [r[0] for r in rows if r[0]]


def test_unknown_document_number_suggests_a_project_of_the_loaded_document(bot, other_bot) -> None:
    seed_projects = _project_names(bot)
    answer = other_bot.ask("江招组[2099]9号是什么文件")
    assert answer.status == "unanswerable"
    assert answer.suggestions, "no suggestion at all"
    for s in answer.suggestions:
        assert not any(p in s for p in seed_projects), f"suggests a project of the seed: {s}"
        assert any(p in s for p in _project_names(other_bot)), s


def test_synonyms_name_no_document_project(bot, other_bot) -> None:
    with (ROOT / "knowledge" / "synonyms.toml").open("rb") as f:
        data = tomllib.load(f)
    words = [*data.get("replace", {}), *data.get("replace", {}).values()]
    words += [*data.get("expand", {}), *(w for ws in data.get("expand", {}).values() for w in ws)]
    names = _all_names(bot) + _all_names(other_bot)
    specific = [w for w in words if len(w) >= SPECIFIC_CHARS and any(w in n for n in names)]
    assert not specific, f"document-specific synonyms: {specific}"
