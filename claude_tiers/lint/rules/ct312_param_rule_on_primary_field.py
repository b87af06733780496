"""CT312 param-rule-on-primary-field: ``Bash(command:...)`` and the like, which never match.

**What**: a rule written as a parameter match on a tool's primary field:
``Bash(command:rm *)``, ``PowerShell(command:...)``, ``Read(file_path:...)``,
``Edit(file_path:...)``.

**Why**: parameter matching (``Agent(model:opus)``, ``Bash(run_in_background:true)``) works for
secondary fields of deny and ask rules only; the primary field is matched by the tool's own
syntax. Claude Code 2.1.330 warns at startup that ``Bash(command:rm *)`` "targets command as a
raw string and will not match", and the rule has no effect.

FAIL::

    {"permissions": {"deny": ["Bash(command:rm *)"]}}

PASS::

    {"permissions": {"deny": ["Bash(rm *)"]}}

**Fix** (unsafe): drop the ``command:`` / ``file_path:`` prefix. Unsafe because the rule then
applies (for an allow rule, it grants).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import replace_rule, schema_issue_at, shown

CODE = "CT312"
NAME = "param-rule-on-primary-field"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]

PRIMARY = {"Bash": "command", "PowerShell": "command", "Read": "file_path", "Edit": "file_path"}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report parameter-style rules on a primary field."""
    for rule in permrules.rules_of(ctx.data):
        field = PRIMARY.get(rule.tool)
        if field is None or rule.spec is None or not rule.spec.startswith(field + ":") \
                or schema_issue_at(ctx, rule.pointer):
            continue
        rest = rule.spec[len(field) + 1:].lstrip()
        if not rest:
            continue
        better = f"{rule.tool}({rest})"
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(rule.raw)}" matches {field} as a raw parameter string and never '
                      f"matches (Claude Code warns at startup), so this {rule.list} rule has no "
                      f'effect; write "{shown(better)}"', data=(rule.raw, better))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Drop the parameter prefix."""
    if not isinstance(found.data, tuple):
        return None
    return replace_rule(ctx.data, found.pointer, found.data[0], found.data[1])
