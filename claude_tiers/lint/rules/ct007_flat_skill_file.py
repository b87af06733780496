"""CT007 flat-skill-file: a skill written as ``.claude/skills/NAME.md``.

**What**: a Markdown file directly inside ``.claude/skills/``.

**Why**: Claude Code loads a skill only from ``.claude/skills/NAME/SKILL.md``: a flat
``NAME.md`` is never loaded, silently.

FAIL: ``.claude/skills/release-notes.md``

PASS: ``.claude/skills/release-notes/SKILL.md``

**Fix** (unsafe): move ``NAME.md`` to ``NAME/SKILL.md`` (refused when that exists). Unsafe
because the skill then loads, with whatever its frontmatter says.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

from claude_tiers.lint.base import FLAT_SKILL, Finding, LintContext, finding
from claude_tiers.lint.fileops import FileOps, Move

CODE = "CT007"
NAME = "flat-skill-file"
SEVERITY = "error"
APPLIES_TO = frozenset({FLAT_SKILL})
FIX = "unsafe"
_SELF = sys.modules[__name__]


def _destination(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, name[:-3] if name.endswith(".md") else name, "SKILL.md")


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report the flat skill file."""
    name = os.path.basename(ctx.display)
    stem = name[:-3] if name.endswith(".md") else name
    yield finding(_SELF, ctx, "", f"Claude Code never loads a flat skill file: skills live in "
                  f".claude/skills/{stem}/SKILL.md, so this skill does not exist for it",
                  at=(1, 1))


def fix(ctx: LintContext, found: Finding) -> FileOps | None:
    """Move NAME.md to NAME/SKILL.md."""
    destination = _destination(str(ctx.path))
    return FileOps(CODE, f"move {ctx.display} to {destination}",
                   (Move(str(ctx.path), destination),))
