"""CT602 agent-name-skipped: an agent ``name`` containing ``:`` or starting with ``-``.

**What**: a subagent whose frontmatter ``name`` contains a colon (``team:reviewer``) or starts
with a hyphen.

**Why**: Claude Code reserves ``:`` for plugin namespaces and rejects a leading ``-``; it skips
such a file silently (only a ``--debug-file`` log says why), so the agent is unavailable.

FAIL::

    ---
    name: team:reviewer
    description: Reviews diffs
    ---

PASS::

    ---
    name: team-reviewer
    description: Reviews diffs
    ---

**Fix**: none automatic (other files may refer to the agent by name); rename it with lowercase
letters and hyphens.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import AGENT, Finding, LintContext, finding

CODE = "CT602"
NAME = "agent-name-skipped"
SEVERITY = "error"
APPLIES_TO = frozenset({AGENT})
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report agent names Claude Code refuses."""
    name = ctx.fields.get("name")
    if not isinstance(name, str):
        return
    problems = []
    if ":" in name:
        problems.append("contains ':'")
    if name.startswith("-"):
        problems.append("starts with '-'")
    if not problems:
        return
    better = name.replace(":", "-").lstrip("-") or "my-agent"
    yield finding(_SELF, ctx, "/name",
                  f"agent name '{name}' {' and '.join(problems)}: Claude Code skips this agent "
                  f"silently (the reason shows only in a --debug-file log); use lowercase letters and "
                  f"hyphens, e.g. '{better}'")
