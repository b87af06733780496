"""CT010 link-outside-repository: a configuration file linking out of its repository.

**What**: a settings, agent, command or skill file that is a symbolic link to a file outside
the repository holding it (its git work tree; outside git, the folder holding its
``.claude/``), such as ``.claude/settings.local.json -> ~/dotfiles/claude/local.json``.

**Why**: Claude Code follows the link and reads whatever is at its end on each machine: the
file is not part of the repository, so it differs between machines, and reviews never see
it. claude-tiers does not read it: a repository's link can point at any file of the machine
linting it (``~/.aws/credentials``, a CI runner's secrets), and a parse error would quote what
it found there in the report. Nothing in it is linted.

FAIL::

    .claude/settings.local.json -> /home/me/dotfiles/claude/settings.local.json

PASS::

    .claude/settings.local.json        (a file of its own)
    .claude/settings.json -> ../../shared/claude/settings.json   (a link inside the repository)

**Fix**: none automatic. To lint the file, name it where it really is
(``claude-tiers lint ~/dotfiles/claude/settings.local.json``); to share it, copy it into the
repository.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint.base import FRONTMATTER_KINDS, JSON_KINDS, Finding, LintContext, finding

CODE = "CT010"
NAME = "link-outside-repository"
SEVERITY = "info"
APPLIES_TO = JSON_KINDS | FRONTMATTER_KINDS
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report a file not read because it links out of its repository."""
    error = ctx.error
    if error is None or error.kind != "outside-link":
        return
    yield finding(_SELF, ctx, "", f"{error.message}: Claude Code reads it there, claude-tiers "
                  "does not (a repository's link could point at any file of this machine); "
                  "name the file itself to lint it", at=(1, 1))
