"""The model rules (CT2xx): data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT2xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_model_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT2") == []


# Findings per rule on ../shared/corpus/real (260 settings, 75 agents, 27 commands), measured
# 2026-11-25 with the catalog of that day: CT202 1 (claude-3-5-haiku-latest), CT203 2
# (claude-sonnet-4-5 deprecated; claude-opus-4-5 past its not-before date), CT205 7 (gpt-5.4 in
# an agent, deepseek models with and without ANTHROPIC_BASE_URL), CT217 53 (floating aliases).
# The others find nothing there; the corpus has no project agents beside its settings files.
CORPUS_AT_LEAST = {"CT202": 1, "CT203": 1, "CT205": 7, "CT217": 40}


@needs_engine
def test_real_corpus() -> None:
    shared = require_shared()
    counts = rulecases.corpus_counts(shared / "corpus" / "real", "CT2")
    for code, least in CORPUS_AT_LEAST.items():
        assert counts.get(code, 0) >= least, counts
    assert counts.get("CT201", 0) == 0, counts  # no malformed id in the corpus: no false alarm


# ---------------------------------------------------------------------------- fix properties

MODELS = ["sonnet-4-6", "opus-4.6", "Sonnet 4.6", "claude-3-5-haiku-latest", "claude-opus-4-1",
          "claude-haiku-4-5[1m]", "claude-sonnet-4-6", "claude-opus-4-7", "opus", "sonnet",
          "haiku", "opusplan", "inherit", "default", "gpt-4o", "claude-sonnet-4-7",
          "claude-3-5-sonnet", "claude-sonnet-4-5", "", "claud-sonnet-5", " sonnet",
          "claude-haiku-4-5", "claude-haiku-4-5-20251001"]
model = st.sampled_from(MODELS)
ENV_NAMES = ["ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL",
             "CLAUDE_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", "ANTHROPIC_DEFAULT_SONET_MODEL",
             "ANTHROPIC_DEFAULT_OPUS_MODEL"]
UNRELATED = {"permissions": {"allow": ["Bash(ls)"], "deny": []}, "cleanupPeriodDays": 30}

settings_data = st.fixed_dictionaries(
    {"env": st.dictionaries(st.sampled_from(ENV_NAMES), model, max_size=4)
     .map(lambda env: {"FOO": "bar", **env})},
    optional={
        "model": model,
        "advisorModel": model,
        "fallbackModel": st.lists(model, max_size=5),
        "availableModels": st.lists(model, max_size=4),
        "enforceAvailableModels": st.booleans(),
        "effortLevel": st.sampled_from(["low", "medium", "high", "xhigh"]),
    },
).map(lambda d: {**UNRELATED, **d})

# Pointers a fix may touch besides the finding's own, per rule.
EXTRA = {"CT210": ("/fallbackModel",), "CT212": ("/enforceAvailableModels",),
         "CT214": ("/env/ANTHROPIC_DEFAULT_HAIKU_MODEL",)}


def leaves(value: Any, pointer: str = "") -> dict[str, Any]:
    """Every scalar (and empty container) of a JSON value by pointer."""
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(leaves(item, f"{pointer}/{key}"))
        return out
    if isinstance(value, list) and value:
        out = {}
        for i, item in enumerate(value):
            out.update(leaves(item, f"{pointer}/{i}"))
        return out
    return {pointer: value}


def changed(old: Any, new: Any) -> set[str]:
    a, b = leaves(old), leaves(new)
    return {p for p in a.keys() | b.keys() if a.get(p, KeyError) != b.get(p, KeyError)}


@needs_engine
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=settings_data, unsafe=st.booleans())
def test_settings_fixes_are_idempotent_and_touch_only_their_key(data: dict[str, Any],
                                                                unsafe: bool) -> None:
    from claude_tiers import jsonio
    from claude_tiers.lint import registry
    from claude_tiers.lint.engine import context_from_bytes, fix_text

    text = json.dumps(data, indent=2) + "\n"
    fixed = fix_text(text, kind="settings", select=["CT2"], unsafe=unsafe)
    assert fix_text(fixed, kind="settings", select=["CT2"], unsafe=unsafe) == fixed
    after = jsonio.parse(fixed).data
    for key, value in UNRELATED.items():
        assert after[key] == value
    assert after["env"]["FOO"] == "bar"
    assert after.get("effortLevel") == data.get("effortLevel")

    ctx = context_from_bytes(text, kind="settings", display=".claude/settings.json")
    for rule in registry.all_rules():
        if not rule.CODE.startswith("CT2") or rule.FIX is None:
            continue
        for found in rule.check(ctx):
            if not found.fixable:
                continue
            new = rule.fix(ctx, found)  # type: ignore[attr-defined]
            if new is None:
                continue
            assert isinstance(new, dict)
            allowed = (found.pointer, *EXTRA.get(rule.CODE, ()))
            if rule.CODE == "CT215":
                allowed += (f"/env/{found.data}", f"/{found.data}")  # a rename, or CLAUDE_MODEL -> model
            for pointer in changed(data, new):
                assert pointer.startswith(allowed), (rule.CODE, found.pointer, pointer)


def test_truthy_agrees_with_the_explain_resolver() -> None:
    from claude_tiers import explain
    from claude_tiers.lint import modelfields

    assert modelfields.TRUTHY == explain.TRUTHY
    for value in ["1", "true", "TRUE", " yes ", "on", "0", "false", "", "no", "off", "2", None]:
        assert modelfields.truthy(value) == explain.truthy(value), value
