"""CT004 unread-settings-file: settings in a file Claude Code never reads.

**What**: ``claude_settings.json`` (a name popular advice gives) and
``.claude/settings.jsonc``; also any other explicitly named file that is not a settings
file name (``settings.json.bak``, ``notes.txt``). A file named explicitly that holds a JSON
object is also linted as the settings file its name points to (``settings.local.json.bak``
as local settings, others as project settings), and the message says which: a candidate
checked before it is renamed gets the findings it would get in place (reported, not fixed).
Backups in a searched folder are not linted at all.

**Why**: Claude Code reads ``.claude/settings.json``, ``.claude/settings.local.json``,
``~/.claude/settings.json`` and managed settings, nothing else. Every key in this file has no
effect, without a word.

FAIL: a file ``claude_settings.json`` next to ``.claude/``::

    {"model": "claude-sonnet-4-6"}

PASS: the same content in ``.claude/settings.json``.

**Fix** (unsafe): merge its keys into the project's ``.claude/settings.json`` (created when
absent; lists are unioned) and delete it. Refused when ``.claude/settings.json`` already sets
one of its keys to another value, or when it is not strict JSON. Unsafe because the keys then
take effect.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS, UNREAD_SETTINGS,
                                    USER_SETTINGS, Finding, LintContext, finding)
from claude_tiers.lint.fileops import FileOps, MergeInto

CODE = "CT004"
NAME = "unread-settings-file"
SEVERITY = "error"
APPLIES_TO = frozenset({UNREAD_SETTINGS})
FIX = "unsafe"
_SELF = sys.modules[__name__]


def merge_target(ctx: LintContext) -> str | None:
    """The settings file this file's keys belong in (None for backups and other leftovers)."""
    path = str(ctx.path)
    name = os.path.basename(path)
    folder = os.path.dirname(path)
    if name == "claude_settings.json":
        return os.path.join(folder, ".claude", "settings.json")
    if name == "settings.jsonc" and os.path.basename(folder) == ".claude":
        return os.path.join(folder, "settings.json")
    return None


_AS = {
    SETTINGS: ("project settings", ".claude/settings.json"),
    LOCAL_SETTINGS: ("local settings", ".claude/settings.local.json"),
    USER_SETTINGS: ("user settings", "~/.claude/settings.json"),
    MANAGED_SETTINGS: ("managed settings", "managed-settings.json"),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report the file itself, and which kind of settings file it was also checked as."""
    target = merge_target(ctx)
    kind_name, default = _AS.get(ctx.lint_as or SETTINGS, _AS[SETTINGS])
    shown = os.path.join(os.path.dirname(ctx.display), os.path.relpath(
        target, os.path.dirname(str(ctx.path)))) if target else default
    what = os.path.basename(ctx.display)
    message = (f"Claude Code never reads {what}: none of its settings are in effect; "
               f"they belong in {os.path.normpath(shown)}")
    if ctx.candidate is not None:
        message += (f" (linted as {kind_name}: the other findings say what Claude Code would "
                    f"do with it as {default})")
    fixable = target is not None and ctx.doc is not None and bool(ctx.data)
    yield finding(_SELF, ctx, "", message, at=(1, 1), fixable=fixable)


def fix(ctx: LintContext, found: Finding) -> FileOps | None:
    """Merge the keys into the settings file Claude Code reads, then delete this one."""
    target = merge_target(ctx)
    if target is None or ctx.doc is None or ctx.doc.has_duplicates:
        return None
    return FileOps(CODE, f"merge {ctx.display} into {target} and delete it",
                   (MergeInto(str(ctx.path), target, ctx.data),))
