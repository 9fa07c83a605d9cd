"""The corpus in the app (AppTest): the picker, the current document on screen, the overview page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_support import corpus_db  # noqa: F401  (fixture)
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture
def corpus_app(corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.setenv("BUDGET_DB_PATH", str(corpus_db))
    monkeypatch.setenv("BUDGET_FEEDBACK_PATH", str(tmp_path / "feedback.jsonl"))
    return corpus_db


def _run(mode: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if mode:
        at.query_params["mode"] = mode
    at.run()
    assert not at.exception, at.exception
    return at


def _captions(at: AppTest) -> str:
    return " ".join(str(c.value) for c in at.caption)


def test_office_mode_picks_the_document(corpus_app: Path) -> None:
    at = _run()
    assert "当前文件：江汉区经济信息化和科技创新局2026年部门预算" in _captions(at)
    dept = next(s for s in at.sidebar.selectbox if s.label == "部门")
    assert list(dept.options) == ["江岸区商务局", "江汉区经济信息化和科技创新局", "硚口区商务局"]
    dept.select("硚口区商务局").run()
    assert not at.exception, at.exception
    assert "当前文件：硚口区商务局2025年部门预算" in _captions(at)
    at.chat_input[0].set_value("基本支出是多少").run()
    shown = " ".join(str(m.value) for m in at.markdown).replace("\\", "")  # markdown escapes "."
    assert "665.76" in shown  # 预算03表 line 184: every fund and "硚口区商务局2025年部门预算" in shown
    at.chat_input[0].set_value("江岸区商务局机关运行经费是多少").run()  # naming switches the document
    assert "当前文件：江岸区商务局2026年部门预算" in _captions(at)


def test_kiosk_names_the_document_without_a_picker(corpus_app: Path) -> None:
    at = _run("kiosk")
    assert "当前文件：江汉区经济信息化和科技创新局2026年部门预算" in _captions(at)
    assert not [s for s in at.selectbox if s.label == "部门"]


def test_overview_page(corpus_db: Path) -> None:  # noqa: F811
    def page(db: str) -> None:
        from assistant.service import Assistant
        from assistant.ui.corpus_page import overview_page

        overview_page(Assistant.open(db))

    at = AppTest.from_function(page, args=(str(corpus_db),), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert [m.value for m in at.metric] == ["4", "3", "2025—2026"]
    frame = at.dataframe[0].value
    jianghan = "江汉区经济信息化和科技创新局"
    assert list(frame["部门"]) == ["江岸区商务局", jianghan, jianghan, "硚口区商务局"]
    # 预算01表 收支总计: the seed 7,965.69 (line 183), the second document 1,546.46
    assert list(frame["收支总计"]) == [1546.46, 1546.46, 7965.69, 1546.46]


def test_one_document_shows_no_corpus_parts(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_DB_PATH", str(seed_db))
    at = _run()
    assert "当前文件" not in _captions(at)
    assert not [s for s in at.sidebar.selectbox if s.label == "部门"]


def test_a_series_is_drawn_as_a_line_in_year_order(corpus_app: Path) -> None:
    at = _run()
    at.chat_input[0].set_value("经信科创局基本支出这两年怎么变的").run()
    assert not at.exception, at.exception
    charts = [*at.get("arrow_vega_lite_chart"), *at.get("vega_lite_chart")]
    assert charts, "a chart is drawn"
    spec = json.loads(charts[-1].proto.spec)
    layers = spec.get("layer") or [spec]
    mark = layers[0]["mark"]
    assert (mark["type"] if isinstance(mark, dict) else mark) == "line"
    assert layers[0]["encoding"]["x"]["sort"] is None  # years in their own order
