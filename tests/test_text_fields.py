"""Text answers: fields of the performance forms, indicators, reasons (为什么), the department's own
description and follow-ups about a person — each asked in several wordings, written from the
seed document (data/sources, line numbers in the comments), plus questions the document cannot
answer that must get an honest reply and no wrong text or figure.
"""

from __future__ import annotations

import pytest

# (turns, figures that must be stated — [] none of money, None not checked —, words the answer must
# contain, table the answer must cite)
GOOD = [
    # 预算15表-2 立项依据 (L678): the documents it names
    (["科技研究与开发资金立项时依据了哪些文件？"], [], ["江财", "江招组"], "预算15表-2"),
    (["科技研究与开发资金是根据什么文件立项的"], [], ["江财", "江招组"], "预算15表-2"),
    (["科技研究与开发资金的立项依据有哪些"], [], ["江财", "江招组"], "预算15表-2"),
    (["科技研究与开发资金的政策依据是什么"], [], ["江财", "江招组"], "预算15表-2"),
    # 预算15表-5 立项依据 (L898): the 编制 document
    (["大数据中心运维项目是依据哪个编制文件立项的？"], [], ["江编发"], "预算15表-5"),
    (["大数据中心运维费用立项依据是什么"], [], ["江编发"], "预算15表-5"),
    (["大数据中心运维费用凭什么立项"], [], ["江编发"], "预算15表-5"),
    (["大数据中心运维费用依据的文件是哪个"], [], ["江编发"], "预算15表-5"),
    # 预算15表-3 项目安排频度 (L777)
    (["安全生产工作经费是一次性项目还是常年项目？"], [], ["常年项目"], "预算15表-3"),
    (["安全生产工作经费是常年的还是一次性的"], [], ["常年项目"], "预算15表-3"),
    (["安全生产工作经费的项目安排频度"], [], ["常年项目"], "预算15表-3"),
    (["安全生产工作经费每年都有吗"], [], ["常年项目"], "预算15表-3"),
    # 预算15表-6 资产配置计划及采购计划 (L1000)
    (["网络安全运营服务项目的资产配置计划是什么？"], [1666.88], ["数量 1"], "预算15表-6"),
    (["网络安全运营服务项目资产配置了什么，金额多少"], [1666.88], [], "预算15表-6"),
    # 预算14表 填报日期 (L416)
    (["整体绩效目标申报表是哪天填报的？"], [], ["22日"], "预算14表"),
    (["部门整体绩效表什么时候填的"], [], ["22日"], "预算14表"),
    (["整体绩效目标表的填报日期是哪天"], [], ["22日"], "预算14表"),
    (["部门整体绩效目标申报表几号填报的"], [], ["22日"], "预算14表"),
    # 预算14表 长期目标（截止 2035 年） (L445)
    (["整体绩效的长期目标截止到哪一年？"], [2035], [], "预算14表"),
    (["长期目标到哪一年为止"], [2035], [], "预算14表"),
    (["部门长期绩效目标是到哪年的"], [2035], [], "预算14表"),
    (["整体绩效长期目标的期限"], [2035], [], "预算14表"),
    # 预算14表 部门总体资金情况: the items of 支出构成 / 收入构成 (L428-L430, L424-L426)
    (["整体绩效目标表里，支出构成是怎么划分的？"], [791.47, 7174.22], ["人员类", "特定目标类"], "预算14表"),
    (["部门整体绩效表的支出构成有哪些"], [791.47, 7174.22], ["运转类项目支出”当年金额未填写"], "预算14表"),
    (["整体绩效表收入构成包括什么"], [7965.69], ["财政专户管理资金"], "预算14表"),
    # … and between its two earlier years (L427: 5511.89 → 6372.1; L431: → 6372.11)
    (["2025年部门收入比2024年增长了多少？"], [860.21], ["增加"], "预算14表"),
    (["整体绩效表里2025年收入合计比2024年多了多少"], [860.21], ["增加"], "预算14表"),
    (["整体绩效表里2025年支出合计比2024年多了多少"], [860.22], ["增加"], "预算14表"),
    # indicators printed in 14表 and 15表 alike: the same figure answers once (L536, L755)
    (["技术合同成交额这个指标今年预计实现多少？"], [80], [], "预算14表"),
    (["技术合同成交额今年预计多少"], [80], [], "预算15表-2"),
    (["今年技术合同成交额的指标值"], [80], [], "预算14表"),
    (["技术合同成交额预计当年实现多少"], [80], [], "预算15表-2"),
    (["技术合同成交额去年是多少"], [150], [], "预算14表"),
    # two year columns (L531, L750)
    (["奖励企业数量指标，上年是多少，今年预计多少？"], [160, 150], [], "预算14表"),
    (["奖励企业数量上年和今年的指标值"], [160, 150], [], "预算15表-2"),
    (["奖励企业数量指标去年多少今年多少"], [160, 150], [], "预算14表"),
    # a form's indicators listed (预算15表-2 年度绩效目标表 L749-L765)
    (["科技研究与开发资金的绩效指标有哪些"], [], ["奖励企业数量", "技术合同成交额"], "预算15表-2"),
    (["安全生产工作经费有什么绩效指标"], [], ["安全生产检查次数"], "预算15表-3"),
    # one form named, 今年预计 asked: its 年度 row, not the 长期 one (≥40 家 L741 vs ≥7 家 L757)
    (["科技研究与开发资金的瞪羚企业数量今年预计多少"], [7], [], "预算15表-2"),
    # a word printed alike everywhere (效果显著, L457 …)
    (["科技帮扶效果的指标值"], [], ["效果显著"], "预算14表"),
    # a bound asked (≤30分钟, L572, L965)
    (["区政府网络故障修复响应时间要求多少分钟以内？"], [30], [], "预算15表-5"),
    (["区政府网络故障修复响应时间多少分钟"], [30], [], "预算14表"),
    (["修复响应时间的指标值是几分钟"], [30], [], "预算15表-5"),
    (["区政府网络故障修复响应时间的要求是多少"], [30], [], "预算14表"),
    # an indicator about staff is a published target, not personal data (L559, L876)
    (["聘用职工人数的绩效指标是多少？"], [12], [], "预算15表-4"),
    (["聘用职工指标多少人"], [12], [], "预算14表"),
    (["绩效指标里聘用职工是多少人"], [12], [], "预算14表"),
    (["聘用职工这个指标是多少"], [12], [], "预算15表-4"),
    # 为什么: the narrative's own reason clause (L1050)
    (["今年预算为什么比去年多了？"], [], ["项目支出经费增加"], "第三部分"),
    (["为啥今年总预算涨了这么多"], [], ["项目支出经费增加"], "第三部分"),
    (["今年的预算为啥比上年高"], [], ["项目支出经费增加"], "第三部分"),
    (["收支总预算为什么增加"], None, ["项目支出经费增加"], "第三部分"),  # the change may be stated too
    # 为什么 of a project: its 15表 变动情况及理由 (L901)
    (["大数据中心运维费用今年为什么增加了？"], [], ["维保期"], "预算15表-5"),
    (["大数据中心运维费用为啥涨了"], [], ["维保期"], "预算15表-5"),
    (["大数据中心运维费用增加的原因"], [], ["维保期"], "预算15表-5"),
    (["为什么大数据中心运维费用今年多了"], [], ["维保期"], "预算15表-5"),
    # a project named in part, another year's item (L986, L609)
    (["网络安全运营服务项目为什么减少"], [], ["服务交付"], "预算15表-6"),
    (["为什么科学管理事务支出2025年减少了"], [], ["项目经费类别拆分"], "预算15表-1"),
    # 为什么这么多: the amount's own explanation (L681), also of the item a ranking picked
    (["哪个项目预算最多", "它为什么这么多"], [], ["政策项目"], "预算15表-2"),
    (["大数据中心运维费用为什么这么高"], [], ["维保期"], "预算15表-5"),
    # 为什么要设立 (no change asked): the 立项依据's 现实意义 (L678, L778)
    (["为什么要设立科技研究与开发资金"], [], ["产学研结合"], "预算15表-2"),
    (["安全生产工作经费为什么要安排"], [], ["安全生产监管"], "预算15表-3"),
    # 第一部分 主要职能 (L79…)
    (["经信科创局主要负责哪些事？"], [], ["科技创新", "中小企业", "数字经济"], "第一部分"),
    (["这个局的职责是什么"], [], ["科技创新", "中小企业", "数字经济"], "第一部分"),
    (["本部门是干什么的"], [], ["科技创新", "中小企业", "数字经济"], "第一部分"),
    (["局里主要管哪些工作"], [], ["科技创新", "中小企业", "数字经济"], "第一部分"),
    # 第一部分 预算单位构成 (L125)
    (["局里下面有几个事业单位？叫什么名字？"], [2], ["科技创新促进中心", "大数据中心"], "第一部分"),
    (["下属事业单位有几家，分别是哪些"], [2], ["科技创新促进中心", "大数据中心"], "第一部分"),
    (["局里有几个下属单位都叫啥"], [2], ["科技创新促进中心", "大数据中心"], "第一部分"),
    (["下属事业单位有几个？", "分别叫什么？"], [], ["科技创新促进中心", "大数据中心"], "第一部分"),
    (["下属事业单位为什么没有单独公开预算？"], [], ["未独立核算"], "第一部分"),
    (["下属单位为啥不单独编预算"], [], ["未独立核算"], "第一部分"),
    # what this year's figure covers (第三部分 十(一), L1133)
    (["今年的机关运行经费主要包括哪些内容？"], [63.82], ["办公费", "差旅费", "工会经费"], "第三部分"),
    (["机关运行经费都用在哪些方面"], [63.82], ["办公费", "差旅费", "工会经费"], "第三部分"),
    (["机关运行经费包含什么"], [63.82], ["办公费", "差旅费", "工会经费"], "第三部分"),
    # follow-ups about a person (L894, L979; L602, L831)
    (["大数据中心运维费用的负责人是谁？", "他还负责别的项目吗？"], [], ["网络安全运营"], "预算15表-6"),
    (["大数据中心运维费用谁负责", "这个人还管其他项目吗"], [], ["网络安全运营"], "预算15表-6"),
    (["科学管理事务支出负责人是谁", "她还负责哪些项目"], [], ["聘用人员工作经费"], "预算15表-4"),
    # 其他项目的…: the same field of every other form (L602, L674, L774, L831, L979)
    (["大数据中心运维费用的负责人是谁？", "其他项目的负责人是谁"], [], ["周丽琴", "孟晗", "高阳"],
     "预算15表-1"),
    (["安全生产工作经费的电话", "别的项目的电话呢"], [], ["85626370", "17771821284"], "预算15表-2"),
    # 它 = the item a ranking picked (L388, L774)
    (["项目支出有几个项目？", "最少的是哪个？", "它的负责人是谁？"], [], ["高阳"], "预算15表-3"),
    (["哪个项目预算最少", "它的负责人是谁"], [], ["高阳"], "预算15表-3"),
    (["哪个项目预算最多", "这个项目的负责人是谁"], [], ["孟晗"], "预算15表-2"),
]

