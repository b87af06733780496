"""CT305 mode-ignored-here: a ``defaultMode`` value Claude Code ignores in this file, such as ``auto``.

**What**: ``"permissions": {"defaultMode": "auto"}`` in ``.claude/settings.json`` or
``.claude/settings.local.json`` (and any other mode the schema's ``x-value-scope``
annotation restricts to some files).

**Why**: since v2.1.142 Claude Code reads ``auto`` as the starting mode only from user and
managed settings; in project and local files it is silently ignored and sessions start in
the default mode.

FAIL (``.claude/settings.json``)::

    {"permissions": {"defaultMode": "auto"}}

PASS (``~/.claude/settings.json``)::

    {"permissions": {"defaultMode": "auto"}}

**Fix**: none automatic: move the setting to ``~/.claude/settings.json``.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT305"
NAME = "mode-ignored-here"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a defaultMode value that this kind of file cannot set."""
    perms = ctx.data.get("permissions")
    mode = perms.get("defaultMode") if isinstance(perms, dict) else None
    if not isinstance(mode, str):
        return
    scopes = keyfacts.notes_of(("permissions", "defaultMode")).get("x-value-scope")
    scope = scopes.get(mode) if isinstance(scopes, dict) else None
    if not isinstance(scope, str) or keyfacts.read_in(scope, ctx.kind):
        return
    yield finding(_SELF, ctx, "/permissions/defaultMode",
                  f'defaultMode "{mode}" is read only from {keyfacts.SCOPE_TEXT.get(scope, scope)}: '
                  f"in {keyfacts.KIND_TEXT[ctx.kind]} Claude Code silently ignores it and sessions "
                  "start in the default mode; set it in ~/.claude/settings.json")
