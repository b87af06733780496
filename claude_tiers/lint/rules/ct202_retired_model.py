"""CT202 retired-model: a model string naming a model the Claude API no longer serves.

**What**: any model string (settings ``model``, ``advisorModel``, ``fallbackModel``,
``availableModels``, ``env`` model variables, frontmatter ``model``) whose catalog status is
``retired``, in any form (full id, dated id, ``-latest`` id, Bedrock or Vertex id).

**Why**: requests to a retired model fail, so the first request of the session (or of the
subagent, or the fallback just when it is needed) fails. Claude Code 2.1.330 silently remaps the
retired Opus 4 and 4.1 ids to the ``opus`` alias (observed), so those are warnings: they run,
but on the newest Opus at its price, not the pinned model. Bedrock and Google Cloud keep their
own schedules, so with a provider or gateway set in the same file this is a warning too.

FAIL::

    {"model": "claude-3-5-haiku-latest"}

PASS::

    {"model": "claude-haiku-4-5"}

**Fix** (unsafe: a different model answers, at a different price): the catalog's current
replacement (following replacement links past models that were retired since).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT202"
NAME = "retired-model"
SEVERITY = "error"
APPLIES_TO = mf.MODEL_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


_NO_REMAP = "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP"


def _remapped_to(field: mf.ModelField, ctx: LintContext) -> str | None:
    """What Claude Code sends instead of a retired id it remaps (observed), with its price."""
    from claude_tiers.catalog import format_price

    cat = mf.catalog()
    core = field.value.strip()
    core = core[:-4] if core.lower().endswith("[1m]") else core
    if core.lower() not in cat.claude_code().legacy_ids or mf.truthy(mf.env_strings(ctx).get(_NO_REMAP)):
        return None
    target = cat.resolve_alias("opus", env=mf.env_strings(ctx))
    if target is None:
        return None
    model = cat.get(target)
    return f"{target} ({format_price(model)})" if model is not None else target


def _replacement(value: str) -> str | None:
    """The string to write instead of a retired model (None when the catalog has none)."""
    cat = mf.catalog()
    ref = mf.classify(value)
    model = cat.get(ref.canonical) if ref.canonical else None
    if model is None or model.status != "retired":
        return None
    new = cat.current_replacement(model)
    if new is None:
        return None
    return new.id + ("[1m]" if ref.one_m and new.context_1m else "")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report every model string naming a retired model."""
    cat = mf.catalog()
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if not ref.canonical or ref.kind == "malformed":
            continue
        model = cat.get(ref.canonical)
        if model is None or model.status != "retired":
            continue
        via = mf.gateway(ctx)
        when = f" on {model.retired_on}" if model.retired_on else ""
        what = f"{field.label} {mf.quote(field.value)} is {model.display_name}, retired{when}"
        severity = "warning" if via else None
        remapped = _remapped_to(field, ctx)
        if field.role == "availableModels":
            effect = "it allows only a model the API no longer serves"
        elif remapped:
            effect = (f"Claude Code 2.1.330 silently sends {remapped} instead (it remaps retired Opus 4 "
                      f"ids to the 'opus' alias unless {_NO_REMAP} is set), so the model pinned here "
                      f"is not the one that runs")
            severity = "warning"
        else:
            effect = f"{field.fails}: the Claude API no longer serves it"
        if via:
            effect += f" (env.{via} routes requests elsewhere; check that provider's schedule)"
        new = _replacement(field.value)
        fix = f"replace it with {mf.quote(new)}" if new else "replace it with a current model"
        yield finding(_SELF, ctx, field.pointer, f"{what}: {effect}; {fix}",
                      severity=severity, fixable=bool(new) and not via, data=new)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Replace the retired model with the catalog's current replacement."""
    if not isinstance(found.data, str):
        return None
    for field in mf.model_fields(ctx):
        if field.pointer == found.pointer and _replacement(field.value) == found.data:
            return mf.set_value(ctx, field, found.data)
    return None
