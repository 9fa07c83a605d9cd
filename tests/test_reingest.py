"""A re-ingest under a running service or app: new sessions answer from the new document, the old
version is closed, and the number of open Assistants stays flat however many rebuilds happen.

Each test re-ingests a *different* document (the second document of tests/fixtures/docs/): with
the same document an old Assistant would answer exactly like a new one and nothing is tested.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from assistant.ingest.build import ingest_files

ROOT = Path(__file__).resolve().parent.parent
OTHER = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"
SEED_DEPT, OTHER_DEPT = "江汉区经济信息化和科技创新局", "硚口区商务局"
# The 总计 of 预算01表 differs between the documents: the answer tells which file is read.
TOTAL_Q = "收入总计是多少"


@pytest.fixture
def db(tmp_path: Path, seed_db: Path) -> Path:
    target = tmp_path / "live" / "budget.duckdb"
    target.parent.mkdir()
    shutil.copyfile(seed_db, target)
    return target


def _dept(bot) -> str:
    return bot.document()["department"]


def test_open_after_reingest_serves_the_new_document(db: Path, seed_source: Path) -> None:
    from assistant.service import Assistant

    old = Assistant.open(db)
    old_answer = old.ask(TOTAL_Q)
    assert _dept(old) == SEED_DEPT
    ingest_files([OTHER], db)
    new = Assistant.open(db)
    assert new is not old
    assert _dept(new) == OTHER_DEPT
    new_answer = new.ask(TOTAL_Q)
    assert new_answer.status == "answered" and new_answer.values
    assert [v.value for v in new_answer.values] != [v.value for v in old_answer.values]
    # The old version's connection is closed (its file is freed), not kept forever.
    with pytest.raises(duckdb.Error):
        old.con.execute("SELECT 1")


def test_open_assistants_stay_flat_over_many_reingests(db: Path, seed_source: Path) -> None:
    from assistant import service

    slot = f"{db.resolve()}|"
    before = len(service._OPEN)
    for k in range(6):
        ingest_files([OTHER if k % 2 == 0 else seed_source], db)
        bot = service.Assistant.open(db)
        assert _dept(bot) == (OTHER_DEPT if k % 2 == 0 else SEED_DEPT)
    assert len(service._OPEN) <= before + 1
    assert service._OPEN[slot][1] is bot


def test_unchanged_file_keeps_its_assistant(db: Path) -> None:
    from assistant.service import Assistant

    assert Assistant.open(db) is Assistant.open(db)


def _app_page(db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("BUDGET_DB_PATH", str(db))
    monkeypatch.setenv("BUDGET_FEEDBACK_PATH", str(tmp_path / "feedback.jsonl"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    texts = [str(e.value) for kind in ("markdown", "caption") for e in getattr(at, kind)]
    return "\n".join(texts)


def test_running_app_sees_a_reingest(db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Sessions of one app process (AppTest shares st.cache_resource): a session started after
    the re-ingest shows the new document's department and 咨询电话."""
    first = _app_page(db, monkeypatch, tmp_path)
    assert SEED_DEPT in first
    ingest_files([OTHER], db)
    second = _app_page(db, monkeypatch, tmp_path)
    assert OTHER_DEPT in second and SEED_DEPT not in second


def test_close_waits_for_a_question_in_flight(db: Path, seed_source: Path, monkeypatch) -> None:
    """A re-ingest closes the old Assistant; a question already running on it still finishes
    with its answer (the connection is released when it is done), not with an error reply."""
    import threading

    from assistant.pipeline import steps
    from assistant.service import Assistant

    old = Assistant.open(db)
    expected = old.ask(TOTAL_Q).contract()
    entered, go_on = threading.Event(), threading.Event()
    real_cover = steps.cover  # a step every question goes through (ALWAYS), answered early or not

    def slow_cover(state, env):  # hold the first question in the middle of the pipeline
        if not entered.is_set():
            entered.set()
            go_on.wait(10)
        return real_cover(state, env)

    slow_cover.__name__ = real_cover.__name__  # the pipeline runs an ALWAYS step by its name

    monkeypatch.setattr(steps, "cover", slow_cover)
    monkeypatch.setattr(steps, "STEPS", tuple(slow_cover if s is real_cover else s for s in steps.STEPS))
    got: list[dict] = []
    worker = threading.Thread(target=lambda: got.append(old.ask(TOTAL_Q).contract()))
    worker.start()
    assert entered.wait(10)
    ingest_files([OTHER], db)
    Assistant.open(db)  # closes the old one while its question is in flight
    go_on.set()
    worker.join(10)
    assert got == [expected]
    with pytest.raises(duckdb.Error):
        old.con.execute("SELECT 1")  # released once the question was done
