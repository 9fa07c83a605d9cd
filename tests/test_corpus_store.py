"""Incremental ingest: one document added, replaced or removed in place, the others untouched."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from corpus_support import SECOND, SEED, corpus_sources

from assistant.cli import main
from assistant.corpus import store
from assistant.errors import AssistantError


def _fingerprint(db: Path) -> dict[str, tuple]:
    """Per document: when it was ingested and how many rows each table holds for it."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'doc_id'").fetchall()]
        out = {}
        for doc_id, at in con.execute("SELECT doc_id, ingested_at FROM documents").fetchall():
            counts = tuple(con.execute(f'SELECT count(*) FROM "{t}" WHERE doc_id = ?', [doc_id]).fetchone()[0]
                           for t in sorted(tables))
            out[doc_id] = (at, counts)
        return out
    finally:
        con.close()


@pytest.fixture()
def two(tmp_path: Path) -> Path:
    db = tmp_path / "corpus.duckdb"
    outcomes = store.add_documents([SEED, SECOND], db)
    assert [o.action for o in outcomes] == ["added", "added"]
    return db


def test_adding_a_document_leaves_the_others_untouched(two: Path, tmp_path: Path) -> None:
    before = _fingerprint(two)
    extra = corpus_sources(tmp_path / "src")[3]
    [outcome] = store.add_documents([extra], two)
    after = _fingerprint(two)
    assert outcome.action == "added" and outcome.doc_id == "jiangan-swj-2026-budget"
    assert {k: v for k, v in after.items() if k in before} == before  # same rows, same ingest time
    assert after[outcome.doc_id][1] == before["qiaokou-swj-2025-budget"][1]  # a renamed copy: same shape


def test_same_file_again_is_unchanged_and_a_changed_file_replaces_only_itself(two: Path,
                                                                              tmp_path: Path) -> None:
    before = _fingerprint(two)
    assert [o.action for o in store.add_documents([SECOND], two)] == ["unchanged"]
    assert _fingerprint(two) == before
    changed = tmp_path / SECOND.name
    changed.write_text(SECOND.read_text(encoding="utf-8").replace("645.76", "645.77"), encoding="utf-8")
    [outcome] = store.add_documents([changed], two)
    after = _fingerprint(two)
    assert outcome.action == "replaced"
    assert after["jianghan-jxkc-2026-budget"] == before["jianghan-jxkc-2026-budget"]
    assert after["qiaokou-swj-2025-budget"][0] != before["qiaokou-swj-2025-budget"][0]
    con = duckdb.connect(str(two), read_only=True)
    amounts = con.execute("SELECT DISTINCT amount FROM line_items WHERE doc_id = 'qiaokou-swj-2025-budget' "
                          "AND table_id = '预算05表' AND level = '合计' AND measure = '基本支出'").fetchall()
    con.close()
    assert [float(a) for (a,) in amounts] == [645.77]


def test_same_department_and_year_under_another_name_replaces_it(two: Path, tmp_path: Path) -> None:
    copy = tmp_path / "qiaokou-2025-corrected.txt"
    copy.write_text(SECOND.read_text(encoding="utf-8"), encoding="utf-8")
    [outcome] = store.add_documents([copy], two)
    assert outcome.action == "replaced"
    assert sorted(_fingerprint(two)) == ["jianghan-jxkc-2026-budget", "qiaokou-2025-corrected"]


@pytest.mark.parametrize("content", ["", "这不是预算文件\n", "# 某部门 2025 年预算\n\n没有表格\n"])
def test_a_bad_document_fails_alone(two: Path, tmp_path: Path, content: str) -> None:
    before = _fingerprint(two)
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    extra = corpus_sources(tmp_path / "src")[2]
    outcomes = store.add_documents([bad, extra], two)
    assert [o.action for o in outcomes] == ["failed", "added"]
    assert "导入失败" in outcomes[0].message and outcomes[0].doc_id is None
    after = _fingerprint(two)
    assert {k: after[k] for k in before} == before and "bad" not in after


def test_failure_mid_document_rolls_back_that_document(two: Path, tmp_path: Path, monkeypatch) -> None:
    import assistant.ingest.entities as entities

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(entities, "build_entities", boom)  # after every row of the document is in
    before = _fingerprint(two)
    [outcome] = store.add_documents([corpus_sources(tmp_path / "src")[3]], two)
    assert outcome.action == "failed" and "内部错误" in outcome.message
    assert _fingerprint(two) == before  # no row of the failed document stayed


def test_remove_one_document(two: Path) -> None:
    before = _fingerprint(two)
    assert store.remove_document(two, "qiaokou-swj-2025-budget.txt") == "qiaokou-swj-2025-budget"
    after = _fingerprint(two)
    assert list(after) == ["jianghan-jxkc-2026-budget"]
    assert after["jianghan-jxkc-2026-budget"] == before["jianghan-jxkc-2026-budget"]
    with pytest.raises(AssistantError) as err:
        store.remove_document(two, "qiaokou-swj-2025-budget")
    assert "没有" in err.value.user_message and "jianghan-jxkc-2026-budget" in err.value.user_message


def test_commands(two: Path, capsys) -> None:
    assert main(["--db", str(two), "documents"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "共 2 份文件："
    assert out[1].split("\t")[:3] == ["江汉区经济信息化和科技创新局", "2026", SEED.name]
    assert len(out[1].split("\t")[3]) == 12  # sha256 prefix
    assert main(["remove", "qiaokou-swj-2025-budget", "--db", str(two)]) == 0
    assert "已删除" in capsys.readouterr().out
    assert main(["--db", str(two), "remove", "nothing-here"]) == 2
    assert "没有" in capsys.readouterr().err
    assert main(["--db", str(two), "add", str(SECOND)]) == 0
    assert "已新增" in capsys.readouterr().out


def test_listing_pages_past_the_row_cap(two: Path, tmp_path: Path) -> None:
    """A database may hold more documents than one result's row cap: the list is paged by doc_id."""
    from assistant.database import connect_readonly
    from assistant.pipeline.execute import QueryRunner

    store.add_documents(corpus_sources(tmp_path / "src")[2:], two)
    con = connect_readonly(two)
    runner = QueryRunner(con, store.corpus_templates(), "", 0, {}, row_cap=1)
    rows = store.all_rows(runner, "corpus_documents")
    con.close()
    assert [r["doc_id"] for r in rows] == sorted(r["doc_id"] for r in store.list_documents(two))
    assert len(rows) == 4 and len(runner.executed) == 5  # four pages of one, then an empty one


def test_a_database_held_open_elsewhere_is_refused_clearly(two: Path) -> None:
    import subprocess
    import sys
    import time

    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
        "print('open', flush=True); time.sleep(30)"), str(two)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = _fingerprint_bytes(two)
        with pytest.raises(AssistantError) as err:
            store.remove_document(two, "qiaokou-swj-2025-budget")
        assert "无法写入数据库" in err.value.user_message
        assert _fingerprint_bytes(two) == before
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert store.remove_document(two, "qiaokou-swj-2025-budget") == "qiaokou-swj-2025-budget"


def _fingerprint_bytes(db: Path) -> str:
    import hashlib

    return hashlib.sha256(db.read_bytes()).hexdigest()
