"""Golden files: compare output with ``tests/golden/<folder>/<name>``.

Regenerate after a deliberate format change with ``UPDATE_GOLDEN=1 pytest ...`` and review the
diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).parent / "golden"


def assert_golden(folder: str, name: str, text: str) -> None:
    """``text`` equals ``golden/FOLDER/NAME``; with UPDATE_GOLDEN=1 the file is rewritten instead."""
    path = ROOT / folder / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), \
        f"{folder}/{name} differs; run with UPDATE_GOLDEN=1 and review the diff"
