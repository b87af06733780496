"""The key rules (CT110-CT118): data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT1xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_key_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT11") == []


def _corpus_findings() -> list[tuple[str, Any]]:
    from claude_tiers.lint.engine import lint_text

    shared = require_shared()
    out = []
    for name, kind, raw in rulecases.corpus_files(shared / "corpus" / "real"):
        if kind in ("agent", "command"):
            continue
        out.extend((name, f) for f in lint_text(raw, kind=kind, filename=name, select=["CT11"]))
    return out


# Findings on ../shared/corpus/real/settings (260 files), measured 2026-11-25: CT110 22 (claudeFlow,
# context, rules, permissions.allowFileAccess...), CT111 2 (instructions), CT112 4 (defaultMode at
# the top level in 3 files, allow in 1), CT113 2 (MAX_THINKING_TOKENS and
# CLAUDE_CODE_SUBAGENT_MODEL at the top level of one file), CT114 5 (mcpServers), CT115 9
# (includeCoAuthoredBy 7, voiceEnabled 2).
@needs_engine
def test_real_corpus() -> None:
    found = _corpus_findings()
    by_code: dict[str, set[str]] = {}
    for name, f in found:
        by_code.setdefault(f.code, set()).add(name)
    top_mode = {n for n, f in found if f.code == "CT112" and f.pointer == "/defaultMode"}
    top_allow = {n for n, f in found if f.code == "CT112" and f.pointer == "/allow"}
    assert top_mode == {"settings/0032.settings.json", "settings/0056.settings.json",
                        "settings/0090.settings.json"}
    assert top_allow == {"settings/0145.settings.json"}
    env_keys = {f.pointer for n, f in found if f.code == "CT113"}
    assert env_keys == {"/MAX_THINKING_TOKENS", "/CLAUDE_CODE_SUBAGENT_MODEL"}
    assert len(by_code.get("CT114", ())) == 5
    co_authored = {n for n, f in found if f.code == "CT115" and f.pointer == "/includeCoAuthoredBy"}
    assert len(co_authored) == 7
    assert len([1 for _, f in found if f.code == "CT110"]) >= 20
    # no false "did you mean" for the keys real tools add on purpose
    assert not any("did you mean" in f.message for _, f in found
                   if f.pointer in ("/claudeFlow", "/agents", "/context"))


# ---------------------------------------------------------------------------- fix properties

STRAY = st.sampled_from([
    ("defaultModel", "claude-sonnet-4-6"), ("modle", "haiku"), ("defaultMode", "plan"),
    ("defaultMode", "allowEdits"), ("allow", ["Bash(ls)", "Read"]), ("deny", ["Read(./.env)"]),
    ("MAX_THINKING_TOKENS", 8000), ("CLAUDE_CODE_SUBAGENT_MODEL", "haiku"),
    ("includeCoAuthoredBy", False), ("includeCoAuthoredBy", True), ("voiceEnabled", True),
    ("baseUrl", "https://gw.example.com"), ("disallowedTools", ["WebFetch"]),
    ("mcpServers", {"x": {"command": "y"}}), ("DISABLE_TELEMETRY", "1"),
])
REAL = {
    "model": st.sampled_from(["sonnet", "claude-sonnet-4-6", "haiku"]),
    "env": st.dictionaries(st.sampled_from(["FOO", "DISABLE_TELEMETRY", "MAX_THINKING_TOKENS"]),
                           st.sampled_from(["1", "8000"]), max_size=2),
    "permissions": st.fixed_dictionaries({}, optional={
        "allow": st.lists(st.sampled_from(["Read", "Bash(ls)", "Edit(./src/**)"]), max_size=2,
                          unique=True),
        "deny": st.lists(st.sampled_from(["WebFetch", "Read(./.env)"]), max_size=2, unique=True),
        "defaultMode": st.sampled_from(["plan", "acceptEdits"])}),
    "attribution": st.fixed_dictionaries({}, optional={"commit": st.just("")}),
}
KEEP = {"cleanupPeriodDays": 30, "hooks": {"Stop": [{"hooks": [{"type": "command",
                                                                 "command": "true"}]}]}}

settings_data = st.tuples(st.fixed_dictionaries({}, optional=REAL),
                          st.lists(STRAY, max_size=4, unique_by=lambda kv: kv[0])).map(
    lambda t: {**KEEP, **t[0], **dict(t[1])})


@needs_engine
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=settings_data, unsafe=st.booleans())
def test_key_fixes_are_idempotent_and_keep_other_keys(data: dict[str, Any], unsafe: bool) -> None:
    from claude_tiers import jsonio, schema
    from claude_tiers.lint.engine import fix_text

    text = json.dumps(data, indent=2) + "\n"
    fixed = fix_text(text, kind="settings", select=["CT11"], unsafe=unsafe)
    assert fix_text(fixed, kind="settings", select=["CT11"], unsafe=unsafe) == fixed
    after = jsonio.parse(fixed).data
    for key, value in KEEP.items():
        assert after[key] == value
    for key in ("model", "env", "permissions", "attribution"):
        if key in data and isinstance(data[key], dict):
            for sub, value in data[key].items():  # nothing already in place is lost or changed
                have = after[key][sub]
                assert have == value or (isinstance(value, list) and value == have[:len(value)])
    if "model" in data:
        assert after["model"] == data["model"]
    # a fix never makes Claude Code drop a file it loaded
    if schema.verdict(schema.validate(data)) != "dropped":
        assert schema.verdict(schema.validate(after)) != "dropped"
