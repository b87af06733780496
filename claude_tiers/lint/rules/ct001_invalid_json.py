"""CT001 invalid-json: a settings file that is not strict JSON.

**What**: a settings file that Claude Code's strict JSON reader rejects, with the exact
cause: a ``//`` or ``/* */`` comment, a trailing comma, a byte order mark, single quotes, an
unquoted key, an empty file, bytes that are not UTF-8, content after the object, a
truncated file, a value JSON does not have (Python's ``True``/``None``, ``NaN``,
``Infinity``, ``undefined``, an unquoted word) or a number in a form it forbids (``.5``,
``0x10``, ``01``, ``1e``, ``+1``), with what to write instead; or a file that cannot be read
at all (permissions, too large).

**Why**: Claude Code drops the whole file ("These settings did not load, so nothing in
them is in effect") and the next lower settings layer shows through: every permission,
hook and model in the file silently stops applying.

FAIL::

    {
      "model": "claude-sonnet-4-6",   // tier 1
    }

PASS::

    {
      "model": "claude-sonnet-4-6"
    }

Two defects Claude Code 2.1.330 tolerates are reported with a lower severity: a UTF-8 byte
order mark (warning: the file loads, but strict JSON tools such as ``jq`` or
``python -m json.tool`` reject it) and an empty or whitespace-only file (info: it loads as
``{}``, so nothing in it is in effect).

**Fix**: the BOM is removed (safe); anything else by hand, at the position given.
Managed settings files have their own rule (CT008): there the failure stops Claude Code.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (CLAUDE_JSON, DROPPED, LOCAL_SETTINGS, SETTINGS,
                                    UNREAD_SETTINGS, USER_SETTINGS, Finding, LintContext,
                                    finding)

CODE = "CT001"
NAME = "invalid-json"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS, UNREAD_SETTINGS, CLAUDE_JSON})
FIX = "safe"
_SELF = sys.modules[__name__]


def consequence(ctx: LintContext) -> str:
    """What Claude Code does with an unreadable file of this kind."""
    if ctx.kind == UNREAD_SETTINGS:
        return "it cannot be merged into the settings Claude Code reads"
    if ctx.kind == CLAUDE_JSON:
        return "Claude Code cannot use its app state"
    return f"{DROPPED}: nothing in it is in effect"


def tolerated(ctx: LintContext, rule: object) -> Iterator[Finding]:
    """The finding for a defect Claude Code tolerates (shared with CT008)."""
    note = ctx.tolerated
    if note is None:
        return
    if note.kind == "bom":
        yield finding(rule, ctx, "", "file starts with a UTF-8 byte order mark (BOM): Claude Code "
                      "tolerates it and loads the file, but strict JSON tools (jq, "
                      "python -m json.tool, check-jsonschema) reject it; remove it",
                      severity="warning", at=(1, 1), data="bom")
    else:
        yield finding(rule, ctx, "", f"{note.message}: Claude Code reads it as {{}}, so no "
                      "setting in it is in effect", severity="info", fixable=False, at=(1, 1),
                      data="empty")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report why the file did not parse (every cause except a non-object top level)."""
    error = ctx.error
    if error is None:
        yield from tolerated(ctx, _SELF)
        return
    if error.kind in ("not-object", "outside-link"):  # CT002, CT010
        return
    yield finding(_SELF, ctx, "", f"{error.message}; {consequence(ctx)}",
                  at=(error.line or 1, error.column or 1), fixable=False, data=error.kind)


def fix(ctx: LintContext, found: Finding) -> str | None:
    """The text without its byte order mark."""
    if found.data != "bom" or ctx.doc is None:
        return None
    return ctx.doc.text
