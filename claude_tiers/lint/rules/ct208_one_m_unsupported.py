"""CT208 one-m-unsupported: a ``[1m]`` suffix on a model without a 1M-token context.

**What**: a model string ending in ``[1m]`` (ask for the 1M-token context window) whose model,
per the catalog, has no 1M context: ``claude-haiku-4-5[1m]``, ``claude-opus-4-5[1m]``. Aliases
are resolved as the newest known Claude Code resolves them.

**Why**: Claude Code strips ``[1m]`` from the id and asks for the long context, which this model
does not offer; the author gets at most the standard window (or a rejected request), not what
the suffix promises.

FAIL::

    {"model": "claude-haiku-4-5[1m]"}

PASS::

    {"model": "claude-sonnet-4-6[1m]"}

**Fix** (safe): remove ``[1m]``.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT208"
NAME = "one-m-unsupported"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]
_SUFFIX = "[1m]"


def _stripped(value: str) -> str | None:
    text = value.strip()
    return text[: -len(_SUFFIX)] if text.lower().endswith(_SUFFIX) else None


def _offenders(ctx: LintContext) -> Iterator[tuple[mf.ModelField, str, str]]:
    for field in mf.model_fields(ctx):
        if field.role == "availableModels":
            continue
        ref = mf.classify(field.value)
        bare = _stripped(field.value)
        if not ref.one_m or bare is None or not ref.ok or ref.alias in ("inherit", "default"):
            continue
        model = mf.resolve(field.value, ctx)
        if model is None or model.context_1m:
            continue
        yield field, bare, model.display_name


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report ``[1m]`` on models the catalog lists without 1M context."""
    for field, bare, name in _offenders(ctx):
        via = f" (today {name})" if mf.classify(field.value).kind == "alias" else ""
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} asks for the 1M-token context, but "
                      f"{name if not via else mf.quote(bare) + via} has none: Claude Code strips "
                      f"'[1m]' and cannot give this model a 1M window; write {mf.quote(bare)}, or pick "
                      f"a model with 1M context", data=bare)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Drop the ``[1m]`` suffix."""
    for field, bare, _ in _offenders(ctx):
        if field.pointer == found.pointer:
            return mf.set_value(ctx, field, bare)
    return None
