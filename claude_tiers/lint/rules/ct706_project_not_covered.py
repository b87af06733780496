"""CT706 project-not-covered: no rule of the tier policy covers this project.

**What**: the repository has a tier policy, but no ``projects`` rule matches this project's
folder and the policy has no ``default``. Reported once per project, on its
``.claude/settings.json``.

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

import sys
from typing import Iterator

from claude_tiers.lint.base import SETTINGS, Finding, LintContext, finding

CODE = "CT706"
NAME = "project-not-covered"
SEVERITY = "info"
APPLIES_TO = frozenset({SETTINGS})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a project the policy gives no preset."""
    decision = ctx.policy()
    if decision is None or decision.covered:
        return
    yield finding(_SELF, ctx, "",
                  f"no projects rule in {decision.source} matches {decision.project} and the "
                  "policy has no default: claude-tiers apply leaves this project alone and "
                  "apply --check cannot tell whether it drifts; add a rule or a default",
                  at=(1, 1))
