"""CT303 colon-star-not-at-end: the legacy ``:*`` in the middle of a Bash rule, where it is literal.

**What**: a ``Bash(...)`` or ``PowerShell(...)`` rule with ``:*`` anywhere but at the very end
of the specifier, such as ``Bash(git:* push)``.

**Why**: ``:*`` is the legacy "prefix" suffix and means `` *`` only at the end
(``Bash(npm run test:*)`` = ``Bash(npm run test *)``). Elsewhere Claude Code reads the ``:``
literally (docs; observed with 2.1.330: the rule loads without a warning), so
``Bash(git:* push)`` matches ``git:foo push`` and never ``git push`` or ``git -C x push``.

FAIL::

    {"permissions": {"allow": ["Bash(git:* push)"]}}

PASS::

    {"permissions": {"allow": ["Bash(git * push)"]}}

Claude Code does not trim specifiers (observed: ``Agent(general-purpose )`` does not match
the ``general-purpose`` agent), so ``Bash(git push :* )``, with a space after the ``:*``, is
literal too (seen 13 times in one real file).

**Fix** (unsafe): write the rule in the space form: every ``:*`` (with the spaces before it)
becomes `` *`` and trailing spaces go. Unsafe because the rule
starts to match commands: for an allow rule that grants permissions.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import replace_rule, shown

CODE = "CT303"
NAME = "colon-star-not-at-end"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]
_LEGACY = re.compile(r"\s*:\*")


def _middle(spec: str) -> bool:
    body = spec[:-2] if spec.endswith(":*") else spec
    return ":*" in body


def repaired(rule: permrules.PermRule) -> str:
    """The rule in the space form: every ``:*`` (and the spaces before it) becomes `` *``, and
    trailing spaces go (Claude Code does not trim specifiers)."""
    assert rule.spec is not None
    return f"{rule.tool}({_LEGACY.sub(' *', rule.spec.rstrip())})"


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report shell rules with ``:*`` before the end of the specifier."""
    for rule in permrules.rules_of(ctx.data):
        if rule.tool not in permrules.SHELL_TOOLS or rule.spec is None or not _middle(rule.spec):
            continue
        better = repaired(rule)
        where = ("is followed by a space, so it is not the legacy suffix"
                 if rule.spec.rstrip().endswith(":*") and not _middle(rule.spec.rstrip())
                 else "is not at the end")
        yield finding(_SELF, ctx, rule.pointer,
                      f'in "{shown(rule.raw)}" the ":*" {where}: Claude Code reads ":" literally, '
                      f"so the rule never matches the commands it seems to name; write "
                      f'"{shown(better)}"', data=(rule.raw, better))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Rewrite the rule with `` *`` in place of the inner ``:*``."""
    if not isinstance(found.data, tuple):
        return None
    return replace_rule(ctx.data, found.pointer, found.data[0], found.data[1])
