"""CT703 local-settings-raise-tier: ``settings.local.json`` picks a higher tier than the policy allows.

**What**: with ``limits: {local-may-raise: false}`` in the tier policy (globally or in the
project's rule), a personal ``.claude/settings.local.json`` whose model (``env.ANTHROPIC_MODEL``
wins over ``model``, as in Claude Code) is a higher tier than the project's policy model, or
above ``max-tier`` for a project the policy gives no preset.

**Why**: ``settings.local.json`` beats the shared project settings, so one personal file moves
a developer's sessions to a dearer model without review; it is git-ignored, so nobody sees it
in a diff. The policy said personal files may not raise the tier.

FAIL (policy ``default: sonnet-default``, ``limits: {local-may-raise: false}``)::

    {"model": "claude-opus-4-7"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic (the file is personal); remove the model from ``settings.local.json``
or choose one at or below the project's tier.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import LOCAL_SETTINGS, Finding, LintContext, finding

CODE = "CT703"
NAME = "local-settings-raise-tier"
SEVERITY = "error"
APPLIES_TO = frozenset({LOCAL_SETTINGS})
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a local model above the project's policy tier when the policy forbids it."""
    decision = ctx.policy()
    if decision is None or ctx.doc is None or decision.limits.local_may_raise:
        return
    from claude_tiers.policy import cite, higher, label

    field = mf.primary_model(ctx)
    if field is None:
        return
    tiers = decision.tiers
    reference = decision.model
    if reference is None and decision.limits.max_tier is not None:
        reference = tiers.get(decision.limits.max_tier)
    if reference is None or not higher(field.value, reference, tiers):
        return
    why = f"{cite(decision)}" if decision.model is not None \
        else f"max-tier {decision.limits.max_tier}, {decision.limits.cite('max-tier')}"
    yield finding(_SELF, ctx, field.pointer,
                  f"{field.label} {label(field.value, tiers)} raises {decision.project} above "
                  f"its policy model {label(reference, tiers)} ({why}), and the tier policy "
                  f"forbids personal files to raise it (local-may-raise: false, "
                  f"{decision.limits.cite('local-may-raise')}); this file beats the project "
                  "settings, so these sessions cost more than agreed")
