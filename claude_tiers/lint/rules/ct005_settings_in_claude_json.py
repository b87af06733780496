"""CT005 settings-in-claude-json: settings keys in ``~/.claude.json``.

**What**: keys such as ``permissions``, ``hooks``, ``env`` or ``model`` at the top level of
``~/.claude.json``.

**Why**: ``~/.claude.json`` is Claude Code's app state (login, MCP servers, per-project
trust and a few "global config" keys such as ``diffTool``), not a settings level. Settings
written there are silently ignored; they belong in ``~/.claude/settings.json``.

FAIL: ``~/.claude.json``::

    {"numStartups": 12, "permissions": {"allow": ["Bash(npm test)"]}}

PASS: the ``permissions`` block in ``~/.claude/settings.json``.

**Fix**: none automatic (Claude Code rewrites ``~/.claude.json`` while it runs); move the
keys to ``~/.claude/settings.json``.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint.base import CLAUDE_JSON, Finding, LintContext, finding

CODE = "CT005"
NAME = "settings-in-claude-json"
SEVERITY = "warning"
APPLIES_TO = frozenset({CLAUDE_JSON})
FIX = None
_SELF = sys.modules[__name__]

# Settings keys that Claude Code never writes to ~/.claude.json itself (keys it does write
# there, such as theme or verbose, would be false alarms).
SETTINGS_ONLY = frozenset({
    "permissions", "hooks", "env", "model", "statusLine", "apiKeyHelper", "availableModels",
    "enforceAvailableModels", "fallbackModel", "effortLevel", "enabledPlugins", "sandbox",
    "outputStyle", "disableAllHooks", "includeCoAuthoredBy", "attribution", "cleanupPeriodDays",
    "forceLoginMethod", "alwaysThinkingEnabled", "defaultMode", "allow", "deny", "ask",
    "additionalDirectories", "awsAuthRefresh", "awsCredentialExport", "otelHeadersHelper",
    "advisorModel", "modelOverrides", "agent", "spinnerVerbs", "language",
})


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report each settings key found at the top level."""
    for key in ctx.data:
        if key in SETTINGS_ONLY:
            yield finding(_SELF, ctx, join_pointer([key]),
                          f'"{key}" is a settings key: ~/.claude.json is app state, not a '
                          "settings file, so Claude Code silently ignores it here; move it to "
                          "~/.claude/settings.json")
