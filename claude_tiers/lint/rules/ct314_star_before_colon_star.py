"""CT314 star-before-colon-star: a ``*`` before the legacy ``:*`` suffix, which Claude Code does not expand.

**What**: a ``Bash(...)`` or ``PowerShell(...)`` rule ending in ``:*`` with another ``*`` before it,
such as ``Bash(*:*)`` or ``Bash(npm run *:*)``.

**Why**: Claude Code 2.1.330 reads such a rule as a literal prefix: the inner ``*`` is not a
wildcard, so the rule matches only commands that contain a literal ``*`` at that place (it
says so at startup: "mixes * with the trailing :* prefix syntax, so it is matched as a
literal prefix"; observed: ``Bash(*:*)`` as an allow rule approves nothing, ``touch x`` still
needs a prompt).

FAIL::

    {"permissions": {"allow": ["Bash(npm run *:*)"]}}

PASS::

    {"permissions": {"allow": ["Bash(npm run *)"]}}

**Fix**: none automatic: write the space form (``npm run *``) or the exact value you mean; what
the rule should cover is a judgement call (``Bash(*:*)`` would become "everything").
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import schema_issue_at, shown

CODE = "CT314"
NAME = "star-before-colon-star"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report shell rules mixing ``*`` with a trailing ``:*``."""
    for rule in permrules.rules_of(ctx.data):
        spec = rule.spec
        if rule.tool not in permrules.SHELL_TOOLS or spec is None \
                or not permrules.literal_prefix(spec) or ":*" in spec[:-2] \
                or schema_issue_at(ctx, rule.pointer):
            continue
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(rule.raw)}" mixes * with the trailing ":*" prefix syntax: Claude '
                      "Code matches it as a literal prefix (the * is not expanded), so this "
                      f"{rule.list} rule only matches commands with a literal * there; write the "
                      'space form (such as "Bash(npm run *)") or the exact value you mean')
