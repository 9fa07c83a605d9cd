"""Which header field of a performance form a question asks for (knowledge/form_fields.toml).

The words are data: each field lists words that ask for it alone and groups of words that ask
for it together (立项 + 依据). The first field asked wins, in the order the file lists them, so
the file puts specific fields before generic ones.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from assistant.settings import SETTINGS

# '…服务项目年度目标1' names a goal, not the 项目年度 field
_GOAL = re.compile(r"(?:长期|年度)(?:绩效)?目标\s*[0-9一二三四五六七八九十]")


class FieldWords(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    form: str  # "project" (预算15表) or "department" (预算14表)
    column: str | None = None
    words: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()
    money: bool = False  # the cell is an amount in the form's unit (项目总预算), stated as a figure

    def asked(self, text: str) -> bool:
        return any(w in text for w in self.words) or any(all(w in text for w in g) for g in self.together)


@lru_cache(maxsize=1)
def form_fields() -> tuple[FieldWords, ...]:
    with (SETTINGS.knowledge_dir / "form_fields.toml").open("rb") as f:
        data = tomllib.load(f)
    return tuple(FieldWords(**{k: v for k, v in d.items() if v != ""}) for d in data.get("field", []))


def asked_field(text: str, form: str) -> FieldWords | None:
    """The first field of `form` the question asks for, else None."""
    text = _GOAL.sub("", text)
    return next((f for f in form_fields() if f.form == form and f.asked(text)), None)


__all__ = ["FieldWords", "asked_field", "form_fields"]
