"""CT304 bypass-permissions-in-project: ``defaultMode: bypassPermissions`` in shared project settings.

**What**: ``"permissions": {"defaultMode": "bypassPermissions"}`` in the committed
``.claude/settings.json``.

**Why**: every session started in the project then runs every tool call without a single
permission prompt, for everyone who clones the repository, whether or not they chose that.
A personal preference belongs in the person's own file.

FAIL (``.claude/settings.json``)::

    {"permissions": {"defaultMode": "bypassPermissions"}}

PASS (``.claude/settings.json``)::

    {"permissions": {"defaultMode": "acceptEdits"}}

or, for yourself only, ``bypassPermissions`` in ``~/.claude/settings.json`` or
``.claude/settings.local.json``.

**Fix**: none automatic: choose a safer shared mode (``acceptEdits``, ``plan``, ``default``)
and keep ``bypassPermissions`` in a personal file.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import SETTINGS, Finding, LintContext, finding

CODE = "CT304"
NAME = "bypass-permissions-in-project"
SEVERITY = "warning"
APPLIES_TO = frozenset({SETTINGS})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report bypassPermissions as the shared default mode."""
    perms = ctx.data.get("permissions")
    if isinstance(perms, dict) and perms.get("defaultMode") == "bypassPermissions":
        yield finding(_SELF, ctx, "/permissions/defaultMode",
                      'defaultMode "bypassPermissions" in shared project settings starts everyone '
                      "who opens this project with no permission prompts at all; keep it in your "
                      "own ~/.claude/settings.json or .claude/settings.local.json and share a safer "
                      'mode such as "acceptEdits"')
