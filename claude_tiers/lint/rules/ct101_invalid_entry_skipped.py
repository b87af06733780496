"""CT101 invalid-entry-skipped: an entry Claude Code rejects and skips (the rest loads).

**What**: every schema issue whose consequence is that only the entry is ignored: a
malformed permission rule (``bash`` lowercase, ``Bash(ls`` unbalanced, ``Bash()`` empty,
``""``), an unknown hook event name. In managed settings (``managed-settings.json`` and
``managed-settings.d/*.json``) every invalid entry is of this kind: Claude Code drops the
entry and keeps enforcing the rest ("Failed schema validation. This field was ignored."),
with three special readings: an invalid ``enforceAvailableModels`` counts as ``true``, an
invalid ``availableModels`` as an empty allowlist (only the default model), an invalid
``permissions.defaultMode`` as ``"default"``.

**Why**: the rule, hook or policy silently does nothing; the message Claude Code prints is
easy to miss, and in ``claude -p`` runs nobody reads it.

FAIL::

    {"permissions": {"allow": ["Bash(npm test)", "bash(ls)"]}}

PASS::

    {"permissions": {"allow": ["Bash(npm test)", "Bash(ls)"]}}

**Fix**: none automatic; correct the entry named in the message.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS, SKIPPED,
                                    USER_SETTINGS, Finding, LintContext, finding)

CODE = "CT101"
NAME = "invalid-entry-skipped"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS, MANAGED_SETTINGS})
FIX = None
_SELF = sys.modules[__name__]

_MANAGED_READING = {
    "/enforceAvailableModels": 'Claude Code reads it as true (its restrictive value)',
    "/availableModels": "Claude Code enforces an empty allowlist instead: only the default "
                        "model is available",
    "/permissions/defaultMode": 'Claude Code treats it as "default"',
}


def _managed_effect(pointer: str) -> str:
    for prefix, reading in _MANAGED_READING.items():
        if pointer == prefix or pointer.startswith(prefix + "/"):
            return f"this managed entry is invalid and {reading}; the other policies stay in effect"
    return ("Claude Code drops this managed entry (Failed schema validation); the other "
            "policies stay in effect")


def check(ctx: LintContext) -> Iterator[Finding]:
    """One finding per skipped entry (per invalid entry in managed settings)."""
    if ctx.doc is None:
        return
    from claude_tiers.schema import CONVERTED, IGNORED, SKIP_ENTRY

    from claude_tiers.lint.rules.ct100_invalid_setting_drops_file import _where

    managed = ctx.kind == MANAGED_SETTINGS
    for issue in ctx.schema_issues():
        if issue.consequence in (IGNORED, CONVERTED):
            continue  # not checked by Claude Code: CT102, CT103
        if managed:
            yield finding(_SELF, ctx, issue.pointer, f"{_where(issue.pointer)}{issue.message}; "
                          f"{_managed_effect(issue.pointer)}", data=issue.keyword)
        elif issue.consequence == SKIP_ENTRY:
            yield finding(_SELF, ctx, issue.pointer, f"{_where(issue.pointer)}{issue.message}; "
                          f"{SKIPPED}, the rest of the file is in effect", data=issue.keyword)
