"""CT207 opusplan-in-subagent: ``opusplan`` as a subagent's model.

**What**: ``model: opusplan`` in agent frontmatter, or ``env.CLAUDE_CODE_SUBAGENT_MODEL`` set to
``opusplan``.

**Why**: ``opusplan`` means Opus in plan mode and Sonnet otherwise; a subagent never runs in
plan mode, so Claude Code 2.1.330 runs it on Sonnet every time (observed). The author almost
surely expected Opus for planning.

FAIL::

    ---
    name: planner
    description: Plans large changes
    model: opusplan
    ---

PASS::

    ---
    name: planner
    description: Plans large changes
    model: opus
    ---

**Fix** (unsafe: it writes down what happens today, which may not be what was meant):
``sonnet``. Use ``opus`` or a pinned Opus id by hand if Opus was the intent.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import AGENT, Finding, LintContext, finding

CODE = "CT207"
NAME = "opusplan-in-subagent"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def _subagent_fields(ctx: LintContext) -> Iterator[mf.ModelField]:
    for field in mf.model_fields(ctx):
        if field.role == "env-subagent" or (field.role == "frontmatter" and ctx.kind == AGENT):
            if mf.classify(field.value).alias == "opusplan":
                yield field


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report ``opusplan`` where only subagents read it."""
    for field in _subagent_fields(ctx):
        who = "this subagent" if field.role == "frontmatter" else "every subagent it reaches"
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} means Opus only in plan mode, and a "
                      f"subagent never runs in plan mode: Claude Code runs {who} on Sonnet; write "
                      f"'sonnet', or 'opus' (or a pinned Opus id) if Opus was meant", data="sonnet")


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Write ``sonnet``: what Claude Code runs anyway."""
    for field in _subagent_fields(ctx):
        if field.pointer == found.pointer:
            return mf.set_value(ctx, field, "sonnet")
    return None
