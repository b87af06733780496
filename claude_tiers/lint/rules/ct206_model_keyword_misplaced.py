"""CT206 model-keyword-misplaced: ``inherit`` or ``default`` where Claude Code takes it literally.

**What**: ``inherit`` is meaningful only in agent, command and skill frontmatter and in
``CLAUDE_CODE_SUBAGENT_MODEL``; ``default`` only when typed as ``/model default`` (and as a
``fallbackModel`` entry, where it expands to the default model). Anywhere else Claude Code
2.1.330 sends the word verbatim as a model id (observed for ``default`` in settings ``model``
and frontmatter). ``ANTHROPIC_DEFAULT_MODEL`` set to ``default``, ``inherit``, ``opusplan`` or
``haiku`` is ignored.

**Why**: the first request fails (``inherit`` in settings ``model``), the subagent fails
(``default`` in agent frontmatter), or the variable does nothing.

FAIL::

    ---
    name: reviewer
    description: Reviews diffs
    model: default
    ---

PASS::

    ---
    name: reviewer
    description: Reviews diffs
    model: inherit
    ---

**Fix**: frontmatter ``default`` -> ``inherit`` (safe: the main model is what ``default`` meant);
settings ``model: "default"`` -> remove the key (unsafe: a lower settings file's ``model`` then
shows through).
"""

from __future__ import annotations

import copy
import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT206"
NAME = "model-keyword-misplaced"
SEVERITY = "error"
APPLIES_TO = mf.MODEL_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]

_INHERIT_PLACES = "agent, command and skill frontmatter and env.CLAUDE_CODE_SUBAGENT_MODEL"
# Values Claude Code ignores in ANTHROPIC_DEFAULT_MODEL (facts §3.1).
_IGNORED_IN_DEFAULT_MODEL = frozenset({"default", "inherit", "opusplan", "haiku"})


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report ``inherit``/``default`` in places Claude Code sends them verbatim."""
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if ref.kind != "alias" or field.role == "availableModels":
            continue
        word = ref.alias
        if field.label == f"env.{mf.ENV_DEFAULT_MODEL}":
            if word in _IGNORED_IN_DEFAULT_MODEL:
                yield finding(_SELF, ctx, field.pointer,
                              f"{field.label} {mf.quote(field.value)} is ignored: Claude Code uses "
                              f"{mf.ENV_DEFAULT_MODEL} only when it names a model other than default, "
                              f"inherit, opusplan or haiku; name a model or remove it",
                              severity="warning", fixable=False)
            continue
        if word not in ("inherit", "default"):
            continue
        if word == "default" and field.role == "fallbackModel":
            continue  # "default" expands to the default model in a fallback chain
        if ref.is_valid_in(field.context):
            continue
        verbatim = f"Claude Code sends {mf.quote(field.value)} verbatim as a model id and {field.fails}"
        if word == "inherit":
            msg = (f"{field.label} 'inherit' is meaningful only in {_INHERIT_PLACES}: here {verbatim}; "
                   f"name a model, or remove the entry")
            yield finding(_SELF, ctx, field.pointer, msg, fixable=False)
        elif mf.is_frontmatter(ctx):
            msg = (f"{field.label} 'default' is not an alias in frontmatter: {verbatim}; use 'inherit' "
                   f"for the main conversation's model")
            yield finding(_SELF, ctx, field.pointer, msg, data="inherit")
        elif field.role == "model":
            msg = (f"{field.label} 'default' is not an alias in settings: {verbatim}; remove the key "
                   f"to use the default model")
            yield finding(_SELF, ctx, field.pointer, msg, data=None)._replace(fixable="unsafe")
        else:
            msg = (f"{field.label} 'default' is not an alias here: {verbatim}; name a model, or remove "
                   f"the entry")
            yield finding(_SELF, ctx, field.pointer, msg, fixable=False)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Frontmatter ``default`` -> ``inherit``; settings ``model: default`` -> key removed."""
    if mf.is_frontmatter(ctx):
        value = ctx.fields.get("model")
        if found.pointer != "/model" or not isinstance(value, str) or mf.classify(value).alias != "default":
            return None
        return mf.set_frontmatter(ctx, "model", "inherit")
    value = ctx.data.get("model")
    if found.pointer != "/model" or not isinstance(value, str) or mf.classify(value).alias != "default":
        return None
    data = copy.deepcopy(ctx.data)
    del data["model"]
    return data
