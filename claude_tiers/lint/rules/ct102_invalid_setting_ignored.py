"""CT102 invalid-setting-ignored: a value Claude Code does not check and silently does not use.

**What**: every place where a setting has a value Claude Code cannot use but does not reject
either: ``effortLevel`` outside ``low|medium|high|xhigh`` (``"max"``, ``"ultracode"``, ``3``),
``env.CLAUDE_CODE_EFFORT_LEVEL`` outside ``low|medium|high|xhigh|max|auto``, ``editorMode``
other than ``normal|vim``, a ``fallbackModel`` of more than 3 models, a wrong type for one
of the ~55 keys the schema marks ``x-on-invalid: ignored``. (A non-string ``env`` value is
not ignored but converted to text: CT103.) The message gives the JSON path, the allowed values and, when one
is close, a did-you-mean.

**Why**: no warning at start-up, in ``claude -p`` or in ``claude doctor`` (observed with
Claude Code 2.1.330): the session simply runs as if the key were not set
(``effortLevel: "max"`` runs at the model's default effort, ``medium`` for Opus), so the
setting looks in force and is not.

FAIL::

    {"effortLevel": "max"}

PASS::

    {"env": {"CLAUDE_CODE_EFFORT_LEVEL": "max"}}

**Fix**: none automatic; use one of the allowed values named in the message.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT102"
NAME = "invalid-setting-ignored"
SEVERITY = "error"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_EFFECT = "Claude Code silently ignores this value (no warning) and runs as if it were not set"

# Values that are right somewhere else: say where.
_HINTS: dict[tuple[str, object], str] = {
    ("/effortLevel", "max"): 'effortLevel cannot persist "max": set env.CLAUDE_CODE_EFFORT_LEVEL '
                             'to "max" instead',
    ("/effortLevel", "auto"): 'effortLevel cannot hold "auto": set env.CLAUDE_CODE_EFFORT_LEVEL '
                              'to "auto", or remove the key',
}


def _suggestion(pointer: str, value: object, allowed: list[object]) -> str:
    hint = _HINTS.get((pointer, value)) if isinstance(value, str) else None
    if hint is not None:
        return f"; {hint}"
    strings = [v for v in allowed if isinstance(v, str)]
    if isinstance(value, str) and strings:
        from claude_tiers.lint.keyfacts import suggest

        close = suggest(value, set(strings))
        if close is not None and close != value:
            return f'; did you mean "{close}"?'
    if isinstance(value, (int, float)) and not isinstance(value, bool) and strings:
        as_text = str(value)
        if as_text in strings:
            return f'; did you mean the string "{as_text}"?'
    return ""


def check(ctx: LintContext) -> Iterator[Finding]:
    """One finding per schema issue whose consequence is that Claude Code ignores the value."""
    if ctx.doc is None:
        return
    from claude_tiers.jsonio import split_pointer
    from claude_tiers.lint.rules.ct100_invalid_setting_drops_file import _where
    from claude_tiers.lint.ruletools import get_at, quote
    from claude_tiers.schema import IGNORED, allowed_values

    for issue in ctx.schema_issues():
        if issue.consequence != IGNORED:
            continue
        parts = split_pointer(issue.pointer)
        value = get_at(ctx.data, issue.pointer)
        allowed = allowed_values(parts) if parts else []
        message, effect = issue.message, _EFFECT
        if issue.keyword == "maxItems" and isinstance(value, list):
            message = f"{len(value)} models, more than the 3 Claude Code tries"
            effect = ("Claude Code accepts the list without a warning and never tries the models "
                      "after the third (counted after removing repeats); remove the extra ones")
        elif allowed and issue.keyword != "enum":
            message += f" (allowed: {', '.join(quote(v) for v in allowed)})"
        message += _suggestion(issue.pointer, value, allowed)
        yield finding(_SELF, ctx, issue.pointer, f"{_where(issue.pointer)}{message}; {effect}",
                      data=issue.keyword)
