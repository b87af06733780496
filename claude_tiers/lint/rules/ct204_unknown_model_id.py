"""CT204 unknown-model-id: a well-formed ``claude-...`` id that is not in the model catalog.

**What**: a model string shaped like a Claude API id (``claude-<words and numbers>``) that the
catalog does not know: a model newer than the catalog, a typo that still looks like an id
(``claude-sonnet-4-7``), or a snapshot that never existed.

**Why**: Claude Code accepts any name starting with ``claude-`` and sends it verbatim; if the
API does not know it, the first request fails. The catalog may simply be older than the model,
so this is a warning (info behind a gateway or provider set in the same file).

FAIL::

    {"model": "claude-sonnet-4-7"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic; correct the id (``claude-tiers models`` lists the known ones), or
update claude-tiers if the model is newer than its catalog.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT204"
NAME = "unknown-model-id"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = None
_SELF = sys.modules[__name__]


def _prefix_of_known(value: str) -> bool:
    text = value.strip()
    return any(known.startswith(text + "-") for model in mf.catalog() for known in model.api_ids)


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report well-formed Claude ids the catalog does not know."""
    cat = mf.catalog()
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if ref.kind != "unknown-claude-id":
            continue
        if field.role == "availableModels":
            if _prefix_of_known(field.value):
                continue
            effect = "the entry matches no model claude-tiers knows"
        else:
            effect = f"Claude Code sends it verbatim; if the API does not know it, {field.fails}"
        via = mf.gateway(ctx)
        if via:
            effect += f" (requests go to the provider selected by env.{via})"
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} is not in the model catalog of "
                      f"{cat.checked}: {effect}; check the id against `claude-tiers models`, or "
                      f"update claude-tiers if the model is newer", severity="info" if via else None)
