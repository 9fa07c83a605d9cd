"""The words a question about a narrative fact is read by: the topics the 说明 reports under,
what asks a change, a rate, a count or an amount, and which measures of a fact are asked."""

from __future__ import annotations

import re

from assistant.pipeline.base import Row
from assistant.pipeline.intents.forms_common import contains_any
from assistant.pipeline.intents.narrative_common import TOTAL_SYNONYMS

# Topics every department's 第三/四部分 reports under the same names (the disclosure template).
TOPICS = (
    "机关运行经费",
    "政府采购",
    "购买服务",
    "委托业务费",
    "房屋面积",
    "面积",
    "公务用车",
    "执法执勤用车",
    "特种专业技术用车",
    "用车",
    "车辆",
    "三公",
    "公务接待",
    "因公出国",
    "出国",
    "货物类",
    "服务类",
    "工程类",
    "国有资产",
    "预算绩效",
    "预留",  # 面向中小企业预留的采购金额: the 政府采购 statement's reserved share
)
# Totals the tables answer too: the narrative is the source only for their change and prior year.
TOTAL_TOPICS = ("收支总预算", "收入预算", "支出预算", "财政拨款收支", *TOTAL_SYNONYMS)

CHANGE = (
    "多了",
    "少了",
    "增加",
    "减少",
    "变化",
    "增减",
    "同比",
    "比上年",
    "较上年",
    "上升",
    "下降",
    "增长了多少",
    "变动",
    "增长多少",
    "涨了",
    "降了",
    "多多少",
    "少多少",
    "新增的",  # 新增的三公经费: how much more than the year before (新增 alone is a project category)
    "新增了",
    "新增多少",
    "多花",
    "少花",
    "变了",  # 跟去年比变了多少
    "差了多少",
    "多还是少",  # which way it changed, asked as a choice
    "少还是多",
    "涨还是降",
    "增还是减",
    "升还是降",
)
# '增长多少' / '变化多少' may mean the amount or the percentage: both are given.
BOTH = ("增长多少", "增长了多少", "变化多少", "变化情况", "变动情况", "同比", "多多少", "少多少")
COUNT_ASK = (
    "次数", "几次", "多少次", "几家", "多少家", "几个", "多少个", "几项", "多少项", "人数", "多少人", "几人"
)
MONEY_NOUN = re.compile(r"^目?[\u4e00-\u9fff]{0,4}?(?:资金|金额|经费|钱)")


def asks_count(text: str) -> bool:
    """多少个 / 几项 asks how many — but 多少项目预算资金 asks money: the count word begins a noun
    of money (…项目预算资金), with no pause before it (有几项，金额多少 asks both)."""
    return any(w in text and not MONEY_NOUN.search(text[text.find(w) + len(w):]) for w in COUNT_ASK)


RATE = ("增幅", "增长率", "幅度", "百分之几", "多少%", "降幅", "增长多少%", "涨幅", "几个点", "增长几")
WHY = (
    "为什么",
    "原因",
    "为何",
    "怎么会",
    "用于",
    "主要包括",
    "包括哪些",
    "都有哪些",
    "截至",
    "什么时候",
    "哪些",
)
EXPLAIN = ("为什么", "原因", "为何", "为啥", "怎么会")
# Counts the narrative states about a topic no table holds ('编报绩效目标的项目共25个').
COUNT_TOPICS = ("绩效目标",)
YEAR_SAID = re.compile(r"\d{4}年度?")
NOT_SAID = ("没有", "未", "不", "没", "以外", "之外", "除了")  # the projects a topic's figure is not of
STRONG_NAME = 95.0  # a narrative subject named this exactly is the subject of a count question
# Qualifier word groups (knowledge/intents.toml) that narrow a topic to the part of it they name.
QUALIFIERS = ("proc_micro", "proc_sme")
DEFINE = ("反映什么", "是什么意思", "什么意思", "指什么", "指的是", "名词解释", "含义", "定义", "是指")
ASKED_IN_UNIT = re.compile(r"(多少|几)(?:万元|亿元|元)")
CONFLICT = ("还是", "哪个对", "哪个准", "不一致", "对不上", "到底")
PART_SAID = re.compile(r"第[一二三四五1-5]部分")  # 第四部分中的公务接待费: the narrative's own figure


# what the department holds (房屋, 车辆: the 国有资产占用 statement), never a part of a budget figure
AS_OF_MEASURES = ("area", "count")  # holdings stated as of a date (房屋面积, 车辆)
HOLDINGS = ("房屋面积", "面积", "公务用车", "执法执勤用车", "特种专业技术用车", "用车", "车辆", "国有资产")


MONEY_ASK = ("资金", "钱", "金额", "经费", "预算", "万元", "元")
QUANTITY_ASK = ("多少", "几何")


def amount_too(text: str) -> bool:
    """A clause of its own asks an amount beside the count ('有几个，涉及多少资金')."""
    clauses = [c for c in re.split(r"[,，;；、?？!！。]", text) if c]
    return len(clauses) > 1 and any(
        (contains_any(c, MONEY_ASK) or BARE_HOW_MUCH.fullmatch(c)) and contains_any(c, QUANTITY_ASK)
        and not contains_any(c, COUNT_ASK)
        for c in clauses[1:]
    )


# 有几个、涉及多少(万元): a clause asking how much of nothing else (its unit taken as the one asked)
BARE_HOW_MUCH = re.compile(r"(?:涉及|是|有|共|一共|总共|合计|共计)*多少")


def measures_asked(text: str) -> list[str]:
    wanted = []
    if contains_any(text, CHANGE):
        wanted.append("change")
    if contains_any(text, RATE):
        wanted.append("rate")
    if contains_any(text, ("占比", "占多少", "比重", "占总")):
        wanted.append("share")
    # '几辆车 / 有没有执法执勤用车' count vehicles; '公务用车运行维护费' is money
    # (公车运行费有没有: a cost of the vehicles, asked whether there is any — money, no count)
    if "辆" in text or ("车" in text and "费" not in text
                        and contains_any(text, ("有没有", "有无", "几", "数量", "多少台"))):
        wanted.append("count")
    elif asks_count(text):
        # '公务接待次数' asks how many, not how much: a money figure is no answer to it
        wanted.append("count")
    if "面积" in text:
        wanted.append("area")
    return wanted or ["amount"]


GENERIC_UNITS = ("个", "项", "家")  # classifiers that do not tell what is counted (辆 says vehicles)
NOUN_HEAD = 2  # the last characters of a counted subject that name the thing (…的项目 → 项目)


COUNTED_NOUN = re.compile(r"(?:几|多少)(?:个|项|家)([\u4e00-\u9fff]{2})")  # 几个预算单位: what 个 counts


def other_noun(picked: list[Row], text: str) -> bool:
    said = COUNTED_NOUN.search(text)
    for r in picked:
        head = str(r["subject"])[-NOUN_HEAD:]
        if r["unit"] not in GENERIC_UNITS:
            return False
        if (said.group(1) in str(r["subject"])) if said else (head in text):
            return False
    return True
