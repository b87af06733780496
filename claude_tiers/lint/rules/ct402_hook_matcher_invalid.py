"""CT402 hook-matcher-invalid: a hook matcher that is not a valid regular expression, or uses permission-rule syntax.

**What**: a ``matcher`` that Claude Code treats as a regular expression (anything beyond
letters, digits, ``_``, ``-``, spaces, ``,`` and ``|``) but that does not compile
(``"start("``, ``"*Edit"``, ``"Write(./app/**)"``), or one written like a permission rule,
``Tool(specifier)``, which as a regular expression never matches the tool it names
(``"Edit(./src/**)"`` means "Edit" followed by "./src/", not "Edit on ./src/").

**Why**: Claude Code accepts the group without a warning and its hooks never run (observed
with 2.1.330: ``"start("`` and ``"["`` never fire, ``"Agent(x)"`` never fires for ``Agent``).
Matchers choose tools (or event sources such as ``startup``), never paths or commands.

FAIL::

    {"hooks": {"PostToolUse": [{"matcher": "Write(./app/**)|Edit(./app/**)",
        "hooks": [{"type": "command", "command": "npm run lint"}]}]}}

PASS::

    {"hooks": {"PostToolUse": [{"matcher": "Write|Edit",
        "hooks": [{"type": "command", "command": "npm run lint", "if": "Edit(./app/**)"}]}]}}

**Fix**: none automatic: write tool names (``Write|Edit``) and filter paths in the hook
command (or with the handler's ``if`` field, one permission rule).
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from claude_tiers.lint import hookmatch, permrules
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import quote, schema_flagged

CODE = "CT402"
NAME = "hook-matcher-invalid"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]

_RULE_LIKE = re.compile(r"(?:^|\|)\s*([A-Z][A-Za-z]+)\(")


def permission_syntax(matcher: str) -> list[str]:
    """Tools the matcher names in ``Tool(...)`` form without matching them."""
    tools = []
    for name in _RULE_LIKE.findall(matcher):
        if name in permrules.KNOWN_TOOLS and not hookmatch.search(matcher, name):
            tools.append(name)
    return tools


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report matchers that never match anything."""
    for group in hookmatch.groups_of(ctx.data):
        matcher = group.matcher
        if not isinstance(matcher, str) or hookmatch.matches_all(matcher) \
                or hookmatch.is_exact(matcher):
            continue
        pointer = group.pointer + "/matcher"
        if schema_flagged(ctx, pointer):
            continue
        tools = permission_syntax(matcher) if group.event in hookmatch.TOOL_EVENTS else []
        if tools:
            names = "|".join(dict.fromkeys(tools))
            yield finding(_SELF, ctx, pointer,
                          f"{group.event} matcher {quote(matcher)} uses permission-rule syntax: "
                          f"Claude Code reads it as a regular expression that never matches "
                          f"{', '.join(dict.fromkeys(tools))}, so these hooks never run; match "
                          f'tool names ("{names}") and check paths or commands in the hook')
            continue
        error = hookmatch.js_regex_error(matcher)
        if error is not None:
            yield finding(_SELF, ctx, pointer,
                          f"{group.event} matcher {quote(matcher)} is not a valid regular "
                          f"expression ({error}): Claude Code accepts it silently and these hooks "
                          "never run; use tool names such as \"Edit|Write\" (or \"*\" for all)")
