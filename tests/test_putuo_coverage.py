"""Questions on the Shanghai layout that the coverage gate must let through (general words, a
named project under a colloquial rewrite, a project printed without a name) and the ones it must
still stop. Figures read by hand from ../shared/sources/putuo (line numbers of the `.txt`
renderings); the tests skip without that folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.build import ingest_files
from assistant.service import Assistant

PUTUO = Path(__file__).resolve().parent.parent.parent / "shared" / "sources" / "putuo"
TOL = 0.005


@pytest.fixture(scope="module")
def bots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Assistant]:
    if not (PUTUO / "putuo-swk-2025.pdf").exists():
        pytest.skip("putuo PDFs absent")
    folder = tmp_path_factory.mktemp("putuo-gate")
    out = {}
    for stem in ("putuo-swk-2025", "putuo-wanli-2025"):
        ingest_files([PUTUO / f"{stem}.pdf"], folder / f"{stem}.duckdb")
        out[stem] = Assistant.open(folder / f"{stem}.duckdb")
    yield out
    for bot in out.values():
        bot.close()


@pytest.mark.parametrize(
    ("stem", "question", "values", "line"),
    [
        # 生命健康专项 L403-405: total 1170 = 870 + 70 + 180 + 50 (万元); 专项的钱 is rewritten to
        # 项目支出 by the colloquial map, which must not take the project's name away
        ("putuo-swk-2025", "生命健康专项的钱怎么分配？", [870, 70, 180, 50], 405),
        ("putuo-swk-2025", "生命健康专项资金如何分配", [870, 70, 180, 50], 405),
        ("putuo-swk-2025", "编了绩效目标的项目有几个？", [25], 364),  # 编报绩效目标的项目共25个
        ("putuo-swk-2025", "有多少个项目编了绩效目标", [25], 364),
        ("putuo-wanli-2025", "目前街道有多少辆车？", [8], 475),  # 共有车辆8辆
        # the project is printed without a name: the line its words stand on is cited (L484)
        ("putuo-wanli-2025", "社区公共服务中心新建工程规划建筑面积是多少？", [13459], 484),
        ("putuo-wanli-2025", "社区公共服务中心工程每个季度用款计划是多少", [15], 484),
    ],
)
def test_answered(
    bots: dict[str, Assistant], stem: str, question: str, values: list[float], line: int
) -> None:
    answer = bots[stem].ask(question, bots[stem].new_conversation())
    assert answer.status == "answered", answer.text
    stated = [v.value for v in answer.values]
    for want in values:
        assert any(abs(want - got) <= TOL for got in stated), (want, stated, answer.text)
    assert line in [c.line for c in answer.citations], answer.citations


@pytest.mark.parametrize(
    ("stem", "question", "absent"),
    [
        ("putuo-swk-2025", "专项的钱有多少？", 1170),  # no project named: the department's 项目支出
        ("putuo-swk-2025", "专项资金怎么分配？", 351684000),  # one total is no breakdown
        ("putuo-swk-2025", "车", None),
        ("putuo-swk-2025", "现在", None),
        ("putuo-wanli-2025", "编", None),
        ("putuo-wanli-2025", "车多少钱", None),
    ],
)
def test_not_that_figure(bots: dict[str, Assistant], stem: str, question: str, absent: float | None) -> None:
    answer = bots[stem].ask(question, bots[stem].new_conversation())
    stated = [v.value for v in answer.values]
    if absent is None:
        assert answer.status != "answered" and stated == [], answer.text
    else:
        assert all(abs(absent - got) > TOL for got in stated), (stated, answer.text)