# Every header field of the forms, each asked in its own words (预算15表 L600-L610 …, 预算14表 L416-L433)
FIELDS = [
    ("科技研究与开发资金的项目代码是多少", ["42010324501T000000104"], "预算15表-2"),
    ("大数据中心运维费用项目代码", ["未填写项目代码"], "预算15表-5"),  # blank on the form, said so
    ("安全生产工作经费的执行单位是哪个", ["工业经济运行科"], "预算15表-3"),
    ("安全生产工作经费由哪个科室执行", ["工业经济运行科"], "预算15表-3"),
    ("科技研究与开发资金的主管部门", ["区经科局"], "预算15表-2"),
    ("聘用人员经费属于哪类项目", ["特定目标类本级支出"], "预算15表-4"),
    ("科学管理事务支出怎么实施", ["以办公室为实施主体"], "预算15表-1"),
    ("科技研究与开发资金去年绩效评价结果如何", ["绩效评价为良"], "预算15表-2"),
    ("大数据中心运维费用的项目年度", ["2026"], "预算15表-5"),
    ("科技研究与开发资金上年评价得了什么等级", ["绩效评价为良"], "预算15表-2"),
    ("安全生产工作经费的联系电话", ["85623941"], "预算15表-3"),
    ("大数据中心运维费用的负责人和电话", ["王传福", "17771821284"], "预算15表-5"),
    ("部门整体绩效表的部门名称", ["经济信息化和科技创新局"], "预算14表"),
    ("部门整体绩效目标表谁填的", ["柯远琦"], "预算14表"),
    ("整体绩效表填报人电话", ["18995801435"], "预算14表"),
    ("部门职能概述写了什么", ["科技创新"], "预算14表"),
]


