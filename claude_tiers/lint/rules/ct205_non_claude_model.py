"""CT205 non-claude-model: a model string that is not a Claude model at all.

**What**: a model string the classifier recognises as another vendor's model or a deployment /
proxy name (``gpt-4o``, ``deepseek-v4-pro``, ``my-haiku-proxy``).

**Why**: Claude Code sends it verbatim. The Anthropic API rejects it, so without a gateway the
first request fails (warning: the gateway may be set outside this file, in the shell). With
``ANTHROPIC_BASE_URL`` or a provider switch (``CLAUDE_CODE_USE_BEDROCK``...) in the same file,
or in the project's ``.claude/settings.json`` or ``settings.local.json`` (``env`` merges across
them and reaches the project's agents), this is info: the gateway must serve the name, and claude-tiers cannot price or tier it.

FAIL::

    {"model": "gpt-4o"}

PASS::

    {"model": "deepseek-v4-pro", "env": {"ANTHROPIC_BASE_URL": "https://gateway.example"}}

(the PASS example still gets an info finding.)

**Fix**: none automatic; use a Claude model, or set the gateway in the same file.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT205"
NAME = "non-claude-model"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report non-Claude model names, as info when this file routes requests to a gateway."""
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if ref.kind != "non-claude":
            continue
        via = mf.gateway(ctx)
        what = f"{field.label} {mf.quote(field.value)} is not a Claude model"
        if via:
            msg = (f"{what}: Claude Code sends it verbatim to the provider selected by env.{via}, "
                   f"which must serve it; claude-tiers cannot price or tier it")
            yield finding(_SELF, ctx, field.pointer, msg, severity="info")
            continue
        if field.role == "availableModels":
            effect = "the Anthropic API serves no such model, so the entry allows nothing that works"
        else:
            effect = f"Claude Code sends it verbatim to the Anthropic API, which rejects it: {field.fails}"
        yield finding(_SELF, ctx, field.pointer,
                      f"{what}: {effect}; use a Claude model, or set env.ANTHROPIC_BASE_URL to a "
                      f"gateway that serves it")
