"""Handlers for the performance forms: 预算14表 (部门整体绩效) and 预算15表 (项目绩效申报表).

Each family lives in its own forms_* module; this module only lists them for
`pipeline.intents.HANDLERS`. Order breaks ties between readings of the same evidence level
(knowledge/readings.toml).
"""

from __future__ import annotations

from assistant.pipeline.intents.forms_budget import FormBudgetHandler
from assistant.pipeline.intents.forms_details import FormDetailHandler
from assistant.pipeline.intents.forms_fields import FormFieldHandler
from assistant.pipeline.intents.forms_indicators import IndicatorHandler
from assistant.pipeline.intents.forms_perf import PerfFundsHandler
from assistant.pipeline.intents.project_parts import ProjectPartsHandler

HANDLERS = (
    FormFieldHandler(),
    FormDetailHandler(),
    FormBudgetHandler(),
    PerfFundsHandler(),
    IndicatorHandler(),
    ProjectPartsHandler(),
)

__all__ = ["HANDLERS"]
