"""CT503 secret-in-setting: a credential in a hook command, ``apiKeyHelper``, status line or other value.

**What**: a string anywhere in a settings file except ``env`` and the permission lists (CT501,
CT502) that contains a credential in a known format or assignment: a hook
``curl -H "Authorization: Bearer ..."``, ``"apiKeyHelper": "echo sk-ant-..."``, a database
URL with a password (``postgresql://user:pass@host``), a secret-named entry of an ``env`` or
``headers`` object inside hooks or MCP definitions.

**Why**: the same as CT501: the file is read by everyone who can read the repository, and the
credential outlives any later edit in git history. Severity follows exposure. Values are
never shown.

FAIL::

    {"apiKeyHelper": "echo sk-ant-api03-abcdefghijklmnop"}

PASS::

    {"apiKeyHelper": "security find-generic-password -s anthropic -w"}

**Fix**: none automatic: read the credential from the environment, a keychain or a secrets
manager, and rotate it.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import secretscan
from claude_tiers.lint.base import CLAUDE_JSON, JSON_KINDS, Finding, LintContext, finding

CODE = "CT503"
NAME = "secret-in-setting"
SEVERITY = "error"
APPLIES_TO = JSON_KINDS - {CLAUDE_JSON}
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report credentials in any other value (never the value)."""
    for hit in secretscan.other_hits(ctx.data):
        yield finding(_SELF, ctx, hit.pointer,
                      f"{hit.label} contains a credential (value hidden), "
                      f"{secretscan.exposure(ctx)}; read it from the environment or a secrets "
                      "manager instead, and rotate it", severity=secretscan.severity(ctx))
