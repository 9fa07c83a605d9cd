"""Handlers for the narrative parts (第一/三/四/五部分), the table list and the audit.

The families live in narrative_* modules; this module lists them for `pipeline.intents.HANDLERS`.
"""

from __future__ import annotations

from assistant.pipeline.intents.narrative_docs import DocumentHandler
from assistant.pipeline.intents.narrative_facts import NarrativeFactHandler
from assistant.pipeline.intents.narrative_projects import ProjectNarrativeHandler

HANDLERS = (
    NarrativeFactHandler(),
    DocumentHandler(),
    ProjectNarrativeHandler(),
)

__all__ = ["HANDLERS"]
