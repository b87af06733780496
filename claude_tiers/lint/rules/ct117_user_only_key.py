"""CT117 user-only-key: a personal setting in a project file, where Claude Code ignores it.

**What**: a key whose docs scope is "User or managed" (schema ``x-scope: user-managed``, e.g.
``autoMode``, ``askUserQuestionTimeout``, ``spellcheck``, ``sshConfigs``,
``sandbox.ripgrep``) in ``.claude/settings.json`` or ``.claude/settings.local.json``, or a key
whose scope is "User, local, or managed" (``user-local-managed``, e.g.
``skipDangerousModePermissionPrompt``, ``useAutoModeDuringPlan``, ``syncClaudeAiSkills``) in the
shared ``.claude/settings.json``.

**Why**: Claude Code reads these keys only from the files that belong to one person; in a
project file it silently ignores them, so the setting the author sees in the repository is not
in effect for anyone.

FAIL (``.claude/settings.json``)::

    {"skipDangerousModePermissionPrompt": true}

PASS (``~/.claude/settings.json``)::

    {"skipDangerousModePermissionPrompt": true}

**Fix**: none automatic: move the key to ``~/.claude/settings.json`` (or, for the
``user-local-managed`` keys, to ``.claude/settings.local.json``).
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import LOCAL_SETTINGS, SETTINGS, Finding, LintContext, finding

CODE = "CT117"
NAME = "user-only-key"
SEVERITY = "warning"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS})
FIX = None
_SELF = sys.modules[__name__]

_PERSONAL = ("user-managed", "user-local-managed")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report keys that the file's scope does not read."""
    reported: list[tuple[str, ...]] = []
    for item in keyfacts.walk_known(ctx.data):
        if any(item.parts[:len(done)] == done for done in reported):
            continue  # inside a key already reported
        scope = item.notes.get("x-scope")
        if scope not in _PERSONAL or keyfacts.read_in(str(scope), ctx.kind):
            continue
        reported.append(item.parts)
        yield finding(_SELF, ctx, item.pointer,
                      f'"{keyfacts.dotted(item.parts)}" is read only from '
                      f"{keyfacts.SCOPE_TEXT[str(scope)]}: in {keyfacts.KIND_TEXT[ctx.kind]} "
                      "Claude Code silently ignores it; move it to ~/.claude/settings.json")
