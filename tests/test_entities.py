"""The entity catalogue of the seed document, and project merging on a renamed variant."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from assistant.ingest.entities.names import normalise, similarity


def _entities_of(con: duckdb.DuckDBPyConnection, alias: str, kind: str | None = None) -> set[str]:
    sql = ("SELECT DISTINCT a.entity_id FROM entity_aliases a JOIN entities e USING (doc_id, entity_id) "
           "WHERE a.alias = ?" + (" AND e.kind = ?" if kind else ""))
    return {r[0] for r in con.execute(sql, [alias, kind] if kind else [alias]).fetchall()}


@pytest.mark.parametrize("variants", [
    ("科技研究开发资金", "科技研究与开发资金"),
    ("科学事务管理支出", "科学管理事务支出"),
    ("大数据中心运维费用", "大数据中心运行维护费", "大数据中心运维费用支出"),
    ("聘用人员经费", "聘用人员经费支出", "聘用人员工作经费"),
    ("江汉区政务体系统一网络安全运营服务项目", "江汉区政务体系系统一网络安全运营服务项目",
     "江汉区政务体系统一网络安全运营服务项目经费"),
    ("安全生产工作经费",),
])
def test_project_name_variants_resolve_to_one_entity(seed_con, variants: tuple[str, ...]) -> None:
    found = [_entities_of(seed_con, v, "project") for v in variants]
    assert all(len(ids) == 1 for ids in found), found
    assert len(set().union(*found)) == 1


@pytest.mark.parametrize(("name", "codes"), [
    ("科技研究开发资金", {"42010326501T000000103", "42010324501T000000104"}),
    ("安全生产工作经费", {"42010326501T000000102", "42010324501T000000101"}),
    ("聘用人员经费", {"42010326501T000000100", "42010325501T000000100"}),
    ("大数据中心运维费用", {"42010326501T000000104"}),
])
def test_project_codes_of_both_tables_are_aliases(seed_con, name: str, codes: set[str]) -> None:
    (entity_id,) = _entities_of(seed_con, name, "project")
    rows = seed_con.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? AND alias_kind = 'code'", [entity_id]
    ).fetchall()
    got = {r[0] for r in rows}
    assert got == codes


def test_six_budget_projects_plus_procurement_label(seed_con) -> None:
    rows = seed_con.execute("SELECT canonical_name FROM entities WHERE kind = 'project'").fetchall()
    names = {r[0] for r in rows}
    assert len(names) == 7 and "在职人员公用" in names  # 预算12表's 项目 column for basic spending


@pytest.mark.parametrize(("alias", "entity_id"), [
    ("研究与开发", "function:20604"),  # 第五部分 misnames the 款
    ("技术与开发", "function:20604"),
    ("住房货币化", "function:2210203"),  # the only unmatched 项 under 22102 on both sides
    ("2060404", "function:2060404"),
    ("卫生健康支出", "function:210"),
    ("科学技术支出", "function:206"),  # also printed uncoded in 预算01/04表
    ("维修（护）费", "economic:30213"),
    ("维修(护)费", "economic:30213"),
    ("30218", "economic:30218"),
    ("武汉市江汉区经济信息和科技创新局", "unit:501"),  # 预算12表's spelling
    ("武汉市江汉区科学技术和信息化局本级", "unit:501001"),
    ("A02020100", "procurement:A02020100"),
    ("复印机", "procurement:A02020100"),
])
def test_aliases_point_at_the_coded_entity(seed_con, alias: str, entity_id: str) -> None:
    assert _entities_of(seed_con, alias) == {entity_id}


def test_glossary_item_without_table_row_is_its_own_function(seed_con) -> None:
    (entity_id,) = _entities_of(seed_con, "行政单位离退休")
    code = seed_con.execute("SELECT code FROM entities WHERE entity_id = ?", [entity_id]).fetchone()[0]
    assert entity_id.startswith("function:20805") and code is None


@pytest.mark.parametrize(("alias", "kind"), [
    ("上级补助收入", "summary"), ("国防支出", "summary"), ("机关运行经费", "narrative"),
    ("货物类", "narrative"), ("财政拨款收入", "term"), ("基本工资", "economic"),
    ("奖励企业数量", "indicator"), ("劳务派遣人员工资", "detail"),
])
def test_other_kinds(seed_con, alias: str, kind: str) -> None:
    assert _entities_of(seed_con, alias, kind)


@pytest.mark.parametrize("kind", ["function", "economic", "unit", "project", "procurement", "detail",
                                  "indicator", "term", "summary", "narrative"])
def test_every_kind_present_with_aliases(seed_con, kind: str) -> None:
    n, bare = seed_con.execute(
        "SELECT count(*), count(*) FILTER (WHERE entity_id NOT IN (SELECT entity_id FROM entity_aliases)) "
        "FROM entities WHERE kind = ?", [kind]).fetchone()
    assert n > 0 and bare == 0


def test_entity_ids_unique(seed_con) -> None:
    n, distinct = seed_con.execute("SELECT count(*), count(DISTINCT entity_id) FROM entities").fetchone()
    assert n == distinct


def test_name_aliases_are_printed_on_their_line(seed_con, seed_lines: list[str]) -> None:
    """Provenance: every name alias of a table-backed kind is printed (spaces aside) on the line it
    cites. Indicators, details and narrative subjects are re-joined across lines or derived from
    a sentence, so for them the line only has to exist."""
    rows = seed_con.execute(
        "SELECT a.alias, a.table_id, a.line_no, e.kind FROM entity_aliases a JOIN entities e "
        "USING (doc_id, entity_id) WHERE a.alias_kind = 'name'").fetchall()
    exact = ("function", "economic", "unit", "project", "procurement", "summary", "term")
    missing = [(a, t, n) for a, t, n, kind in rows if kind in exact
               and re.sub(r"\s+", "", a) not in re.sub(r"\s+|<[^>]+>", "", seed_lines[n - 1])]
    assert not missing, missing[:10]
    assert all(1 <= n <= len(seed_lines) for _, _, n, _ in rows)


@pytest.mark.parametrize(("a", "b", "minimum"), [
    ("科学事务管理支出", "科学管理事务支出", 100), ("科技研究开发资金", "科技研究与开发资金", 100),
    ("大数据中心运维费用", "大数据中心运行维护费", 80), ("聘用人员经费", "聘用人员工作经费", 80),
])
def test_similarity_of_printed_variants(a: str, b: str, minimum: float) -> None:
    assert similarity(a, b) >= minimum


def test_normalise_strips_free_suffixes_and_fillers() -> None:
    assert normalise("大数据中心运维费用支出") == normalise("大数据中心运维费用") == "大数据中心运维"
    assert normalise("社会保障和就业") == normalise("社会保障和就业支出")


# --- a variant document: one project renamed outside 预算11表 -----------------------------------

def _renamed(lines: list[str], old: str, new: str) -> str:
    """Rename a project in 预算14表, its 预算15表 form and 第三部分, but not in 预算11表/12表."""
    out = []
    for line in lines:
        in_perf = line.lstrip().startswith(old) and "特定目标类" in line
        in_form = line.startswith("项目名称") and old in line
        in_text = re.match(r"^\d+\.\s*" + re.escape(old), line) is not None
        out.append(line.replace(old, new) if in_perf or in_form or in_text else line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("new_name", [
    "工业企业安全检查服务费",  # weak name similarity + equal amount (pass 2)
    "民爆行业监管专项",  # nothing in common but the amount 11.79 (pass 3)
])
def test_renamed_project_still_merges_by_amount(tmp_path: Path, seed_lines: list[str], new_name: str) -> None:
    from assistant.ingest.build import ingest_files

    text = _renamed(seed_lines, "安全生产工作经费", new_name)
    assert text.count(new_name) >= 3
    source = tmp_path / "variant-2026-budget.txt"
    source.write_text(text, encoding="utf-8")
    db = tmp_path / "variant.duckdb"
    ingest_files([source], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        (entity_id,) = _entities_of(con, "安全生产工作经费", "project")
        tables = {r[0] for r in con.execute(
            "SELECT table_id FROM entity_aliases WHERE entity_id = ? AND alias = ?", [entity_id, new_name]
        ).fetchall()}
        assert {"预算14表", "第三部分"} <= tables and any(t.startswith("预算15表-") for t in tables)
        assert con.execute("SELECT count(*) FROM entities WHERE kind = 'project'").fetchone()[0] == 7
    finally:
        con.close()