@pytest.mark.parametrize(("question", "words", "table"), FIELDS, ids=[f[0] for f in FIELDS])
def test_every_field(bot, question, words, table):
    a = _ask(bot, [question])
    assert a.status == "answered", a.text
    assert not a.values, a.text  # a field is text: no amount stands for it
    for w in words:
        assert w in a.text, (w, a.text)
    assert any(c.table == table for c in a.citations), ([c.table for c in a.citations], a.text)


# (turns, words the reply must contain, words/figures it must NOT contain): the document does not
# say it, so the reply says so — never another form's value
BAD = [
    # a project form prints no deadline for its goals: 14表's 2035 is not its answer
    (["科技研究与开发资金的长期目标截止到哪一年"], ["没有"], ["2035"]),
    (["安全生产工作经费的长期目标截止哪年"], ["没有"], ["2035"]),
    # the 15表 forms have no 填报日期 / 填报人: 14表's are not theirs
    (["科技研究与开发资金申报表哪天填报的"], ["没有"], ["22日"]),
    (["科技研究与开发资金的填报人是谁"], ["没有"], ["柯远琦"]),
    # words no field of the forms holds: never another field's text alone
    (["科技研究与开发资金的中标单位是谁"], [], ["孟晗"]),
    (["安全生产工作经费的审批人是谁"], [], ["高阳"]),
    (["大数据中心运维费用负责人的邮箱"], [], ["王传福"]),
    # the form gives no reason for 2026: said so, nothing invented
    (["安全生产工作经费今年为什么变了"], ["没有写明"], []),
    # the narrative gives no reason for this change: the reply says so
    (["机关运行经费为什么增加"], ["没有写明原因"], []),
    # the form lists no assets
    (["大数据中心运维费用有资产配置计划吗"], ["为空"], []),
    # 14表 prints 99% beside 网络安全等级 where the other goals print 等保三级: no one figure is taken
    (["网络安全等级要求是什么"], [], ["99"]),
    # the same person leads no other form
    (["安全生产工作经费的负责人是谁", "他还负责别的项目吗"], ["没有负责其他项目"], []),
    # the units' money is not the count of units
    (["下属事业单位的经费是多少"], [], ["2 家下属"]),
    # staff numbers of the department are not published (only the forms' targets are)
    (["局里职工人数是多少"], [], ["12"]),
]


