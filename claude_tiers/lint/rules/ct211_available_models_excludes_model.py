"""CT211 available-models-excludes-model: the file's own model is not in its ``availableModels``.

**What**: a settings file whose ``model`` (or ``env.ANTHROPIC_MODEL``) is not matched by the
same file's ``availableModels``. Matching follows Claude Code 2.1.330 (observed): an alias entry
(``sonnet``) allows every model of its family; an id entry allows that id and the ids it is a
version prefix of (``claude-sonnet-4-5`` allows ``claude-sonnet-4-5-20250929``) but not the
alias; without ``enforceAvailableModels`` the built-in default model is always allowed.

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

import sys
from typing import Iterator

from claude_tiers.catalog import BASE_ALIASES
from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT211"
NAME = "available-models-excludes-model"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]


def _ids(value: str) -> tuple[str, ...]:
    """Every id a (non-alias) model string stands for."""
    text = value.strip()
    if text.lower().endswith("[1m]"):
        text = text[:-4]
    ref = mf.classify(value)
    model = mf.catalog().get(ref.canonical) if ref.canonical else None
    return (text, *(model.api_ids if model else ()))


def allows(entries: list[str], value: str, *, enforce: bool, ctx: LintContext) -> bool | None:
    """Whether ``availableModels`` entries allow a model string (None: cannot tell)."""
    ref = mf.classify(value)
    if not ref.ok or ref.alias in ("inherit", "default", "opusplan"):
        return None
    resolved = mf.resolve(value, ctx)
    if not enforce and resolved is not None and resolved.id == mf.catalog().default_model():
        return True
    family = ref.family if ref.kind == "alias" else (resolved.family if resolved else ref.family)
    ids = () if ref.kind == "alias" else _ids(value)
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        eref = mf.classify(entry)
        if eref.kind == "alias" and eref.alias in BASE_ALIASES:
            if family == eref.alias:
                return True
            continue
        if entry == value.strip():
            return True
        if any(known == entry or known.startswith(entry + "-") for known in ids):
            return True
    return False


def replacement(entries: list[str], *, enforce: bool, ctx: LintContext) -> str:
    """What Claude Code runs instead of a model the list does not allow."""
    cat = mf.catalog()
    if enforce:
        for raw in entries:
            if raw.strip():
                model = mf.resolve(raw, ctx)
                shown = f" ({model.id})" if model and model.id != raw.strip() else ""
                return f"the list's first entry {mf.quote(raw)}{shown}"
        return f"the built-in default model {cat.default_model()}"
    return f"the built-in default model {cat.default_model()}"


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report the file's model (and env.ANTHROPIC_MODEL) when its own allowlist excludes it."""
    raw = ctx.data.get("availableModels")
    if not isinstance(raw, list):
        return
    entries = [e for e in raw if isinstance(e, str)]
    enforce = ctx.data.get("enforceAvailableModels") is True
    shown = "[" + ", ".join(mf.quote(e) for e in entries) + "]"
    for field in mf.model_fields(ctx):
        if field.label not in ("model", f"env.{mf.ENV_MODEL}") or not field.value.strip():
            continue
        if allows(entries, field.value, enforce=enforce, ctx=ctx) is not False:
            continue
        instead = replacement(entries, enforce=enforce, ctx=ctx)
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} is not allowed by this file's "
                      f"availableModels {shown}: Claude Code replaces it at startup with {instead}; "
                      f"add it to availableModels or pick an allowed model")
