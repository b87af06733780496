"""CT308 path-rule-never-consulted: a path rule on ``Write``, ``NotebookEdit``, ``Glob`` or ``MultiEdit``.

**What**: a rule with a path specifier on a tool whose path rules Claude Code never checks:
``Write(./src/**)``, ``NotebookEdit(*.ipynb)``, ``MultiEdit(./x)`` (file edits are checked
against ``Edit(path)`` rules only) and ``Glob(./src/**)`` (file reads against ``Read(path)``
rules only).

**Why**: the rule is accepted and never used. Claude Code 2.1.330 prints a startup warning
("Write(./secret) is not matched by file permission checks — only Edit(path) rules are"),
but only interactively and easy to miss: a deny rule meant to protect a folder protects
nothing, an allow rule still prompts. ``Edit`` rules cover every file-editing tool, ``Read``
rules every file-reading one. (``MultiEdit`` is not even a tool any more.)

FAIL::

    {"permissions": {"deny": ["Write(./migrations/**)"]}}

PASS::

    {"permissions": {"deny": ["Edit(./migrations/**)"]}}

**Fix** (unsafe): rename the tool (``Write``/``NotebookEdit``/``MultiEdit`` -> ``Edit``,
``Glob`` -> ``Read``), or drop the rule when the renamed one is already in the list. Unsafe
because the rule starts to apply, and an ``Edit`` allow rule also approves every other
editing tool on those paths.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import replace_rule, schema_issue_at, shown

CODE = "CT308"
NAME = "path-rule-never-consulted"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report path rules on tools whose path rules are never checked."""
    for rule in permrules.rules_of(ctx.data):
        target = permrules.UNCONSULTED_PATH_TOOLS.get(rule.tool)
        if target is None or rule.spec is None or schema_issue_at(ctx, rule.pointer):
            continue
        better = f"{target}({rule.spec})"
        kind = "edits" if target == "Edit" else "reads"
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(rule.raw)}" is accepted but never consulted: Claude Code checks file '
                      f"{kind} against {target}(path) rules only ({target} rules cover every file-"
                      f'{"editing" if target == "Edit" else "reading"} tool), so this {rule.list} '
                      f'rule has no effect; write "{shown(better)}"', data=(rule.raw, better))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Rename the tool of the rule (or drop it when the renamed rule exists)."""
    if not isinstance(found.data, tuple):
        return None
    return replace_rule(ctx.data, found.pointer, found.data[0], found.data[1])
