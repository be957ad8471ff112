"""Paths to the counting fixtures and to the shared pabulib collection (present on the dev machine and CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("PABULIB_DIR", Path(__file__).resolve().parents[4] / "shared" / "pabulib"))


def fixture(name: str) -> Path:
    return FIXTURES / name


@pytest.fixture
def shared_dir() -> Path:
    # Skipped only where the directory is absent: an empty or broken collection fails the tests.
    if not SHARED.is_dir():
        pytest.skip(f"the shared pabulib collection is not on this machine ({SHARED})")
    return SHARED
