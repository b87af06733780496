"""CT211 available-models-excludes-model: the file's own model is not in its ``availableModels``.

**What**: a settings file whose ``model`` (or ``env.ANTHROPIC_MODEL``) is not matched by the
same file's ``availableModels``. Matching follows Claude Code 2.1.330 (observed): an alias entry
(``sonnet``) allows every model of its family; an id entry allows that id and the ids it is a
version prefix of (``claude-sonnet-4-5`` allows ``claude-sonnet-4-5-20250929``) but not the
alias; without ``enforceAvailableModels`` the built-in default model is always allowed. The
resolution is :mod:`claude_tiers.explain`'s, run on this file alone.

**Why**: ``availableModels`` acts from any settings file. A model it does not allow is replaced
at startup: by the built-in default model without ``enforceAvailableModels``, by the list's
first entry with it. The file asks for one model and gets another.

FAIL::

    {"model": "claude-sonnet-4-6", "availableModels": ["opus", "haiku"]}

PASS::

    {"model": "claude-sonnet-4-6", "availableModels": ["sonnet", "haiku"]}

**Fix**: none automatic; add the model to ``availableModels`` or pick an allowed model.
"""

from __future__ import annotations

import copy
import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS, SETTINGS_KINDS,
                                    USER_SETTINGS, Finding, LintContext, finding)

CODE = "CT211"
NAME = "available-models-excludes-model"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]
_SCOPE = {SETTINGS: "project", LOCAL_SETTINGS: "local", USER_SETTINGS: "user",
          MANAGED_SETTINGS: "managed"}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report the file's model when its own allowlist makes Claude Code replace it."""
    raw = ctx.data.get("availableModels")
    if not isinstance(raw, list):
        return
    # One place for the allowlist semantics: the explain resolver, run on this file alone.
    from claude_tiers.catalog import format_price
    from claude_tiers.explain import Layer, Request, explain

    layer = Layer(_SCOPE.get(ctx.kind, "project"), ctx.display, copy.deepcopy(ctx.data))
    choice = explain(Request(layers=(layer,))).model
    if choice.kind != "available-models" or not choice.value or choice.resolved == choice.requested:
        return
    primary = mf.primary_model(ctx)
    if primary is None:
        return
    instead = choice.resolved or "the default model"
    model = mf.catalog().get(instead)
    price = f" ({format_price(model)})" if model is not None else ""
    how = ("the first model the list allows" if ctx.data.get("enforceAvailableModels") is True
           else "the built-in default model, which stays allowed without enforceAvailableModels")
    entries = "[" + ", ".join(mf.quote(e) for e in raw if isinstance(e, str)) + "]"
    yield finding(_SELF, ctx, primary.pointer,
                  f"{primary.label} {mf.quote(primary.value)} is not allowed by this file's "
                  f"availableModels {entries}: Claude Code replaces it at startup with {instead}"
                  f"{price}, {how}; add it to availableModels or pick an allowed model")