def _ask(bot, turns: list[str]):
    conv = bot.new_conversation()
    answer = None
    for t in turns:
        answer = bot.ask(t, conv)
    return answer


@pytest.mark.parametrize(("turns", "values", "words", "table"), GOOD, ids=[" / ".join(g[0]) for g in GOOD])
def test_text_answer(bot, turns, values, words, table):
    a = _ask(bot, turns)
    assert a.status == "answered", a.text
    stated = [v.value for v in a.values]
    for v in values or ():
        assert any(abs(v - s) < 0.005 for s in stated), (v, stated, a.text)
    if values == []:
        assert not any(s > 100 for s in stated), (stated, a.text)  # no amount answers a text question
    for w in words:
        assert w in a.text, (w, a.text)
    assert any(c.table.startswith(table) for c in a.citations), ([c.table for c in a.citations], a.text)


@pytest.mark.parametrize(("turns", "must", "never"), BAD, ids=[" / ".join(b[0]) for b in BAD])
def test_text_answer_not_in_document(bot, turns, must, never):
    a = _ask(bot, turns)
    for w in must:
        assert w in a.text, (w, a.text)
    for w in never:
        assert w not in a.text, (w, a.text)
    if never and a.status == "answered":
        assert not a.values or all(str(v.value) not in never for v in a.values), a.text
