"""CT110 unknown-key: a settings key Claude Code does not know, silently ignored.

**What**: a top-level key, or a key inside ``permissions``, that is not a Claude Code setting
(checked against the bundled schema, which follows the docs' key index and Claude Code
2.1.330). When the key looks like a typo of a real one, the message says which (``modle`` ->
``model``, ``Model`` -> ``model``, ``alwaysThinking`` -> ``alwaysThinkingEnabled``).
Keys other rules explain better are left to them: invented names (CT111), permission keys
at the top level and top-level keys inside ``permissions`` (CT112), environment variable
names (CT113), ``mcpServers`` (CT114).

**Why**: Claude Code accepts unknown keys without a word (observed with 2.1.330: no warning
in ``claude -p`` or ``claude doctor``), so a typo silently turns a setting off.

FAIL::

    {"modle": "claude-sonnet-4-6"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix** (unsafe): rename the key to the suggested one, when there is exactly one suggestion
and that key is not already set. Unsafe because the setting then takes effect, which changes
what Claude Code does (that is the point, but review it).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import rename_key_text

CODE = "CT110"
NAME = "unknown-key"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]

_HINTS = {
    "context": "project context goes in CLAUDE.md",
    "rules": "project rules go in CLAUDE.md or .claude/rules/",
    "project": "project notes go in CLAUDE.md",
    "agents": "subagents are Markdown files in .claude/agents/",
    "commands": "custom commands are Markdown files in .claude/commands/ (or skills)",
    "skills": "skills are folders in .claude/skills/<name>/SKILL.md",
    "disabledMcpServers": 'the settings key is "disabledMcpjsonServers"',
    "autoCompactThreshold": "set the CLAUDE_AUTOCOMPACT_PCT_OVERRIDE environment variable in "
                            '"env" instead',
}


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report unknown top-level keys and unknown keys inside ``permissions``."""
    data = ctx.data
    for key in data:
        if keyfacts.top_key_class(key) == "unknown":
            yield _report(ctx, (key,), keyfacts.known_keys(), "")
    perms = data.get("permissions")
    if isinstance(perms, dict):
        for key in perms:
            if keyfacts.permissions_key_class(key) == "unknown":
                yield _report(ctx, ("permissions", key), keyfacts.permission_keys(),
                              "permissions.")


def _report(ctx: LintContext, parts: tuple[str, ...], names: frozenset[str],
            where: str) -> Finding:
    key = parts[-1]
    hint = _HINTS.get(key) if not where else None
    suggestion = keyfacts.suggest(key, names) if hint is None else None
    pointer = join_pointer(parts)
    head = f'unknown key "{where}{key}": Claude Code silently ignores it'
    if suggestion is not None:
        container = _container(ctx.data, parts)
        fixable = container is not None and suggestion not in container
        return finding(_SELF, ctx, pointer,
                       f'{head}; did you mean "{where}{suggestion}"?', fixable=fixable,
                       data=suggestion)
    tail = f" ({hint})" if hint else " (remove it, or check the key's spelling in the docs)"
    return finding(_SELF, ctx, pointer, head + tail, fixable=False)


def _container(data: dict[str, Any], parts: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def fix(ctx: LintContext, found: Finding) -> str | None:
    """Rename the key to the suggestion in place, keeping its value and formatting."""
    if not isinstance(found.data, str):
        return None
    return rename_key_text(ctx, found.pointer, found.data)
