"""CT311 unknown-tool: a permission rule naming a tool Claude Code does not have.

**What**: a rule whose tool name is not one of Claude Code 2.1.330's tools (``Frobnicate``,
``LS``, ``MultiEdit``, ``SlashCommand``, ``NotebookRead``...), or a tool-name wildcard that
matches no tool at all (``"*.pem"`` in ``deny``: a file pattern written without ``Read(...)``).
MCP rules (``mcp__server__tool``) are not checked: their tools depend on the servers.

**Why**: as a ``deny`` or ``ask`` rule, Claude Code prints a startup warning ("matches no known
tool — check for typos") and the rule blocks nothing; as an ``allow`` rule it is accepted
silently and approves nothing (observed with 2.1.330). Names of tools that older versions had
(``MultiEdit``, ``LS``) are kept in the message with their replacement.

FAIL::

    {"permissions": {"deny": ["LS", ".env"]}}

PASS::

    {"permissions": {"deny": ["Glob", "Read(./.env)"]}}

**Fix**: none automatic (the right rule depends on what was meant).
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from claude_tiers.lint import keyfacts, permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import schema_issue_at, shown

CODE = "CT311"
NAME = "unknown-tool"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_EFFECT = {
    "deny": "Claude Code warns at startup that it matches no known tool, and it blocks nothing",
    "ask": "Claude Code warns at startup that it matches no known tool, and it never asks",
    "allow": "Claude Code accepts it silently and it approves nothing",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report rules whose tool does not exist."""
    for rule in permrules.rules_of(ctx.data):
        tool = rule.tool
        if tool.startswith("mcp__") or tool in permrules.KNOWN_TOOLS or not tool \
                or schema_issue_at(ctx, rule.pointer) or not permrules.well_formed(rule):
            continue
        if rule.tool in permrules.UNCONSULTED_PATH_TOOLS and rule.spec is not None:
            continue  # CT308 says it better
        if "*" in tool:
            if _glob_matches_a_tool(tool):
                continue
            hint = (" (a file pattern needs a tool: Read(...) or Edit(...))"
                    if re.search(r"[./]", tool) else "")
            yield finding(_SELF, ctx, rule.pointer,
                          f'the tool-name wildcard in "{shown(rule.raw)}" matches no tool, so this '
                          f"{rule.list} rule has no effect{hint}")
            continue
        former = permrules.FORMER_TOOLS.get(tool)
        if former is not None:
            hint = f'; {tool} is no longer a tool (use "{former}")'
        elif re.search(r"[./]", tool):
            hint = "; a file pattern needs a tool: Read(...) or Edit(...)"
        else:
            guess = keyfacts.suggest(tool, set(permrules.KNOWN_TOOLS))
            hint = f'; did you mean "{guess}"?' if guess else ""
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(tool)}" is not a Claude Code tool: {_EFFECT[rule.list]}{hint}')


def _glob_matches_a_tool(tool: str) -> bool:
    pattern = re.compile(".*".join(re.escape(p) for p in tool.split("*")))
    return any(pattern.fullmatch(name) for name in permrules.KNOWN_TOOLS) \
        or bool(pattern.fullmatch("mcp__server__tool"))
