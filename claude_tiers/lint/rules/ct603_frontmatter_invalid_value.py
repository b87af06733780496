"""CT603 frontmatter-invalid-value: a frontmatter field Claude Code ignores because of its value.

**What**: an agent, command or skill frontmatter field whose value the bundled frontmatter schema
rejects: ``effort`` outside ``low|medium|high|xhigh|max``, ``color`` outside
``red|blue|green|yellow|purple|orange|pink|cyan``, an unknown ``permissionMode``, a non-string
``model``, ``maxTurns: 0``, a malformed ``hooks`` block... ``name`` and ``description`` of agents
are CT601/CT602's; model strings are checked by the CT2xx rules.

A value that makes Claude Code refuse the whole agent is reported too, with that consequence:
a malformed ``hooks`` block (``hooks: 5``, ``hooks: {PreToolUse: 5}``) makes the agent fail to
load (observed in 2.1.330's ``--debug-file`` log: "Invalid hooks in agent", "Agent ... not
loaded"), so it is missing from the session's agents.

**Why**: Claude Code drops just that field, silently: the agent inherits the main model, runs at
the session's effort, in the default permission mode, with no colour. A bad display-only field
(``color``, ``argument-hint``, ``license``...) is a warning; the others change what the agent
does (error). ``argument-hint: [message]``, the docs' own example, parses as a YAML list and is
not reported.

FAIL::

    ---
    name: reviewer
    description: Reviews diffs
    effort: extreme
    ---

PASS::

    ---
    name: reviewer
    description: Reviews diffs
    effort: high
    ---

**Fix** (safe): a value that differs from an allowed one only in case (``High`` -> ``high``,
``acceptedits`` -> ``acceptEdits``).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import fmfields
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT603"
NAME = "frontmatter-invalid-value"
SEVERITY = "error"
APPLIES_TO = fmfields.KINDS
FIX = "safe"
_SELF = sys.modules[__name__]

_CONSEQUENCE = {
    "model": "the main conversation's model is used instead",
    "effort": "the session's effort applies instead",
    "color": "no colour is shown",
    "permissionMode": "the session's permission mode applies instead",
    "tools": "every tool is allowed",
    "allowed-tools": "no tool is pre-approved",
}
# Fields that only change what is displayed: a bad value there is a warning.
_COSMETIC = frozenset({"color", "argument-hint", "license", "compatibility", "metadata"})


def _documented_form(key: str, value: object) -> bool:
    """``argument-hint: [message]`` (the docs' own example) is a YAML list; not reported."""
    return key == "argument-hint" and isinstance(value, list) and all(isinstance(v, str) for v in value)


def _case_fix(ctx: LintContext, key: str) -> str | None:
    value = ctx.fields.get(key)
    if not isinstance(value, str):
        return None
    matches = [v for v in fmfields.enum(ctx.kind, key) if v.lower() == value.strip().lower()]
    return matches[0] if len(matches) == 1 and matches[0] != value else None


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report every field the frontmatter schema says Claude Code ignores."""
    from claude_tiers.redact import redact
    from claude_tiers.schema import DROP_FILE, SKIP_ENTRY

    seen: set[str] = set()
    for issue in fmfields.issues(ctx):
        if issue.consequence not in (SKIP_ENTRY, DROP_FILE) or not issue.pointer:
            continue  # a missing agent name/description: CT601
        key = issue.pointer.split("/")[1].replace("~1", "/").replace("~0", "~")
        if issue.consequence == DROP_FILE:
            if key in ("name", "description") or key in seen:
                continue  # a bad agent name/description: CT601/CT602
            seen.add(key)
            noun = fmfields.NOUN.get(ctx.kind, "file")
            yield finding(_SELF, ctx, issue.pointer, redact(
                f"{issue.pointer[1:].replace('/', '.')}: {issue.message}: Claude Code does not "
                f"load this {noun} at all (the reason shows only in a --debug-file log), so it "
                f"is missing from every session; fix or remove the {key} block"), fixable=False)
            continue
        if key in seen or _documented_form(key, ctx.fields.get(key)):
            continue  # one report per field
        seen.add(key)
        then = _CONSEQUENCE.get(key, "it has no effect")
        new = _case_fix(ctx, key)
        hint = f"; write '{new}'" if new else ""
        yield finding(_SELF, ctx, issue.pointer,
                      redact(f"{key}: {issue.message}: Claude Code silently ignores the field, so "
                             f"{then}{hint}"),
                      severity="warning" if key in _COSMETIC else None, fixable=new is not None,
                      data=new)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | str | None:
    """Correct the case of an enum value."""
    from claude_tiers.lint.modelfields import set_frontmatter

    key = found.pointer.strip("/")
    new = _case_fix(ctx, key)
    if new is None or new != found.data:
        return None
    return set_frontmatter(ctx, key, new)
