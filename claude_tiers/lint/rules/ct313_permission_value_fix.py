"""CT313 permission-value-fix: the fix for a permission value the schema rejects (reported by CT100).

**What**: companion of the schema rule for the values with one obvious correction:
``"disableBypassPermissionsMode": true`` and ``"disableAutoMode": true`` (the keys take the
string ``"disable"``; ``false`` means "not disabled", which is the default) and
``defaultMode`` values that differ from a real mode only in case or separators
(``"AcceptEdits"``, ``"accept_edits"``) or are a known confusion (``"allowEdits"``, seen in
real files).

**Why**: Claude Code drops the whole file for these values (CT100 says so); this finding only
points at the correction, so that ``--fix`` can apply it. It is info so as not to count the
same problem twice.

FAIL::

    {"permissions": {"disableBypassPermissionsMode": true}}

PASS::

    {"permissions": {"disableBypassPermissionsMode": "disable"}}

**Fix** (safe): ``true`` -> ``"disable"``; ``false`` -> key removed; the mode -> the real mode.
The file then loads again, as its author meant.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator

from claude_tiers.jsonio import split_pointer
from claude_tiers.lint.base import (MANAGED_SETTINGS, SETTINGS_KINDS, Finding, LintContext,
                                    finding)
from claude_tiers.lint.ruletools import clone, get_at, quote, schema_issue_at

CODE = "CT313"
NAME = "permission-value-fix"
SEVERITY = "info"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]

_MODES = ("acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan")
_CONFUSED = {"allowedits": "acceptEdits", "acceptedit": "acceptEdits",
             "planmode": "plan"}
_REMOVE = object()


def _mode_for(value: str) -> str | None:
    key = re.sub(r"[^a-z]", "", value.lower())
    for mode in _MODES:
        if mode.lower() == key:
            return mode
    return _CONFUSED.get(key)


def _correction(pointer: str, value: Any) -> Any:
    """The corrected value (``_REMOVE`` to delete the key), or None when there is none."""
    if pointer.endswith(("/disableBypassPermissionsMode", "/disableAutoMode")):
        if value is True or value == "true":
            return "disable"
        if value is False or value == "false":
            return _REMOVE
        return None
    if pointer == "/permissions/defaultMode" and isinstance(value, str):
        return _mode_for(value)
    return None


_POINTERS = ("/permissions/defaultMode", "/permissions/disableBypassPermissionsMode",
             "/permissions/disableAutoMode", "/disableAutoMode")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Offer the correction for a rejected permission value."""
    effect = ("Claude Code ignores this managed entry for it" if ctx.kind == MANAGED_SETTINGS
              else "Claude Code drops the file for it")
    for pointer in _POINTERS:
        value = get_at(ctx.data, pointer)
        if value is None or not schema_issue_at(ctx, pointer):
            continue
        fixed = _correction(pointer, value)
        if fixed is None:
            continue
        todo = "remove the key (not disabling is the default)" if fixed is _REMOVE \
            else f"write {quote(fixed)}"
        yield finding(_SELF, ctx, pointer,
                      f"fix for the value {quote(value)} ({effect}, see CT100): {todo}",
                      data=value)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Apply the correction."""
    value = get_at(ctx.data, found.pointer)
    if value is None or value != found.data:
        return None
    fixed = _correction(found.pointer, value)
    if fixed is None:
        return None
    new = clone(ctx.data)
    parts = split_pointer(found.pointer)
    parent: Any = new
    for part in parts[:-1]:
        parent = parent[part]
    if fixed is _REMOVE:
        del parent[parts[-1]]
    else:
        parent[parts[-1]] = fixed
    return new
