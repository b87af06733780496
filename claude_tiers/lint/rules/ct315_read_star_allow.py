"""CT315 read-star-allow: ``Read(*)`` in ``allow``, which adds nothing.

**What**: the allow rule ``Read(*)``.

**Why**: Claude Code 2.1.330 says at startup that it "adds nothing to Read's default, which
already runs without asking in the working directories. "Read" alone allows every path."
Authors usually write it meaning "read anything"; it does not do that (older versions
treated it as ``Read``, and this one will again if Anthropic turns the change off, so its
meaning depends on the version).

FAIL::

    {"permissions": {"allow": ["Read(*)"]}}

PASS::

    {"permissions": {"allow": ["Read(./docs/**)"]}}

(or ``"Read"`` to approve reads of every path, inside the project or not).

**Fix**: none automatic: remove it, or write ``Read`` if every path is meant.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import schema_issue_at

CODE = "CT315"
NAME = "read-star-allow"
SEVERITY = "info"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report ``Read(*)`` allow rules."""
    for rule in permrules.rules_of(ctx.data):
        if rule.list == "allow" and rule.tool == "Read" and rule.spec == "*" \
                and not schema_issue_at(ctx, rule.pointer):
            yield finding(_SELF, ctx, rule.pointer,
                          '"Read(*)" adds nothing: reads in the working directories need no '
                          'approval anyway, and unlike "Read" it does not approve other paths '
                          '(Claude Code warns at startup); remove it, or write "Read" if every '
                          "path is meant")
