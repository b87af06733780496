"""CT201 malformed-model: a model string that is no model id, alias or provider id.

**What**: a settings ``model``, ``advisorModel``, ``fallbackModel`` or ``availableModels`` entry,
an ``env`` model variable (``ANTHROPIC_MODEL``, ``ANTHROPIC_DEFAULT_*_MODEL``,
``CLAUDE_CODE_SUBAGENT_MODEL``), a prompt or agent hook handler's ``model``, or a frontmatter
``model`` that the classifier finds malformed:
a missing ``claude-`` prefix, dots instead of dashes, a display name, a typo, a wrong order.

**Why**: Claude Code does not validate these strings; it sends them verbatim and the first
request fails ("There's an issue with the selected model"). In ``availableModels`` the entry
matches nothing, so the allowlist does not allow what was meant. Behind a gateway
(``ANTHROPIC_BASE_URL``) or a cloud provider set in the same file the gateway may map the name,
so the finding is a warning there and is not fixed automatically. A known id in capitals
(``CLAUDE-OPUS-4-6``) is a warning too: Claude Code 2.1.330 lower-cases the ids it knows.

FAIL::

    {"model": "sonnet-4-6"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix** (safe): the canonical id when the classifier finds exactly one (``sonnet-4-6`` ->
``claude-sonnet-4-6``, ``opus-4.6`` -> ``claude-opus-4-6``).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT201"
NAME = "malformed-model"
SEVERITY = "error"
APPLIES_TO = mf.MODEL_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]


def _allowlist_prefix(value: str) -> bool:
    """True when an availableModels entry is a version prefix of a catalog id."""
    text = value.strip()
    if not text:
        return False
    for model in mf.catalog():
        for known in model.api_ids:
            if known == text or known.startswith(text + "-"):
                return True
    return False


def _known_in_other_case(value: str) -> bool:
    """An id Claude Code knows, written in another case (observed: it lower-cases those)."""
    core = value.strip()
    core = core[:-4] if core.lower().endswith("[1m]") else core
    return core == value.strip() and core != core.lower() \
        and core.lower() in mf.catalog().claude_code().lower_cased


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report every malformed model string."""
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if ref.kind != "malformed":
            continue
        if field.role == "availableModels" and _allowlist_prefix(field.value):
            continue
        via = mf.gateway(ctx)
        what = f"{field.label} {mf.quote(field.value)} is not a valid model ({ref.reason})"
        if field.role == "availableModels":
            effect = "it matches no model, so the allowlist does not allow what was meant"
        else:
            effect = f"Claude Code sends it verbatim and {field.fails}: the API does not know this model"
        if via:
            effect = (f"Claude Code sends it verbatim to the provider selected by env.{via}, "
                      f"which rejects it unless it maps this name")
        severity = "warning" if via else None
        if field.role != "availableModels" and _known_in_other_case(field.value):
            effect = ("Claude Code 2.1.330 lower-cases ids it knows, so it runs, but the API, "
                      "gateways, availableModels and other tools expect the exact id")
            severity = "warning"
        fix = f"use {mf.quote(ref.suggestion)}" if ref.suggestion else "write a full model id or an alias"
        yield finding(_SELF, ctx, field.pointer, f"{what}: {effect}; {fix}", severity=severity,
                      fixable=bool(ref.suggestion) and not via, data=ref.suggestion)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Replace the string with the classifier's unambiguous suggestion."""
    if not isinstance(found.data, str):
        return None
    for field in mf.model_fields(ctx):
        if field.pointer == found.pointer:
            if mf.classify(field.value).suggestion != found.data:
                return None
            return mf.set_value(ctx, field, found.data)
    return None

