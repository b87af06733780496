"""CT001 invalid-json: a settings file that is not strict JSON.

**What**: a settings file that Claude Code's strict JSON reader rejects, with the exact
cause: a ``//`` or ``/* */`` comment, a trailing comma, a byte order mark, single quotes, an
unquoted key, an empty file, bytes that are not UTF-8, content after the object, a
truncated file; or a file that cannot be read at all (permissions, too large).

**Why**: Claude Code drops the whole file ("These settings did not load, so nothing in
them is in effect") and the next lower settings layer shows through: every permission,
hook and model in the file silently stops applying.

FAIL::

    {
      "model": "claude-sonnet-4-6",   // tier 1
    }

PASS::

    {
      "model": "claude-sonnet-4-6"
    }

**Fix**: none automatic; remove the comment, comma or BOM named in the message.
Managed settings files have their own rule (CT008): there the failure stops Claude Code.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (CLAUDE_JSON, DROPPED, LOCAL_SETTINGS, SETTINGS,
                                    UNREAD_SETTINGS, USER_SETTINGS, Finding, LintContext,
                                    finding)

CODE = "CT001"
NAME = "invalid-json"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS, UNREAD_SETTINGS, CLAUDE_JSON})
FIX = None
_SELF = sys.modules[__name__]


def consequence(ctx: LintContext) -> str:
    """What Claude Code does with an unreadable file of this kind."""
    if ctx.kind == UNREAD_SETTINGS:
        return "it cannot be merged into the settings Claude Code reads"
    if ctx.kind == CLAUDE_JSON:
        return "Claude Code cannot use its app state"
    return f"{DROPPED}: nothing in it is in effect"


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report why the file did not parse (every cause except a non-object top level)."""
    error = ctx.error
    if error is None or error.kind == "not-object":
        return
    yield finding(_SELF, ctx, "", f"{error.message}; {consequence(ctx)}",
                  at=(error.line or 1, error.column or 1), data=error.kind)
