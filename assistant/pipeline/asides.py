"""What is said beside the question proper, read off before the words are matched: asides in
brackets, glosses, examples before 这些, the scope said again as 该专项, 在 before a scope."""

from __future__ import annotations

import re

_CJK = r"\u4e00-\u9fff"


# An aside that says what is NOT meant (交通补贴(不是公车那种)) narrows the words before it; the
# reading is of those words, so the aside is dropped rather than read as a second subject.
_NEGATED_ASIDE = re.compile(r"\((?:不是|不含|不包括|不包含|并非|非|除了|除去)[^()]{0,16}\)")
# 劳务派遣(劳务派遣): a colloquial word glossed by its own plain word maps twice to the same term.
_SAME_GLOSS = re.compile(rf"([{_CJK}]{{2,12}})\(\1\)")


# 办公用的钱(公用经费): everyday words glossed by the document's own term; the term says what is meant
# (办公用的钱 alone may be read as 办公费). The words glossed run from the question's start or a break.
# (read before the everyday words are replaced by the document's)
_TERM_GLOSS = re.compile(rf"(?:^|(?<=[年，,、\s]))[{_CJK}]{{1,10}}?(?:的钱|的费用|的经费|的开支|的支出|那块|"
                         rf"这块|那部分|这部分|方面的)\(([{_CJK}]{{2,12}})\)")


# 商业创新专项里，促消费提质提升占该专项的比重: 该专项 is the scope named before it, the whole already
_SCOPE_AGAIN = re.compile(rf"([{_CJK}]{{2,16}}?(专项|项目|科目|单位))(?:里面|里|中|当中|之中)(.*?)"
                          r"(?:该|此|这个|这一)\2")


# 在商业创新专项里，…: 在 opens the scope a question looks inside (never a name's first character here)
_IN_SCOPE = re.compile(rf"^在(?=[{_CJK}]{{2,20}}?(?:里面|里|中|当中|之中)[,，])")


def _asides(text: str) -> str:
    text = _SCOPE_AGAIN.sub(r"\1里\3", _IN_SCOPE.sub("", text))
    return _SAME_GLOSS.sub(r"\1", _NEGATED_ASIDE.sub("", text))


# 打电话、寄快递这些邮电费: examples before 这些/这类/之类的 illustrate the word after them, which is
# what is asked — unless that word only counts them (这几样, 这些项目): then they are the subjects.
_EXAMPLES = re.compile(
    rf"(?:[{_CJK}]{{1,10}}[、,，]){{1,6}}[{_CJK}]{{1,10}}?(?:这些|这类|之类的|之类|这一类)(?=[{_CJK}])"
    # one example is enough when the word after is joined by 的 (买文具纸张这些的办公费)
    rf"|[{_CJK}]{{2,10}}?(?:这些|这类|之类)(?=的[{_CJK}])"
    # …or when it opens the question or a clause (发工资这些人头费 is 人头费)
    rf"|(?:^|(?<=[的年，,、\s]))[{_CJK}]{{2,8}}?(?:这些|这类|之类的|之类)(?=[{_CJK}])")
_COUNTING_HEADS = ("几", "项目", "科目", "项", "样", "东西", "钱", "费用", "开支", "支出", "方面", "加",
                   "合计", "一共", "总共", "多", "是", "有", "花", "要", "分别", "各", "都", "共", "总", "一")


def _examples(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        after = text[m.end():]
        return m.group(0) if after.startswith(_COUNTING_HEADS) else ""

    return _EXAMPLES.sub(repl, text)
