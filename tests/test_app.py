"""The Streamlit app driven headless with streamlit.testing.v1.AppTest, against the real service
and the seed database (BUDGET_DB_PATH points the app at the `seed_db` fixture)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant.ui.modes import Mode, parse_mode
from assistant.ui.suggestions import load as load_suggestions
from assistant.ui.text import chips, figure, mask_mobile, md
from assistant.ui.trace import term

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 60

AMOUNT_Q = "科技研究与开发资金安排了多少？"
PHONE_Q = "大数据中心运行维护费的负责人电话"


@pytest.fixture
def app_env(seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the seed database and a private feedback file; returns the latter."""
    feedback = tmp_path / "feedback.jsonl"
    monkeypatch.setenv("BUDGET_DB_PATH", str(seed_db))
    monkeypatch.setenv("BUDGET_FEEDBACK_PATH", str(feedback))
    return feedback


def _app(mode: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if mode is not None:
        at.query_params["mode"] = mode
    at.run()
    assert not at.exception, at.exception
    return at


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def _texts(at: AppTest) -> list[str]:
    """Every piece of text the page shows (Markdown sources unescaped)."""
    out: list[str] = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title"):
        out += [_unescape(str(e.value)) for e in getattr(at, kind)]
    out += [str(m.value) for m in at.metric] + [_unescape(str(m.label)) for m in at.metric]
    out += [str(c.value) for c in at.code]
    out += [_unescape(str(b.label)) for b in at.button]
    for frame in at.dataframe:
        out += [str(v) for v in frame.value.astype(str).to_numpy().ravel()]
    for table in at.table:
        out += [_unescape(str(v)) for v in table.value.astype(str).to_numpy().ravel()]
        out += [_unescape(str(c)) for c in table.value.columns]
    return out


def _page(at: AppTest) -> str:
    return "\n".join(_texts(at))


def _ask(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def _reference(bot: Any, *turns: str) -> Any:
    """What the service answers for the same turns in one fresh conversation (batch contract)."""
    conv = bot.new_conversation()
    answer = None
    for turn in turns:
        answer = bot.ask(turn, conv)
    return answer


# --- pure helpers ---------------------------------------------------------------------------


def test_mask_mobile_keeps_landlines() -> None:
    assert mask_mobile("联系电话 17771821284") == "联系电话 177****1284"
    assert mask_mobile("18912341435、85626957") == "189****1435、85626957"
    assert mask_mobile("编码 2060404 和 120000000001") == "编码 2060404 和 120000000001"


def test_markdown_escaping_is_literal() -> None:
    assert md("<script>alert(1)</script>") == r"\<script\>alert\(1\)\<\/script\>"
    assert md("**x**") == r"\*\*x\*\*"
    assert md(":red[x] $y$") == r"\:red\[x\] \$y\$"
    assert md("第一行\n第二行") == "第一行  \n第二行"


@pytest.mark.parametrize(
    ("raw", "mode"),
    [("office", Mode.OFFICE), ("办公", Mode.OFFICE), ("KIOSK", Mode.KIOSK), ("自助查询", Mode.KIOSK),
     ("training", Mode.TRAINING), ("培训", Mode.TRAINING), ("nonsense", None), (None, None)],
)
def test_mode_aliases(raw: str | None, mode: Mode | None) -> None:
    assert parse_mode(raw) is mode


@pytest.mark.parametrize("source", [None, "tests/fixtures/docs/qiaokou-swj-2025-budget.txt"])
def test_every_welcome_question_is_answered(
    bot: Any, source: str | None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The examples are filled with the loaded document's own names and all get an answer."""
    from assistant.ingest.build import ingest_files
    from assistant.service import Assistant
    from assistant.ui.data import PageData
    from assistant.ui.suggestions import fill

    if source is not None:
        db = tmp_path_factory.mktemp("welcome") / "other.duckdb"
        ingest_files([ROOT / source], db)
        bot = Assistant.open(db)
    raw = load_suggestions(ROOT / "knowledge" / "suggestions.toml")
    groups = fill(raw, PageData(bot).welcome_names())
    assert [name for name, _ in groups] == ["机关干部", "社会公众", "培训学员"]
    assert sum(len(q) for _, q in groups) == sum(len(q) for _, q in raw)  # every placeholder filled
    for _, questions in groups:
        for q in questions:
            assert "{" not in q
            assert _reference(bot, q).status == "answered", q


# --- the app --------------------------------------------------------------------------------


def test_first_screen_welcome_and_footer(app_env: Path) -> None:
    at = _app()
    page = _page(at)
    assert "预算问答" in page
    assert "机关干部" in page and "社会公众" in page and "培训学员" in page
    assert "公开咨询电话：85626957" in page
    assert at.sidebar.radio, "办公 mode has the mode switch in the sidebar"


def test_sidebar_switch_changes_mode_and_url(app_env: Path) -> None:
    at = _app()
    at.sidebar.radio[0].set_value(Mode.TRAINING).run()
    assert not at.exception
    assert at.query_params["mode"] == ["training"] or at.query_params["mode"] == "training"
    _ask(at, AMOUNT_Q)
    assert any(c.language == "sql" for c in at.code), "training mode after the switch"


def test_fresh_checkout_builds_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "fresh" / "budget.duckdb"
    db.parent.mkdir()
    monkeypatch.setenv("BUDGET_DB_PATH", str(db))
    monkeypatch.setenv("BUDGET_FEEDBACK_PATH", str(tmp_path / "feedback.jsonl"))
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception, at.exception
    assert db.exists()
    assert "公开咨询电话：85626957" in _page(at)


def test_answer_shows_figure_and_citation(app_env: Path, bot: Any) -> None:
    expected = _reference(bot, AMOUNT_Q)
    assert expected.status == "answered" and expected.values and expected.citations
    at = _ask(_app(), AMOUNT_Q)
    page = _page(at)
    assert figure(expected.values[0]) in [m.value for m in at.metric]
    assert re.search(r"\d{1,3}(,\d{3})*\.\d{2} 万元", figure(expected.values[0]))
    assert chips(expected.citations)[0] in page
    cited = expected.citations[0].line
    assert any(re.search(rf"▶\s+{cited} │", c.value) for c in at.code), "查看原文 shows the cited line"
    assert [e.label for e in at.expander if "查看原文" in e.label]


def test_follow_up_uses_the_same_conversation(app_env: Path, bot: Any) -> None:
    first, second = AMOUNT_Q, "它的负责人是谁"
    expected = _reference(bot, first, second)
    at = _ask(_ask(_app(), first), second)
    assert len(at.session_state["conversation"].turns) == 2, "both turns went into one Conversation"
    assert expected.status == "answered", expected.text
    assert expected.text in _page(at), "the UI shows what the batch contract answers for the same turns"


def test_clarify_buttons_answer_the_choice(app_env: Path, bot: Any) -> None:
    # The first of these the pipeline answers with a clarifying question (its wording may move).
    question = next((q for q in CLARIFY_QS if _reference(bot, q).status == "clarify"), None)
    assert question is not None, f"none of {CLARIFY_QS} gets a clarifying question any more"
    expected = _reference(bot, question)
    assert len(expected.candidates) >= 2
    at = _ask(_app(), question)
    labels = [_unescape(b.label) for b in at.button]
    for cand in expected.candidates:
        assert cand.label in labels
    picked = expected.candidates[0]
    at.button(key="cand_0_0").click().run()
    assert not at.exception
    answer = _reference(bot, question, picked.question)
    page = _page(at)
    assert picked.question in page
    assert answer.text in page
    assert len(at.session_state["history"]) == 2


CLARIFY_QS = ("医疗多少", "管理事务多少", "运行费多少", "支出是多少")


def test_kiosk_masks_mobile_numbers(app_env: Path) -> None:
    at = _ask(_app("kiosk"), PHONE_Q)
    page = _page(at)
    assert "177****1284" in page
    assert "17771821284" not in page
    assert not at.sidebar.radio, "kiosk mode has no sidebar switch"
    assert "重新开始" in [b.label for b in at.button]
    assert not any("SELECT" in c.value.upper() for c in at.code), "no SQL in kiosk mode"


def test_kiosk_restart_and_idle_reset(app_env: Path) -> None:
    at = _ask(_app("自助查询"), AMOUNT_Q)
    assert len(at.session_state["history"]) == 1
    at.button(key="restart").click().run()
    assert "history" not in at.session_state or not at.session_state["history"]
    _ask(at, AMOUNT_Q)
    at.session_state["last_active"] = 0.0  # long ago: idle past settings.kiosk_idle_seconds
    at.run()
    assert not at.session_state["history"]
    page = _page(at)
    assert "点选示例" in page, "back to the first screen"
    assert "机关干部" not in page and "培训学员" not in page, "the public sees the public's questions"


def test_training_mode_shows_the_pipeline(app_env: Path, bot: Any) -> None:
    expected = _reference(bot, AMOUNT_Q)
    at = _ask(_app("training"), AMOUNT_Q)
    page = _page(at)
    assert "问答流程" in " ".join(e.label for e in at.expander)
    assert any(c.language == "sql" and "SELECT" in c.value for c in at.code)
    assert expected.trace is not None and expected.trace.intent is not None
    assert f"意图：{term('intents', expected.trace.intent.name)}" in page
    assert term("intents", expected.trace.intent.name) != expected.trace.intent.name, "a Chinese name"
    steps = at.table[0].value
    assert list(steps.columns) == ["步骤", "结果", "耗时（毫秒）"]
    assert "规范化" in steps["步骤"].tolist() and "normalise" not in page


@pytest.mark.parametrize("text", ["", "   ", "<script>alert(1)</script>", "DROP TABLE x", "**x**"])
def test_empty_and_hostile_input_get_a_friendly_message(app_env: Path, text: str) -> None:
    at = _ask(_app(), text)
    page = _page(at)
    assert re.search(r"[\u4e00-\u9fff]", page)
    assert "Traceback" not in page and "Error" not in page
    if text.strip():
        assert text in page, "user text is shown literally"
        if any(c in text for c in "<*"):
            assert all(text not in m.value for m in at.markdown), "…and escaped in the Markdown source"
    else:
        assert "请输入" in page


def test_feedback_appends_a_jsonl_line(app_env: Path) -> None:
    at = _ask(_app(), AMOUNT_Q)
    at.feedback[0].set_value(1).run()
    assert not at.exception
    lines = app_env.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["rating"] == "up" and entry["question"] == AMOUNT_Q
    assert entry["answer"] and entry["time_utc"].endswith("+00:00")


def test_kiosk_feedback_keeps_only_the_text(app_env: Path) -> None:
    at = _ask(_app("kiosk"), PHONE_Q)
    at.feedback[0].set_value(0).run()
    entry = json.loads(app_env.read_text(encoding="utf-8").splitlines()[-1])
    assert set(entry) == {"time_utc", "rating", "question", "answer"}
    assert "17771821284" not in json.dumps(entry, ensure_ascii=False)


@pytest.fixture
def pages_app(app_env: Path) -> Iterator[str]:
    yield """
import streamlit as st
from assistant.settings import load_settings
from assistant.service import Assistant
from assistant.ui import pages
from assistant.ui.data import PageData
from assistant.ui.modes import Mode
settings = load_settings()
bot = Assistant.open(settings.db_path)
ctx = pages.Context(bot=bot, data=PageData(bot), settings=settings, mode=Mode.OFFICE)
getattr(pages, st.session_state.get("page", "browse_page"))(ctx)
"""


def test_browse_page_lists_tables_with_source(pages_app: str, bot: Any) -> None:
    at = AppTest.from_string(pages_app, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    options = at.selectbox[0].options
    assert any(o.startswith("预算05表") for o in options)
    assert len(options) == len(bot.tables), "every table the document lists is selectable"
    at.selectbox[0].set_value("预算05表").run()
    frame = at.dataframe[0].value
    columns = list(frame.columns)
    assert columns[:3] == ["编码", "名称", "合计(万元)"], "printed column order"
    assert columns.index("基本支出(万元)") < columns.index("项目支出(万元)")
    assert "科学技术支出" in frame["名称"].tolist()
    assert at.code and "│" in at.code[0].value
    at.selectbox[0].set_value("预算15表-5").run()
    assert not at.exception, at.exception
    assert [s.value for s in at.subheader][:1] == ["项目信息"]


def test_audit_page_shows_findings(pages_app: str) -> None:
    at = AppTest.from_string(pages_app, default_timeout=TIMEOUT)
    at.session_state["page"] = "audit_page"
    at.run()
    assert not at.exception, at.exception
    page = _page(at)
    assert "数据核查" in page
    assert "通过" in page


def test_breakdown_from_the_service_gets_chart_table_and_csv(app_env: Path, bot: Any) -> None:
    question = "项目支出有哪些项目"
    expected = _reference(bot, question)
    assert expected.table is not None and expected.table.chart, expected.text
    at = _ask(_app(), question)
    frame = at.dataframe[0].value
    assert list(frame.columns) == [*expected.table.columns, "出处"]
    assert len(frame) == len(expected.table.rows)
    largest = max(expected.table.rows, key=lambda r: r[1])
    assert frame.iloc[0, 0] == largest[0], "sorted, largest first"
    assert frame.iloc[0, 1] == f"{largest[1]:,.2f}", "printed as the document prints it"
    assert re.fullmatch(r"预算\d\d表 第\d+行", frame.iloc[0, 2]), "where the row is printed"
    assert not at.metric, "no cards for a breakdown"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert at.get("download_button")


TABLE_SCRIPT = """
import streamlit as st
from pathlib import Path
from assistant.models import Answer, Citation, TableData
from assistant.ui import state
from assistant.ui.chat import View, render_exchange
from assistant.ui.modes import Mode

answer = Answer(
    status="answered", text="项目支出共 3 个项目。",
    citations=[Citation(table="预算11表", title="2026年项目支出预算表", row="合计", line=391)],
    table=TableData(columns=["项目", "金额(万元)"], chart=True, rows=[
        ["科技研究开发资金", 4500.0], ["网络安全运营服务", 1681.38], ["联系人 17771821284", 788.6]]),
)
mode = Mode(st.session_state.get("mode", "office"))
view = View(mode=mode, source_lines=lambda a, b: [(n, f"line {n}") for n in range(a, b + 1)],
            feedback_path=Path(st.session_state.get("fb", "/dev/null")))
render_exchange(0, state.Exchange(question="项目支出有哪些", answer=answer), view, last=True)
"""


def test_table_answer_gets_chart_dataframe_and_csv() -> None:
    at = AppTest.from_string(TABLE_SCRIPT, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 1 and at.dataframe[0].value.shape == (3, 3)
    assert at.dataframe[0].value.iloc[:, 1].tolist() == ["4,500.00", "1,681.38", "788.60"]
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"), "a bar chart"
    assert [b for b in at.get("download_button")], "a CSV download button"
    assert any("▶" in c.value and "391" in c.value for c in at.code)


def test_table_answer_in_kiosk_is_masked_without_download() -> None:
    at = AppTest.from_string(TABLE_SCRIPT, default_timeout=TIMEOUT)
    at.session_state["mode"] = "kiosk"
    at.run()
    cells = [_unescape(str(v)) for v in at.table[0].value.to_numpy().ravel().tolist()]
    assert "联系人 177****1284" in cells
    assert not at.get("download_button")


def test_citation_chips_group_lines_of_one_table() -> None:
    from assistant.models import Citation

    cites = [Citation(table="预算11表", title="2026年项目支出预算表", row=r, line=n)
             for r, n in (("a", 389), ("b", 386), ("c", 389))]
    title05 = "2026年一般公共预算支出表（分功能科目）"
    cites.append(Citation(table="预算05表", title=title05, row="x", line=273))
    assert chips(cites) == [
        "预算11表 · 2026年项目支出预算表 · 第386、389行",
        "预算05表 · 2026年一般公共预算支出表（分功能科目） · 第273行",
    ]


FOOTER_SCRIPT = """
from types import SimpleNamespace
from assistant.settings import load_settings
from assistant.ui import pages
from assistant.ui.modes import Mode

doc = {"department": "某区某局", "year": 2025, "file_name": "x.txt", "phone": None}
data = SimpleNamespace(document=lambda: doc)
pages.footer(pages.Context(bot=None, data=data, settings=load_settings(), mode=Mode.OFFICE))
"""


def test_footer_says_unpublished_when_the_document_prints_no_phone() -> None:
    at = AppTest.from_string(FOOTER_SCRIPT, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    footer = _unescape(at.caption[-1].value)
    assert "x.txt" in footer and "某区某局" in footer and "2025年" in footer
    assert "公开咨询电话：未公布" in footer


# --- issue 10/11: what a person sees ----------------------------------------------------------

LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")


def _first_turns() -> list[list[str]]:
    import tomllib

    out = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("questions*/*.toml")):
        out += [c["turns"] for c in tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])]
    return out


def test_every_offered_suggestion_answers(bot: Any) -> None:
    """Follow-ups under an answer and the welcome questions: each one the app offers gets an
    answer in that conversation, and none repeats the question just asked."""
    from assistant.ui import suggestions as sugg
    from assistant.ui.data import PageData

    groups = sugg.fill(sugg.load(ROOT / "knowledge" / "suggestions.toml"), PageData(bot).welcome_names())
    extra = [q for _, qs in groups for q in qs]
    offered_total = 0
    for turns in _first_turns():
        conv = bot.new_conversation()
        for turn in turns:
            answer = bot.ask(turn, conv)
        offered = sugg.follow_ups(bot, conv, turns[-1], answer, extra)
        assert offered, f"nothing offered after {turns}"
        for text in offered:
            offered_total += 1
            assert not sugg._same(text, turns[-1]), (turns, text)
            trial = bot.ask(text, conv.model_copy(deep=True))
            assert trial.status == "answered", (turns, text, trial.text)
    assert offered_total > 500


def test_the_page_offers_only_checked_follow_ups(app_env: Path, bot: Any) -> None:
    question = "三公经费为什么是0"
    raw = _reference(bot, question).suggestions
    at = _ask(_app(), question)
    shown = [_unescape(b.label) for b in at.button if str(b.key).startswith("sugg_")]
    assert shown, "follow-ups are offered"
    repeat = "“三公”经费安排了多少？"
    assert repeat in raw, "the package suggests a question that repeats this answer…"
    assert repeat not in shown, "…and the page does not offer it"
    assert shown == at.session_state["history"][-1].offered[:3]


def test_value_labels_and_cards_are_chinese(app_env: Path) -> None:
    at = _ask(_app(), "收支总预算比去年增长多少")
    labels = [_unescape(m.label) for m in at.metric]
    assert labels and not any(LATIN_WORD.search(x) for x in labels), labels
    assert "1,593.58 万元" in [m.value for m in at.metric]
    assert "1,593.58 万元" in _page(at), "the text prints the figure as the card does"


def test_multi_figure_answer_gets_chart_table_total_and_csv(app_env: Path, bot: Any) -> None:
    question = "科技研究与开发资金的支出明细"
    expected = _reference(bot, question)
    assert len(expected.values) > 2 and expected.table is None
    at = _ask(_app(), question)
    assert not at.metric, "no cards for a 24-line answer"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    frame = at.dataframe[0].value
    amounts = [float(v.replace(",", "")) for v in frame.iloc[:-1, 1]]
    assert amounts == sorted(amounts, reverse=True), "largest first, table in chart order"
    assert frame.iloc[-1, 0] == "明细合计" and frame.iloc[-1, 1] == "4,500.00", "the stated total last"
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", v) for v in frame.iloc[:, 1])
    assert frame.iloc[0, 2].startswith("预算15表-2 第")
    assert at.get("download_button"), "CSV of the same table"


def test_source_view_shows_header_and_no_markup(app_env: Path) -> None:
    at = _ask(_app(), "科学技术支出多少")
    codes = [c.value for c in at.code if "│" in c.value]
    assert codes, "查看原文"
    assert not any("<b>" in c or "<input" in c for c in codes)
    assert any("科目编码" in c for c in codes), "the table's column headings above the cited row"


def test_office_shows_sql_expander_kiosk_does_not(app_env: Path) -> None:
    office = _ask(_app(), AMOUNT_Q)
    assert any(e.label == "查询语句" for e in office.expander)
    assert any(c.language == "sql" for c in office.code)
    kiosk = _ask(_app("kiosk"), AMOUNT_Q)
    assert not any(e.label == "查询语句" for e in kiosk.expander)


def test_over_long_input_says_so_with_the_count(app_env: Path) -> None:
    at = _ask(_app(), "科" * 230)
    warnings = [w.value for w in at.warning]
    assert any("230" in w and "200" in w for w in warnings), warnings
    assert not at.session_state["history"]


def test_kiosk_chosen_in_the_sidebar_has_a_way_back(app_env: Path) -> None:
    at = _app()
    at.sidebar.radio[0].set_value(Mode.KIOSK).run()
    assert not at.sidebar.radio
    at.button(key="kiosk_exit").click().run()
    assert at.sidebar.radio, "back in 办公 mode"
    kiosk = _app("kiosk")
    assert not [b for b in kiosk.button if b.key == "kiosk_exit"], "a kiosk started by URL keeps the public"


def test_browse_lists_forms_with_project_names_and_marks_a_cited_row(pages_app: str) -> None:
    at = AppTest.from_string(pages_app, default_timeout=TIMEOUT)
    at.query_params["table"] = "预算15表-2"
    at.query_params["line"] = "692"
    at.run()
    assert not at.exception, at.exception
    labels = at.selectbox[0].options  # as shown (formatted)
    assert any(x.startswith("预算15表-2") and x.endswith("科技研究与开发资金") for x in labels)
    assert at.selectbox[0].value == "预算15表-2"
    assert any("第692行" in i.value for i in at.info)
    details = next(t.value for t in at.table if any("项目内容" in str(c) for c in t.value.columns))
    assert "▶" in details.iloc[:, 0].tolist(), "the cited row is marked"
    longest = max((str(v) for v in details.to_numpy().ravel()), key=len)
    assert len(longest) > 60, "long text cells are shown whole"


def test_audit_messages_read_as_arithmetic(pages_app: str) -> None:
    at = AppTest.from_string(pages_app, default_timeout=TIMEOUT)
    at.session_state["page"] = "audit_page"
    at.run()
    messages = at.dataframe[0].value["说明"].tolist()
    worked = [m for m in messages if "÷" in m]
    assert worked and all("× 100 =" in m for m in worked), worked[:2]
    assert not any(re.search(r"(?<![\d.,])\d{4,}\.\d", m) for m in messages), "thousands separators"


MASK_SCRIPT = """
import streamlit as st
from pathlib import Path
from assistant.models import Answer, Citation
from assistant.ui import state
from assistant.ui.chat import View, render_exchange
from assistant.ui.modes import Mode

answer = Answer(
    status="answered",
    text="负责人 189-9580-1435，+86 17771821284，身份证 420103199001011234，办公室 85626957",
    citations=[Citation(table="预算15表-5", title="申报表", row="联系电话", line=5)],
)
lines = {4: "项目负责人\\t周某\\t联系电话\\t１７７７１８２１２８４",
         5: "联系电话\\t+86 189 9580 1435\\t85626957",
         6: "<b>合计</b>\\t<input checked=\\"\\" type=\\"checkbox\\"/>"}
view = View(mode=Mode(st.session_state.get("mode", "kiosk")),
            source_lines=lambda a, b: [(n, lines.get(n, "")) for n in range(a, b + 1)],
            feedback_path=Path(st.session_state["fb"]))
render_exchange(0, state.Exchange(question="电话 189-9580-1435 是谁", answer=answer), view, last=True)
"""


def test_kiosk_masks_every_personal_number_form_on_every_surface(tmp_path: Path) -> None:
    log = tmp_path / "feedback.jsonl"
    at = AppTest.from_string(MASK_SCRIPT, default_timeout=TIMEOUT)
    at.session_state["fb"] = str(log)
    at.run()
    assert not at.exception, at.exception
    at.feedback[0].set_value(1).run()
    shown = _page(at) + "\n" + log.read_text(encoding="utf-8")
    for secret in ("9580", "7182", "１７７７１８２１２８４", "19900101"):
        assert secret not in shown, secret
    assert "85626957" in shown, "office landlines stay"
    assert "☑" in shown and "<b>" not in shown, "document markup as text in 查看原文"
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_every_browse_table_renders_without_markup(pages_app: str) -> None:
    at = AppTest.from_string(pages_app, default_timeout=TIMEOUT).run()
    for i, option in enumerate(at.selectbox[0].options):
        at.selectbox[0].select_index(i).run()
        assert not at.exception, (option, at.exception)
        cells = [str(v) for f in at.dataframe for v in f.value.astype(str).to_numpy().ravel()]
        cells += [_unescape(str(v)) for t in at.table for v in t.value.astype(str).to_numpy().ravel()]
        assert not [c for c in cells if "<b>" in c or "<input" in c or "<p>" in c], option
