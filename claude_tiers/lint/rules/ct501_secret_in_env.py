"""CT501 secret-in-env: an API key, token or password in a settings file's ``env``.

**What**: an ``env`` entry whose name says credential (``ANTHROPIC_API_KEY``,
``ANTHROPIC_AUTH_TOKEN``, ``*_SECRET``, ``*PASSWORD*``...) with a real-looking value, or any
``env`` value in a known credential format (``sk-ant-...``, ``ghp_...``, ``AKIA...``).
References (``${VAR}``, ``$VAR``), flags and placeholders (``your-api-key``, ``<token>``) are
not reported.

**Why**: ``.claude/settings.json`` is committed and shared: a key in it is readable by
everyone with access to the repository (and its history, forever). Claude Code happily uses
it, so nothing breaks to warn you. Severity and wording follow exposure, from what the file
is and how git sees it: error in any file git tracks and in shared project settings,
warning in a personal ``settings.local.json`` (git-ignored: not committed, but readable by
anyone who has the file; not ignored: one ``git add -A`` would commit it), in a loose file
that git does not track (``s.json``) and in managed settings, info in user settings. The
value is never shown.

FAIL (``.claude/settings.json``)::

    {"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-..."}}

PASS::

    {"apiKeyHelper": "~/bin/print-anthropic-key"}

**Fix**: none automatic: remove the value, provide it from the shell environment,
``apiKeyHelper`` or a secrets manager, and rotate the credential (it stays in git history).
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import secretscan
from claude_tiers.lint.base import JSON_KINDS, CLAUDE_JSON, Finding, LintContext, finding

CODE = "CT501"
NAME = "secret-in-env"
SEVERITY = "error"
APPLIES_TO = JSON_KINDS - {CLAUDE_JSON}
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report credentials in ``env`` (never the value)."""
    for hit in secretscan.env_hits(ctx.data):
        what = "holds a credential" if hit.by_name else "holds a value in a credential format"
        yield finding(_SELF, ctx, hit.pointer,
                      f"{hit.label} {what} (value hidden), {secretscan.exposure(ctx)}; take it out "
                      "of the file (export it in your shell or use apiKeyHelper) and rotate it",
                      severity=secretscan.severity(ctx))
