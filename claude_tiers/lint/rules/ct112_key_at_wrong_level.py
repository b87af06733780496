"""CT112 key-at-wrong-level: a permission key at the top level, or a top-level key inside ``permissions``.

**What**: ``allow``, ``deny``, ``ask``, ``defaultMode``, ``additionalDirectories`` or
``disableBypassPermissionsMode`` written at the top level of a settings file instead of
inside ``"permissions"`` (seen in real files), and the reverse: a top-level setting such as
``model``, ``env`` or ``hooks`` written inside ``"permissions"``.

**Why**: Claude Code reads these keys only at their own level and silently ignores them
elsewhere (observed with 2.1.330: a top-level ``"allow"`` or ``"defaultMode"`` is accepted
without a warning and has no effect). The deny rules the author wrote do not protect
anything; the mode is not the one they chose.

FAIL::

    {"defaultMode": "plan", "deny": ["Read(./.env)"]}

PASS::

    {"permissions": {"defaultMode": "plan", "deny": ["Read(./.env)"]}}

**Fix** (unsafe): move the key to its level (never when the value would then be rejected by
Claude Code, which could drop the whole file). Lists are merged with the rules already there
(missing ones appended); a scalar or object that is already set elsewhere with the same
value is just removed; a different value is left for a human (Claude Code uses the one at
the right level today). Unsafe because the moved entries start to apply: an ``allow`` list
grants permissions and ``defaultMode`` changes how every session starts, so review them.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import clone, quote, keeps_file

CODE = "CT112"
NAME = "key-at-wrong-level"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report permission keys at the top level and top-level keys inside ``permissions``."""
    data = ctx.data
    perms = data.get("permissions")
    perms_dict = perms if isinstance(perms, dict) else None
    for key, value in data.items():
        if keyfacts.top_key_class(key) != "permission":
            continue
        message = (f'"{key}" belongs inside "permissions": at the top level Claude Code silently '
                   "ignores it")
        if perms_dict is not None and key in perms_dict and not _mergeable(perms_dict[key], value):
            message += (f' (permissions.{key} = {quote(perms_dict[key])} is what Claude Code '
                        "uses)")
        yield finding(_SELF, ctx, join_pointer((key,)), message,
                      fixable=_moved(data, "up", key) is not None, data=("up", key))
    if perms_dict is None:
        return
    for key, value in perms_dict.items():
        if keyfacts.permissions_key_class(key) != "top":
            continue
        message = (f'"{key}" is a top-level setting: inside "permissions" Claude Code silently '
                   "ignores it; move it out")
        if key in data and not _mergeable(data[key], value):
            message += f' (the top-level "{key}" is what Claude Code uses)'
        yield finding(_SELF, ctx, join_pointer(("permissions", key)), message,
                      fixable=_moved(data, "down", key) is not None, data=("down", key))


def _mergeable(current: Any, value: Any) -> bool:
    trial = {"k": clone({"v": current})["v"]}
    return keyfacts.merge_into(trial, "k", value)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Move the key to its level, merging with what is there."""
    if not (isinstance(found.data, tuple) and len(found.data) == 2):
        return None
    direction, key = found.data
    return _moved(ctx.data, direction, key)


def _moved(data: dict[str, Any], direction: str, key: str) -> dict[str, Any] | None:
    new = clone(data)
    if direction == "up":
        if key not in new:
            return None
        perms = new.setdefault("permissions", {})
        if not isinstance(perms, dict) or not keyfacts.merge_into(perms, key, new[key]):
            return None
        del new[key]
        return new if keeps_file(data, new) else None
    perms = new.get("permissions")
    if not isinstance(perms, dict) or key not in perms:
        return None
    if not keyfacts.merge_into(new, key, perms[key]):
        return None
    del perms[key]
    return new if keeps_file(data, new) else None
