"""The one exception hierarchy. Errors become user text at one boundary only
(`assistant.service.Assistant.ask` for questions, `assistant.__main__` for commands)."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class. `user_message` is the Simplified Chinese text a user may see."""

    user_message = "抱歉，处理这个问题时出了点状况，请换个说法再试。"

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or self.user_message)
        if user_message is not None:
            self.user_message = user_message


class IngestError(AssistantError):
    """A source document cannot be ingested. Names the file, the line and what was expected."""

    def __init__(self, file: str, line: int | None, expected: str, expected_en: str = "") -> None:
        where = f"{file}" + (f" 第{line}行" if line else "")
        where_en = f"{file}" + (f" line {line}" if line else "")
        zh = f"导入失败：{where}：应为{expected}。"
        en = f"Ingest failed: {where_en}: expected {expected_en or expected}."
        super().__init__(f"{zh}\n{en}", user_message=zh)
        self.file, self.line, self.expected = file, line, expected


class DatabaseMissing(AssistantError):
    user_message = "预算数据库尚未建立，请先运行 python -m assistant ingest。"


class InputRejected(AssistantError):
    """Input that is not a question we can take (too long, empty, control characters only)."""

    user_message = "请输入一个关于本部门预算的问题。"


class QueryRejected(AssistantError):
    """The SQL guard refused a statement. Never expected from our own templates."""

    user_message = "这个查询不被允许。"


class TemplateError(AssistantError):
    """A named template was asked for with missing or unknown parameters."""


class KnowledgeError(AssistantError):
    """A knowledge data file (lexicon, rules) is malformed: a word with two meanings, bad TOML."""

    user_message = "知识库数据文件有误，暂时无法回答问题，请联系管理员。"
