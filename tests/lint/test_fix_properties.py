"""Properties of fixing: idempotent, nothing fixable left behind, no key lost, never breaks a file."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers import jsonio
from claude_tiers.lint.engine import fix_text, lint_text

KEYS = st.sampled_from(["model", "env", "a", "b", "permissions", "x-y", "ä"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5))
GAPS = st.sampled_from(["", " ", "\n  ", "\n\t", "  \n    "])


@st.composite
def json_text(draw: Any, depth: int = 0) -> str:
    """An object as JSON text, with duplicate keys likely and varied whitespace."""
    pairs = draw(st.lists(st.tuples(KEYS, st.integers(0, 3)), max_size=5))
    parts = []
    for key, kind in pairs:
        if kind == 0 and depth < 2:
            value = draw(json_text(depth + 1))
        elif kind == 1:
            items = draw(st.lists(SCALARS, max_size=3))
            value = "[" + ", ".join(json.dumps(i) for i in items) + "]"
        else:
            value = json.dumps(draw(SCALARS))
        gap = draw(GAPS)
        parts.append(f"{gap}{json.dumps(key)}: {value}")
    end = draw(GAPS) if parts else ""
    return "{" + ",".join(parts) + end + "}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_text())
def test_duplicate_key_fix(text: str) -> None:
    fixed = fix_text(text, kind="settings", unsafe=True, select=["CT003"])
    doc = jsonio.parse(fixed)
    assert not doc.has_duplicates  # nothing fixable of the rule is left
    assert doc.data == json.loads(text)  # what Claude Code sees is unchanged; no key lost
    assert fix_text(fixed, kind="settings", unsafe=True, select=["CT003"]) == fixed
    assert not [f for f in lint_text(fixed, kind="settings", select=["CT003"])]


SETTINGS_VALUES = st.fixed_dictionaries({}, optional={
    "model": st.sampled_from(["claude-sonnet-4-6", "sonnet-4-6", "opus", "claude-opus-4-1",
                              "gpt-4o", 42]),
    "modle": st.just("claude-sonnet-4-6"),
    "defaultModel": st.just("opus"),
    "includeCoAuthoredBy": st.booleans(),
    "unknownKey": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    "env": st.dictionaries(st.sampled_from(["ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_MODEL",
                                            "FOO"]), st.sampled_from(["haiku", "1"]),
                           max_size=3),
    "permissions": st.fixed_dictionaries({}, optional={
        "allow": st.lists(st.sampled_from(["Bash(npm test)", "Bash", "Read", "Bash(ls:*)",
                                           "Bash(ls)", "Read"]), max_size=4),
        "defaultMode": st.sampled_from(["default", "plan", "allowEdits"]),
    }),
    "allow": st.lists(st.just("Read"), max_size=1),
    "MAX_THINKING_TOKENS": st.just("1000"),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SETTINGS_VALUES, st.sampled_from([None, 2, 4, "\t"]), st.booleans())
def test_every_fix_together(data: dict[str, Any], indent: int | str | None,
                            unsafe: bool) -> None:
    text = json.dumps(data, indent=indent) + "\n"
    fixed = fix_text(text, kind="settings", unsafe=unsafe)
    after = jsonio.parse(fixed)  # a fix never breaks the file
    assert fix_text(fixed, kind="settings", unsafe=unsafe) == fixed  # idempotent
    wanted = ("safe", "unsafe") if unsafe else ("safe",)
    left = [f for f in lint_text(fixed, kind="settings") if f.fixable in wanted]
    # a fix may decline (returns None) but must then not claim to be applicable again and again
    assert fix_text(fixed, kind="settings", unsafe=unsafe) == fixed, left
    for key in data:
        if key not in {"modle", "defaultModel", "includeCoAuthoredBy", "allow",
                       "MAX_THINKING_TOKENS"}:
            assert key in after.data, key  # keys no rule renames are never lost


PURE_VALUES = st.fixed_dictionaries({}, optional={
    "includeCoAuthoredBy": st.booleans(),
    "attribution": st.sampled_from([{}, {"commit": "x"}, {"other": 1}, "text"]),
    "voiceEnabled": st.booleans(),
    "voice": st.sampled_from([{}, {"enabled": True}, {"enabled": False, "x": [1]}, 3]),
    "model": st.sampled_from(["sonnet-4-6", "claude-opus-4-1"]),
    "permissions": st.just({"allow": ["Bash(ls)", "Bash(ls)"], "deny": ["Bash"]}),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PURE_VALUES)
def test_fixes_are_pure(data: dict[str, Any]) -> None:
    """Working out a fix (as linting does, to say whether a finding is fixable) never changes
    the document it was asked about: fixes copy what they change, not the whole file."""
    from claude_tiers.lint import engine, registry
    from claude_tiers.lint.selection import Selection

    text = json.dumps(data, indent=2)
    ctx = engine.context_from_bytes(text, kind="settings", display=".claude/settings.json")
    by_code = {rule.CODE: rule for rule in registry.all_rules()}
    for found in engine.check(ctx, Selection()):
        fix = getattr(by_code.get(found.code), "fix", None)
        if found.fixable and fix is not None:
            fix(ctx, found)
        assert ctx.data == json.loads(text), found.code
