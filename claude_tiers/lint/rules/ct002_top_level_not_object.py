"""CT002 top-level-not-object: a settings file whose JSON is not an object.

**What**: valid JSON whose top level is an array, a string, a number, ``true`` or ``null``.

**Why**: settings are an object of keys; Claude Code drops the whole file.

FAIL::

    ["Bash(npm test)"]

PASS::

    {"permissions": {"allow": ["Bash(npm test)"]}}

**Fix**: none automatic; wrap the content in the key it belongs to.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import Finding, LintContext, finding
from claude_tiers.lint.rules.ct001_invalid_json import APPLIES_TO as _JSON_FILES
from claude_tiers.lint.rules.ct001_invalid_json import consequence

CODE = "CT002"
NAME = "top-level-not-object"
SEVERITY = "error"
APPLIES_TO = _JSON_FILES
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a top level that is not an object."""
    error = ctx.error
    if error is None or error.kind != "not-object":
        return
    yield finding(_SELF, ctx, "", f"{error.message}; {consequence(ctx)}",
                  at=(error.line or 1, error.column or 1))
