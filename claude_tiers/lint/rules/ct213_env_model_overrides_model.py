"""CT213 env-model-overrides-model: ``env.ANTHROPIC_MODEL`` and ``model`` disagree in one file.

**What**: a settings file that sets both ``model`` and ``env.ANTHROPIC_MODEL`` to different
values.

**Why**: the ``env`` entry wins (observed in Claude Code 2.1.330: an ``env.ANTHROPIC_MODEL`` in
any settings file beats every file's ``model`` key, and also the shell's ``ANTHROPIC_MODEL``).
The ``model`` key is dead, and whoever edits it to change the model sees nothing happen.

FAIL::

    {"model": "claude-sonnet-4-6", "env": {"ANTHROPIC_MODEL": "claude-opus-4-7"}}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic (which one was meant is a choice); keep one of the two.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT213"
NAME = "env-model-overrides-model"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a ``model`` key made dead by ``env.ANTHROPIC_MODEL`` in the same file."""
    model = ctx.data.get("model")
    env_model = mf.env(ctx).get(mf.ENV_MODEL)
    if not isinstance(model, str) or not isinstance(env_model, str) or not env_model.strip():
        return
    if model.strip() == env_model.strip():
        return
    yield finding(_SELF, ctx, "/model",
                  f"model {mf.quote(model)} has no effect: env.{mf.ENV_MODEL} "
                  f"{mf.quote(env_model)} in the same file wins over every settings file's model key, "
                  f"so Claude Code requests {mf.quote(env_model)}; keep only one of the two")
