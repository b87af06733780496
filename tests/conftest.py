"""Shared fixtures: paths to the repository, ../shared, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "real"


def require_shared() -> Path:
    """Skip the calling test when ../shared (the real-world corpus) is not beside the checkout."""
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (absent in this checkout)")
    return SHARED
