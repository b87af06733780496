"""CT705 policy-requires-pinned-model: a floating alias where the tier policy requires pinned ids.

**What**: with ``limits: {allow-aliases: false}`` in the tier policy (globally or in the
project's rule), a model string that floats: ``opus``, ``sonnet``, ``haiku``, ``fable``,
``best``, ``opusplan`` (with or without ``[1m]``) or a ``-latest`` id, in a settings ``model``,
``advisorModel``, ``fallbackModel``, ``env.ANTHROPIC_MODEL``, ``env.CLAUDE_CODE_SUBAGENT_MODEL``
or agent/command/skill frontmatter ``model``. An alias pinned in the same settings file with
``ANTHROPIC_DEFAULT_<FAMILY>_MODEL`` (both Opus and Sonnet for ``opusplan``) is not floating.
``inherit`` is fine.

**Why**: an alias resolves per Claude Code version (``opus`` sent ``claude-opus-4-7`` in
2.1.112 and ``claude-opus-5-5`` in 2.1.330): upgrading Claude Code changes the model, its tier
and its price without a single edit, which is what the policy forbids.

FAIL (policy ``limits: {allow-aliases: false}``)::

    {"model": "sonnet"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic; write the pinned id of the tier you mean (the message names today's
target).
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT705"
NAME = "policy-requires-pinned-model"
SEVERITY = "error"
APPLIES_TO = mf.MODEL_KINDS
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]
_ROLES = frozenset({"model", "advisorModel", "fallbackModel", "env-model", "env-subagent",
                    "frontmatter"})


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report floating model strings when the policy says allow-aliases: false."""
    decision = ctx.policy()
    if decision is None or decision.limits.allow_aliases:
        return
    from claude_tiers.policy import is_floating

    env = mf.env_strings(ctx)
    catalog = mf.catalog()
    for field in mf.model_fields(ctx):
        if field.role not in _ROLES or not is_floating(field.value, env):
            continue
        today = catalog.resolve_alias(field.value, env=env)
        where = f"; Claude Code {catalog.snapshot().version} resolves it to {today}" if today else ""
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} is a floating alias, but the tier "
                      f"policy requires pinned model ids (allow-aliases: false, "
                      f"{decision.limits.cite('allow-aliases')}){where}; its model and price "
                      "change with Claude Code upgrades; write the pinned id of the tier you "
                      "mean")
