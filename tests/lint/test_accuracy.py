"""Lint agrees with Claude Code 2.1.330 on what it drops and skips (recorded verdicts, no oracle run).

Every file Claude Code drops gets an error saying the file is dropped; every entry it skips, an
error at that entry's path saying it is skipped; no file it loads cleanly gets either.
The verdicts are those recorded by the oracle harness (``tests/oracle/validation_cases.json``
and ``tests/oracle/corpus_verdicts.json``); the figures are in ``docs/accuracy.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.lint.accuracy import KIND, claims, compare, covers
from tests.oracle.harness import CASES_FILE, CORPUS_FILE


def _load(path: Path, key: str) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    raw = json.loads(path.read_text(encoding="utf-8"))
    return list(raw[key] if isinstance(raw, dict) else raw)


# Cases not recorded yet (verdict null) say nothing about Claude Code.
CASES = [c for c in _load(CASES_FILE, "cases")
         if c.get("scope") in KIND and c.get("verdict") in ("dropped", "entries-skipped", "loaded")]


@pytest.mark.skipif(not CASES, reason=f"no recorded verdicts in {CASES_FILE}")
@pytest.mark.parametrize("case", CASES, ids=[c.get("id", "?") for c in CASES])
def test_validation_case(case: dict[str, Any]) -> None:
    text = case["text"].encode("utf-8") if isinstance(case["text"], str) else case["text"]
    dropped, skipped = claims(text, case["scope"])
    if case["verdict"] == "dropped":
        assert dropped, "Claude Code drops this file; lint must say so"
    elif case["verdict"] == "entries-skipped":
        assert not dropped, "Claude Code keeps the rest of this file"
        for path in case["paths"]:
            assert any(covers(p, path) for p in skipped), f"{path} is skipped by Claude Code"
    else:
        assert not dropped and not skipped, "Claude Code loads this file without a problem"


def test_corpus_agreement() -> None:
    entries = _load(CORPUS_FILE, "files")
    if not entries:
        pytest.skip(f"no recorded corpus verdicts at {CORPUS_FILE}")
    from tests.conftest import CORPUS, require_shared

    require_shared()
    fig = compare(entries, CORPUS)
    assert fig.dropped_caught == fig.dropped, fig.misses
    assert fig.skipped_caught == fig.skipped_paths, fig.misses
    assert fig.false_alarms == 0, fig.false
