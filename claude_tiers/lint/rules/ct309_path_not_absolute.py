"""CT309 path-not-absolute: ``Read(/Users/...)`` or ``Edit(/home/...)`` written as if absolute.

**What**: a ``Read`` or ``Edit`` rule whose path starts with a single ``/`` followed by a
folder that only exists at the root of a disk: ``/Users/``, ``/home/``, ``/root/``,
``/Volumes/``, ``/mnt/``, ``/private/``.

**Why**: in permission rules a path starting with one ``/`` is relative to the settings
file's own root (the project folder for project settings, ``~/.claude/`` for user settings);
an absolute path needs two: ``//Users/alice/...``. ``Read(/Users/alice/.ssh/**)`` as a deny
rule protects ``<project>/Users/alice/.ssh``, which does not exist, and leaves the real
``~/.ssh`` readable. Claude Code accepts the rule without a word.

FAIL::

    {"permissions": {"deny": ["Read(/Users/alice/.ssh/**)"]}}

PASS::

    {"permissions": {"deny": ["Read(//Users/alice/.ssh/**)", "Read(~/.ssh/**)"]}}

**Fix** (unsafe): add the second ``/``. Unsafe because the rule then matches real files:
for an allow rule, that grants access outside the project.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lazyre import LazyPattern
from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, USER_SETTINGS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import replace_rule, schema_issue_at, shown

CODE = "CT309"
NAME = "path-not-absolute"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]

_ROOT_ONLY = LazyPattern(r"^/(Users|home|root|Volumes|mnt|private)(/|$)")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report Read/Edit paths that look absolute but are relative to the settings root."""
    base = "~/.claude/" if ctx.kind == USER_SETTINGS else "the project folder"
    for rule in permrules.rules_of(ctx.data):
        if rule.tool not in permrules.CONSULTED_PATH_TOOLS or rule.spec is None \
                or not _ROOT_ONLY.match(rule.spec) or schema_issue_at(ctx, rule.pointer):
            continue
        better = f"{rule.tool}(/{rule.spec})"
        yield finding(_SELF, ctx, rule.pointer,
                      f'"{shown(rule.raw)}" is not an absolute path: a single leading "/" is relative to '
                      f"{base}, so this {rule.list} rule matches nothing you meant; write "
                      f'"{shown(better)}" (two slashes) for the absolute path', data=(rule.raw, better))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Make the path absolute (``//``)."""
    if not isinstance(found.data, tuple):
        return None
    return replace_rule(ctx.data, found.pointer, found.data[0], found.data[1])
