"""CT113 env-var-as-key: an environment variable written as a settings key instead of inside ``env``.

**What**: a top-level key that is an environment variable's name (``MAX_THINKING_TOKENS``,
``CLAUDE_CODE_SUBAGENT_MODEL``, ``ANTHROPIC_MODEL``..., any ``UPPER_CASE_NAME``), seen in
real files.

**Why**: Claude Code reads environment variables from the ``env`` object only; a top-level
key of that name is silently ignored (observed with 2.1.330: a top-level
``"ANTHROPIC_MODEL": "claude-haiku-5-5"`` leaves the session on the default model, while the
same entry inside ``env`` selects Haiku).

FAIL::

    {"MAX_THINKING_TOKENS": "8000"}

PASS::

    {"env": {"MAX_THINKING_TOKENS": "8000"}}

**Fix** (safe): move the entry into ``env`` (a number or boolean becomes its string, as
environment variables are strings). When ``env`` already sets the variable to the same value
the stray key is removed; to a different value nothing is changed (the ``env`` value is the
one in effect, and which one the author wants is unclear). Objects, arrays and ``null`` are
not moved.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import clone, keeps_file, quote

CODE = "CT113"
NAME = "env-var-as-key"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report top-level keys named like environment variables."""
    data = ctx.data
    env = data.get("env")
    for key, value in data.items():
        if keyfacts.top_key_class(key) != "env":
            continue
        message = (f'"{key}" is an environment variable: as a top-level key Claude Code silently '
                   'ignores it; it belongs inside "env"')
        if isinstance(env, dict) and key in env and env[key] != keyfacts.env_text(value):
            message += f' (env.{key} = {quote(env[key])} is the value in effect)'
        yield finding(_SELF, ctx, join_pointer((key,)), message,
                      fixable=_moved(data, key) is not None, data=key)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Move the entry into ``env``."""
    return _moved(ctx.data, found.data) if isinstance(found.data, str) else None


def _moved(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    if key not in data:
        return None
    text = keyfacts.env_text(data[key])
    if text is None:
        return None
    new = clone(data)
    env = new.setdefault("env", {})
    if not isinstance(env, dict):
        return None
    if key in env and env[key] != text:
        return None
    env[key] = text
    del new[key]
    return new if keeps_file(data, new) else None
