"""CT210 fallback-model-chain: a ``fallbackModel`` entry that can never help.

**What**: a ``fallbackModel`` entry that repeats an earlier entry (the same model in any form:
``claude-haiku-4-5`` and ``claude-haiku-4-5-20251001`` are one model), or that is the file's own
primary model (``env.ANTHROPIC_MODEL``, else ``model``). A chain longer than 3 is reported by
CT102 (Claude Code accepts it silently and never tries the extra models); when removing the
useless entries brings it within 3, the message here says so.

**Why**: Claude Code tries the chain in order when the primary is overloaded or unavailable.
Falling back to the model that just failed, or trying one model twice, wastes one of the
three slots and delays the switch to a model that can answer.

FAIL::

    {"model": "claude-sonnet-4-6", "fallbackModel": ["claude-sonnet-4-6", "claude-haiku-4-5"]}

PASS::

    {"model": "claude-sonnet-4-6", "fallbackModel": ["claude-haiku-4-5"]}

**Fix** (safe): remove the repeated entries and the primary model from the chain (the key
itself when nothing is left).
"""

from __future__ import annotations

import copy
import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT210"
NAME = "fallback-model-chain"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]
MAX_CHAIN = 3  # Claude Code's limit (facts §3.5; the schema's maxItems)


def _useless(ctx: LintContext) -> tuple[list[tuple[int, str, str]], int]:
    """(index, value, why) of every useless entry, and the length of the cleaned chain."""
    chain = ctx.data.get("fallbackModel")
    if not isinstance(chain, list):
        return [], 0
    primary = mf.primary_model(ctx)
    primary_key = mf.same_model_key(primary.value) if primary is not None else None
    seen: dict[str, int] = {}
    out: list[tuple[int, str, str]] = []
    kept = 0
    for i, item in enumerate(chain):
        if not isinstance(item, str):
            kept += 1
            continue
        key = mf.same_model_key(item)
        if primary is not None and key == primary_key:
            out.append((i, item, f"is the primary model ({primary.label} {mf.quote(primary.value)}): "
                                 f"when it is overloaded or unavailable, falling back to it fails the same way"))
        elif key in seen:
            out.append((i, item, f"repeats fallbackModel[{seen[key]}]: Claude Code tries the same model "
                                 f"twice and wastes a slot of the chain"))
        else:
            seen[key] = i
            kept += 1
    return out, kept


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report repeated entries and the primary model inside ``fallbackModel``."""
    useless, kept = _useless(ctx)
    chain = ctx.data.get("fallbackModel")
    long = isinstance(chain, list) and len(chain) > MAX_CHAIN and kept <= MAX_CHAIN
    for i, item, why in useless:
        tail = f" (without it the chain fits Claude Code's limit of {MAX_CHAIN})" if long else ""
        yield finding(_SELF, ctx, f"/fallbackModel/{i}",
                      f"fallbackModel[{i}] {mf.quote(item)} {why}; remove it{tail}")


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Drop every useless entry at once (idempotent)."""
    useless, _ = _useless(ctx)
    if not useless:
        return None
    drop = {i for i, _, _ in useless}
    data = copy.deepcopy(ctx.data)
    chain = [item for i, item in enumerate(data["fallbackModel"]) if i not in drop]
    if chain:
        data["fallbackModel"] = chain
    else:
        del data["fallbackModel"]
    return data
