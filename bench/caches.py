"""Find and clear the assistant's caches, so a "new question" figure is a real first answer.

Nothing in `assistant/` is changed for the benchmark: the caches are found by looking, not by a
hook, so a cache added later is cleared too as long as it follows one of the usual shapes:

* `functools.lru_cache` functions in any loaded `assistant.*` module (module level or in a class);
* dict attributes whose name says cache or memo (`_cache`, `cache`, `_memo` …) on any object of an
  `assistant.*` class reachable from the Assistant, plus the few named in `EXTRA_DICTS`.

Two kinds are told apart. Caches of data loaded once per process (knowledge, lexicon, templates,
the schema allow-list, the OpenCC dictionary: an `lru_cache` of at most `LOADED_MAXSIZE` entries,
keyed by a folder or by nothing) are what a running service holds before its first question; they
are kept unless `loaded=True`. Every other cache depends on what was asked (question text, matched
names, query parameters, characters read) and is cleared before each new question.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LOADED_MAXSIZE = 8  # an lru_cache this small holds per-process data (by folder), not per-question
# Dict attributes that are caches although their name does not say so:
# Assistant._results (query results by template and parameters), Sounds._chars (pinyin by
# character; its syllable codes in `_codes` are kept, so a character read again gets the same code).
EXTRA_DICTS = frozenset({"_results", "_chars"})
# Dicts of data read once per Assistant, whatever is asked (the rows of templates whose only
# parameter is the document): kept like the knowledge files, cleared with `loaded=True`.
LOADED_DICTS = frozenset({"_document_rows"})
MAX_WALK = 20_000  # objects visited at most when looking for cache attributes
MAX_ITEMS = 64  # items of one list/tuple/dict looked into (big lists hold many alike objects)


@dataclass
class Caches:
    question: list[tuple[str, Callable[[], None]]] = field(default_factory=list)
    loaded: list[tuple[str, Callable[[], None]]] = field(default_factory=list)

    def clear(self, loaded: bool = False) -> None:
        for _, clear in self.question:
            clear()
        if loaded:
            for _, clear in self.loaded:
                clear()

    def names(self) -> dict[str, list[str]]:
        return {"cleared_each_question": sorted(n for n, _ in self.question),
                "loaded_once_kept": sorted(n for n, _ in self.loaded)}


def _lru_functions() -> list[tuple[str, Any]]:
    found: dict[int, tuple[str, Any]] = {}
    for mod_name, mod in list(sys.modules.items()):
        if mod is None or not (mod_name == "assistant" or mod_name.startswith("assistant.")):
            continue
        for name, value in list(vars(mod).items()):
            candidates = [(f"{mod_name}.{name}", value)]
            if isinstance(value, type) and value.__module__ == mod_name:
                candidates += [(f"{mod_name}.{name}.{attr}", getattr(v, "__func__", v))
                               for attr, v in vars(value).items()]
            for qual, fn in candidates:
                if callable(getattr(fn, "cache_clear", None)) and callable(getattr(fn, "cache_info", None)):
                    found.setdefault(id(fn), (qual, fn))
    return sorted(found.values(), key=lambda t: t[0])


def _is_cache_name(name: str) -> bool:
    low = name.lower()
    return "cache" in low or "memo" in low or name in EXTRA_DICTS


def _walk(root: Any) -> list[tuple[str, dict]]:
    """(owner.attribute, dict) for every cache-like dict attribute reachable from `root`."""
    out: list[tuple[str, dict]] = []
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack and len(seen) < MAX_WALK:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, dict):
            stack.extend(list(obj.values())[:MAX_ITEMS])
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            stack.extend(list(obj)[:MAX_ITEMS])
            continue
        if not type(obj).__module__.startswith("assistant"):
            continue
        try:
            attrs = vars(obj)
        except TypeError:
            continue
        for name, value in attrs.items():
            if isinstance(value, dict) and (_is_cache_name(name) or name in LOADED_DICTS):
                out.append((f"{type(obj).__name__}.{name}", value))
            else:
                stack.append(value)
    return out


def find_caches(root: Any) -> Caches:
    """Every cache of the loaded assistant modules and of `root` (an Assistant)."""
    caches = Caches()
    for qual, fn in _lru_functions():
        maxsize = fn.cache_info().maxsize
        kind = caches.loaded if maxsize is not None and maxsize <= LOADED_MAXSIZE else caches.question
        kind.append((f"lru_cache {qual}", fn.cache_clear))
    for qual, d in _walk(root):
        kind = caches.loaded if qual.rsplit(".", 1)[-1] in LOADED_DICTS else caches.question
        kind.append((f"dict {qual}", d.clear))
    return caches
