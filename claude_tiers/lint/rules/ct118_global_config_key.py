"""CT118 global-config-key: a ``~/.claude.json`` (global config) key in a settings file.

**What**: a key the docs list under "Global config settings" (schema
``x-scope: global-config``): ``autoConnectIde``, ``autoInstallIdeExtension``, ``diffTool``,
``externalEditorContext``, ``permissionExplainerEnabled``... in any ``settings.json``.

**Why**: these keys live in ``~/.claude.json``, Claude Code's app state, which ``/config``
edits; in a settings file they are silently ignored.

FAIL (``~/.claude/settings.json``)::

    {"diffTool": "terminal"}

PASS: set it with ``/config`` (stored in ``~/.claude.json``).

**Fix**: none automatic: set the option with ``/config``, or move the key to
``~/.claude.json``. Keys removed from Claude Code altogether are CT115's.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT118"
NAME = "global-config-key"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report global-config keys in settings files."""
    reported: list[tuple[str, ...]] = []
    for item in keyfacts.walk_known(ctx.data):
        if any(item.parts[:len(done)] == done for done in reported):
            continue  # inside a key already reported
        if item.notes.get("x-scope") != "global-config" or item.notes.get("x-removed"):
            continue
        reported.append(item.parts)
        yield finding(_SELF, ctx, item.pointer,
                      f'"{keyfacts.dotted(item.parts)}" is a global config option stored in '
                      "~/.claude.json: in a settings file Claude Code silently ignores it; set it "
                      "with /config")
