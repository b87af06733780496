"""Replay validation_cases.json against the real Claude Code: every recorded verdict must still hold.

The matrix records what Claude Code 2.1.330 does with one settings file (dropped whole, some entries
skipped, or loaded), which JSON paths it names, its messages and other startup warnings. Re-record
after a deliberate version bump with ``python -m tests.oracle.harness refresh-cases``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.oracle.harness import CASES_FILE, SCOPES, Oracle, Verdict, load_cases, verdicts

CASES = load_cases()
VERDICTS = {"dropped", "entries-skipped", "loaded"}

# Cases other code relies on; they must stay in the matrix (see the oracle doc's Validation section).
REQUIRED_IDS = {
    "json-unterminated",
    "json-line-comment",
    "json-trailing-comma-object",
    "json-bom",
    "json-top-level-array",
    "model-number",
    "permissions-allow-string",
    "defaultMode-allowEdits",
    "defaultMode-manual",
    "defaultMode-delegate",
    "additionalDirectories-string",
    "hook-event-value-object",
    "hook-without-command",
    "hook-type-unknown",
    "hook-timeout-string",
    "hook-matcher-array",
    "cleanupPeriodDays-minus1",
    "cleanupPeriodDays-0",
    "cleanupPeriodDays-string-30",
    "statusLine-no-command",
    "apiKeyHelper-number",
    "outputStyle-number",
    "includeCoAuthoredBy-string",
    "enabledPlugins-string",
    "effortLevel-max",
    "effortLevel-ultracode",
    "effortLevel-xhigh",
    "fallbackModel-4",
    "disableBypassPermissionsMode-true",
    "disableBypassPermissionsMode-disable",
    "rule-allow-unbalanced-open",
    "rule-allow-lowercase-tool",
    "rule-allow-empty-parens",
    "rule-allow-empty-rule",
    "rule-allow-escaped-beside-unescaped",
    "rule-allow-colon-star-middle",
    "rule-allow-command-substitution",
    "rule-allow-unknown-tool",
    "hook-event-unknown",
    "unknown-key-modle",
    "unknown-key-defaultModel",
    "permissions-unknown-key",
    "env-number-value",
    "schema-key",
    "hook-description-field",
    "rule-allow-task-tool",
    "rule-allow-newline-inside",
}


def test_matrix_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert REQUIRED_IDS <= set(ids), sorted(REQUIRED_IDS - set(ids))
    for c in CASES:
        assert c["scope"] in SCOPES, c["id"]
        assert c["verdict"] in VERDICTS, c["id"]
        assert isinstance(c["text"], str) and isinstance(c["note"], str), c["id"]
        assert all(isinstance(p, str) for p in c["paths"]), c["id"]
        assert (c["verdict"] == "loaded") == (c["paths"] == []), c["id"]
    assert CASES_FILE.is_file()


@pytest.fixture(scope="module")
def observed(oracle: Oracle) -> dict[str, Verdict]:
    """Every case judged by Claude Code, in parallel (one call per case)."""
    found = verdicts(oracle, [(c["text"], c["scope"]) for c in CASES])
    return {c["id"]: v for c, v in zip(CASES, found)}


@pytest.mark.oracle
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_recorded_verdict_still_holds(case: dict[str, Any], observed: dict[str, Verdict]) -> None:
    v = observed[case["id"]]
    stderr = v.run.stderr if v.run is not None else ""
    assert (v.verdict, list(v.paths)) == (case["verdict"], case["paths"]), stderr
    assert list(v.messages) == case["messages"], stderr
    assert list(v.warnings) == case["warnings"], stderr
