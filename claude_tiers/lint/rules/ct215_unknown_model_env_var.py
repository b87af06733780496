"""CT215 unknown-model-env-var: an ``env`` model variable Claude Code does not read.

**What**: a settings ``env`` entry named like a model variable that does not exist:
``CLAUDE_MODEL`` (a common guess; the variable is ``ANTHROPIC_MODEL``), or a near miss of a
real one (``ANTHROPIC_DEFAULT_SONET_MODEL``, ``CLAUDE_CODE_SUBAGENT_MODLE``).

**Why**: Claude Code silently ignores it (it only passes it on to hooks and tools), so the
model the author chose is never used (anthropics/claude-code#34102).

FAIL::

    {"env": {"CLAUDE_MODEL": "claude-sonnet-4-6"}}

PASS::

    {"env": {"ANTHROPIC_MODEL": "claude-sonnet-4-6"}}

**Fix** (unsafe: the model then really changes): ``CLAUDE_MODEL`` moves to the settings
``model`` key (what its author meant: the session model; ``env.ANTHROPIC_MODEL`` would also
override every other file's ``model``), when ``model`` is not set to another value; a near miss
is renamed to the real variable, when that one is not already set. No fix is made when the
result would hold a new error or warning (a model that is not Claude's, one outside
``availableModels``).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT215"
NAME = "unknown-model-env-var"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]

# Names people use for a variable that exists under another name.
_GUESSES = {"CLAUDE_MODEL": mf.ENV_MODEL}
# ... and the setting that says what they meant, which the fix writes instead.
_MEANT_KEY = {"CLAUDE_MODEL": "model"}


def _known() -> list[str]:
    names = [mf.ENV_MODEL, mf.ENV_DEFAULT_MODEL, mf.ENV_SUBAGENT, mf.ENV_SUBAGENT_FORCE,
             mf.ENV_SMALL_FAST, "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION", "ANTHROPIC_CUSTOM_MODEL_OPTION",
             "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP", "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY",
             "FALLBACK_FOR_ALL_PRIMARY_MODELS"]
    for var in mf.catalog().env_remaps:
        names += [var, f"{var}_NAME", f"{var}_DESCRIPTION", f"{var}_SUPPORTED_CAPABILITIES"]
    return names


def meant(name: str) -> str | None:
    """The real variable an unknown model-variable name most likely meant."""
    if name in _GUESSES:
        return _GUESSES[name]
    if "MODEL" not in name and "MODLE" not in name:
        return None
    known = _known()
    if name in known:
        return None
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.9)
    return close[0] if close else None


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report env entries that look like model variables Claude Code does not have."""
    env = mf.env(ctx)
    for name in env:
        target = meant(name)
        if target is None:
            continue
        key = _MEANT_KEY.get(name) if target not in env else None
        if key is not None:
            fixable = _movable(ctx, name, key)
            advice = (f"to choose the session model, set \"{key}\" (or env.{target}, which also "
                      f"beats every other file's model)")
        else:
            fixable = target not in env
            taken = f" (env.{target} is already set: remove this one)" if target in env else ""
            advice = f"the variable is {target}{taken}"
        yield finding(_SELF, ctx, mf.env_pointer(name),
                      f"env.{name} is not a variable Claude Code reads: it silently ignores it "
                      f"(hooks and tools still see it), so it changes no model; {advice}",
                      fixable=fixable, data=key or target)


def _movable(ctx: LintContext, name: str, key: str) -> bool:
    value = mf.env(ctx).get(name)
    current = ctx.data.get(key)
    return isinstance(value, str) and bool(value.strip()) and current in (None, value)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Move the entry to the setting it meant, or rename it to the real variable."""
    parts = found.pointer.split("/")
    if len(parts) != 3 or not isinstance(found.data, str):
        return None
    name = parts[2].replace("~1", "/").replace("~0", "~")
    key = _MEANT_KEY.get(name)
    if key is not None:
        if found.data != key or not _movable(ctx, name, key):
            return None
        import copy

        data = copy.deepcopy(ctx.data)
        data[key] = data["env"].pop(name)
        if not data["env"]:
            del data["env"]
        return data
    if found.data in mf.env(ctx):
        return None
    if meant(name) != found.data:
        return None
    return mf.rename_env(ctx, name, found.data)
