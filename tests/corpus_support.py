"""A small corpus for the corpus tests: the seed, the second document and generated variants.

| file | department | year | figures of |
|---|---|---|---|
| jianghan-jxkc-2026-budget | 江汉区经济信息化和科技创新局 | 2026 | the seed |
| qiaokou-swj-2025-budget | 硚口区商务局 | 2025 | tests/fixtures/docs |
| jianghan-jxkc-2025-budget | 江汉区经济信息化和科技创新局 | 2025 | tests/fixtures/docs (renamed) |
| jiangan-swj-2026-budget | 江岸区商务局 | 2026 | tests/fixtures/docs (renamed, years + 1) |
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pytest  # noqa: E402
from variants import write_variant  # noqa: E402

SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"
SECOND = ROOT / "tests" / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"


def corpus_sources(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        SEED,
        SECOND,
        write_variant(SECOND, folder / "jianghan-jxkc-2025-budget.txt", "江汉区经济信息化和科技创新局"),
        write_variant(SECOND, folder / "jiangan-swj-2026-budget.txt", "江岸区商务局", shift=1),
    ]


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four documents above in one database, added one by one (incremental ingest)."""
    from assistant.corpus import store

    folder = tmp_path_factory.mktemp("corpus")
    db = folder / "corpus.duckdb"
    outcomes = store.add_documents(corpus_sources(folder / "src"), db)
    assert all(o.action == "added" for o in outcomes)
    return db
