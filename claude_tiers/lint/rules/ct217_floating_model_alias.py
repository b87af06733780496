"""CT217 floating-model-alias: an alias where a pinned model id was likely meant.

**What**: ``opus``, ``sonnet``, ``haiku``, ``fable`` or ``best`` as a settings ``model``,
``advisorModel``, ``fallbackModel`` entry, ``env.ANTHROPIC_MODEL``,
``env.CLAUDE_CODE_SUBAGENT_MODEL`` or frontmatter ``model``, unless the same file pins the alias
with ``ANTHROPIC_DEFAULT_<FAMILY>_MODEL``. ``availableModels`` entries are not reported (there an
alias deliberately allows a whole family).

(In a subagent, observed in 2.1.330, ``sonnet`` takes the main model's exact id when the main
model is a Sonnet too; the message says so.)

**Why**: an alias resolves per Claude Code version: ``opus`` sent ``claude-opus-4-7`` in 2.1.112
and ``claude-opus-5-5`` in 2.1.330. Cost and behaviour change on upgrade without any edit. The
message says what the alias resolves to today (the catalog's newest Claude Code snapshot) and
which pinned tier ids exist for the family.

FAIL (info)::

    {"model": "sonnet"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic (choosing the pin is a tiering decision); write the id named in the
message.
"""

from __future__ import annotations

import sys
from typing import Iterator, Mapping

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import AGENT, Finding, LintContext, finding

CODE = "CT217"
NAME = "floating-model-alias"
SEVERITY = "info"
APPLIES_TO = mf.MODEL_KINDS
FIX = None
_SELF = sys.modules[__name__]
_ROLES = frozenset({"model", "advisorModel", "fallbackModel", "env-model", "env-subagent", "frontmatter"})


def _pins(family: str | None) -> list[str]:
    """The tier ids of a family, e.g. "'claude-opus-4-6' (tier 2, production-critical)"."""
    cat = mf.catalog()
    out = []
    for tier in sorted(cat.tiers):
        name, model_id = cat.tiers[tier]
        model = cat.get(model_id)
        if model is not None and model.family == family:
            out.append(f"{mf.quote(model_id)} (tier {tier}, {name})")
    return out


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report floating aliases with today's target and the family's pinned tier ids."""
    from claude_tiers.catalog import BASE_ALIASES, format_price

    cat = mf.catalog()
    floating = frozenset(BASE_ALIASES) | {"best"}
    snap = cat.snapshot()
    env: Mapping[str, str] | None = None
    for field in mf.model_fields(ctx):
        if field.role not in _ROLES:
            continue
        ref = mf.classify(field.value)
        if ref.kind != "alias" or ref.alias not in floating:
            continue
        if env is None:
            env = mf.env_strings(ctx)
        target = cat.resolve_alias(field.value, env=env)
        plain = cat.resolve_alias(field.value)
        if target is None:
            continue
        if target != plain:
            continue  # pinned by ANTHROPIC_DEFAULT_*_MODEL in this file
        model = cat.get(target)
        today = f"{target} ({format_price(model)})" if model is not None else target
        history = ""
        first = cat.snapshots[0] if cat.snapshots else None
        if first is not None and first.version != snap.version:
            old = cat.resolve_alias(field.value, first.version)
            if old and old != target:
                history = f" (Claude Code {first.version} sent {old})"
        if field.role == "frontmatter" and ctx.kind == AGENT and not ref.one_m:
            # observed: a subagent's alias takes the main model's exact id when it is the same family
            today += f", or to the main model's id when that is {ref.family} too"
        pins = _pins(ref.family)
        keep = f"{mf.quote(target + ('[1m]' if ref.one_m else ''))} keeps today's model"
        advice = f"pin an id: {keep}" + (f"; the tier ids are {' or '.join(pins)}" if pins else "")
        yield finding(_SELF, ctx, field.pointer,
                      f"{field.label} {mf.quote(field.value)} is a floating alias: Claude Code "
                      f"{snap.version} resolves it to {today}, and the target changes between Claude "
                      f"Code versions{history}; {advice}")
