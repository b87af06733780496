"""The hook rules (CT401-CT404): data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT4xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_hook_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT4") == []



# Findings on ../shared/corpus/real/settings (260 files), measured 2026-11-25: CT402 2 (one file
# uses permission-rule syntax, "Write(./app/**)|Edit(./app/**)", in two matchers), CT404 2 ("mcp__"
# and "mcp__gemini" in one file). No wrongly cased matcher and no empty command there.
@needs_engine
def test_real_corpus() -> None:
    from claude_tiers.lint.engine import lint_text

    shared = require_shared()
    found: dict[str, list[str]] = {}
    for name, kind, raw in rulecases.corpus_files(shared / "corpus" / "real"):
        if kind in ("agent", "command"):
            continue
        for f in lint_text(raw, kind=kind, filename=name, select=["CT4"]):
            found.setdefault(f.code, []).append(name)
    assert found.get("CT402") == ["settings/0122.settings.json"] * 2, found
    assert found.get("CT404") == ["settings/0028.settings.json"] * 2, found
    assert "CT401" not in found and "CT403" not in found, found


# ---------------------------------------------------------------------------- fix properties

MATCHERS = ["bash", "Bash", "edit|write", "Edit|Write", "Bash, webfetch", "*", "", "mcp__x",
            "start(", "Write(./a/**)", "TODOWRITE", "read|Grep.*", "startup"]
EVENTS = ["PreToolUse", "PostToolUse", "SessionStart", "Stop", "PermissionRequest"]
group = st.fixed_dictionaries(
    {"hooks": st.lists(st.sampled_from([{"type": "command", "command": "true"},
                                        {"type": "command", "command": ""},
                                        {"type": "prompt", "prompt": "check"}]), max_size=2)},
    optional={"matcher": st.sampled_from(MATCHERS)})
hooks = st.dictionaries(st.sampled_from(EVENTS), st.lists(group, max_size=3), max_size=3)


@needs_engine
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=hooks, unsafe=st.booleans())
def test_hook_fixes_change_only_matchers(data: dict[str, Any], unsafe: bool) -> None:
    from claude_tiers import jsonio
    from claude_tiers.lint.engine import fix_text

    doc = {"model": "sonnet", "hooks": data}
    text = json.dumps(doc, indent=2) + "\n"
    fixed = fix_text(text, kind="settings", select=["CT4"], unsafe=unsafe)
    assert fix_text(fixed, kind="settings", select=["CT4"], unsafe=unsafe) == fixed
    after = jsonio.parse(fixed).data
    assert after["model"] == "sonnet"
    assert list(after["hooks"]) == list(data)
    for event, groups in data.items():
        assert len(after["hooks"][event]) == len(groups)
        for old, new in zip(groups, after["hooks"][event]):
            assert new["hooks"] == old["hooks"]
            assert ("matcher" in new) == ("matcher" in old)
            if "matcher" in old:
                assert new["matcher"].lower() == old["matcher"].lower()
