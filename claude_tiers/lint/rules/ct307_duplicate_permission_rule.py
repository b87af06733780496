"""CT307 duplicate-permission-rule: the same rule twice in one list.

**What**: a rule that appears earlier in the same ``allow``, ``ask`` or ``deny`` list, also
in an equivalent spelling (``Bash(npm test:*)`` and ``Bash(npm test *)``; ``Bash(*)`` and
``Bash``).

**Why**: Claude Code de-duplicates the lists, so the copy does nothing; it is noise that
hides what the list really allows (``settings.local.json`` files collect them as approvals
pile up), and a later edit to one copy does not change the behaviour.

FAIL::

    {"permissions": {"allow": ["Bash(npm test *)", "Read", "Bash(npm test:*)"]}}

PASS::

    {"permissions": {"allow": ["Bash(npm test *)", "Read"]}}

**Fix** (safe): remove the later copy.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import line_of, remove_rule, shown

CODE = "CT307"
NAME = "duplicate-permission-rule"
SEVERITY = "info"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report every later copy of a rule in the same list."""
    seen: dict[tuple[str, str], permrules.PermRule] = {}
    for rule in permrules.rules_of(ctx.data):
        key = (rule.list, permrules.canonical(rule))
        first = seen.get(key)
        if first is None:
            seen[key] = rule
            continue
        same = "" if first.raw == rule.raw else " (an equivalent spelling)"
        yield finding(_SELF, ctx, rule.pointer,
                      f'duplicate of "{shown(first.raw)}"{same} at line {line_of(ctx, first.pointer)} in '
                      f"permissions.{rule.list}: Claude Code de-duplicates the list, so this copy "
                      "has no effect; remove it", data=rule.raw)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Remove the later copy."""
    return remove_rule(ctx.data, found.pointer, found.data)
