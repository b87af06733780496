"""CT203 deprecated-model: a model that is deprecated or retires soon.

**What**: any model string naming a model whose catalog status is ``deprecated``, or whose
announced retirement date is less than ``days`` (option, default 90) away. A model whose
"not sooner than" retirement date has passed is reported as info: Anthropic may announce its
retirement at any time.

**Why**: Claude Code still uses the model today and warns at startup, but on the retirement
date every request to it starts failing. Moving before the date is cheaper than after.

FAIL::

    {"model": "claude-sonnet-4-5-20250929"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic; move to the replacement named in the message, or to the tier's model.
Options: ``days`` (warning horizon, default 90), ``today`` (ISO date, for reproducible runs).
"""

from __future__ import annotations

import re
import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import Finding, LintContext, finding

CODE = "CT203"
NAME = "deprecated-model"
SEVERITY = "warning"
APPLIES_TO = mf.MODEL_KINDS
FIX = None
_SELF = sys.modules[__name__]
DEFAULT_DAYS = 90


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _today(ctx: LintContext) -> str:
    """Today as ``YYYY-MM-DD`` (the ``today`` option, for reproducible runs, or the local date).

    Dates stay ISO strings, which compare like dates: datetime, a C extension, is loaded only
    to count days to an announced retirement.
    """
    value = ctx.options.get("today")
    if value is not None:  # from the configuration: rare, so datetime may check it
        from datetime import date

        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            pass
    return ctx.today()


def _iso(text: str | None) -> str | None:
    return text if text and _ISO_DATE.fullmatch(text) else None


def _days(later: str, earlier: str) -> int:
    from datetime import date

    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report deprecated models and models retiring within the horizon."""
    cat = mf.catalog()
    today: str | None = None
    days_opt = ctx.options.get("days", DEFAULT_DAYS)
    horizon = days_opt if isinstance(days_opt, int) and not isinstance(days_opt, bool) else DEFAULT_DAYS
    for field in mf.model_fields(ctx):
        ref = mf.classify(field.value)
        if not ref.canonical or ref.kind == "malformed":
            continue
        model = cat.get(ref.canonical)
        if model is None or model.status == "retired":
            continue
        if model.status != "deprecated" and not model.retires_on and not model.retires_not_before:
            continue  # nothing to report, whatever the date
        today = today or _today(ctx)
        retires = _iso(model.retires_on)
        new = cat.current_replacement(model) if model.replacement else None
        move = f"; move to {mf.quote(new.id)}" if new else ""
        what = f"{field.label} {mf.quote(field.value)} is {model.display_name}"
        if model.status == "deprecated" or (retires is not None and _days(retires, today) <= horizon):
            if retires is None:
                when = "deprecated; no retirement date is announced yet"
            elif retires < today:
                when = (f"{'deprecated, ' if model.status == 'deprecated' else ''}scheduled to retire "
                        f"on {model.retires_on}: requests to it may already fail")
            else:
                left = _days(retires, today)
                when = (f"{'deprecated, ' if model.status == 'deprecated' else ''}retiring on "
                        f"{model.retires_on} (in {left} day{'s' if left != 1 else ''}): Claude Code "
                        f"still uses it, then {field.fails}")
            yield finding(_SELF, ctx, field.pointer, f"{what}, {when}{move}")
            continue
        not_before = _iso(model.retires_not_before)
        if not_before is not None and not_before < today:
            yield finding(_SELF, ctx, field.pointer,
                          f"{what}, whose earliest retirement date ({model.retires_not_before}) has "
                          f"passed: Claude Code still uses it, but Anthropic may announce its retirement "
                          f"at any time; check its status{move}", severity="info")
