"""CT116 managed-only-key: a managed-only setting outside managed settings, where it is ignored.

**What**: a key whose scope is "Managed" in the docs' key index (schema annotation
``x-scope: managed``), such as ``allowManagedHooksOnly``, ``allowManagedPermissionRulesOnly``,
``requiredMinimumVersion``, ``strictKnownMarketplaces``, ``sandbox.bwrapPath`` or
``sandbox.network.allowManagedDomainsOnly``, in a user, project or local settings file.

**Why**: Claude Code honours these keys only from managed sources (server-managed, MDM,
``managed-settings.json`` and ``managed-settings.d/``); anywhere else it silently ignores
them. A project that "locks" hooks or versions this way locks nothing.

FAIL (``.claude/settings.json``)::

    {"allowManagedHooksOnly": true}

PASS (``/etc/claude-code/managed-settings.json``)::

    {"allowManagedHooksOnly": true}

**Fix**: none automatic: deploy the key in managed settings, or remove it.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import (LOCAL_SETTINGS, SETTINGS, USER_SETTINGS, Finding,
                                    LintContext, finding)

CODE = "CT116"
NAME = "managed-only-key"
SEVERITY = "warning"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report managed-only keys in a non-managed settings file."""
    reported: list[tuple[str, ...]] = []
    for item in keyfacts.walk_known(ctx.data):
        if any(item.parts[:len(done)] == done for done in reported):
            continue  # inside a key already reported
        if item.notes.get("x-scope") != "managed":
            continue
        reported.append(item.parts)
        yield finding(_SELF, ctx, item.pointer,
                      f'"{keyfacts.dotted(item.parts)}" is read only from managed settings: in '
                      f"{keyfacts.KIND_TEXT[ctx.kind]} Claude Code silently ignores it; deploy it "
                      "in managed settings (managed-settings.json) or remove it")
