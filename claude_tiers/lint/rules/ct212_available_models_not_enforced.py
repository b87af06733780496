"""CT212 available-models-not-enforced: ``availableModels`` without ``enforceAvailableModels``.

**What**: a settings file with an ``availableModels`` list but without
``"enforceAvailableModels": true``.

**Why** (observed in Claude Code 2.1.330): without enforcement the built-in default model stays
allowed whatever the list says, and any model the list blocks silently falls back to that
default, the account's newest Opus on the API. A list meant to keep sessions on cheaper tiers
then sends them to the expensive model instead, which defeats tiering. With enforcement the
default is restricted too and a blocked model falls back to the list's first entry.

FAIL::

    {"availableModels": ["claude-sonnet-4-6", "claude-opus-4-6"]}

PASS::

    {"availableModels": ["claude-sonnet-4-6", "claude-opus-4-6"], "enforceAvailableModels": true}

**Fix** (unsafe: it also restricts the default model, so sessions that relied on it change):
set ``"enforceAvailableModels": true``.
"""

from __future__ import annotations

import copy
import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT212"
NAME = "available-models-not-enforced"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report an allowlist that lets blocked models fall back to the default model."""
    if not isinstance(ctx.data.get("availableModels"), list):
        return
    enforce = ctx.data.get("enforceAvailableModels")
    if enforce is True or (enforce is not None and not isinstance(enforce, bool)):
        return  # enforced, or wrong-typed (the schema reports that)
    from claude_tiers.catalog import format_price

    cat = mf.catalog()
    default_id = cat.default_model()
    default = cat.get(default_id)
    price = f" ({format_price(default)})" if default is not None else ""
    state = "is false" if enforce is False else "is not set"
    pointer = "/enforceAvailableModels" if "enforceAvailableModels" in ctx.data else "/availableModels"
    yield finding(_SELF, ctx, pointer,
                  f"availableModels is not enforced (enforceAvailableModels {state}): the default "
                  f"model {default_id}{price} stays allowed, and a model the list blocks silently "
                  f"falls back to it, which defeats tiering; set \"enforceAvailableModels\": true")


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Set ``enforceAvailableModels`` to true."""
    if not isinstance(ctx.data.get("availableModels"), list) or ctx.data.get("enforceAvailableModels") is True:
        return None
    data = copy.deepcopy(ctx.data)
    data["enforceAvailableModels"] = True
    return data
