"""The frontmatter rules (CT6xx): data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT6xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_frontmatter_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT6") == []


# Findings per rule on ../shared/corpus/real (75 agents, 27 commands), measured 2026-11-25:
# CT601 2 (agents/0033.md, a template whose name and description are YAML lists), CT603 5
# (colours teal/gray/indigo, that template's list-valued model, a command's `arguments` of
# objects), CT604 4 (allowed-tools and allowedTools in agents, when_to_use in an agent, name in
# a command). CT602 finds nothing there. (8 agents and 2 commands fail to parse: CT009's.)
CORPUS_AT_LEAST = {"CT601": 1, "CT603": 3, "CT604": 3}


@needs_engine
def test_real_corpus() -> None:
    shared = require_shared()
    counts = rulecases.corpus_counts(shared / "corpus" / "real", "CT6")
    for code, least in CORPUS_AT_LEAST.items():
        assert counts.get(code, 0) >= least, counts


# ---------------------------------------------------------------------------- fix properties

FIELDS = {
    "name": st.sampled_from(["reviewer", "team:reviewer", "-x"]),
    "description": st.sampled_from(["Reviews diffs", '"Reviews: diffs"']),
    "model": st.sampled_from(["sonnet-4-6", "opus-4.6", "claude-opus-4-1", "opusplan", "default",
                              "inherit", "claude-haiku-4-5[1m]", "gpt-4o", "sonnet"]).map(json.dumps),
    "effort": st.sampled_from(["High", "high", "extreme", "XHIGH"]),
    "permissionMode": st.sampled_from(["acceptedits", "plan", "bogus"]),
    "color": st.sampled_from(["teal", "red", "Red"]),
    "allowed-tools": st.sampled_from(["Read, Grep"]),
    "version": st.sampled_from(["2"]),
}
BODY = "You review diffs.\n\nmodel: not a field\n"


@st.composite
def agent_text(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(sorted(FIELDS)), unique=True, min_size=1))
    lines = ["# a comment"] + [f"{key}: {draw(FIELDS[key])}" for key in keys]
    return "---\n" + "\n".join(lines) + "\n---\n" + BODY


@needs_engine
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=agent_text(), unsafe=st.booleans())
def test_frontmatter_fixes_are_idempotent_and_touch_only_their_field(text: str, unsafe: bool) -> None:
    from claude_tiers import frontmatter
    from claude_tiers.lint import registry
    from claude_tiers.lint.engine import context_from_bytes, fix_text

    select = ["CT2", "CT6"]
    filename = ".claude/agents/code-reviewer.md"
    fixed = fix_text(text, kind="agent", filename=filename, select=select, unsafe=unsafe)
    assert fix_text(fixed, kind="agent", filename=filename, select=select, unsafe=unsafe) == fixed
    assert fixed.endswith("---\n" + BODY) and fixed.startswith("---\n# a comment\n")

    ctx = context_from_bytes(text, kind="agent", display=filename)
    assert ctx.frontmatter is not None
    before = ctx.frontmatter.data
    for rule in registry.all_rules():
        if rule.CODE[:3] not in ("CT2", "CT6") or rule.FIX is None:
            continue
        for found in rule.check(ctx):
            if not found.fixable:
                continue
            new = rule.fix(ctx, found)  # type: ignore[attr-defined]
            if new is None:
                continue
            assert isinstance(new, str)
            parsed = frontmatter.parse(new)
            assert parsed is not None
            key = found.pointer.strip("/")
            assert {k: v for k, v in parsed.data.items() if k != key} == \
                   {k: v for k, v in before.items() if k != key}, rule.CODE
            old_lines, new_lines = text.splitlines(), new.splitlines()
            if key in before:  # one line changed, in place
                assert len(old_lines) == len(new_lines)
                assert sum(a != b for a, b in zip(old_lines, new_lines)) == 1
            else:  # one line added
                assert len(new_lines) == len(old_lines) + 1
