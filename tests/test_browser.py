"""The real thing: `streamlit run app.py` in a subprocess, driven by Debian's Chromium through
Playwright. Screenshots of the three modes go to artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import re
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
    pytest.mark.timeout(300),
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


SIZES = {"1280x900": (1280, 900), "1920x1080": (1920, 1080), "kiosk-1080x1920": (1080, 1920)}
ALLOWED_LATIN = {"CSV"}  # the download button's format; every other Latin word must come from the document
# what a page may not show outside code blocks (source lines, SQL)
RAW_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9._-])[A-Za-z]{2,}(?![A-Za-z0-9_-])")
UNGROUPED = re.compile(r"(?<![\d.,])\d{4,}\.\d+")  # 7965.69 instead of 7,965.69
MONEY = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:万元|亿元)")
DOCUMENT_STYLE = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}")

# Visible text of the page, without code blocks (the document's own lines, SQL) and, where asked,
# without static tables that quote the document verbatim (浏览原表's text cells).
VISIBLE_TEXT_JS = """(skip) => {
  const out = [];
  const root = document.querySelector('[data-testid=stApp]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    // code blocks hold the document's own lines and SQL; icons are glyphs drawn from ligatures
    const hidden = '[data-testid=stCode], [translate=no], [aria-hidden=true], pre, code, style, script, ';
    if (!el || el.closest(hidden + skip)) continue;
    if (!el.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  return out.join('\\n');
}"""


# True when the element's top edge is on screen and not under anything else (a fixed header)
UNCOVERED_TOP_JS = """e => {
  const r = e.getBoundingClientRect();
  if (r.top < 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 2);
  return hit !== null && (e === hit || e.contains(hit));
}"""


def _document_words(seed_source: Path) -> set[str]:
    """Latin words the document itself prints (CMA, CNAS …) and its file name's parts."""
    words = set(LATIN_WORD.findall(seed_source.read_text(encoding="utf-8")))
    return words | set(re.findall(r"[A-Za-z]+", seed_source.name))


def _problems(page: Page, allowed: set[str], *, verbatim_tables: bool = False) -> list[str]:
    text = page.evaluate(VISIBLE_TEXT_JS, "[data-testid=stTable]" if verbatim_tables else "#none")
    found = [f"Latin word {w!r}" for w in sorted(set(LATIN_WORD.findall(text)) - allowed)]
    found += [f"raw tag {t!r}" for t in sorted(set(RAW_TAG.findall(text)))]
    found += [f"ungrouped figure {n!r}" for n in sorted(set(UNGROUPED.findall(text)))]
    found += [f"money not as the document prints it: {m!r}" for m in sorted(set(MONEY.findall(text)))
              if not DOCUMENT_STYLE.fullmatch(m)]
    return found


def _ask(page: Page, question: str) -> None:
    before = page.get_by_test_id("stFeedback").count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=ANSWER_TIMEOUT_MS)
    box.fill(question)
    box.press("Enter")
    # the answer is complete when its feedback buttons appear
    page.get_by_test_id("stFeedback").nth(before).wait_for(timeout=ANSWER_TIMEOUT_MS)


def _shot(page: Page, name: str) -> Path:
    """The whole page: the viewport grown to the content's height (Streamlit scrolls inside)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_timeout(400)  # let charts and fonts settle
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stAppScrollToBottomContainer], main')]"
        ".map(e => e.scrollHeight), 0)")
    full = max(size["height"], min(int(height) + 40, 6000))
    page.set_viewport_size({"width": size["width"], "height": full})
    page.evaluate("document.querySelectorAll('[data-testid=stAppScrollToBottomContainer], main')"
                  ".forEach(e => e.scrollTop = 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def _open(page: Page, url: str) -> None:
    page.goto(url, timeout=ANSWER_TIMEOUT_MS)
    page.locator("h1").first.wait_for(timeout=ANSWER_TIMEOUT_MS)


@pytest.mark.parametrize("size", list(SIZES))
def test_every_mode_and_page_at_every_size(server: str, browser: Any, bot: Any, seed_source: Path,
                                           size: str) -> None:
    """Walks 办公 / 自助查询 / 培训 and 浏览原表 / 数据核查 as a person would; every screen is saved
    to artifacts/ and must show no English word, no raw tag and every figure in the document's style."""
    width, height = SIZES[size]
    # …and the words the person typed, shown back in their own message
    allowed = ALLOWED_LATIN | _document_words(seed_source) | set(LATIN_WORD.findall(URL_Q))
    amount = bot.ask(AMOUNT_Q, bot.new_conversation())
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    problems: dict[str, list[str]] = {}

    def check(name: str, *, verbatim_tables: bool = False) -> None:
        _shot(page, f"{size}-{name}")
        found = _problems(page, allowed, verbatim_tables=verbatim_tables)
        if found:
            problems[name] = found

    try:
        _open(page, f"{server}/?mode=office")
        expect(page.get_by_role("button", name=WELCOME_Q)).to_be_visible()
        assert page.locator("h1").first.evaluate(UNCOVERED_TOP_JS), "the title is under the header bar"
        check("office-welcome")
        _ask(page, AMOUNT_Q)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text(figure(amount.values[0]))
        expect(page.get_by_text(chips(amount.citations)[0]).first).to_be_visible()
        page.get_by_text("查看原文").last.click()
        expect(page.get_by_text("│").first).to_be_visible()
        _ask(page, MULTI_Q)
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("下载 CSV").first).to_be_visible()
        _ask(page, URL_Q)
        assert page.locator("a[href*='example']").count() == 0, "a URL the user typed became a link"
        check("office-answers")
        page.get_by_text("在浏览原表中查看 预算15表-2 第692行").first.click()  # from an answer to its row
        expect(page.get_by_role("heading", name="浏览原表")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("已标出答案引用的第692行")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)

        _open(page, f"{server}/?mode=kiosk")
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)
        expect(page.get_by_text("机关干部")).to_have_count(0)
        button = page.locator(".st-key-restart button")
        assert button.evaluate(UNCOVERED_TOP_JS), "重新开始 is cut at the top"
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "重新开始's label is cut"
        check("kiosk-welcome")
        _ask(page, AMOUNT_Q)
        value_px = page.get_by_test_id("stMetricValue").last.evaluate(
            "e => parseFloat(getComputedStyle(e.querySelector('p') || e).fontSize)")
        assert value_px >= 48, f"the kiosk headline figure is {value_px}px"
        _ask(page, MULTI_Q)
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        _ask(page, PHONE_Q)
        page.get_by_text("查看原文").last.click()
        expect(page.get_by_text("177****1284", exact=False).first).to_be_visible()
        assert "17771821284" not in page.content()
        _ask(page, TYPED_PHONES_Q)  # every form a visitor may type is masked in the rendered page
        html = page.content()
        assert "9580" not in html and "7182" not in html and "１７７７" not in html, "a personal number shown"
        check("kiosk-answers")

        _open(page, f"{server}/?mode=training")
        _ask(page, MULTI_Q)
        expect(page.get_by_text("问答流程（培训）").first).to_be_visible()
        expect(page.get_by_text("处理步骤").first).to_be_visible()
        check("training")

        _open(page, f"{server}/browse?mode=office&table=预算15表-2&line=692")
        expect(page.get_by_role("heading", name="浏览原表")).to_be_visible()
        expect(page.get_by_text("第692行").first).to_be_visible()
        check("browse", verbatim_tables=True)

        _open(page, f"{server}/audit?mode=office")
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_text("公开咨询电话：85626957")).to_be_visible()
        check("audit")
    finally:
        page.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


AMOUNT_Q = "科技研究与开发资金安排了多少？"
MULTI_Q = "科技研究与开发资金的支出明细"
PHONE_Q = "大数据中心运行维护费的负责人电话"
URL_Q = "www.example.com 上的预算是多少"
TYPED_PHONES_Q = "189-9580-1435、+86 17771821284 和 １７７７１８２１２８４ 是谁的电话"
WELCOME_Q = load_suggestions(ROOT / "knowledge" / "suggestions.toml")[0][1][0]
