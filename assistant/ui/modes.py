"""The three modes (办公 / 自助查询 / 培训): resolved from `?mode=` and the sidebar, plus fixed CSS.

The URL wins on a fresh load (a kiosk is started with `?mode=kiosk`); the sidebar radio writes
its choice back to the URL so a reload keeps the mode. Kiosk mode has no sidebar at all.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import streamlit as st
from PIL import Image, ImageDraw


class Mode(StrEnum):
    OFFICE = "office"
    KIOSK = "kiosk"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Mode.OFFICE: "办公", Mode.KIOSK: "自助查询", Mode.TRAINING: "培训"}
_ALIASES: dict[str, Mode] = {
    **{m.value: m for m in Mode},
    **{label: m for m, label in _LABELS.items()},
    "自助": Mode.KIOSK,
    "public": Mode.KIOSK,
    "train": Mode.TRAINING,
}
_STATE_KEY = "ui_mode"
_RADIO_KEY = "ui_mode_radio"


def parse_mode(raw: str | None) -> Mode | None:
    """`办公`/`office`, `自助查询`/`kiosk`, `培训`/`training` (case and spaces ignored)."""
    if not raw:
        return None
    return _ALIASES.get(raw.strip().lower()) or _ALIASES.get(raw.strip())


def current_mode() -> Mode:
    """The mode for this run: URL first, then what the session chose, else 办公."""
    from_url = parse_mode(st.query_params.get("mode"))
    mode = from_url or st.session_state.get(_STATE_KEY) or Mode.OFFICE
    st.session_state[_STATE_KEY] = mode
    if from_url is None or st.query_params.get("mode") != mode.value:
        st.query_params["mode"] = mode.value
    return mode


_FROM_DESK = "kiosk_from_desk"


def _on_radio_change() -> None:
    chosen = st.session_state[_RADIO_KEY]
    if chosen is Mode.KIOSK:  # a desk user previewing the kiosk gets a way back (kiosk_exit)
        st.session_state[_FROM_DESK] = st.session_state.get(_STATE_KEY) or Mode.OFFICE
    st.session_state[_STATE_KEY] = chosen
    st.query_params["mode"] = chosen.value


def _leave_kiosk() -> None:
    back = st.session_state.pop(_FROM_DESK, Mode.OFFICE)
    st.session_state[_STATE_KEY] = back
    st.query_params["mode"] = back.value


def kiosk_exit() -> None:
    """In kiosk mode entered from the sidebar: a button back to the desk mode. A kiosk started
    with ?mode=kiosk has none (the public must not leave it)."""
    if _FROM_DESK in st.session_state:
        st.button("退出自助查询，返回办公模式", icon=":material/logout:", on_click=_leave_kiosk,
                  key="kiosk_exit")


def mode_switch(mode: Mode) -> None:
    """Sidebar radio (not shown in kiosk mode: there is no sidebar there)."""
    if mode is Mode.KIOSK:
        return
    st.session_state[_RADIO_KEY] = mode
    st.sidebar.radio(
        "使用模式",
        [Mode.OFFICE, Mode.KIOSK, Mode.TRAINING],
        format_func=lambda m: m.label,
        key=_RADIO_KEY,
        on_change=_on_radio_change,
        help="办公：简洁，带出处；自助查询：大字、无侧栏；培训：展示问答流程的每一步。"
        "也可在网址后加 ?mode=office / kiosk / training。",
    )


_BASE_CSS = """
<style>
/* The ⋮ menu, the run status, the skip link and the badge speak English ("Print", "Stop",
   "Skip to main content", "Made with Streamlit"): not shown. */
[data-testid="stMainMenu"], [data-testid="stToolbarActions"], [data-testid="stStatusWidget"],
[data-testid="stSkipToContent"], footer {
  display: none !important;
}
/* below Streamlit's fixed header bar (3.75rem), so that nothing at the top is hidden under it */
.block-container { padding-top: 4.5rem; padding-bottom: 1rem; }
@media (min-width: 1600px) { .block-container { max-width: 60rem; } }  /* use a wide screen */
[data-testid="stMetricValue"] { font-variant-numeric: tabular-nums; }
[data-testid="stCaptionContainer"] { line-height: 1.7; }
</style>
"""

_KIOSK_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stSidebarNav"], [data-testid="stToolbar"], [data-testid="stMainMenu"] {
  display: none !important;
}
.block-container, [data-testid="stBottomBlockContainer"] { max-width: 68rem; }
.block-container { padding-top: 2rem; }  /* no header bar in kiosk mode */
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.35rem !important; line-height: 1.75 !important;
}
/* after the paragraph rule above and more specific than it: the headline figure stays large */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 3.4rem !important; line-height: 1.2 !important;
}
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
  font-size: 1.3rem !important;
}
[data-testid="stTable"] td, [data-testid="stTable"] th,
[data-testid="stTable"] [data-testid="stMarkdownContainer"] p { font-size: 1.25rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.1rem !important; }
.stButton button p { font-size: 1.25rem !important; }
.st-key-restart button p { white-space: nowrap; }
.stButton button { min-height: 3.2rem; }
.st-key-restart button { padding: 0.4rem 1rem; }
[data-testid="stChatInput"] textarea { font-size: 1.35rem !important; }
[data-testid="stCode"] code { font-size: 1.05rem !important; }  /* 查看原文 readable at arm's length */
</style>
"""


@lru_cache(maxsize=1)
def favicon() -> Image.Image:
    """A small bar-chart icon drawn here, so the page needs no icon from the network."""
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((0, 0, 63, 63), radius=12, fill=(184, 50, 42, 255))
    for x, top in ((12, 34), (27, 20), (42, 10)):
        draw.rectangle((x, top, x + 10, 52), fill=(255, 255, 255, 255))
    return img


def apply_css(mode: Mode) -> None:
    """Our own fixed CSS: the only place unsafe_allow_html is used (no user or document text)."""
    css = _BASE_CSS + (_KIOSK_CSS if mode is Mode.KIOSK else "")
    st.html(css)
