"""In-memory catalogue of one document's entities before they are written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.ingest.entities.names import clean, normalise


@dataclass
class Entity:
    entity_id: str
    kind: str
    canonical_name: str
    code: str | None = None
    aliases: dict[tuple[str, str, str, int], None] = field(default_factory=dict)  # ordered set
    amount: Decimal | None = None  # evidence for matching (项目 amount)
    func_codes: set[str] = field(default_factory=set)
    # Told about every new name alias (the catalogue's index by normalised name).
    on_name: Callable[[Entity, str], None] | None = field(default=None, repr=False, compare=False)

    def alias(self, alias: str | None, kind: str, table_id: str, line_no: int | None) -> None:
        text = clean(alias or "") if kind == "name" else (alias or "").strip()
        if text:
            key = (text, kind, table_id, int(line_no or 0))
            if key not in self.aliases:
                self.aliases[key] = None
                if kind == "name" and self.on_name is not None:
                    self.on_name(self, text)


class Catalogue:
    """Entities of one document, keyed by entity_id, with counters for numbered kinds."""

    def __init__(self) -> None:
        self.items: dict[str, Entity] = {}
        self._counters: dict[str, int] = {}
        self._order: dict[str, int] = {}  # entity_id -> position in `items`
        # normalised name alias -> entities carrying it, in `items` order
        self._named: dict[str, list[Entity]] = {}

    def get(self, entity_id: str) -> Entity | None:
        return self.items.get(entity_id)

    def add(self, kind: str, name: str, code: str | None = None, key: str | None = None) -> Entity:
        if key is None:
            self._counters[kind] = self._counters.get(kind, 0) + 1
            key = str(self._counters[kind])
        entity_id = f"{kind}:{key}"
        if entity_id not in self.items:
            self._order[entity_id] = len(self.items)
            self.items[entity_id] = Entity(entity_id, kind, clean(name), code, on_name=self._index_name)
        return self.items[entity_id]

    def _index_name(self, entity: Entity, alias: str) -> None:
        named = self._named.setdefault(normalise(alias), [])
        if not any(e is entity for e in named):
            named.append(entity)
            named.sort(key=lambda e: self._order[e.entity_id])

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.items.values() if e.kind == kind]

    def by_name(self, name: str, kinds: Iterable[str]) -> Entity | None:
        """The first entity (in catalogue order) of one of `kinds` with an alias whose normalised
        form equals `name`'s."""
        return next((e for e in self._named.get(normalise(name), ()) if e.kind in kinds), None)
