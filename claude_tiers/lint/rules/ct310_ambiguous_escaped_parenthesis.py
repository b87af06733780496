r"""CT310 ambiguous-escaped-parenthesis: ``\(`` beside unbalanced parentheses; Claude Code skips the rule.

**What**: a permission rule whose specifier has an escaped ``\(`` or ``\)`` while its
unescaped parentheses do not pair up, such as ``Bash(echo \(foo) (bar))`` or
``Read(./a\(b) c)``.

**Why**: Claude Code 2.1.330 cannot tell which parentheses are literal and skips the rule
with the Settings Warning "Ambiguous "\(" or "\)" beside an unescaped parenthesis" (observed;
``Bash(echo \(a\) (b))``, with balanced unescaped parentheses, loads). The rest of the file
still applies; the rule does not. Such rules come from approving commands that contain
parentheses (``python -c "print(1)"``).

FAIL::

    {"permissions": {"allow": ["Bash(echo \\(foo) (bar))"]}}

PASS::

    {"permissions": {"allow": ["Bash(echo \\(foo\\) \\(bar\\))"]}}

When the schema already reports the skipped rule (CT101), this rule only offers the fix, as
info, without repeating the message.

**Fix** (unsafe): escape every unescaped parenthesis of the specifier, which keeps the
literal command and makes the rule load. Unsafe because a skipped allow rule then starts to
grant. (In ``Read``/``Edit`` paths, a ``\`` that is a Windows separator should rather become
``/``: review.)
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import replace_rule, schema_issue_at, shown

CODE = "CT310"
NAME = "ambiguous-escaped-parenthesis"
SEVERITY = "error"
APPLIES_TO = SETTINGS_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def escape_all(spec: str) -> str:
    """The specifier with every unescaped parenthesis escaped."""
    out = []
    i = 0
    while i < len(spec):
        char = spec[i]
        if char == "\\" and i + 1 < len(spec) and spec[i + 1] in "()\\":
            out.append(spec[i:i + 2])
            i += 2
            continue
        out.append("\\" + char if char in "()" else char)
        i += 1
    return "".join(out)


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report rules Claude Code skips as ambiguous (or, when the schema rule CT101 already
    reports the skip, only offer the fix)."""
    for rule in permrules.rules_of(ctx.data):
        if rule.spec is None or not permrules.ambiguous_escape(rule.spec):
            continue
        better = f"{rule.tool}({escape_all(rule.spec)})"
        if schema_issue_at(ctx, rule.pointer):
            yield finding(_SELF, ctx, rule.pointer,
                          f"fix for this skipped rule (see CT101): escape every parenthesis, "
                          f'"{shown(better)}"', severity="info", data=(rule.raw, better))
            continue
        if rule.tool in permrules.PATH_TOOLS:
            how = ('write a Windows path with forward slashes, or spell a literal parenthesis as '
                   '[(] or [)]')
        else:
            how = ('escape literal parentheses in pairs, and double a backslash that is a path '
                   'separator ("\\\\(")')
        yield finding(_SELF, ctx, rule.pointer,
                      f'Claude Code skips this rule: an escaped "\\(" or "\\)" beside unbalanced '
                      f"unescaped parentheses is ambiguous; {how}", data=(rule.raw, better))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Escape every unescaped parenthesis of the specifier."""
    if not isinstance(found.data, tuple):
        return None
    return replace_rule(ctx.data, found.pointer, found.data[0], found.data[1])
