"""Session state of the chat: the Conversation (the same object the batch contract uses),
the rendered history, questions queued by buttons, and the kiosk idle reset."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from assistant.models import Answer
from assistant.pipeline.base import Conversation

_CONV = "conversation"
_HISTORY = "history"
_PENDING = "pending_question"
_ACTIVE = "last_active"


@dataclass
class Exchange:
    """One question as typed and the answer the service gave."""

    question: str
    answer: Answer
    asked_at: float = field(default_factory=time.time)
    offered: list[str] | None = None  # follow-ups checked to answer (suggestions.follow_ups)


def history() -> list[Exchange]:
    return st.session_state.setdefault(_HISTORY, [])


def conversation(new: Callable[[], Conversation]) -> Conversation:
    """The session's Conversation; `new` is `Assistant.new_conversation` (called once)."""
    if _CONV not in st.session_state:
        st.session_state[_CONV] = new()
    return st.session_state[_CONV]


def reset() -> None:
    """重新开始: forget the conversation, the history and any queued question."""
    for key in (_CONV, _HISTORY, _PENDING):
        st.session_state.pop(key, None)
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("fb_")]:
        st.session_state.pop(key, None)
    st.session_state[_ACTIVE] = time.time()


def queue(question: str) -> None:
    """Button callback: ask `question` on the next run (clarify options, suggestions)."""
    st.session_state[_PENDING] = question


def take_pending() -> str | None:
    return st.session_state.pop(_PENDING, None)


def touch() -> None:
    st.session_state[_ACTIVE] = time.time()


def idle_expired(limit_seconds: float) -> bool:
    """True when there is something to clear and nobody typed for `limit_seconds`."""
    last = st.session_state.get(_ACTIVE)
    if last is None:
        st.session_state[_ACTIVE] = time.time()
        return False
    has_content = bool(st.session_state.get(_HISTORY)) or _PENDING in st.session_state
    return has_content and time.time() - float(last) > limit_seconds


def kiosk_idle_watch(limit_seconds: float) -> None:
    """Check the idle timer every few seconds in the browser, even when nobody clicks."""
    every = max(2.0, min(15.0, limit_seconds / 4))

    @st.fragment(run_every=every)
    def _watch() -> None:
        if idle_expired(limit_seconds):
            reset()
            st.rerun(scope="app")

    _watch()
