"""What Claude Code 2.1.330 does with a non-string settings ``env`` value (CT103, the schema's
``x-on-invalid: converted``, explain's ``js_string``).

Asked 2026-12-02: a project ``.claude/settings.json`` with ``"model": "haiku"`` and the same value
for ``env.ANTHROPIC_MODEL`` and an ordinary variable ``env.FOO_PLAIN``, and a ``SessionStart``
hook (our own command) that writes the environment it gets; run with and without
``FOO_PLAIN=from-shell`` exported. Every value loads without a word, and the variable is set to
JavaScript's ``String(value)``: the same text for ``ANTHROPIC_MODEL`` (the model requested) and
for the ordinary variable, over the exported value. ``[]`` is the empty string: for
``ANTHROPIC_MODEL`` that counts as unset (the ``model`` key applies), an ordinary variable is set
to ``""``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from claude_tiers.explain import js_string
from claude_tiers.lint.engine import lint_text
from tests.oracle.harness import Oracle, parallel_map

HAIKU = "claude-haiku-5-5"  # what "model": "haiku" requests in 2.1.330

# (value, model requested with it as env.ANTHROPIC_MODEL, FOO_PLAIN as a hook saw it)
RECORDED: list[tuple[Any, str, str]] = [
    (None, "null", "null"),
    ([], HAIKU, ""),
    ({}, "[object Object]", "[object Object]"),
    ({"a": 1}, "[object Object]", "[object Object]"),
    (["a", "b"], "a,b", "a,b"),
    ([None, 1], ",1", ",1"),
    (5, "5", "5"),
    (True, "true", "true"),
    (False, "false", "false"),
    (1.5, "1.5", "1.5"),
    (0, "0", "0"),
    ("", HAIKU, ""),
]


@pytest.mark.parametrize("value, model, seen", RECORDED, ids=[json.dumps(r[0]) for r in RECORDED])
def test_lint_and_explain_say_what_was_observed(value: Any, model: str, seen: str) -> None:
    assert js_string(value) == seen
    if isinstance(value, str):
        return
    text = json.dumps({"env": {"ANTHROPIC_MODEL": value}})
    found = [f for f in lint_text(text, kind="settings") if f.code == "CT103"]
    assert len(found) == 1, text
    if model == HAIKU:
        assert "empty string, which counts as unset" in found[0].message
    else:
        assert f'sets ANTHROPIC_MODEL to the string "{model}"' in found[0].message
    if value is None or isinstance(value, (dict, list)):
        plain = [f for f in lint_text(json.dumps({"env": {"FOO_PLAIN": value}}), kind="settings")
                 if f.code == "CT103"]
        assert len(plain) == 1
        expected = "to the empty string" if seen == "" else f'to the string "{seen}"'
        assert f"sets FOO_PLAIN {expected}" in plain[0].message


def _ask(oracle: Oracle, value: Any, exported: bool) -> tuple[str | None, str]:
    with oracle.sandbox() as sb:
        probe = sb.root / "probe"
        settings = {"model": "haiku", "env": {"ANTHROPIC_MODEL": value, "FOO_PLAIN": value},
                    "hooks": {"SessionStart": [{"hooks": [
                        {"type": "command", "command": f"env -0 > {probe}"}]}]}}
        sb.write_settings("project", json.dumps(settings))
        sb.trust()
        run = oracle.run(sb.cwd, sb.home, ("-p", "hi"),
                         env={"FOO_PLAIN": "from-shell"} if exported else None, timeout=90)
        assert not run.dropped_files and not run.skipped_entries, run.stderr
        seen = {}
        for item in probe.read_bytes().split(b"\0"):
            key, sep, val = item.partition(b"=")
            if sep:
                seen[key.decode()] = val.decode()
        return run.model, seen.get("FOO_PLAIN", "<unset>")


@pytest.mark.oracle
def test_recorded_env_values_still_hold(oracle: Oracle) -> None:
    asks = [(value, exported) for value, _, _ in RECORDED for exported in (False, True)]
    answers = parallel_map(lambda a: _ask(oracle, *a), asks)
    expected = [(model, seen) for _, model, seen in RECORDED for _ in (False, True)]
    assert answers == expected
