"""Streamlit front end helpers: each module lays out one part of what the package returns.

| module | job |
|---|---|
| `text` | escaping user/document text for Markdown, masking mobile numbers, figure formatting |
| `modes` | 办公 / 自助查询 / 培训: resolving the mode from URL and sidebar, the fixed CSS |
| `state` | session state: conversation, history, pending questions, kiosk idle reset |
| `suggestions` | suggested questions from `knowledge/suggestions.toml` |
| `chat` | one answer: figure, text, citations, source lines, table, buttons, feedback |
| `trace` | training mode: the pipeline laid open |
| `feedback` | the 👍/👎 JSONL log |
| `data` | read-only UI look-ups (browse, audit, document, source lines) through the service |
| `pages` | the 问答 / 浏览 / 数据核查 pages and the footer |
"""
