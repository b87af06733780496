"""CT401 hook-matcher-case: a hook matcher that names a tool in the wrong case, so it never matches.

**What**: the ``matcher`` of a ``PreToolUse``, ``PostToolUse``, ``PostToolUseFailure``,
``PermissionRequest`` or ``PermissionDenied`` hook naming a tool in another case than the
tool's own: ``"bash"``, ``"edit|write"``, ``"Bash|webfetch"``.

**Why**: matchers are case-sensitive (observed with 2.1.330: ``"agent"`` and ``"AGENT"`` never
match the ``Agent`` tool, ``"Agent"`` does). The hook is accepted without a warning and never
runs for that tool: a formatter that never formats, a guard that never guards.

FAIL::

    {"hooks": {"PostToolUse": [{"matcher": "edit|write",
        "hooks": [{"type": "command", "command": "npx prettier --write ."}]}]}}

PASS::

    {"hooks": {"PostToolUse": [{"matcher": "Edit|Write",
        "hooks": [{"type": "command", "command": "npx prettier --write ."}]}]}}

**Fix** (safe): write the tool names in their own case. The hook then runs as written.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from claude_tiers.lint import hookmatch, permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import get_at, quote, replace_scalar_text, schema_flagged

CODE = "CT401"
NAME = "hook-matcher-case"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]

_BY_LOWER = {name.lower(): name for name in permrules.KNOWN_TOOLS}


def wrong_case(matcher: str) -> dict[str, str]:
    """Names in the matcher that are a tool's name in another case -> the tool's name."""
    if hookmatch.matches_all(matcher):
        return {}
    words = hookmatch.names_of(matcher) if hookmatch.is_exact(matcher) \
        else hookmatch.regex_words(matcher)
    out = {}
    for word in words:
        tool = _BY_LOWER.get(word.lower())
        if tool is not None and tool != word and not word.startswith("mcp__"):
            out[word] = tool
    return out


def corrected(matcher: str, fixes: dict[str, str]) -> str:
    """The matcher with each wrongly cased name replaced."""
    for word, tool in fixes.items():
        matcher = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", tool, matcher)
    return matcher


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report wrongly cased tool names in tool-event matchers."""
    for group in hookmatch.groups_of(ctx.data):
        if group.event not in hookmatch.TOOL_EVENTS or not isinstance(group.matcher, str):
            continue
        pointer = group.pointer + "/matcher"
        fixes = wrong_case(group.matcher)
        if not fixes or schema_flagged(ctx, pointer):
            continue
        names = ", ".join(f'"{w}" (the tool is "{t}")' for w, t in fixes.items())
        better = corrected(group.matcher, fixes)
        yield finding(_SELF, ctx, pointer,
                      f"{group.event} matcher {quote(group.matcher)} never matches {names}: tool "
                      f"names are case-sensitive, so these hooks never run for it; write "
                      f"{quote(better)}", data=(group.matcher, better))


def fix(ctx: LintContext, found: Finding) -> str | None:
    """Rewrite the matcher with the tools' own case (in place)."""
    if not isinstance(found.data, tuple) or get_at(ctx.data, found.pointer) != found.data[0]:
        return None
    return replace_scalar_text(ctx, found.pointer, found.data[1])
