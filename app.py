"""Streamlit front end of the budget question-answering assistant.

    streamlit run app.py                 # 办公 mode
    open http://localhost:8501/?mode=kiosk      (自助查询)  or  ?mode=training  (培训)

The database is built on first run when missing. The app only lays out what `assistant.service`
returns; see `assistant/ui/` for the parts.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from assistant.database import ensure_database
from assistant.errors import AssistantError
from assistant.settings import load_settings
from assistant.ui import pages
from assistant.ui.data import PageData
from assistant.ui.modes import Mode, apply_css, current_mode, favicon, mode_switch

st.set_page_config(
    page_title="预算问答 · 部门预算公开", page_icon=favicon(), layout="centered"
)


@st.cache_resource(show_spinner="正在准备预算数据库…", max_entries=2)
def open_assistant(db_path: str, identity: tuple[int, int, int, int]):
    """One Assistant (read-only connection + indexes) per database file *version* (`identity`:
    a re-ingest replaces the file), shared by sessions; the service closes the old version's."""
    from assistant.service import Assistant

    return Assistant.open(ensure_database(Path(db_path)))


def main() -> None:
    settings = load_settings()  # read per run: BUDGET_* variables set by tests take effect
    mode = current_mode()
    apply_css(mode)
    try:
        from assistant.service import file_identity

        bot = open_assistant(str(settings.db_path), file_identity(ensure_database(settings.db_path)))
    except AssistantError as exc:
        st.error(exc.user_message, icon=":material/error:")
        st.stop()
    except Exception:
        logging.getLogger(__name__).exception("cannot open the budget database")
        st.error("预算数据库暂时无法打开，请稍后再试或联系管理员。", icon=":material/error:")
        st.stop()
    # corpus hook: pages of one document show the current one; picker, banner, overview page
    from assistant.ui import corpus_page

    found: dict = {}
    data = PageData(corpus_page.document_bot(bot))
    ctx = pages.Context(bot=bot, data=data, settings=settings, mode=mode, pages=found)

    def chat() -> None:
        pages.chat_page(ctx)

    def browse() -> None:
        pages.browse_page(ctx)

    def audit() -> None:
        pages.audit_page(ctx)

    chat_page = st.Page(chat, title="问答", icon=":material/chat:", url_path="chat", default=True)
    if mode is Mode.KIOSK:
        page = st.navigation([chat_page], position="hidden")
    else:
        found["browse"] = st.Page(browse, title="浏览原表", icon=":material/table_view:", url_path="browse")
        found["audit"] = st.Page(audit, title="数据核查", icon=":material/fact_check:", url_path="audit")
        # corpus hook: 资料库 overview when several documents
        page = st.navigation([chat_page, found["browse"], found["audit"], *corpus_page.pages(bot)])
        mode_switch(mode)
        with st.sidebar:
            st.caption("办公：简洁，带出处与原文；培训：展示每一步。")
    corpus_page.picker(bot, mode)  # corpus hook
    slot = corpus_page.banner_slot(bot)  # corpus hook: the current document, above the page
    page.run()
    corpus_page.banner(bot, mode, slot)  # corpus hook


main()
