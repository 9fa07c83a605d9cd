"""Templates served from the document's own rows (pipeline/served.py) return exactly the rows their
statement returns — same rows, same order, same columns — for every parameter set the document's
lines give, and for parameters naming no line; a declaration that does not fit its statement is
rejected when the templates are loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.errors import TemplateError
from assistant.pipeline.templates import load_templates


def _parameter_sets(lines: list[dict[str, Any]], match: tuple[str, ...]) -> list[dict[str, Any]]:
    seen = {tuple(r[c] for c in match) for r in lines}
    sets = [dict(zip(match, values, strict=True)) for values in sorted(seen, key=repr)]
    return [*sets, dict.fromkeys(match, "没有这一行")]


@pytest.mark.parametrize("document", ["bot", "qiaokou_bot"])
@pytest.mark.parametrize("name", [n for n, t in load_templates().items() if t.served_from])
def test_served_rows_are_the_statements_rows(request: pytest.FixtureRequest, document: str,
                                             name: str) -> None:
    bot = request.getfixturevalue(document)
    served = bot.runner()
    statement = bot.runner()
    statement.document_rows = None  # the statement itself, run against the database
    statement.cache = None
    spec = served.templates[name]
    lines = served.run(spec.served_from or "")
    sets = _parameter_sets(lines, spec.match)
    assert len(sets) > 1
    for params in sets:
        assert served.run(name, **params) == statement.run(name, **params), (name, params)
    assert all(e.served for e in served.executed if e.template == name)
    assert not any(e.served for e in statement.executed)


BAD: list[tuple[str, str]] = [
    # served from a template that is not the whole document's rows
    ('[a]\nsql = "SELECT table_id, row_seq FROM line_items WHERE doc_id = :doc_id AND code = :code"\n'
     'served_from = "b"\nmatch = ["code"]\n'
     '[b]\nsql = "SELECT table_id, row_seq, code FROM line_items WHERE doc_id = :doc_id"\n',
     "whole_document"),
    # a parameter left out of match
    ('[a]\nsql = "SELECT row_seq FROM line_items WHERE doc_id = :doc_id AND code = :code AND name = :name"\n'
     'served_from = "b"\nmatch = ["code"]\n'
     '[b]\nwhole_document = true\n'
     'sql = "SELECT row_seq, code, name FROM line_items WHERE doc_id = :doc_id"\n', "match"),
    # a column the source does not hold
    ('[a]\nsql = "SELECT row_seq, amount FROM line_items WHERE doc_id = :doc_id AND code = :code"\n'
     'served_from = "b"\nmatch = ["code"]\n'
     '[b]\nwhole_document = true\n'
     'sql = "SELECT row_seq, code FROM line_items WHERE doc_id = :doc_id"\n', "no column"),
    # a whole-document template with another parameter
    ('[b]\nwhole_document = true\n'
     'sql = "SELECT row_seq FROM line_items WHERE doc_id = :doc_id AND code = :code"\n', "only parameter"),
]


@pytest.mark.parametrize(("toml", "says"), BAD)
def test_bad_declarations_are_rejected(tmp_path: Path, toml: str, says: str) -> None:
    (tmp_path / "t.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(TemplateError, match=says):
        load_templates.__wrapped__(tmp_path)
