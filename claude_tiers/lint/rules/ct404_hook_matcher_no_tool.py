"""CT404 hook-matcher-no-tool: a tool-event matcher naming no existing tool, so it never matches.

**What**: an exact (name or list) ``matcher`` of a tool event (``PreToolUse``,
``PostToolUse``, ...) naming only tools that do not exist, or naming an MCP *server* as if it
were a tool: ``"mcp__github"`` (the tools are ``mcp__github__create_issue``...),
``"MultiEdit"`` (no longer a tool), ``"Frobnicate"``.

**Why**: an exact matcher is compared with whole tool names, so the hooks never run (observed
with 2.1.330: ``"mcp__x"`` and ``"Age"`` never fire). To match every tool of an MCP server,
use the regular expression ``"mcp__github__.*"``. Leftover names beside real ones
(``"Edit|MultiEdit|Write"``) are harmless and not reported.

FAIL::

    {"hooks": {"PreToolUse": [{"matcher": "mcp__github",
        "hooks": [{"type": "command", "command": "./audit.sh"}]}]}}

PASS::

    {"hooks": {"PreToolUse": [{"matcher": "mcp__github__.*",
        "hooks": [{"type": "command", "command": "./audit.sh"}]}]}}

**Fix**: none automatic.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from claude_tiers.lint import hookmatch, permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import quote, schema_flagged

CODE = "CT404"
NAME = "hook-matcher-no-tool"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_LOWER = {name.lower() for name in permrules.KNOWN_TOOLS}


def _alive(name: str) -> bool:
    if name in permrules.KNOWN_TOOLS or name.lower() in _LOWER:  # case: CT401's
        return True
    return name.startswith("mcp__") and "__" in name[5:]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report exact tool-event matchers that cannot match any tool."""
    for group in hookmatch.groups_of(ctx.data):
        matcher = group.matcher
        if group.event not in hookmatch.TOOL_EVENTS or not isinstance(matcher, str) \
                or hookmatch.matches_all(matcher) or not hookmatch.is_exact(matcher):
            continue
        pointer = group.pointer + "/matcher"
        if schema_flagged(ctx, pointer):
            continue
        names = hookmatch.names_of(matcher)
        dead = [n for n in names if not _alive(n)]
        servers = [n for n in dead if n.startswith("mcp__")]
        if not dead or (len(dead) < len(names) and not servers):
            continue
        parts = []
        for name in dead:
            if name.startswith("mcp__"):
                server = name.rstrip("_")
                parts.append(f'"{name}" is a server, not a tool (use "{server}__.*" for its tools)'
                             if server != "mcp" else f'"{name}" names no server or tool')
            elif name in permrules.FORMER_TOOLS:
                parts.append(f'"{name}" is no longer a tool (use "{permrules.FORMER_TOOLS[name]}")')
            else:
                parts.append(f'"{name}" is not a Claude Code tool')
        whole = "never matches" if len(dead) == len(names) else "partly never matches"
        yield finding(_SELF, ctx, pointer,
                      f"{group.event} matcher {quote(matcher)} {whole}: {'; '.join(parts)}; "
                      "exact matchers compare whole tool names, so these hooks never run for it")
