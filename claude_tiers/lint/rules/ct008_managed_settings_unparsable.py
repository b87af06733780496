"""CT008 managed-settings-unparsable: a managed settings file that is not a JSON object.

**What**: ``managed-settings.json`` or a ``managed-settings.d/*.json`` drop-in that is not
valid JSON, or whose top level is not an object.

**Why**: managed settings fail closed: Claude Code refuses to start (``claude`` and
``claude doctor`` exit 1 before any request) with "Managed settings document could not be
parsed as a JSON object; none of its settings are in effect. Fix or remove it." Everyone the
policy is deployed to is locked out.

FAIL::

    {"availableModels": ["sonnet"],}

PASS::

    {"availableModels": ["sonnet"]}

**Fix**: none automatic; fix the cause named in the message before deploying.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import MANAGED_SETTINGS, Finding, LintContext, finding

CODE = "CT008"
NAME = "managed-settings-unparsable"
SEVERITY = "error"
APPLIES_TO = frozenset({MANAGED_SETTINGS})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report why the managed file is not a JSON object."""
    error = ctx.error
    if error is None:
        return
    yield finding(_SELF, ctx, "", f"{error.message}; Claude Code refuses to start (exit 1): a "
                  "managed settings document that cannot be parsed as a JSON object stops "
                  "it for everyone the policy reaches", at=(error.line or 1, error.column or 1))
