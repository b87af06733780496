"""CT006 local-settings-tracked: ``.claude/settings.local.json`` is tracked by git.

**What**: a personal settings file committed to the repository.

**Why**: ``settings.local.json`` is where Claude Code records "Yes, and don't ask again"
approvals; committed, one person's approvals (often with tokens or passwords inside approved
commands) reach everyone. And once the file is tracked, Claude Code applies its allow rules
only after the workspace-trust step, as for shared settings.

FAIL: ``git ls-files`` lists ``.claude/settings.local.json``.

PASS: the file is untracked and ignored (``.claude/settings.local.json`` in ``.gitignore``).

**Fix** (unsafe): ``git rm --cached`` the file (it stays on disk) and add it to the
project's ``.gitignore``. Unsafe because it changes what the next commit contains.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

from claude_tiers.lint.base import LOCAL_SETTINGS, Finding, LintContext, finding
from claude_tiers.lint.fileops import FileOps, Untrack

CODE = "CT006"
NAME = "local-settings-tracked"
SEVERITY = "warning"
APPLIES_TO = frozenset({LOCAL_SETTINGS})
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a tracked local settings file."""
    if ctx.git_tracked:
        yield finding(_SELF, ctx, "", "settings.local.json is personal but tracked by git: its "
                      "approvals reach everyone who clones, and Claude Code applies its allow "
                      "rules only after the workspace is trusted; untrack it and ignore it",
                      at=(1, 1))


def fix(ctx: LintContext, found: Finding) -> FileOps | None:
    """Untrack the file and ignore it in the project's .gitignore."""
    claude_dir = os.path.dirname(str(ctx.path))
    if os.path.basename(claude_dir) != ".claude":
        return None
    project = os.path.dirname(claude_dir)
    gitignore = os.path.join(project, ".gitignore")
    return FileOps(CODE, f"git rm --cached {ctx.display}; ignore it in {gitignore}",
                   (Untrack(str(ctx.path), gitignore, ".claude/settings.local.json"),))
