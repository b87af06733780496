"""CT604 frontmatter-field-ignored: a frontmatter field that does nothing in this kind of file.

**What**: a field Claude Code reads only elsewhere, or a misspelt field:

- ``name`` and ``paths`` in a command (a command is named after its file; only skills load on
  ``paths``);
- a field of another kind: ``allowed-tools`` or ``when_to_use`` in an agent (agents use
  ``tools`` and ``description``), ``tools`` or ``permissionMode`` in a command or skill;
- a near miss of a real field: ``allowedTools``, ``Model``, ``max_turns``, ``colour``.

Other unknown fields (``version``, ``category``...) are left alone: people keep metadata there.

**Why**: Claude Code silently ignores unknown and misplaced fields. An agent with
``allowed-tools`` instead of ``tools`` gets every tool.

FAIL::

    ---
    name: reviewer
    description: Reviews diffs
    allowed-tools: Read, Grep
    ---

PASS::

    ---
    name: reviewer
    description: Reviews diffs
    tools: Read, Grep
    ---

**Fix**: none automatic (a key rename is not a one-line value edit); rename or remove the field.
"""

from __future__ import annotations

import sys
from typing import Iterator, Mapping

from claude_tiers.lint import fmfields
from claude_tiers.lint.base import AGENT, COMMAND, Finding, LintContext, finding

CODE = "CT604"
NAME = "frontmatter-field-ignored"
SEVERITY = "warning"
APPLIES_TO = fmfields.KINDS
FIX = None
_SELF = sys.modules[__name__]

# The tool-list field is named differently in agents and in skills/commands.
_TOOLS = {
    AGENT: {"allowed-tools": "tools", "allowedtools": "tools", "disallowed-tools": "disallowedTools"},
    "other": {"tools": "allowed-tools", "allowedtools": "allowed-tools",
              "disallowedtools": "disallowed-tools"},
}
_MIN_TYPO_LEN = 5


def _norm(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


def _suggest(kind: str, key: str, known: Mapping[str, object]) -> str | None:
    table = _TOOLS[AGENT] if kind == AGENT else _TOOLS["other"]
    if key in table:
        return table[key]
    if _norm(key) in table:
        return table[_norm(key)]
    by_norm = {_norm(k): k for k in known}
    if _norm(key) in by_norm:
        return by_norm[_norm(key)]
    if len(key) < _MIN_TYPO_LEN:
        return None
    import difflib

    close = difflib.get_close_matches(_norm(key), list(by_norm), n=1, cutoff=0.85)
    return by_norm[close[0]] if close else None


def _owners(key: str, kind: str) -> list[str]:
    return [fmfields.NOUN[k] + "s" for k in sorted(fmfields.KINDS)
            if k != kind and key in fmfields.properties(k) and not fmfields.ignored(k, key)]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report misplaced, ignored and misspelt frontmatter fields."""
    if ctx.frontmatter is None or ctx.kind not in fmfields.KINDS:
        return
    noun = fmfields.NOUN[ctx.kind]
    known = fmfields.properties(ctx.kind)
    for key in ctx.fields:
        if key in known:
            if ctx.kind == COMMAND and fmfields.ignored(ctx.kind, key):
                why = ("a command is named after its file" if key == "name"
                       else "only skills are loaded by path")
                yield finding(_SELF, ctx, "/" + key,
                              f"'{key}' is ignored in a command ({why}): Claude Code silently ignores "
                              f"it; remove it, or make this a skill (.claude/skills/<name>/SKILL.md)")
            continue
        target = _suggest(ctx.kind, key, known)
        owners = _owners(key, ctx.kind)
        if target is None and not owners:
            continue
        what = f"'{key}' is a field of {' and '.join(owners)}, not of {noun}s" if owners \
            else f"'{key}' is not {'an' if noun[0] in 'aeiou' else 'a'} {noun} field"
        effect = "Claude Code silently ignores it"
        if target == "tools" and "tools" not in ctx.fields:
            effect += ", so this agent gets every tool"
        elif target == "allowed-tools" and "allowed-tools" not in ctx.fields:
            effect += ", so no tool is pre-approved"
        advice = f"use '{target}'" if target else "remove it"
        if key == "when_to_use" and ctx.kind == AGENT:
            advice = "fold it into 'description', which is what decides delegation"
        yield finding(_SELF, ctx, "/" + key, f"{what}: {effect}; {advice}")
