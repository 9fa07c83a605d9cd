"""Session fixtures: the seed database is built once per test run in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sources" / "jianghan-jxkc-2026-budget.txt"


@pytest.fixture(scope="session")
def seed_source() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_lines(seed_source: Path) -> list[str]:
    return seed_source.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_source: Path) -> Path:
    from assistant.ingest.build import ingest_files

    path = tmp_path_factory.mktemp("db") / "budget.duckdb"
    ingest_files([seed_source], path)
    return path


@pytest.fixture(scope="session")
def seed_con(seed_db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(seed_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def bot(seed_db: Path):
    from assistant.service import Assistant

    return Assistant.open(seed_db)


QIAOKOU = Path(__file__).resolve().parent / "fixtures" / "docs" / "qiaokou-swj-2025-budget.txt"


@pytest.fixture(scope="session")
def qiaokou_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second document of the seed's layout (two units, more funds), built once per run."""
    from assistant.ingest.build import ingest_files

    path = tmp_path_factory.mktemp("qiaokou") / "qiaokou.duckdb"
    ingest_files([QIAOKOU], path)
    return path


@pytest.fixture(scope="session")
def qiaokou_bot(qiaokou_db: Path):
    from assistant.service import Assistant

    b = Assistant.open(qiaokou_db)
    yield b
    b.close()


PUTUO = Path(__file__).resolve().parents[2] / "shared" / "sources" / "putuo"


class _PutuoBots(dict):
    """The published PDFs, each ingested on first use and kept for the whole run."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def __missing__(self, stem: str):
        from assistant.ingest.build import ingest_files
        from assistant.service import Assistant

        db = self.folder / f"{stem}.duckdb"
        ingest_files([PUTUO / f"{stem}.pdf"], db)
        self[stem] = Assistant.open(db)
        return self[stem]


@pytest.fixture(scope="session")
def putuo_bots(tmp_path_factory: pytest.TempPathFactory):
    """putuo_bots[stem]: an Assistant over ../shared/sources/putuo/<stem>.pdf (skipped without it)."""
    if not (PUTUO / "putuo-qzfb-2025.pdf").exists():
        pytest.skip("putuo PDFs absent")
    bots = _PutuoBots(tmp_path_factory.mktemp("putuo"))
    yield bots
    for b in bots.values():
        b.close()
