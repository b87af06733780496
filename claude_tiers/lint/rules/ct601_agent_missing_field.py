"""CT601 agent-missing-field: an agent without a usable ``name`` or ``description``.

**What**: a subagent file (``.claude/agents/**/*.md``) without a frontmatter block, or whose
frontmatter lacks ``name`` or ``description``, or has one of them empty or not a string
(``name: { { memory name } }`` is a YAML mapping, not a string).

**Why**: both are required. Claude Code skips such a file silently (the reason appears only in a
``--debug-file`` log) and the agent is simply unavailable; the file name is never used as a
name.

FAIL::

    ---
    name: reviewer
    model: sonnet
    ---

PASS::

    ---
    name: reviewer
    description: Reviews a diff for bugs before commit
    model: sonnet
    ---

**Fix** (unsafe, ``name`` only: the agent becomes visible under a name you did not choose):
``name`` set to the file name when that is a valid agent name. A description has to be written.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator

from claude_tiers.lint.base import AGENT, Finding, LintContext, finding

CODE = "CT601"
NAME = "agent-missing-field"
SEVERITY = "error"
APPLIES_TO = frozenset({AGENT})
FIX = "unsafe"
_SELF = sys.modules[__name__]
_NAME_FROM_FILE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def _name_from_file(ctx: LintContext) -> str | None:
    stem = ctx.stem
    return stem if _NAME_FROM_FILE.match(stem) else None


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a missing, empty or non-string ``name`` or ``description``."""
    skipped = "Claude Code skips this agent silently (the reason shows only in a --debug-file log)"
    if ctx.frontmatter is None:
        if ctx.error is None:  # a YAML error is CT009's
            yield finding(_SELF, ctx, "", f"agent file has no frontmatter, so no name and no "
                          f"description: {skipped}; start it with a --- block holding name and "
                          f"description", at=(1, 1), fixable=False)
        return
    for key, hint in (("name", "add name: <lowercase-with-hyphens>"),
                      ("description", "add description: <when Claude should delegate to it>")):
        value = ctx.fields.get(key)
        if key not in ctx.fields:
            problem = f"agent has no '{key}'"
        elif not isinstance(value, str):
            problem = f"agent '{key}' is not a string ({type(value).__name__})"
        elif not value.strip():
            problem = f"agent '{key}' is empty"
        else:
            continue
        fixable = key == "name" and key not in ctx.fields and _name_from_file(ctx) is not None
        if fixable:
            hint = f"add name: {_name_from_file(ctx)}"
        yield finding(_SELF, ctx, "/" + key, f"{problem}: {skipped}; {hint}", fixable=fixable)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Add ``name`` from the file name."""
    from claude_tiers.lint.modelfields import set_frontmatter

    name = _name_from_file(ctx)
    if found.pointer != "/name" or "name" in ctx.fields or name is None:
        return None
    return set_frontmatter(ctx, "name", name)
