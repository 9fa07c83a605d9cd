"""The real thing: `streamlit run app.py` in a subprocess, driven by Debian's Chromium through
Playwright. Screenshots of the three modes go to artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.ui.suggestions import load as load_suggestions
from assistant.ui.text import chips, figure

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
START_TIMEOUT_S = 60
ANSWER_TIMEOUT_MS = 30_000

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian package `chromium`)"),
    pytest.mark.skipif(sync_playwright is None, reason="the playwright Python package is not installed"),
    pytest.mark.timeout(240),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {
        **os.environ,
        "BUDGET_DB_PATH": str(seed_db),
        "BUDGET_FEEDBACK_PATH": str(log.parent / "feedback.jsonl"),
    }
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _ask(page: Page, question: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=ANSWER_TIMEOUT_MS)
    box.fill(question)
    box.press("Enter")
    # the question and its answer: two chat messages, the answer with its feedback buttons
    page.get_by_test_id("stChatMessage").nth(1).wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.get_by_test_id("stFeedback").first.wait_for(timeout=ANSWER_TIMEOUT_MS)


def _shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_timeout(800)  # let charts and fonts settle
    page.screenshot(path=str(path), full_page=True)
    return path


def test_office_answer_in_the_browser(server: str, browser: Any, bot: Any) -> None:
    question = "科技研究与开发资金安排了多少？"
    expected = bot.ask(question, bot.new_conversation())
    assert expected.values and expected.citations, expected.text
    shown_figure, shown_chip = figure(expected.values[0]), chips(expected.citations)[0]
    assert shown_figure == "4,500.00 万元"  # the document's own figure (预算11表)
    page = browser.new_page(viewport={"width": 1280, "height": 1700}, locale="zh-CN")
    try:
        page.goto(f"{server}/?mode=office", timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("机关干部")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        first_question = load_suggestions(ROOT / "knowledge" / "suggestions.toml")[0][1][0]
        expect(page.get_by_role("button", name=first_question)).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        page.get_by_test_id("stChatInputTextArea").wait_for(timeout=ANSWER_TIMEOUT_MS)
        _shot(page, "office-welcome")
        _ask(page, question)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text(shown_figure)
        expect(page.get_by_text(shown_chip).first).to_be_visible()
        page.get_by_text("查看原文").first.click()
        expect(page.get_by_text("│").first).to_be_visible()
        assert _shot(page, "office").stat().st_size > 10_000
        # a breakdown: bar chart, table and CSV download under the answer
        page.get_by_test_id("stChatInputTextArea").fill("项目支出有哪些项目")
        page.get_by_test_id("stChatInputTextArea").press("Enter")
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("下载 CSV")).to_be_visible()
        _shot(page, "office-breakdown")
    finally:
        page.close()


def test_kiosk_in_the_browser(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1500}, locale="zh-CN")
    try:
        page.goto(f"{server}/?mode=kiosk", timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("重新开始")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)
        page.get_by_test_id("stChatInputTextArea").wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_test_id("stButton").last).to_be_visible()
        _shot(page, "kiosk-welcome")
        _ask(page, "大数据中心运行维护费的负责人电话")
        expect(page.get_by_text("177****1284", exact=False).first).to_be_visible()
        assert "17771821284" not in page.content()
        _shot(page, "kiosk")
    finally:
        page.close()


def test_training_in_the_browser(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 2400}, locale="zh-CN")
    try:
        page.goto(f"{server}/?mode=training", timeout=ANSWER_TIMEOUT_MS)
        _ask(page, "项目支出有哪些项目")
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("问答流程（培训）").first).to_be_visible()
        expect(page.get_by_text("SELECT", exact=False).first).to_be_visible()
        _shot(page, "training")
    finally:
        page.close()


@pytest.mark.parametrize(("path", "heading"), [("browse", "浏览原表"), ("audit", "数据核查")])
def test_pages_in_the_browser(server: str, browser: Any, path: str, heading: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1300}, locale="zh-CN")
    try:
        page.goto(f"{server}/{path}?mode=office", timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("公开咨询电话：85626957")).to_be_visible()
        _shot(page, path)
    finally:
        page.close()
