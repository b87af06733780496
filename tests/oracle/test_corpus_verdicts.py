"""Replay corpus_verdicts.json: what Claude Code 2.1.330 does with each real-world settings file.

Re-record with ``python -m tests.oracle.harness corpus``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CORPUS, require_shared
from tests.oracle.harness import CORPUS_FILE, Oracle, Verdict, corpus_files, corpus_scope, verdicts

RECORD: dict[str, Any] = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = RECORD["files"]


def test_record_is_consistent() -> None:
    counts = {"dropped": 0, "entries-skipped": 0, "loaded": 0}
    for e in ENTRIES:
        counts[e["verdict"]] += 1
        assert e["scope"] == corpus_scope(e["file"]), e["file"]
        assert (e["verdict"] == "loaded") == (e["paths"] == []), e["file"]
    assert counts == RECORD["counts"]
    assert len({e["file"] for e in ENTRIES}) == len(ENTRIES)


def test_record_covers_the_whole_corpus() -> None:
    require_shared()
    assert [f"settings/{p.name}" for p in corpus_files(CORPUS)] == [e["file"] for e in ENTRIES]


@pytest.fixture(scope="module")
def observed(oracle: Oracle) -> dict[str, Verdict]:
    """Every corpus file judged by Claude Code, in parallel."""
    require_shared()
    files = corpus_files(CORPUS)
    found = verdicts(oracle, [(p.read_bytes(), corpus_scope(p.name)) for p in files])
    return {f"settings/{p.name}": v for p, v in zip(files, found)}


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_corpus_verdict_still_holds(entry: dict[str, Any], observed: dict[str, Verdict]) -> None:
    v = observed[entry["file"]]
    stderr = v.run.stderr if v.run is not None else ""
    assert (v.verdict, list(v.paths)) == (entry["verdict"], entry["paths"]), stderr
    assert list(v.messages) == entry["messages"], stderr
    assert list(v.warnings) == entry["warnings"], stderr
