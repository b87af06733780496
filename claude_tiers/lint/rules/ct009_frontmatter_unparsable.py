"""CT009 frontmatter-unparsable: agent, command or skill frontmatter that does not parse.

**What**: a ``---`` block that never closes, YAML that does not parse even with Claude
Code's fallback (an unclosed quote, a tab indent, a duplicate key, a broken block scalar), a
block that is not a mapping, a file that is not UTF-8 or cannot be read. (One-line values
holding ``: ``, `` #`` or brackets are not reported here: Claude Code's fallback reads them as
plain strings, except in CRLF files.)

**Why**: Claude Code cannot read the fields: a subagent is skipped without a word (it only
shows in ``--debug`` logs), a skill is not offered, a command loses its ``model``,
``allowed-tools`` and ``description``.

FAIL::

    ---
    name: reviewer
    description: "Reviews code
    ---

PASS::

    ---
    name: reviewer
    description: "Reviews code"
    ---

**Fix**: none automatic; fix the YAML at the position given.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (AGENT, COMMAND, FLAT_SKILL, FRONTMATTER_KINDS, SKILL,
                                    Finding, LintContext, finding)

CODE = "CT009"
NAME = "frontmatter-unparsable"
SEVERITY = "error"
APPLIES_TO = FRONTMATTER_KINDS
FIX = None
_SELF = sys.modules[__name__]

_EFFECT = {
    AGENT: "Claude Code skips this agent silently",
    SKILL: "Claude Code does not load this skill",
    FLAT_SKILL: "Claude Code could not read this skill even once moved",
    COMMAND: "Claude Code cannot read this command's fields (model, allowed-tools, description)",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report why the frontmatter could not be read."""
    error = ctx.error
    if error is None or error.kind == "outside-link":  # CT010
        return
    yield finding(_SELF, ctx, "", f"{error.message}; {_EFFECT.get(ctx.kind, _EFFECT[COMMAND])}",
                  at=(error.line or 1, error.column or 1), data=error.kind)
