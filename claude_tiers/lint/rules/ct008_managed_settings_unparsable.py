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

A byte order mark or an empty file, which Claude Code tolerates in other settings files, is
reported as a warning (not verified for managed settings, which fail closed); the safe fix
removes a BOM.

**Fix**: the BOM is removed (safe); anything else by hand before deploying.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import MANAGED_SETTINGS, Finding, LintContext, finding
from claude_tiers.lint.rules import ct001_invalid_json as ct001
from claude_tiers.lint.rules.ct001_invalid_json import tolerated

CODE = "CT008"
NAME = "managed-settings-unparsable"
SEVERITY = "error"
APPLIES_TO = frozenset({MANAGED_SETTINGS})
FIX = "safe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report why the managed file is not a JSON object."""
    error = ctx.error
    if error is None:
        for item in tolerated(ctx, _SELF):
            if item.data == "empty":  # unverified for managed files, which fail closed
                item = item._replace(severity="warning", message=item.message.split(":")[0] +
                                     ": Claude Code reads other empty settings files as {}, but "
                                     "this is not verified for managed settings, which fail "
                                     "closed; write {} or remove the file")
            yield item
        return
    if error.kind == "outside-link":  # CT010: not read, so nothing is known of it
        return
    yield finding(_SELF, ctx, "", f"{error.message}; Claude Code refuses to start (exit 1): a "
                  "managed settings document that cannot be parsed as a JSON object stops "
                  "it for everyone the policy reaches", at=(error.line or 1, error.column or 1),
                  fixable=False)


def fix(ctx: LintContext, found: Finding) -> str | None:
    """The text without its byte order mark."""
    return ct001.fix(ctx, found)
