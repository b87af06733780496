"""CT103 env-value-not-string: an ``env`` value that Claude Code turns into unexpected text.

**What**: an ``env`` value that is ``null``, an object or an array (for any variable), or a
number or a boolean for a model variable (``ANTHROPIC_MODEL``,
``ANTHROPIC_DEFAULT_*_MODEL``, ``CLAUDE_CODE_SUBAGENT_MODEL``...). The message says the
exact text the variable gets. Numbers and booleans elsewhere (``"MAX_THINKING_TOKENS":
8000``) are their own text and are not reported.

**Why**: Claude Code 2.1.330 accepts any JSON value in ``env``, without a warning, and sets
the variable to JavaScript's ``String(value)`` (observed, for ``ANTHROPIC_MODEL`` and for
an ordinary variable seen by a hook): ``null`` becomes the text ``"null"`` (so
``"ANTHROPIC_MODEL": null`` requests a model called ``null`` and every request fails), an
object ``"[object Object]"``, ``["a", "b"]`` ``"a,b"``, and ``[]`` the empty string, which
overrides a value exported in the shell (for ``ANTHROPIC_MODEL`` it counts as unset). The
value is not ignored, as one might hope of ``null``.

FAIL::

    {"env": {"ANTHROPIC_MODEL": null}}

PASS::

    {"env": {"ANTHROPIC_MODEL": "claude-sonnet-4-6", "MAX_THINKING_TOKENS": 8000}}

**Fix**: none automatic: write the value as a JSON string, or remove the entry to leave the
variable alone.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT103"
NAME = "env-value-not-string"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_MODEL_TARGETS = {
    "ANTHROPIC_MODEL": "requests it as the model of every session",
    "ANTHROPIC_DEFAULT_MODEL": "uses it as the default model",
    "CLAUDE_CODE_SUBAGENT_MODEL": "uses it as the model of subagents without their own",
    "ANTHROPIC_SMALL_FAST_MODEL": "uses it as the background-task model",
    "ANTHROPIC_CUSTOM_MODEL_OPTION": "offers it in the /model picker",
}


def _what(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an empty array" if not value else "an array"
    return "an object"


def _effect(name: str, text: str) -> str:
    """What Claude Code then does with the variable, for the message."""
    if text == "":
        if name == "ANTHROPIC_MODEL":
            return ("Claude Code sets ANTHROPIC_MODEL to the empty string, which counts as unset "
                    "(it cancels an exported ANTHROPIC_MODEL; the model key or the default applies)")
        return (f"Claude Code sets {name} to the empty string, even over a value exported in "
                "the shell")
    effect = f'Claude Code sets {name} to the string "{text}"'
    use = _MODEL_TARGETS.get(name)
    if use is None and name.startswith("ANTHROPIC_DEFAULT_") and name.endswith("_MODEL"):
        alias = name[len("ANTHROPIC_DEFAULT_"):-len("_MODEL")].lower()
        use = f"resolves the {alias} alias to it"
    elif use is None and name.endswith("_MODEL"):
        use = "uses it as a model name"
    if use is not None:
        effect += f" and {use}"
    return effect


def check(ctx: LintContext) -> Iterator[Finding]:
    """One finding per schema issue whose consequence is Claude Code's String() conversion."""
    if ctx.doc is None:
        return
    from claude_tiers.jsonio import split_pointer
    from claude_tiers.lint.ruletools import get_at
    from claude_tiers.schema import CONVERTED

    for issue in ctx.schema_issues():
        if issue.consequence != CONVERTED:
            continue
        from claude_tiers.explain import js_string  # only when there is one: explain is large

        parts = split_pointer(issue.pointer)
        name = parts[-1] if parts else ""
        value = get_at(ctx.data, issue.pointer)
        text = js_string(value)
        shown = text if len(text) <= 60 else text[:57] + "..."
        fix = ("remove the entry to leave the variable alone" if text == "" else
               "write the value as a JSON string, or remove the entry to leave the variable alone")
        yield finding(_SELF, ctx, issue.pointer,
                      f"env.{name} is {_what(value)}, not a string: {_effect(name, shown)}; {fix}",
                      data=issue.keyword)
