"""CT706 project-not-covered: no rule of the tier policy covers this project.

**What**: the repository has a tier policy, but no ``projects`` rule matches this project's
folder and the policy has no ``default``. Reported once per project: on its
``.claude/settings.json``, else on ``settings.local.json``, else on its first agent, command
or skill file (a project with only ``.claude/commands/`` is a project too).

**Why**: ``claude-tiers apply`` leaves such a project alone and ``apply --check`` cannot say
whether it drifts: its tier is whatever its files say, outside the policy.

FAIL (policy ``projects: [{match: services/*, preset: opus-production}]``, file in
``tools/cli/``)::

    {"model": "claude-sonnet-4-6"}

PASS (the same policy with ``default: sonnet-default``)::

    {"model": "claude-sonnet-4-6"}

**Fix**: add a ``projects`` rule for the folder, or a ``default`` preset.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

from claude_tiers.lint.base import (AGENT, COMMAND, LOCAL_SETTINGS, SETTINGS, SKILL, Finding,
                                    LintContext, finding)

CODE = "CT706"
NAME = "project-not-covered"
SEVERITY = "info"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, AGENT, COMMAND, SKILL})
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a project the policy gives no preset."""
    decision = ctx.policy()
    if decision is None or decision.covered or not _reports_here(ctx.path):
        return
    yield finding(_SELF, ctx, "",
                  f"no projects rule in {decision.source} matches {decision.project} and the "
                  "policy has no default: claude-tiers apply leaves this project alone and "
                  "apply --check cannot tell whether it drifts; add a rule or a default",
                  at=(1, 1))


def _reports_here(path: str) -> bool:
    """Is this file the one of its project that carries the finding (the first that exists of
    settings.json, settings.local.json, then agents, commands and skills in name order)?"""
    mine = os.path.abspath(path)
    index = mine.rfind(os.sep + ".claude" + os.sep)
    if index < 0:
        return True
    claude = mine[:index + len(".claude") + 1]
    for name in ("settings.json", "settings.local.json"):
        candidate = os.path.join(claude, name)
        if os.path.lexists(candidate):
            return candidate == mine
    for folder in ("agents", "commands", "skills"):
        base = os.path.join(claude, folder)
        if not os.path.isdir(base):
            continue
        from pathlib import Path

        found = sorted(str(p) for p in Path(base).rglob("*.md"))
        if found:
            return found[0] == mine
    return True  # nothing on disk (text given directly): report where asked
