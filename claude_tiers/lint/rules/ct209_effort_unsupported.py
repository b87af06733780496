"""CT209 effort-unsupported: an effort level the file's model does not support.

**What**: settings ``effortLevel`` (or ``env.CLAUDE_CODE_EFFORT_LEVEL``) with the model the
same file selects (``env.ANTHROPIC_MODEL``, else ``model``), or frontmatter ``effort`` with the
frontmatter ``model``, where the catalog says the model has no effort control at all
(Haiku 4.5) or lacks that level (``xhigh`` on Opus 4.6 / Sonnet 4.6). Aliases are resolved as
the newest known Claude Code resolves them. Values outside the effort enum are the schema's
business, not this rule's.

**Why**: Claude Code silently ignores effort for a model without effort support, and runs
``xhigh`` as ``high`` on models that stop at ``max`` without ``xhigh``; the setting does not do
what it says.

FAIL::

    {"model": "claude-haiku-4-5", "effortLevel": "high"}

PASS::

    {"model": "claude-sonnet-4-6", "effortLevel": "high"}

**Fix**: none automatic; drop the effort, or choose a level (or a model) that supports it.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT209"
NAME = "effort-unsupported"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = None
_SELF = sys.modules[__name__]
_EFFORT_ENV = "CLAUDE_CODE_EFFORT_LEVEL"


def _efforts(ctx: LintContext) -> Iterator[tuple[str, str, str]]:
    """(pointer, label, level) of every effort setting of the file."""
    if mf.is_frontmatter(ctx):
        value = ctx.fields.get("effort")
        if isinstance(value, str):
            yield "/effort", "effort", value
        return
    value = ctx.data.get("effortLevel")
    if isinstance(value, str):
        yield "/effortLevel", "effortLevel", value
    env_value = mf.env(ctx).get(_EFFORT_ENV)
    if isinstance(env_value, str):
        yield mf.env_pointer(_EFFORT_ENV), f"env.{_EFFORT_ENV}", env_value


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report effort settings the file's model cannot honour."""
    settings = list(_efforts(ctx))
    if not settings:
        return
    primary = mf.primary_model(ctx)
    if primary is None:
        return
    model = mf.resolve(primary.value, ctx)
    if model is None:
        return
    known = {level for m in mf.catalog() for level in m.effort}
    named = f"{primary.label} {mf.quote(primary.value)} ({model.display_name})"
    for pointer, label, level in settings:
        if level not in known:
            continue  # not an effort level at all: the schema reports it
        if not model.effort:
            msg = (f"{label} {mf.quote(level)} has no effect: {named} has no effort control, so "
                   f"Claude Code silently ignores it; remove it, or use a model with effort support")
        elif level not in model.effort:
            supported = ", ".join(model.effort)
            if level == "xhigh" and "high" in model.effort:
                runs = "Claude Code runs it as 'high'"
            else:
                runs = "Claude Code cannot apply it"
            msg = (f"{label} {mf.quote(level)} is not a level {named} supports ({supported}): "
                   f"{runs}; choose one of those levels")
        else:
            continue
        yield finding(_SELF, ctx, pointer, msg)
