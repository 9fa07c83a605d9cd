"""A part of a special fund named on its own (query/special_parts.py), on 商务委 2025's 项目经费情况说明:
生命健康专项 1,170.00 = 支持企业规模化发展 870 + 创新化 70 + 协同化 180 + 国际化 50;
贸易高质量发展专项 2,921.00 = 支持外贸发展 370 + 支持商销稳增长 30 + 区级支持总部经济 1,106 + 市级支持总部经济
1,262 + 进博会推进专项 153.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_support import last_answer as _last
from ask_support import stated


@pytest.mark.parametrize(("turns", "figure"), [
    (["支持外贸发展多少钱"], 370.0),
    (["区级支持总部经济多少"], 1106.0),
    (["进博会专项有多少"], 153.0),  # the part's name said short, its characters in order
    (["生命健康规模化发展那块多少"], 870.0),  # the fund said in part, then its part
    (["支持企业协同化发展安排了多少万元"], 180.0),
    (["市级支持总部经济比区级支持总部经济多多少"], 156.0),
    (["规模化发展占生命健康专项的比例"], 74.36),
    (["支持外贸发展占贸易高质量发展专项百分之几"], 12.67),
])
def test_a_part_of_a_special_fund(putuo_bots: Any, turns: list[str], figure: float) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], turns)
    assert answer.status == "answered" and stated(answer)[0] == figure, answer.text


@pytest.mark.parametrize("question", [
    "支持企业数字化发展多少钱",  # no fund prints it
    "支持外贸发展占商业创新专项百分之几",  # a part of another fund
    "区级支持总部经济是哪家公司拿的",
])
def test_a_part_not_printed_so_is_not_answered(putuo_bots: Any, question: str) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], [question])
    assert not stated(answer), answer.text


def test_the_funds_own_reading_goes_on_after_it(putuo_bots: Any) -> None:
    answer = _last(putuo_bots["putuo-swk-2025"], ["贸易高质量发展专项多少", "区级支持总部经济呢", "市级呢"])
    assert stated(answer) == [1262.0], answer.text
