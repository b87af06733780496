"""CT502 secret-in-permission-rule: a token or password inside a permission rule.

**What**: an ``allow``, ``ask`` or ``deny`` rule whose text contains a credential: an
approved command such as ``Bash(PGPASSWORD=... psql:*)``, ``Bash(curl -H "Authorization:
Bearer ..." ...)``, ``Bash(sshpass -p ... ssh ...)``, ``Bash(mongosh mongodb+srv://user:pass@...)``.

**Why**: "Yes, and don't ask again" stores the command verbatim, credentials included, and
``settings.local.json`` accumulates them (3 of 260 real settings files from public
repositories carry live-looking tokens or passwords this way). The file gets committed, or
copied into the shared settings, and the credential leaks. Severity follows exposure, as for
CT501. The credential is masked in the message.

FAIL (``.claude/settings.local.json``)::

    {"permissions": {"allow": ["Bash(PGPASSWORD=s3cr3t-pw psql -h db -U app)"]}}

PASS::

    {"permissions": {"allow": ["Bash(psql -h db -U app)"]}}

(with the password in ``~/.pgpass`` or the environment).

**Fix** (unsafe): remove the rule; Claude Code will ask again the next time the command runs.
Unsafe because that changes what is approved. Rotate the credential either way.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import permrules, secretscan
from claude_tiers.lint.base import CLAUDE_JSON, JSON_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import excerpt, remove_rule

CODE = "CT502"
NAME = "secret-in-permission-rule"
SEVERITY = "error"
APPLIES_TO = JSON_KINDS - {CLAUDE_JSON}
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report permission rules that contain a credential (masked)."""
    for rule in permrules.rules_of(ctx.data):
        if not secretscan.credentials_in(rule.raw):
            continue
        yield finding(_SELF, ctx, rule.pointer,
                      f'this {rule.list} rule contains a credential ("{excerpt(rule.raw)}"), '
                      f"{secretscan.exposure(ctx)}; remove the rule and rotate the credential",
                      severity=secretscan.severity(ctx), data=rule.raw)


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Remove the rule."""
    return remove_rule(ctx.data, found.pointer, found.data)
