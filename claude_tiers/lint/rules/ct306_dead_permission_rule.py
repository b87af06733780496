"""CT306 dead-permission-rule: an allow or ask rule that a deny or ask rule of the same file shadows.

**What**: an ``allow`` rule that a ``deny`` or ``ask`` rule of the same file fully covers, or an
``ask`` rule that a ``deny`` rule fully covers: ``"allow": ["Bash(rm -rf ./build)"]`` beside
``"deny": ["Bash(rm *)"]``; ``"allow": ["Read(./.env)"]`` beside ``"deny": ["Read"]``.

**Why**: Claude Code evaluates the lists deny -> ask -> allow and the first match wins,
whatever the specificity. A narrow allow cannot carve an exception out of a broad deny or
ask; it never applies. The rule is only reported when the coverage is certain (same tool, a
bare tool name or ``*`` specifier, or a wildcard pattern that contains every command the
other rule can match).

FAIL::

    {"permissions": {"deny": ["Bash(git push *)"],
                     "allow": ["Bash(git push origin feature)"]}}

PASS::

    {"permissions": {"deny": ["Bash(git push --force *)"],
                     "allow": ["Bash(git push origin feature)"]}}

**Fix** (safe): remove the dead rule; nothing changes in what Claude Code does. If the
exception was meant, narrow the deny (or ask) rule instead.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import line_of, remove_rule, shown

CODE = "CT306"
NAME = "dead-permission-rule"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]

_EARLIER = {"allow": ("deny", "ask"), "ask": ("deny",)}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report allow/ask rules fully covered by a rule of a list Claude Code checks first."""
    flagged = {issue.pointer for issue in ctx.schema_issues()}
    rules = [r for r in permrules.rules_of(ctx.data)
             if permrules.well_formed(r) and r.pointer not in flagged]
    by_list: dict[str, list[permrules.PermRule]] = {"deny": [], "ask": [], "allow": []}
    for rule in rules:
        by_list[rule.list].append(rule)
    coverers = {name: permrules.Coverers(other for earlier in _EARLIER[name]
                                         for other in by_list[earlier])
                for name in ("ask", "allow")}
    for name in ("ask", "allow"):
        for rule in by_list[name]:
            shadow = next((other for other in coverers[name].of(rule)
                           if permrules.covers(other, rule)), None)
            if shadow is None:
                continue
            effect = ("Claude Code asks every time" if shadow.list == "ask"
                      else "Claude Code refuses every time")
            yield finding(_SELF, ctx, rule.pointer,
                          f'this {name} rule "{shown(rule.raw)}" never applies: the {shadow.list} rule '
                          f'"{shown(shadow.raw)}" (line {line_of(ctx, shadow.pointer)}) matches everything '
                          f"it matches and is checked first, so {effect}; remove it, or narrow "
                          f"the {shadow.list} rule", data=rule.raw)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Remove the dead rule."""
    return remove_rule(ctx.data, found.pointer, found.data)

