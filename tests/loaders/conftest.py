"""Real seed documents from ../shared (never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


def seed(prefix: str) -> tuple[str, str]:
    """(file name, raw text) of the seed whose name starts with `prefix`."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
