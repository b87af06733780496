"""CT214 deprecated-small-fast-model: ``env.ANTHROPIC_SMALL_FAST_MODEL`` is deprecated.

**What**: a settings ``env`` entry ``ANTHROPIC_SMALL_FAST_MODEL``.

**Why**: the variable is deprecated in favour of ``ANTHROPIC_DEFAULT_HAIKU_MODEL``, which sets
both what ``haiku`` resolves to and the background-task model. It has no effect on subagents
(observed in Claude Code 2.1.330) and may stop being read at all.

FAIL::

    {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5"}}

PASS::

    {"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5"}}

**Fix** (safe): rename the entry to ``ANTHROPIC_DEFAULT_HAIKU_MODEL`` (or drop it when that
variable is already set to the same value; not fixed when it holds another value).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT214"
NAME = "deprecated-small-fast-model"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]
_NEW = "ANTHROPIC_DEFAULT_HAIKU_MODEL"


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report the deprecated variable."""
    env = mf.env(ctx)
    if mf.ENV_SMALL_FAST not in env:
        return
    if _NEW in env and env[_NEW] != env[mf.ENV_SMALL_FAST]:
        yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_SMALL_FAST),
                      f"env.{mf.ENV_SMALL_FAST} is deprecated and env.{_NEW} is also set, to another "
                      f"value: {_NEW} is the one Claude Code documents for the Haiku-class and "
                      f"background model; remove {mf.ENV_SMALL_FAST}", fixable=False)
        return
    yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_SMALL_FAST),
                  f"env.{mf.ENV_SMALL_FAST} is deprecated: Claude Code documents {_NEW} for the "
                  f"Haiku-class and background model, and the old name has no effect on subagents; "
                  f"rename it to {_NEW}")


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Rename the variable in place."""
    return mf.rename_env(ctx, mf.ENV_SMALL_FAST, _NEW)
