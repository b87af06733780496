"""CT302 allow-everything: an allow rule that approves every shell command.

**What**: ``Bash``, ``Bash(*)``, ``Bash(**)``, ``PowerShell`` or ``PowerShell(*)`` in
``permissions.allow``.

**Why**: Claude Code then runs any command without asking (only deny and ask rules, checked
first, still stop it): ``rm -rf``, ``curl ... | sh``, ``git push --force``. In shared project
settings it does so for everyone who trusts the project. That is almost never what the
author meant by "stop asking me about npm test".

FAIL::

    {"permissions": {"allow": ["Bash"]}}

PASS::

    {"permissions": {"allow": ["Bash(npm test *)", "Bash(git status)"]}}

**Fix**: none automatic: list the commands to approve. Severity is a warning in shared
project and managed settings and info in personal (local and user) files.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import (MANAGED_SETTINGS, SETTINGS, SETTINGS_KINDS, Finding,
                                    LintContext, finding)
from claude_tiers.lint.ruletools import schema_issue_at, shown

CODE = "CT302"
NAME = "allow-everything"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report allow rules that approve every command of a shell tool."""
    shared = ctx.kind in (SETTINGS, MANAGED_SETTINGS)
    for rule in permrules.rules_of(ctx.data):
        if rule.list != "allow" or not permrules.grants_everything(rule) \
                or schema_issue_at(ctx, rule.pointer):
            continue
        who = " for everyone who uses this project" if ctx.kind == SETTINGS else \
            " on every managed machine" if ctx.kind == MANAGED_SETTINGS else ""
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(rule.raw)}" lets Claude run any {rule.tool} command without asking'
                      f"{who} (only deny and ask rules still apply); allow specific commands "
                      f'instead, such as "{rule.tool}(npm test *)"',
                      severity="warning" if shared else "info")
