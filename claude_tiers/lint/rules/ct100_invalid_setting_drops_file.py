"""CT100 invalid-setting-drops-file: a value Claude Code rejects, dropping the whole file.

**What**: every place where the settings do not match what Claude Code accepts and the
consequence is that the whole file is dropped: a wrong type (``"model": 42``), a value
outside an enum (``"defaultMode": "allowEdits"``), a wrong shape (``permissions.allow`` not
an array, a hook ``matcher`` given as an array, a hook without ``command``, an unknown hook
``type``, a non-number ``timeout``). The message is the schema's, at the JSON path.

**Why**: one invalid value makes Claude Code skip the whole file ("These settings did not
load, so nothing in them is in effect"): every permission, hook and model in it silently
stops applying and the next lower layer shows through.

FAIL::

    {"model": "claude-sonnet-4-6", "cleanupPeriodDays": "30"}

PASS::

    {"model": "claude-sonnet-4-6", "cleanupPeriodDays": 30}

**Fix**: none automatic; correct the value named in the message.
Managed settings are checked by CT101: there Claude Code drops the invalid entries one by one.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (DROPPED, LOCAL_SETTINGS, SETTINGS, USER_SETTINGS, Finding,
                                    LintContext, finding)

CODE = "CT100"
NAME = "invalid-setting-drops-file"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """One finding per schema issue whose consequence is dropping the file."""
    if ctx.doc is None:
        return
    from claude_tiers.schema import DROP_FILE

    for issue in ctx.schema_issues():
        if issue.consequence == DROP_FILE:
            yield finding(_SELF, ctx, issue.pointer, f"{_where(issue.pointer)}{issue.message}; "
                          f"{DROPPED}, nothing in it is in effect", data=issue.keyword)


def _where(pointer: str) -> str:
    """``permissions.defaultMode: `` for ``/permissions/defaultMode`` (the path Claude Code prints)."""
    if not pointer:
        return ""
    from claude_tiers.jsonio import split_pointer

    return ".".join(split_pointer(pointer)) + ": "
