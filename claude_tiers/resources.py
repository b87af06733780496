"""Where the bundled ``schemas/``, ``presets/`` and package data live.

In a wheel they are copied into ``claude_tiers/_data/``; in a source checkout or an
editable install they are the top-level folders of the repository.

Paths are worked out with ``os.path``: the lint of one file (which reads the schema and the
model catalog) does not otherwise import pathlib, whose imports cost a quarter of
``python -c pass``. The public functions still return ``Path`` objects.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def _bundled(name: str) -> str:
    inside = os.path.join(_PACKAGE, "_data", name)
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(_PACKAGE), name)


def schemas_dir() -> Path:
    """The folder holding the JSON Schemas."""
    from pathlib import Path

    return Path(_bundled("schemas"))


def presets_dir() -> Path:
    """The folder holding the built-in presets."""
    from pathlib import Path

    return Path(_bundled("presets"))


def data_file(name: str) -> str:
    """A data file shipped inside the package (``claude_tiers/data/NAME``), as a string."""
    return os.path.join(_PACKAGE, "data", name)


def data_path(name: str) -> Path:
    """A data file shipped inside the package (``claude_tiers/data/NAME``)."""
    from pathlib import Path

    return Path(data_file(name))


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """Read a bundled JSON Schema by file name (``claude-code-settings.schema.json``)."""
    with open(os.path.join(_bundled("schemas"), name), encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
