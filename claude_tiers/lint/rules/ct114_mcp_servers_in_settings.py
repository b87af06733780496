"""CT114 mcp-servers-in-settings: ``mcpServers`` in a settings file, where Claude Code never reads it.

**What**: a ``"mcpServers"`` object in ``.claude/settings.json``, ``settings.local.json``,
``~/.claude/settings.json`` or a managed settings file.

**Why**: Claude Code reads MCP server definitions from ``.mcp.json`` at the project root
(project scope), ``~/.claude.json`` (user and local scope, written by ``claude mcp add``) and
``managed-mcp.json`` (managed). In a settings file the key is silently ignored (docs, "Check
common causes"; observed with 2.1.330: no warning), so none of the servers start. Settings
files only approve or reject ``.mcp.json`` servers (``enabledMcpjsonServers``,
``disabledMcpjsonServers``, ``enableAllProjectMcpServers``).

FAIL (``.claude/settings.json``)::

    {"mcpServers": {"github": {"command": "github-mcp-server"}}}

PASS (``.mcp.json``)::

    {"mcpServers": {"github": {"command": "github-mcp-server"}}}

**Fix**: none automatic: move the object to ``.mcp.json`` (project) or run
``claude mcp add --scope user ...`` (personal servers).
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS_KINDS,
                                    USER_SETTINGS, Finding, LintContext, finding)

CODE = "CT114"
NAME = "mcp-servers-in-settings"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_WHERE = {
    MANAGED_SETTINGS: "managed servers go in managed-mcp.json beside managed-settings.json",
    USER_SETTINGS: "add personal servers with `claude mcp add --scope user` "
                   "(stored in ~/.claude.json)",
    LOCAL_SETTINGS: "move shared servers to .mcp.json at the project root, or add personal ones "
                    "with `claude mcp add --scope local`",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a ``mcpServers`` key in a settings file."""
    if "mcpServers" not in ctx.data:
        return
    servers = ctx.data["mcpServers"]
    count = f" ({len(servers)} server{'s' if len(servers) != 1 else ''})" \
        if isinstance(servers, dict) else ""
    where = _WHERE.get(ctx.kind, "move them to .mcp.json at the project root")
    yield finding(_SELF, ctx, "/mcpServers",
                  f'"mcpServers"{count} is never read from a settings file: Claude Code silently '
                  f"ignores it and starts none of these servers; {where}")
