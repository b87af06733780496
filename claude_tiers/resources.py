"""Where the bundled ``schemas/``, ``presets/`` and package data live.

In a wheel they are copied into ``claude_tiers/_data/``; in a source checkout or an
editable install they are the top-level folders of the repository.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / "_data" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def schemas_dir() -> Path:
    """The folder holding the JSON Schemas."""
    return _bundled("schemas")


def presets_dir() -> Path:
    """The folder holding the built-in presets."""
    return _bundled("presets")


def data_path(name: str) -> Path:
    """A data file shipped inside the package (``claude_tiers/data/NAME``)."""
    return _PACKAGE / "data" / name


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """Read a bundled JSON Schema by file name (``claude-code-settings.schema.json``)."""
    with open(schemas_dir() / name, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
