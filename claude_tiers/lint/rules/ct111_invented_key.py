"""CT111 invented-key: a key that blog posts, READMEs or other tools use, but Claude Code does not.

**What**: top-level keys people write for a real setting: ``defaultModel`` (the key is
``model``), ``baseUrl`` (the ``ANTHROPIC_BASE_URL`` environment variable), ``allowedTools`` /
``disallowedTools`` (command-line flags; in settings they are ``permissions.allow`` /
``permissions.deny``), ``ignorePatterns`` (replaced by ``Read(...)`` deny rules), ``apiKey``,
``instructions``...

**Why**: Claude Code silently ignores unknown keys (observed with 2.1.330:
``{"defaultModel": "haiku"}`` still starts on the default model, with no warning), so the
setting the author believes in is not in effect.

FAIL::

    {"defaultModel": "claude-sonnet-4-6"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix** (safe) where there is one place for the value: ``defaultModel`` -> ``model``,
``baseUrl`` -> ``env.ANTHROPIC_BASE_URL``, ``disallowedTools`` -> appended to
``permissions.deny``. When the real key is absent the value moves there; when it is present
with the same value the invented key is removed; when it holds a different value nothing is
changed (the real key is what Claude Code uses today, and which one the author wants is
unclear). ``allowedTools`` is not moved by the fix: that would grant permissions nobody
granted so far (move it by hand after review).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import clone, quote

CODE = "CT111"
NAME = "invented-key"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report each invented top-level key and say where its value belongs."""
    data = ctx.data
    for key, value in data.items():
        if keyfacts.top_key_class(key) != "invented":
            continue
        info = keyfacts.INVENTED[key]
        message = f'"{key}" is not a Claude Code setting and is silently ignored: {info.hint}'
        fixable = False
        if info.target is not None:
            current = _get(data, info.target)
            target = ".".join(info.target)
            if current is _MISSING or (isinstance(current, list) and isinstance(value, list)
                                       and not _same_after_move(info.target, current, value)):
                fixable = info.fixable and _movable(info.target, value)
            elif _same_after_move(info.target, current, value):
                message += f' ("{target}" already holds this value)'
                fixable = info.fixable
            else:
                message += f' ("{target}" = {quote(current)} is what Claude Code uses)'
        yield finding(_SELF, ctx, join_pointer((key,)), message, fixable=fixable, data=key)


_MISSING = object()


def _get(data: dict[str, Any], parts: tuple[str, ...]) -> Any:
    node: Any = data
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return _MISSING
        node = node[part]
    return node


def _movable(target: tuple[str, ...], value: Any) -> bool:
    if target[0] == "env":
        return keyfacts.env_text(value) is not None
    if target[-1] in ("allow", "deny"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return True


def _same_after_move(target: tuple[str, ...], current: Any, value: Any) -> bool:
    if target[0] == "env":
        return keyfacts.env_text(value) is not None and current == keyfacts.env_text(value)
    if isinstance(current, list) and isinstance(value, list):
        return all(item in current for item in value)
    return bool(current == value)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Move the value to the real key (or drop the invented key when it is already there)."""
    key = found.data
    if not isinstance(key, str) or key not in ctx.data or key not in keyfacts.INVENTED:
        return None
    info = keyfacts.INVENTED[key]
    if info.target is None or not info.fixable:
        return None
    new = clone(ctx.data)
    value = new.pop(key)
    if info.target[0] == "env":
        value = keyfacts.env_text(value)
        if value is None:
            return None
    parent: Any = new
    for part in info.target[:-1]:
        if part not in parent:
            parent[part] = {}
        parent = parent[part]
        if not isinstance(parent, dict):
            return None
    if not keyfacts.merge_into(parent, info.target[-1], value):
        return None
    return new
