"""CT403 hook-command-empty: a command hook whose command is empty or only spaces.

**What**: a handler ``{"type": "command", "command": ""}`` (or ``"  "``).

**Why**: Claude Code 2.1.330 loads the file without a warning (observed: an empty command
neither drops the file nor runs anything), so the hook silently does nothing. It is usually
a placeholder left from a template, or a command lost in an edit.

FAIL::

    {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": ""}]}]}}

PASS::

    {"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "./scripts/notify.sh"}]}]}}

**Fix**: none automatic: write the command, or remove the handler.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint import hookmatch
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT403"
NAME = "hook-command-empty"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report command handlers with an empty command."""
    for group in hookmatch.groups_of(ctx.data):
        for index, handler in enumerate(group.handlers):
            if not isinstance(handler, dict) or handler.get("type", "command") != "command":
                continue
            command = handler.get("command")
            if not isinstance(command, str) or command.strip() or handler.get("args"):
                continue
            pointer = join_pointer(("hooks", group.event, str(group.position), "hooks", str(index),
                                    "command"))
            yield finding(_SELF, ctx, pointer,
                          f"this {group.event} hook's command is empty: Claude Code accepts it "
                          "silently and runs nothing; write the command or remove the handler")
