"""Named SQL templates: data files (templates/*.toml), like datasette's canned queries.

    [function_amount]
    description = "一个功能科目某一列的金额"
    sql = "SELECT … WHERE doc_id = :doc_id AND code = :code"

User text only ever reaches SQL as a bound :param. Every template passes the guard once, when
the catalogue is loaded; a template the guard rejects stops start-up (it is a bug).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.errors import TemplateError
from assistant.pipeline import guard
from assistant.pipeline.served import check as served_check
from assistant.pipeline.served import selected_columns as served_columns
from assistant.settings import SETTINGS

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_PARAM = re.compile(r"(?<![:\w$])[:$]([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Template:
    name: str
    sql: str  # as guarded: $params, LIMIT added
    params: frozenset[str]
    description: str
    source: str
    # most rows it may return: the document's own data read whole (whole_document = true in its file,
    # read once per open document) may exceed the per-question cap; None: the runner's cap
    row_cap: int | None = None
    # served from a whole-document template's rows (pipeline/served.py): its parameters equal the
    # same-named columns (match), fixed columns equal set values, the statement's columns kept
    served_from: str | None = None
    match: tuple[str, ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()


def _strip_literals(sql: str) -> str:
    # ':x' inside a quoted literal is text, not a parameter.
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def _load_file(path: Path) -> list[Template]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    out = []
    for name, spec in data.items():
        if not isinstance(spec, dict) or "sql" not in spec:
            raise TemplateError(f"{path.name}: [{name}] needs an sql = … entry")
        whole = bool(spec.get("whole_document", False))
        cap = SETTINGS.document_row_cap if whole else None
        try:
            checked = guard.check(spec["sql"], row_cap=cap)
        except Exception as exc:
            raise TemplateError(f"{path.name}: template {name} rejected by the guard: {exc}") from exc
        params = frozenset(_PARAM.findall(_strip_literals(spec["sql"])))
        if whole and params != {"doc_id"}:
            raise TemplateError(f"{path.name}: template {name} reads the whole document: "
                                ":doc_id must be its only parameter")
        served = spec.get("served_from")
        out.append(Template(
            name, checked, params, str(spec.get("description", "")), path.name, cap,
            served_from=served, match=tuple(spec.get("match", ())),
            fixed=tuple((str(c), str(v)) for c, v in dict(spec.get("fixed", {})).items()),
            columns=served_columns(spec["sql"]) if served else ()))
    return out


@lru_cache(maxsize=4)
def load_templates(folder: Path = TEMPLATE_DIR) -> dict[str, Template]:
    catalogue: dict[str, Template] = {}
    for path in sorted(folder.glob("*.toml")):
        for template in _load_file(path):
            if template.name in catalogue:
                other = catalogue[template.name].source
                raise TemplateError(f"template {template.name} defined in {other} and {path.name}")
            catalogue[template.name] = template
    for template in catalogue.values():
        if template.served_from:
            served_check(template, catalogue)
    return catalogue


def bind(template: Template, params: dict[str, object]) -> dict[str, object]:
    """Exactly the parameters the statement names; a missing or unknown one is a bug."""
    missing = template.params - params.keys()
    if missing:
        raise TemplateError(f"template {template.name}: missing parameters {sorted(missing)}")
    unknown = params.keys() - template.params
    if unknown:
        raise TemplateError(f"template {template.name}: unknown parameters {sorted(unknown)}")
    return dict(params)
