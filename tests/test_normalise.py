"""The normaliser: noise out, numerals/time words/codes/figures resolved, nothing else touched."""

from __future__ import annotations

import pytest

from assistant.pipeline.knowledge import load_knowledge
from assistant.pipeline.normalise import canon, normalise

K = load_knowledge()
YEAR = 2026


def norm(text: str):
    return normalise(text, K, YEAR)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("政府性基金預算有沒有支出", "政府性基金预算有没有支出"),  # 繁體 -> 简体
        ("科技企業孵化器認定獎勵多少", "科技企业孵化器认定奖励多少"),
        ("１６８１．３８万元是哪个项目", "1681.38万元是哪个项目"),  # full-width -> half-width
        ("武汉市创新场景开放奖励😊多少", "武汉市创新场景开放奖励多少"),  # emoji out
        ("请问一下，行政运行多少呢？？？", "行政运行多少"),  # filler and punctuation
        ("二零六零一零二一般行政管理事务多少", "2060102一般行政管理事务多少"),  # digit run, 一般 kept
        ("一般公共预算支出", "一般公共预算支出"),  # never cn2an on whole text
        ("买了三台复印机", "买了3台复印机"),
        ("项目支出第二大的是哪个", "项目支出第2大的是哪个"),
        ("前三是哪些", "前3是哪些"),
        ("工资福利里哪一项最少", "工资福利里哪一项最少"),  # 哪一项 is not a count
        ("一次性项目有几个", "一次性项目有几个"),
        ("一千六百八十一点三八万元是什么", "1681.38万元是什么"),
        ("网安项目多少", "网络安全项目多少"),  # synonym
        ("台式机单价", "台式计算机单价"),
        ("公积金多少", "住房公积金多少"),
        ("住房公积金多少", "住房公积金多少"),  # a synonym is not applied twice
        ("行政运行\t多少", "行政运行多少"),
        ("这个部门的主要职能有哪些", "本部门的主要职能有哪些"),  # the department itself
        ("你们局有几辆车", "本局有几辆车"),
        ("该单位的人员经费", "本单位的人员经费"),
        ("貴局的總預算", "本局的总预算"),
    ],
)
def test_text(raw: str, expected: str) -> None:
    assert norm(raw).text == expected


@pytest.mark.parametrize(
    "raw,years",
    [
        ("今年预算多少", (2026,)),
        ("那去年呢", (2025,)),
        ("前年的数", (2024,)),
        ("上年预算", (2025,)),
        ("2022年三公经费", (2022,)),
        ("比2025年多了多少", (2025,)),
        ("江招组[2017]1号是什么文件", ()),  # a document number, not a year
        ("2080505多少", ()),
    ],
)
def test_years(raw: str, years: tuple[int, ...]) -> None:
    assert norm(raw).years == years


def test_time_word_is_written_as_the_year() -> None:
    assert norm("安全生产工作经费今年预算多少").text == "安全生产工作经费2026年预算多少"


@pytest.mark.parametrize(
    "raw,codes",
    [
        ("2080505 机关事业单位基本养老保险缴费支出多少", ("2080505",)),
        ("210类里人员经费多少", ("210",)),
        ("30108", ("30108",)),
        ("42010326501T000000105是什么", ("42010326501T000000105",)),
        ("[A02020100]复印机", ("A02020100",)),
        ("买了800个", ()),
        ("2026年总预算", ()),
    ],
)
def test_codes(raw: str, codes: tuple[str, ...]) -> None:
    assert norm(raw).codes == codes


@pytest.mark.parametrize(
    "raw,numbers",
    [
        ("1681.38万元是哪个项目的钱", (1681.38,)),
        ("16,813,800元是什么", (1681.38,)),
        ("788.6是什么钱", (788.6,)),
        ("3亿元", (30000.0,)),
        ("2080505多少", ()),
    ],
)
def test_figures(raw: str, numbers: tuple[float, ...]) -> None:
    assert norm(raw).numbers == numbers


@pytest.mark.parametrize(
    "raw,unit",
    [("购房补贴多少元", "元"), ("提租补贴是多少万元", "万元"), ("总预算多少亿", "亿元"),
     ("购房补贴多少", None)],
)
def test_unit_request(raw: str, unit: str | None) -> None:
    assert norm(raw).unit_request == unit


def test_english_glossary() -> None:
    q = norm("How much is allocated to the big data center operation and maintenance?")
    assert "大数据中心运维" in q.text
    assert not any(ch.isascii() and ch.isalpha() for ch in q.text)


def test_canon_is_shared_with_aliases() -> None:
    assert canon("維修（護）費", K) == "维修(护)费"
    assert canon("预 算", K) == "预算"


def test_raw_is_kept() -> None:
    assert norm("請問  行政運行多少？").raw == "請問  行政運行多少？"


def test_empty_and_symbols_only() -> None:
    assert norm("").text == ""
    assert not any(ch.isalnum() for ch in norm("!!!###").text)


def test_time_word_inside_a_name_is_kept() -> None:
    assert norm("上年结转结余是多少").text == "上年结转结余是多少"
    assert norm("本年收入合计").years == ()


@pytest.mark.parametrize(
    "raw", ["2060101 2080505分别多少", "2060101，2080505分别多少", "2060101、2080505分别多少"]
)
def test_separated_codes_stay_two_codes(raw: str) -> None:
    assert norm(raw).codes == ("2060101", "2080505")


def test_thousands_separators_are_not_code_lists() -> None:
    assert norm("16,813,800元是什么").numbers == (1681.38,)
